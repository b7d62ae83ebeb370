"""WebVTT: voice tags, Name: labels, entities, NOTE blocks, and cues without a speaker."""

from __future__ import annotations

from pathlib import Path

from .helpers import CONVERSATIONS, read_coded, read_error, texts, write


def test_voice_tags_give_speakers_and_lines():
    conversation, codes = read_coded(CONVERSATIONS / "support_call.vtt")
    assert conversation.speakers == ("Dana", "Chris")
    assert [t.speaker for t in conversation] == ["Dana", "Chris", "Dana", "Chris", "Dana"]
    # styling tags removed, &amp; decoded, the cue's two lines kept
    assert conversation[2].text == "It's my mum. The hospital rang this morning\nand Tom & I just froze."
    # one cue with two voices gives two messages, each on its own line
    assert (conversation[3].text, conversation[4].text) == ("Okay. Breathe with me for a second.", "okay")
    assert [t.messages[0].source_line for t in conversation] == [9, 13, 17, 21, 22]
    assert all(t.timestamp is None for t in conversation)
    assert conversation.metadata["format"] == "vtt"
    assert codes == []


def test_name_labels_in_cue_text(tmp_path: Path):
    content = (
        "WEBVTT\n\n00:01.000 --> 00:03.000\nKai: I failed the exam\nagain\n\n"
        "00:03.500 --> 00:05.000\nRin: oh no... want to talk about it?\n"
    )
    conversation, _ = read_coded(write(tmp_path, "call.vtt", content))
    assert [(t.speaker, t.text) for t in conversation] == [
        ("Kai", "I failed the exam\nagain"),
        ("Rin", "oh no... want to talk about it?"),
    ]


def test_cue_without_speaker_is_e005_naming_the_line(tmp_path: Path):
    content = (
        "WEBVTT\n\n1\n00:01.000 --> 00:03.000\n<v Kai>hello</v>\n\n2\n00:03.500 --> 00:05.000\nhi there\n"
    )
    path = write(tmp_path, "call.vtt", content)
    error = read_error(path)
    assert error.code == "E005"
    assert f"{path}:9: the cue text 'hi there' has no speaker label." in str(error)
    assert "Expected a speaker label" in str(error)


def test_missing_header_when_format_is_forced_is_e005(tmp_path: Path):
    path = write(tmp_path, "call.vtt", "00:01.000 --> 00:03.000\nKai: hi\n")
    error = read_error(path, format="vtt")
    assert error.code == "E005" and f"{path}:1:" in str(error) and "WEBVTT" in str(error)


def test_block_that_is_not_a_cue_is_e005(tmp_path: Path):
    path = write(tmp_path, "call.vtt", "WEBVTT\n\nKai: hi\nRin: hello\n")
    error = read_error(path)
    assert error.code == "E005" and f"{path}:3:" in str(error) and "timing line" in str(error)


def test_note_and_style_blocks_are_not_cues(tmp_path: Path):
    content = "WEBVTT\n\nSTYLE\n::cue { color: red }\n\nNOTE a note\n\n00:01.000 --> 00:02.000\nKai: hi\n"
    conversation, codes = read_coded(write(tmp_path, "call.vtt", content))
    assert texts(conversation) == ["hi"]
    assert codes == ["W002"]


def test_an_empty_voice_tag_is_e005_not_a_nameless_speaker(tmp_path: Path):
    content = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ana>hello\n\n"
    content += "00:00:03.000 --> 00:00:04.000\n<v  >hi there\n"
    error = read_error(write(tmp_path, "call.vtt", content))
    assert error.code == "E005" and "call.vtt:7:" in str(error) and "names no speaker" in str(error)
