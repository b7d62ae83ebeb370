"""Interpret: what a cue turn most likely needs from the reply.

Eight needs (the labelled set's own, see ``labelled/README.md``): comfort, space, presence,
help, celebration, reassurance, repair, none. A multinomial logistic regression reads the cue
model's outputs for the turn (encoder vector, emotion probabilities, valence/arousal/dominance),
the mean encoder vector of the last earlier turns (context can decide short turns such as
"ugh"), and a few rule signals (a question, a rupture, flooding, length). It was fitted on the labelled dev
split; see ``models/needs-v2/MODEL_CARD.md``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from attunement import signals
from attunement.datasets import GOEMOTIONS_LABELS
from attunement.models import CueModel, model_dir, read_config, read_npz, softmax
from attunement.reading import TextTable
from attunement.signals import Signals
from attunement.text import many_texts

NEED_MODEL = "needs-v2"
NEEDS: tuple[str, ...] = (
    "comfort",
    "space",
    "presence",
    "help",
    "celebration",
    "reassurance",
    "repair",
    "none",
)
RULE_FEATURES: tuple[str, ...] = ("question", "open_question", "rupture", "flooding", "exclamation", "words")


# A label the turn's words rule out is replaced by the next most likely one only if that one is at
# least this likely; else the model's own top label stays (marked as ruled out), so the label
# shown never has a tiny probability beside a large one.
FALLBACK_MIN = 0.15
# What overrides the need reading: crisis language in the turn (see attunement.safety).
SAFETY_OVERRIDE = "safety"


@dataclass(frozen=True)
class Need:
    """The likeliest need of a cue turn and the probability of each of the eight.

    ``ruled_out``: labels the turn's own words rule out (see :func:`ruled_out`); when the label is
    one of them no need is shown or acted on, because no other label was likely enough."""

    label: str
    probabilities: dict[str, float]
    ruled_out: tuple[str, ...] = ()

    @property
    def confidence(self) -> float:
        return self.probabilities[self.label]

    @property
    def trusted(self) -> bool:
        """Whether the label may be shown and acted on (it is not itself ruled out); the same
        rule as :func:`shown_label` on the dict form, which reports read."""
        return shown_label(self.to_dict()) is not None

    def to_dict(self, overridden_by: str | None = None) -> dict[str, Any]:
        """The label and probabilities; ``ruled_out`` and ``overridden_by`` (e.g. "safety") when set."""
        out: dict[str, Any] = {"label": self.label, "probabilities": dict(self.probabilities)}
        if self.ruled_out:
            out["ruled_out"] = list(self.ruled_out)
        if overridden_by:
            out["overridden_by"] = overridden_by
        return out


def shown_label(need: Mapping[str, Any] | None) -> str | None:
    """The need label a report may show and act on, from a need's dict form: none when crisis
    language set the reading aside (``overridden_by``) or the turn's own words ruled it out."""
    if not need:
        return None
    label = need.get("label")
    if need.get("overridden_by") or label in (need.get("ruled_out") or ()):
        return None
    return str(label) if label else None


def rule_features(text: str) -> np.ndarray:
    """The rule signals the need model reads, in :data:`RULE_FEATURES` order."""
    asked = signals.questions(text)
    words = len(text.split())
    return np.array(
        [
            float(bool(asked)),
            float(any(s.kind == "open" for s in asked)),
            float(bool(signals.rupture(text))),
            signals.flooding_score(text),
            float("!" in text),
            np.log1p(words) / 5.0,
        ],
        dtype=np.float32,
    )


def need_features(
    vectors: np.ndarray,
    probs: np.ndarray,
    vad: np.ndarray,
    context_vectors: np.ndarray,
    texts: Sequence[str],
) -> np.ndarray:
    """One row per cue turn: ``[vector, emotions, (vad-3)/2, context vector, rules]``; the context
    vector is the mean of the last earlier turns' own vectors (what came just before)."""
    rules = np.stack([rule_features(t) for t in texts]) if texts else np.zeros((0, len(RULE_FEATURES)))
    return np.hstack([vectors, probs, (vad - 3.0) / 2.0, context_vectors, rules]).astype(np.float32)


CONTEXT_TURNS = 2  # earlier turns the context vector averages


def recent(context: Sequence[str]) -> list[str]:
    """The last :data:`CONTEXT_TURNS` non-empty earlier turns."""
    return [c for c in context if c.strip()][-CONTEXT_TURNS:]


