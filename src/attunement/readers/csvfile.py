"""CSV (or TSV, semicolon- or pipe-separated) files with one message per row and a header row.

Named ``csvfile`` so that it never shadows the standard library's ``csv``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

from attunement.conversation import Conversation
from attunement.readers.records import (
    DEFAULT_CONVERSATION,
    DEFAULT_SPEAKER,
    DEFAULT_TEXT,
    DEFAULT_TIMESTAMP,
    resolve_columns,
    to_conversations,
)
from attunement.readers.source import Source

if TYPE_CHECKING:
    from _csv import Reader

DELIMITERS: tuple[str, ...] = (",", "\t", ";", "|")


def sniff_delimiter(header: str) -> str:
    """The delimiter that splits the header line into the most fields (comma on a tie)."""
    counts = {d: len(_fields(header, d)) for d in DELIMITERS}
    return max(DELIMITERS, key=lambda d: counts[d])


def header_fields(line: str, delimiter: str | None = None) -> list[str]:
    """The column names in a header line (none when it is not a CSV line at all)."""
    return [name.strip() for name in _fields(line, delimiter or sniff_delimiter(line))]


def _fields(line: str, delimiter: str) -> list[str]:
    """The fields of one line; a line the csv module refuses (e.g. a huge field) has none."""
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return []


def parse(
    source: Source,
    *,
    merge: bool = True,
    speaker_column: str = DEFAULT_SPEAKER,
    text_column: str = DEFAULT_TEXT,
    timestamp_column: str = DEFAULT_TIMESTAMP,
    conversation_column: str = DEFAULT_CONVERSATION,
    delimiter: str | None = None,
) -> Conversation | list[Conversation]:
    """Read rows under the header; a row with a different number of fields than the header is E005."""
    header_line = next(i for i, line in enumerate(source.lines) if line.strip())
    delimiter = delimiter or sniff_delimiter(source.lines[header_line])
    reader = csv.reader(io.StringIO(source.text, newline=""), delimiter=delimiter, strict=True)
    rows = _rows(source, reader)
    _, header = next(rows)
    header = [name.strip() for name in header]
    columns = resolve_columns(
        source,
        header,
        speaker_column=speaker_column,
        text_column=text_column,
        timestamp_column=timestamp_column,
        conversation_column=conversation_column,
    )

    def records() -> Iterator[tuple[int, dict[str, object]]]:
        for line, row in rows:
            if len(row) != len(header):
                raise source.error(
                    line,
                    f"this row has {len(row)} fields but the header has {len(header)}.",
                    f"{len(header)} fields separated by {delimiter!r} (quote text that contains it)",
                )
            yield line, dict(zip(header, row, strict=True))

    return to_conversations(source, "csv", records(), columns, merge=merge)


def _rows(source: Source, reader: Reader) -> Iterator[tuple[int, list[str]]]:
    """``(first line of the row, fields)`` for each non-empty row; a CSV syntax error is E005."""
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if "unexpected end of data" in str(exc):  # strict mode: a quoted field ran to the end
                raise source.error(
                    start, "a quote opened in this row is never closed.", 'a closing quote (") for it'
                ) from None
            raise source.error(start, f"the CSV cannot be read ({exc}).", "well-formed CSV") from None
        if row and any(field.strip() for field in row):
            yield start, row
