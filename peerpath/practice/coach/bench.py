"""Latency of one ``classify`` call and of one exercise verdict, per language.

    python -m peerpath.practice.coach.bench [--n 1000] [--language en|es|both]

Loads the saved models, warms up, then times ``n`` single-text calls cycling
through the training texts of both speakers of each language (some settled by
rules, most of the cost in the ones that reach the model) and prints median,
p95 and max, overall and for the calls the model decided. It then times one
``verdict`` call per answer of that language's verdict sets (main, fresh and
fresh2), one at a time, the way the practice page makes it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Sequence

from .classifier import Classification, classify
from .dataset import training_examples
from .labels import CLIENT, PRACTITIONER
from .train import load_models

WARM_UP = 50
LANGUAGES = ("en", "es")


def _summary(timings: list[float]) -> dict[str, float]:
    timings = sorted(timings)
    if not timings:
        return {"n": 0, "median_ms": 0.0, "p95_ms": 0.0, "max_ms": 0.0}
    return {
        "n": len(timings),
        "median_ms": statistics.median(timings),
        "p95_ms": timings[int(0.95 * (len(timings) - 1))],
        "max_ms": timings[-1],
    }


def measure(n: int = 1000, language: str = "en") -> dict[str, dict[str, float]]:
    """Timings for all calls, and for the calls no rule settled (the slow path)."""
    models = load_models()
    spanish_models = load_models(language="es") if language == "es" else None
    items = [
        (speaker, example.text)
        for speaker in (PRACTITIONER, CLIENT)
        for example in training_examples(speaker, language=language)
    ]

    def run(speaker: str, text: str) -> Classification:
        return classify(speaker, text, models=models, spanish_models=spanish_models)

    for speaker, text in items[:: max(1, len(items) // WARM_UP)]:
        run(speaker, text)
    timings: list[float] = []
    model_path: list[float] = []
    for i in range(n):
        speaker, text = items[(i * 7) % len(items)]  # stride mixes speakers and labels
        start = time.perf_counter()
        result = run(speaker, text)
        elapsed = (time.perf_counter() - start) * 1000
        timings.append(elapsed)
        if result.source == "model":
            model_path.append(elapsed)
    return {"all": _summary(timings), "model": _summary(model_path)}


def measure_verdicts(language: str = "en") -> dict[str, float]:
    """One verdict per answer of the language's verdict sets, after a warm-up."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peerpath.settings")
    django.setup()
    from peerpath.practice.verdict import verdict
    from peerpath.practice.verdict_eval import VERDICT_FILES, read_items

    items = [item for which in VERDICT_FILES for item in read_items(language, which=which)]
    for item in items[:WARM_UP]:
        verdict(item.exercise, language, item.client, item.response)
    timings = []
    for item in items:
        start = time.perf_counter()
        verdict(item.exercise, language, item.client, item.response)
        timings.append((time.perf_counter() - start) * 1000)
    return _summary(timings)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--language", choices=(*LANGUAGES, "both"), default="both")
    parser.add_argument("--no-verdicts", action="store_true", help="time classify only")
    args = parser.parse_args(argv)
    languages = LANGUAGES if args.language == "both" else (args.language,)
    for language in languages:
        result = measure(args.n, language)
        for name, title in (("all", "all calls"), ("model", "calls decided by the model")):
            r = result[name]
            print(
                f"{language} classify, {title}: n={r['n']}, median {r['median_ms']:.2f} ms, "
                f"p95 {r['p95_ms']:.2f} ms, max {r['max_ms']:.2f} ms"
            )
        if not args.no_verdicts:
            r = measure_verdicts(language)
            print(
                f"{language} verdict per answer: n={r['n']}, median {r['median_ms']:.2f} ms, "
                f"p95 {r['p95_ms']:.2f} ms, max {r['max_ms']:.2f} ms"
            )


if __name__ == "__main__":
    main()
