"""Peer tools people use today (NRCLex, VADER), run on the same data as our models.

``attune eval`` puts these next to our own scores so a reader can see what the models add
over the lexicons that are the usual starting point. Both tools belong to the optional
``eval`` extra and are imported only when a baseline is built; a missing one raises E024.

Everything runs offline. NRCLex's ``load_raw_text`` needs TextBlob corpora, so we tokenise
ourselves and call ``load_token_list`` (see :func:`nrclex_tokens`).

How the tools' outputs were mapped (the model card and README quote this; the constants
:data:`NRCLEX_TO_GOEMOTIONS` and :data:`MAPPING_NOTES` are the source of truth):

=====================  ===========================  ===========================================
tool output            GoEmotions label / estimate  why
=====================  ===========================  ===========================================
NRCLex anger           anger                        same emotion (also an Ekman group)
NRCLex disgust         disgust                      same emotion (also an Ekman group)
NRCLex fear            fear                         same emotion (also an Ekman group)
NRCLex joy             joy                          same emotion (also an Ekman group)
NRCLex sadness         sadness                      same emotion (also an Ekman group)
NRCLex surprise        surprise                     same emotion (also an Ekman group)
NRCLex anticipation    optimism                     Plutchik: optimism = anticipation + joy;
                                                    both look forward
NRCLex trust           admiration                   Plutchik: admiration is trust at high
                                                    intensity
no emotion affect      neutral                      score 1.0 when none of the 8 fired
NRCLex positive/neg.   sentiment, valence           (pos - neg) / (pos + neg); frequency diff
NRCLex emotion tokens  arousal                      share of tokens with any emotion affect
VADER compound         sentiment, valence           the tool's own polarity score
VADER pos + neg        arousal                      share of affect-laden text (= 1 - neu)
(none)                 dominance                    NaN for both tools
=====================  ===========================  ===========================================

The 20 other GoEmotions labels are NaN in NRCLex's scores: the caller leaves them out of
"mapped" metrics and counts them as F1 0 in the full 28-label macro average. VADER has no
emotion categories, so its ``emotion_scores`` is ``None``. On the GoEmotions *dev* split
(never test) the two judgement calls were also the better of their candidates: texts where
anticipation fires carry optimism at 2.2x its base rate (excitement 1.7x, desire 1.4x, F1
0.15 vs 0.06 vs 0.04); trust lifts admiration and approval alike (1.3x), with F1 0.18 for
admiration vs 0.16 for approval.

Prediction rules, fixed in advance rather than tuned on test data:
NRCLex predicts a label when its score is > 0, and ``neutral`` when no mapped emotion
affect fired; sentiment (both tools) is positive above +0.05 compound, negative below
-0.05, neutral in between (VADER's standard thresholds).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Sequence
from importlib import metadata
from typing import Any, Protocol

import numpy as np

from attunement.datasets import GOEMOTIONS_LABELS
from attunement.errors import AttunementError

NRCLEX_EMOTIONS: tuple[str, ...] = (
    "anger", "anticipation", "disgust", "fear", "joy", "sadness", "surprise", "trust",
)  # fmt: skip
"""NRCLex's eight emotion affects (Plutchik's basic emotions)."""

NRCLEX_SENTIMENTS: tuple[str, ...] = ("positive", "negative")
"""NRCLex's two sentiment affects; they feed sentiment and valence, not emotion labels."""

NRCLEX_TO_GOEMOTIONS: dict[str, str] = {
    "anger": "anger",
    "disgust": "disgust",
    "fear": "fear",
    "joy": "joy",
    "sadness": "sadness",
    "surprise": "surprise",
    "anticipation": "optimism",  # Plutchik: optimism = anticipation + joy; forward-looking
    "trust": "admiration",  # Plutchik: acceptance < trust < admiration (intensity scale)
}
"""Which GoEmotions label each NRCLex emotion affect scores. ``neutral`` is derived."""

SENTIMENT_LABELS: tuple[str, ...] = ("positive", "negative", "neutral")
"""Columns of :func:`predict_sentiment`. Neither tool has GoEmotions' "ambiguous" class."""

VADER_THRESHOLD = 0.05
"""VADER's standard compound thresholds: > +0.05 positive, < -0.05 negative."""

