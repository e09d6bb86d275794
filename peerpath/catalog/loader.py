"""Load the versioned reference data files into the database.

Each file carries a `version`. A file is loaded when its version is newer than
the one recorded in ReferenceDataset (or with `force`), so edits made in the
admin survive restarts until the project ships a newer file. Loading is an
upsert by stable code, so running it twice changes nothing.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from peerpath.catalog.models import (
    Competency,
    CompetencyItem,
    EmployerType,
    FurtherTraining,
    JobTitle,
    Modality,
    Provider,
    ProviderLocation,
    ReferenceDataset,
    Specialization,
    SpecializationCompetency,
    TrainingMethod,
    parse_start_dates,
)

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class LoadResult:
    name: str
    version: int
    loaded: bool


def _names(record: dict[str, Any], *fields: str) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for field in fields:
        values[field] = record.get(field) or ""
        values[f"{field}_es"] = record.get(f"{field}_es") or ""
    return values


def load_training_formats(data: dict[str, Any]) -> None:
    for model, key in ((TrainingMethod, "methods"), (Modality, "modalities")):
        for order, record in enumerate(data[key]):
            model.objects.update_or_create(
                code=record["code"], defaults={**_names(record, "name"), "order": order}
            )


def load_specializations(data: dict[str, Any]) -> None:
    for order, record in enumerate(data["specializations"]):
        specialization, _created = Specialization.objects.update_or_create(
            code=record["code"],
            defaults={
                **_names(record, "name", "summary"),
                "hours": record.get("hours") or 40,
                "order": order,
            },
        )
        specialization.competencies.all().delete()
        SpecializationCompetency.objects.bulk_create(
            SpecializationCompetency(
                specialization=specialization, order=index, **_names(item, "group", "name")
            )
            for index, item in enumerate(record["competencies"])
        )


def upsert_provider(record: dict[str, Any]) -> Provider:
    """Create or update one provider from a normalised record (JSON file or CSV row)."""
    provider, _created = Provider.objects.update_or_create(
        slug=record["slug"],
        defaults={
            "name": record["name"],
            "short_name": record.get("short_name") or "",
            "website": record.get("website") or "",
            "location_text": record.get("location_text") or "",
            "statewide": bool(record.get("statewide")),
            "hours": record.get("hours"),
            "offers_core_training": bool(record.get("offers_core_training")),
            "approved_for_core": bool(record.get("approved_for_core")),
            "phone": record.get("phone") or "",
            "email": record.get("email") or "",
            "languages": record.get("languages") or "",
            "cost": record.get("cost") or "",
            "next_starts": record.get("next_starts") or "",
            **_names(record, "schedule", "hours_note", "notes"),
        },
    )
    provider.specializations.set(
        Specialization.objects.filter(code__in=record.get("specializations") or [])
    )
    provider.methods.set(TrainingMethod.objects.filter(code__in=record.get("methods") or []))
    provider.modalities.set(Modality.objects.filter(code__in=record.get("modalities") or []))
    provider.locations.all().delete()
    for location in record.get("locations") or []:
        # save() fills the coordinates from the ZIP centroid.
        ProviderLocation(
            provider=provider, label=location["label"], zip_code=location["zip"]
        ).save()
    return provider


def load_providers(data: dict[str, Any]) -> None:
    for record in data["providers"]:
        upsert_provider(record)


def load_competencies(data: dict[str, Any]) -> None:
    frameworks = (
        ("samhsa", "samhsa"),
        ("sb803", "sb803"),
        ("oshpd", "oshpd"),
        ("naps", "naps_values"),
    )
    for framework, key in frameworks:
        for order, record in enumerate(data[key]):
            competency, _created = Competency.objects.update_or_create(
                code=record["code"],
                defaults={
                    "framework": framework,
                    "numeral": record.get("numeral") or "",
                    "order": order,
                    **_names(record, "name"),
                },
            )
            competency.items.all().delete()
            CompetencyItem.objects.bulk_create(
                CompetencyItem(competency=competency, number=item["number"], **_names(item, "text"))
                for item in record.get("items") or []
            )


def load_careers(data: dict[str, Any]) -> None:
    for order, record in enumerate(data["employer_types"]):
        EmployerType.objects.update_or_create(
            code=record["code"], defaults={"order": order, **_names(record, "name", "description")}
        )
    titles = [*data["job_titles"], *data["management_titles"]]
    for order, record in enumerate(titles):
        JobTitle.objects.update_or_create(
            code=record["code"],
            defaults={
                "order": order,
                "level": record.get("level") or JobTitle.Level.ENTRY,
                **_names(record, "name", "description"),
            },
        )
    for order, record in enumerate(data["further_trainings"]):
        FurtherTraining.objects.update_or_create(
            code=record["code"],
            defaults={
                "order": order,
                "website": record.get("website") or "",
                **_names(record, "name", "description"),
            },
        )


def load_jurisdictions(data: dict[str, Any]) -> None:
    """Each state's certification numbers, one row per version (state, date in force).
    Numbers the file does not give are stored with California's values, so every row
    is complete and can be edited field by field."""
    import datetime as dt

    from peerpath.certification.jurisdictions import (
        jurisdiction_from_values,
        jurisdiction_values,
    )
    from peerpath.certification.models import JurisdictionRule

    for record in data["jurisdictions"]:
        complete = jurisdiction_from_values(record["code"], record["name"], record["values"])
        checked = record.get("source_checked_on")
        notes = record.get("notes") or ""
        if record.get("not_in_source"):
            notes += "\nNot in the source (California's value kept): " + ", ".join(
                record["not_in_source"]
            )
        JurisdictionRule.objects.update_or_create(
            code=record["code"],
            effective_on=dt.date.fromisoformat(record["effective_on"]),
            defaults={
                "name": record["name"],
                "values": jurisdiction_values(complete),
                "source_url": record.get("source_url") or "",
                "source_checked_on": dt.date.fromisoformat(checked) if checked else None,
                "verified": bool(record.get("verified")),
                "notes": notes.strip(),
            },
        )


# Order matters: providers refer to formats and specializations.
DATASETS: list[tuple[str, Callable[[dict[str, Any]], None]]] = [
    ("training_formats", load_training_formats),
    ("specializations", load_specializations),
    ("providers", load_providers),
    ("competencies", load_competencies),
    ("careers", load_careers),
    ("jurisdictions", load_jurisdictions),
]


def load_reference(force: bool = False, data_dir: Path = DATA_DIR) -> list[LoadResult]:
    results = []
    recorded = {row.name: row.version for row in ReferenceDataset.objects.all()}
    for name, loader in DATASETS:
        data = json.loads((data_dir / f"{name}.json").read_text(encoding="utf-8"))
        version = int(data["version"])
        if not force and recorded.get(name, 0) >= version:
            results.append(LoadResult(name, version, loaded=False))
            continue
        with transaction.atomic():
            loader(data)
            ReferenceDataset.objects.update_or_create(name=name, defaults={"version": version})
        results.append(LoadResult(name, version, loaded=True))
    return results


CSV_LIST_COLUMNS = ("specializations", "methods", "modalities")


class ProviderCsvError(ValueError):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")


def parse_provider_csv(lines: Iterable[str]) -> list[dict[str, Any]]:
    """Parse the provider CSV format (see data/providers.csv) into records.

    Multi-valued columns separate values with `|`; locations are `label@ZIP`.
    Every row is checked before anything is written.
    """
    known = {
        "specializations": set(Specialization.objects.values_list("code", flat=True)),
        "methods": set(TrainingMethod.objects.values_list("code", flat=True)),
        "modalities": set(Modality.objects.values_list("code", flat=True)),
    }
    records = []
    reader = csv.DictReader(lines)
    missing = {"slug", "name"} - set(reader.fieldnames or [])
    if missing:
        raise ProviderCsvError(1, f"missing column(s): {', '.join(sorted(missing))}")
    for line, row in enumerate(reader, start=2):
        if not (row.get("slug") or "").strip() or not (row.get("name") or "").strip():
            raise ProviderCsvError(line, "slug and name are required")
        record: dict[str, Any] = {k: (v or "").strip() for k, v in row.items() if k}
        for column in CSV_LIST_COLUMNS:
            values = [v.strip() for v in record.get(column, "").split("|") if v.strip()]
            unknown = set(values) - known[column]
            if unknown:
                raise ProviderCsvError(line, f"unknown {column}: {', '.join(sorted(unknown))}")
            record[column] = values
        locations = []
        for item in filter(None, (v.strip() for v in record.get("locations", "").split("|"))):
            label, _sep, zip_code = item.rpartition("@")
            if not label or len(zip_code) != 5 or not zip_code.isdigit():
                raise ProviderCsvError(line, f"location “{item}” must look like Label@12345")
            locations.append({"label": label, "zip": zip_code})
        record["locations"] = locations
        for flag in ("statewide", "offers_core_training", "approved_for_core"):
            record[flag] = record.get(flag, "").lower() in {"1", "true", "yes"}
        if record.get("next_starts"):
            try:
                parse_start_dates(record["next_starts"])
            except ValueError:
                raise ProviderCsvError(line, "next_starts must be dates like 2027-01-11") from None
        if record.get("email") and "@" not in record["email"]:
            raise ProviderCsvError(line, "email is not an email address")
        hours = record.get("hours", "")
        if hours and not hours.isdigit():
            raise ProviderCsvError(line, "hours must be a whole number")
        record["hours"] = int(hours) if hours else None
        records.append(record)
    return records


def import_provider_csv(lines: Iterable[str]) -> list[Provider]:
    records = parse_provider_csv(lines)
    with transaction.atomic():
        return [upsert_provider(record) for record in records]


CSV_COLUMNS = [
    "slug",
    "name",
    "short_name",
    "website",
    "phone",
    "email",
    "languages",
    "cost",
    "next_starts",
    "offers_core_training",
    "approved_for_core",
    "location_text",
    "statewide",
    "locations",
    "specializations",
    "methods",
    "modalities",
    "schedule",
    "schedule_es",
    "hours",
    "hours_note",
    "hours_note_es",
    "notes",
    "notes_es",
]


def export_provider_csv(output: Any) -> int:
    """Write every provider in the import format (round trip: export, edit, import)."""
    writer = csv.writer(output)
    writer.writerow(CSV_COLUMNS)
    providers = Provider.objects.prefetch_related(
        "specializations", "methods", "modalities", "locations"
    ).order_by("name")
    count = 0
    for provider in providers:
        row = []
        for column in CSV_COLUMNS:
            if column in CSV_LIST_COLUMNS:
                row.append("|".join(item.code for item in getattr(provider, column).all()))
            elif column == "locations":
                row.append(
                    "|".join(f"{loc.label}@{loc.zip_code}" for loc in provider.locations.all())
                )
            elif column in {"statewide", "offers_core_training", "approved_for_core"}:
                row.append("true" if getattr(provider, column) else "false")
            else:
                value = getattr(provider, column)
                row.append("" if value is None else str(value))
        writer.writerow(row)
        count += 1
    return count
