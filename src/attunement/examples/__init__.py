"""Conversations written for the project, in several formats, for the README and the tests."""

from __future__ import annotations

from pathlib import Path

EXAMPLES_DIR = Path(__file__).resolve().parent


def example_paths() -> list[Path]:
    """Every bundled example conversation file."""
    return sorted(p for p in EXAMPLES_DIR.iterdir() if p.suffix in {".txt", ".jsonl", ".csv"})


def example_path(name: str) -> Path:
    """One bundled example by file name, e.g. ``partners_repair.txt``."""
    return EXAMPLES_DIR / name


def example_texts() -> list[str]:
    """The text of every turn of every bundled example."""
    from attunement.readers import read

    texts: list[str] = []
    for path in example_paths():
        found = read(path)
        for conversation in found if isinstance(found, list) else [found]:
            texts.extend(t.text for t in conversation.turns)
    return texts
