"""Judge: the six capacities of attunement, scored from what was noticed and read.

Each capacity is a short, readable formula over the readings of one (message, reply) pair:
the learned outputs (EPITOME levels, AnnoMI behaviours, the message's need, cues of both
texts) and the rule spans. The weights below were set by reading the first-round labelled dev
pairs (``labelled/pairs-dev.jsonl``) and checking the ranking there; the test pairs were not
used. Every capacity keeps the spans that moved it, as evidence. How the six add up to the
overall score is learned (:mod:`attunement.overall`).

- **presence**: engages with what was said (EPITOME's strongest mechanism; for a practical
  message, answering it); turning to oneself, changing the subject or stonewalling lower it.
- **curiosity**: asks, preferably openly (rules and AnnoMI's open-question head) or explores
  (EPITOME EX); assuming or dismissing the feeling lowers it.
- **naming**: interprets the experience and names the feeling (EPITOME IP, named feelings),
  scaled by how well the emotions of the reply fit those of the message.
- **self_regulation**: one minus the heat (attacks always; capitals, "!!" and emphasis only in a
  reply that reads hostile or negative), lowered by criticism and contempt.
- **responsive_action**: the kind of reply fits the message's likely need (expected over the
  need model's probabilities), and its intensity matches; crisis language in the message
  overrides the need: then taking it seriously (feelings, asking) is what fits.
- **repair**: after a rupture, owning the miss and reopening, not defending or
  non-apologising; without a rupture, only defensiveness and non-apologies lower it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from attunement.needs import NEEDS, Need
from attunement.notice import Cues, escalation
from attunement.safety import SafetyNotice
from attunement.signals import ATTACKS, FLOODING_WEIGHTS, Signals, Span, flooding_weight

CAPACITIES: tuple[str, ...] = (
    "presence",
    "curiosity",
    "naming",
    "self_regulation",
    "responsive_action",
    "repair",
)
# The overall score is learned (attunement.overall); a reply the rules find defensive, contemptuous
# or stonewalling costs this much on top. The ranker rarely sees such short brush-offs ("...",
# "whatever") in its pairs and scored "..." to "I lost my job today" 71; criticism is left out
# because its rule also fires on some better replies in the dev pairs ("you never had to").
HORSEMAN_COST = 10.0
COSTLY_HORSEMEN = ("defensiveness", "contempt", "stonewalling")
# Telling someone what they feel or that it does not count ("you're just tired", "dreams don't
# mean anything": the rules' "assuming" kind) costs as much. In the dev pairs it appears only in
# worse replies (12), and overall-v10, which reads the reply's own vector, scored "you're just
# tired" to "work was awful today" 62 without it.
DISMISSING_COST = 10.0
# How far the reply's arousal (EmoBank 1-5) may sit from the message's before it counts as a
# mismatch of intensity, and what a whole point of mismatch costs.
INTENSITY_TOLERANCE = 0.35
INTENSITY_COST = 0.6
# Needs where feelings are not the point: a practical question, logistics, a wish to be left be.
PRACTICAL_NEEDS = ("help", "none", "space")


@dataclass(frozen=True)
class Readings:
    """Everything noticed and read about one pair, before judging."""

    message: str
    reply: str
    context: list[str]
    message_cues: Cues
    reply_cues: Cues
    need: Need
    relatedness: float  # cosine of the two texts' cue-encoder vectors: feeling and topic in common
    safety: SafetyNotice | None
    epitome: dict[str, float]  # ER, IP, EX: expected level scaled to 0-1
    behaviour: dict[str, float]  # AnnoMI behaviour probabilities
    question_open: float
    reflection_complex: float
    reply_signals: Signals
    message_signals: Signals
    # Vectors for the learned overall score: reply * message and the reply alone (reply encoder),
    # reply * message (cue encoder).
    relation: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))
    reply_vector: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))
    cue_relation: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))
    named_cues: list[Cues] = field(default_factory=list)  # cues of each feeling the reply names

    @property
    def rupture(self) -> bool:
        """The message signals a rupture: a rule span, or the need model's repair reading."""
        return bool(self.message_signals.rupture) or self.need.probabilities.get("repair", 0.0) >= 0.4

    @property
    def intensity_gap(self) -> float:
        """Reply arousal minus message arousal (EmoBank scale)."""
        return self.reply_cues.arousal - self.message_cues.arousal

    def summary(self) -> dict[str, Any]:
        """The readings a user or researcher may want to see beside the scores."""
        return {
            "relatedness": round(self.relatedness, 3),
            "epitome": {k: round(v, 3) for k, v in self.epitome.items()},
            "behaviour": {k: round(v, 3) for k, v in self.behaviour.items()},
            "question_open": round(self.question_open, 3),
            "reflection_complex": round(self.reflection_complex, 3),
            "message_emotions": list(self.message_cues.predicted),
            "reply_emotions": list(self.reply_cues.predicted),
            "message_arousal": self.message_cues.arousal,
            "reply_arousal": self.reply_cues.arousal,
            "intensity": intensity_label(self),
            "rupture": self.rupture,
        }


