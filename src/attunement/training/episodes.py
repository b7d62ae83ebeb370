"""Fit the rupture-and-repair detector (``models/episodes-v15``) on the labelled dev conversations.

Every dev conversation is analyzed with the shipped models (its reply scores from a ranker
refitted without it: :func:`cross_fitted_readings`); each turn gets the features of
:func:`attunement.dynamics.turn_features` and two labels: it is a gold episode start; it is a
gold repair. Two class-balanced gradient-boosted tree ensembles (scikit-learn's histogram
boosting, exported to :mod:`attunement.trees` for numpy at run time) score every turn. Their
size and both thresholds are chosen by 10-fold cross-validation on dev, grouped by
conversation, maximising the mean of the rupture and repair F1 that
:mod:`attunement.episode_eval` reports. The test conversations are read only after every
choice, for the figures.

    python -m attunement.training.episodes
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import numpy as np

from attunement import datasets
from attunement.analyze import read_conversation
from attunement.conversation import Conversation
from attunement.dynamics import (
    EPISODE_MODEL,
    FEATURES,
    TREES_FILE,
    TurnReading,
    assemble,
    spoken_turns,
    turn_features,
)
from attunement.episode_eval import add_counts, matches, prf
from attunement.models import FORMAT_VERSION, MODELS_DIR, model_dir, read_config, version_of
from attunement.training.reply_card import write_episodes_card
from attunement.trees import Trees, to_config

# (leaves per tree, trees) tried; the rest of the boosting recipe is fixed. episodes-v14 chose the
# grid's largest corner (8/400) and a repair threshold near its lowest, so the grid now reaches
# further both ways.
SIZES = ((4, 200), (4, 400), (8, 200), (8, 400), (8, 800), (16, 200), (16, 400), (16, 800))
BOOSTING = {"learning_rate": 0.05, "min_samples_leaf": 20, "l2_regularization": 1.0}
FOLDS = 10
CROSS_FIT_FOLDS = 5  # folds of dev conversations for the reply scores the detector learns from
THRESHOLDS = np.round(np.arange(0.05, 0.96, 0.05), 2)


def readings_of(row: dict[str, Any]) -> list[TurnReading]:
    """The dynamics' readings of one labelled conversation, from the shipped models."""
    conv = Conversation.from_records(row["turns"], merge=False, id=row["id"])
    return read_conversation(conv)[1]


def cross_fitted_readings(rows: list[dict[str, Any]], labelled: Path | None) -> list[list[TurnReading]]:
    """The readings of each dev conversation, its reply scores from a ranker that never saw it.

    The shipped ranker learned from these dev conversations' replies too
    (:func:`attunement.training.overall.chat_replies`), so its scores of them are in-sample: a
    detector fitted on them would trust the score more than it should on a new conversation.
    Each of :data:`CROSS_FIT_FOLDS` folds of conversations is read with the shipped recipe and
    L2 refitted without that fold's replies (the capacities and everything else are unchanged).
    """
    from attunement.overall import OVERALL_MODEL, OverallModel, load_overall_model, scoring_with
    from attunement.training.overall import dev_replies, fit

    shipped = load_overall_model()
    l2 = float(read_config(model_dir(OVERALL_MODEL))["l2"])
    z = dev_replies(datasets.labelled("pairs", "dev", labelled), rows).standardised(
        shipped.mean, shipped.scale
    )
    fold_of = np.arange(len(rows)) % CROSS_FIT_FOLDS
    readings: list[list[TurnReading]] = [[] for _ in rows]
    for k in range(CROSS_FIT_FOLDS):
        w, bias = fit(z, np.arange(len(z.better)), l2, np.flatnonzero(fold_of[z.conversation] != k))
        with scoring_with(OverallModel(w, shipped.mean, shipped.scale, bias)):
            for i in np.flatnonzero(fold_of == k):
                readings[i] = readings_of(rows[i])
    return readings


