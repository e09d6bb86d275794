from django.urls import path

from peerpath.certification import views

urlpatterns = [
    path("", views.my_certification, name="certification-mine"),
    path("at-risk/", views.at_risk, name="certification-at-risk"),
    path(
        "people/<int:participant_id>/",
        views.participant_certification,
        name="certification-participant",
    ),
]
