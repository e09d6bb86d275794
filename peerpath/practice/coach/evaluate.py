"""Measure the coach (rules and model together) on the project data.

    python -m peerpath.practice.coach.evaluate [--json]

Three measurements, each scoring what ``classify_many`` returns:

* stratified 5-fold cross-validation on the training CSVs (out-of-fold
  predictions pooled over the folds);
* one stratified 80/20 held-out split;
* the fresh sets, written after the training data and never used for fitting
  or for choosing rules, scored with models fitted on all the training data;
* the same for Spanish, separately: cross-validation and a held-out split of
  the Spanish training files (``*_es_train.csv``), and the Spanish sets
  (``practitioner_es.csv``, ``client_es.csv``) as the fresh sets, scored with
  the Spanish rules and the Spanish models together;
* with ``--verdicts``: the exercise verdicts on the verdict evaluation sets
  (see ``verdict_eval.py``).

Subtype accuracy is end to end: a change statement counts as right only if it
is labelled change with the right subtype (likewise reflections).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from typing import Any

import numpy as np
import sklearn
from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support
from sklearn.model_selection import StratifiedKFold, train_test_split

from .classifier import Classification, classify_many
from .dataset import Example, fresh_examples, spanish_examples, training_examples
from .labels import CLIENT, LABELS, PRACTITIONER, SUBTYPED_LABEL
from .language import detect_language
from .model import RANDOM_STATE, CoachModels
from .train import fit_speaker, load_models

FOLDS = 5
HELD_OUT_FRACTION = 0.2


def _strata(examples: Sequence[Example]) -> list[str]:
    return [f"{e.label}/{e.subtype}" for e in examples]


def _fit(
    speaker: str, examples: Sequence[Example], random_state: int, language: str = "en"
) -> CoachModels:
    return CoachModels(
        speakers={speaker: fit_speaker(examples, speaker, random_state, language)},
        sklearn_version=sklearn.__version__,
        data_fingerprint="evaluation",
        language=language,
    )


def _predict(
    speaker: str, examples: Sequence[Example], models: CoachModels
) -> tuple[list[Classification], list[str]]:
    """Combined predictions, plus the label model's own answers for comparison."""
    texts = [e.text for e in examples]
    if models.language == "es":
        combined = classify_many(speaker, texts, spanish_models=models)
    else:
        combined = classify_many(speaker, texts, models=models)
    model_only = [label for label, _ in models.speakers[speaker].label.predict(texts)]
    return combined, model_only


def score(
    speaker: str,
    examples: Sequence[Example],
    predicted: Sequence[Classification],
    model_only: Sequence[str],
) -> dict[str, Any]:
    labels = list(LABELS[speaker])
    gold = [e.label for e in examples]
    guess = [p.label for p in predicted]
    precision, recall, f1, support = precision_recall_fscore_support(
        gold, guess, labels=labels, zero_division=0
    )
    subtyped = SUBTYPED_LABEL[speaker]
    with_subtype = [(e, p) for e, p in zip(examples, predicted, strict=True) if e.label == subtyped]
    end_to_end = [p.label == subtyped and p.subtype == e.subtype for e, p in with_subtype]
    given_label = [p.subtype == e.subtype for e, p in with_subtype if p.label == subtyped]
    by_rule = [(e, p) for e, p in zip(examples, predicted, strict=True) if p.source == "rule"]
    rule_right = [e.label == p.label for e, p in by_rule]
    return {
        "n": len(examples),
        "accuracy": float(accuracy_score(gold, guess)),
        "macro_f1": float(f1_score(gold, guess, labels=labels, average="macro", zero_division=0)),
        "per_class": {
            label: {
                "precision": float(precision[i]),
                "recall": float(recall[i]),
                "f1": float(f1[i]),
                "support": int(support[i]),
            }
            for i, label in enumerate(labels)
        },
        "subtype_accuracy": float(np.mean(end_to_end)) if end_to_end else 0.0,
        "subtype_accuracy_given_label": float(np.mean(given_label)) if given_label else 0.0,
        "subtype_n": len(end_to_end),
        "rule_coverage": len(by_rule) / len(examples) if examples else 0.0,
        "rule_precision": float(np.mean(rule_right)) if rule_right else 0.0,
        "model_only_accuracy": float(accuracy_score(gold, model_only)),
        "model_only_macro_f1": float(
            f1_score(gold, model_only, labels=labels, average="macro", zero_division=0)
        ),
    }


def cross_validate(
    speaker: str,
    examples: Sequence[Example],
    random_state: int = RANDOM_STATE,
    language: str = "en",
) -> dict[str, Any]:
    folds = StratifiedKFold(FOLDS, shuffle=True, random_state=random_state)
    predicted: list[Classification | None] = [None] * len(examples)
    model_only: list[str] = [""] * len(examples)
    fold_macro_f1 = []
    for train_idx, test_idx in folds.split(np.zeros(len(examples)), _strata(examples)):
        models = _fit(speaker, [examples[i] for i in train_idx], random_state, language)
        test = [examples[i] for i in test_idx]
        combined, alone = _predict(speaker, test, models)
        for i, c, m in zip(test_idx, combined, alone, strict=True):
            predicted[i], model_only[i] = c, m
        fold_macro_f1.append(score(speaker, test, combined, alone)["macro_f1"])
    result = score(speaker, examples, [p for p in predicted if p is not None], model_only)
    result["fold_macro_f1"] = fold_macro_f1
    return result