@dataclass(frozen=True)
class Verdict:
    score: float
    capacities: dict[str, float]
    markers: list[dict[str, Any]]
    evidence: dict[str, list[dict[str, Any]]]


def _clip(x: float) -> float:
    return float(min(1.0, max(0.0, x)))


def _spans(side: str, spans: Sequence[Span]) -> list[dict[str, Any]]:
    return [{"side": side, **s.to_dict()} for s in spans]


def emotional_fit(a: Cues, b: Cues) -> float:
    """Cosine of the two texts' Ekman profiles without neutral (1: the same feelings)."""
    keys = [k for k in a.ekman if k != "neutral"]
    x = np.array([a.ekman[k] for k in keys])
    y = np.array([b.ekman[k] for k in keys])
    norm = float(np.linalg.norm(x) * np.linalg.norm(y))
    return float(x @ y / norm) if norm > 0 else 0.5


def intensity_label(r: Readings) -> str:
    """ "matched", "under-reaction" or "over-reaction", from the arousal gap."""
    gap = r.intensity_gap
    if gap < -INTENSITY_TOLERANCE:
        return "under-reaction"
    if gap > INTENSITY_TOLERANCE:
        return "over-reaction"
    return "matched"


# --- the six capacities ------------------------------------------------------------------------


def related(r: Readings) -> float:
    """Relatedness rescaled to 0-1: a cosine of 0.3 or less is unrelated, 0.8 or more close."""
    return _clip((r.relatedness - 0.3) / 0.5)


def heat(r: Readings) -> float:
    """How heated the reply reads, 0-1: flooding markers, single shouted words, the cue model's anger.

    Insults and "you always" attacks always count; capitals, "!!" and emphasis count only in a
    reply that reads hostile or clearly negative ("OMG congratulations!!!" is joy, not flooding).
    """
    counted = escalation(r.reply_cues, r.reply_signals)
    attacks = [x for x in counted if x.kind in ATTACKS]
    loud = [x for x in counted if x.kind in FLOODING_WEIGHTS and x.kind not in ATTACKS]
    shouts = [x for x in counted if x.kind not in FLOODING_WEIGHTS]  # emphasis: shout, pressing
    volume = max(flooding_weight(loud), min(0.3, 0.15 * len(shouts)))
    attack = flooding_weight(attacks)
    anger = max(r.reply_cues.ekman.get("anger", 0.0), r.reply_cues.ekman.get("disgust", 0.0))
    return _clip(1.0 - (1.0 - attack) * (1.0 - volume) * (1.0 - 0.5 * max(0.0, anger - 0.3)))


def practical(r: Readings) -> float:
    """How practical the message's need is (help, logistics, a wish for space), 0-1."""
    return sum(r.need.probabilities[n] for n in PRACTICAL_NEEDS)


def presence(r: Readings) -> tuple[float, list[dict[str, Any]]]:
    # Engaging is reacting, interpreting or exploring; for a practical message it is answering it.
    engage = max(r.epitome["ER"], r.epitome["IP"], r.epitome["EX"])
    engage = (1.0 - practical(r)) * engage + practical(r) * related(r)
    away = r.reply_signals.of("self_focus")
    walls = r.reply_signals.of("horsemen", "stonewalling")
    kinds = {s.kind for s in away}
    score = 0.25 + 0.25 * related(r) + 0.5 * engage
    score -= 0.4 * ("self_turn" in kinds) + 0.45 * ("subject_change" in kinds) + 0.35 * bool(walls)
    return _clip(score), _spans("reply", away + walls)


