"""WebVTT subtitles/captions (Zoom, Teams, YouTube): the speaker of each cue comes from a
``<v Name>`` voice tag or a ``Name:`` label."""

from __future__ import annotations

from attunement.conversation import Conversation
from attunement.readers.build import Draft, build_one
from attunement.readers.source import Source
from attunement.readers.subtitles import TIMING, cue_messages, split_blocks

_EXPECTED_LABEL = "a speaker label: a '<v Name>' voice tag or 'Name: text' at the start of the cue"
_EXPECTED_TIMING = "a cue timing line such as '00:00:01.000 --> 00:00:04.000' (after an optional cue id)"
_NOT_CUES = ("NOTE", "STYLE", "REGION")


def parse(source: Source, *, merge: bool = True) -> Conversation:
    """Read every cue after the ``WEBVTT`` header; NOTE, STYLE and REGION blocks are skipped."""
    if not source.lines[0].startswith("WEBVTT"):
        raise source.error(1, "the file does not start with 'WEBVTT'.", "the WebVTT header line 'WEBVTT'")
    draft = Draft(id=source.path.stem)
    for block in split_blocks(source)[1:]:  # the first block is the header
        if block.lines[0].split(maxsplit=1)[0] in _NOT_CUES:
            continue
        timing = next((i for i, line in enumerate(block.lines[:2]) if TIMING.match(line)), None)
        if timing is None:
            raise source.error(
                block.start, f"{block.lines[0].strip()!r} does not start a cue.", _EXPECTED_TIMING
            )
        draft.messages.extend(cue_messages(source, block, timing, expected=_EXPECTED_LABEL, entities=True))
    return build_one(draft, source, "vtt", merge=merge)
