import pytest

from peerpath.accounts.models import User
from peerpath.intake.enrolment import enrolled_q, is_enrolled
from peerpath.intake.models import Application, ApplicationStatus


@pytest.mark.parametrize(
    ("status", "enrolled"),
    [(ApplicationStatus.ENROLLED, True)]
    + [(s, False) for s in ApplicationStatus if s != ApplicationStatus.ENROLLED],
)
def test_only_an_enrolled_application_makes_a_participant_enrolled(
    participant, program, status, enrolled
):
    Application.objects.create(applicant=participant, program=program, status=status)
    assert is_enrolled(User.objects.get(pk=participant.pk)) is enrolled
    assert User.objects.filter(enrolled_q()).exists() is enrolled


def test_enrolment_is_per_program_and_staff_are_never_enrolled(
    participant, program, other_program, coordinator
):
    Application.objects.create(
        applicant=participant, program=program, status=ApplicationStatus.ENROLLED
    )
    assert is_enrolled(participant, program.pk)
    assert not is_enrolled(participant, other_program.pk)
    assert not is_enrolled(coordinator)


def test_an_inactive_account_is_not_enrolled(participant, program):
    Application.objects.create(
        applicant=participant, program=program, status=ApplicationStatus.ENROLLED
    )
    participant.is_active = False
    participant.save()
    assert not is_enrolled(User.objects.get(pk=participant.pk))
    assert not User.objects.filter(enrolled_q()).exists()
