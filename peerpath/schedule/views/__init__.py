from peerpath.schedule.views.calendar import (
    book_session,
    cancel_booking,
    check_in,
    download_event,
    excuse_absence,
    show_calendar,
    show_public,
    show_session,
)
from peerpath.schedule.views.feeds import (
    manage_feed,
    message_advocate,
    personal_feed,
    public_feed,
)
from peerpath.schedule.views.staff import (
    change_session,
    edit_series,
    list_bookings,
    show_message,
    show_participant,
    take_roll,
)

__all__ = [
    "book_session",
    "cancel_booking",
    "change_session",
    "check_in",
    "download_event",
    "edit_series",
    "excuse_absence",
    "list_bookings",
    "manage_feed",
    "message_advocate",
    "personal_feed",
    "public_feed",
    "show_calendar",
    "show_message",
    "show_participant",
    "show_public",
    "show_session",
    "take_roll",
]
