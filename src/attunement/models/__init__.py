"""The shipped models: where their files live, loading them once, checking their versions.

A model is a folder ``models/<name>-v<N>/`` holding ``config.json`` (its name, version and
settings), its weights and its ``MODEL_CARD.md``. Loading is cached: every stage of a
process shares one encoder and one set of heads.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from attunement.datasets import GOEMOTIONS_LABELS
from attunement.encoder import Encoder
from attunement.errors import AttunementError
from attunement.features import TfidfVectorizer, linear

MODELS_DIR = Path(__file__).resolve().parent
CUE_MODEL = "cues-v1"
REPLY_MODEL = "reply-v1"
FORMAT_VERSION = 1


def model_dir(name: str = CUE_MODEL) -> Path:
    """The folder of a shipped model."""
    return MODELS_DIR / name


def version_of(name: str) -> int:
    """The version in a registered model name ("episodes-v2" -> 2)."""
    return int(name.rsplit("-v", 1)[1])


def read_config(path: Path) -> dict[str, Any]:
    """A model's ``config.json``, checked for the format version this code understands."""
    try:
        config: dict[str, Any] = json.loads((path / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise AttunementError("E021", path=str(path), problem=f"config.json: {exc}") from exc
    if config.get("format_version") != FORMAT_VERSION:
        raise AttunementError(
            "E022",
            name=config.get("name", path.name),
            found=config.get("format_version"),
            expected=FORMAT_VERSION,
        )
    return config


def read_npz(path: Path) -> dict[str, np.ndarray]:
    try:
        with np.load(path, allow_pickle=False) as data:
            return {k: data[k] for k in data.files}
    except (OSError, ValueError) as exc:
        raise AttunementError("E021", path=str(path.parent), problem=f"{path.name}: {exc}") from exc


class CueModel:
    """Emotion probabilities (GoEmotions' 28 labels) and valence, arousal, dominance (1 to 5).

    Emotions blend the fine-tuned encoder's head with a TF-IDF head; per-label thresholds and
    the blend weights were chosen on the dev splits (see MODEL_CARD.md).
    """

    labels: tuple[str, ...] = GOEMOTIONS_LABELS

    def __init__(self, path: Path) -> None:
        self.path = path
        self.config = read_config(path)
        self.encoder = Encoder(path, max_tokens=int(self.config["max_tokens"]))
        heads = read_npz(path / "heads.npz")
        tfidf = read_npz(path / "tfidf.npz")
        self.heads = {k: v.astype(np.float32) for k, v in heads.items()}
        self.vectorizer = TfidfVectorizer(
            vocabulary={str(t): i for i, t in enumerate(tfidf["vocabulary"])},
            idf=tfidf["idf"].astype(np.float32),
        )
        self.tfidf = {k: v.astype(np.float32) for k, v in tfidf.items() if k not in ("vocabulary", "idf")}
        self.thresholds = np.array([self.config["thresholds"][lab] for lab in self.labels], dtype=np.float32)

    def prepare(self, texts: list[str]) -> list[str]:
        """Text as the models read it: emoji spelled out as words when the model was trained so."""
        return spell_emoji(texts) if self.config.get("demojize") else texts

    def embed(self, texts: list[str]) -> np.ndarray:
        """The shared encoder pass over raw texts (prepared here)."""
        return self.encoder.encode(self.prepare(texts))

    def parts(self, texts: list[str]) -> dict[str, np.ndarray]:
        """One encoder pass and one featurisation, then every head's output before blending."""
        prepared = self.prepare(texts)
        vectors, counts = self.encoder.encode_counted(prepared)
        rows = self.vectorizer.rows(prepared)
        logits = vectors @ self.heads["emotions_w"] + self.heads["emotions_b"]
        return {
            "vectors": vectors,
            "token_counts": np.asarray(counts),
            "emotions_encoder": sigmoid(logits),
            "emotions_tfidf": sigmoid(linear(rows, self.tfidf["emotions_w"], self.tfidf["emotions_b"])),
            "vad_encoder": vectors @ self.heads["vad_w"] + self.heads["vad_b"],
            "vad_ridge": np.hstack([vectors, logits]) @ self.heads["vad_ridge_w"] + self.heads["vad_ridge_b"],
            "vad_tfidf": linear(rows, self.tfidf["vad_w"], self.tfidf["vad_b"]),
        }

    def blend(self, parts: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        """(emotion probabilities (n, 28), valence/arousal/dominance (n, 3)) from the heads' parts."""
        w = float(self.config["emotion_blend"])
        probs = w * parts["emotions_encoder"] + (1 - w) * parts["emotions_tfidf"]
        return probs.astype(np.float32), blend_vad(parts, self.config["vad_blend"])

    def predict(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """(emotion probabilities (n, 28), valence/arousal/dominance (n, 3)) for raw texts."""
        return self.blend(self.parts(texts))


class ReplyModel:
    """How a reply answers a message: EPITOME's mechanisms and AnnoMI's therapist behaviours.

    A second fine-tuned MiniLM (a bi-encoder: each text is encoded alone) and one softmax head
    per task on ``[reply, message, reply*message, |reply-message|]``. Heads: ``ER``, ``IP``,
    ``EX`` (levels 0/1/2), ``behaviour`` (question/reflection/therapist_input/other),
    ``question`` (open/closed), ``reflection`` (simple/complex). Each head's class offsets were
    chosen on the dev splits (see MODEL_CARD.md).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.config = read_config(path)
        self.encoder = Encoder(path, max_tokens=int(self.config["max_tokens"]))
        heads = read_npz(path / "heads.npz")
        self.heads: dict[str, tuple[np.ndarray, np.ndarray, tuple[str, ...]]] = {}
        for name in self.config["heads"]:
            offset = np.asarray(self.config["offsets"].get(name, 0.0), dtype=np.float32)
            w, b = heads[f"{name}_w"].astype(np.float32), heads[f"{name}_b"].astype(np.float32) + offset
            self.heads[name] = (w, b, tuple(str(x) for x in heads[f"{name}_labels"]))

    def embed(self, texts: list[str]) -> np.ndarray:
        """Pooled vectors of raw texts (emoji spelled out when the model reads them so)."""
        return self.encoder.encode(spell_emoji(texts) if self.config.get("demojize") else texts)

    def probabilities(self, replies: np.ndarray, messages: np.ndarray) -> dict[str, np.ndarray]:
        """Per head, class probabilities (n, k) for reply vectors answering message vectors."""
        feats = np.concatenate([replies, messages, replies * messages, np.abs(replies - messages)], axis=1)
        return {name: softmax(feats @ w + b) for name, (w, b, _) in self.heads.items()}

    def labels(self, head: str) -> tuple[str, ...]:
        return self.heads[head][2]


def softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def blend_vad(parts: dict[str, np.ndarray], weights: dict[str, list[float]]) -> np.ndarray:
    """Per dimension, a weighted sum of the V/A/D sources (weights chosen on dev), kept in 1 to 5."""
    vad = sum(np.asarray(w, dtype=np.float32) * parts[f"vad_{source}"] for source, w in weights.items())
    return np.clip(vad, 1.0, 5.0).astype(np.float32)


def spell_emoji(texts: list[str]) -> list[str]:
    """Emoji as their names ("broken heart"): the tokenizer knows almost none of them."""
    import emoji

    return [t if t.isascii() else emoji.demojize(t, delimiters=(" ", " ")).replace("_", " ") for t in texts]


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


@cache
def load_cue_model(name: str = CUE_MODEL) -> CueModel:
    """The cue model, loaded once per process."""
    return CueModel(model_dir(name))


@cache
def load_reply_model(name: str = REPLY_MODEL) -> ReplyModel:
    """The reply model, loaded once per process."""
    return ReplyModel(model_dir(name))
