"""The data model: a conversation is an ordered, immutable sequence of turns.

A *message* is what a platform stored (one WhatsApp line, one Telegram message). A *turn*
is what a person said before the other person spoke: consecutive messages of one speaker
merge into one turn by default, and the messages it came from are kept. Messages more than
``MERGE_GAP`` (30 minutes) apart stay separate turns even from one speaker: a message sent
hours later ("I PASSED!!!" after "Yes please") is a new moment, not the same thought.
Later stages never mutate these objects; they return findings keyed by turn index.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from attunement.errors import AttunementError, require
from attunement.text import clean, readable, visible

if TYPE_CHECKING:
    import pandas as pd


MERGE_GAP = timedelta(minutes=30)  # the longest pause within one turn, when both times are known


def turn_number(index: int) -> int:
    """Turns are indexed from 0 in data (JSON, pandas) and numbered from 1 for people (text, HTML)."""
    return index + 1


@dataclass(frozen=True)
class Message:
    """One stored message: who, what, when (if known), and where it came from."""

    speaker: str
    text: str
    timestamp: datetime | None = None
    source_line: int | None = None

    def __post_init__(self) -> None:
        _clean_fields(self)


@dataclass(frozen=True)
class Turn:
    """What one speaker said before someone else spoke."""

    index: int
    speaker: str
    text: str
    timestamp: datetime | None = None
    messages: tuple[Message, ...] = ()
    metadata: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _clean_fields(self)


@dataclass(frozen=True)
class Conversation:
    """An ordered, immutable sequence of turns between speakers."""

    turns: tuple[Turn, ...]
    id: str = "conversation"
    metadata: Mapping[str, Any] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.turns)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.turns)

    def __getitem__(self, index: int) -> Turn:
        return self.turns[index]

    @property
    def speakers(self) -> tuple[str, ...]:
        """Speakers in order of first appearance."""
        return tuple(dict.fromkeys(t.speaker for t in self.turns))

    @classmethod
    def from_messages(
        cls,
        messages: Sequence[Message],
        *,
        merge: bool = True,
        merge_gap: timedelta | None = MERGE_GAP,
        id: str = "conversation",
        metadata: Mapping[str, Any] | None = None,
    ) -> Conversation:
        """Build turns from messages, merging consecutive messages of one speaker if ``merge``.

        Two messages merge only when at most ``merge_gap`` apart (``None``: any gap); a message
        without a time merges as before."""
        if not messages:
            raise AttunementError("E010")
        groups: list[list[Message]] = []
        for message in messages:
            if (
                merge
                and groups
                and groups[-1][0].speaker == message.speaker
                and _close(groups[-1][-1], message, merge_gap)
            ):
                groups[-1].append(message)
            else:
                groups.append([message])
        turns = tuple(
            Turn(
                index=i,
                speaker=group[0].speaker,
                text="\n".join(m.text for m in group),
                timestamp=group[0].timestamp,
                messages=tuple(group),
            )
            for i, group in enumerate(groups)
        )
        return cls(turns=turns, id=id, metadata=dict(metadata or {}))

    @classmethod
    def from_records(
        cls,
        records: Iterable[Mapping[str, Any]],
        *,
        merge: bool = True,
        merge_gap: timedelta | None = MERGE_GAP,
        id: str = "conversation",
        speaker: str = "speaker",
        text: str = "text",
        timestamp: str = "timestamp",
    ) -> Conversation:
        """Build a conversation from dicts with speaker, text and (optionally) timestamp keys."""
        if isinstance(records, Mapping):
            raise AttunementError(
                "E011", index="(all)", problem="expected a list of records, got one mapping."
            )
        require(records, Iterable, "records", "a list of dicts with speaker and text keys")
        messages = []
        for i, record in enumerate(records):
            if not isinstance(record, Mapping) or speaker not in record or text not in record:
                raise AttunementError("E011", index=i + 1, problem=f"needs {speaker!r} and {text!r} keys.")
            who, said = record[speaker], record[text]
            for key, value in ((speaker, who), (text, said)):
                if isinstance(value, (Mapping, list, tuple, set)):
                    kind = type(value).__name__
                    raise AttunementError("E011", index=i + 1, problem=f"{key!r} is a {kind}, not a text.")
            if _missing(who) or not readable(str(who)):
                raise AttunementError("E011", index=i + 1, problem=f"{speaker!r} is empty.")
            try:
                when = _as_datetime(record.get(timestamp))
            except ValueError as error:
                raise AttunementError("E011", index=i + 1, problem=f"{timestamp!r}: {error}.") from None
            messages.append(
                Message(speaker=str(who), text="" if _missing(said) else str(said), timestamp=when)
            )
        return cls.from_messages(messages, merge=merge, merge_gap=merge_gap, id=id)

    @classmethod
    def from_pandas(cls, frame: pd.DataFrame, **kwargs: Any) -> Conversation:
        """Build a conversation from a DataFrame with one row per message (see ``from_records``)."""
        if isinstance(frame, Mapping) or not callable(getattr(frame, "to_dict", None)):
            raise AttunementError(
                "E051", what="frame", expected="a pandas DataFrame", kind=type(frame).__name__
            )
        return cls.from_records(frame.to_dict("records"), **kwargs)

    def to_records(self) -> list[dict[str, Any]]:
        """One dict per turn: index, speaker, text, timestamp, message count."""
        return [
            {
                "index": t.index,
                "speaker": t.speaker,
                "text": t.text,
                "timestamp": t.timestamp,
                "n_messages": len(t.messages),
            }
            for t in self.turns
        ]

    def to_pandas(self) -> pd.DataFrame:
        """One row per turn (index, speaker, text, timestamp, n_messages)."""
        import pandas as pd

        return pd.DataFrame.from_records(
            self.to_records(), columns=["index", "speaker", "text", "timestamp", "n_messages"]
        )


def _clean_fields(item: Message | Turn) -> None:
    """Lone surrogates out of the speaker and the text, invisible marks off the ends of the
    speaker's name, and a text of only such marks made empty (see :mod:`attunement.text`)."""
    if isinstance(item.speaker, str):
        object.__setattr__(item, "speaker", visible(clean(item.speaker)))
    if isinstance(item.text, str):
        object.__setattr__(item, "text", clean(item.text) if readable(item.text) else "")


def _close(before: Message, after: Message, gap: timedelta | None) -> bool:
    """Whether two messages are close enough in time to be one turn (unknown times are)."""
    if gap is None or before.timestamp is None or after.timestamp is None:
        return True
    try:
        return after.timestamp - before.timestamp <= gap
    except TypeError:  # one time zone-aware, the other not: no way to tell, so merge as before
        return True


def _missing(value: Any) -> bool:
    """None, NaN, NaT or pandas' NA: what pandas and JSON use for an empty cell."""
    try:
        return value is None or bool(value != value)
    except TypeError:  # pd.NA refuses to be a bool
        return True


def _as_datetime(value: Any) -> datetime | None:
    """Accept datetimes, pandas timestamps and ISO strings; anything missing becomes None."""
    if _missing(value) or value == "":
        return None
    if isinstance(value, datetime):
        return value
    to_py = getattr(value, "to_pydatetime", None)
    if to_py is not None:
        return to_py()  # type: ignore[no-any-return]
    return datetime.fromisoformat(str(value))