def fit_trees(x: np.ndarray, y: np.ndarray, leaves: int, n_trees: int) -> dict[str, Any]:
    """A class-balanced boosted tree ensemble for one label, exported for numpy scoring
    (:func:`attunement.trees.to_config`)."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    pos = max(1.0, float(y.sum()))
    weight = np.where(y == 1, len(y) / (2 * pos), len(y) / (2 * max(1.0, len(y) - pos)))
    model = HistGradientBoostingClassifier(
        max_leaf_nodes=leaves, max_iter=n_trees, early_stopping=False, **BOOSTING
    ).fit(x, y, sample_weight=weight)
    trees = [
        [
            {
                "feature": int(n["feature_idx"]),
                "threshold": float(n["num_threshold"]),
                "left": int(n["left"]),
                "right": int(n["right"]),
                "value": float(n["value"]),
                "leaf": bool(n["is_leaf"]),
            }
            for n in predictors[0].nodes
        ]
        for predictors in model._predictors
    ]
    return to_config(float(np.ravel(model._baseline_prediction)[0]), trees)


def labels(row: dict[str, Any], n: int) -> tuple[np.ndarray, np.ndarray]:
    """Per turn: it shows a rupture (the gold start, and the turn right after it, where the break
    is usually answered: both are within the evaluation's one-turn tolerance); it is a gold repair."""
    start, repair = np.zeros(n), np.zeros(n)
    for e in row["episodes"]:
        start[e["start"]] = 1
        if e["start"] + 1 < n and (e["repair"] is None or e["repair"] > e["start"] + 1):
            start[e["start"] + 1] = 1
        if e["repair"] is not None:
            repair[e["repair"]] = 1
    return start, repair


def detection_f1(rows: list[dict[str, Any]], found: list[list[Any]]) -> tuple[float, float]:
    counts = {"start": [0, 0, 0], "repair": [0, 0, 0]}
    for row, eps in zip(rows, found):
        add_counts(counts, matches(row["episodes"], [(e.start, e.repair) for e in eps]))
    return prf(*counts["start"])["f1"], prf(*counts["repair"])["f1"]


def cross_validated(
    feats: list[np.ndarray], ys: list[tuple[np.ndarray, np.ndarray]], leaves: int, n_trees: int
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per conversation, its start and repair scores from ensembles fitted without its fold."""
    from sklearn.model_selection import GroupKFold

    groups = np.concatenate([[k] * len(f) for k, f in enumerate(feats)])
    x = np.vstack(feats)
    targets = [np.concatenate([pair[j] for pair in ys]) for j in (0, 1)]
    scores = np.zeros((2, len(x)))
    for train, held in GroupKFold(FOLDS).split(x, groups=groups):
        for j, y in enumerate(targets):
            fitted = Trees.from_config(fit_trees(x[train], y[train], leaves, n_trees))
            scores[j, held] = fitted.probability(x[held])
    bounds = np.cumsum([0] + [len(f) for f in feats])
    return [(scores[0, a:b], scores[1, a:b]) for a, b in zip(bounds[:-1], bounds[1:])]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--labelled", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=MODELS_DIR / EPISODE_MODEL)
    parser.add_argument("--dev-only", action="store_true", help="do not read the test split (development)")
    args = parser.parse_args(argv)
    rows = datasets.labelled("conversations", "dev", args.labelled)
    readings = [spoken_turns(t) for t in cross_fitted_readings(rows, args.labelled)]
    feats = [turn_features(t) for t in readings]
    ys = [labels(r, len(t)) for r, t in zip(rows, readings)]

    cv: dict[str, Any] = {}
    best: tuple[float, int, int, float, float] = (-1.0, 0, 0, 0.0, 0.0)
    for leaves, n_trees in SIZES:
        held_scores = cross_validated(feats, ys, leaves, n_trees)
        for ts in THRESHOLDS:
            for tr in THRESHOLDS:
                found = [
                    assemble(t, ps, pr, float(ts), float(tr)) for t, (ps, pr) in zip(readings, held_scores)
                ]
                f_start, f_repair = detection_f1(rows, found)
                cv[f"{leaves}/{n_trees}/{ts}/{tr}"] = [round(f_start, 4), round(f_repair, 4)]
                if (f_start + f_repair) / 2 > best[0]:
                    best = ((f_start + f_repair) / 2, leaves, n_trees, float(ts), float(tr))
    _, leaves, n_trees, ts, tr = best
    x = np.vstack(feats)
    start, repair = (fit_trees(x, np.concatenate([y[j] for y in ys]), leaves, n_trees) for j in (0, 1))
    f_start, f_repair = cv[f"{leaves}/{n_trees}/{ts}/{tr}"]
    config = {
        "name": "episodes",
        "version": version_of(EPISODE_MODEL),
        "format_version": FORMAT_VERSION,
        "features": list(FEATURES),
        "start_threshold": ts,
        "repair_threshold": tr,
        "leaves": leaves,
        "n_trees": n_trees,
        "boosting": BOOSTING,
        "sizes_tried": [f"{leaves}/{n}" for leaves, n in SIZES],
        "thresholds_tried": [float(THRESHOLDS[0]), float(THRESHOLDS[-1])],
        "dev": {
            "conversations": len(rows),
            "turns": int(sum(len(t) for t in readings)),
            "folds": FOLDS,
            "cross_validated_rupture_f1": f_start,
            "cross_validated_repair_f1": f_repair,
        },
    }
    write = lambda: (args.out / "config.json").write_text(json.dumps(config, indent=2) + "\n")  # noqa: E731
    args.out.mkdir(parents=True, exist_ok=True)
    write()
    (args.out / TREES_FILE).write_text(json.dumps({"start": start, "repair": repair}) + "\n")
    # The test conversations, read once, after every choice above was made on dev.
    from attunement.dynamics import load_episode_model
    from attunement.episode_eval import evaluate_episodes

    load_episode_model.cache_clear()
    if not args.dev_only:
        test = evaluate_episodes("test", args.labelled)
        config["test"] = {k: test[k] for k in ("conversations", "rupture", "repair", "status_agreement")}
        write()
    write_episodes_card(args.out)
    print(
        json.dumps(
            {k: config[k] for k in ("leaves", "n_trees", "start_threshold", "repair_threshold", "dev")},
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
