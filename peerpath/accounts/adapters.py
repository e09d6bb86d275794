from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation

SIGNUP_EMAIL_KEY = "peerpath_signup_email"


@dataclass(frozen=True)
class Brand:
    """What account emails call the site: its name, never the host it was reached on."""

    name: str
    domain: str


def brand() -> Brand:
    return Brand(name="PeerPath", domain=urlsplit(settings.SITE_URL).netloc)


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request: HttpRequest) -> str:
        return reverse("web-after-login")

    def save_user(self, request, user, form, commit=True):  # type: ignore[no-untyped-def]
        """New sign-ups are participants and keep the language they signed up in."""
        user = super().save_user(request, user, form, commit=False)
        user.language = (getattr(request, "LANGUAGE_CODE", "en") or "en")[:2]
        if commit:
            user.save()
        return user

    def send_confirmation_mail(
        self, request: HttpRequest, emailconfirmation: Any, signup: bool
    ) -> None:
        super().send_confirmation_mail(request, emailconfirmation, signup)
        if signup:
            # The "check your email" page says which address the link went to.
            request.session[SIGNUP_EMAIL_KEY] = emailconfirmation.email_address.email

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """Account emails carry the site's name and are written in the recipient's language."""
        from peerpath.accounts.models import User

        user = context.get("user")
        if not isinstance(user, User):
            user = User.objects.filter(email__iexact=email).first()
        language = getattr(user, "language", "") or translation.get_language() or "en"
        with translation.override(language):
            super().send_mail(template_prefix, email, {**context, "current_site": brand()})