# A direct check on someone's safety: closed as a question, but the one to ask after crisis language.
SAFETY_CHECK = re.compile(r"\b(?:safe|hurt yourself|ok(?:ay)?|alright|where are you|with anyone)\b", re.I)


def curiosity(r: Readings) -> tuple[float, list[dict[str, Any]]]:
    asked = r.reply_signals.of("questions")
    open_q = [s for s in asked if s.kind == "open"]
    ask = 1.0 if open_q else (0.55 if asked else 0.0)
    if r.safety is not None and any(SAFETY_CHECK.search(q.text) for q in asked):
        ask = 1.0  # after crisis language, "are you safe right now?" is the check-in that matters
    ask = max(ask, r.epitome["EX"], r.question_open * r.behaviour.get("question", 0.0))
    # A question about something else, or a heated one ("whose side are you on??"), is not curiosity.
    ask *= (0.4 + 0.6 * related(r)) * (1.0 - heat(r))
    assuming = r.reply_signals.of("emotion_words", "assuming")
    score = 0.3 + 0.6 * ask - 0.45 * bool(assuming)
    return _clip(score), _spans("reply", asked + assuming)


# How naming weighs EPITOME's interpretation head and the naming rule. Interpretation ("this
# must be terrifying", understanding the experience) is EPITOME's own name for naming; its
# emotional-reaction head (the writer's own warmth: "I'm so sorry") is left to the other
# capacities. On the dev naming pairs the better reply had the higher naming score in 0.545 of
# pairs with max(ER, IP) and a rule weight of 0.3, and 0.768 with these weights: a named
# feeling that does not fit ("you must be so excited!" to someone dreading it) is common among
# the worse replies, so the rule alone counts for little; the fit scaling below does the rest.
NAMING_INTERPRETATION = 0.6
NAMING_RULE = 0.1


def naming(r: Readings) -> tuple[float, list[dict[str, Any]]]:
    named = r.reply_signals.of("emotion_words", "naming")
    assuming = r.reply_signals.of("emotion_words", "assuming")
    interpreted = r.epitome["IP"]
    score = 0.3 + NAMING_INTERPRETATION * interpreted + NAMING_RULE * bool(named)
    if named or interpreted > 0.5:
        # The feeling the reply names, where a rule found one, else the reply's own tone.
        fits = [emotional_fit(r.message_cues, c) for c in r.named_cues] or [
            emotional_fit(r.message_cues, r.reply_cues)
        ]
        score *= 0.55 + 0.45 * max(fits)
    score -= 0.3 * bool(assuming)
    cue = [s for s in r.message_signals.of("emotion_words")]
    return _clip(score), _spans("reply", named + assuming) + _spans("message", cue)


def self_regulation(r: Readings) -> tuple[float, list[dict[str, Any]]]:
    flooded = escalation(r.reply_cues, r.reply_signals)  # only what lowered the score
    attacks = r.reply_signals.of("horsemen", "criticism", "contempt")
    kinds = {s.kind for s in attacks}
    score = 1.0 - heat(r)
    score -= 0.35 * ("criticism" in kinds) + 0.45 * ("contempt" in kinds)
    return _clip(score), _spans("reply", flooded + attacks)


# Reply moves, each 0 to 1, that responsive_action matches to the needs.
def moves(r: Readings) -> dict[str, float]:
    """What kind of reply this is, each 0 to 1: advice, feelings-talk, question, celebration, repair,
    defending, length."""
    s = r.reply_signals
    joy = r.reply_cues.ekman.get("joy", 0.0)
    words = len(r.reply.split())
    return {
        "advice": max(float(bool(s.of("advice"))), r.behaviour.get("therapist_input", 0.0)),
        "feelings": max(r.epitome["ER"], float(bool(s.of("emotion_words", "naming")))),
        "question": float(bool(s.of("questions"))),
        "celebrate": max(joy if r.reply_cues.valence >= 3.2 else 0.0, float(bool(s.of("celebration")))),
        "repair": float(bool(s.of("repair"))),
        "defend": float(bool(s.of("horsemen", "defensiveness")) or bool(s.of("non_apology"))),
        "long": _clip((words - 15) / 30),
    }


