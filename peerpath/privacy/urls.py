from django.urls import path

from peerpath.privacy import views

me_urlpatterns = [
    path("", views.home, name="privacy-home"),
    path("export/", views.request_export, name="privacy-request-export"),
    path("export/<str:token>/", views.download_export, name="privacy-export-download"),
    path("consents/new/", views.new_consent, name="privacy-new-consent"),
    path(
        "consents/<int:consent_id>/withdraw/", views.revoke_consent, name="privacy-revoke-consent"
    ),
]

staff_urlpatterns = [
    path("people/<int:participant_id>/share/", views.share, name="privacy-share"),
    path("people/<int:participant_id>/erase/", views.erase, name="privacy-erase"),
    path("retention/", views.retention_settings, name="privacy-retention"),
]
