"""Shared test helpers: the fixture directory, reading with warning codes, writing temp files."""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Any

import pytest

from attunement.conversation import Conversation
from attunement.errors import AttunementError, AttunementWarning
from attunement.readers import read

CONVERSATIONS = Path(__file__).resolve().parents[1] / "fixtures" / "conversations"


def read_coded(path: Path, *args: Any, **kwargs: Any) -> tuple[Any, list[str]]:
    """``read`` that also returns the codes of the AttunementWarnings it emitted, in order."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = read(path, *args, **kwargs)
    codes = []
    for w in caught:
        found = re.match(r"\[(\w+)\]", str(w.message))
        if issubclass(w.category, AttunementWarning) and found:
            codes.append(found[1])
    return result, codes


def read_error(path: Path, *args: Any, **kwargs: Any) -> AttunementError:
    """The AttunementError that ``read`` raises (warnings silenced)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(AttunementError) as caught:
            read(path, *args, **kwargs)
    return caught.value


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    """Write ``content`` (text as UTF-8) to ``tmp_path/name`` and return the path."""
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def texts(conversation: Conversation) -> list[str]:
    """Every message text, in order, across turns."""
    return [m.text for turn in conversation for m in turn.messages]


def line_of(path: Path, needle: str) -> int:
    """The 1-based number of the first line of ``path`` that contains ``needle``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")
