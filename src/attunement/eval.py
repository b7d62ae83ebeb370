"""Evaluation on the official test splits, next to the peer tools, over the whole split.

GoEmotions macro-F1 over the 28 labels, Ekman's groups and sentiment groups; EmoBank
Pearson r for valence, arousal and dominance. The same metrics for NRCLex and VADER where
their outputs map (see ``attunement.baselines``), plus, for the model card, what each step
bought (encoder alone, TF-IDF alone, thresholds, the blend). Thresholds for those ablation
variants are tuned on the dev split, as the shipped model's were.

    python -m attunement.eval [--data DIR] [--out benchmarks/results] [--no-baselines]
"""

from __future__ import annotations

import json
import platform
import time
from pathlib import Path
from typing import Any

import numpy as np

from attunement import datasets
from attunement.metrics import best_thresholds, f1_per_label, group, macro_f1, multi_hot, pearson
from attunement.models import CueModel, load_cue_model
from attunement.notice import EKMAN, SENTIMENT, predict_labels

LABELS = datasets.GOEMOTIONS_LABELS
MAPPED_SENTIMENT = ("positive", "negative", "neutral")  # what the lexicon tools can say


def _emotion_metrics(gold: np.ndarray, pred: np.ndarray) -> dict[str, float]:
    """28-label, Ekman and sentiment macro-F1 of multi-hot predictions."""
    sent_gold, sent_pred = group(gold, SENTIMENT, LABELS), group(pred, SENTIMENT, LABELS)
    mapped = [list(SENTIMENT).index(s) for s in MAPPED_SENTIMENT]
    return {
        "goemotions_macro_f1": macro_f1(gold, pred),
        "ekman_macro_f1": macro_f1(group(gold, EKMAN, LABELS), group(pred, EKMAN, LABELS)),
        "sentiment_macro_f1": macro_f1(sent_gold, sent_pred),
        "sentiment_macro_f1_pos_neg_neutral": macro_f1(sent_gold[:, mapped], sent_pred[:, mapped]),
    }


def _vad_metrics(pred: np.ndarray, gold: np.ndarray) -> dict[str, float | None]:
    out: dict[str, float | None] = {}
    for k, name in enumerate(("valence", "arousal", "dominance")):
        column = pred[:, k]
        out[f"emobank_r_{name}"] = None if np.isnan(column).all() else round(pearson(column, gold[:, k]), 4)
    return out


def evaluate_model(model: CueModel, root: Path, *, ablations: bool = True) -> dict[str, Any]:
    """The shipped cue model on the test splits (and, with ``ablations``, its parts)."""
    test, eb_test = datasets.goemotions("test", root), datasets.emobank("test", root)
    gold = multi_hot(test.labels)
    probs, _ = model.predict(test.texts)
    _, vad = model.predict(eb_test.texts)
    result: dict[str, Any] = {"n_goemotions_test": len(test.texts), "n_emobank_test": len(eb_test.texts)}
    pred = predict_labels(probs, model.thresholds)
    result.update(_emotion_metrics(gold, pred))
    result.update(_vad_metrics(vad, np.asarray(eb_test.targets)))
    per_label = {lab: round(float(f), 4) for lab, f in zip(LABELS, f1_per_label(gold, pred))}
    result["per_label_f1"] = per_label
    if ablations:
        result["ablations"] = _ablations(model, root, test, gold)
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in result.items()}


def _ablations(model: CueModel, root: Path, test: datasets.MultiLabelSplit, gold: np.ndarray) -> dict:
    """Test figures of each step alone; every threshold here is tuned on dev, never on test."""
    dev = datasets.goemotions("dev", root)
    dev_gold = multi_hot(dev.labels)
    dev_parts = model.parts(dev.texts)
    test_parts = model.parts(test.texts)
    out: dict[str, float] = {}
    fixed = np.full(len(LABELS), 0.5)
    for source in ("encoder", "tfidf"):
        key = f"emotions_{source}"
        out[f"macro_f1_{source}_head_threshold_0.5"] = macro_f1(gold, predict_labels(test_parts[key], fixed))
        tuned = best_thresholds(dev_gold, dev_parts[key])
        out[f"macro_f1_{source}_head_dev_thresholds"] = macro_f1(gold, predict_labels(test_parts[key], tuned))
    w = float(model.config["emotion_blend"])
    blend = w * test_parts["emotions_encoder"] + (1 - w) * test_parts["emotions_tfidf"]
    out["macro_f1_blend_threshold_0.5"] = macro_f1(gold, predict_labels(blend, fixed))
    out["macro_f1_blend_dev_thresholds (shipped)"] = macro_f1(gold, predict_labels(blend, model.thresholds))
    eb = datasets.emobank("test", root)
    eb_gold = np.asarray(eb.targets)
    eb_parts = model.parts(eb.texts)
    for source in ("encoder", "ridge", "tfidf"):
        for k, dim in enumerate(("valence", "arousal")):
            out[f"r_{dim}_{source}_alone"] = pearson(eb_parts[f"vad_{source}"][:, k], eb_gold[:, k])
    return {k: round(v, 4) for k, v in out.items()}


