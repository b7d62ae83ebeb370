"""Hard inputs: missing, empty, binary and non-UTF-8 files, unknown formats, one speaker,
emoji-only, very long and non-English messages, and malformed lines."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from attunement.conversation import Conversation
from attunement.readers import read

from .helpers import read_coded, read_error, texts, write


def test_missing_file_is_e001(tmp_path: Path):
    error = read_error(tmp_path / "nope.txt")
    assert error.code == "E001" and "nope.txt" in str(error)


@pytest.mark.parametrize("content", [b"", b"   \n\t\n", codecs.BOM_UTF8 + b"\n\n"])
def test_empty_file_is_e002(tmp_path: Path, content: bytes):
    path = write(tmp_path, "chat.txt", content)
    error = read_error(path)
    assert error.code == "E002"
    assert str(error) == f"[E002] {path}: the file is empty; there is no conversation to read."


def test_binary_file_is_e003(tmp_path: Path):
    path = write(tmp_path, "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
    assert read_error(path).code == "E003"


def test_binary_file_is_e003_even_with_a_forced_format(tmp_path: Path):
    path = write(tmp_path, "chat.txt", b"Ana: hi\x00\x00\x01")
    assert read_error(path, format="transcript").code == "E003"


def test_invalid_utf8_is_e007_with_the_byte_offset(tmp_path: Path):
    path = write(tmp_path, "chat.txt", b"Ana: hola\nBen: caf\xe9 con leche\n")
    error = read_error(path)
    assert error.code == "E007"
    assert "(byte 18)" in str(error)


def test_invalid_utf8_offset_counts_the_bom(tmp_path: Path):
    path = write(tmp_path, "chat.txt", codecs.BOM_UTF8 + b"Ana: \xff")
    assert "(byte 8)" in str(read_error(path))


def test_utf8_bom_is_stripped(tmp_path: Path):
    path = write(tmp_path, "chat.txt", codecs.BOM_UTF8 + b"Ana: hola\nBen: hi\n")
    conversation, _ = read_coded(path)
    assert conversation.speakers == ("Ana", "Ben")


def test_utf16_with_a_bom_is_text_not_binary(tmp_path: Path):
    path = write(tmp_path, "chat.txt", "\ufeffAna: hola\r\nBen: hi\r\n".encode("utf-16-le"))
    conversation, _ = read_coded(path)
    assert texts(conversation) == ["hola", "hi"]


def test_unknown_format_name_is_e006(tmp_path: Path):
    error = read_error(write(tmp_path, "chat.txt", "Ana: hola\nBen: hi\n"), format="discord")
    assert error.code == "E006"
    assert "unknown format 'discord'" in str(error)


def test_unrecognised_content_is_e004(tmp_path: Path):
    error = read_error(write(tmp_path, "data.txt", "42\n"))
    assert error.code == "E004"


def test_single_speaker_warns_w002_and_returns(tmp_path: Path):
    conversation, codes = read_coded(write(tmp_path, "monologue.txt", "Ana: hello?\nAna: anyone?\n"))
    assert isinstance(conversation, Conversation)
    assert conversation.speakers == ("Ana",)
    assert codes == ["W002"]


def test_emoji_only_messages_are_kept_verbatim(tmp_path: Path):
    path = write(tmp_path, "chat.txt", "31/12/2023, 21:05 - Ana: 😂😂😂\n31/12/2023, 21:06 - Ben: ❤️\n")
    conversation, _ = read_coded(path)
    assert texts(conversation) == ["😂😂😂", "❤️"]


def test_very_long_messages_are_kept_whole(tmp_path: Path):
    long_text = "I need to tell you everything. " * 500  # 15,500 characters
    path = write(
        tmp_path,
        "chat.jsonl",
        f'{{"speaker": "Ana", "text": "{long_text}"}}\n{{"speaker": "Ben", "text": "ok"}}\n',
    )
    conversation, _ = read_coded(path)
    assert len(conversation[0].text) == len(long_text) > 10_000
    assert conversation[0].text == long_text


@pytest.mark.parametrize(
    "text",
    [
        "¿Por qué no me llamaste? Me preocupé muchísimo.",
        "Es tut mir leid. Ich hätte früher anrufen müssen – wirklich.",
        "大丈夫だよ。いつでも話を聞くからね。",
        "أنا آسف، لم أقصد أن أجرحك.",
    ],
)
def test_non_english_text_is_read_verbatim(tmp_path: Path, text: str):
    for name, content in [
        ("chat.txt", f"31/12/2023, 21:05 - Ana: {text}\n31/12/2023, 21:06 - Ben: ok\n"),
        ("talk.txt", f"Ana: {text}\nBen: ok\n"),
        ("rows.csv", f'speaker,text\nAna,"{text}"\nBen,ok\n'),
    ]:
        conversation = read(write(tmp_path, name, content))
        assert isinstance(conversation, Conversation)
        assert conversation[0].text == text, name


def test_malformed_jsonl_line_names_file_and_line(tmp_path: Path):
    path = write(tmp_path, "chat.jsonl", '{"speaker": "Ana", "text": "hola"}\nnot json at all\n')
    error = read_error(path)
    assert error.code == "E005"
    assert f"{path}:2:" in str(error)


def test_option_for_another_format_is_a_type_error(tmp_path: Path):
    path = write(tmp_path, "talk.txt", "Ana: hola\nBen: hi\n")
    with pytest.raises(TypeError, match="date_order: not an option for transcript files"):
        read(path, date_order="dmy")


def test_utf16_without_a_byte_order_mark_is_read_not_called_binary_regression(tmp_path: Path):
    text = "Ann: I got the job!!\nBo: that's huge 🎉\n"
    for encoding in ("utf-16-le", "utf-16-be"):
        path = write(tmp_path, f"chat-{encoding}.txt", text.encode(encoding))
        conversation = read(path)
        assert [t.text for t in conversation] == ["I got the job!!", "that's huge 🎉"]


def test_binary_that_only_looks_like_utf16_is_still_e003(tmp_path: Path):
    path = write(tmp_path, "blob.bin", bytes([1, 0, 2, 0, 3, 0, 4, 0] * 8))
    assert read_error(path).code == "E003"


_DEEP = "[" * 100_000 + "]" * 100_000
_HUGE = "9" * 5_000


@pytest.mark.parametrize("value", [_DEEP, _HUGE], ids=["deep", "huge-int"])
@pytest.mark.parametrize("format", [None, "jsonl", "convokit"])
def test_hostile_json_line_is_e005_not_a_recursion_or_value_error(tmp_path: Path, value: str, format):
    content = '{"speaker": "Ana", "text": "hi", "conversation_id": "c", "reply_to": null}\n'
    content += f'{{"speaker": "Ben", "text": {value}, "conversation_id": "c", "reply_to": null}}\n'
    error = read_error(write(tmp_path, "utterances.jsonl", content), format=format)
    assert error.code == "E005" and "utterances.jsonl:2:" in str(error)


@pytest.mark.parametrize("value", [_DEEP, _HUGE], ids=["deep", "huge-int"])
@pytest.mark.parametrize("format", [None, "telegram"])
def test_hostile_telegram_json_is_e005_not_a_recursion_or_value_error(tmp_path: Path, value: str, format):
    content = f'{{"messages": [{{"id": 1, "type": "message", "from": "A", "text": "hi", "n": {value}}}]}}'
    error = read_error(write(tmp_path, "result.json", content), format=format)
    assert error.code == "E005" and "result.json:1:" in str(error)


def test_a_csv_field_too_long_for_the_csv_module_is_e005_not_a_traceback(tmp_path: Path):
    path = write(tmp_path, "chat.csv", "speaker,text\n" + "Ana," + "x" * 200_000 + "\n")
    assert read_error(path).code == "E005"


def test_a_pipe_such_as_dev_stdin_or_process_substitution_is_read_not_e001():
    read_end, write_end = os.pipe()
    os.write(write_end, b"Ana: hi\nBen: hello\n")
    os.close(write_end)
    try:
        conversation, _ = read_coded(Path(f"/dev/fd/{read_end}"))
    finally:
        os.close(read_end)
    assert conversation.speakers == ("Ana", "Ben")


@pytest.mark.parametrize("path", [None, 123, b"chat.txt"])
def test_read_of_a_wrong_type_is_e051_not_a_type_error(path: object):
    error = read_error(path)  # type: ignore[arg-type]
    assert error.code == "E051" and "file path" in str(error)


def test_read_of_an_empty_path_is_e032_not_the_current_folder():
    error = read_error("")  # type: ignore[arg-type]
    assert error.code == "E032" and "path" in str(error)
