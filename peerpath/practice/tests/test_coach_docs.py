"""The figures in docs/coach.md are the ones coach-evaluate prints.

Computed once for the module: the Spanish held-out split (two small fits),
the Spanish fresh sets with the committed model, and the exercise verdicts.
"""

from pathlib import Path

import pytest

from peerpath.practice.coach import evaluate
from peerpath.practice.coach.dataset import training_examples
from peerpath.practice.coach.labels import CLIENT, PRACTITIONER
from peerpath.practice.verdict_eval import evaluate_verdicts

DOCS = Path(__file__).resolve().parents[3] / "docs" / "coach.md"


@pytest.fixture(scope="module")
def docs() -> str:
    return DOCS.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def spanish() -> dict:
    return {
        speaker: {
            "held_out": evaluate.held_out(
                speaker, training_examples(speaker, language="es"), language="es"
            ),
            "fresh": evaluate.spanish_fresh(speaker),
        }
        for speaker in (PRACTITIONER, CLIENT)
    }


@pytest.fixture(scope="module")
def verdicts() -> dict:
    return evaluate_verdicts()


def test_spanish_classifier_figures_match(docs, spanish):
    p, c = spanish[PRACTITIONER], spanish[CLIENT]
    rows = [
        f"| rows scored (practitioner / client) | | {p['held_out']['n']} / {c['held_out']['n']} "
        f"| {p['fresh']['n']} / {c['fresh']['n']} |",
        f"| **practitioner macro-F1** | ≥ 0.85 | **{p['held_out']['macro_f1']:.3f}** "
        f"| **{p['fresh']['macro_f1']:.3f}** |",
        f"| practitioner accuracy | | {p['held_out']['accuracy']:.3f} "
        f"| {p['fresh']['accuracy']:.3f} |",
        f"| **client change/sustain/neutral accuracy** | ≥ 0.80 "
        f"| **{c['held_out']['accuracy']:.3f}** | **{c['fresh']['accuracy']:.3f}** |",
        f"| client macro-F1 | | {c['held_out']['macro_f1']:.3f} | {c['fresh']['macro_f1']:.3f} |",
    ]
    for row in rows:
        assert row in docs, row
    assert p["held_out"]["macro_f1"] >= 0.85 and c["held_out"]["accuracy"] >= 0.80


def test_verdict_figures_match(docs, verdicts):
    order = [
        ("en", "main"),
        ("es", "main"),
        ("en", "fresh"),
        ("es", "fresh"),
        ("en", "fresh2"),
        ("es", "fresh2"),
        ("en", "fresh3"),
        ("es", "fresh3"),
        ("en", "fresh4"),
        ("es", "fresh4"),
    ]

    def cells(key: str, bold: bool) -> str:
        mark = "**" if bold else ""
        return " | ".join(f"{mark}{verdicts[lang][which][key]:.3f}{mark}" for lang, which in order)

    rows = [
        "| answers | | " + " | ".join(str(verdicts[lang][which]["n"]) for lang, which in order),
        f"| **verdict accuracy** | ≥ 0.90 | {cells('accuracy', True)} |",
        f"| **false-praise rate** | ≤ 0.05 | {cells('false_praise_rate', True)} |",
        f"| **problem named** | ≥ 0.80 | {cells('problem_named', True)} |",
        f"| false-reject rate | | {cells('false_reject_rate', False)} |",
    ]
    for row in rows:
        assert row in docs, row
    for lang in ("en", "es"):
        main = verdicts[lang]["main"]
        assert main["accuracy"] >= 0.90 and main["false_praise_rate"] <= 0.05
        assert main["problem_named"] >= 0.80
