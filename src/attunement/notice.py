"""Notice: the emotional cues in each turn.

For every text: the probability of each of GoEmotions' 28 labels, the labels over their
dev-tuned thresholds, the same grouped to Ekman's six (plus neutral) and to sentiment, and
valence, arousal and dominance on EmoBank's 1 to 5 scale. Arousal is the intensity.
Within a conversation each turn also gets its tone shift: how far its valence and arousal
moved from the same speaker's own recent turns.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from attunement import signals
from attunement.conversation import Conversation, Turn
from attunement.datasets import GOEMOTIONS_LABELS
from attunement.errors import require
from attunement.models import CueModel, load_cue_model
from attunement.text import many_texts, one_text

# Ekman's six basic emotions and the sentiment groups over GoEmotions' labels, as defined by
# the GoEmotions authors (a test checks them against the dataset's own mapping files).
EKMAN: dict[str, tuple[str, ...]] = {
    "anger": ("anger", "annoyance", "disapproval"),
    "disgust": ("disgust",),
    "fear": ("fear", "nervousness"),
    "joy": (
        "joy",
        "amusement",
        "approval",
        "excitement",
        "gratitude",
        "love",
        "optimism",
        "relief",
        "pride",
        "admiration",
        "desire",
        "caring",
    ),
    "sadness": ("sadness", "disappointment", "embarrassment", "grief", "remorse"),
    "surprise": ("surprise", "realization", "confusion", "curiosity"),
    "neutral": ("neutral",),
}
SENTIMENT: dict[str, tuple[str, ...]] = {
    "positive": (
        "amusement",
        "excitement",
        "joy",
        "love",
        "desire",
        "optimism",
        "caring",
        "pride",
        "admiration",
        "gratitude",
        "relief",
        "approval",
    ),
    "negative": (
        "fear",
        "nervousness",
        "remorse",
        "embarrassment",
        "disappointment",
        "sadness",
        "grief",
        "disgust",
        "anger",
        "annoyance",
        "disapproval",
    ),
    "ambiguous": ("realization", "surprise", "curiosity", "confusion"),
    "neutral": ("neutral",),
}

# Tone shift: a move of about one standard deviation of EmoBank's ratings (V 0.35, A 0.26)
# from the speaker's own recent turns counts as a change of tone.
TONE_WINDOW = 3
SHIFT_VALENCE = 0.35
SHIFT_AROUSAL = 0.26

# Reading a text's tone as negative or hostile (shared by suggestions, flooding and tone shifts).
NEUTRAL_VALENCE = 3.0  # the middle of EmoBank's 1-5 scale
TONE_MARGIN = 0.15  # valence this close to neutral reads as neither
HOSTILE_VALENCE = 2.5  # clearly low valence; the cue model reads "I PASSED!!!" as 2.6
ANGRY = 0.3  # anger (with annoyance, disapproval) or disgust at which a text reads hostile
# Needs that say the message is about something hard, and the one that says it is good news.
NEGATIVE_NEEDS: tuple[str, ...] = ("comfort", "space", "reassurance", "repair")
POSITIVE_NEEDS: tuple[str, ...] = ("celebration",)

_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)
_WORDS = re.compile(r"[^\W\d_]+", re.UNICODE)
_ENGLISH = frozenset(
    """a an the i you he she it we they me him her us them my your our their is am are was were be
    been do does did have has had not no yes and or but if so to of in on at for with from about this
    that what why how when where who just like really very can could would will should don't i'm it's
    """.split()
)
# Frequent function words of the other languages chats most often mix with English (Spanish,
# Portuguese, French, Italian, German, Dutch): words English hardly uses.
_OTHER = frozenset(
    """el los las del que por para una muy pero como está estoy qué también
    não uma com mas você é isso já
    le les des est pas je tu nous vous avec mais très c'est suis
    il che sono una della molto anche
    der das und ist nicht ich du mit ein eine sehr auch aber
    het een niet ik je met maar ook zijn
    """.split()
)
_LATIN_END = 0x24F  # letters above Latin Extended-B are another script (Arabic, CJK, Cyrillic, ...)


@dataclass(frozen=True)
class Cues:
    """What one text shows: emotions, their groups, and valence/arousal/dominance (1 to 5)."""

    text: str
    emotions: dict[str, float]
    predicted: tuple[str, ...]
    ekman: dict[str, float]
    sentiment: dict[str, float]
    valence: float
    arousal: float
    dominance: float
    notes: tuple[str, ...] = ()

    @property
    def intensity(self) -> float:
        """Arousal, the intensity used everywhere else (1 calm to 5 excited)."""
        return self.arousal

    @property
    def top(self) -> str:
        """The most likely label."""
        return max(self.emotions, key=self.emotions.__getitem__)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["predicted"] = list(self.predicted)
        data["notes"] = list(self.notes)
        return data


def reads_negative(c: Cues, need: str | None = None) -> bool:
    """The text reads as hard or hurt: valence below neutral, or a need such as comfort or repair."""
    return c.valence < NEUTRAL_VALENCE - TONE_MARGIN or need in NEGATIVE_NEEDS


def reads_positive(c: Cues, need: str | None = None) -> bool:
    """The text reads as good news: valence above neutral, or a need for celebration."""
    return c.valence > NEUTRAL_VALENCE + TONE_MARGIN or need in POSITIVE_NEEDS


def hostile(c: Cues, read: signals.Signals) -> bool:
    """The text reads as hostile or clearly negative: an insult, "you always", criticism or
    contempt in its words, anger or disgust, or clearly low valence. Capitals and "!!" count as
    escalation only in such a text, never in joy ("I PASSED!!!", "YESSS!!!")."""
    attacks = read.of("flooding", *signals.ATTACKS) or read.of("horsemen", "criticism", "contempt")
    angry = max(c.ekman.get("anger", 0.0), c.ekman.get("disgust", 0.0)) >= ANGRY
    return bool(attacks) or angry or c.valence < HOSTILE_VALENCE


def celebratory(c: Cues, read: signals.Signals) -> bool:
    """The text cheers rather than attacks: it celebrates in words ("congrats", "so proud of
    you", "🎉") or reads clearly glad, and nothing in it is hostile (see :func:`hostile`)."""
    glad = bool(read.of("celebration")) or c.valence > NEUTRAL_VALENCE + 2 * TONE_MARGIN
    return glad and not hostile(c, read)


def escalation(c: Cues, read: signals.Signals) -> list[signals.Span]:
    """The flooding and emphasis spans that count as escalation: attacks always; capitals, "!!"
    and "??" unless the text is celebratory ("I PASSED!!!", "YESSS!!! so proud of you").

    Regression: counting them only in a text that read hostile let most shouting through ("I
    SAID I'M FINE!!" reads near neutral), and self-regulation stopped telling the calmer reply of
    the labelled dev pairs from the flooded one (0.93 of pairs to 0.46)."""
    if celebratory(c, read):
        return read.of("flooding", *signals.ATTACKS)
    return sorted(read.flooding + read.emphasis, key=lambda s: (s.start, s.kind))


def markers_of(c: Cues, read: signals.Signals) -> list[signals.Span]:
    """The warning signs of a text: its horsemen and the flooding that counts as escalation."""
    loud = [s for s in escalation(c, read) if s.kind in signals.FLOODING_WEIGHTS]
    return sorted(read.horsemen + loud, key=lambda s: (s.start, s.kind))


def shift_direction(
    dv: float, da: float, c: Cues, need: str | None = None, read: signals.Signals | None = None
) -> str | None:
    """Which way a tone shift went: "darker" or "lighter" when valence moved enough, else "more
    intense" or "calmer" when arousal did. A rise in valence is never called lighter for a text
    that reads as hostile or hard ("You ALWAYS do this!!"): then the arousal change is named.
    ``read``: the text's rule signals where already run (else they are run here)."""
    light = (
        dv >= SHIFT_VALENCE and not hostile(c, read or signals.read(c.text)) and not reads_negative(c, need)
    )
    if dv <= -SHIFT_VALENCE:
        return "darker"
    if light:
        return "lighter"
    if abs(da) >= SHIFT_AROUSAL:
        return "more intense" if da > 0 else "calmer"
    return None  # valence rose, but the text reads hard: no direction to name


@dataclass(frozen=True)
class ToneShift:
    """How far a turn moved from the same speaker's recent turns (None for a first turn)."""

    valence: float
    arousal: float
    shifted: bool
    baseline_turns: int
    direction: str | None = None  # "lighter", "darker", "more intense", "calmer"; None if not shifted


@dataclass(frozen=True)
class TurnCues:
    """The cues of one turn of a conversation, with its tone shift."""

    index: int
    speaker: str
    cues: Cues | None  # None for a turn with no text (an empty message)
    tone_shift: ToneShift | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "speaker": self.speaker,
            "cues": None if self.cues is None else self.cues.to_dict(),
            "tone_shift": None if self.tone_shift is None else asdict(self.tone_shift),
        }


