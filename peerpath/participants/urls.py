from django.urls import path

from peerpath.participants import views

me_urlpatterns = [
    path("", views.home, name="participants-home"),
    path("pause/", views.pause_self, name="participants-pause-self"),
    path("resume/", views.resume_self, name="participants-resume-self"),
    path("viewed/", views.record_views, name="participants-record-views"),
    path("messages/", views.my_messages, name="participants-my-messages"),
]

staff_urlpatterns = [
    path("caseload/", views.caseload, name="participants-caseload"),
    path("people/<int:participant_id>/", views.record, name="participants-record"),
    path(
        "people/<int:participant_id>/contacts/",
        views.add_contact,
        name="participants-add-contact",
    ),
    path("people/<int:participant_id>/pause/", views.pause, name="participants-pause"),
    path("people/<int:participant_id>/exit/", views.record_exit, name="participants-record-exit"),
    path("people/<int:participant_id>/messages/", views.thread, name="participants-thread"),
]
