"""The metrics the evaluation reports, in numpy: macro-F1, thresholds, Pearson r."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

THRESHOLD_GRID = np.round(np.arange(0.02, 0.96, 0.01), 2)


def multi_hot(labels: Sequence[Sequence[int]], n: int = 28) -> np.ndarray:
    """Label-id lists to an (len(labels), n) 0/1 matrix."""
    out = np.zeros((len(labels), n), dtype=np.int8)
    for i, ids in enumerate(labels):
        out[i, list(ids)] = 1
    return out


def f1_per_label(gold: np.ndarray, pred: np.ndarray) -> np.ndarray:
    """F1 of each column; a label never predicted nor present scores 0 (as scikit-learn's default)."""
    gold, pred = gold.astype(bool), pred.astype(bool)
    tp = (gold & pred).sum(0).astype(float)
    denom = gold.sum(0) + pred.sum(0)
    return np.divide(2 * tp, denom, out=np.zeros_like(tp), where=denom > 0)


def macro_f1(gold: np.ndarray, pred: np.ndarray) -> float:
    """Unweighted mean of per-label F1."""
    return float(f1_per_label(gold, pred).mean())


def best_thresholds(gold: np.ndarray, probs: np.ndarray) -> np.ndarray:
    """Per label, the threshold on the grid that maximises that label's F1 (use dev data only)."""
    best = np.full(probs.shape[1], 0.5)
    best_f1 = np.full(probs.shape[1], -1.0)
    for t in THRESHOLD_GRID:
        f1 = f1_per_label(gold, probs >= t)
        better = f1 > best_f1
        best[better], best_f1[better] = t, f1[better]
    return best


def group(matrix: np.ndarray, groups: Mapping[str, Sequence[str]], labels: Sequence[str]) -> np.ndarray:
    """Collapse label columns into groups by taking the max (probabilities or 0/1)."""
    index = {lab: i for i, lab in enumerate(labels)}
    return np.stack([matrix[:, [index[m] for m in members]].max(1) for members in groups.values()], axis=1)


def pearson(a: np.ndarray, b: np.ndarray) -> float:
    """Pearson correlation; 0 when either side is constant (or all NaN)."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    if np.nanstd(a) == 0 or np.nanstd(b) == 0:
        return 0.0
    return float(np.corrcoef(a, b)[0, 1])


def auc(positive: np.ndarray, negative: np.ndarray) -> float:
    """Probability that a random positive scores above a random negative (ties count half)."""
    pos, neg = np.asarray(positive, float), np.asarray(negative, float)
    if not len(pos) or not len(neg):
        return float("nan")
    above = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    return float(above / (len(pos) * len(neg)))
