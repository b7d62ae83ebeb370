"""CSV tables: default, custom and alias column names, conversation ids, malformed rows."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from attunement.conversation import Conversation

from .helpers import CONVERSATIONS, read_coded, read_error, texts, write


def test_default_columns_quoted_multiline_and_empty_text():
    conversation, codes = read_coded(CONVERSATIONS / "messages.csv", merge=False)
    assert isinstance(conversation, Conversation)
    assert conversation.id == "messages"
    assert [t.speaker for t in conversation] == ["Riley", "Sasha", "Riley", "Sasha", "Sasha", "Riley"]
    assert conversation[3].text == ""  # an empty text cell is an empty message, not an error
    assert conversation[5].text == "Same. Line one\nline two, with a comma"
    assert [t.messages[0].source_line for t in conversation] == [2, 3, 4, 5, 6, 7]
    assert conversation[0].timestamp == datetime(2024, 5, 2, 17, 30)
    assert conversation.metadata["format"] == "csv"
    assert codes == []


def test_custom_column_names_and_semicolons():
    conversation, _ = read_coded(
        CONVERSATIONS / "messages_custom.csv",
        speaker_column="who",
        text_column="said",
        timestamp_column="when",
    )
    assert conversation.speakers == ("Jonas", "Marie")
    assert conversation[0].text == "Ich hab's vermasselt. Die Prüfung war furchtbar."
    assert conversation[3].timestamp == datetime(2024, 7, 1, 16, 5)


def test_conversation_id_column_gives_a_list_in_first_appearance_order():
    conversations, codes = read_coded(CONVERSATIONS / "threads.csv")
    assert isinstance(conversations, list)
    assert [c.id for c in conversations] == ["c2", "c1"]
    assert conversations[0].speakers == ("Ben", "Cleo")
    assert texts(conversations[1]) == [
        "I'm so nervous for tomorrow",
        "you'll be great. you've got this 💪",
        "thank you, really",
    ]
    assert conversations[1].metadata["conversation_id"] == "c1"
    assert codes == []


@pytest.mark.parametrize(("speaker", "text"), [("author", "message"), ("User", "Content"), ("from", "body")])
def test_alias_column_names(tmp_path: Path, speaker: str, text: str):
    path = write(tmp_path, "t.csv", f"{speaker},{text}\nAna,hola\nBen,hi\n")
    conversation, _ = read_coded(path)
    assert texts(conversation) == ["hola", "hi"]


def test_missing_column_is_e009_listing_the_columns(tmp_path: Path):
    path = write(tmp_path, "t.csv", "speaker,words\nAna,hola\n")
    error = read_error(path, format="csv")
    assert error.code == "E009"
    assert "column 'text' is missing; the columns are ['speaker', 'words']" in str(error)


def test_explicit_column_name_gets_no_alias(tmp_path: Path):
    path = write(tmp_path, "t.csv", "speaker,message\nAna,hola\n")
    error = read_error(path, format="csv", text_column="said")
    assert error.code == "E009" and "'said'" in str(error)


def test_row_with_wrong_number_of_fields_is_e005(tmp_path: Path):
    path = write(tmp_path, "t.csv", "speaker,text\nAna,hola\nBen,hi,there\n")
    error = read_error(path)
    assert error.code == "E005"
    assert f"{path}:3: this row has 3 fields but the header has 2." in str(error)


def test_unreadable_timestamp_is_e005(tmp_path: Path):
    path = write(tmp_path, "t.csv", "speaker,text,timestamp\nAna,hola,2024-01-01\nBen,hi,yesterday\n")
    error = read_error(path)
    assert error.code == "E005" and f"{path}:3:" in str(error) and "'yesterday'" in str(error)


def test_empty_speaker_is_e005(tmp_path: Path):
    error = read_error(write(tmp_path, "t.csv", "speaker,text\nAna,hola\n,hi\n"))
    assert error.code == "E005" and ":3: 'speaker' is empty." in str(error)


def test_an_unterminated_quote_is_e005_at_its_row_not_the_rest_of_the_file_in_one_field(tmp_path: Path):
    path = write(tmp_path, "chat.csv", 'speaker,text\nAna,hi\nBen,"unterminated\nAna,hi\nBen,yo\n')
    error = read_error(path)
    assert error.code == "E005" and "chat.csv:3:" in str(error) and "never closed" in str(error)


@pytest.mark.parametrize("option", ["timestamp_column", "conversation_column"])
def test_a_named_timestamp_or_conversation_column_that_is_missing_is_e009(tmp_path: Path, option: str):
    path = write(tmp_path, "chat.csv", "speaker,text\nAna,hi\nBen,yo\n")
    error = read_error(path, **{option: "when"})
    assert error.code == "E009" and "'when'" in str(error) and "['speaker', 'text']" in str(error)


def test_a_speaker_name_with_bidi_marks_is_the_same_speaker(tmp_path: Path):
    path = write(tmp_path, "chat.csv", "speaker,text\nAna,hi\n\u202aAna\u202c,again\nBen,yo\n")
    conversation, _ = read_coded(path)
    assert conversation.speakers == ("Ana", "Ben")


def test_a_speaker_of_only_invisible_marks_is_e005_like_an_empty_one(tmp_path: Path):
    error = read_error(write(tmp_path, "chat.csv", "speaker,text\n\u200b,hi\n"))
    assert error.code == "E005" and "chat.csv:2:" in str(error)
