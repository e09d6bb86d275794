"""PeerPath benchmark: a benchmark, not a test (CI runs it only at a tiny size).

    .venv/bin/python bench/run.py --participants 200                  # throw-away SQLite
    .venv/bin/python bench/run.py --database postgres://... --participants 100000

With `--database`, the database is used as it is when it already holds benchmark data
(`peerpath bench-data --participants N`), else it is migrated and filled first. It
measures, in one run:

- server time per page (p50/p95), pages interleaved round by round, in-process through
  the full middleware stack, and the queries each page makes;
- requests per second under concurrency 4 against gunicorn (2 workers) for each page
  and for a bare view through the same middleware (the floor), and each page's ratio
  to the floor, pages and floor interleaved;
- each page's weight gzipped, with its style sheets and scripts;
- each daily sweep's time and queries, run twice (the second run is a repeat on the
  same day), and the daily list refresh (`refresh-lists`).

It prints a table and writes JSON (`--json`, default bench/results-<N>.json).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

TARGET_MS = 50.0


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", help="database URL (default: a throw-away SQLite)")
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument("--organizations", type=int)
    parser.add_argument("--rounds", type=int, default=20, help="timed rounds of every page")
    parser.add_argument("--seconds", type=float, default=3.0, help="per throughput sample")
    parser.add_argument("--no-gunicorn", action="store_true", help="skip the throughput part")
    parser.add_argument("--no-sweeps", action="store_true")
    parser.add_argument("--json", type=Path)
    return parser.parse_args()


def setup(args: argparse.Namespace) -> None:
    if args.database:
        # The data folder that `peerpath bench-data` used (its encryption key opens the
        # benchmark's encrypted fields): PEERPATH_DATA_DIR, else ./data as for every command.
        os.environ["DATABASE_URL"] = args.database
    else:
        os.environ["PEERPATH_DATA_DIR"] = tempfile.mkdtemp(prefix="peerpath-bench-")
        os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench_settings"
    os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    sys.path.insert(0, str(HERE))
    import django

    django.setup()


def ensure_data(args: argparse.Namespace) -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from peerpath.accounts.models import Organization

    if not Organization.objects.filter(slug__startswith="bench-").exists():
        started = time.monotonic()
        call_command(
            "bench_data",
            participants=args.participants,
            organizations=args.organizations,
            stdout=open(os.devnull, "w"),  # noqa: SIM115
        )
        print(f"bench data: {args.participants} participants in {time.monotonic() - started:.0f} s")


def second_factor(user: Any) -> None:
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    if not Authenticator.objects.filter(user=user).exists():
        TOTP.activate(user, generate_totp_secret())


def pages() -> dict[str, tuple[Any, str]]:
    """name: (user or None, path)."""
    from django.db.models import Count

    from peerpath.accounts.models import Role, User
    from peerpath.intake.models import ApplicationStatus

    coordinator = User.objects.get(email="coordinator-0@bench.peerpath.test")
    advocate = (
        User.objects.filter(role=Role.ADVOCATE, organization=coordinator.organization)
        .annotate(people=Count("caseload"))
        .order_by("-people", "pk")
        .first()
    )
    participant = (
        User.objects.filter(advocate=advocate, application__status=ApplicationStatus.ENROLLED)
        .order_by("pk")
        .first()
    )
    for staff in (coordinator, advocate):
        second_factor(staff)
    org_size = User.objects.filter(
        role=Role.PARTICIPANT, program__organization=coordinator.organization
    ).count()
    caseload = User.objects.filter(advocate=advocate).count()
    return {
        f"coordinator caseload ({org_size} in the organization)": (
            coordinator,
            "/staff/caseload/",
        ),
        "at-risk list, coordinator": (coordinator, "/certification/at-risk/"),
        "training finder, ZIP + online": (None, "/training/?near=92501&online=on"),
        "participant home": (participant, "/me/"),
        f"advocate caseload ({caseload} people)": (advocate, "/staff/caseload/"),
        "participant record": (advocate, f"/staff/people/{participant.pk}/"),
        "intake queue": (coordinator, "/staff/intake/"),
        "floor: bare view, full middleware": (participant, "/bench/floor/"),
    }


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def server_times(targets: dict[str, tuple[Any, str]], rounds: int) -> dict[str, dict[str, Any]]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    clients = {}
    for name, (user, _path) in targets.items():
        client = Client()
        if user is not None:
            client.force_login(user)
        clients[name] = client
    results: dict[str, dict[str, Any]] = {}
    for name, (_user, path) in targets.items():  # warm up; count queries
        response = clients[name].get(path)
        assert response.status_code == 200, (name, response.status_code)
        with CaptureQueriesContext(connection) as queries:
            clients[name].get(path)
        results[name] = {"path": path, "queries": len(queries), "times_ms": []}
    for _ in range(rounds):
        for name, (_user, path) in targets.items():
            started = time.perf_counter()
            clients[name].get(path)
            results[name]["times_ms"].append((time.perf_counter() - started) * 1000)
    for result in results.values():
        times = result.pop("times_ms")
        result["p50_ms"] = round(statistics.median(times), 1)
        result["p95_ms"] = round(percentile(times, 0.95), 1)
    return results


def page_weight(client: Any, path: str) -> dict[str, int]:
    """The page and its style sheets and scripts, gzipped (level 6), in bytes."""
    html = client.get(path).content
    total = len(gzip.compress(html))
    assets = set(re.findall(rb'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html))
    for asset in assets:
        response = client.get(asset.decode())
        if response.status_code == 200:
            body = b"".join(response.streaming_content) if response.streaming else response.content
            total += len(gzip.compress(body))
    return {"html_gzip": len(gzip.compress(html)), "with_assets_gzip": total}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def throughput(targets: dict[str, tuple[Any, str]], seconds: float) -> dict[str, dict[str, float]]:
    """Requests per second at concurrency 4 against gunicorn with 2 workers, each page
    sampled twice, interleaved with the floor."""
    from django.conf import settings
    from django.test import Client

    cookies: dict[str, str] = {}
    for name, (user, _path) in targets.items():
        if user is not None:
            client = Client()
            client.force_login(user)
            cookies[name] = client.cookies[settings.SESSION_COOKIE_NAME].value
    port = free_port()
    env = {**os.environ, "PYTHONPATH": f"{HERE}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    server = subprocess.Popen(  # noqa: S603
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "peerpath.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(base + "/", timeout=2).read()  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)

        def sample(name: str) -> float:
            path = targets[name][1]
            headers = {}
            if name in cookies:
                headers = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={cookies[name]}"}
            done = [0]
            stop_at = time.monotonic() + seconds
            lock = threading.Lock()

            def worker() -> None:
                while time.monotonic() < stop_at:
                    request = urllib.request.Request(base + path, headers=headers)  # noqa: S310
                    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                        response.read()
                    with lock:
                        done[0] += 1

            started = time.monotonic()
            threads = [threading.Thread(target=worker) for _ in range(4)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            return done[0] / (time.monotonic() - started)

        floor_name = next(name for name in targets if name.startswith("floor"))
        results: dict[str, dict[str, float]] = {}
        floors: list[float] = []
        for name in targets:
            if name == floor_name:
                continue
            rates = []
            for _ in range(2):
                floors.append(sample(floor_name))
                rates.append(sample(name))
            results[name] = {"rps": round(statistics.mean(rates), 1)}
        floor = statistics.mean(floors)
        for result in results.values():
            result["of_floor"] = round(result["rps"] / floor, 3)
        results[floor_name] = {"rps": round(floor, 1), "of_floor": 1.0}
        return results
    finally:
        server.terminate()
        server.wait(timeout=30)


def counted(action: Callable[[], Any]) -> dict[str, Any]:
    """Time and queries of an action (counted by a wrapper: no cap on the number)."""
    from django.db import connection

    queries = [0]

    def count(execute: Any, sql: Any, params: Any, many: Any, context: Any) -> Any:
        queries[0] += 1
        return execute(sql, params, many, context)

    started = time.perf_counter()
    with connection.execute_wrapper(count):
        result = action()
    return {
        "seconds": round(time.perf_counter() - started, 2),
        "queries": queries[0],
        "result": result if isinstance(result, int | str) else None,
    }


def sweeps() -> dict[str, Any]:
    import io

    from django.core.management import call_command
    from django.utils import timezone

    from peerpath.careers.tasks import sweep_follow_up_reminders
    from peerpath.certification.tasks import sweep_reminders
    from peerpath.schedule.tasks import sweep_session_reminders

    today, now = timezone.localdate(), timezone.now()
    runs: dict[str, Any] = {}
    for label, action in (
        ("certification sweep", lambda: sweep_reminders(today)),
        ("careers sweep", lambda: sweep_follow_up_reminders(today)),
        ("session sweep", lambda: sweep_session_reminders(now)),
    ):
        runs[label] = counted(action)
        runs[f"{label}, repeat"] = counted(action)
    if has_command("refresh_lists"):
        runs["refresh-lists, nothing stale"] = counted(
            lambda: call_command("refresh_lists", stdout=io.StringIO())
        )
    return runs


def has_command(name: str) -> bool:
    """False when measuring a version of PeerPath from before the command existed."""
    from django.core.management import get_commands

    return name in get_commands()


def main() -> int:
    args = parse_args()
    setup(args)
    from django.test import Client

    ensure_data(args)
    import io

    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    daily = None
    if has_command("refresh_lists"):
        daily = counted(lambda: call_command("refresh_lists", stdout=io.StringIO()))
        print(f"refresh-lists (the day's status rows): {daily['seconds']} s")
    targets = pages()
    results: dict[str, Any] = {"participants": args.participants, "pages": {}, "refresh": daily}
    times = server_times(targets, args.rounds)
    for name, (user, path) in targets.items():
        client = Client()
        if user is not None:
            client.force_login(user)
        times[name].update(page_weight(client, path))
    rates = {} if args.no_gunicorn else throughput(targets, args.seconds)
    for name in targets:
        results["pages"][name] = {**times[name], **rates.get(name, {})}
    results["sweeps"] = {} if args.no_sweeps else sweeps()

    print(
        f"\n{'page':52} {'p50':>7} {'p95':>7} {'queries':>7} {'KB gz':>6} {'req/s':>6} {'floor':>6}"
    )
    for name, row in results["pages"].items():
        print(
            f"{name[:52]:52} {row['p50_ms']:7.1f} {row['p95_ms']:7.1f} {row['queries']:7d}"
            f" {row['with_assets_gzip'] / 1024:7.1f} {row.get('rps', 0):7.1f}"
            f" {row.get('of_floor', 0):7.2f}"
        )
    if results["sweeps"]:
        print(f"\n{'sweep':52} {'seconds':>8} {'queries':>8}")
        for name, row in results["sweeps"].items():
            print(f"{name:52} {row['seconds']:8.2f} {row['queries']:8d}")
    output = args.json or HERE / f"results-{args.participants}.json"
    output.write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nJSON: {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
