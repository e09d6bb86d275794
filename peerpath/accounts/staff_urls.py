from __future__ import annotations

from django.urls import path

from peerpath.accounts import program_views, staff_views
from peerpath.catalog import provider_views
from peerpath.certification import jurisdiction_views

urlpatterns = [
    path("people/", staff_views.list_staff, name="accounts-staff-list"),
    path("people/invite/", staff_views.invite_staff, name="accounts-staff-invite"),
    path("people/<int:member_id>/", staff_views.staff_detail, name="accounts-staff-detail"),
    path(
        "people/<int:member_id>/invitation/",
        staff_views.resend_invitation,
        name="accounts-staff-resend-invitation",
    ),
    path(
        "people/<int:member_id>/deactivate/",
        staff_views.deactivate_staff,
        name="accounts-staff-deactivate",
    ),
    path(
        "people/<int:member_id>/reactivate/",
        staff_views.reactivate_staff,
        name="accounts-staff-reactivate",
    ),
    path(
        "people/<int:member_id>/second-factor/",
        staff_views.reset_second_factor,
        name="accounts-staff-reset-mfa",
    ),
    path("caseloads/", staff_views.reassign_caseload, name="accounts-reassign-caseload"),
]

urlpatterns += [
    path("programs/", program_views.list_programs, name="accounts-program-list"),
    path("programs/new/", program_views.create_program, name="accounts-program-create"),
    path("programs/<slug:slug>/", program_views.edit_program, name="accounts-program-edit"),
]

urlpatterns += [
    path(
        "jurisdictions/",
        jurisdiction_views.list_jurisdictions,
        name="certification-jurisdictions",
    ),
    path(
        "jurisdictions/<int:rule_id>/",
        jurisdiction_views.edit_jurisdiction,
        name="certification-edit-jurisdiction",
    ),
]

urlpatterns += [
    path("providers/", provider_views.list_providers, name="catalog-admin-providers"),
    path("providers/new/", provider_views.edit_provider, name="catalog-admin-create-provider"),
    path(
        "providers/export.csv",
        provider_views.export_providers,
        name="catalog-admin-export-providers",
    ),
    path(
        "providers/import/", provider_views.import_providers, name="catalog-admin-import-providers"
    ),
    path(
        "providers/<slug:slug>/", provider_views.edit_provider, name="catalog-admin-edit-provider"
    ),
]
