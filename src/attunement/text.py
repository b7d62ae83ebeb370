"""What the models are given to read: one ``str`` per text, in valid Unicode.

Chat exports cut off mid-emoji leave half of a UTF-16 surrogate pair (``"\\ud83d"``) in JSON
files. Such a character cannot be tokenised, printed or written as UTF-8, so it becomes the
replacement character (U+FFFD) where text comes in; every other character is kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from attunement.errors import AttunementError

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
#: Zero-width and bidi marks: invisible, so never part of a name and never words on their own.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
_EDGES = re.compile(f"^[\\s{INVISIBLE}]+|[\\s{INVISIBLE}]+$")


def clean(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD (the text itself otherwise); a pair
    of surrogates still split in two code points is joined into its character first."""
    if not _LONE_SURROGATE.search(text):
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def visible(text: str) -> str:
    """``text`` without the white space and invisible marks (:data:`INVISIBLE`) at either end."""
    return _EDGES.sub("", text)


def readable(text: object) -> bool:
    """Whether ``text`` is a ``str`` with something other than white space and invisible marks."""
    return isinstance(text, str) and bool(visible(text))


def one_text(text: object, what: str) -> str:
    """A single text, cleaned: E033 when it is not a ``str``, E032 when it has nothing to read."""
    if not isinstance(text, str):
        raise AttunementError("E033", what=what, kind=type(text).__name__)
    if not readable(text):
        raise AttunementError("E032", what=what)
    return clean(text)


def many_texts(texts: Iterable[object], what: str = "texts") -> list[str]:
    """A batch of texts, cleaned: E034 for one bare string, E030 (numbered from 1) for a bad item."""
    if isinstance(texts, (str, bytes)):
        raise AttunementError("E034", what=what)
    out = []
    for i, text in enumerate(texts):
        if not readable(text):
            raise AttunementError("E030", index=i + 1)
        out.append(clean(str(text)))
    return out
