"""ConvoKit corpora: grouping by conversation id, ordering by timestamp, file or directory."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from .helpers import CONVERSATIONS, read_coded, read_error, texts, write

CORPUS = CONVERSATIONS / "convokit_corpus"


def test_corpus_directory_gives_conversations_ordered_by_time():
    conversations, codes = read_coded(CORPUS)
    assert [c.id for c in conversations] == ["u1", "v1"]
    loss = conversations[0]
    assert [t.speaker for t in loss] == ["mira", "devon", "mira"]  # u2 is later in the file, earlier in time
    assert texts(loss) == [
        "My dog passed away this morning.",
        "I'm so sorry, Mira. That's a huge loss.",
        "Thank you. She was 14.",
    ]
    assert [t.messages[0].source_line for t in loss] == [1, 3, 2]
    assert loss[0].timestamp == datetime.fromtimestamp(1700000000, tz=timezone.utc)
    assert loss.metadata["source"] == str(CORPUS)
    assert loss.metadata["format"] == "convokit"
    assert codes == []


def test_utterances_file_itself_is_recognised():
    conversations, _ = read_coded(CORPUS / "utterances.jsonl")
    assert conversations[0].metadata["format"] == "convokit"
    assert [c.id for c in conversations] == ["u1", "v1"]


def test_without_timestamps_file_order_is_kept(tmp_path: Path):
    rows = [
        {
            "id": "b",
            "speaker": "x",
            "conversation_id": "a",
            "reply_to": "a",
            "timestamp": None,
            "text": "second",
        },
        {
            "id": "a",
            "speaker": "y",
            "conversation_id": "a",
            "reply_to": None,
            "timestamp": 5,
            "text": "first",
        },
    ]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write(corpus, "utterances.jsonl", "".join(json.dumps(r) + "\n" for r in rows))
    conversations, _ = read_coded(corpus)
    assert texts(conversations[0]) == ["second", "first"]


def test_directory_without_utterances_is_e001_when_forced(tmp_path: Path):
    error = read_error(tmp_path, format="convokit")
    assert error.code == "E001" and "utterances.jsonl" in str(error)