def predict_labels(probs: np.ndarray, thresholds: np.ndarray) -> np.ndarray:
    """Labels over their thresholds; a text with none gets its label nearest its threshold."""
    pred = probs >= thresholds
    empty = ~pred.any(1)
    if empty.any():
        pred[np.flatnonzero(empty), (probs[empty] / thresholds).argmax(1)] = True
    return pred


def notes_for(text: str, token_count: int, max_tokens: int) -> tuple[str, ...]:
    """Warnings a reader of the cues should see: the text was cut, had no words, or not English."""
    notes = []
    if token_count > max_tokens:
        notes.append("truncated")
    if not _LETTERS.search(text):
        notes.append("no_words")  # emoji-only or punctuation-only: read from emoji alone
    if _maybe_not_english(text):
        notes.append("maybe_not_english")  # the models were trained on English
    return tuple(notes)


def _maybe_not_english(text: str) -> bool:
    """Mostly another script; or enough words, few of them English; or more foreign function words
    than English ones. A rule, not a language model: short mixed texts pass as English."""
    letters = _LETTERS.findall(text)
    other_script = sum(ord(ch) > _LATIN_END for ch in letters)
    if other_script >= 2 and other_script >= len(letters) / 2:
        return True
    words = [w.lower() for w in _WORDS.findall(text)]
    english = sum(w in _ENGLISH for w in words)
    if len(words) >= 6 and english / len(words) < 0.12:
        return True
    foreign = sum(w in _OTHER for w in words)
    return len(words) >= 4 and foreign >= 2 and foreign > english


