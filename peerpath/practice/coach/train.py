"""Fit the coach models from the project CSVs, save them, and load them once.

    python -m peerpath.practice.coach.train

writes ``models/coach.joblib`` (English) and ``models/coach_es.joblib``
(Spanish). ``load_models()`` / ``load_models(language="es")`` read them, or train in
memory when it is missing or was written by another scikit-learn version or
from different training data (a pickle from another version may load but
behave differently, so it is not trusted).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from pathlib import Path

import joblib
import sklearn

from .dataset import DATA_DIR, Example, training_data_fingerprint, training_examples
from .labels import CLIENT, PRACTITIONER, SUBTYPED_LABEL
from .model import FORMAT_VERSION, RANDOM_STATE, CoachModels, SpeakerModels, TextModel

logger = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).resolve().parent / "models" / "coach.joblib"
SPANISH_MODEL_PATH = MODEL_PATH.with_name("coach_es.joblib")
MODEL_PATHS = {"en": MODEL_PATH, "es": SPANISH_MODEL_PATH}


def fit_speaker(
    examples: Sequence[Example], speaker: str, random_state: int, language: str = "en"
) -> SpeakerModels:
    """Label model on every row; subtype model on the rows that carry a subtype."""
    label_model = TextModel.fit(
        [e.text for e in examples], [e.label for e in examples], random_state, language
    )
    subtyped = [e for e in examples if e.label == SUBTYPED_LABEL[speaker]]
    subtype_model = TextModel.fit(
        [e.text for e in subtyped], [str(e.subtype) for e in subtyped], random_state, language
    )
    return SpeakerModels(label=label_model, subtype=subtype_model)


def train_models(
    data_dir: Path = DATA_DIR, random_state: int = RANDOM_STATE, language: str = "en"
) -> CoachModels:
    return CoachModels(
        speakers={
            speaker: fit_speaker(
                training_examples(speaker, data_dir, language), speaker, random_state, language
            )
            for speaker in (PRACTITIONER, CLIENT)
        },
        sklearn_version=sklearn.__version__,
        data_fingerprint=training_data_fingerprint(data_dir, language),
        language=language,
    )


def save_models(models: CoachModels, path: Path = MODEL_PATH) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(models, path, compress=("xz", 6))


def _is_current(models: object, language: str = "en") -> bool:
    return (
        isinstance(models, CoachModels)
        and models.format_version == FORMAT_VERSION
        and models.language == language
        and models.sklearn_version == sklearn.__version__
        and models.data_fingerprint == training_data_fingerprint(language=language)
    )


def read_saved_models(path: Path = MODEL_PATH, language: str = "en") -> CoachModels | None:
    """The saved bundle if it exists and matches this install, else None."""
    if not path.exists():
        return None
    try:
        models = joblib.load(path)
    except (OSError, EOFError, ValueError, AttributeError, ImportError) as error:
        # A file from an incompatible install is a reason to retrain, not to crash.
        logger.warning("Ignoring unreadable coach model %s: %s", path, error)
        return None
    if not _is_current(models, language):
        logger.warning("Coach model %s is stale (sklearn or data changed); retraining", path)
        return None
    return models


def _warm_up(models: CoachModels) -> None:
    # The first prediction through each pipeline pays one-off setup costs (tens
    # of milliseconds); pay them at load time rather than in a trainee's request.
    for speaker_models in models.speakers.values():
        speaker_models.label.predict(["warm up"])
        speaker_models.subtype.predict(["warm up"])


_cache: dict[Path, CoachModels] = {}
_lock = threading.Lock()


def load_models(path: Path | None = None, language: str = "en") -> CoachModels:
    """Saved models, trained in memory on first use if needed; cached per process."""
    path = path or MODEL_PATHS[language]
    with _lock:
        if path not in _cache:
            models = read_saved_models(path, language)
            if models is None:
                models = train_models(language=language)
            _warm_up(models)
            _cache[path] = models
        return _cache[path]


def main() -> None:
    for language, path in MODEL_PATHS.items():
        models = train_models(language=language)
        save_models(models, path)
        size_kb = path.stat().st_size / 1024
        print(f"wrote {path} ({size_kb:.0f} KiB, scikit-learn {models.sklearn_version})")


if __name__ == "__main__":
    main()
