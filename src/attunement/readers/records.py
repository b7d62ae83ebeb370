"""What CSV, JSONL and ConvoKit share: one record per message, columns named by the caller.

Column names are matched exactly, then ignoring case and surrounding spaces; when a default
name (``speaker``, ``text``) is missing, common aliases are tried. With a conversation-id
column the file holds many conversations, returned in order of first appearance.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

from attunement.conversation import Conversation, Message
from attunement.errors import AttunementError
from attunement.readers.build import Draft, build_many, build_one, parse_timestamp
from attunement.readers.source import Source, loads
from attunement.text import readable

SPEAKER_ALIASES: tuple[str, ...] = ("author", "user", "from", "name")
TEXT_ALIASES: tuple[str, ...] = ("message", "content", "utterance", "body")
DEFAULT_SPEAKER = "speaker"
DEFAULT_TEXT = "text"
DEFAULT_TIMESTAMP = "timestamp"
DEFAULT_CONVERSATION = "conversation_id"
_ALIASES: dict[str, tuple[str, ...]] = {DEFAULT_SPEAKER: SPEAKER_ALIASES, DEFAULT_TEXT: TEXT_ALIASES}


@dataclass(frozen=True)
class Columns:
    """The names of the columns that were found (optional ones may be None)."""

    speaker: str
    text: str
    timestamp: str | None
    conversation: str | None


def find_column(available: Sequence[str], wanted: str, aliases: Sequence[str] | None = None) -> str | None:
    """The column in ``available`` that is ``wanted`` (exactly, then ignoring case), else an alias.

    Without explicit ``aliases``, the default speaker and text names fall back on their aliases.
    """
    if wanted in available:
        return wanted
    if aliases is None:
        aliases = _ALIASES.get(wanted, ())
    folded = {name.strip().casefold(): name for name in reversed(available)}
    for candidate in (wanted, *aliases):
        if candidate.strip().casefold() in folded:
            return folded[candidate.strip().casefold()]
    return None


def resolve_columns(
    source: Source,
    available: Sequence[str],
    *,
    speaker_column: str = DEFAULT_SPEAKER,
    text_column: str = DEFAULT_TEXT,
    timestamp_column: str = DEFAULT_TIMESTAMP,
    conversation_column: str = DEFAULT_CONVERSATION,
    conversation_aliases: Sequence[str] = (),
) -> Columns:
    """Find the columns; a missing speaker or text column is E009 listing what is there, and so
    is a timestamp or conversation column that was named (not left at its default)."""
    speaker = find_column(available, speaker_column)
    text = find_column(available, text_column)
    timestamp = find_column(available, timestamp_column, ())
    conversation = find_column(available, conversation_column, conversation_aliases)
    for wanted, found, required in (
        (speaker_column, speaker, True),
        (text_column, text, True),
        (timestamp_column, timestamp, timestamp_column != DEFAULT_TIMESTAMP),
        (conversation_column, conversation, conversation_column != DEFAULT_CONVERSATION),
    ):
        if found is None and required:
            raise AttunementError("E009", path=str(source.path), column=wanted, columns=list(available))
    assert speaker is not None and text is not None
    return Columns(speaker=speaker, text=text, timestamp=timestamp, conversation=conversation)


def json_lines(
    source: Source, expected: str = "one JSON object per line"
) -> Iterator[tuple[int, dict[str, object]]]:
    """``(line number, object)`` for each non-blank line; a line that is not an object is E005."""
    for number, line in enumerate(source.lines, start=1):
        if not line.strip():
            continue
        try:
            value = loads(line)
        except json.JSONDecodeError as exc:
            raise source.error(
                number, f"this line is not valid JSON ({exc.msg}, column {exc.colno}).", expected
            ) from None
        if not isinstance(value, dict):
            raise source.error(
                number, f"this line holds a JSON {type(value).__name__}, not an object.", expected
            )
        yield number, value


def keys_of(rows: Iterable[tuple[int, Mapping[str, object]]]) -> list[str]:
    """Every key used by any record, in order of first use: an optional column that only later
    records have is still a column (and then required in every record, like the others)."""
    return list(dict.fromkeys(key for _, row in rows for key in row))


def to_conversations(
    source: Source,
    fmt: str,
    rows: Iterable[tuple[int, Mapping[str, object]]],
    columns: Columns,
    *,
    merge: bool,
    by_time: bool = False,
    origin: str | None = None,
) -> Conversation | list[Conversation]:
    """One conversation, or one per conversation id when there is an id column.

    ``by_time`` orders each conversation's messages by timestamp (file order breaks ties) when
    every message has one; otherwise file order is kept.
    """
    drafts: dict[str, Draft] = {}
    for line, row in rows:
        key = source.path.stem
        if columns.conversation is not None:
            key = _scalar(source, row, columns.conversation, line, required=True)
        draft = drafts.setdefault(key, Draft(id=key))
        draft.messages.append(_message(source, row, columns, line))
    if by_time:
        for draft in drafts.values():
            draft.messages = _by_time(draft.messages)
    if columns.conversation is None:
        single = drafts.get(source.path.stem, Draft(id=source.path.stem))
        return build_one(single, source, fmt, merge=merge, origin=origin)
    for draft in drafts.values():
        draft.extra["conversation_id"] = draft.id
    return build_many(list(drafts.values()), source, fmt, merge=merge, origin=origin)


def _message(source: Source, row: Mapping[str, object], columns: Columns, line: int) -> Message:
    """One message from one record; a missing speaker is E005, a missing text is empty."""
    speaker = _scalar(source, row, columns.speaker, line, required=True)
    text = _scalar(source, row, columns.text, line, required=False)
    when = parse_timestamp(row.get(columns.timestamp), source, line) if columns.timestamp else None
    return Message(speaker=speaker.strip(), text=text, timestamp=when, source_line=line)


def _scalar(source: Source, row: Mapping[str, object], column: str, line: int, *, required: bool) -> str:
    """The value in ``column`` as text (see :func:`scalar_text`); a missing column is E005."""
    if column not in row:
        raise source.error(line, f"this record has no {column!r}.", f"every record to have {column!r}")
    return scalar_text(source, row[column], column, line, required=required)


def scalar_text(source: Source, value: object, column: str, line: int | str, *, required: bool) -> str:
    """``value`` as text; lists and objects are E005, and so is an empty required one."""
    if isinstance(value, (dict, list)):
        raise source.error(line, f"{column!r} holds a JSON {type(value).__name__}.", "a string or a number")
    text = "" if value is None else str(value)
    if required and not readable(text):
        raise source.error(line, f"{column!r} is empty.", f"a value in {column!r}")
    return text


def _by_time(messages: list[Message]) -> list[Message]:
    """Messages sorted by timestamp (stable), if every one has a timestamp."""
    if any(m.timestamp is None for m in messages):
        return messages
    return sorted(messages, key=lambda m: _seconds(m.timestamp))


def _seconds(when: datetime | None) -> float:
    """A sort key that compares naive (taken as UTC) and aware datetimes."""
    assert when is not None
    return (when if when.tzinfo else when.replace(tzinfo=timezone.utc)).timestamp()