def evaluate_baselines(root: Path) -> dict[str, dict[str, Any]]:
    """NRCLex and VADER on the same test splits, mapped as ``attunement.baselines`` documents."""
    from attunement.baselines import BASELINES, predict_sentiment

    test, eb_test = datasets.goemotions("test", root), datasets.emobank("test", root)
    gold = multi_hot(test.labels)
    sent_gold = group(gold, SENTIMENT, LABELS)[:, [list(SENTIMENT).index(s) for s in MAPPED_SENTIMENT]]
    out: dict[str, dict[str, Any]] = {}
    for name, make in BASELINES.items():
        tool = make()
        row: dict[str, Any] = {"version": getattr(tool, "tool_version", "unknown")}
        scores = tool.emotion_scores(test.texts)
        if scores is not None:
            pred = tool.predict_labels(scores)
            metrics = _emotion_metrics(gold, pred)
            mapped = [j for j in range(len(LABELS)) if not np.isnan(scores[:, j]).all()]
            row.update({k: v for k, v in metrics.items() if not k.startswith("sentiment")})
            row["mapped_labels"] = [LABELS[j] for j in mapped]
            row["goemotions_macro_f1_nrclex_mapped_labels"] = macro_f1(gold[:, mapped], pred[:, mapped])
        row["sentiment_macro_f1_pos_neg_neutral"] = macro_f1(
            sent_gold, predict_sentiment(tool.sentiment(test.texts))
        )
        row.update(_vad_metrics(tool.vad(eb_test.texts), np.asarray(eb_test.targets)))
        out[name] = {k: round(v, 4) if isinstance(v, float) else v for k, v in row.items()}
    return out


def evaluate(
    root: Path | None = None, *, model: CueModel | None = None, baselines: bool = True, ablations: bool = True
) -> dict[str, Any]:
    """Everything ``attune eval`` reports, as one dict (for the shipped model unless ``model``)."""
    root = datasets.data_dir(root)
    start = time.time()
    model = model or load_cue_model()
    report: dict[str, Any] = {
        "model": {"name": model.config["name"], "version": model.config["version"]},
        "attunement": evaluate_model(model, root, ablations=ablations),
    }
    if baselines:
        report["baselines"] = evaluate_baselines(root)
        ours = report["attunement"]
        mapped = report["baselines"].get("nrclex", {}).get("mapped_labels")
        if mapped:
            f1 = ours["per_label_f1"]
            report["attunement"]["goemotions_macro_f1_nrclex_mapped_labels"] = round(
                float(np.mean([f1[lab] for lab in mapped])), 4
            )
    report["machine"] = {"python": platform.python_version(), "seconds": round(time.time() - start, 1)}
    return report


ROWS = (
    ("GoEmotions macro-F1 (28 labels)", "goemotions_macro_f1"),
    ("GoEmotions macro-F1 (labels NRCLex maps to)", "goemotions_macro_f1_nrclex_mapped_labels"),
    ("Ekman macro-F1 (6 + neutral)", "ekman_macro_f1"),
    ("Sentiment macro-F1 (pos/neg/ambiguous/neutral)", "sentiment_macro_f1"),
    ("Sentiment macro-F1 (pos/neg/neutral)", "sentiment_macro_f1_pos_neg_neutral"),
    ("EmoBank Pearson r, valence", "emobank_r_valence"),
    ("EmoBank Pearson r, arousal", "emobank_r_arousal"),
    ("EmoBank Pearson r, dominance", "emobank_r_dominance"),
)


def markdown(report: dict[str, Any]) -> str:
    """The side-by-side table the README shows."""
    tools = {"attunement": report["attunement"], **report.get("baselines", {})}
    head = "| metric (whole test split) | " + " | ".join(tools) + " |"
    lines = [head, "|---|" + "---:|" * len(tools)]
    for title, key in ROWS:
        cells = [f"{t[key]:.3f}" if isinstance(t.get(key), float) else "n/a" for t in tools.values()]
        lines.append(f"| {title} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def write(report: dict[str, Any], out: Path) -> None:
    """``eval.json`` and ``eval.md`` under ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "eval.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    (out / "eval.md").write_text(markdown(report), encoding="utf-8")


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results"))
    parser.add_argument("--no-baselines", action="store_true")
    args = parser.parse_args()
    result = evaluate(args.data, baselines=not args.no_baselines)
    write(result, args.out)
    print(markdown(result))
