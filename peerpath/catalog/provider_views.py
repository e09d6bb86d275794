"""Training providers, edited in PeerPath: /staff/admin/providers/… for the
installation's administrator (providers are shared by every organization)."""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.forms.models import model_to_dict
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from peerpath.accounts.access import administrator_required, is_installation_admin
from peerpath.accounts.models import User
from peerpath.audit.actions import record_event
from peerpath.catalog.loader import ProviderCsvError, export_provider_csv, import_provider_csv
from peerpath.catalog.models import Provider
from peerpath.catalog.provider_forms import ProviderForm, ProviderImportForm


def _installation_admin(request: HttpRequest) -> User:
    user: User = request.user  # type: ignore[assignment]
    if not is_installation_admin(user):
        raise Http404
    return user


def _plain(value: object) -> object:
    if isinstance(value, list):
        return sorted(str(getattr(item, "pk", item)) for item in value)
    return value if isinstance(value, bool | int | None) else str(value)


@administrator_required
def list_providers(request: HttpRequest) -> HttpResponse:
    _installation_admin(request)
    providers = Provider.objects.order_by("-offers_core_training", "name")
    page = Paginator(providers, 25).get_page(request.GET.get("page"))
    return render(
        request, "catalog/admin/provider_list.html", {"page": page, "form": ProviderImportForm()}
    )


@transaction.atomic
def do_save_provider(actor: User, form: ProviderForm) -> Provider:
    created = form.instance.pk is None
    before = {name: _plain(form.initial.get(name)) for name in form.changed_data}
    provider = form.save()
    after = {name: _plain(form.cleaned_data.get(name)) for name in form.changed_data}
    if created or after:
        action = "provider.created" if created else "provider.changed"
        record_event(actor, action, provider, before=before, after=after)
    return provider


@administrator_required
@require_http_methods(["GET", "POST"])
def edit_provider(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    actor = _installation_admin(request)
    provider = get_object_or_404(Provider, slug=slug) if slug else Provider()
    initial = model_to_dict(provider, fields=["specializations", "methods", "modalities"])
    form = ProviderForm(request.POST or None, instance=provider, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = do_save_provider(actor, form)
        messages.success(request, _("The provider is saved."))
        return redirect("catalog-admin-edit-provider", saved.slug)
    return render(request, "catalog/admin/provider_form.html", {"provider": provider, "form": form})


@administrator_required
def export_providers(request: HttpRequest) -> HttpResponse:
    actor = _installation_admin(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="peerpath-providers.csv"'
    count = export_provider_csv(response)
    record_event(actor, "provider.exported", None, rows=count)
    return response


@administrator_required
@require_http_methods(["POST"])
def import_providers(request: HttpRequest) -> HttpResponse:
    actor = _installation_admin(request)
    form = ProviderImportForm(request.POST, request.FILES)
    error = ""
    if form.is_valid():
        raw = form.cleaned_data["file"].read()
        try:
            text = raw.decode("utf-8-sig")
            providers = import_provider_csv(io.StringIO(text, newline=""))
        except UnicodeDecodeError:
            error = _("The file is not UTF-8 text. Save it as CSV UTF-8 and try again.")
        except ProviderCsvError as problem:
            error = _("Nothing was imported: %(problem)s") % {"problem": problem}
        else:
            record_event(
                actor,
                "provider.imported",
                None,
                rows=len(providers),
                slugs=[p.slug for p in providers],
            )
            messages.success(
                request, _("%(count)s providers imported or updated.") % {"count": len(providers)}
            )
            return redirect("catalog-admin-providers")
    if error:
        form.add_error("file", error)
    providers = Provider.objects.order_by("-offers_core_training", "name")
    page = Paginator(providers, 25).get_page(1)
    return render(
        request, "catalog/admin/provider_list.html", {"page": page, "form": form}, status=400
    )
