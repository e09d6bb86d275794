import datetime as dt

from django.urls import path, register_converter

from peerpath.schedule import views
from peerpath.schedule.rules import in_calendar_range


class IsoDateConverter:
    """YYYY-MM-DD in a URL; an impossible date (2026-02-30) simply does not match."""

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value: str) -> dt.date:
        day = dt.date.fromisoformat(value)
        if not in_calendar_range(day):
            raise ValueError("outside the calendar's years")
        return day

    def to_url(self, value: dt.date | str) -> str:
        return value if isinstance(value, str) else value.isoformat()


register_converter(IsoDateConverter, "isodate")

SESSION = "<int:series_id>/<isodate:day>/"

urlpatterns = [
    path("", views.show_calendar, name="schedule-show-calendar"),
    path("programs/<slug:slug>/", views.show_public, name="schedule-show-public"),
    path("programs/<slug:slug>/calendar.ics", views.public_feed, name="schedule-public-feed"),
    path("feed/", views.manage_feed, name="schedule-manage-feed"),
    path("feed/<str:token>.ics", views.personal_feed, name="schedule-personal-feed"),
    path("contact/", views.message_advocate, name="schedule-message-advocate"),
    path("messages/<int:message_id>/", views.show_message, name="schedule-show-message"),
    path("bookings/", views.list_bookings, name="schedule-list-bookings"),
    path("series/new/", views.edit_series, name="schedule-create-series"),
    path("series/<int:series_id>/edit/", views.edit_series, name="schedule-edit-series"),
    path("people/<int:participant_id>/", views.show_participant, name="schedule-show-participant"),
    path(SESSION, views.show_session, name="schedule-show-session"),
    path(SESSION + "event.ics", views.download_event, name="schedule-download-event"),
    path(SESSION + "book/", views.book_session, name="schedule-book-session"),
    path(SESSION + "cancel-booking/", views.cancel_booking, name="schedule-cancel-booking"),
    path(SESSION + "check-in/", views.check_in, name="schedule-check-in"),
    path(SESSION + "excuse/", views.excuse_absence, name="schedule-excuse-absence"),
    path(SESSION + "roll/", views.take_roll, name="schedule-take-roll"),
    path(SESSION + "change/", views.change_session, name="schedule-change-session"),
]
