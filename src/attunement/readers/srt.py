"""SubRip (.srt) subtitles: numbered cues with ``-->`` timings and ``Name: text`` in the cue text."""

from __future__ import annotations

from attunement.conversation import Conversation
from attunement.readers.build import Draft, build_one
from attunement.readers.source import Source
from attunement.readers.subtitles import TIMING, cue_messages, split_blocks

_EXPECTED_LABEL = "a speaker label 'Name: text' at the start of the cue"
_EXPECTED_CUE = "a cue number followed by a timing line such as '00:00:01,000 --> 00:00:04,000'"


def parse(source: Source, *, merge: bool = True) -> Conversation:
    """Read every cue; the cue number may be missing, the timing line may not."""
    draft = Draft(id=source.path.stem)
    for block in split_blocks(source):
        if TIMING.match(block.lines[0]):
            timing = 0
        elif block.lines[0].strip().isdigit() and len(block.lines) > 1 and TIMING.match(block.lines[1]):
            timing = 1
        else:
            raise source.error(
                block.start, f"{block.lines[0].strip()!r} does not start a cue.", _EXPECTED_CUE
            )
        draft.messages.extend(cue_messages(source, block, timing, expected=_EXPECTED_LABEL, entities=False))
    return build_one(draft, source, "srt", merge=merge)
