from django.urls import path

from peerpath.intake import views

urlpatterns = [
    path("ready/", views.readiness, name="intake-readiness"),
    path("eligibility/", views.eligibility, name="intake-eligibility"),
    path("ethics/", views.sign_ethics, name="intake-ethics"),
]
