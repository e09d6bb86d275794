"""Who is enrolled in a program.

A participant is enrolled when staff enrolled their application (into a cohort,
with an advocate) and it has not been withdrawn since. Join links, support
rooms and other enrolled-only things ask here.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from peerpath.accounts.models import Role
from peerpath.intake.models import ApplicationStatus


def enrolled_q(prefix: str = "") -> Q:
    """Filter for enrolled participants; `prefix` reaches the user through a relation,
    e.g. `enrolled_q("participant__")`."""
    return Q(
        **{
            f"{prefix}role": Role.PARTICIPANT,
            f"{prefix}is_active": True,
            f"{prefix}application__status": ApplicationStatus.ENROLLED,
        }
    )


def is_enrolled(user: Any, program_id: int | None = None) -> bool:
    """True for an active participant whose application is enrolled (in `program_id`
    when given). The answer is cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False) or user.role != Role.PARTICIPANT:
        return False
    cached = getattr(user, "_peerpath_enrolled_program", False)
    if cached is False:
        from peerpath.intake.models import Application

        cached = (
            Application.objects.filter(applicant=user, status=ApplicationStatus.ENROLLED)
            .values_list("program_id", flat=True)
            .first()
        )
        user._peerpath_enrolled_program = cached
    if cached is None or not user.is_active:
        return False
    return program_id is None or cached == program_id
