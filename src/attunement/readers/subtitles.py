"""What WebVTT and SRT subtitles share: blank-line separated cue blocks, timing lines, and
speakers named by ``<v Name>`` voice tags or a ``Name:`` label at the start of a cue line.

Every cue must name its speaker; a cue that does not is E005, never attributed by guessing.
Cue times are offsets into a recording, not dates, so messages get no timestamp.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from attunement.conversation import Message
from attunement.readers.labels import continue_message, split_label
from attunement.readers.source import Source
from attunement.text import readable

_TIME = r"(?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3}"
TIMING = re.compile(rf"^\s*{_TIME}[ \t]*-->[ \t]*{_TIME}(?:[ \t].*)?$")
_VOICE = re.compile(r"<v(?:\.[^\s>]+)*[ \t]+(?P<name>[^>]+)>")
_FORMAT_TAG = re.compile(r"</?(?:[bciuv]|lang|ruby|rt|font)\b[^>]*>|<(?:\d+:)?\d{2}:\d{2}\.\d{3}>")
_DIALOGUE_DASH = re.compile(r"^\s*[-–—]\s*")


@dataclass(frozen=True)
class Block:
    """Consecutive non-blank lines; ``start`` is the line number of the first."""

    start: int
    lines: tuple[str, ...]


def split_blocks(source: Source) -> list[Block]:
    """The file's blank-line separated blocks, in order."""
    blocks: list[Block] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(source.lines, start=1):
        if line.strip():
            if not current:
                start = number
            current.append(line)
        elif current:
            blocks.append(Block(start, tuple(current)))
            current = []
    if current:
        blocks.append(Block(start, tuple(current)))
    return blocks


def cue_messages(
    source: Source, block: Block, timing: int, *, expected: str, entities: bool
) -> list[Message]:
    """The messages of one cue whose timing line is ``block.lines[timing]``.

    ``expected`` describes the speaker labels the format allows (for E005); ``entities``
    says whether HTML character references such as ``&amp;`` are to be decoded (WebVTT).
    """
    first = block.start + timing + 1
    payload = block.lines[timing + 1 :]
    if not payload:
        return []
    if any(_VOICE.search(line) for line in payload):
        return _voiced(source, payload, first, expected, entities)
    messages: list[Message] = []
    for offset, raw in enumerate(payload):
        line = _clean(raw, entities)
        label = split_label(_DIALOGUE_DASH.sub("", line))
        if label is not None:
            messages.append(Message(speaker=label[0], text=label[1], source_line=first + offset))
        elif messages:
            continue_message(messages, line)
        else:
            raise source.error(
                first + offset, f"the cue text {raw.strip()!r} has no speaker label.", expected
            )
    return messages


def _voiced(
    source: Source, payload: tuple[str, ...], first: int, expected: str, entities: bool
) -> list[Message]:
    """Messages from ``<v Name>`` spans; text outside any voice span is E005."""
    text = "\n".join(payload)
    tags = list(_VOICE.finditer(text))
    if text[: tags[0].start()].strip():
        raise source.error(first, f"the cue text {payload[0].strip()!r} has no speaker label.", expected)
    messages = []
    for tag, following in zip(tags, [*tags[1:], None], strict=True):
        span = text[tag.end() : following.start() if following else len(text)]
        line = first + text.count("\n", 0, tag.start())
        if not readable(tag["name"]):
            raise source.error(line, f"the voice tag {tag[0]!r} names no speaker.", expected)
        messages.append(
            Message(speaker=tag["name"].strip(), text=_clean(span, entities).strip(), source_line=line)
        )
    return messages


def _clean(text: str, entities: bool) -> str:
    """Remove styling tags (``<i>``, ``<c.red>``, ``</v>``, karaoke times) and decode entities."""
    text = _FORMAT_TAG.sub("", text)
    return html.unescape(text) if entities else text
