from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest
from django.urls import reverse


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
