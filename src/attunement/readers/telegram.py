"""Telegram Desktop JSON exports (``result.json``): one chat, or a full export with many.

Text may be a plain string or a list of parts (strings and ``{"type": "bold", "text": ...}``
entities), which are joined. Service messages (joins, pins, calls) are skipped and counted;
media without a caption is counted as media and skipped.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Mapping
from typing import Any

from attunement.conversation import Conversation, Message
from attunement.readers.build import Draft, build_many, build_one, parse_timestamp
from attunement.readers.records import scalar_text
from attunement.readers.source import Source, loads

_EXPECTED = "a Telegram Desktop export (result.json) with a 'messages' list or a 'chats' list"
_MEDIA_KEYS = frozenset(
    {
        "photo",
        "file",
        "media_type",
        "sticker_emoji",
        "poll",
        "location_information",
        "contact_information",
        "contact_vcard",
        "place_name",
        "game_title",
    }
)


class _Locator:
    """Finds the line of each message object, scanning forward through the pretty-printed JSON.

    ``json`` does not report positions, so messages are found by their ``"id": N, "type"`` pair;
    a message that cannot be found gets no line rather than a wrong one.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self._pos = 0

    def line_of(self, message_id: object) -> int | None:
        """1-based line of the message with ``message_id`` after the previous one, if found."""
        if not isinstance(message_id, int) or isinstance(message_id, bool):
            return None
        found = re.compile(rf'"id":\s*{message_id}\s*,\s*"type"').search(self._text, self._pos)
        if found is None:
            return None
        self._pos = found.end()
        return bisect.bisect_right(self._starts, found.start())


def parse(source: Source, *, merge: bool = True) -> Conversation | list[Conversation]:
    """A single-chat export gives a Conversation; a full export gives one per chat."""
    data = load_json(source)
    locator = _Locator(source.text)
    if isinstance(data, dict) and isinstance(data.get("chats"), Mapping):
        chats = data["chats"].get("list")
        if not isinstance(chats, list):
            raise source.error(1, "'chats' has no 'list' of chats.", _EXPECTED)
        drafts = [_chat(chat, index, source, locator) for index, chat in enumerate(chats)]
        return build_many(drafts, source, "telegram", merge=merge)
    if isinstance(data, dict) and isinstance(data.get("messages"), list):
        return build_one(_chat(data, 0, source, locator), source, "telegram", merge=merge)
    raise source.error(1, "this JSON has neither a 'messages' list nor a 'chats' list.", _EXPECTED)


def load_json(source: Source) -> Any:
    """The parsed JSON document; a syntax error is E005 at its line."""
    try:
        return loads(source.text)
    except json.JSONDecodeError as exc:
        raise source.error(
            exc.lineno, f"this is not valid JSON ({exc.msg}, column {exc.colno}).", _EXPECTED
        ) from None


def _chat(chat: object, index: int, source: Source, locator: _Locator) -> Draft:
    """One chat's messages as a draft."""
    if not isinstance(chat, Mapping) or not isinstance(chat.get("messages"), list):
        raise source.error("?", f"chat {index + 1} has no 'messages' list.", _EXPECTED)
    name = chat.get("name")
    chat_id = chat.get("id")
    draft = Draft(
        id=str(chat_id if chat_id is not None else name or source.path.stem),
        extra={"chat_name": name, "chat_type": chat.get("type")},
    )
    for item in chat["messages"]:
        line = locator.line_of(item.get("id")) if isinstance(item, Mapping) else None
        where: int | str = line if line is not None else "?"
        if not isinstance(item, Mapping):
            raise source.error(where, f"a message of chat {name!r} is not a JSON object.", _EXPECTED)
        if item.get("type") == "service":
            draft.skipped_system += 1
            continue
        text = _text(item.get("text", ""), source, where)
        if not text.strip() and _MEDIA_KEYS.intersection(item):
            draft.skipped_media += 1
            continue
        key = "from" if item.get("from") else "from_id"
        if not item.get(key):
            raise source.error(
                where, f"message {item.get('id')!r} has no sender.", "a 'from' or 'from_id' field"
            )
        speaker = scalar_text(source, item[key], key, where, required=True)
        when = parse_timestamp(item.get("date"), source, where, "date")
        draft.messages.append(Message(speaker=speaker, text=text, timestamp=when, source_line=line))
    return draft


def _text(value: object, source: Source, where: int | str) -> str:
    """Join Telegram's text, which is a string or a list of strings and entity objects."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        parts = []
        for part in value:
            if isinstance(part, str):
                parts.append(part)
            elif isinstance(part, Mapping) and isinstance(part.get("text"), str):
                parts.append(part["text"])
            else:
                raise source.error(
                    where, f"a text part {part!r} has no text.", "strings or objects with 'text'"
                )
        return "".join(parts)
    raise source.error(
        where, f"the text {value!r} is neither a string nor a list.", "a string or a list of parts"
    )
