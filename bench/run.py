"""PeerPath benchmarks: speed targets live here, not in timed tests.

    .venv/bin/python bench/run.py

Builds a throw-away SQLite database in a temporary directory, fills it with
500 training providers and measures the pages and the coach against their
targets. Prints one line per measurement and exits 1 if a target is missed.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable

TARGETS_MS = {
    "finder page, 500 providers, near a ZIP + online (p95)": 250.0,
    "providers API, 500 providers, one specialization (p95)": 250.0,
    "practice answer with coach feedback (p95)": 150.0,
    "coach classify, one response (p95)": 50.0,
}


def p95(action: Callable[[], object], runs: int) -> float:
    action()  # warm up
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return timings[int(0.95 * (len(timings) - 1))]


def main() -> int:
    os.environ["PEERPATH_DATA_DIR"] = tempfile.mkdtemp(prefix="peerpath-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peerpath.settings")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from peerpath.catalog.models import Provider, ProviderLocation, Specialization, TrainingMethod
    from peerpath.practice.coach import bench as coach_bench

    call_command("migrate", verbosity=0)
    call_command("load_reference", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    method = TrainingMethod.objects.get(code="online_live")
    specialization = Specialization.objects.get(code="CC")
    for index in range(488):
        provider = Provider.objects.create(slug=f"bench-{index}", name=f"Bench {index}")
        provider.methods.add(method)
        provider.specializations.add(specialization)
        ProviderLocation(provider=provider, label="Riverside", zip_code="92501").save()

    client = Client()
    results = {
        "finder page, 500 providers, near a ZIP + online (p95)": p95(
            lambda: client.get("/training/", {"near": "92501", "online": "on"}), 30
        ),
        "providers API, 500 providers, one specialization (p95)": p95(
            lambda: client.get("/api/providers", {"specialization": "CC"}), 30
        ),
        "practice answer with coach feedback (p95)": p95(
            lambda: client.post(
                "/practice/open_question/",
                {"prompt": "oq-01", "response": "What has work been like this week?"},
            ),
            50,
        ),
        "coach classify, one response (p95)": coach_bench.measure(1000)["all"]["p95_ms"],
    }
    missed = 0
    for name, value in results.items():
        target = TARGETS_MS[name]
        status = "ok" if value <= target else "MISSED"
        missed += status == "MISSED"
        print(f"{status:6} {name}: {value:.1f} ms (target {target:.0f} ms)")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
