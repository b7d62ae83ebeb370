"""ConvoKit corpus directories: ``utterances.jsonl`` with one utterance per line.

Utterances are grouped by ``conversation_id`` (``root`` in older corpora) into one conversation
each, in order of first appearance, and ordered within it by timestamp, then file order.
ConvoKit timestamps are usually Unix seconds; they become UTC datetimes.
"""

from __future__ import annotations

from pathlib import Path

from attunement.conversation import Conversation
from attunement.readers.records import json_lines, keys_of, resolve_columns, to_conversations
from attunement.readers.source import UTTERANCES, PathLike, Source, load_source

_EXPECTED = "one ConvoKit utterance object per line"


def utterances_file(path: PathLike) -> Path:
    """The utterances file of a corpus directory (or the file itself)."""
    path = Path(path)
    return path / UTTERANCES if path.is_dir() else path


def read_corpus(path: PathLike, *, merge: bool = True) -> list[Conversation]:
    """Read the corpus at ``path`` (its directory, or its utterances.jsonl)."""
    return parse(load_source(utterances_file(path)), merge=merge)


def parse(source: Source, *, merge: bool = True) -> list[Conversation]:
    """One conversation per conversation id; ``metadata["source"]`` is the corpus directory."""
    rows = list(json_lines(source, _EXPECTED))
    columns = resolve_columns(source, keys_of(rows), conversation_aliases=("root",))
    if columns.conversation is None:
        raise source.error(rows[0][0], "the utterance has no 'conversation_id'.", _EXPECTED)
    for _, row in rows:
        speaker = row.get(columns.speaker)
        if isinstance(speaker, dict):  # some exports nest the speaker object
            row[columns.speaker] = speaker.get("id", speaker.get("name"))
    conversations = to_conversations(
        source, "convokit", rows, columns, merge=merge, by_time=True, origin=str(source.path.parent)
    )
    assert isinstance(conversations, list)
    return conversations
