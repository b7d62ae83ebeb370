"""Turn parsed messages into conversations, with the metadata and warnings every reader shares.

Readers collect a :class:`Draft` per conversation; :func:`build_one` and :func:`build_many`
attach ``source``/``format``/skip counts, warn about skipped lines (W001) and single-speaker
conversations (W002/W006), and refuse a file with no messages at all (E008).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from attunement.conversation import Conversation, Message
from attunement.errors import AttunementError, warn
from attunement.readers.source import Source

_ISO_EXAMPLE = "an ISO 8601 timestamp such as 2023-12-31T21:05:00, or Unix seconds"


@dataclass
class Draft:
    """The messages of one conversation as a reader found them, before turns are built."""

    id: str
    messages: list[Message] = field(default_factory=list)
    skipped_system: int = 0
    skipped_media: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


def build_one(
    draft: Draft, source: Source, fmt: str, *, merge: bool, origin: str | None = None
) -> Conversation:
    """One conversation from one draft; E008 if it has no messages, W002 if only one speaker."""
    origin = origin or str(source.path)
    if not draft.messages:
        raise AttunementError("E008", path=origin, why=_why_empty(draft))
    _warn_skipped(origin, draft.skipped_system, draft.skipped_media)
    conversation = _conversation(draft, origin, fmt, merge)
    if len(conversation.speakers) == 1:
        warn("W002", path=origin, speaker=conversation.speakers[0])
    return conversation


def build_many(
    drafts: Sequence[Draft], source: Source, fmt: str, *, merge: bool, origin: str | None = None
) -> list[Conversation]:
    """One conversation per non-empty draft, in order; warnings are summed over the file."""
    origin = origin or str(source.path)
    kept = [d for d in drafts if d.messages]
    if not kept:
        raise AttunementError("E008", path=origin, why="" if not drafts else " in any conversation")
    if len(kept) < len(drafts):
        warn("W007", path=origin, count=len(drafts) - len(kept))
    _warn_skipped(origin, sum(d.skipped_system for d in drafts), sum(d.skipped_media for d in drafts))
    conversations = [_conversation(d, origin, fmt, merge) for d in kept]
    lonely = [c.id for c in conversations if len(c.speakers) == 1]
    if lonely:
        shown = ", ".join(lonely[:5]) + (", ..." if len(lonely) > 5 else "")
        warn("W006", path=origin, count=len(lonely), total=len(conversations), ids=shown)
    return conversations


def parse_timestamp(
    value: object, source: Source, line: int | str, what: str = "timestamp"
) -> datetime | None:
    """ISO 8601 text or Unix seconds as a datetime; missing is None, anything else is E005."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _from_unix(value, source, line, what)
    if isinstance(value, str):
        text = value.strip()
        try:
            return _from_unix(float(text), source, line, what)
        except ValueError:
            pass
        if text.endswith(("Z", "z")):  # Python 3.10 fromisoformat does not read the Z suffix
            text = text[:-1] + "+00:00"
        try:
            return datetime.fromisoformat(text)
        except ValueError:
            pass
    raise source.error(line, f"the {what} {value!r} is not a date and time I can read.", _ISO_EXAMPLE)


def _from_unix(seconds: float, source: Source, line: int | str, what: str) -> datetime:
    """Unix seconds as an aware UTC datetime."""
    try:
        return datetime.fromtimestamp(seconds, tz=timezone.utc)
    except (OverflowError, OSError, ValueError):
        raise source.error(line, f"the {what} {seconds!r} is out of range.", _ISO_EXAMPLE) from None


def _conversation(draft: Draft, origin: str, fmt: str, merge: bool) -> Conversation:
    """Build the immutable conversation with the shared metadata."""
    metadata = {
        "source": origin,
        "format": fmt,
        "skipped_system": draft.skipped_system,
        "skipped_media": draft.skipped_media,
        **draft.extra,
    }
    return Conversation.from_messages(draft.messages, merge=merge, id=draft.id, metadata=metadata)


def _warn_skipped(origin: str, system: int, media: int) -> None:
    """W001 when system lines or media placeholders were dropped."""
    if system or media:
        warn("W001", path=origin, count=system, media=media)


def _why_empty(draft: Draft) -> str:
    """Explain an empty draft for E008."""
    if draft.skipped_system or draft.skipped_media:
        return (
            f" (only {draft.skipped_system} system lines and {draft.skipped_media} media placeholders, "
            "which are not messages)"
        )
    return ""
