"""WhatsApp exports: Android and iOS stamps, date order, system lines, media, multi-line messages."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from attunement.conversation import Conversation

from .helpers import CONVERSATIONS, read_coded, read_error, texts, write

NNBSP = "\u202f"
LRM = "\u200e"


def _read(path: Path, **kwargs: object) -> tuple[Conversation, list[str]]:
    conversation, codes = read_coded(path, **kwargs)
    assert isinstance(conversation, Conversation)
    return conversation, codes


def test_android_day_first_24h():
    path = CONVERSATIONS / "whatsapp_android_dmy_24h.txt"
    conversation, codes = _read(path)
    assert conversation.speakers == ("Lena", "Tom")
    assert [t.speaker for t in conversation] == ["Lena", "Tom", "Lena", "Tom", "Lena", "Tom"]
    assert conversation[0].text == "Guten Morgen ☀️ Hast du gut geschlafen?"
    assert conversation[0].timestamp == datetime(2024, 3, 12, 9, 2)
    assert conversation[3].timestamp == datetime(2024, 3, 13, 18, 41)
    # a multi-line message keeps its lines; the media line between Lena's messages is gone
    lena = conversation[2]
    assert [m.text for m in lena.messages] == [
        "Hey. You've prepared so much for this.\nRemember what you told me last week:\n"
        "you're not the gap, you're the whole story.",
        "❤️",
    ]
    assert [m.source_line for m in lena.messages] == [5, 9]
    assert "This message was deleted" not in texts(conversation)
    assert conversation[5].text == "Dinner tonight? My treat, für die Beste."
    assert dict(conversation.metadata) == {
        "source": str(path),
        "format": "whatsapp",
        "skipped_system": 2,
        "skipped_media": 1,
        "date_order": "dmy",
        "platform": "android",
    }
    assert codes == ["W001"]


def test_merge_off_keeps_every_message_as_a_turn():
    conversation, _ = _read(CONVERSATIONS / "whatsapp_android_dmy_24h.txt", merge=False)
    assert len(conversation) == 8
    assert [len(t.messages) for t in conversation] == [1] * 8
    assert conversation[2].text == "What if they ask about the gap year again"


def test_android_month_first_12h_with_narrow_no_break_space():
    conversation, codes = _read(CONVERSATIONS / "whatsapp_android_mdy_12h.txt")
    assert conversation.metadata["date_order"] == "mdy"
    assert conversation.speakers == ("Jordan", "Maya")
    assert conversation[0].timestamp == datetime(2023, 12, 31, 23, 50)
    assert conversation[3].text == "happy new year 😂😂😂"
    assert conversation[3].timestamp == datetime(2024, 1, 1, 0, 1)  # 12:01 AM is just after midnight
    assert conversation[2].text == "oh Maya 🫂 that sounds really lonely\nwant me to call?"
    # encryption notice, "created group", "added", and a subject change whose subject has a colon
    assert conversation.metadata["skipped_system"] == 4
    assert conversation.metadata["skipped_media"] == 1  # IMG-....jpg (file attached)
    assert conversation[4].text == "happy new year. I'm here, ok?"
    assert not any("changed the subject" in t for t in texts(conversation))
    assert codes == ["W001"]


def test_ios_brackets_seconds_and_left_to_right_marks():
    conversation, codes = _read(CONVERSATIONS / "whatsapp_ios.txt")
    assert conversation.metadata["platform"] == "ios"
    assert conversation.speakers == ("Sam", "Priya")
    assert conversation[0].timestamp == datetime(2023, 6, 5, 22, 14, 3)
    assert (
        conversation[2].text
        == 'that I "gave up" on music\nlike it was nothing\nlike the last six years were nothing'
    )
    assert conversation[2].timestamp == datetime(2023, 6, 5, 22, 17, 9)
    assert not any(LRM in t for t in texts(conversation))
    # encryption notice (under the chat's name), missed call, deleted message; image + attachment
    assert (conversation.metadata["skipped_system"], conversation.metadata["skipped_media"]) == (3, 2)
    assert [m.source_line for m in conversation[3].messages] == [7, 9]
    assert conversation[-1].text == "always 🤍"
    assert codes == ["W001"]


@pytest.mark.parametrize(
    ("stamp", "expected"),
    [
        ("31/12/2023, 9:05 pm", datetime(2023, 12, 31, 21, 5)),
        ("31/12/2023, 9:05 PM", datetime(2023, 12, 31, 21, 5)),
        (f"31/12/2023, 9:05{NNBSP}PM", datetime(2023, 12, 31, 21, 5)),
        ("31/12/2023, 9:05 p. m.", datetime(2023, 12, 31, 21, 5)),
        ("31/12/2023, 12:30 am", datetime(2023, 12, 31, 0, 30)),
        ("31/12/2023, 21:05", datetime(2023, 12, 31, 21, 5)),
        ("31.12.23, 21:05", datetime(2023, 12, 31, 21, 5)),
        ("31-12-2023, 21:05:09", datetime(2023, 12, 31, 21, 5, 9)),
        ("2023-12-31, 21:05", datetime(2023, 12, 31, 21, 5)),
    ],
)
def test_android_clock_and_date_styles(tmp_path: Path, stamp: str, expected: datetime):
    path = write(tmp_path, "chat.txt", f"{stamp} - Ana: hola\n{stamp} - Ben: hi\n")
    conversation, codes = _read(path)
    assert [t.timestamp for t in conversation] == [expected, expected]
    assert [t.text for t in conversation] == ["hola", "hi"]
    assert codes == []


@pytest.mark.parametrize(
    "stamp", ["[31/12/2023, 21:05:09]", "[12/31/23, 9:05:09 PM]", "[31.12.23, 21:05:09]"]
)
def test_ios_stamp_styles(tmp_path: Path, stamp: str):
    path = write(tmp_path, "chat.txt", f"{stamp} Ana: hola\n{stamp} Ben: hi\n")
    conversation, _ = _read(path)
    assert [t.timestamp for t in conversation] == [datetime(2023, 12, 31, 21, 5, 9)] * 2
    assert conversation.speakers == ("Ana", "Ben")


def test_ambiguous_date_order_assumes_day_first_and_warns(tmp_path: Path):
    path = write(tmp_path, "chat.txt", "03/04/2024, 10:00 - Ana: hi\n05/04/2024, 10:01 - Ben: hey\n")
    conversation, codes = _read(path)
    assert conversation[0].timestamp == datetime(2024, 4, 3, 10, 0)
    assert conversation.metadata["date_order"] == "dmy"
    assert codes == ["W005"]


def test_date_order_option_overrides_and_does_not_warn(tmp_path: Path):
    path = write(tmp_path, "chat.txt", "03/04/2024, 10:00 - Ana: hi\n05/04/2024, 10:01 - Ben: hey\n")
    conversation, codes = _read(path, date_order="mdy")
    assert conversation[0].timestamp == datetime(2024, 3, 4, 10, 0)
    assert codes == []


def test_contradictory_date_order_is_e005_naming_both_lines(tmp_path: Path):
    path = write(
        tmp_path,
        "chat.txt",
        "31/12/2023, 10:00 - Ana: hi\n01/01/2024, 10:01 - Ben: hey\n12/31/2023, 10:02 - Ana: ?\n",
    )
    error = read_error(path)
    assert error.code == "E005"
    assert f"{path}:3:" in str(error)
    assert "line 1" in str(error) and "one date order" in str(error)


def test_impossible_time_is_e005_with_file_and_line(tmp_path: Path):
    path = write(tmp_path, "chat.txt", "31/12/2023, 21:05 - Ana: hi\n31/12/2023, 25:61 - Ben: hey\n")
    error = read_error(path)
    assert error.code == "E005"
    assert str(error).startswith(f"[E005] {path}:2: the date/time")
    assert "Expected a WhatsApp timestamp" in str(error)


def test_continuation_lines_before_the_first_message_are_dropped_with_w003(tmp_path: Path):
    content = (
        "...chat started earlier\nstill earlier\n31/12/2023, 21:05 - Ana: hi\n31/12/2023, 21:06 - Ben: hey\n"
    )
    conversation, codes = _read(write(tmp_path, "chat.txt", content), format="whatsapp")
    assert texts(conversation) == ["hi", "hey"]
    assert codes == ["W003"]


def test_media_caption_is_kept_and_the_media_counted(tmp_path: Path):
    content = (
        "31/12/2023, 21:05 - Ana: IMG-20231231-WA0001.jpg (file attached)\nlook at us 🥹\n"
        "31/12/2023, 21:06 - Ben: <Media omitted>\n"
        "31/12/2023, 21:07 - Ben: sticker omitted\n"
        "31/12/2023, 21:08 - Ben: we look so happy\n"
    )
    conversation, codes = _read(write(tmp_path, "chat.txt", content))
    assert texts(conversation) == ["look at us 🥹", "we look so happy"]
    assert conversation.metadata["skipped_media"] == 3
    assert codes == ["W001"]


def test_system_lines_without_a_name_and_user_text_that_mentions_events(tmp_path: Path):
    content = (
        "31/12/2023, 21:00 - Ana joined using this group's invite link\n"
        "31/12/2023, 21:01 - Ben left\n"
        "31/12/2023, 21:02 - You changed this group's icon\n"
        "31/12/2023, 21:03 - Ana: I left my keys at yours 🙈\n"
        "31/12/2023, 21:04 - Ben: Ana changed the subject again: she always does\n"
        "31/12/2023, 21:05 - Ben: You deleted this message\n"
        "31/12/2023, 21:06 - Ana: see you soon <This message was edited>\n"
    )
    conversation, _ = _read(write(tmp_path, "chat.txt", content))
    assert texts(conversation) == [
        "I left my keys at yours 🙈",
        "Ana changed the subject again: she always does",
        "see you soon",
    ]
    assert conversation.metadata["skipped_system"] == 4


def test_only_system_lines_is_e008(tmp_path: Path):
    content = '31/12/2023, 21:00 - Ana created group "x"\n31/12/2023, 21:01 - Ana: <Media omitted>\n'
    error = read_error(write(tmp_path, "chat.txt", content))
    assert error.code == "E008"
    assert "1 system lines and 1 media placeholders" in str(error)


def test_single_speaker_warns_w002_and_still_returns(tmp_path: Path):
    content = "31/12/2023, 21:05 - Ana: are you there?\n31/12/2023, 23:40 - Ana: ok. goodnight I guess\n"
    conversation, codes = _read(write(tmp_path, "chat.txt", content))
    assert conversation.speakers == ("Ana",)
    # 2 h 35 min apart: more than the merge gap (MERGE_GAP), so two turns, one message each
    assert len(conversation) == 2 and [len(t.messages) for t in conversation] == [1, 1]
    assert codes == ["W002"]


@pytest.mark.parametrize("order", ["ymd", "DMY", "xyz"])
def test_date_order_typo_is_an_error_not_a_traceback(tmp_path: Path, order: str):
    path = write(tmp_path, "chat.txt", "03/04/2024, 10:00 - Ana: hi\n")
    error = read_error(path, date_order=order)
    assert error.code == "E050" and "date_order" in str(error) and "dmy, mdy" in str(error)


def test_a_line_stamped_in_another_format_warns_w008_with_its_line(tmp_path: Path):
    path = write(
        tmp_path,
        "chat.txt",
        "12/03/2024, 21:04 - Alex: hey are you ok\n"
        "12/03/2024, 21:05 - Sam: not really\n"
        "2024-03-14 19:07 Sam: another broken\n"
        "13/03/2024, 21:06 - Alex: what happened?\n",
    )
    conversation, codes = read_coded(path)
    assert "W008" in codes
    # nothing is lost: the line stays, with the message before it
    assert "2024-03-14 19:07 Sam: another broken" in conversation[1].text


def test_view_once_null_and_shared_locations_are_media_not_speech_regression(tmp_path: Path):
    content = (
        "31/12/2023, 21:05 - Ana: null\n"
        "31/12/2023, 21:06 - Ana: location: https://maps.google.com/?q=51.5,-0.12\n"
        "31/12/2023, 21:07 - Ben: is that the new place? looks cosy\n"
        "31/12/2023, 21:08 - Ana: null is my favourite word in SQL\n"
    )
    conversation, codes = _read(write(tmp_path, "chat.txt", content))
    assert texts(conversation) == ["is that the new place? looks cosy", "null is my favourite word in SQL"]
    assert conversation.metadata["skipped_media"] == 2


def test_a_poll_is_counted_with_media_not_read_as_speech_regression(tmp_path: Path):
    content = (
        "31/12/2023, 21:05 - Ana: POLL:\n"
        "where shall we eat?\n"
        "OPTION: pizza (2 votes)\n"
        "OPTION: thai (1 vote)\n"
        "31/12/2023, 21:06 - Ben: thai obviously\n"
        "31/12/2023, 21:07 - Ana: POLL: results are in, we're having pizza\n"
    )
    conversation, codes = _read(write(tmp_path, "chat.txt", content))
    assert texts(conversation) == ["thai obviously", "POLL: results are in, we're having pizza"]
    assert conversation.metadata["skipped_media"] == 1