MAPPING_NOTES: dict[str, dict[str, str]] = {
    "nrclex": {
        "emotions": ", ".join(f"{a} -> {g}" for a, g in NRCLEX_TO_GOEMOTIONS.items())
        + "; neutral = 1 when no emotion affect fired; the other 20 labels are NaN (unmapped)",
        "scores": "NRCLex affect frequency: the affect's count / all affect hits in the text",
        "predict": "a label fires when its score > 0; neutral when nothing else fired",
        "sentiment": "(positive - negative) / (positive + negative) affect counts; 0 without either",
        "valence": "positive frequency - negative frequency (NRCLex has no VAD lexicon)",
        "arousal": "share of tokens that carry any of the 8 emotion affects",
        "dominance": "NaN (no such dimension)",
        "tokens": "lowercase, regex [a-z']+, curly apostrophes straightened, plural/possessive "
        "folded when only the base form is in the lexicon (stands in for TextBlob's lemmatiser)",
    },
    "vader": {
        "emotions": "none: VADER has only sentiment (emotion_scores is None)",
        "sentiment": "compound score",
        "predict": f"positive if compound > {VADER_THRESHOLD}, negative if < -{VADER_THRESHOLD}, "
        "else neutral",
        "valence": "compound score",
        "arousal": "pos + neg (= 1 - neu): share of the text carrying affect; more and stronger "
        "affect words read as more activated, and 0 for empty text where neu is also 0",
        "dominance": "NaN (no such dimension)",
    },
}
"""Plain-language mapping per baseline, for the model card, README and eval reports."""

_WORD = re.compile(r"[a-z']+")
_N_LABELS = len(GOEMOTIONS_LABELS)
_NEUTRAL = GOEMOTIONS_LABELS.index("neutral")


class Baseline(Protocol):
    """A peer tool scored on our data, in our label order."""

    name: str
    label_names: tuple[str, ...]  # columns of predict_labels

    def emotion_scores(self, texts: Sequence[str]) -> np.ndarray | None:
        """(n, 28) scores in [0, 1], NaN for unmapped labels; None without emotion categories."""
        ...

    def vad(self, texts: Sequence[str]) -> np.ndarray:
        """(n, 3) valence, arousal, dominance estimates (monotone scales; NaN if absent)."""
        ...

    def sentiment(self, texts: Sequence[str]) -> np.ndarray:
        """(n,) compound polarity in [-1, 1]."""
        ...

    def predict_labels(self, scores: np.ndarray) -> np.ndarray:
        """Multi-hot predictions over ``label_names`` from this baseline's main scores."""
        ...


