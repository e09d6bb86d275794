"""Which decisions may be taken on an application in which status (pure).

Staff act on submitted applications; a participant resubmits one that was
reopened for more information. Anything not listed here is refused, so a
stale page or a double click cannot move an application backwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from peerpath.intake.models import ApplicationStatus as Status


class Decision(StrEnum):
    REQUEST_INFORMATION = "request_information"
    RESUBMIT = "resubmit"
    MARK_ELIGIBLE = "mark_eligible"
    MARK_NOT_ELIGIBLE = "mark_not_eligible"
    ENROL = "enrol"
    WITHDRAW = "withdraw"


@dataclass(frozen=True)
class Transition:
    sources: frozenset[str]
    target: str


UNDER_REVIEW = frozenset({Status.SUBMITTED, Status.NEEDS_INFO})

TRANSITIONS: dict[Decision, Transition] = {
    Decision.REQUEST_INFORMATION: Transition(frozenset({Status.SUBMITTED}), Status.NEEDS_INFO),
    Decision.RESUBMIT: Transition(frozenset({Status.NEEDS_INFO}), Status.SUBMITTED),
    # A "not eligible" decision can be reconsidered, and an eligible person found
    # not to meet a rule after all; both stay possible until enrolment.
    Decision.MARK_ELIGIBLE: Transition(UNDER_REVIEW | {Status.NOT_ELIGIBLE}, Status.ELIGIBLE),
    Decision.MARK_NOT_ELIGIBLE: Transition(UNDER_REVIEW | {Status.ELIGIBLE}, Status.NOT_ELIGIBLE),
    Decision.ENROL: Transition(frozenset({Status.ELIGIBLE}), Status.ENROLLED),
    # Withdrawal is the person's choice, at any point after they submitted.
    Decision.WITHDRAW: Transition(
        UNDER_REVIEW | {Status.ELIGIBLE, Status.ENROLLED, Status.NOT_ELIGIBLE}, Status.WITHDRAWN
    ),
}

STAFF_DECISIONS = tuple(d for d in Decision if d is not Decision.RESUBMIT)


class TransitionRefused(Exception):
    def __init__(self, decision: Decision, status: str) -> None:
        super().__init__(f"{decision} is not possible from {status}")
        self.decision = decision
        self.status = status


def target_status(decision: Decision, current: str) -> str:
    """The status after `decision`, or TransitionRefused when it is not allowed now."""
    transition = TRANSITIONS[decision]
    if current not in transition.sources:
        raise TransitionRefused(decision, current)
    return transition.target


def allowed_decisions(current: str) -> tuple[Decision, ...]:
    """Staff decisions possible from `current`, in the order the page offers them."""
    return tuple(d for d in STAFF_DECISIONS if current in TRANSITIONS[d].sources)
