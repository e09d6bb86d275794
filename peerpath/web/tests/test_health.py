import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from peerpath.notifications.actions import do_notify
from peerpath.web.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db


def test_healthz_answers_json_without_personal_data(client, participant):
    do_notify(participant, "test", lambda: ("Hello", "Private words."))
    response = client.get(reverse("web-healthz"))
    assert response.status_code == 200
    report = response.json()
    assert report["database"] == "ok"
    assert report["migrations"] == "applied"
    assert report["queued_tasks_due"] >= 1
    assert report["failed_tasks_last_day"] == 0
    assert participant.email not in response.content.decode()
    assert "Private" not in response.content.decode()
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_healthz_is_503_when_the_database_fails(client, monkeypatch):
    from django.db import OperationalError

    from peerpath.web import health

    def fail():
        raise OperationalError("down")

    monkeypatch.setattr(health.connection, "ensure_connection", fail)
    response = client.get(reverse("web-healthz"))
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_health_command_reports_a_missing_worker(capsys):
    with pytest.raises(SystemExit) as exit_info:
        call_command("health", json=True)
    assert exit_info.value.code == 1
    report = json.loads(capsys.readouterr().out)
    assert "no worker running: start `peerpath worker`" in report["problems"]


def test_health_command_is_quiet_when_all_is_well(capsys):
    WorkerHeartbeat.objects.create(worker_id="w1")
    call_command("health")
    assert "all well" in capsys.readouterr().out