def _require(module: str, tool: str) -> Any:
    """Import an optional ``eval`` dependency, or raise E024 saying how to install it."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise AttunementError("E024", tool=tool, extra="eval") from exc


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "unknown"


def predict_emotions(scores: np.ndarray) -> np.ndarray:
    """(n, 28) scores to (n, 28) 0/1: a label fires when its score > 0; NaN never fires.

    ``neutral`` also fires when no other label did, so every row has a prediction.
    """
    scores = np.asarray(scores, dtype=float)
    if scores.ndim != 2 or scores.shape[1] != _N_LABELS:
        raise ValueError(f"expected scores of shape (n, {_N_LABELS}), got {scores.shape}")
    hot = np.nan_to_num(scores, nan=0.0) > 0
    others = np.delete(hot, _NEUTRAL, axis=1).any(axis=1)
    hot[:, _NEUTRAL] = ~others
    return hot.astype(int)


def predict_sentiment(compound: np.ndarray, threshold: float = VADER_THRESHOLD) -> np.ndarray:
    """(n,) compound polarity to (n, 3) one-hot over :data:`SENTIMENT_LABELS`."""
    compound = np.asarray(compound, dtype=float)
    if compound.ndim != 1:
        raise ValueError(f"expected compound scores of shape (n,), got {compound.shape}")
    positive = compound > threshold
    negative = compound < -threshold
    return np.stack([positive, negative, ~(positive | negative)], axis=1).astype(int)


def nrclex_tokens(text: str, lexicon: dict[str, list[str]]) -> list[str]:
    """Lowercase ``[a-z']+`` words, each folded to the lexicon's form where that is obvious.

    NRCLex's keys are lemmas (``friend``, not ``friends``). Its own ``load_raw_text``
    lemmatises with TextBlob, which needs corpora we cannot download, so instead a word
    not in the lexicon is tried without a possessive ``'s`` or plural ``-s``/``-es``/``-ies``.
    On the GoEmotions dev split this finds about 11% more lexicon words.
    """
    words = _WORD.findall(text.lower().replace("\u2019", "'").replace("\u2018", "'"))
    tokens = []
    for word in words:
        word = word.strip("'")
        if not word:
            continue
        if word not in lexicon:
            for base in _base_forms(word):
                if base in lexicon:
                    word = base
                    break
        tokens.append(word)
    return tokens


def _base_forms(word: str) -> list[str]:
    """Candidate base forms of ``word``, most specific first."""
    if word.endswith("'s"):
        return [word[:-2]]
    if len(word) <= 3 or not word.endswith("s") or word.endswith("ss"):
        return []
    forms = [word[:-3] + "y"] if word.endswith("ies") else []
    forms.append(word[:-1])
    if word.endswith("es"):
        forms.append(word[:-2])
    return forms


class NRCLexBaseline:
    """NRCLex (NRC Emotion Lexicon word counts), mapped to GoEmotions as in the module table.

    Empty or emoji-only text has no words: all mapped emotion scores are 0, ``neutral`` is
    1, sentiment, valence and arousal are 0, dominance NaN.
    """

    name = "nrclex"
    label_names = GOEMOTIONS_LABELS

    def __init__(self) -> None:
        nrclex = _require("nrclex", "NRCLex")
        # Built once: the lexicon is read from disk here, not per text.
        self._nrc = nrclex.NRCLex()
        self._lexicon: dict[str, list[str]] = self._nrc.__lexicon__
        self.tool_version = _version("nrclex")
        self._columns = {a: GOEMOTIONS_LABELS.index(g) for a, g in NRCLEX_TO_GOEMOTIONS.items()}

    def affects(self, text: str) -> tuple[dict[str, int], int, int]:
        """NRCLex's raw affect counts for ``text``, its token count and emotion-token count."""
        tokens = nrclex_tokens(text, self._lexicon)
        self._nrc.load_token_list(tokens)
        raw = dict(self._nrc.raw_emotion_scores)
        if "anticip" in raw:  # some NRCLex releases spell it so
            raw["anticipation"] = raw.get("anticipation", 0) + raw.pop("anticip")
        emotional = sum(1 for t in tokens if any(a in NRCLEX_EMOTIONS for a in self._lexicon.get(t, ())))
        return raw, len(tokens), emotional

    def emotion_scores(self, texts: Sequence[str]) -> np.ndarray:
        """(n, 28): affect frequency for the 8 mapped labels, 0/1 ``neutral``, NaN elsewhere."""
        out = np.full((len(texts), _N_LABELS), np.nan)
        for i, text in enumerate(texts):
            raw, _, _ = self.affects(text)
            total = sum(raw.values())
            fired = False
            for affect, column in self._columns.items():
                count = raw.get(affect, 0)
                out[i, column] = count / total if total else 0.0
                fired = fired or count > 0
            out[i, _NEUTRAL] = 0.0 if fired else 1.0
        return out

    def vad(self, texts: Sequence[str]) -> np.ndarray:
        """(n, 3): positive minus negative frequency, share of emotion tokens, NaN."""
        out = np.full((len(texts), 3), np.nan)
        for i, text in enumerate(texts):
            raw, n_tokens, emotional = self.affects(text)
            total = sum(raw.values())
            balance = raw.get("positive", 0) - raw.get("negative", 0)
            out[i, 0] = balance / total if total else 0.0
            out[i, 1] = emotional / n_tokens if n_tokens else 0.0
        return out

    def sentiment(self, texts: Sequence[str]) -> np.ndarray:
        """(n,): (positive - negative) / (positive + negative) affect counts, 0 without either."""
        out = np.zeros(len(texts))
        for i, text in enumerate(texts):
            raw, _, _ = self.affects(text)
            pos, neg = raw.get("positive", 0), raw.get("negative", 0)
            out[i] = (pos - neg) / (pos + neg) if pos + neg else 0.0
        return out

    def predict_labels(self, scores: np.ndarray) -> np.ndarray:
        """(n, 28) multi-hot from :meth:`emotion_scores` (see :func:`predict_emotions`)."""
        return predict_emotions(scores)


class VaderBaseline:
    """VADER (rule-based sentiment): sentiment only, so no emotion scores.

    Empty text scores 0 everywhere (VADER returns all zeros), so sentiment, valence and
    arousal are 0. Emoji VADER knows are read through their descriptions (``🙂`` is
    positive); others score 0.
    """

    name = "vader"
    label_names = SENTIMENT_LABELS

    def __init__(self) -> None:
        vader = _require("vaderSentiment.vaderSentiment", "vaderSentiment")
        # Built once: the analyser reads its lexicon and emoji table from disk.
        self._analyzer = vader.SentimentIntensityAnalyzer()
        self.tool_version = _version("vaderSentiment")

    def polarity(self, texts: Sequence[str]) -> list[dict[str, float]]:
        """VADER's raw ``neg``/``neu``/``pos``/``compound`` per text."""
        return [self._analyzer.polarity_scores(text) for text in texts]

    def emotion_scores(self, texts: Sequence[str]) -> np.ndarray | None:
        """None: VADER has no emotion categories."""
        return None

    def vad(self, texts: Sequence[str]) -> np.ndarray:
        """(n, 3): compound, pos + neg (share of affect-laden text), NaN."""
        out = np.full((len(texts), 3), np.nan)
        for i, scores in enumerate(self.polarity(texts)):
            out[i, 0] = scores["compound"]
            out[i, 1] = scores["pos"] + scores["neg"]
        return out

    def sentiment(self, texts: Sequence[str]) -> np.ndarray:
        """(n,): VADER's compound score."""
        return np.array([scores["compound"] for scores in self.polarity(texts)], dtype=float)

    def predict_labels(self, scores: np.ndarray) -> np.ndarray:
        """(n, 3) one-hot over :data:`SENTIMENT_LABELS` from :meth:`sentiment`."""
        return predict_sentiment(scores)


BASELINES: dict[str, Callable[[], Baseline]] = {
    NRCLexBaseline.name: NRCLexBaseline,
    VaderBaseline.name: VaderBaseline,
}
"""The baselines by name, for ``attune eval --baseline``."""
