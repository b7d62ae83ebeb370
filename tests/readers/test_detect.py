"""Format detection from content: every fixture, extension tie-breaks, prose and unknown files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from attunement.errors import AttunementError
from attunement.readers import FORMATS, detect

from .helpers import CONVERSATIONS, read_error, write


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("whatsapp_android_dmy_24h.txt", "whatsapp"),
        ("whatsapp_android_mdy_12h.txt", "whatsapp"),
        ("whatsapp_ios.txt", "whatsapp"),
        ("telegram_chat.json", "telegram"),
        ("telegram_export.json", "telegram"),
        ("transcript.txt", "transcript"),
        ("support_call.vtt", "vtt"),
        ("last_night.srt", "srt"),
        ("messages.csv", "csv"),
        ("threads.csv", "csv"),
        ("messages.jsonl", "jsonl"),
        ("convokit_corpus", "convokit"),
        ("convokit_corpus/utterances.jsonl", "convokit"),
    ],
)
def test_each_fixture_is_detected(name: str, expected: str):
    assert detect(CONVERSATIONS / name) == expected


def test_formats_lists_every_reader():
    assert FORMATS == ("whatsapp", "telegram", "transcript", "vtt", "srt", "csv", "jsonl", "convokit")


def test_content_wins_over_a_misleading_extension(tmp_path: Path):
    whatsapp = (CONVERSATIONS / "whatsapp_ios.txt").read_text(encoding="utf-8")
    assert detect(write(tmp_path, "chat.csv", whatsapp)) == "whatsapp"
    assert detect(write(tmp_path, "notes.json", "Ana: hola\nBen: hi\n")) == "transcript"


def test_extension_breaks_a_tie(tmp_path: Path):
    line = json.dumps({"speaker": "Ana", "text": "hola", "messages": []}) + "\n"
    assert detect(write(tmp_path, "one.jsonl", line)) == "jsonl"
    assert detect(write(tmp_path, "one.json", line)) == "telegram"


def test_csv_with_unusual_columns_needs_the_column_names(tmp_path: Path):
    path = CONVERSATIONS / "messages_custom.csv"
    with pytest.raises(AttunementError) as caught:
        detect(path)
    assert caught.value.code == "E004"
    assert detect(path, speaker_column="who", text_column="said") == "csv"


@pytest.mark.parametrize(
    "content",
    [
        "It was a bright cold day in April, and the clocks were striking thirteen.\n"
        "Winston Smith, his chin nuzzled into his breast, slipped quickly through the doors.\n"
        "The hallway smelt of boiled cabbage and old rag mats.\n",
        "Dear diary: today was long.\nI didn't talk to anyone.\nTomorrow will be better.\nGoodnight.\n",
        "Installation: run the installer and follow every step on the screen until it finishes\n"
        "Then open the app. It should work. If it does not, check the log file for details.\n"
        "See https://example.org: the docs\n",
        "1,2,3\n4,5,6\n",
        '{\n "name": "just a config",\n "values": [1, 2]\n}\n',
    ],
)
def test_prose_and_other_text_is_not_recognised(tmp_path: Path, content: str):
    path = write(tmp_path, "notes.txt", content)
    error = read_error(path)
    assert error.code == "E004"
    assert "whatsapp, telegram, transcript, vtt, srt, csv, jsonl, convokit" in str(error)


def test_directory_without_a_corpus_is_e012_not_an_unknown_format(tmp_path: Path):
    error = read_error(tmp_path)
    assert error.code == "E012" and "utterances.jsonl" in str(error)


def test_broken_telegram_json_is_still_telegram(tmp_path: Path):
    path = write(tmp_path, "result.json", '{\n "name": "Ana",\n "messages": [\n  {"id": 1,\n ]\n}\n')
    assert detect(path) == "telegram"
    assert read_error(path).code == "E005"


def test_srt_is_detected_before_anything_else(tmp_path: Path):
    assert detect(write(tmp_path, "x.txt", "1\n00:00:01,000 --> 00:00:02,000\nAna: hi\n")) == "srt"