def features_from(
    texts: Sequence[str], contexts: Sequence[Sequence[str]], table: TextTable, *, with_context: bool = True
) -> np.ndarray:
    """:func:`need_features` of cue turns and their earlier turns (oldest first), read via ``table``.
    Earlier turns are read once like any turn (in a conversation they are already in the table);
    without ``with_context`` (a model that gives context no weight) they are not read at all."""
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    before = [recent(c) if with_context else [] for c in contexts]
    table.read([*texts, *(t for b in before for t in b)])
    found = [table.cues(t) for t in texts]
    probs = np.array([[c.emotions[lab] for lab in GOEMOTIONS_LABELS] for c in found], dtype=np.float32)
    vad = np.array([[c.valence, c.arousal, c.dominance] for c in found], dtype=np.float32)
    vectors = table.vectors(list(texts))
    context = np.zeros_like(vectors)
    for k, b in enumerate(before):
        if b:
            context[k] = table.vectors(b).mean(0)
    return need_features(vectors, probs, vad, context, texts)


def features_for(
    texts: Sequence[str], contexts: Sequence[Sequence[str]], *, cue_model: CueModel | None = None
) -> np.ndarray:
    """:func:`need_features` of cue turns and their earlier turns, read here."""
    return features_from(texts, contexts, TextTable(cue_model=cue_model))


def needs_many(
    texts: Sequence[str],
    contexts: Sequence[Sequence[str]] | None = None,
    *,
    cue_model: CueModel | None = None,
) -> list[Need]:
    """The likely need of each cue turn, given the turns before it (oldest first)."""
    texts = many_texts(texts)
    contexts = contexts if contexts is not None else [[] for _ in texts]
    if len(contexts) != len(texts):
        raise ValueError("needs_many: one context per text")
    model = load_need_model()
    table = TextTable(cue_model=cue_model)
    features = features_from(texts, contexts, table, with_context=model.reads_context)
    return model.predict(features, [table.signals(t) for t in texts])


class NeedModel:
    """Softmax over :data:`NEEDS` on :func:`need_features` (weights fitted in training)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.config = read_config(path)
        head = read_npz(path / "head.npz")
        self.mean, self.scale = head["mean"].astype(np.float32), head["scale"].astype(np.float32)
        self.w, self.b = head["w"].astype(np.float32), head["b"].astype(np.float32)
        self.labels = tuple(str(x) for x in head["labels"])
        dim = (self.w.shape[0] - len(GOEMOTIONS_LABELS) - 3 - len(RULE_FEATURES)) // 2
        start = dim + len(GOEMOTIONS_LABELS) + 3
        # Whether the context vector has any weight (cross-validation may have dropped it): if not,
        # earlier turns need not be read.
        self.reads_context = bool(np.any(self.w[start : start + dim] != 0))

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        return softmax(((features - self.mean) / self.scale) @ self.w + self.b)

    def predict(self, features: np.ndarray, read: Sequence[Signals] | None = None) -> list[Need]:
        """The likely need per row; with the rule signals of each cue turn (``read``), a label
        that the turn's own words rule out is passed over for the next most likely one, if that
        one reaches :data:`FALLBACK_MIN` (else the top label stays, marked as ruled out)."""
        if not len(features):
            return []
        probs = self.probabilities(features)
        out = []
        for k, p in enumerate(probs):
            raw = dict(zip(self.labels, p))
            ranked = [self.labels[int(j)] for j in np.argsort(-p, kind="stable")]
            out_ = tuple(lab for lab in ranked if read is not None and ruled_out(lab, read[k]))
            kept = [lab for lab in ranked if lab not in out_]
            label = kept[0] if kept and raw[kept[0]] >= FALLBACK_MIN else ranked[0]
            out.append(Need(label, {lab: round(float(v), 4) for lab, v in raw.items()}, out_))
        return out


def ruled_out(need: str, read: Signals) -> bool:
    """Good news is not shared in an attack: a turn with criticism, contempt or a rupture signal
    is never read as asking for celebration (the encoder takes "You ALWAYS do this!!" for
    excitement). The probabilities stay as the model gave them; only the label moves on."""
    return need == "celebration" and bool(read.of("horsemen", "criticism", "contempt") or read.rupture)


@cache
def load_need_model(name: str = NEED_MODEL) -> NeedModel:
    """The need model, loaded once per process."""
    return NeedModel(model_dir(name))
