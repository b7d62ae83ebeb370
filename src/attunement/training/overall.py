"""Fit the overall score (``models/overall-v5``): a pairwise ranker on the labelled dev pairs.

Each dev pair gives ``d = x(better) - x(worse)`` over :func:`attunement.overall.features`
(standardised by the spread of the dev replies). The weights maximise the pairwise
log-likelihood ``sum log sigmoid(w.d)`` minus ``l2 |w|^2 / 2``, by gradient ascent; ``l2`` is
chosen by 5-fold cross-validation within dev (accuracy of ranking the better reply first) with
the one-standard-error rule: the strongest regularisation whose accuracy is within one standard
error of the best. Where the curve is flat, the weakest L2 separates the dev pairs perfectly and
pushes scores to 0 or 100; the rule keeps the 0-100 score graded. The bias puts the median dev
reply at 50. The test pairs are not read here.

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
from attunement.models import MODELS_DIR, version_of
from attunement.overall import OVERALL_MODEL, OverallModel, feature_names, features
from attunement.reading import TextTable
from attunement.training.reply_card import write_overall_card

L2_GRID = (0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
SEED = 13


def reply_features(rows: list[dict[str, Any]]) -> tuple[np.ndarray, np.ndarray]:
    """(features of every better reply, of every worse reply), one row per pair."""
    contexts = [[c["text"] for c in r["context"]] for r in rows]
    table = TextTable()
    better = read_pairs([(r["message"], r["better"], c) for r, c in zip(rows, contexts)], table=table)
    worse = read_pairs([(r["message"], r["worse"], c) for r, c in zip(rows, contexts)], table=table)
    return np.stack([features(b) for b in better]), np.stack([features(w) for w in worse])


def fit(d: np.ndarray, l2: float, steps: int = 4000, rate: float = 0.05) -> np.ndarray:
    """Weights that rank the better reply first: pairwise logistic loss with L2, gradient ascent."""
    w = np.zeros(d.shape[1])
    for _ in range(steps):
        grad = d.T @ (1.0 / (1.0 + np.exp(d @ w))) / len(d) - l2 * w
        w += rate * grad
    return w


def cross_validate(d: np.ndarray, l2: float) -> float:
    order = np.random.default_rng(SEED).permutation(len(d))
    hits = 0
    for fold in np.array_split(order, 5):
        w = fit(d[np.setdiff1d(order, fold)], l2)
        hits += int((d[fold] @ w > 0).sum())
    return hits / len(d)


def one_standard_error(cv: dict[str, float], n: int) -> float:
    """The strongest L2 whose cross-validated accuracy is within one standard error of the best."""
    best = max(cv.values())
    floor = best - float(np.sqrt(best * (1 - best) / n))
    return max(float(l2) for l2, acc in cv.items() if acc >= floor)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--labelled", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=MODELS_DIR / OVERALL_MODEL)
    args = parser.parse_args(argv)
    rows = datasets.labelled("pairs", "dev", args.labelled)
    xb, xw = reply_features(rows)
    both = np.vstack([xb, xw])
    mean, scale = both.mean(0), both.std(0)
    scale[scale < 1e-6] = 1.0
    d = (xb - xw) / scale
    cv = {str(l2): round(cross_validate(d, l2), 4) for l2 in L2_GRID}
    l2 = one_standard_error(cv, len(d))
    w = fit(d, l2)
    bias = -float(np.median(OverallModel(w, mean, scale, 0.0).margin(both)))
    args.out.mkdir(parents=True, exist_ok=True)
    np.savez(args.out / "ranker.npz", weights=w, mean=mean, scale=scale, bias=np.array(bias))
    names = feature_names(xb.shape[1] - len(feature_names(0)))
    top = sorted(zip(names, w), key=lambda nw: -abs(nw[1]))[:15]
    record = {
        "name": "overall",
        "version": version_of(OVERALL_MODEL),
        "format_version": 1,
        "features": len(names),
        "dev_pairs": len(rows),
        "l2": l2,
        "dev_cross_validated_accuracy": cv,
        "dev_accuracy_fitted": round(float((d @ w > 0).mean()), 4),
        "dev_accuracy_capacity_mean": round(float(((xb[:, :6] - xw[:, :6]).sum(1) > 0).mean()), 4),
        "largest_weights": {n: round(float(v), 4) for n, v in top},
    }
    (args.out / "config.json").write_text(json.dumps(record, indent=2) + "\n")
    write_overall_card(args.out)
    print(
        json.dumps(
            {k: record[k] for k in ("l2", "dev_cross_validated_accuracy", "dev_accuracy_fitted")}, indent=2
        )
    )


if __name__ == "__main__":
    main()
