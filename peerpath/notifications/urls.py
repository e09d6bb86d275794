from django.urls import path

from peerpath.notifications import views

urlpatterns = [
    path("", views.notification_list, name="notifications-list"),
    path("read/", views.mark_all_read, name="notifications-mark-read"),
]
