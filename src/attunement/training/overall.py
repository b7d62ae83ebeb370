"""Fit the weights of the six capacities in the overall score, on the labelled dev pairs.

Each dev pair gives the difference ``d = capacities(better) - capacities(worse)``; the weights
``w >= 0`` maximise the pairwise log-likelihood ``sum log sigmoid(k * w.d)`` with a small L2
pull towards equal weights, by projected gradient ascent. They are scaled to sum to 6 (equal
weights are all 1) and written to ``models/overall-v1/weights.json``. The cross-validated
accuracy within dev (5 folds) is written beside them; the test pairs are not read.

    python -m attunement.training.overall
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import numpy as np

from attunement import datasets
from attunement.assess import read_pairs
from attunement.capacities import CAPACITIES, OVERALL_MODEL, capacity_scores, pair_weights
from attunement.models import MODELS_DIR
from attunement.training.reply_card import write_overall_card

SHARPNESS = 10.0  # k: capacity differences are small numbers
L2 = 0.05


def differences(rows: list[dict[str, Any]]) -> np.ndarray:
    """Per pair, the better reply's six capacities minus the worse reply's."""
    contexts = [[c["text"] for c in r["context"]] for r in rows]
    better = read_pairs([(r["message"], r["better"], c) for r, c in zip(rows, contexts)])
    worse = read_pairs([(r["message"], r["worse"], c) for r, c in zip(rows, contexts)])
    out = []
    for b, w in zip(better, worse):
        cb, cw = capacity_scores(b)[0], capacity_scores(w)[0]
        scale = pair_weights(b, dict.fromkeys(CAPACITIES, 1.0))  # the same message: the same scaling
        out.append([scale[c] * (cb[c] - cw[c]) for c in CAPACITIES])
    return np.array(out)


def fit(d: np.ndarray, steps: int = 3000, rate: float = 0.05) -> np.ndarray:
    """Non-negative weights (mean 1) that rank the better reply first, as often and as surely as possible."""
    w = np.ones(d.shape[1])
    for _ in range(steps):
        margin = SHARPNESS * d @ w
        grad = SHARPNESS * d.T @ (1.0 / (1.0 + np.exp(margin))) / len(d) - 2 * L2 * (w - 1.0)
        w = np.maximum(0.0, w + rate * grad)
    return w * len(w) / max(w.sum(), 1e-9)


def cross_validate(d: np.ndarray, seed: int = 13) -> float:
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(d))
    hits = 0
    for fold in np.array_split(order, 5):
        train = np.setdiff1d(order, fold)
        w = fit(d[train])
        hits += int((d[fold] @ w > 0).sum())
    return hits / len(d)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--labelled", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=MODELS_DIR / OVERALL_MODEL)
    args = parser.parse_args(argv)
    d = differences(datasets.labelled("pairs", "dev", args.labelled))
    w = fit(d)
    record = {
        "name": "overall",
        "format_version": 1,
        "weights": {c: round(float(x), 4) for c, x in zip(CAPACITIES, w)},
        "dev_pairs": len(d),
        "dev_accuracy_equal_weights": round(float((d.sum(1) > 0).mean()), 4),
        "dev_accuracy_fitted": round(float((d @ w > 0).mean()), 4),
        "dev_accuracy_cross_validated": round(cross_validate(d), 4),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "config.json").write_text(json.dumps(record, indent=2) + "\n")
    write_overall_card(args.out)
    print(json.dumps(record, indent=2))


if __name__ == "__main__":
    main()
