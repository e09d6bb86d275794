"""Every staff read of one person's records leaves an audit row about that person."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from peerpath.accounts.models import User
from peerpath.audit.models import AuditEvent
from peerpath.audit.tests.world import World, all_routes, build_world, route_kwargs

# Where staff pages about one person live.
STAFF_PREFIXES = (
    "staff/",
    "certification/people/",
    "careers/people/",
    "plan/people/",
    "hours/",
    "sessions/messages/",
    "sessions/people/",
)


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def _cases(world: World, staff: User) -> list[tuple[str, dict[str, object], User]]:
    """(url name, kwargs, participant) for every per-person staff URL pattern."""
    from peerpath.plan.actions import do_start_assessment

    draft = do_start_assessment(staff, world.people["participant"])
    cases = []
    for route in all_routes():
        if not route.route.startswith(STAFF_PREFIXES) or not route.kwargs:
            continue
        resolved = route_kwargs(route, world.program)
        if resolved is None or resolved[1] is None:
            continue
        kwargs, owner = resolved
        if route.route.startswith("plan/people/") and "assessment_id" in kwargs:
            kwargs, owner = {**kwargs, "assessment_id": draft.pk}, draft.participant
            kwargs["participant_id"] = owner.pk
        cases.append((route.name, kwargs, owner))
        if set(route.kwargs) == {"participant_id"}:
            newcomer = world.people["new_participant"]
            cases.append((route.name, {"participant_id": newcomer.pk}, newcomer))
    return cases


@pytest.mark.parametrize("role", ["coordinator", "advocate"])
def test_every_per_person_staff_page_is_audited(world: World, role: str) -> None:
    staff = world.people[role]
    client = Client()
    client.force_login(staff)
    checked, unaudited = [], []
    for name, kwargs, owner in _cases(world, staff):
        before = AuditEvent.objects.filter(subject=owner, actor=staff).count()
        response = client.get(reverse(name, kwargs=kwargs))
        if response.status_code != 200:
            continue
        checked.append(name)
        if AuditEvent.objects.filter(subject=owner, actor=staff).count() == before:
            unaudited.append((name, kwargs))
    assert unaudited == []
    # The pages that must be among those checked (so the walk cannot silently skip them).
    assert {
        "participants-record",
        "careers-show-person",
        "careers-new-placement",
        "careers-edit-placement",
        "plan-rate-person-assessment",
        "training-add-placement",
        "training-show-participant",
        "certification-participant",
        "schedule-show-participant",
    } <= set(checked)


def test_every_staff_read_shows_in_who_looked_at_my_records(world: World) -> None:
    from peerpath.participants.viewers import SOMETHING, is_staff_read, what_was_seen

    person = world.people["participant"]
    client = Client()
    cases = {role: _cases(world, world.people[role]) for role in ("advocate", "coordinator")}
    start = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()
    for role, role_cases in cases.items():
        client.force_login(world.people[role])
        for name, kwargs, _owner in role_cases:
            if kwargs.get("participant_id") in (None, person.pk):
                client.get(reverse(name, kwargs=kwargs))
        client.get(reverse("certification-at-risk"))
        client.get(reverse("participants-caseload"))
    staff_roles = ["advocate", "coordinator"]
    reads = AuditEvent.objects.filter(subject=person, actor__role__in=staff_roles, id__gt=start)
    actions = set(reads.values_list("action", flat=True))
    assert len(actions) >= 15
    not_reads = {a for a in actions if not is_staff_read(a)}
    # Whatever staff did on these GET pages was reading.
    assert not_reads == set()
    assert {a for a in actions if what_was_seen(a) == str(SOMETHING)} == set()

    client.force_login(person)
    shown = client.get(reverse("participants-record-views"), {"page": 1})
    listed = {event.action for event, _what in shown.context["rows"]}
    page_size = len(shown.context["rows"])
    assert listed <= actions
    everything = AuditEvent.objects.filter(subject=person, actor__role__in=staff_roles)
    assert (
        shown.context["page"].paginator.count
        == everything.filter(
            action__in=actions
            | {a for a in everything.values_list("action", flat=True) if is_staff_read(a)}
        ).count()
        >= page_size
    )
