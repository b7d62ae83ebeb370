"""Respond: how attuned a reply is to the message it answers, on the six capacities.

For each (message, reply) pair, with the turns before the message as context, the stages run
in the order of the process they model:

1. **notice**: the cues of the message and of the reply (the cue model, one encoder pass);
2. **interpret**: what the message most likely needs (the need model) and whether it carries
   crisis language (:mod:`attunement.safety`);
3. **respond**: how the reply answers it: EPITOME's emotional reactions, interpretations and
   explorations, and AnnoMI's question/reflection/input behaviours (the reply model), plus the
   rule signals of :mod:`attunement.signals` (questions, naming, assuming, advice, self-focus,
   flooding, the four horsemen, repair and non-apologies);
4. **judge**: a 0 to 1 score per capacity from those readings (:mod:`attunement.capacities`),
   the overall 0 to 100 score (:mod:`attunement.overall`), evidence spans and one to three
   concrete suggestions.

Every stage is batched: ``assess`` is ``assess_many`` of one pair, with the same result.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from attunement.capacities import CAPACITIES, Readings
from attunement.errors import AttunementError, require
from attunement.models import CueModel, ReplyModel, load_reply_model
from attunement.needs import SAFETY_OVERRIDE, Need, features_from, load_need_model
from attunement.notice import Cues
from attunement.overall import judge
from attunement.reading import TextTable
from attunement.safety import SafetyNotice, safety_check
from attunement.suggest import suggestions_for
from attunement.text import clean, one_text, readable

Context = Sequence[Any]  # earlier turns: strings, Turns/Messages (``.text``) or {"text": ...}


@dataclass(frozen=True)
class Assessment:
    """How attuned one reply is: the overall score, the six capacities and why."""

    message: str
    reply: str
    score: float  # 0 to 100
    capacities: dict[str, float]  # exactly CAPACITIES, each 0 to 1
    markers: list[dict[str, Any]]  # horsemen and flooding: {"kind", "start", "end", "text"}
    evidence: dict[str, list[dict[str, Any]]]  # capacity -> spans of "reply" or "message"
    suggestions: list[str]
    safety: SafetyNotice | None = None
    need: Need | None = None
    reading: dict[str, Any] = field(default_factory=dict)  # the model outputs behind the scores

    @property
    def weakest(self) -> str:
        return min(CAPACITIES, key=lambda c: self.capacities[c])

    def to_dict(self) -> dict[str, Any]:
        return {
            "message": self.message,
            "reply": self.reply,
            "score": self.score,
            "capacities": dict(self.capacities),
            "markers": [dict(m) for m in self.markers],
            "evidence": {c: [dict(e) for e in spans] for c, spans in self.evidence.items()},
            "suggestions": list(self.suggestions),
            "safety": self.safety.to_dict() if self.safety else None,
            "need": self.need.to_dict(SAFETY_OVERRIDE if self.safety else None) if self.need else None,
            "reading": dict(self.reading),
        }


def _text_of(turn: Any) -> str:
    if isinstance(turn, str):
        return turn
    if isinstance(turn, Mapping):
        return str(turn.get("text", ""))
    return str(getattr(turn, "text", ""))


def _pair(item: Any, index: int) -> tuple[str, str, list[str]]:
    """(message, reply, context texts) from a tuple ``(message, reply[, context])`` or a mapping."""
    if isinstance(item, Mapping):
        message, reply, context = item.get("message"), item.get("reply"), item.get("context") or []
    elif isinstance(item, Sequence) and not isinstance(item, str) and len(item) in (2, 3):
        message, reply = item[0], item[1]
        context = item[2] if len(item) == 3 and item[2] is not None else []
    else:
        raise AttunementError(
            "E031", index=index + 1, problem="expected (message, reply[, context]) or a mapping"
        )
    for name, value in (("message", message), ("reply", reply)):
        if not readable(value):
            raise AttunementError("E031", index=index + 1, problem=f"the {name} is empty or not text")
    if isinstance(context, str):
        context = [context]
    earlier = [clean(t) for t in (_text_of(c) for c in context) if t.strip()]
    return clean(str(message)), clean(str(reply)), earlier


def _epitome_level(probs: np.ndarray) -> np.ndarray:
    """Expected EPITOME level (0 none, 1 weak, 2 strong) scaled to 0 to 1."""
    return (probs[:, 1] + 2.0 * probs[:, 2]) / 2.0


def read_pairs(
    items: Sequence[tuple[str, str, list[str]]],
    *,
    cue_model: CueModel | None = None,
    reply_model: ReplyModel | None = None,
    table: TextTable | None = None,
) -> list[Readings]:
    """Notice, interpret and read every pair: the model and rule outputs that :func:`judge` scores.
    ``table`` shares texts already read with other stages (a conversation's turns)."""
    if not items:  # a conversation of one turn, or of one speaker, has no reply to read
        return []
    table = table or TextTable(cue_model=cue_model, reply_model=reply_model)
    messages = [m for m, _, _ in items]
    replies = [r for _, r, _ in items]
    contexts = [c for _, _, c in items]
    reply_signals = [table.signals(r) for r in replies]
    named = [[s.text for s in rs.of("emotion_words", "naming")] for rs in reply_signals]
    model = table.reply_model = table.reply_model or load_reply_model()
    # The two encoders run side by side (onnxruntime releases the GIL): the cue model's pass and
    # the reply model's pass over the same texts.
    with ThreadPoolExecutor(max_workers=1) as pool:
        reply_pass = pool.submit(table.reply_vectors, list(dict.fromkeys([*replies, *messages])))
        table.read([*messages, *replies, *(t for spans in named for t in spans)])
        needs = (need_model := load_need_model()).predict(
            features_from(messages, contexts, table, with_context=need_model.reads_context),
            [table.signals(m) for m in messages],
        )
        reply_pass.result()
    reply_vectors, message_vectors = table.reply_vectors(replies), table.reply_vectors(messages)
    heads = model.probabilities(reply_vectors, message_vectors)
    levels = {h: _epitome_level(heads[h]) for h in ("ER", "IP", "EX")}
    question = dict(zip(model.labels("question"), heads["question"].T))
    behaviour = dict(zip(model.labels("behaviour"), heads["behaviour"].T))
    reflection = dict(zip(model.labels("reflection"), heads["reflection"].T))
    m_vec, r_vec = table.vectors(messages), table.vectors(replies)
    norms = np.linalg.norm(m_vec, axis=1) * np.linalg.norm(r_vec, axis=1)
    related = (m_vec * r_vec).sum(axis=1) / np.maximum(norms, 1e-9)
    out = []
    for i, (message, reply, context) in enumerate(items):
        m_cues: Cues = table.cues(message)
        r_cues: Cues = table.cues(reply)
        out.append(
            Readings(
                message=message,
                reply=reply,
                context=context,
                message_cues=m_cues,
                reply_cues=r_cues,
                need=needs[i],
                relatedness=float(related[i]),
                relation=reply_vectors[i] * message_vectors[i],
                reply_vector=reply_vectors[i],
                cue_relation=r_vec[i] * m_vec[i],
                safety=safety_check(message),
                epitome={h: float(levels[h][i]) for h in levels},
                behaviour={k: float(v[i]) for k, v in behaviour.items()},
                question_open=float(question["open"][i]),
                reflection_complex=float(reflection["complex"][i]),
                reply_signals=reply_signals[i],
                named_cues=[table.cues(t) for t in named[i] if t.strip()],
                message_signals=table.signals(message),
            )
        )
    return out


def assess_many(
    pairs: Iterable[Any], *, cue_model: CueModel | None = None, reply_model: ReplyModel | None = None
) -> list[Assessment]:
    """Assess many pairs in one batch: ``(message, reply)``, ``(message, reply, context)`` or mappings
    with ``message``, ``reply`` and optional ``context`` (earlier turns, oldest first)."""
    if isinstance(pairs, (str, bytes)):
        raise AttunementError("E034", what="pairs")
    require(pairs, Iterable, "pairs", "a list of (message, reply) pairs")
    items = [_pair(p, i) for i, p in enumerate(pairs)]
    if not items:
        return []
    return [assessment_of(r) for r in read_pairs(items, cue_model=cue_model, reply_model=reply_model)]


def assessment_of(r: Readings) -> Assessment:
    """Judge one pair's readings and write its assessment."""
    verdict = judge(r)
    return Assessment(
        message=r.message,
        reply=r.reply,
        score=verdict.score,
        capacities=verdict.capacities,
        markers=verdict.markers,
        evidence=verdict.evidence,
        suggestions=suggestions_for(r, verdict),
        safety=r.safety,
        need=r.need,
        reading=r.summary(),
    )


def assess(message: str, reply: str, context: Context | None = None) -> Assessment:
    """How attuned ``reply`` is to ``message``.

    ``context``: the earlier turns, oldest first (one string counts as one turn). It is offered to
    the need model, which reads it only where its weights use it; the shipped needs-v2 chose, by
    cross-validation, to read the message alone, so today context does not change the score.
    """
    message, reply = one_text(message, "message"), one_text(reply, "reply")
    return assess_many([(message, reply, context or [])])[0]  # _pair reads one string as one turn
