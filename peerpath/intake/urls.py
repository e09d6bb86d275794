from django.urls import path

from peerpath.intake import views

urlpatterns = [
    path("ready/", views.readiness, name="intake-readiness"),
    path("ready/kept/", views.readiness_kept, name="intake-readiness-kept"),
    path(
        "ready/kept/<int:record_id>/delete/",
        views.delete_readiness,
        name="intake-readiness-delete",
    ),
    path("eligibility/", views.eligibility, name="intake-eligibility"),
    path("ethics/", views.sign_ethics, name="intake-ethics"),
    path("apply/", views.apply, name="intake-apply"),
    path("apply/documents/", views.apply_documents, name="intake-apply-documents"),
    path(
        "apply/documents/<int:document_id>/",
        views.download_own_document,
        name="intake-apply-document",
    ),
    path(
        "apply/documents/<int:document_id>/delete/",
        views.delete_document,
        name="intake-apply-delete-document",
    ),
    path("apply/review/", views.apply_review, name="intake-apply-review"),
    path("apply/choose/", views.choose_program, name="intake-apply-choose"),
    path("apply/<slug:step>/", views.apply_step, name="intake-apply-step"),
]
