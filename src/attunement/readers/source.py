"""Load a conversation file as text, refusing what is not text, with a coded error for each case.

Every reader starts from a :class:`Source`: the decoded text (BOM stripped, newlines made
``\\n``) and its lines, so that each reader can name ``file:line`` in its errors.
"""

from __future__ import annotations

import codecs
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from attunement.errors import AttunementError

UTTERANCES = "utterances.jsonl"  # the file that makes a folder a ConvoKit corpus

FORMATS: tuple[str, ...] = ("whatsapp", "telegram", "transcript", "vtt", "srt", "csv", "jsonl", "convokit")

_NEWLINE = re.compile(r"\r\n|\r")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_LONG_NUMBER = re.compile(r"\d{1000,}")

PathLike = str | os.PathLike[str]


@dataclass(frozen=True)
class Source:
    """The decoded text of one file and its lines (``lines[0]`` is line 1)."""

    path: Path
    text: str
    lines: tuple[str, ...]

    def error(self, line: int | str, problem: str, expected: str) -> AttunementError:
        """An E005 naming ``path:line``, what was wrong (a sentence) and what was expected."""
        return AttunementError("E005", path=str(self.path), line=line, problem=problem, expected=expected)

    def sample(self, limit: int = 50) -> list[str]:
        """The first ``limit`` non-blank lines, for format detection."""
        found: list[str] = []
        for line in self.lines:
            if line.strip():
                found.append(line)
                if len(found) == limit:
                    break
        return found


def formats_list() -> str:
    """The known format names, for error messages."""
    return ", ".join(FORMATS)


def load_source(path: PathLike) -> Source:
    """Read ``path`` as UTF-8 text (E001 missing, E002 empty, E003 binary, E007 not UTF-8)."""
    file = Path(path)
    if file.is_dir():
        raise AttunementError("E012", path=str(file), utterances=UTTERANCES)
    try:  # not only regular files: /dev/stdin and process substitution (<(...)) are pipes
        raw = file.read_bytes()
    except OSError:
        raise AttunementError("E001", path=str(file)) from None
    return source_of(raw, file)


def source_of(raw: bytes, path: Path) -> Source:
    """The source that the bytes ``raw`` make, named ``path`` in errors (see :func:`load_source`)."""
    text = decode(raw, path)
    if not text.strip():
        raise AttunementError("E002", path=str(path))
    text = _NEWLINE.sub("\n", text)
    return Source(path=path, text=text, lines=tuple(text.split("\n")))


def loads(text: str) -> Any:
    """``json.loads``, where nesting too deep to parse and numbers too long to convert are
    syntax errors (``JSONDecodeError``) like any other, never a RecursionError or ValueError."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise
    except RecursionError:
        raise json.JSONDecodeError("the values are nested too deeply to read", text, 0) from None
    except ValueError:  # Python's limit on the digits of an int
        found = _LONG_NUMBER.search(text)
        at = found.start() if found else 0
        raise json.JSONDecodeError("a number is too long to read", text, at) from None


def _utf16_without_bom(raw: bytes) -> str | None:
    """UTF-16 text saved without a byte-order mark: NUL in every other byte, all on one side, and
    the result is text (no NULs or other control characters but line breaks and tabs)."""
    if len(raw) < 4 or len(raw) % 2:
        return None
    even, odd = raw[0::2], raw[1::2]
    for encoding, zeros in (("utf-16-le", odd), ("utf-16-be", even)):
        if zeros.count(0) >= 0.9 * len(zeros):
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError:
                return None
            if not any(ch < " " and ch not in "\n\r\t" for ch in text):
                return text
    return None


def decode(raw: bytes, path: Path) -> str:
    """Decode UTF-8, or UTF-16 (with a byte-order mark, or plainly recognisable without one),
    dropping the BOM; other bytes with NULs are a binary file (E003)."""
    if not raw.strip():
        raise AttunementError("E002", path=str(path))
    if raw.startswith(_UTF16_BOMS):  # explicit marker, e.g. Windows "Unicode text": not a guess
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise AttunementError("E007", path=str(path), offset=exc.start) from None
    if b"\x00" in raw:
        text = _utf16_without_bom(raw)
        if text is None:
            raise AttunementError("E003", path=str(path))
        return text
    skip = len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0
    try:
        return raw[skip:].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise AttunementError("E007", path=str(path), offset=exc.start + skip) from None
