"""Measure the exercise verdicts on the project's verdict evaluation sets.

    peerpath coach-evaluate --verdicts

``data/verdicts_en.csv`` and ``data/verdicts_es.csv`` hold (exercise, client,
response, meets, problem) items written for this purpose; no model is fitted
on them. ``data/verdicts_fresh_*.csv`` are smaller sets written later, also
covering complex reflections and summaries; ``data/verdicts_fresh2_*.csv``
were written after the Spanish present-tense and off-topic changes, on new
situations, and scored once; the verdict code was changed after that run, so
``data/verdicts_fresh3_*.csv`` were written after the change and scored once
as the held-out check. Its Spanish misses led to the command, praise,
affirmation and complex-reflection changes, and ``data/verdicts_fresh4_*.csv``
were written after those and scored once. For each language and set this reports:

* verdict accuracy: the share of answers whose meets / does-not-meet was right;
* false-praise rate: of the answers that should not pass, the share told they do;
* problem named: of the answers that should not pass, the share whose expected
  problem code is among the codes returned (and the same per code);
* false-reject rate: of the answers that should pass, the share turned down;
* p95 and median milliseconds per answer, one call at a time, after a warm-up.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from peerpath.practice.coach.dataset import DATA_DIR
from peerpath.practice.verdict import EXERCISES, LANGUAGES, PROBLEM_ORDER, verdict

VERDICT_FILES = {
    "main": {language: f"verdicts_{language}.csv" for language in LANGUAGES},
    "fresh": {language: f"verdicts_fresh_{language}.csv" for language in LANGUAGES},
    "fresh2": {language: f"verdicts_fresh2_{language}.csv" for language in LANGUAGES},
    "fresh3": {language: f"verdicts_fresh3_{language}.csv" for language in LANGUAGES},
    "fresh4": {language: f"verdicts_fresh4_{language}.csv" for language in LANGUAGES},
}
WARM_UP = 20


@dataclass(frozen=True)
class VerdictItem:
    id: str
    exercise: str
    client: str
    response: str
    meets: bool
    problem: str


def read_items(language: str, data_dir: Path = DATA_DIR, which: str = "main") -> list[VerdictItem]:
    items = []
    path = data_dir / VERDICT_FILES[which][language]
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            meets = row["meets"] == "true"
            problem = row["problem"].strip()
            if row["exercise"] not in EXERCISES or row["meets"] not in ("true", "false"):
                raise ValueError(f"{row['id']}: bad exercise or meets")
            if meets == bool(problem) or (problem and problem not in PROBLEM_ORDER):
                raise ValueError(f"{row['id']}: a failing item needs one known problem code")
            items.append(
                VerdictItem(
                    row["id"], row["exercise"], row["client"], row["response"], meets, problem
                )
            )
    return items


def score(language: str, items: Sequence[VerdictItem]) -> dict[str, Any]:
    for item in items[:WARM_UP]:
        verdict(item.exercise, language, item.client, item.response)
    results, timings = [], []
    for item in items:
        start = time.perf_counter()
        results.append(verdict(item.exercise, language, item.client, item.response))
        timings.append((time.perf_counter() - start) * 1000)
    failing = [(i, r) for i, r in zip(items, results, strict=True) if not i.meets]
    passing = [(i, r) for i, r in zip(items, results, strict=True) if i.meets]
    per_problem: dict[str, dict[str, float]] = {}
    for code in sorted({i.problem for i, _ in failing}):
        rows = [(i, r) for i, r in failing if i.problem == code]
        per_problem[code] = {
            "n": len(rows),
            "named": float(np.mean([code in r.problems for _, r in rows])),
            "passed": float(np.mean([r.meets for _, r in rows])),
        }
    return {
        "n": len(items),
        "n_should_fail": len(failing),
        "accuracy": float(
            np.mean([i.meets == r.meets for i, r in zip(items, results, strict=True)])
        ),
        "false_praise_rate": float(np.mean([r.meets for _, r in failing])) if failing else 0.0,
        "problem_named": (
            float(np.mean([i.problem in r.problems for i, r in failing])) if failing else 0.0
        ),
        "false_reject_rate": float(np.mean([not r.meets for _, r in passing])) if passing else 0.0,
        "per_problem": per_problem,
        "median_ms": float(np.percentile(timings, 50)),
        "p95_ms": float(np.percentile(timings, 95)),
        "errors": [
            {
                "id": i.id,
                "expected": i.problem or "meets",
                "got": list(r.problems) or "meets",
                "response": i.response,
            }
            for i, r in zip(items, results, strict=True)
            if i.meets != r.meets or (i.problem and i.problem not in r.problems)
        ],
    }


def evaluate_verdicts() -> dict[str, Any]:
    return {
        language: {
            which: score(language, read_items(language, which=which)) for which in VERDICT_FILES
        }
        for language in LANGUAGES
    }


def table(report: dict[str, Any]) -> str:
    lines = [
        "",
        "Exercise verdicts (targets: accuracy >= 0.90, false praise <= 0.05, "
        "problem named >= 0.80, p95 <= 50 ms)",
    ]
    for language, sets in report.items():
        for which, part in sets.items():
            lines += _part_table(f"{language} {which}", part)
    return "\n".join(lines)


def _part_table(name: str, part: dict[str, Any]) -> list[str]:
    lines = [
        f"  {name} ({part['n']} answers, {part['n_should_fail']} should not pass)",
        f"    {'verdict accuracy':30}{part['accuracy']:>8.3f}",
        f"    {'false-praise rate':30}{part['false_praise_rate']:>8.3f}",
        f"    {'problem named':30}{part['problem_named']:>8.3f}",
        f"    {'false-reject rate':30}{part['false_reject_rate']:>8.3f}",
        f"    {'median ms per answer':30}{part['median_ms']:>8.2f}",
        f"    {'p95 ms per answer':30}{part['p95_ms']:>8.2f}",
    ]
    for code, c in part["per_problem"].items():
        label = f"{code} named / passed"
        lines.append(f"    {label:30}{c['named']:>8.3f}{c['passed']:>7.3f}  (n={c['n']})")
    return lines
