"""Calendar feeds (personal and public), the feed settings page, and messages to an advocate."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from peerpath.accounts.access import has_mfa, role_required
from peerpath.accounts.models import Program, Role, User
from peerpath.intake.enrolment import is_enrolled
from peerpath.lib.localized import localized
from peerpath.schedule import actions, ical
from peerpath.schedule.access import calendar_programs, viewer_for
from peerpath.schedule.forms import AdvocateMessageForm
from peerpath.schedule.models import CalendarFeed, ProgramContact, program_zone
from peerpath.schedule.occurrences import active_series, expand_series, for_viewer

FEED_PAST_DAYS = 60
FEED_FUTURE_DAYS = 180
TOKEN_SALT = "peerpath.schedule.feed"  # noqa: S105 - an HMAC key salt, not a secret


def feed_token(feed: CalendarFeed) -> str:
    digest = salted_hmac(TOKEN_SALT, f"{feed.pk}:{feed.nonce}", algorithm="sha256").hexdigest()
    return f"{feed.pk}-{digest[:40]}"


def feed_for_token(token: str) -> CalendarFeed:
    """The feed a token belongs to, or 404; the comparison takes constant time."""
    pk, _sep, digest = token.partition("-")
    # isdigit() alone lets through "²" and other digits int() refuses.
    if not (pk.isascii() and pk.isdigit()) or len(pk) > 18 or len(digest) != 40:
        raise Http404
    feed = CalendarFeed.objects.select_related("user__program").filter(pk=int(pk)).first()
    if feed is None or not constant_time_compare(feed_token(feed), token):
        raise Http404
    if not feed.user.is_active:
        raise Http404
    # A staff feed carries join details: it answers only while its owner has a second factor.
    if feed.user.has_staff_role and not has_mfa(feed.user):
        raise Http404
    return feed


def _calendar_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, max-age=900"
    return response


def personal_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A person's calendar: their program's sessions (join details where they may
    see them, their bookings marked) and their certification deadlines."""
    feed = feed_for_token(token)
    user = feed.user
    now = timezone.now()
    with translation.override(user.language):
        programs = list(calendar_programs(user))
        series = active_series(programs)
        occurrences = []
        urls: dict[str, str] = {}
        for program in {s.program_id: s.program for s in series}.values():
            today = now.astimezone(program_zone(program)).date()
            own = [s for s in series if s.program_id == program.pk]
            expanded = expand_series(
                own,
                today - dt.timedelta(days=FEED_PAST_DAYS),
                today + dt.timedelta(days=FEED_FUTURE_DAYS),
            )
            occurrences += for_viewer(expanded, own, viewer_for(user, program))
        for occurrence in occurrences:
            path = reverse(
                "schedule-show-session", args=[occurrence.series_id, occurrence.original_date]
            )
            urls[occurrence.key] = ical.absolute(path)
        body = ical.build_calendar(
            occurrences,
            name=_("PeerPath: my sessions"),
            url_for=urls,
            extra_events=_deadline_events(user, now),
        )
    return _calendar_response(body, "peerpath.ics")


def _deadline_events(user: User, now: dt.datetime) -> list:  # type: ignore[type-arg]
    from peerpath.certification.calendar import deadline_events
    from peerpath.certification.models import CertificationCase

    if user.role != Role.PARTICIPANT:
        return []
    case = (
        CertificationCase.objects.select_related("participant__program__certification_settings")
        .prefetch_related("exam_attempts", "ce_entries")
        .filter(participant=user)
        .first()
    )
    return deadline_events(case, timezone.localdate(now)) if case else []


def public_feed(request: HttpRequest, slug: str) -> HttpResponse:
    """The program's public sessions: times only, never how to join."""
    program = get_object_or_404(Program, slug=slug)
    today = timezone.now().astimezone(program_zone(program)).date()
    series = active_series([program], public_only=True)
    occurrences = expand_series(
        series, today - dt.timedelta(days=30), today + dt.timedelta(days=FEED_FUTURE_DAYS)
    )
    url = ical.absolute(reverse("schedule-show-public", args=[program.slug]))
    body = ical.build_calendar(
        occurrences,
        name=_("%(program)s: sessions") % {"program": localized(program, "name")},
        url_for={o.key: url for o in occurrences},
    )
    response = _calendar_response(body, f"{program.slug}-sessions.ics")
    response["Cache-Control"] = "public, max-age=900"
    return response


@never_cache
@login_required
def manage_feed(request: HttpRequest) -> HttpResponse:
    """Show the private calendar address, or reset it (POST)."""
    user: User = request.user  # type: ignore[assignment]
    if request.method == "POST":
        actions.do_reset_calendar_feed(user)
        messages.success(
            request, _("You have a new calendar address. The old one no longer works.")
        )
        return redirect("schedule-manage-feed")
    feed = actions.get_or_create_calendar_feed(user)
    url = ical.absolute(reverse("schedule-personal-feed", args=[feed_token(feed)]))
    webcal = "webcal://" + url.split("://", 1)[-1]
    return render(request, "schedule/feed.html", {"feed_url": url, "webcal_url": webcal})


@never_cache
@role_required(Role.PARTICIPANT)
def message_advocate(request: HttpRequest) -> HttpResponse:
    """Write to one's advocate (enrolled participants with an advocate)."""
    user: User = request.user  # type: ignore[assignment]
    if not is_enrolled(user, user.program_id) or user.advocate_id is None:
        raise Http404
    form = AdvocateMessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_send_advocate_message(user, form.cleaned_data["body"])
        except actions.Refused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("Your message is sent. Your advocate will get back to you.")
            )
            return redirect("schedule-show-calendar")
    contacts = ProgramContact.objects.filter(program_id=user.program_id)
    return render(
        request,
        "schedule/message_form.html",
        {"form": form, "advocate": user.advocate, "contacts": contacts},
    )
