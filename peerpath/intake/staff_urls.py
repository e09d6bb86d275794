from django.urls import path

from peerpath.intake import staff_views

urlpatterns = [
    path("", staff_views.queue, name="intake-staff-queue"),
    path("cohorts/", staff_views.cohorts, name="intake-staff-cohorts"),
    path("cohorts/<int:cohort_id>/", staff_views.edit_cohort, name="intake-staff-edit-cohort"),
    path("<int:application_id>/", staff_views.application_detail, name="intake-staff-application"),
    path(
        "<int:application_id>/<slug:decision>/",
        staff_views.decide,
        name="intake-staff-decide",
    ),
    path("documents/<int:document_id>/", staff_views.document, name="intake-staff-document"),
]
