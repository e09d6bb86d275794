import pytest

from peerpath.intake.models import ApplicationStatus as S
from peerpath.intake.transitions import (
    Decision,
    TransitionRefused,
    allowed_decisions,
    target_status,
)

ALLOWED = {
    (Decision.REQUEST_INFORMATION, S.SUBMITTED): S.NEEDS_INFO,
    (Decision.RESUBMIT, S.NEEDS_INFO): S.SUBMITTED,
    (Decision.MARK_ELIGIBLE, S.SUBMITTED): S.ELIGIBLE,
    (Decision.MARK_ELIGIBLE, S.NEEDS_INFO): S.ELIGIBLE,
    (Decision.MARK_ELIGIBLE, S.NOT_ELIGIBLE): S.ELIGIBLE,
    (Decision.MARK_NOT_ELIGIBLE, S.SUBMITTED): S.NOT_ELIGIBLE,
    (Decision.MARK_NOT_ELIGIBLE, S.NEEDS_INFO): S.NOT_ELIGIBLE,
    (Decision.MARK_NOT_ELIGIBLE, S.ELIGIBLE): S.NOT_ELIGIBLE,
    (Decision.ENROL, S.ELIGIBLE): S.ENROLLED,
    (Decision.WITHDRAW, S.SUBMITTED): S.WITHDRAWN,
    (Decision.WITHDRAW, S.NEEDS_INFO): S.WITHDRAWN,
    (Decision.WITHDRAW, S.ELIGIBLE): S.WITHDRAWN,
    (Decision.WITHDRAW, S.ENROLLED): S.WITHDRAWN,
    (Decision.WITHDRAW, S.NOT_ELIGIBLE): S.WITHDRAWN,
}


@pytest.mark.parametrize(("decision", "status"), [(d, s) for d in Decision for s in S])
def test_every_transition_is_either_listed_or_refused(decision, status):
    expected = ALLOWED.get((decision, status))
    if expected is None:
        with pytest.raises(TransitionRefused):
            target_status(decision, status)
    else:
        assert target_status(decision, status) == expected


def test_nothing_moves_a_draft_or_a_withdrawn_application():
    assert allowed_decisions(S.DRAFT) == ()
    assert allowed_decisions(S.WITHDRAWN) == ()


def test_enrolment_needs_an_eligibility_decision_first():
    assert Decision.ENROL not in allowed_decisions(S.SUBMITTED)
    assert allowed_decisions(S.ELIGIBLE) == (
        Decision.MARK_NOT_ELIGIBLE,
        Decision.ENROL,
        Decision.WITHDRAW,
    )


def test_an_enrolled_person_can_only_withdraw():
    assert allowed_decisions(S.ENROLLED) == (Decision.WITHDRAW,)


def test_participants_resubmit_but_staff_are_not_offered_it():
    assert Decision.RESUBMIT not in allowed_decisions(S.NEEDS_INFO)
