"""Fit the rupture-and-repair detector (``models/episodes-v9``) on the labelled dev conversations.

Every dev conversation is analyzed with the shipped models; each turn gets the features of
:func:`attunement.dynamics.turn_features` and two labels: it is a gold episode start; it is a
gold repair. Two L2 logistic regressions (numpy, standardised features) are fitted, and the
regularisation and both thresholds are chosen by leave-one-conversation-out cross-validation
on dev, maximising the mean of the rupture and repair F1 that :mod:`attunement.episode_eval`
reports. The test conversations are not read here.

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
from attunement.dynamics import EPISODE_MODEL, FEATURES, EpisodeModel, TurnReading, episodes, turn_features
from attunement.episode_eval import add_counts, matches, prf
from attunement.models import MODELS_DIR, version_of
from attunement.training.reply_card import write_episodes_card

L2_GRID = (0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0, 300.0, 1000.0)
THRESHOLDS = np.round(np.arange(0.15, 0.8, 0.05), 2)


def readings_of(row: dict[str, Any]) -> list[TurnReading]:
    """The dynamics' readings of one labelled conversation, from the shipped models."""
    conv = Conversation.from_records(row["turns"], merge=False, id=row["id"])
    return read_conversation(conv)[1]


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float, steps: int = 2000, rate: float = 0.5) -> np.ndarray:
    """L2-regularised logistic regression (bias in the last column, not penalised), class-balanced."""
    w = np.zeros(x.shape[1])
    pos = max(1.0, y.sum())
    weight = np.where(y == 1, len(y) / (2 * pos), len(y) / (2 * max(1.0, len(y) - pos)))
    penalty = np.ones(x.shape[1])
    penalty[-1] = 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(x @ w)))
        grad = x.T @ (weight * (p - y)) / len(y) + l2 * penalty * w / len(y)
        w -= rate * grad
    return w


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


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--labelled", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=MODELS_DIR / EPISODE_MODEL)
    parser.add_argument("--dev-only", action="store_true", help="do not read the test split (development)")
    args = parser.parse_args(argv)
    rows = datasets.labelled("conversations", "dev", args.labelled)
    readings = [readings_of(r) for r in rows]
    feats = [turn_features(t) for t in readings]
    ys = [labels(r, len(t)) for r, t in zip(rows, readings)]
    allx = np.vstack(feats)
    mean, scale = allx.mean(0), allx.std(0)
    mean[-1], scale[-1] = 0.0, 1.0  # the bias column stays 1
    scale[scale == 0] = 1.0

    def fitted(keep: list[int], l2: float) -> tuple[np.ndarray, np.ndarray]:
        x = (np.vstack([feats[k] for k in keep]) - mean) / scale
        ws = fit_logistic(x, np.concatenate([ys[k][0] for k in keep]), l2)
        wr = fit_logistic(x, np.concatenate([ys[k][1] for k in keep]), l2)
        return ws, wr

    cv: dict[str, Any] = {}
    best: tuple[float, float, float, float] = (-1.0, 0.0, 0.0, 0.0)
    for l2 in L2_GRID:
        folds = [fitted([k for k in range(len(rows)) if k != held], l2) for held in range(len(rows))]
        for ts in THRESHOLDS:
            for tr in THRESHOLDS:
                found = [
                    episodes(readings[held], EpisodeModel(ws, wr, mean, scale, float(ts), float(tr)))
                    for held, (ws, wr) in enumerate(folds)
                ]
                f_start, f_repair = detection_f1(rows, found)
                score = (f_start + f_repair) / 2
                cv[f"{l2}/{ts}/{tr}"] = [round(f_start, 4), round(f_repair, 4)]
                if score > best[0]:
                    best = (score, l2, float(ts), float(tr))
    _, l2, ts, tr = best
    ws, wr = fitted(list(range(len(rows))), l2)
    f_start, f_repair = cv[f"{l2}/{ts}/{tr}"]
    config = {
        "name": "episodes",
        "version": version_of(EPISODE_MODEL),
        "format_version": 1,
        "features": list(FEATURES),
        "start_weights": [round(float(v), 6) for v in ws],
        "repair_weights": [round(float(v), 6) for v in wr],
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "start_threshold": ts,
        "repair_threshold": tr,
        "l2": l2,
        "dev": {
            "conversations": len(rows),
            "turns": int(sum(len(t) for t in readings)),
            "cross_validated_rupture_f1": f_start,
            "cross_validated_repair_f1": f_repair,
        },
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "config.json").write_text(json.dumps(config, indent=2) + "\n")
    # The test conversations, read once, after every choice above was made on dev.
    from attunement.dynamics import load_episode_model
    from attunement.episode_eval import evaluate_episodes

    load_episode_model.cache_clear()
    if not args.dev_only:
        test = evaluate_episodes("test", args.labelled)
        config["test"] = {k: test[k] for k in ("conversations", "rupture", "repair", "status_agreement")}
        (args.out / "config.json").write_text(json.dumps(config, indent=2) + "\n")
    write_episodes_card(args.out)
    print(json.dumps({k: config[k] for k in ("l2", "start_threshold", "repair_threshold", "dev")}, indent=2))


if __name__ == "__main__":
    main()
