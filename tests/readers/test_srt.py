"""SRT: numbered cues, Name: labels, dialogue dashes, styling tags, and malformed cues."""

from __future__ import annotations

from pathlib import Path

from .helpers import CONVERSATIONS, read_coded, read_error, texts, write


def test_numbered_cues_with_name_labels():
    conversation, codes = read_coded(CONVERSATIONS / "last_night.srt")
    assert conversation.speakers == ("Nadia", "Omar")
    assert texts(conversation) == [
        "Can we talk about last night?",
        "Sure. I know I was quiet.",
        "Quiet is one word for it.\nYou didn't look at me once.",
        "I was scared I'd say the wrong thing.",
        "Saying nothing was the wrong thing.",
    ]
    assert [t.messages[0].source_line for t in conversation] == [3, 7, 11, 16, 17]
    assert conversation.metadata["format"] == "srt"
    assert codes == []


def test_cue_without_label_is_e005(tmp_path: Path):
    path = write(
        tmp_path,
        "x.srt",
        "1\n00:00:01,000 --> 00:00:02,000\nAna: hi\n\n2\n00:00:03,000 --> 00:00:04,000\n(sighs)\n",
    )
    error = read_error(path)
    assert error.code == "E005"
    assert f"{path}:7:" in str(error) and "speaker label" in str(error)


def test_block_without_timing_is_e005(tmp_path: Path):
    path = write(tmp_path, "x.srt", "1\n00:00:01,000 --> 00:00:02,000\nAna: hi\n\n2\nBen: hello\n")
    error = read_error(path)
    assert error.code == "E005"
    assert f"{path}:5: '2' does not start a cue." in str(error)
    assert "timing line" in str(error)