# Fit of a reply to each need, as a base plus move weights (applied to the moves above).
NEED_FIT: dict[str, tuple[float, dict[str, float]]] = {
    "comfort": (0.55, {"feelings": 0.4, "question": 0.1, "advice": -0.35, "celebrate": -0.2}),
    "presence": (0.55, {"feelings": 0.35, "question": 0.2, "advice": -0.5}),
    "help": (0.5, {"advice": 0.45, "feelings": -0.25, "question": -0.2, "long": -0.1}),
    "celebration": (0.3, {"celebrate": 0.7, "question": 0.1, "advice": -0.2}),
    "reassurance": (0.55, {"feelings": 0.25, "advice": -0.1, "question": 0.05}),
    "space": (0.8, {"question": -0.3, "advice": -0.3, "long": -0.3}),
    "repair": (0.4, {"repair": 0.5, "feelings": 0.15, "defend": -0.4}),
    "none": (0.85, {"long": -0.2, "feelings": -0.2, "question": -0.1}),
}
# Crisis language overrides the need model: what fits is taking it seriously, staying with the
# feeling and asking (are you safe?); a joke or a flat "lol same" does not.
SAFETY_FIT: tuple[float, dict[str, float]] = (
    0.15,
    {"feelings": 0.45, "question": 0.35, "celebrate": -0.3, "advice": -0.1},
)


def _fit(need_fit: tuple[float, dict[str, float]], moves_: dict[str, float]) -> float:
    base, weights = need_fit
    return _clip(base + sum(w * moves_[m] for m, w in weights.items()))


def responsive_action(r: Readings) -> tuple[float, list[dict[str, Any]]]:
    moves_ = moves(r)
    if r.safety is not None:  # the need model's reading is overridden by crisis language
        fit, under = _fit(SAFETY_FIT, moves_), 1.0
    else:
        fit = sum(r.need.probabilities[need] * _fit(NEED_FIT[need], moves_) for need in NEEDS)
        p = r.need.probabilities
        under = sum(p[n] for n in ("celebration", "comfort", "reassurance", "presence", "repair"))
    # Under-reacting hurts where feelings run high; over-reacting where they do not.
    gap = r.intensity_gap
    miss = max(0.0, -gap - INTENSITY_TOLERANCE) * under + max(0.0, gap - INTENSITY_TOLERANCE) * (1.0 - under)
    score = fit - INTENSITY_COST * miss
    evidence = _spans("reply", r.reply_signals.of("advice"))
    if r.need.label == "celebration" or r.need.label in ("comfort", "presence"):
        evidence += _spans("reply", r.reply_signals.of("emotion_words", "naming"))
    return _clip(score), evidence


def repair(r: Readings) -> tuple[float, list[dict[str, Any]]]:
    s = r.reply_signals
    owning = s.of("repair")
    nons = s.of("non_apology")
    defend = s.of("horsemen", "defensiveness")
    walls = s.of("horsemen", "stonewalling")
    if r.rupture:
        score = 0.3 + 0.5 * bool(owning) + 0.2 * r.epitome["ER"] + 0.15 * r.epitome["EX"]
        score -= 0.45 * bool(nons) + 0.35 * bool(defend) + 0.25 * bool(walls)
        cue = _spans("message", r.message_signals.of("rupture"))
    else:
        score = 0.9 + 0.1 * bool(owning) - 0.35 * bool(nons) - 0.3 * bool(defend)
        cue = []
    return _clip(score), _spans("reply", owning + nons + defend + walls) + cue


JUDGES = {
    "presence": presence,
    "curiosity": curiosity,
    "naming": naming,
    "self_regulation": self_regulation,
    "responsive_action": responsive_action,
    "repair": repair,
}


def capacity_scores(r: Readings) -> tuple[dict[str, float], dict[str, list[dict[str, Any]]]]:
    """The six capacities (0-1) and the evidence spans behind each."""
    capacities: dict[str, float] = {}
    evidence: dict[str, list[dict[str, Any]]] = {}
    for name in CAPACITIES:
        value, spans = JUDGES[name](r)
        capacities[name] = round(value, 3)
        evidence[name] = sorted(spans, key=lambda e: (e["side"] != "reply", e["start"]))
    return capacities, evidence