def held_out(
    speaker: str,
    examples: Sequence[Example],
    random_state: int = RANDOM_STATE,
    language: str = "en",
) -> dict[str, Any]:
    train, test = train_test_split(
        list(examples),
        test_size=HELD_OUT_FRACTION,
        stratify=_strata(examples),
        random_state=random_state,
    )
    models = _fit(speaker, train, random_state, language)
    return score(speaker, test, *_predict(speaker, test, models))


def fresh(speaker: str, models: CoachModels | None = None) -> dict[str, Any]:
    examples = fresh_examples(speaker)
    return score(speaker, examples, *_predict(speaker, examples, models or load_models()))


def spanish_fresh(speaker: str, models: CoachModels | None = None) -> dict[str, Any]:
    """The Spanish sets, scored with the Spanish rules and the saved Spanish models."""
    examples = spanish_examples(speaker)
    result = score(
        speaker, examples, *_predict(speaker, examples, models or load_models(language="es"))
    )
    result["detected_spanish"] = sum(detect_language(e.text) == "es" for e in examples) / len(
        examples
    )
    return result


def evaluate(
    include_cv: bool = True, include_fresh: bool = True, include_spanish: bool = True
) -> dict[str, Any]:
    report: dict[str, Any] = {"sklearn_version": sklearn.__version__, "seed": RANDOM_STATE}
    for speaker in (PRACTITIONER, CLIENT):
        examples = training_examples(speaker)
        part: dict[str, Any] = {"training_rows": len(examples)}
        if include_cv:
            part["cross_validation"] = cross_validate(speaker, examples)
        part["held_out"] = held_out(speaker, examples)
        if include_fresh:
            part["fresh"] = fresh(speaker)
        report[speaker] = part
    if include_spanish:
        report["spanish"] = {}
        for speaker in (PRACTITIONER, CLIENT):
            examples = training_examples(speaker, language="es")
            part = {"training_rows": len(examples)}
            if include_cv:
                part["cross_validation"] = cross_validate(speaker, examples, language="es")
            part["held_out"] = held_out(speaker, examples, language="es")
            if include_fresh:
                part["fresh"] = spanish_fresh(speaker)
            report["spanish"][speaker] = part
    return report


def _table(report: dict[str, Any]) -> str:
    lines = [f"scikit-learn {report['sklearn_version']}, seed {report['seed']}"]
    lines += _language_table(report, "English")
    if "spanish" in report:
        lines += _language_table(report["spanish"], "Spanish")
    return "\n".join(lines)


def _language_table(report: dict[str, Any], language: str) -> list[str]:
    lines = []
    for speaker in (PRACTITIONER, CLIENT):
        part = report[speaker]
        runs = [k for k in ("cross_validation", "held_out", "fresh") if k in part]
        lines += ["", f"{language} {speaker} ({part['training_rows']} training rows)"]
        header = f"  {'':24}" + "".join(f"{run:>22}" for run in runs)
        lines.append(header)
        lines.append(f"  {'rows scored':24}" + "".join(f"{part[r]['n']:>22}" for r in runs))
        for label in LABELS[speaker]:
            cells = ""
            for run in runs:
                c = part[run]["per_class"][label]
                cells += f"{c['precision']:>8.2f}{c['recall']:>7.2f}{c['f1']:>7.2f}"
            lines.append(f"  {label + ' P/R/F1':24}{cells}")
        subtype_name = "reflection subtype" if speaker == PRACTITIONER else "change subtype"
        for key, name in (
            ("macro_f1", "macro-F1"),
            ("accuracy", "accuracy"),
            ("subtype_accuracy", f"{subtype_name} acc"),
            ("subtype_accuracy_given_label", "  given right label"),
            ("rule_coverage", "rule coverage"),
            ("rule_precision", "rule precision"),
            ("model_only_macro_f1", "model alone macro-F1"),
            ("model_only_accuracy", "model alone accuracy"),
        ):
            lines.append(f"  {name:24}" + "".join(f"{part[r][key]:>22.3f}" for r in runs))
    return lines


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the raw numbers as JSON")
    parser.add_argument("--no-cv", action="store_true", help="skip cross-validation")
    parser.add_argument("--no-fresh", action="store_true", help="skip the fresh sets")
    parser.add_argument("--no-spanish", action="store_true", help="skip Spanish")
    parser.add_argument(
        "--verdicts",
        action="store_true",
        help="score the exercise verdicts instead (needs Django: peerpath coach-evaluate)",
    )
    args = parser.parse_args(argv)
    if args.verdicts:
        # The verdicts use Django's translations, so they are only scored here.
        from peerpath.practice.verdict_eval import evaluate_verdicts, table

        verdicts = evaluate_verdicts()
        print(json.dumps(verdicts, indent=2) if args.json else table(verdicts))
        return
    report = evaluate(
        include_cv=not args.no_cv,
        include_fresh=not args.no_fresh,
        include_spanish=not args.no_spanish,
    )
    print(json.dumps(report, indent=2) if args.json else _table(report))


if __name__ == "__main__":
    main()
