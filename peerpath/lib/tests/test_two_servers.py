"""Two web servers and two workers on one PostgreSQL database and one bucket.

Two `gunicorn` processes and two `peerpath worker` processes run against the test
database and the local S3-compatible server, each with its own data folder (so
nothing can be shared through a local disk). A file uploaded through one server
downloads through the other; every queued task runs exactly once.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django_tasks import task

from peerpath.lib.tests.conftest import database_url, free_port

BIN = Path(sys.executable).parent
WAIT_SECONDS = 90


@task()
def record_run(path: str, number: int) -> int:
    """Append one line per run, so a task that ran twice shows twice."""
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(f"{number} {os.getpid()}\n")
    return number


pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="several servers share PostgreSQL (CI runs the suite on PostgreSQL)",
    ),
    pytest.mark.skipif(not (BIN / "gunicorn").exists(), reason="gunicorn is a dependency"),
]


def wait_until(condition: Callable[[], object], what: str) -> object:
    """Poll `condition` until it is true; fail after WAIT_SECONDS."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def cluster(transactional_db, s3_env, tmp_path) -> Iterator[dict[str, object]]:  # type: ignore[no-untyped-def]
    import requests

    assert connection.vendor == "postgresql"
    base_env = {
        **os.environ,
        **s3_env,
        "DATABASE_URL": database_url(),
        "SECRET_KEY": settings.SECRET_KEY,
        "FIELD_ENCRYPTION_KEYS": ",".join(settings.FIELD_ENCRYPTION_KEYS),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DEBUG": "false",
        "ACCOUNT_EMAIL_VERIFICATION": "none",
        "LOG_LEVEL": "WARNING",
    }
    processes: list[subprocess.Popen[bytes]] = []
    urls = []
    # As on a real server: collected static files (fingerprinted names) in the data folder.
    subprocess.run(  # noqa: S603 - our own command, fixed arguments
        [str(BIN / "peerpath"), "collectstatic", "--noinput", "-v0"],
        env={**base_env, "PEERPATH_DATA_DIR": str(tmp_path / "web-a")},
        check=True,
        timeout=300,
    )
    shutil.copytree(tmp_path / "web-a" / "static", tmp_path / "web-b" / "static")
    try:
        for name in ("web-a", "web-b"):
            port = free_port()
            env = {**base_env, "PEERPATH_DATA_DIR": str(tmp_path / name)}
            processes.append(
                subprocess.Popen(  # noqa: S603 - our own server, fixed arguments
                    [str(BIN / "gunicorn"), "peerpath.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1"],
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
            urls.append(f"http://127.0.0.1:{port}")
        for name in ("worker-a", "worker-b"):
            env = {**base_env, "PEERPATH_DATA_DIR": str(tmp_path / name)}
            processes.append(
                subprocess.Popen(  # noqa: S603 - our own worker, fixed arguments
                    [str(BIN / "peerpath"), "worker"],
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )

        def answers(url: str) -> bool:
            try:
                return requests.get(f"{url}/", timeout=30).status_code == 200
            except requests.RequestException:
                return False

        for url in urls:
            wait_until(lambda url=url: answers(url), f"{url} to answer")
        yield {"urls": urls, "data_dirs": [tmp_path / n for n in ("web-a", "web-b")]}
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def test_two_servers_and_two_workers_share_files_and_the_queue(  # type: ignore[no-untyped-def]
    cluster, participant, tmp_path
) -> None:
    """Both checks share one start of the servers, which takes a while."""
    an_upload_through_one_server_downloads_through_the_other(cluster, participant)
    each_queued_task_runs_once(tmp_path)


def an_upload_through_one_server_downloads_through_the_other(cluster, participant) -> None:  # type: ignore[no-untyped-def]
    import io

    import requests
    from django.test import Client
    from PIL import Image

    from peerpath.intake.models import ApplicationDocument

    first, second = cluster["urls"]  # type: ignore[index]
    signed_in = Client()
    signed_in.force_login(participant)
    session = requests.Session()
    session.cookies.set("sessionid", signed_in.cookies["sessionid"].value)

    assert session.get(f"{first}/start/apply/", timeout=30).status_code == 200
    page = session.get(f"{first}/start/apply/documents/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert token, page.text[:500]
    image = io.BytesIO()
    Image.new("RGB", (320, 200), "white").save(image, "PNG")
    response = session.post(
        f"{first}/start/apply/documents/",
        data={"kind": "photo_id", "csrfmiddlewaretoken": token.group(1)},
        files={"file": ("id card.png", image.getvalue(), "image/png")},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302, response.text[:500]
    document = ApplicationDocument.objects.get(application__applicant=participant)

    path = f"/start/apply/documents/{document.pk}/"
    through_first = session.get(f"{first}{path}", timeout=30)
    through_second = session.get(f"{second}{path}", timeout=30)
    assert through_second.status_code == 200
    assert through_second.content == through_first.content
    assert through_second.content.startswith(b"\x89PNG\r\n\x1a\n")
    for data_dir in cluster["data_dirs"]:  # type: ignore[attr-defined]
        assert not (data_dir / "uploads").exists()


def each_queued_task_runs_once(tmp_path: Path) -> None:
    from django_tasks.base import TaskResultStatus

    log = tmp_path / "runs.log"
    results = [record_run.enqueue(str(log), number) for number in range(12)]

    def all_finished() -> bool:
        for result in results:
            result.refresh()
        return all(r.status == TaskResultStatus.SUCCESSFUL for r in results)

    wait_until(all_finished, "both workers to run every task")
    runs = [line.split()[0] for line in log.read_text().splitlines()]
    assert sorted(runs, key=int) == [str(n) for n in range(12)]
