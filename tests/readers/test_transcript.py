"""Plain transcripts: speaker labels, offsets, continuation lines, non-Latin names and colons."""

from __future__ import annotations

from pathlib import Path

from attunement.conversation import Conversation

from .helpers import CONVERSATIONS, read_coded, read_error, texts, write


def test_transcript_with_offsets_and_continuations():
    path = CONVERSATIONS / "transcript.txt"
    conversation, codes = read_coded(path)
    assert isinstance(conversation, Conversation)
    assert conversation.speakers == ("Therapist", "Jamie", "Alex")
    assert [t.speaker for t in conversation] == ["Therapist", "Jamie", "Alex", "Jamie", "Therapist", "Alex"]
    assert conversation[3].text == "See, that. That's what I mean.\nI feel like I'm always the problem."
    # the blank line is ignored; Alex's two lines are two messages of one turn
    assert [m.text for m in conversation[5].messages] == ["Yeah. That's fair.", "本当にごめんね。"]
    assert [m.source_line for m in conversation[5].messages] == [8, 9]
    assert all(t.timestamp is None for t in conversation)  # offsets are not dates
    assert conversation.metadata["format"] == "transcript"
    assert codes == []


def test_labels_without_offsets_and_with_full_width_colons(tmp_path: Path):
    content = "花子：今日は本当に疲れた…\n太郎: 大丈夫？話を聞くよ。\n(00:12) 花子: ありがとう\n"
    conversation, _ = read_coded(write(tmp_path, "talk.txt", content))
    assert conversation.speakers == ("花子", "太郎")
    assert texts(conversation) == ["今日は本当に疲れた…", "大丈夫？話を聞くよ。", "ありがとう"]


def test_lines_before_the_first_speaker_are_dropped_with_w003(tmp_path: Path):
    content = "Recorded on Monday\nAna: I'm scared about the results\nBen: whatever happens, I'm here\n"
    conversation, codes = read_coded(write(tmp_path, "talk.txt", content), format="transcript")
    assert texts(conversation) == ["I'm scared about the results", "whatever happens, I'm here"]
    assert codes == ["W003"]


def test_no_speaker_line_at_all_is_e008(tmp_path: Path):
    error = read_error(write(tmp_path, "talk.txt", "just some words\nand more words\n"), format="transcript")
    assert error.code == "E008"


def test_a_zero_width_space_after_a_name_does_not_make_a_third_speaker(tmp_path: Path):
    path = write(tmp_path, "chat.txt", "Ana: hi I feel sad\nBen: oh no\nAna\u200b: yes really sad\n")
    conversation, _ = read_coded(path)
    assert conversation.speakers == ("Ana", "Ben")


def test_a_right_to_left_mark_on_every_line_does_not_break_detection(tmp_path: Path):
    path = write(tmp_path, "chat.txt", "\u200fדנה: אני עצובה\n\u200fיוסי: מה קרה?\n")
    conversation, _ = read_coded(path)
    assert conversation.metadata["format"] == "transcript" and conversation.speakers == ("דנה", "יוסי")


def test_a_message_of_only_invisible_marks_is_empty(tmp_path: Path):
    conversation, _ = read_coded(write(tmp_path, "chat.txt", "Ana: \u200b\u200d\nBen: hi\n"))
    assert texts(conversation) == ["", "hi"]
