"""Latency of one ``classify`` call, the way the practice page makes it.

    python -m peerpath.practice.coach.bench [--n 1000]

Loads the saved models, warms up, then times ``n`` single-text calls cycling
through the training texts of both speakers (some settled by rules, most of
the cost in the ones that reach the model) and prints median and p95, overall
and for the calls the model decided.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Sequence

from .classifier import classify
from .dataset import training_examples
from .labels import CLIENT, PRACTITIONER
from .train import load_models

WARM_UP = 50


def _summary(timings: list[float]) -> dict[str, float]:
    timings = sorted(timings)
    return {
        "n": len(timings),
        "median_ms": statistics.median(timings),
        "p95_ms": timings[int(0.95 * (len(timings) - 1))],
        "max_ms": timings[-1],
    }


def measure(n: int = 1000) -> dict[str, dict[str, float]]:
    """Timings for all calls, and for the calls no rule settled (the slow path)."""
    models = load_models()
    items = [
        (speaker, example.text)
        for speaker in (PRACTITIONER, CLIENT)
        for example in training_examples(speaker)
    ]
    for speaker, text in items[:: max(1, len(items) // WARM_UP)]:
        classify(speaker, text, models=models)
    timings: list[float] = []
    model_path: list[float] = []
    for i in range(n):
        speaker, text = items[(i * 7) % len(items)]  # stride mixes speakers and labels
        start = time.perf_counter()
        result = classify(speaker, text, models=models)
        elapsed = (time.perf_counter() - start) * 1000
        timings.append(elapsed)
        if result.source == "model":
            model_path.append(elapsed)
    return {"all": _summary(timings), "model": _summary(model_path)}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    result = measure(parser.parse_args(argv).n)
    for name, title in (("all", "all calls"), ("model", "calls decided by the model")):
        r = result[name]
        print(
            f"{title}: n={r['n']}, median {r['median_ms']:.2f} ms, "
            f"p95 {r['p95_ms']:.2f} ms, max {r['max_ms']:.2f} ms"
        )


if __name__ == "__main__":
    main()
