from django.urls import path

from peerpath.notifications import staff_views

urlpatterns = [
    path("", staff_views.failed_emails, name="notifications-failed-emails"),
    path("<int:notification_id>/retry/", staff_views.retry_email, name="notifications-retry-email"),
]
