"""Read and validate the labelled CSV files in ``peerpath/practice/data/``."""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

from .labels import CLIENT, LABELS, PRACTITIONER, SUBTYPED_LABEL, SUBTYPES

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

TRAINING_FILES = {PRACTITIONER: "practitioner.csv", CLIENT: "client.csv"}
FRESH_FILES = {PRACTITIONER: "practitioner_fresh.csv", CLIENT: "client_fresh.csv"}
# Spanish training data for the Spanish models.
SPANISH_TRAINING_FILES = {PRACTITIONER: "practitioner_es_train.csv", CLIENT: "client_es_train.csv"}
# Spanish turns written before the Spanish models existed: a fresh evaluation
# set, never used to fit a model.
SPANISH_FILES = {PRACTITIONER: "practitioner_es.csv", CLIENT: "client_es.csv"}
TRAINING_FILES_BY_LANGUAGE = {"en": TRAINING_FILES, "es": SPANISH_TRAINING_FILES}


@dataclass(frozen=True)
class Example:
    id: str
    text: str
    label: str
    subtype: str | None
    topic: str
    context: str | None = None


def read_examples(path: Path, speaker: str) -> list[Example]:
    """Load one CSV file, refusing labels outside the speaker's vocabulary."""
    examples = []
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            label = row["label"].strip()
            subtype = row["subtype"].strip() or None
            if label not in LABELS[speaker]:
                raise ValueError(f"{path.name} {row['id']}: unknown label {label!r}")
            if label == SUBTYPED_LABEL[speaker]:
                if subtype not in SUBTYPES[speaker]:
                    raise ValueError(f"{path.name} {row['id']}: bad subtype {subtype!r}")
            elif subtype is not None:
                raise ValueError(f"{path.name} {row['id']}: {label} takes no subtype")
            examples.append(
                Example(
                    id=row["id"],
                    text=row["text"],
                    label=label,
                    subtype=subtype,
                    topic=row["topic"],
                    context=(row.get("context") or "").strip() or None,
                )
            )
    return examples


def training_examples(
    speaker: str, data_dir: Path = DATA_DIR, language: str = "en"
) -> list[Example]:
    return read_examples(data_dir / TRAINING_FILES_BY_LANGUAGE[language][speaker], speaker)


def fresh_examples(speaker: str, data_dir: Path = DATA_DIR) -> list[Example]:
    return read_examples(data_dir / FRESH_FILES[speaker], speaker)


def spanish_examples(speaker: str, data_dir: Path = DATA_DIR) -> list[Example]:
    return read_examples(data_dir / SPANISH_FILES[speaker], speaker)


def training_data_fingerprint(data_dir: Path = DATA_DIR, language: str = "en") -> str:
    """Hash of the training files, so a saved model can tell it is stale."""
    digest = hashlib.sha256()
    for name in sorted(TRAINING_FILES_BY_LANGUAGE[language].values()):
        digest.update((data_dir / name).read_bytes())
    return digest.hexdigest()[:16]
