from django.urls import path

from peerpath.practice import views

urlpatterns = [
    path("", views.practice_home, name="practice-home"),
    path("history/", views.history, name="practice-history"),
    path("history/<int:attempt_id>/share/", views.share_attempt, name="practice-share-attempt"),
    path("history/<int:attempt_id>/delete/", views.delete_attempt, name="practice-delete-attempt"),
    path("activity/", views.staff_activity, name="practice-staff-activity"),
    path("<slug:code>/", views.practise, name="practice-exercise"),
]
