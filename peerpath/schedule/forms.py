from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from peerpath.accounts.models import User
from peerpath.lib.dates import parse_iso_date
from peerpath.schedule import rules
from peerpath.schedule.models import AttendanceStatus, SessionKind, SessionSeries

# Django's own day names: redefining "Monday" in the project catalogue would
# change how every date in the site is written.
WEEKDAY_CHOICES = [(code, WEEKDAYS[index]) for index, code in enumerate(rules.WEEKDAY_CODES)]
MONTH_WEEK_CHOICES = [
    ("1", _("First")),
    ("2", _("Second")),
    ("3", _("Third")),
    ("4", _("Fourth")),
    ("-1", _("Last")),
]
FREQUENCY_CHOICES = [
    ("once", _("Once")),
    ("weekly", _("Every week")),
    ("monthly", _("Every month, on chosen weeks")),
]
CUSTOM = "custom"
MAX_MOVE_DAYS = 366


def parse_day(value: str | None) -> dt.date | None:
    """A YYYY-MM-DD query parameter within the calendar's years, or None for anything
    else (never an error page)."""
    try:
        day = parse_iso_date(value)
    except ValueError:
        return None
    return day if rules.in_calendar_range(day) else None


class SeriesForm(forms.ModelForm):
    """A session or a repeating series, with the repeat rule built from plain choices."""

    frequency = forms.ChoiceField(
        label=_("Repeats"), choices=FREQUENCY_CHOICES, widget=forms.RadioSelect
    )
    weekdays = forms.MultipleChoiceField(
        label=_("On"),
        choices=WEEKDAY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    month_weeks = forms.MultipleChoiceField(
        label=_("Weeks of the month"),
        choices=MONTH_WEEK_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For monthly sessions, e.g. the first and third Tuesday."),
    )

    class Meta:
        model = SessionSeries
        fields = [
            "kind",
            "title",
            "title_es",
            "description",
            "description_es",
            "starts_on",
            "start_time",
            "end_time",
            "ends_on",
            "is_public",
            "bookable",
            "capacity",
            "join_url",
            "meeting_id",
            "passcode",
        ]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "description": forms.Textarea(attrs={"rows": 3}),
            "description_es": forms.Textarea(attrs={"rows": 3}),
            "passcode": forms.TextInput(attrs={"autocomplete": "off"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = list(SessionKind.choices)
        shape = rules.split_recurrence(self.instance.recurrence) if self.instance.pk else None
        if self.instance.pk and shape is None:
            # A rule written in the admin that these choices cannot show: keep it as is.
            self.fields["frequency"].choices = [
                *FREQUENCY_CHOICES,
                (CUSTOM, _("Keep the current rule: %(rule)s") % {"rule": self.instance.recurrence}),
            ]
            self.initial.setdefault("frequency", CUSTOM)
        elif shape is not None:
            frequency, days, weeks = shape
            self.initial.setdefault("frequency", frequency)
            self.initial.setdefault("weekdays", days)
            self.initial.setdefault("month_weeks", [str(n) for n in weeks])
        else:
            self.initial.setdefault("frequency", "weekly")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        frequency = data.get("frequency")
        if frequency and frequency != CUSTOM:
            try:
                self.instance.recurrence = rules.build_recurrence(
                    frequency,
                    data.get("weekdays") or [],
                    [int(n) for n in data.get("month_weeks") or []],
                )
            except ValueError as exc:
                field = "month_weeks" if frequency == "monthly" else "weekdays"
                self.add_error(field, str(exc))
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The end must be after the start."))
        first, last = data.get("starts_on"), data.get("ends_on")
        if first and last and last < first:
            self.add_error("ends_on", _("The last date cannot be before the first."))
        if data.get("capacity") and not data.get("bookable"):
            self.add_error("capacity", _("Places apply only when people book."))
        return data


class ChangeOccurrenceForm(forms.Form):
    """Cancel one date, move it, or undo the change."""

    action = forms.ChoiceField(
        label=_("What changes"),
        choices=[
            ("cancel", _("Cancel this date")),
            ("move", _("Move it to another time")),
            ("restore", _("Undo the change: back to the usual time")),
        ],
        widget=forms.RadioSelect,
    )
    new_date = forms.DateField(
        label=_("New date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    new_start_time = forms.TimeField(
        label=_("New start"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    new_end_time = forms.TimeField(
        label=_("New end"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    note = forms.CharField(
        label=_("Note for attendees"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Shown with the session and sent to people who booked. No join details."),
    )

    def __init__(self, *args: Any, original_date: dt.date, zone: ZoneInfo, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.original_date = original_date
        self.zone = zone

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("action") != "move":
            return data
        day, start, end = data.get("new_date"), data.get("new_start_time"), data.get("new_end_time")
        for name, value in (("new_date", day), ("new_start_time", start), ("new_end_time", end)):
            if value is None and name not in self.errors:
                self.add_error(name, _("Needed to move the session."))
        if day and abs((day - self.original_date).days) > MAX_MOVE_DAYS:
            self.add_error("new_date", _("Choose a date within a year of the original."))
        if start and end and end <= start:
            self.add_error("new_end_time", _("The end must be after the start."))
        if not self.errors and day and start and end:
            data["new_start"] = rules.local_datetime(day, start, self.zone)
            data["new_end"] = rules.local_datetime(day, end, self.zone)
            if data["new_end"] <= data["new_start"]:
                # The start fell in the hour skipped when the clocks go forward.
                self.add_error(
                    "new_start_time",
                    _("The clocks go forward that night, so this time does not exist."),
                )
        return data


class RollForm(forms.Form):
    """One radio group per person: present, excused or absent; blank leaves it as it is."""

    def __init__(
        self,
        *args: Any,
        people: Iterable[User],
        current: dict[int, str],
        started: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.people = list(people)
        self.started = started
        for person in self.people:
            self.fields[f"p{person.pk}"] = forms.ChoiceField(
                label=person.display_name,
                choices=list(AttendanceStatus.choices),
                required=False,
                widget=forms.RadioSelect,
                initial=current.get(person.pk),
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not self.started:
            for name, value in list(data.items()):
                if value and value != AttendanceStatus.EXCUSED:
                    self.add_error(name, _("Before the session starts, only excused can be set."))
        return data

    def marks(self) -> dict[int, str]:
        return {
            person.pk: self.cleaned_data[f"p{person.pk}"]
            for person in self.people
            if self.cleaned_data.get(f"p{person.pk}")
        }

    def rows(self) -> list[tuple[User, forms.BoundField]]:
        return [(person, self[f"p{person.pk}"]) for person in self.people]


class AdvocateMessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        # Staff who may see the participant can read it too (audited): say so.
        help_text=_(
            "Your advocate reads this in PeerPath, and your program's coordinators can "
            "see it too. It is not sent by email. Up to 2,000 characters."
        ),
    )
