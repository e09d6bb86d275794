"""The demo's hours: what each demo participant shows, and running the demo twice."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from peerpath.accounts.models import User
from peerpath.training import rules
from peerpath.training.models import Timesheet, Training
from peerpath.training.progress import progress_by_participant, waiting_timesheets

pytestmark = pytest.mark.django_db


def test_the_demo_participants_show_their_hours(client):
    call_command("serve", "--demo", "--no-serve", stdout=io.StringIO())
    people = {u.email.split("@")[0]: u for u in User.objects.filter(email__contains="@demo.")}
    ids = [people[name].pk for name in ("participant", "maya", "luis", "dana")]
    progress = progress_by_participant(ids)
    jordan = progress[people["participant"].pk]
    assert (jordan.core_logged, jordan.core_verified) == (52, 40)
    assert jordan.work_experience_approved_hours > 0 and jordan.work_experience_submitted_hours > 0
    assert waiting_timesheets(ids)[people["participant"].pk] == 1
    cohort = people["maya"].cohort
    expected = rules.expected_core_hours(cohort.starts_on, cohort.ends_on, timezone.localdate())
    maya = progress[people["maya"].pk]
    assert rules.is_behind_schedule(maya.core_logged, expected)
    assert not rules.is_behind_schedule(jordan.core_logged, expected)
    assert progress[people["luis"].pk].core_counts_for_certification
    dana = progress[people["dana"].pk]
    assert dana.core_counts_for_certification and dana.specializations[0].verified == 40
    assert dana.work_readiness_verified == 24 and dana.work_experience_approved_hours > 0

    counts = (Training.objects.count(), Timesheet.objects.count())
    call_command("serve", "--demo", "--no-serve", stdout=io.StringIO())
    assert (Training.objects.count(), Timesheet.objects.count()) == counts

    client.force_login(people["participant"])
    assert (
        "52 of 80 hours, 40 verified" in client.get(reverse("training-show-hours")).content.decode()
    )
    client.force_login(people["luis"])
    page = client.get(reverse("training-show-hours")).content.decode()
    assert "80 de 80 horas, 80 verificadas" in page
