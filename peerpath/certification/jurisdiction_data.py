"""The jurisdiction in force for a state, read from `JurisdictionRule` rows.

Every rule computation for every case needs it, so the rows are read once and kept
for a short while in the process (a minute); saving a row reloads the copy at once in
the process that saved it, so pages never pay for it per case. A state without rows
uses the built-in values.
"""

from __future__ import annotations

import datetime as dt
import time
from threading import Lock

from django.utils import timezone

from peerpath.certification.jurisdictions import CALIFORNIA, JURISDICTIONS, Jurisdiction

CACHE_SECONDS = 60
_lock = Lock()
_cache: dict[str, object] = {"loaded_at": 0.0, "rows": None}


def clear_cache() -> None:
    with _lock:
        _cache["loaded_at"] = 0.0
        _cache["rows"] = None


def _rows() -> dict[str, list[tuple[dt.date, Jurisdiction]]]:
    with _lock:
        rows = _cache["rows"]
        if rows is not None and time.monotonic() - float(_cache["loaded_at"]) < CACHE_SECONDS:
            return rows  # type: ignore[return-value]
    return refresh()


def refresh() -> dict[str, list[tuple[dt.date, Jurisdiction]]]:
    """Read every row now (one query) and keep them."""
    from peerpath.certification.models import JurisdictionRule

    loaded: dict[str, list[tuple[dt.date, Jurisdiction]]] = {}
    for rule in JurisdictionRule.objects.order_by("code", "-effective_on"):
        loaded.setdefault(rule.code, []).append((rule.effective_on, rule.as_jurisdiction()))
    with _lock:
        _cache["rows"] = loaded
        _cache["loaded_at"] = time.monotonic()
    return loaded


def current_jurisdiction(code: str | None, on: dt.date | None = None) -> Jurisdiction:
    """The newest version in force on `on` (today) for `code`; California when unknown."""
    code = code or "CA"
    day = on or timezone.localdate()
    for effective_on, jurisdiction in _rows().get(code, []):
        if effective_on <= day:
            return jurisdiction
    return JURISDICTIONS.get(code, CALIFORNIA)


def jurisdiction_choices() -> list[tuple[str, str]]:
    """Every state with rules, built-in or stored, by name."""
    names = {code: jurisdiction.name for code, jurisdiction in JURISDICTIONS.items()}
    for code, versions in _rows().items():
        names[code] = versions[0][1].name
    return sorted(names.items(), key=lambda item: item[1])