def _group(values: np.ndarray, groups: dict[str, tuple[str, ...]]) -> dict[str, float]:
    index = {lab: i for i, lab in enumerate(GOEMOTIONS_LABELS)}
    return {g: round(float(max(values[index[m]] for m in members)), 4) for g, members in groups.items()}


def cues_many(texts: Sequence[str], *, model: CueModel | None = None) -> list[Cues]:
    """The cues of many texts in one batch; each text gets exactly what it would get alone.

    ``model`` defaults to the shipped cue model, loaded once per process.
    """
    return read_cues(texts, model=model)[0]


def read_cues(texts: Sequence[str], *, model: CueModel | None = None) -> tuple[list[Cues], np.ndarray]:
    """The cues of many texts and their encoder vectors (one pass, shared with later stages)."""
    texts = many_texts(texts)
    model = model or load_cue_model()
    if not texts:
        return [], np.zeros((0, model.encoder.dim), dtype=np.float32)
    parts = model.parts(texts)
    probs, vad = model.blend(parts)
    pred = predict_labels(probs, model.thresholds)
    counts = parts["token_counts"]
    out = []
    for i, text in enumerate(texts):
        p = probs[i]
        out.append(
            Cues(
                text=text,
                emotions={lab: round(float(v), 4) for lab, v in zip(GOEMOTIONS_LABELS, p)},
                predicted=tuple(lab for lab, on in zip(GOEMOTIONS_LABELS, pred[i]) if on),
                ekman=_group(p, EKMAN),
                sentiment=_group(p, SENTIMENT),
                valence=round(float(vad[i, 0]), 3),
                arousal=round(float(vad[i, 1]), 3),
                dominance=round(float(vad[i, 2]), 3),
                notes=notes_for(text, counts[i], model.encoder.max_tokens),
            )
        )
    return out, parts["vectors"]


def cues(text: str) -> Cues:
    """The cues of one text (a batch of one; E032 when it is empty, E033 when it is not text)."""
    return cues_many([one_text(text, "text")])[0]


def notice(conversation: Conversation, *, window: int = TONE_WINDOW) -> list[TurnCues]:
    """Cues for every turn, with each turn's tone shift against its speaker's last ``window`` turns."""
    require(
        conversation, Conversation, "conversation", "a Conversation (attunement.read makes one of a file)"
    )
    spoken = [t for t in conversation.turns if t.text.strip()]
    found = dict(zip((t.index for t in spoken), cues_many([t.text for t in spoken])))
    return notice_from(conversation.turns, found, window=window)


def notice_from(
    turns: Sequence[Turn],
    found: dict[int, Cues],
    *,
    window: int = TONE_WINDOW,
    needs: dict[int, str] | None = None,
    read: dict[int, signals.Signals] | None = None,
) -> list[TurnCues]:
    """:func:`notice` over cues already read (``found``: turn index -> cues; absent for empty turns).
    ``needs`` (turn index -> need label), where known, keeps a hard turn from reading as lighter;
    ``read`` (turn index -> rule signals) spares running the rules again on shifted turns."""
    history: dict[str, list[Cues]] = {}
    out = []
    for turn in turns:
        c = found.get(turn.index)
        shift = None
        if c is not None:
            recent = history.setdefault(turn.speaker, [])[-window:]
            if recent:
                dv = c.valence - float(np.mean([r.valence for r in recent]))
                da = c.arousal - float(np.mean([r.arousal for r in recent]))
                shifted = abs(dv) >= SHIFT_VALENCE or abs(da) >= SHIFT_AROUSAL
                need, rules = (needs or {}).get(turn.index), (read or {}).get(turn.index)
                way = shift_direction(dv, da, c, need, rules) if shifted else None
                shift = ToneShift(round(dv, 3), round(da, 3), shifted, len(recent), way)
            history[turn.speaker].append(c)
        out.append(TurnCues(turn.index, turn.speaker, c, shift))
    return out
