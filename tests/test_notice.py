"""notice: the cues of texts and the tone shifts of turns, from the shipped model."""

from __future__ import annotations

import pytest

import attunement
from attunement.conversation import Conversation, Message
from attunement.datasets import GOEMOTIONS_LABELS
from attunement.errors import AttunementError
from attunement.notice import EKMAN, SENTIMENT, notes_for, shift_direction


def test_cues_has_every_label_and_vad_on_emobank_scale():
    c = attunement.cues("I can't believe you forgot my birthday again.")
    assert list(c.emotions) == list(GOEMOTIONS_LABELS)
    assert all(0.0 <= p <= 1.0 for p in c.emotions.values())
    assert c.predicted and set(c.predicted) <= set(GOEMOTIONS_LABELS)
    assert all(1.0 <= v <= 5.0 for v in (c.valence, c.arousal, c.dominance))
    assert c.intensity == c.arousal
    assert set(c.ekman) == set(EKMAN) and set(c.sentiment) == set(SENTIMENT)


def test_clear_emotions_are_read():
    thanks, sad, angry = attunement.cues_many(
        [
            "Thank you so much, this means a lot to me!",
            "My dog died this morning and I can't stop crying.",
            "This is absolutely infuriating, I am so angry at them.",
        ]
    )
    assert "gratitude" in thanks.predicted
    assert {"sadness", "grief"} & set(sad.predicted)
    assert {"anger", "annoyance"} & set(angry.predicted)
    assert thanks.valence > sad.valence + 0.3
    assert sad.sentiment["negative"] > sad.sentiment["positive"]


def test_same_text_same_cues_alone_or_in_a_batch_of_1000():
    probe = "Honestly I'm not sure how I feel about the move."
    filler = [f"message number {i} about {'work ' * (i % 7)}and life" for i in range(999)]
    batch = attunement.cues_many(filler[:500] + [probe] + filler[500:])
    assert batch[500] == attunement.cues(probe)  # every probability, label and VAD value identical


def test_empty_text_is_a_clear_error():
    with pytest.raises(AttunementError) as info:
        attunement.cues_many(["fine", "   "])
    assert info.value.code == "E030" and "Text 2 (counting from 1)" in str(info.value)


def test_emoji_only_text_gets_cues_and_a_note():
    c = attunement.cues("😂😂😂")
    assert "no_words" in c.notes
    assert c.predicted


def test_very_long_text_is_read_and_flagged_truncated():
    c = attunement.cues("I am so tired of this. " * 600)  # about 14,000 characters
    assert "truncated" in c.notes and c.text.startswith("I am so tired")


def test_non_english_text_is_read_and_flagged():
    c = attunement.cues("Estoy muy cansada de todo esto, nadie me escucha nunca")
    assert "maybe_not_english" in c.notes
    assert "maybe_not_english" not in attunement.cues("Nobody ever listens to me here").notes


def test_other_scripts_and_other_latin_languages_are_flagged_regression():
    for text in (
        "我没有得到这份工作，我很难过",
        "لم أحصل على الوظيفة",
        "Привет, как дела?",
        "no me dieron el trabajo, estoy muy triste",
    ):
        assert "maybe_not_english" in notes_for(text, 10, 128), text
    for text in (
        "I had tacos con mi abuela",
        "the café was très bien honestly",
        "I love you ❤️",
        "I said no, no and no",
    ):
        assert "maybe_not_english" not in notes_for(text, 10, 128), text


def test_notes_rules():
    assert notes_for("hi", 3, 128) == ()
    assert notes_for("Great game last night", 4, 128) == ()  # too short to judge the language
    assert notes_for("Das ist wirklich sehr schlimm für mich heute", 9, 128) == ("maybe_not_english",)
    assert notes_for("!!!", 3, 128) == ("no_words",)
    assert notes_for("x " * 200, 201, 128)[0] == "truncated"


