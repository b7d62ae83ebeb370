"""Speaker labels (``Name: text``) as transcripts and subtitle cues write them.

A label must look like a name, not like prose that happens to contain a colon: at most 40
characters and 4 words, starting with a letter, and no URL. The full-width colon that
Japanese and Chinese transcripts use counts as well.
"""

from __future__ import annotations

import re

from attunement.conversation import Message
from attunement.text import INVISIBLE, visible

MAX_NAME_CHARS = 40
MAX_NAME_WORDS = 4

_LABEL = re.compile(r"^\s*(?P<name>[^:：]+?)\s*(?::(?:[ \t]+(?P<text>.*))?|：[ \t]*(?P<wide>.*))$")


def is_speaker_name(name: str) -> bool:
    """Whether ``name`` is short and name-like enough to be a speaker label."""
    name = visible(name)
    return (
        0 < len(name) <= MAX_NAME_CHARS
        and len(name.split()) <= MAX_NAME_WORDS
        and name[0].isalpha()
        and "//" not in name
        and not name.lower().startswith(("http", "www."))
    )


def split_label(line: str) -> tuple[str, str] | None:
    """``("Name", "text")`` if ``line`` starts with a speaker label, else None."""
    match = _LABEL.match(line.lstrip(INVISIBLE + " \t"))  # e.g. a right-to-left mark on each line
    if match is None or not is_speaker_name(match["name"]):
        return None
    text = match["text"] if match["text"] is not None else match["wide"]
    return visible(match["name"]), (text or "").strip()


def continue_message(messages: list[Message], line: str) -> None:
    """Append ``line`` (stripped) to the last message's text on a new line."""
    last = messages[-1]
    text = f"{last.text}\n{line.strip()}" if last.text else line.strip()
    messages[-1] = Message(last.speaker, text, last.timestamp, last.source_line)
