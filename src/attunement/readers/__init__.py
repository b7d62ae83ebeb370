"""Read real chat exports into :class:`~attunement.conversation.Conversation` objects.

``read(path)`` recognises the format from the file's content (see :mod:`.detect`) or takes
``format=`` explicitly. Formats: WhatsApp and Telegram exports, plain transcripts, WebVTT and
SRT subtitles, CSV and JSONL tables, and ConvoKit corpus directories. A file that holds many
conversations (a Telegram full export, a ConvoKit corpus, a table with a conversation-id
column) gives a list. Every problem is an :class:`~attunement.errors.AttunementError` with a code.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from attunement.conversation import Conversation
from attunement.errors import AttunementError, require
from attunement.readers import convokit, csvfile, jsonl, srt, telegram, transcript, vtt, whatsapp
from attunement.readers.detect import detect, detect_source
from attunement.readers.source import FORMATS, PathLike, Source, formats_list, load_source

__all__ = ["FORMATS", "detect", "read", "read_source"]

Parser = Callable[..., "Conversation | list[Conversation]"]

_PARSERS: dict[str, Parser] = {
    "whatsapp": whatsapp.parse,
    "telegram": telegram.parse,
    "transcript": transcript.parse,
    "vtt": vtt.parse,
    "srt": srt.parse,
    "csv": csvfile.parse,
    "jsonl": jsonl.parse,
    "convokit": convokit.parse,
}


def read(
    path: PathLike, format: str | None = None, *, merge: bool = True, **options: Any
) -> Conversation | list[Conversation]:
    """Read the conversation(s) at ``path``; ``format`` is detected from the content when None.

    ``merge`` joins consecutive messages of one speaker into one turn. ``options`` go to the
    format's reader: ``speaker_column``, ``text_column``, ``timestamp_column``,
    ``conversation_column`` (csv, jsonl), ``delimiter`` (csv), ``date_order`` (whatsapp:
    "dmy" or "mdy"). An option the format does not take is a TypeError.
    """
    require(path, (str, os.PathLike), "path", "a file path (a str or a pathlib.Path)")
    if not str(path).strip():
        raise AttunementError("E032", what="path")
    if format is not None and format not in FORMATS:
        raise AttunementError("E006", path=str(path), format=format, formats=formats_list())
    where = Path(path)
    if format == "convokit" or (format is None and where.is_dir()):
        format = format or detect(where)
        where = convokit.utterances_file(where)
    return read_source(load_source(where), format, merge=merge, **options)


def read_source(
    source: Source, format: str | None = None, *, merge: bool = True, **options: Any
) -> Conversation | list[Conversation]:
    """Read already loaded text, e.g. standard input (see :func:`read`)."""
    if format is None:
        hints = {key: options[key] for key in ("speaker_column", "text_column") if key in options}
        format = detect_source(source, **hints)
    parser = _PARSERS[format]
    _check_options(format, parser, options)
    return parser(source, merge=merge, **options)


class OptionError(TypeError):
    """Options that the reader of a format does not take (``unknown``), and those it does."""

    def __init__(self, format: str, unknown: list[str], allowed: list[str]) -> None:
        self.format, self.unknown, self.allowed = format, unknown, allowed
        super().__init__(self.said())

    def said(self, names: Mapping[str, str] | None = None) -> str:
        """The message, with each option called by ``names`` (e.g. its command-line flag); an
        allowed option that ``names`` lacks is left out."""
        names = names or {name: name for name in self.allowed + self.unknown}
        allowed = [names[name] for name in self.allowed if name in names]
        takes = ", ".join(allowed) if allowed else "no options"
        unknown = ", ".join(names.get(name, name) for name in self.unknown)
        return f"{unknown}: not an option for {self.format} files (they take {takes})"


def _check_options(format: str, parser: Parser, options: dict[str, Any]) -> None:
    """Refuse options that the reader of ``format`` does not take, saying which it does."""
    allowed = [name for name in inspect.signature(parser).parameters if name not in ("source", "merge")]
    unknown = sorted(set(options) - set(allowed))
    if unknown:
        raise OptionError(format, unknown, allowed)
