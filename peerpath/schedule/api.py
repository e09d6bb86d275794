"""Public sessions in the API: times only, the same as the public page."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema

from peerpath.accounts.models import Program
from peerpath.api.schemas import ErrorOut, NotFoundOut
from peerpath.schedule.models import program_zone
from peerpath.schedule.occurrences import active_series, expand_series

router = Router(tags=["sessions"])
MAX_DAYS = 92


class SessionOut(Schema):
    kind: str
    title: str
    start: dt.datetime
    end: dt.datetime
    status: str


@router.get(
    "/programs/{slug}/sessions",
    response={200: list[SessionOut], 404: NotFoundOut, 422: ErrorOut},
)
def public_sessions(request: HttpRequest, slug: str, days: int = 28) -> list[SessionOut]:
    """A program's public sessions for the next `days` days (1 to 92), in its time
    zone. Never includes how to join. An unknown program answers 404."""
    program = get_object_or_404(Program, slug=slug)
    days = min(max(days, 1), MAX_DAYS)
    today = timezone.now().astimezone(program_zone(program)).date()
    occurrences = expand_series(
        active_series([program], public_only=True), today, today + dt.timedelta(days=days - 1)
    )
    return [
        SessionOut(kind=o.kind, title=o.title, start=o.start, end=o.end, status=o.status)
        for o in occurrences
    ]
