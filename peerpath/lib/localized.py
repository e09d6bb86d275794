"""Bilingual reference data.

Reference rows carry an English field and a Spanish twin with the suffix
`_es` (`name`, `name_es`). `localized()` picks the one for the active
language and falls back to English when the Spanish text is empty.
"""

from __future__ import annotations

from typing import Any

from django.utils import translation

TRANSLATED_LANGUAGES = ("es",)


def localized(obj: Any, field: str, language: str | None = None) -> str:
    language = (language or translation.get_language() or "en")[:2]
    if language in TRANSLATED_LANGUAGES:
        value = getattr(obj, f"{field}_{language}", "") or (
            obj.get(f"{field}_{language}", "") if isinstance(obj, dict) else ""
        )
        if value:
            return str(value)
    if isinstance(obj, dict):
        return str(obj.get(field, ""))
    return str(getattr(obj, field, ""))
