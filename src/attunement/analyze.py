"""Analyze a whole conversation: notice, interpret, respond, repair, in one pass.

Turns are read in chunks (``chunk`` turns at a time, with the few turns before each chunk as
context), so the encoders batch and memory stays bounded however long the conversation: only
the per-turn results, which the report holds anyway, grow with its length.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from pathlib import Path
from typing import Any

from attunement import signals
from attunement.assess import Assessment, assessment_of, read_pairs
from attunement.conversation import Conversation, Turn
from attunement.dynamics import TurnReading, episodes, matching, profiles
from attunement.errors import AttunementError, require
from attunement.needs import SAFETY_OVERRIDE, features_from, load_need_model
from attunement.notice import Cues, markers_of, notice_from
from attunement.reading import TextTable
from attunement.report import Report
from attunement.safety import safety_check
from attunement.summary import summarise

CONTEXT_TURNS = 2  # earlier turns given with each cue turn
CHUNK = 256
Progress = Callable[[int, int], None]


def _turn_dict(turn: Turn) -> dict[str, Any]:
    return {
        "index": turn.index,
        "speaker": turn.speaker,
        "text": turn.text,
        "timestamp": turn.timestamp.isoformat() if turn.timestamp else None,
        "cues": None,
        "tone_shift": None,
        "need": None,
        "signals": {"rupture": [], "repair": []},
        "assessment": None,
        "safety": None,
    }


def analyze_conversation(
    conversation: Conversation, *, chunk: int = CHUNK, progress: Progress | None = None
) -> Report:
    """The report of one conversation (see :class:`attunement.report.Report`)."""
    rows, readings = read_conversation(conversation, chunk=chunk, progress=progress)
    found_episodes = episodes(readings)
    speakers = profiles(readings, found_episodes)
    matched = matching(readings)
    turns = [rows[t.index] for t in conversation.turns]
    report = {
        "schema_version": Report.SCHEMA_VERSION,
        "conversation": {
            "id": conversation.id,
            "speakers": list(conversation.speakers),
            "n_turns": len(conversation.turns),
            "metadata": _jsonable(dict(conversation.metadata)),
        },
        "turns": turns,
        "episodes": [e.to_dict() for e in found_episodes],
        "speakers": speakers,
        "matching": matched,
    }
    report["summary"] = summarise(report)
    return Report(report)


def read_conversation(
    conversation: Conversation, *, chunk: int = CHUNK, progress: Progress | None = None
) -> tuple[dict[int, dict[str, Any]], list[TurnReading]]:
    """Notice, interpret and assess every turn: the report's turn rows and the dynamics' readings."""
    spoken = [t for t in conversation.turns if t.text.strip()]
    rows = {t.index: _turn_dict(t) for t in conversation.turns}
    found: dict[int, Cues] = {}
    assessments: dict[int, Assessment] = {}
    responds: dict[int, int] = {}
    found_signals: dict[int, signals.Signals] = {}
    table = TextTable()
    need_model = load_need_model()
    for start in range(0, len(spoken), chunk):
        part = spoken[start : start + chunk]
        before = spoken[max(0, start - CONTEXT_TURNS) : start]
        # The reply encoder reads the chunk while the cue encoder does (each on half the cores).
        with ThreadPoolExecutor(max_workers=1) as pool:
            reply_pass = pool.submit(table.reply_vectors, list(dict.fromkeys(t.text for t in part)))
            table.read(t.text for t in before + part)
            reply_pass.result()
        contexts = []
        for k, turn in enumerate(part, start=start):
            contexts.append([t.text for t in spoken[max(0, k - CONTEXT_TURNS) : k]])
            found[turn.index] = table.cues(turn.text)
        texts = [t.text for t in part]
        needs = need_model.predict(
            features_from(texts, contexts, table, with_context=need_model.reads_context),
            [table.signals(t) for t in texts],
        )
        items, owners = [], []
        for k, (turn, need) in enumerate(zip(part, needs), start=start):
            row = rows[turn.index]
            sig = found_signals[turn.index] = table.signals(turn.text)
            row["signals"] = {
                "rupture": [x.to_dict() for x in sig.rupture],
                "repair": [x.to_dict() for x in sig.repair],
            }
            notice = safety_check(turn.text)
            row["safety"] = notice.to_dict() if notice else None
            row["need"] = need.to_dict(SAFETY_OVERRIDE if notice else None)
            if k > 0 and spoken[k - 1].speaker != turn.speaker:
                message = spoken[k - 1]
                context = [t.text for t in spoken[max(0, k - 1 - CONTEXT_TURNS) : k - 1]]
                items.append((message.text, turn.text, context))
                owners.append(turn.index)
                responds[turn.index] = message.index
        for index, pair in zip(owners, read_pairs(items, table=table)):
            assessments[index] = assessment_of(pair)
        table.forget(keep=[t.text for t in part[-CONTEXT_TURNS - 1 :]])
        if progress:
            progress(min(start + chunk, len(spoken)), len(spoken))

    readings: list[TurnReading] = []
    labels = {i: row["need"]["label"] for i, row in rows.items() if row["need"]}
    for tc in notice_from(conversation.turns, found, needs=labels, read=found_signals):
        row = rows[tc.index]
        text = row["text"]
        if tc.cues is not None:
            row["cues"] = {k: v for k, v in tc.cues.to_dict().items() if k != "text"}
        if tc.tone_shift is not None:
            row["tone_shift"] = asdict(tc.tone_shift)
        a = assessments.get(tc.index)
        if a is not None:
            row["assessment"] = {"responds_to": responds[tc.index], **_assessment_dict(a)}
        rules = found_signals.get(tc.index)  # None for an empty turn
        signs = markers_of(tc.cues, rules) if rules and tc.cues else []
        own_markers = [x.to_dict() for x in signs]
        readings.append(
            TurnReading(
                index=tc.index,
                speaker=tc.speaker,
                text=text,
                valence=tc.cues.valence if tc.cues else None,
                arousal=tc.cues.arousal if tc.cues else None,
                shifted=bool(tc.tone_shift and tc.tone_shift.shifted),
                responds_to=responds.get(tc.index),
                score=a.score if a else None,
                capacities=a.capacities if a else None,
                markers=a.markers if a else own_markers,
                flooding=round(
                    signals.flooding_weight(s for s in signs if s.kind in signals.FLOODING_WEIGHTS), 4
                ),
                rupture_signals=row["signals"]["rupture"],
                repair_signals=row["signals"]["repair"],
                non_apology=bool(rules and rules.non_apology),
                need_repair=row["need"]["probabilities"]["repair"] if row["need"] else 0.0,
            )
        )
    return rows, readings


def _assessment_dict(a: Assessment) -> dict[str, Any]:
    data = a.to_dict()
    del data["message"], data["reply"]
    return data


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def analyze(
    source: Conversation | str | os.PathLike[str],
    *,
    format: str | None = None,
    merge: bool = True,
    progress: Progress | None = None,
) -> Report | list[Report]:
    """Analyze a conversation, or every conversation in a chat export (a list for a multi-chat file)."""
    if isinstance(source, Conversation):
        if not source.turns:
            raise AttunementError("E010")
        return analyze_conversation(source, progress=progress)
    from attunement.readers import read

    require(source, (str, os.PathLike), "source", "a Conversation or a file path")

    found = read(Path(source), format=format, merge=merge)
    if isinstance(found, list):
        return [analyze_conversation(c, progress=progress) for c in found]
    return analyze_conversation(found, progress=progress)
