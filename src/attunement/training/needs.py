"""Fit the need model (``models/needs-v2``) on the labelled dev split of ``labelled/needs``.

There is no separate training split for needs: the model is fitted on dev, and its settings
(the regularisation ``C``, which feature groups to use) are chosen by 5-fold stratified
cross-validation within dev. The test split is read once, after everything is fixed, for the
figures in the model card.

    python -m attunement.training.needs            # writes src/attunement/models/needs-v2
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

import numpy as np

from attunement import datasets
from attunement.metrics import macro_f1, multi_hot
from attunement.models import MODELS_DIR
from attunement.needs import NEED_MODEL, NEEDS, RULE_FEATURES, features_for
from attunement.training.reply_card import write_needs_card

C_GRID = (0.01, 0.03, 0.1, 0.3)
DIM = 384
# Column ranges of need_features: vector, emotions (28), vad (3), context vector, rules.
GROUPS: dict[str, tuple[int, int]] = {
    "vector": (0, DIM),
    "emotions": (DIM, DIM + 31),
    "context": (DIM + 31, 2 * DIM + 31),
    "rules": (2 * DIM + 31, 2 * DIM + 31 + len(RULE_FEATURES)),
}
VARIANTS: dict[str, tuple[str, ...]] = {
    "all": ("vector", "emotions", "context", "rules"),
    "no_context": ("vector", "emotions", "rules"),
    "vector_and_context": ("vector", "context"),
    "context_only": ("context",),
    "vector_only": ("vector",),
}


def rows_of(split: str, root: Path | None) -> tuple[list[str], list[list[str]], np.ndarray]:
    items = datasets.labelled("needs", split, root)
    texts = [r["text"] for r in items]
    contexts = [[c["text"] for c in r["context"]] for r in items]
    gold = np.array([NEEDS.index(r["need"]) for r in items])
    return texts, contexts, gold


def mask(variant: str, width: int) -> np.ndarray:
    """1 for the columns a variant keeps, 0 for the rest (zeroed columns carry no information)."""
    keep = np.zeros(width, dtype=np.float32)
    for group in VARIANTS[variant]:
        a, b = GROUPS[group]
        keep[a:b] = 1.0
    return keep


def f1(gold: np.ndarray, pred: np.ndarray) -> float:
    k = len(NEEDS)
    return macro_f1(multi_hot([[g] for g in gold], k), multi_hot([[p] for p in pred], k))


def fit(x: np.ndarray, y: np.ndarray, c: float) -> Any:
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(StandardScaler(), LogisticRegression(C=c, max_iter=5000)).fit(x, y)


def cross_validate(x: np.ndarray, y: np.ndarray, seed: int) -> dict[str, dict[str, float]]:
    """Macro-F1 of out-of-fold predictions for every variant and C (dev only)."""
    from sklearn.model_selection import StratifiedKFold

    folds = list(StratifiedKFold(5, shuffle=True, random_state=seed).split(x, y))
    scores: dict[str, dict[str, float]] = {}
    for variant in VARIANTS:
        xv = x * mask(variant, x.shape[1])
        scores[variant] = {}
        for c in C_GRID:
            pred = np.empty_like(y)
            for train, held in folds:
                pred[held] = fit(xv[train], y[train], c).predict(xv[held])
            scores[variant][str(c)] = round(f1(y, pred), 4)
    return scores


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--labelled", type=Path, default=None, help="folder with needs-{dev,test}.jsonl")
    parser.add_argument("--out", type=Path, default=MODELS_DIR / NEED_MODEL)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    start = time.time()

    texts, contexts, y = rows_of("dev", args.labelled)
    x = features_for(texts, contexts)
    cv = cross_validate(x, y, args.seed)
    variant, c = max(((v, c) for v in cv for c in cv[v]), key=lambda vc: (cv[vc[0]][vc[1]], vc[0] == "all"))
    keep = mask(variant, x.shape[1])
    model = fit(x * keep, y, float(c))
    scaler, lr = model.named_steps["standardscaler"], model.named_steps["logisticregression"]
    # Dropped columns get zero weight, so the runtime needs no mask.
    w = lr.coef_.T * keep[:, None]
    args.out.mkdir(parents=True, exist_ok=True)
    np.savez(
        args.out / "head.npz",
        mean=scaler.mean_.astype(np.float32),
        scale=scaler.scale_.astype(np.float32),
        w=w.astype(np.float32),
        b=lr.intercept_.astype(np.float32),
        labels=np.array([NEEDS[i] for i in lr.classes_]),
    )
    (args.out / "config.json").write_text(
        json.dumps(
            {"name": NEED_MODEL, "format_version": 1, "labels": list(NEEDS), "encoder": "cues-v1"}, indent=2
        )
        + "\n"
    )

    # The test split, read once, after every choice above was made on dev.
    from attunement.needs import NeedModel

    shipped = NeedModel(args.out)
    t_texts, t_contexts, t_y = rows_of("test", args.labelled)
    probs = shipped.probabilities(features_for(t_texts, t_contexts))
    pred = np.array([NEEDS.index(shipped.labels[i]) for i in probs.argmax(1)])
    per_label = {}
    for k, lab in enumerate(NEEDS):
        tp = int(((pred == k) & (t_y == k)).sum())
        p = tp / max(1, int((pred == k).sum()))
        r = tp / max(1, int((t_y == k).sum()))
        per_label[lab] = {
            "precision": round(p, 3),
            "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r) if p + r else 0.0, 3),
            "n": int((t_y == k).sum()),
        }
    confusion = np.zeros((len(NEEDS), len(NEEDS)), dtype=int)
    for g, p in zip(t_y, pred):
        confusion[g, p] += 1
    card = {
        "model": NEED_MODEL,
        "train": {"split": "labelled/needs-dev.jsonl", "n": int(len(y))},
        "chosen": {"variant": variant, "C": float(c), "cv_macro_f1": cv[variant][c]},
        "cross_validation_dev": cv,
        "test": {
            "n": int(len(t_y)),
            "accuracy": round(float((pred == t_y).mean()), 4),
            "macro_f1": round(f1(t_y, pred), 4),
            "majority_baseline_accuracy": round(float(np.bincount(t_y).max() / len(t_y)), 4),
            "per_label": per_label,
            "confusion": {"labels": list(NEEDS), "rows_gold_cols_predicted": confusion.tolist()},
        },
        "seconds": round(time.time() - start, 1),
    }
    (args.out / "card.json").write_text(json.dumps(card, indent=2) + "\n")
    write_needs_card(args.out)
    print(json.dumps({k: card[k] for k in ("chosen", "test")}, indent=2))


if __name__ == "__main__":
    main()
