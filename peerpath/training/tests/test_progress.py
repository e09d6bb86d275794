"""The functions other pages call: progress, waiting timesheets and completed trainings."""

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from django.template.loader import render_to_string

from peerpath.accounts.models import Role
from peerpath.conftest import make_user
from peerpath.training.models import TimesheetStatus, TrainingDocumentKind
from peerpath.training.progress import (
    TrainingProgress,
    completed_trainings,
    progress_by_participant,
    progress_for,
    waiting_timesheets,
)
from peerpath.training.tests.factories import (
    log,
    make_placement,
    make_timesheet,
    make_training,
    verified_document,
)

pytestmark = pytest.mark.django_db


def test_someone_with_nothing_logged_gets_zeros(participant):
    progress = progress_for(participant)
    assert isinstance(progress, TrainingProgress)
    assert dataclasses.is_dataclass(progress)
    with pytest.raises(dataclasses.FrozenInstanceError):
        progress.core_logged = Decimal(1)  # type: ignore[misc]
    assert progress.core_logged == 0 and progress.core_verified == 0
    assert progress.core_target == 80
    assert not progress.core_counts_for_certification
    assert progress.specializations == ()
    assert progress.work_readiness_hours == 0
    assert progress.work_experience_approved_hours == 0
    assert progress.work_experience_submitted_hours == 0


def test_progress_adds_up_every_kind_of_hours(participant, approved_provider, crisis_care, today):
    core = make_training(participant, approved_provider)
    log(core, "40", today - dt.timedelta(days=20), is_total=True)
    log(core, "8", today - dt.timedelta(days=2))
    log(core, "4", today)
    verified_document(core, "40")
    spec = make_training(participant, None, kind="specialization", specialization=crisis_care)
    log(spec, "6", today)
    readiness = make_training(participant, None, kind="work_readiness", course_hours=Decimal("20"))
    log(readiness, "5", today - dt.timedelta(days=1))
    verified_document(readiness, "5")
    withdrawn = make_training(
        participant, None, kind="work_readiness", course_hours=20, status="withdrawn"
    )
    log(withdrawn, "3", today - dt.timedelta(days=1))
    placement = make_placement(participant, today - dt.timedelta(days=90))
    start = today - dt.timedelta(days=60)
    make_timesheet(
        placement,
        start,
        [(start, "6"), (start + dt.timedelta(days=1), "4")],
        status=TimesheetStatus.APPROVED,
    )
    make_timesheet(placement, start + dt.timedelta(days=14), [(start + dt.timedelta(days=14), "3")])
    make_timesheet(
        placement,
        start + dt.timedelta(days=28),
        [(start + dt.timedelta(days=28), "9")],
        status=TimesheetStatus.DRAFT,
    )
    progress = progress_for(participant)
    assert (progress.core_logged, progress.core_verified) == (Decimal(52), Decimal(40))
    assert not progress.core_counts_for_certification
    assert progress.core_reasons == ("not_completed", "certificate_not_verified")
    assert progress.core_provider == "Inland Peer Academy"
    (cc,) = progress.specializations
    assert (cc.code, cc.logged, cc.verified, cc.target) == ("CC", 6, 0, 40)
    assert cc.started_before_core
    assert progress.work_readiness_hours == 5 and progress.work_readiness_verified == 5
    assert progress.work_experience_approved_hours == 10
    assert progress.work_experience_submitted_hours == 3


def test_core_counts_once_completed_at_an_approved_provider_and_verified(
    participant, approved_provider, unapproved_provider, today
):
    failed = make_training(participant, unapproved_provider, status="completed", completed_on=today)
    verified_document(failed, "80", kind=TrainingDocumentKind.COMPLETION)
    assert progress_for(participant).core_reasons == ("provider_not_approved",)
    good = make_training(participant, approved_provider, status="completed", completed_on=today)
    log(good, "80", today, is_total=True)
    verified_document(good, "80", kind=TrainingDocumentKind.COMPLETION)
    progress = progress_for(participant)
    assert progress.core_counts_for_certification and progress.core_reasons == ()
    assert progress.core_verified == 80 and progress.core_completed_on == today