def test_to_dict_is_json_ready():
    import json

    data = attunement.cues("so proud of you").to_dict()
    assert set(data) >= {"emotions", "predicted", "valence", "arousal", "dominance"}
    json.dumps(data)


def _conversation(texts: list[tuple[str, str]]) -> Conversation:
    return Conversation.from_messages([Message(s, t) for s, t in texts], merge=False)


def test_tone_shift_flags_a_speaker_turning_hostile():
    conv = _conversation(
        [
            ("A", "Had a lovely walk in the park today."),
            ("B", "Sounds nice."),
            ("A", "The weather was great and I felt calm."),
            ("B", "Good."),
            ("A", "WHY DO YOU NEVER LISTEN TO ME?! I am SO angry right now!!!"),
        ]
    )
    found = attunement.notice(conv)
    assert found[0].tone_shift is None and found[1].tone_shift is None  # first turns: no baseline
    last = found[4].tone_shift
    assert last is not None and last.baseline_turns == 2
    assert last.shifted and last.valence < 0
    assert found[2].tone_shift is not None and not found[2].tone_shift.shifted


def test_notice_keeps_empty_turns_without_cues():
    conv = _conversation([("A", "hello"), ("B", ""), ("A", "are you there?")])
    found = attunement.notice(conv)
    assert [f.index for f in found] == [0, 1, 2]
    assert found[1].cues is None and found[2].cues is not None


@pytest.mark.parametrize("value", [5, b"hi", ["a", "b"], None])
def test_regression_a_text_that_is_not_a_str_was_called_empty(value):
    with pytest.raises(AttunementError) as info:
        attunement.cues(value)
    assert info.value.code == "E033" and type(value).__name__ in str(info.value)


def test_regression_one_string_to_cues_many_was_read_letter_by_letter():
    for batch in (attunement.cues_many, attunement.needs_many):
        with pytest.raises(AttunementError) as info:
            batch("hello")
        assert info.value.code == "E034"


def test_regression_a_cut_emoji_crashed_the_tokenizer():
    assert attunement.cues("sad \ud83d") == attunement.cues("sad \ufffd")


@pytest.mark.parametrize("value", [None, "chat.txt"])
def test_notice_of_a_path_or_none_is_e051_pointing_at_read(value: object):
    with pytest.raises(AttunementError) as caught:
        attunement.notice(value)  # type: ignore[arg-type]
    assert caught.value.code == "E051" and "attunement.read" in str(caught.value)


def test_an_attack_is_never_a_lighter_tone_shift_regression():
    conv = _conversation(
        [
            ("A", "Hey, are you still coming to dinner at my parents' tonight?"),
            ("B", "Ugh I completely forgot. Can we just skip it?"),
            ("A", "You ALWAYS do this. They've been planning this for weeks!!"),
        ]
    )
    shift = attunement.notice(conv)[2].tone_shift
    assert shift is not None and shift.shifted and shift.direction != "lighter"


def test_shift_direction_follows_valence_and_the_reading():
    cues = attunement.cues_many(
        ["Thanks, I feel a lot better now!", "they all laughed at me when I came over"]
    )
    assert shift_direction(-0.5, 0.0, cues[0]) == "darker"
    assert shift_direction(0.5, 0.0, cues[0]) == "lighter"
    assert shift_direction(0.5, 0.0, cues[1], "comfort") is None  # reads hard: no "lighter"
    assert shift_direction(0.5, 0.4, cues[1], "repair") == "more intense"
    assert shift_direction(0.0, -0.4, cues[0]) == "calmer"


def test_shift_direction_reads_the_same_with_signals_already_run():
    from attunement import signals

    hard = attunement.cues_many(["You ALWAYS do this. They've been planning this for weeks!!"])[0]
    read = signals.read(hard.text)
    for dv, da in ((0.5, 0.4), (0.5, 0.0), (-0.5, 0.0)):
        assert shift_direction(dv, da, hard, None, read) == shift_direction(dv, da, hard)
