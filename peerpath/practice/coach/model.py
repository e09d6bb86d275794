"""The linear text models behind the rule layer.

Four small classifiers share one recipe: word 1–2-gram and character 2–5-gram
TF-IDF features into a logistic regression, with temperature-scaled
probabilities from ``CalibratedClassifierCV``. Temperature scaling keeps the
regression's ranking of labels and only softens or sharpens its confidence,
which is what the coach shows to trainees.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import FeatureUnion, Pipeline

from .content import fold
from .rules import normalize

RANDOM_STATE = 20240611
# Words keep inner apostrophes so "don't" and "you're" stay one token.
WORD_PATTERN = r"(?u)\b\w[\w']*\b"
# Bump when the saved bundle's structure changes, so old files are retrained.
FORMAT_VERSION = 1


def prepare(text: str) -> str:
    """Normalise and add boundary tokens.

    The start token lets word bigrams see how an utterance opens ("xxbos what",
    "xxbos you"), which carries most of the signal for questions and advice; the
    end token records whether it was typed with a question mark.
    """
    t = normalize(text)
    end = "xxq" if t.endswith("?") else "xxstop"
    return f"xxbos {t} {end}"


def prepare_es(text: str) -> str:
    """Spanish: as ``prepare``, with accents dropped (trainees often leave them out)
    and a token for an opening "¿", which marks a question as well as "?" does."""
    t = fold(text)
    start = "xxbos xxiq" if t.startswith("¿") else "xxbos"
    end = "xxq" if t.endswith("?") else "xxstop"
    return f"{start} {t.lstrip('¿¡')} {end}"


def build_pipeline(
    random_state: int = RANDOM_STATE, calibration_folds: int = 5, language: str = "en"
) -> Pipeline:
    preprocessor = prepare_es if language == "es" else prepare
    features = FeatureUnion(
        [
            (
                "word",
                TfidfVectorizer(
                    preprocessor=preprocessor,
                    ngram_range=(1, 2),
                    token_pattern=WORD_PATTERN,
                    sublinear_tf=True,
                ),
            ),
            (
                "char",
                TfidfVectorizer(
                    preprocessor=preprocessor,
                    analyzer="char_wb",
                    ngram_range=(2, 5),
                    min_df=2,
                    sublinear_tf=True,
                ),
            ),
        ]
    )
    regression = LogisticRegression(
        C=10.0, max_iter=5000, class_weight="balanced", random_state=random_state
    )
    calibrated = CalibratedClassifierCV(
        regression,
        method="temperature",
        cv=StratifiedKFold(calibration_folds, shuffle=True, random_state=random_state),
        # One regression fitted on all rows keeps the saved file small; the folds
        # only supply out-of-sample scores for fitting the temperature.
        ensemble=False,
    )
    return Pipeline([("features", features), ("classifier", calibrated)])


@dataclass
class TextModel:
    """A fitted pipeline with a convenience top-label API."""

    pipeline: Pipeline

    @classmethod
    def fit(
        cls,
        texts: Sequence[str],
        labels: Sequence[str],
        random_state: int = RANDOM_STATE,
        language: str = "en",
    ) -> TextModel:
        folds = min(5, min(labels.count(label) for label in set(labels)))
        pipeline = build_pipeline(random_state, calibration_folds=folds, language=language)
        pipeline.fit(list(texts), list(labels))
        return cls(pipeline)

    @property
    def classes(self) -> list[str]:
        return [str(c) for c in self.pipeline.classes_]

    def predict(self, texts: Sequence[str]) -> list[tuple[str, float]]:
        """Top label and its calibrated probability for each text."""
        if not texts:
            return []
        proba = self.pipeline.predict_proba(list(texts))
        best = np.argmax(proba, axis=1)
        classes = self.classes
        return [(classes[i], float(proba[row, i])) for row, i in enumerate(best)]


@dataclass
class SpeakerModels:
    label: TextModel
    subtype: TextModel


@dataclass
class CoachModels:
    """Everything ``classify`` needs, as saved in ``models/coach.joblib``."""

    speakers: dict[str, SpeakerModels]
    sklearn_version: str
    data_fingerprint: str
    format_version: int = FORMAT_VERSION
    language: str = "en"
