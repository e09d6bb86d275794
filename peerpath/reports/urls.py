from django.urls import path

from peerpath.reports import views

urlpatterns = [
    path("", views.show_report, name="reports-show-report"),
    path("deidentified/", views.deidentified_export, name="reports-deidentified-export"),
    path("download/<slug:fmt>/", views.download_report, name="reports-download-report"),
]
