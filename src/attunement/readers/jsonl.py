"""JSON Lines: one JSON object per line, one message per object (columns as for CSV)."""

from __future__ import annotations

from attunement.conversation import Conversation
from attunement.readers.records import (
    DEFAULT_CONVERSATION,
    DEFAULT_SPEAKER,
    DEFAULT_TEXT,
    DEFAULT_TIMESTAMP,
    json_lines,
    keys_of,
    resolve_columns,
    to_conversations,
)
from attunement.readers.source import Source


def parse(
    source: Source,
    *,
    merge: bool = True,
    speaker_column: str = DEFAULT_SPEAKER,
    text_column: str = DEFAULT_TEXT,
    timestamp_column: str = DEFAULT_TIMESTAMP,
    conversation_column: str = DEFAULT_CONVERSATION,
) -> Conversation | list[Conversation]:
    """Read every line; columns are found among the keys of all objects (a timestamp may be missing)."""
    rows = list(json_lines(source))
    columns = resolve_columns(
        source,
        keys_of(rows),
        speaker_column=speaker_column,
        text_column=text_column,
        timestamp_column=timestamp_column,
        conversation_column=conversation_column,
    )
    return to_conversations(source, "jsonl", rows, columns, merge=merge)
