"""Plain transcripts: ``Name: text`` lines, optionally after a ``[00:01:02]`` or ``00:01:02`` offset.

A line without a speaker label continues the previous message; blank lines are ignored.
Offsets are relative to the recording, not dates, so messages get no timestamp.
"""

from __future__ import annotations

import re

from attunement.conversation import Conversation, Message
from attunement.errors import warn
from attunement.readers.build import Draft, build_one
from attunement.readers.labels import continue_message, split_label
from attunement.readers.source import Source

_OFFSET = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
_PREFIX = re.compile(rf"^\s*(?:\[{_OFFSET}\]|\({_OFFSET}\)|{_OFFSET})\s+")


def speaker_line(line: str) -> tuple[str, str] | None:
    """``(speaker, text)`` if ``line`` is a transcript line with a speaker label."""
    return split_label(_PREFIX.sub("", line, count=1))


def parse(source: Source, *, merge: bool = True) -> Conversation:
    """Read ``Name: text`` lines; continuation lines join the previous message with a newline."""
    draft = Draft(id=source.path.stem)
    orphans = 0
    for number, line in enumerate(source.lines, start=1):
        if not line.strip():
            continue
        labelled = speaker_line(line)
        if labelled is not None:
            speaker, text = labelled
            draft.messages.append(Message(speaker=speaker, text=text, source_line=number))
        elif draft.messages:
            continue_message(draft.messages, line)
        else:
            orphans += 1
    if orphans:
        warn("W003", path=str(source.path), count=orphans)
    return build_one(draft, source, "transcript", merge=merge)
