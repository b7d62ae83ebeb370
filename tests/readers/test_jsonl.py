"""JSONL: one object per line, timestamps, malformed lines, conversation ids."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from .helpers import CONVERSATIONS, read_coded, read_error, texts, write


def test_jsonl_reads_arabic_and_both_timestamp_kinds():
    conversation, codes = read_coded(CONVERSATIONS / "messages.jsonl")
    assert conversation.speakers == ("Layla", "Karim")
    assert conversation[0].text == "مرحبا، كيف حالك اليوم؟"
    assert conversation[0].timestamp == datetime(2024, 3, 10, 20, 0, tzinfo=timezone.utc)
    assert conversation[3].text == "😔"
    assert conversation[3].timestamp == datetime.fromtimestamp(1710101000, tz=timezone.utc)
    assert [t.messages[0].source_line for t in conversation] == [1, 2, 3, 4]
    assert codes == []


def test_malformed_line_is_e005_with_path_and_line(tmp_path: Path):
    content = '{"speaker": "Ana", "text": "hola"}\n{"speaker": "Ben", "text": "hi"}\n'
    content += '{"speaker": "Ana", text: oops}\n'
    path = write(tmp_path, "chat.jsonl", content)
    error = read_error(path)
    assert error.code == "E005"
    assert str(error).startswith(f"[E005] {path}:3: this line is not valid JSON")
    assert "Expected one JSON object per line." in str(error)


def test_line_that_is_not_an_object_is_e005(tmp_path: Path):
    path = write(tmp_path, "chat.jsonl", '{"speaker": "Ana", "text": "hola"}\n\n["Ben", "hi"]\n')
    error = read_error(path)
    assert error.code == "E005" and f"{path}:3: this line holds a JSON list" in str(error)


def test_record_missing_a_key_is_e005(tmp_path: Path):
    path = write(tmp_path, "chat.jsonl", '{"speaker": "Ana", "text": "hola"}\n{"speaker": "Ben"}\n')
    error = read_error(path)
    assert error.code == "E005" and f"{path}:2: this record has no 'text'." in str(error)


def test_null_text_is_an_empty_message_and_numbers_become_names(tmp_path: Path):
    path = write(tmp_path, "chat.jsonl", '{"speaker": 17, "text": null}\n{"speaker": "Ben", "text": "hi"}\n')
    conversation, _ = read_coded(path)
    assert [(t.speaker, t.text) for t in conversation] == [("17", ""), ("Ben", "hi")]


def test_custom_columns_and_conversation_ids(tmp_path: Path):
    content = (
        '{"thread": "a", "who": "Ana", "said": "hola"}\n{"thread": "b", "who": "Cy", "said": "yo"}\n'
        '{"thread": "a", "who": "Ben", "said": "hi"}\n'
    )
    conversations, codes = read_coded(
        write(tmp_path, "chat.jsonl", content),
        speaker_column="who",
        text_column="said",
        conversation_column="thread",
    )
    assert [(c.id, texts(c)) for c in conversations] == [("a", ["hola", "hi"]), ("b", ["yo"])]
    assert codes == ["W006"]  # conversation b has one speaker


def test_a_conversation_id_only_in_later_records_is_not_ignored(tmp_path: Path):
    content = '{"speaker":"Ana","text":"hi"}\n{"speaker":"Ben","text":"yo","conversation_id":"x"}\n'
    error = read_error(write(tmp_path, "chat.jsonl", content))
    assert error.code == "E005" and "chat.jsonl:1:" in str(error) and "conversation_id" in str(error)


def test_a_conversation_id_missing_from_later_records_is_an_error(tmp_path: Path):
    content = '{"speaker":"Ana","text":"hi","conversation_id":"a"}\n{"speaker":"Ben","text":"yo"}\n'
    error = read_error(write(tmp_path, "chat.jsonl", content))
    assert error.code == "E005" and "chat.jsonl:2:" in str(error) and "conversation_id" in str(error)


def test_a_bad_timestamp_only_in_later_records_is_checked(tmp_path: Path):
    content = '{"speaker":"Ana","text":"hi"}\n{"speaker":"Ben","text":"yo","timestamp":"garbage"}\n'
    error = read_error(write(tmp_path, "chat.jsonl", content))
    assert error.code == "E005" and "chat.jsonl:2:" in str(error) and "garbage" in str(error)


def test_a_timestamp_only_in_later_records_is_read(tmp_path: Path):
    content = (
        '{"speaker":"Ana","text":"hi"}\n{"speaker":"Ben","text":"yo","timestamp":"2024-01-02T03:04:05"}\n'
    )
    conversation, _ = read_coded(write(tmp_path, "chat.jsonl", content))
    assert conversation[0].timestamp is None and conversation[1].timestamp == datetime(2024, 1, 2, 3, 4, 5)


def test_a_named_timestamp_column_missing_from_every_record_is_e009(tmp_path: Path):
    content = '{"speaker":"Ana","text":"hi"}\n{"speaker":"Ben","text":"yo"}\n'
    error = read_error(write(tmp_path, "chat.jsonl", content), timestamp_column="when")
    assert error.code == "E009" and "'when'" in str(error)
