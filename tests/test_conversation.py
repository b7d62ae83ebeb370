"""The data model: turns from messages, records and DataFrames; immutability; speaker order."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest

from attunement.conversation import MERGE_GAP, Conversation, Message, Turn
from attunement.errors import AttunementError

T0 = datetime(2024, 5, 1, 20, 0)
T1 = datetime(2024, 5, 1, 20, 1)
T2 = datetime(2024, 5, 1, 20, 2)

MESSAGES = [
    Message("Ana", "I had a really hard day", T0, source_line=1),
    Message("Ana", "like, really hard", T1, source_line=2),
    Message("Ben", "oh no, what happened?", T2, source_line=3),
    Message("Ana", "😔", None, source_line=4),
]


def test_merge_joins_consecutive_messages_of_one_speaker_and_keeps_them():
    conversation = Conversation.from_messages(MESSAGES)
    assert [t.speaker for t in conversation] == ["Ana", "Ben", "Ana"]
    first = conversation[0]
    assert first.text == "I had a really hard day\nlike, really hard"
    assert first.timestamp == T0
    assert first.messages == tuple(MESSAGES[:2])
    assert [m.source_line for m in first.messages] == [1, 2]
    assert [t.index for t in conversation] == [0, 1, 2]


def test_merge_off_gives_one_turn_per_message():
    conversation = Conversation.from_messages(MESSAGES, merge=False)
    assert len(conversation) == 4
    assert [t.text for t in conversation] == [m.text for m in MESSAGES]
    assert all(len(t.messages) == 1 for t in conversation)


def test_id_metadata_len_iter_and_getitem():
    conversation = Conversation.from_messages(MESSAGES, id="evening", metadata={"source": "x.txt"})
    assert conversation.id == "evening"
    assert dict(conversation.metadata) == {"source": "x.txt"}
    assert len(conversation) == 3
    assert list(conversation) == list(conversation.turns)
    assert conversation[1].text == "oh no, what happened?"


def test_speakers_in_order_of_first_appearance():
    messages = [Message("Cleo", "hi"), Message("Ana", "hey"), Message("Cleo", "so"), Message("Ben", "yo")]
    assert Conversation.from_messages(messages).speakers == ("Cleo", "Ana", "Ben")


def test_objects_are_immutable():
    conversation = Conversation.from_messages(MESSAGES)
    with pytest.raises(dataclasses.FrozenInstanceError):
        conversation.id = "other"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        conversation[0].text = "changed"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        MESSAGES[0].speaker = "Eve"  # type: ignore[misc]
    assert isinstance(conversation.turns, tuple) and isinstance(conversation[0].messages, tuple)
    assert isinstance(conversation[0], Turn)


def test_metadata_is_copied_from_the_caller():
    metadata = {"source": "a.txt"}
    conversation = Conversation.from_messages(MESSAGES, metadata=metadata)
    metadata["source"] = "b.txt"
    assert conversation.metadata["source"] == "a.txt"


def test_from_records_with_custom_keys_and_iso_timestamps():
    records = [
        {"who": "Ana", "said": "I got the job!", "when": "2024-05-01T20:00:00"},
        {"who": "Ben", "said": None, "when": None},
        {"who": "Ben", "said": "WHAT. congrats!!", "when": ""},
    ]
    conversation = Conversation.from_records(records, speaker="who", text="said", timestamp="when")
    assert [(t.speaker, t.text) for t in conversation] == [
        ("Ana", "I got the job!"),
        ("Ben", "\nWHAT. congrats!!"),
    ]
    assert conversation[0].timestamp == T0
    assert conversation[1].timestamp is None


def test_from_records_without_the_keys_is_e011():
    with pytest.raises(AttunementError) as caught:
        Conversation.from_records([{"speaker": "Ana", "text": "hi"}, {"speaker": "Ben"}])
    assert caught.value.code == "E011"
    assert str(caught.value) == "[E011] Record 2: needs 'speaker' and 'text' keys."  # counted from 1


def test_pandas_round_trip_keeps_speakers_texts_and_timestamps():
    conversation = Conversation.from_messages(MESSAGES, merge=False)
    frame = conversation.to_pandas()
    assert list(frame.columns) == ["index", "speaker", "text", "timestamp", "n_messages"]
    assert frame["speaker"].tolist() == ["Ana", "Ana", "Ben", "Ana"]
    again = Conversation.from_pandas(frame, merge=False)
    assert [(t.speaker, t.text, t.timestamp) for t in again] == [
        (t.speaker, t.text, t.timestamp) for t in conversation
    ]
    assert isinstance(again[0].timestamp, datetime)


def test_from_pandas_merges_by_default():
    frame = pd.DataFrame({"speaker": ["Ana", "Ana", "Ben"], "text": ["a", "b", "c"]})
    conversation = Conversation.from_pandas(frame)
    assert [t.text for t in conversation] == ["a\nb", "c"]
    assert conversation.to_pandas()["n_messages"].tolist() == [2, 1]


def test_no_messages_is_e010():
    with pytest.raises(AttunementError) as info:
        Conversation.from_records([])
    assert info.value.code == "E010"


@pytest.mark.parametrize("who", [None, float("nan"), "", "  "])
def test_regression_a_missing_speaker_became_the_speaker_nan_or_none(who):
    with pytest.raises(AttunementError) as caught:
        Conversation.from_records([{"speaker": "Ana", "text": "hi"}, {"speaker": who, "text": "hello"}])
    assert caught.value.code == "E011" and "Record 2" in str(caught.value) and "empty" in str(caught.value)


def test_regression_a_nan_text_from_pandas_became_the_word_nan():
    import pandas as pd

    frame = pd.DataFrame({"speaker": ["Ana", "Ben"], "text": ["hi", float("nan")]})
    assert Conversation.from_pandas(frame)[1].text == ""


def test_a_bad_timestamp_names_its_record():
    with pytest.raises(AttunementError) as caught:
        Conversation.from_records([{"speaker": "Ana", "text": "hi", "timestamp": "yesterday"}])
    assert (
        caught.value.code == "E011" and "Record 1" in str(caught.value) and "timestamp" in str(caught.value)
    )


def test_one_mapping_instead_of_a_list_of_records_is_e011():
    with pytest.raises(AttunementError) as caught:
        Conversation.from_records({"speaker": "Ana", "text": "hi"})  # type: ignore[arg-type]
    assert caught.value.code == "E011" and "one mapping" in str(caught.value)


def test_regression_a_lone_surrogate_from_a_cut_emoji_is_replaced_not_kept():
    conversation = Conversation.from_records([{"speaker": "Ana\ud83d", "text": "I miss you \ud83d"}])
    assert conversation[0].text == "I miss you \ufffd" and conversation[0].speaker == "Ana\ufffd"
    assert conversation[0].text.encode("utf-8")  # writable as UTF-8


def test_pandas_na_is_missing_like_nan():
    import pandas as pd

    with pytest.raises(AttunementError) as caught:
        Conversation.from_records([{"speaker": pd.NA, "text": "hi"}])
    assert caught.value.code == "E011"
    turn = Conversation.from_records([{"speaker": "Ana", "text": pd.NA, "timestamp": pd.NA}])[0]
    assert turn.text == "" and turn.timestamp is None


def test_a_surrogate_pair_still_split_in_two_is_joined_not_replaced():
    conversation = Conversation.from_records([{"speaker": "Ana", "text": "hi \ud83d\ude00"}])
    assert conversation[0].text == "hi \U0001f600"


def test_a_zero_width_space_after_a_speaker_name_is_the_same_speaker():
    records = [{"speaker": "Ana", "text": "hi"}, {"speaker": "Ben", "text": "yo"}]
    records.append({"speaker": "Ana\u200b", "text": "ok"})
    assert Conversation.from_records(records).speakers == ("Ana", "Ben")


def test_a_speaker_of_only_invisible_marks_is_e011():
    with pytest.raises(AttunementError) as caught:
        Conversation.from_records([{"speaker": "\u200b", "text": "hi"}])
    assert caught.value.code == "E011"


@pytest.mark.parametrize("key", ["speaker", "text"])
@pytest.mark.parametrize("value", [{"x": 1}, ["a"]])
def test_a_dict_or_list_as_speaker_or_text_is_e011_not_its_repr(key: str, value: object):
    record = {"speaker": "Ana", "text": "hi", key: value}
    with pytest.raises(AttunementError) as caught:
        Conversation.from_records([{"speaker": "Ben", "text": "yo"}, record])
    assert caught.value.code == "E011" and "Record 2" in str(caught.value) and repr(key) in str(caught.value)


def test_from_records_of_none_and_from_pandas_of_a_dict_are_e051():
    for build in (
        lambda: Conversation.from_records(None),
        lambda: Conversation.from_pandas({"speaker": ["a"]}),
    ):
        with pytest.raises(AttunementError) as caught:
            build()
        assert caught.value.code == "E051"


def test_regression_messages_hours_apart_were_merged_into_one_turn():
    morning, noon = datetime(2024, 11, 13, 8, 21), datetime(2024, 11, 13, 12, 2)
    messages = [
        Message("Ben", "Want me to call you at 10:30?", datetime(2024, 11, 13, 8, 20)),
        Message("Noor", "Yes please, that would really help", morning),
        Message("Noor", "I PASSED!!!", noon),
    ]
    turns = Conversation.from_messages(messages).turns
    assert [t.text for t in turns] == [m.text for m in messages]
    assert turns[2].timestamp == noon and turns[2].messages == (messages[2],)
    # the limit is configurable: none merges any gap, a wide one merges these two
    assert len(Conversation.from_messages(messages, merge_gap=None)) == 2
    assert len(Conversation.from_messages(messages, merge_gap=timedelta(hours=4))) == 2


def test_merge_gap_is_inclusive_and_unknown_times_still_merge():
    at = datetime(2024, 5, 1, 20, 0)
    exactly = [Message("Ana", "a", at), Message("Ana", "b", at + MERGE_GAP)]
    assert len(Conversation.from_messages(exactly)) == 1
    unknown = [Message("Ana", "a", at), Message("Ana", "b", None)]
    assert len(Conversation.from_messages(unknown)) == 1
    records = [
        {"speaker": "A", "text": "a", "timestamp": at},
        {"speaker": "A", "text": "b", "timestamp": at + 2 * MERGE_GAP},
    ]
    assert len(Conversation.from_records(records)) == 2


def test_bundled_going_well_keeps_the_good_news_as_its_own_turn():
    from attunement.readers import read

    path = Path(__file__).resolve().parents[1] / "src" / "attunement" / "examples" / "going_well.txt"
    texts = [t.text for t in read(path)]
    assert "Yes please, that would really help" in texts and "I PASSED!!!" in texts
