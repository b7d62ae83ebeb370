"""Telegram Desktop JSON: single chats, full exports, text entities, service and media messages."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from attunement.conversation import Conversation

from .helpers import CONVERSATIONS, line_of, read_coded, read_error, texts, write


def _chat(messages: list[dict[str, object]], name: str = "Chat") -> dict[str, object]:
    return {"name": name, "type": "personal_chat", "id": 1, "messages": messages}


def _message(i: int, sender: str, text: object, **extra: object) -> dict[str, object]:
    return {
        "id": i,
        "type": "message",
        "date": f"2024-01-01T10:00:0{i}",
        "from": sender,
        "text": text,
        **extra,
    }


def test_single_chat_joins_entities_and_skips_service_and_media():
    path = CONVERSATIONS / "telegram_chat.json"
    conversation, codes = read_coded(path)
    assert isinstance(conversation, Conversation)
    assert conversation.id == "4815162342"
    assert conversation.speakers == ("Ana", "Luis")
    assert texts(conversation) == [
        "¿Estás bien? No contestaste 😟",
        "Sorry, I'm exhausted. Work was brutal today.",
        "I just need a quiet night",
        "Entonces te traigo sopa 🍲 sin preguntas",
        "you're the best. thank you ❤️",
    ]
    assert [t.speaker for t in conversation] == ["Ana", "Luis", "Ana", "Luis"]
    assert conversation[1].timestamp == datetime(2024, 2, 14, 19, 5, 40)
    assert conversation.metadata["skipped_system"] == 2  # missed call, pinned message
    assert conversation.metadata["skipped_media"] == 1  # photo without caption
    assert conversation.metadata["chat_name"] == "Ana"
    assert conversation.metadata["format"] == "telegram"
    assert conversation[0].messages[0].source_line == line_of(path, '"id": 102')
    assert codes == ["W001"]


def test_full_export_gives_one_conversation_per_chat():
    conversations, codes = read_coded(CONVERSATIONS / "telegram_export.json")
    assert isinstance(conversations, list)
    assert [c.metadata["chat_name"] for c in conversations] == ["Ana", "Book club 📚"]
    club = conversations[1]
    assert club.id == "777000111"
    # a deleted account has no "from": the sender falls back to from_id
    assert club.speakers == ("Hana", "Olu", "user999")
    assert club[-1].text == "Grief written like that just gets you"
    assert (club.metadata["skipped_system"], club.metadata["skipped_media"]) == (1, 1)
    assert codes == ["W001"]


def test_invalid_json_is_e005_at_the_line_of_the_error(tmp_path: Path):
    path = write(tmp_path, "result.json", '{\n "name": "x",\n "messages": [\n  {"id": 1,,}\n ]\n}\n')
    error = read_error(path, format="telegram")
    assert error.code == "E005"
    assert f"{path}:4: this is not valid JSON" in str(error)


def test_json_without_messages_is_e005(tmp_path: Path):
    error = read_error(write(tmp_path, "x.json", '{"name": "no messages here"}'), format="telegram")
    assert error.code == "E005" and "neither a 'messages' list nor a 'chats' list" in str(error)


def test_chat_with_only_service_messages_is_skipped_with_w007(tmp_path: Path):
    empty = _chat([{"id": 1, "type": "service", "action": "create_group", "text": ""}], name="Empty")
    full = _chat([_message(2, "Ana", "hola"), _message(3, "Ben", "hi")], name="Full")
    path = write(tmp_path, "result.json", json.dumps({"chats": {"list": [empty, full]}}, indent=1))
    conversations, codes = read_coded(path)
    assert [c.metadata["chat_name"] for c in conversations] == ["Full"]
    assert codes == ["W007", "W001"]


def test_sender_missing_is_e005_with_the_message_line(tmp_path: Path):
    chat = _chat([_message(1, "Ana", "hola"), {"id": 2, "type": "message", "text": "who am I"}])
    path = write(tmp_path, "result.json", json.dumps(chat, indent=1))
    error = read_error(path)
    line = line_of(path, '"id": 2')
    assert error.code == "E005"
    assert f"{path}:{line}:" in str(error)
    assert "'from' or 'from_id'" in str(error)


def test_text_part_that_is_not_text_is_e005(tmp_path: Path):
    chat = _chat([_message(1, "Ana", ["ok ", 5])])
    error = read_error(write(tmp_path, "result.json", json.dumps(chat, indent=1)))
    assert error.code == "E005" and "a text part 5 has no text" in str(error)


def test_caption_with_media_is_kept(tmp_path: Path):
    chat = _chat([_message(1, "Ana", "this is us 💕", photo="p.jpg"), _message(2, "Ben", "aww")])
    conversation, codes = read_coded(write(tmp_path, "result.json", json.dumps(chat)))
    assert texts(conversation) == ["this is us 💕", "aww"]
    assert conversation.metadata["skipped_media"] == 0
    assert codes == []


@pytest.mark.parametrize("sender", [{"x": 1}, ["a"]])
def test_a_sender_that_is_an_object_or_a_list_is_e005_not_its_repr(tmp_path: Path, sender: object):
    chat = _chat([_message(1, "Ana", "hi"), {**_message(2, "Ben", "yo"), "from": sender}])
    error = read_error(write(tmp_path, "result.json", json.dumps(chat, indent=1)))
    assert error.code == "E005" and "'from'" in str(error) and "result.json:" in str(error)
