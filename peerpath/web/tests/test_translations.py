"""Every Spanish catalogue is complete, valid and compiled."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MSGFMT = shutil.which("msgfmt") or "msgfmt"
CATALOGUES = sorted(ROOT.glob("**/locale/es/LC_MESSAGES/django.po"))

pytestmark = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext is not installed")


def test_there_is_a_spanish_catalogue():
    assert ROOT / "locale/es/LC_MESSAGES/django.po" in CATALOGUES


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_is_fully_translated_and_compiled(po, tmp_path):
    compiled = tmp_path / "django.mo"
    result = subprocess.run(  # noqa: S603 - our own catalogue, a fixed program
        [MSGFMT, "--check-format", "--statistics", "-o", str(compiled), str(po)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr
    committed = po.with_suffix(".mo")
    assert committed.exists(), f"run `peerpath compilemessages` for {po}"
    assert committed.read_bytes() == compiled.read_bytes(), f"{committed} is out of date"