def test_a_restarted_core_training_shows_the_current_one(participant, approved_provider, today):
    old = make_training(participant, approved_provider, status="withdrawn")
    log(old, "30", today - dt.timedelta(days=200), is_total=True)
    new = make_training(participant, approved_provider)
    log(new, "12", today)
    assert progress_for(participant).core_logged == 12


def crowd(program, count, provider, today, first=0):
    people = []
    for number in range(first, first + count):
        person = make_user(f"p{number}@example.org", Role.PARTICIPANT, program=program)
        core = make_training(person, provider)
        log(core, "10", today)
        verified_document(core, "8")
        placement = make_placement(person, today - dt.timedelta(days=40))
        make_timesheet(placement, today - dt.timedelta(days=20), [(today, "3")])
        people.append(person)
    return people


def test_progress_for_many_takes_the_same_queries_for_5_and_50(
    program, approved_provider, crisis_care, today, count_queries
):
    few = [p.pk for p in crowd(program, 5, approved_provider, today)]
    queries_few = count_queries(lambda: progress_by_participant(few))
    many = few + [p.pk for p in crowd(program, 45, approved_provider, today, first=5)]
    result: dict = {}
    queries_many = count_queries(lambda: result.update(progress_by_participant(many)))
    assert queries_few == queries_many <= 3
    assert len(result) == 50
    assert all(p.core_logged == 10 and p.core_verified == 8 for p in result.values())
    assert all(p.work_experience_submitted_hours == 3 for p in result.values())
    assert (
        count_queries(lambda: waiting_timesheets(few))
        == count_queries(lambda: waiting_timesheets(many))
        == 1
    )
    assert set(waiting_timesheets(many).values()) == {1}


def test_waiting_timesheets_counts_only_submitted_ones(participant, other_participant, today):
    placement = make_placement(participant, today - dt.timedelta(days=90))
    for offset, status in (
        (0, "submitted"),
        (14, "submitted"),
        (28, "approved"),
        (42, "returned"),
        (56, "draft"),
    ):
        start = today - dt.timedelta(days=90 - offset)
        make_timesheet(placement, start, [(start, "2")], status=status)
    counts = waiting_timesheets([participant.pk, other_participant.pk])
    assert counts == {participant.pk: 2, other_participant.pk: 0}
    assert waiting_timesheets([]) == {}


def test_progress_for_unknown_ids_is_left_out(participant):
    assert set(progress_by_participant([participant.pk, 987654])) == {participant.pk}
    assert progress_by_participant([]) == {}


def test_completed_trainings_for_the_resume(participant, approved_provider, crisis_care, today):
    make_training(
        participant,
        approved_provider,
        status="completed",
        completed_on=today - dt.timedelta(days=100),
    )
    make_training(
        participant,
        None,
        kind="specialization",
        specialization=crisis_care,
        provider_name="Crisis Center",
        status="completed",
        completed_on=today,
    )
    make_training(participant, approved_provider, status="in_progress")
    assert completed_trainings(participant) == [
        (
            "Peer support specialist core training",
            "Inland Peer Academy",
            today - dt.timedelta(days=100),
        ),
        ("Peer Services in Crisis Care specialization", "Crisis Center", today),
    ]


def test_completed_trainings_takes_one_query(participant, approved_provider, today, count_queries):
    for _ in range(5):
        make_training(participant, approved_provider, status="completed", completed_on=today)
    assert count_queries(lambda: completed_trainings(participant)) == 1


def test_the_progress_include_has_labelled_bars_and_words(
    participant, approved_provider, crisis_care, today
):
    core = make_training(participant, approved_provider)
    log(core, "52", today, is_total=True)
    verified_document(core, "40")
    spec = make_training(participant, None, kind="specialization", specialization=crisis_care)
    log(spec, "4.5", today)
    html = render_to_string("training/_progress.html", {"progress": progress_for(participant)})
    pk = participant.pk
    assert f'<label for="core-bar-{pk}">Core training</label>' in html
    assert f'<progress id="core-bar-{pk}" max="80" value="52"' in html
    assert "52 of 80 hours, 40 verified" in html
    assert f'aria-describedby="core-text-{pk}"' in html
    assert "Specialization: Peer Services in Crisis Care" in html
    assert 'max="40" value="4.5"' in html and "4.5 of 40 hours, 0 verified" in html
    assert "Does not count toward certification yet" in html
