"""The OpenAPI schema tells the truth: schemathesis with every check against a live server."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

CONFIG = Path(__file__).resolve().parent.parent / "schemathesis.toml"
SCHEMATHESIS = Path(sys.executable).parent / "schemathesis"


@pytest.fixture
def public_program(transactional_db: None) -> None:
    from peerpath.accounts.demo import DEMO_PROGRAM_SLUG, create_demo
    from peerpath.accounts.models import Program
    from peerpath.catalog.loader import load_reference
    from peerpath.schedule.demo import create_demo_schedule

    load_reference()
    create_demo()
    create_demo_schedule(Program.objects.get(slug=DEMO_PROGRAM_SLUG))


@pytest.mark.skipif(not SCHEMATHESIS.exists(), reason="schemathesis is in the test extra")
def test_every_operation_keeps_to_its_schema(live_server, public_program, tmp_path) -> None:
    import requests

    # The first answer builds the schema; do that before the clock of the tool starts.
    assert requests.get(f"{live_server.url}/api/openapi.json", timeout=120).status_code == 200
    result = subprocess.run(  # noqa: S603 - our own test tool, fixed arguments
        [
            str(SCHEMATHESIS),
            "--config-file",
            str(CONFIG),
            "--no-color",
            "run",
            f"{live_server.url}/api/openapi.json",
            "--checks",
            "all",
            "--max-examples",
            "25",
            "--seed",
            "18",
            "--workers",
            "1",
            "--generation-database",
            "none",
            "--report-dir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    summary = result.stdout[-6000:]
    assert result.returncode == 0, summary
    # Every operation was tested, none skipped.
    total = re.search(r"Selected: (\d+)/(\d+)", result.stdout)
    assert total and total.group(1) == total.group(2), summary
    assert f"Tested: {total.group(2)}" in result.stdout, summary
