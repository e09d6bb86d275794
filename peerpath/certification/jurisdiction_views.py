"""State certification rules as data: /staff/admin/jurisdictions/, for the installation's
administrator only (an organization's administrator or anyone else gets a 404)."""

from __future__ import annotations

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from peerpath.accounts.access import administrator_required, is_installation_admin
from peerpath.accounts.models import User
from peerpath.audit.actions import record_event
from peerpath.certification.jurisdiction_forms import JurisdictionRuleForm
from peerpath.certification.models import JurisdictionRule

META_FIELDS = ("name", "effective_on", "source_url", "source_checked_on", "verified", "notes")


def _installation_admin(request: HttpRequest) -> User:
    user: User = request.user  # type: ignore[assignment]
    if not is_installation_admin(user):
        raise Http404
    return user


@administrator_required
def list_jurisdictions(request: HttpRequest) -> HttpResponse:
    _installation_admin(request)
    rules = JurisdictionRule.objects.order_by("code", "-effective_on")
    return render(request, "certification/jurisdiction_list.html", {"rules": rules})


@transaction.atomic
def do_save_jurisdiction_rule(
    actor: User, form: JurisdictionRuleForm, *, copy_of: JurisdictionRule | None = None
) -> JurisdictionRule:
    """Save an edit (or a new version copied from `copy_of`), audited before and after."""
    rule = form.instance
    old_values = dict(rule.values or {})
    before = {
        name: str(form.initial.get(name)) for name in META_FIELDS if name in form.changed_data
    }
    rule.values = form.numbers()
    rule = form.save()
    after = {name: str(form.cleaned_data.get(name)) for name in before}
    for name, value in rule.values.items():
        if old_values.get(name) != value:
            before[name] = str(old_values.get(name))
            after[name] = str(value)
    action = "jurisdiction.version_created" if copy_of else "jurisdiction.changed"
    if copy_of or after:
        extra = {"copied_from": copy_of.pk} if copy_of else {}
        record_event(actor, action, rule, before=before, after=after, **extra)
    return rule


@administrator_required
@require_http_methods(["GET", "POST"])
def edit_jurisdiction(request: HttpRequest, rule_id: int) -> HttpResponse:
    actor = _installation_admin(request)
    rule = get_object_or_404(JurisdictionRule, pk=rule_id)
    new_version = request.GET.get("new") == "1" or request.POST.get("new") == "1"
    instance = rule
    if new_version:
        instance = JurisdictionRule(
            code=rule.code,
            name=rule.name,
            values=dict(rule.values),
            source_url=rule.source_url,
            verified=False,
        )
    form = JurisdictionRuleForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            do_save_jurisdiction_rule(actor, form, copy_of=rule if new_version else None)
        except IntegrityError:
            form.add_error("effective_on", _("This state already has a version from that date."))
        else:
            messages.success(request, _("The state's rules are saved."))
            return redirect("certification-jurisdictions")
    numbers = [form[name] for name in form.fields if name not in META_FIELDS]
    meta = [form[name] for name in META_FIELDS]
    return render(
        request,
        "certification/jurisdiction_form.html",
        {"rule": rule, "form": form, "numbers": numbers, "meta": meta, "new_version": new_version},
    )
