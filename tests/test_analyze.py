"""analyze: the report of whole conversations, end to end on the bundled examples."""

from __future__ import annotations

import json

import pytest

from attunement import Conversation
from attunement.analyze import analyze, analyze_conversation
from attunement.errors import AttunementError
from attunement.examples import example_path, example_paths


@pytest.fixture(scope="module")
def partners():
    return analyze(example_path("partners_repair.txt"))


def test_every_bundled_example_gives_a_report():
    for path in example_paths():
        found = analyze(path)
        reports = found if isinstance(found, list) else [found]
        for r in reports:
            data = r.to_dict()
            assert data["turns"] and data["summary"]["headline"] and data["summary"]["limits"]


def test_replies_are_assessed_against_the_turn_they_answer(partners):
    turns = partners.to_dict()["turns"]
    assert turns[0]["assessment"] is None
    for t in turns[1:]:
        a = t["assessment"]
        if a is not None:
            assert turns[a["responds_to"]]["speaker"] != t["speaker"]
            assert 0 <= a["score"] <= 100 and len(a["capacities"]) == 6


def test_the_partners_example_has_its_repaired_rupture(partners):
    (episode,) = partners.episodes
    assert episode["status"] == "repaired" and episode["repair"] > episode["start"]
    assert partners.speakers["Alex"]["repairs"]["landed"] == 1


def test_to_json_and_to_pandas(partners, tmp_path):
    text = partners.to_json(tmp_path / "r.json")
    assert json.loads(text) == json.loads((tmp_path / "r.json").read_text())
    frame = partners.to_pandas()
    assert len(frame) == len(partners.turns)
    assert {"speaker", "text", "valence", "arousal", "need", "score", "presence", "repair"} <= set(
        frame.columns
    )


def test_chunked_reading_gives_the_same_report_as_one_pass():
    conv = Conversation.from_records(
        [
            {"speaker": "AB"[i % 3 % 2], "text": f"message {i}: I feel {'sad' if i % 4 else 'great'} today"}
            for i in range(23)
        ]
    )
    whole = analyze_conversation(conv, chunk=256).to_dict()
    chunked = analyze_conversation(conv, chunk=5).to_dict()
    assert whole == chunked


def test_progress_is_reported():
    seen = []
    analyze(example_path("partners_repair.txt"), progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1]


def test_crisis_language_reaches_the_summary_first():
    conv = Conversation.from_records(
        [
            {"speaker": "A", "text": "I don't want to be here anymore. I've been thinking about ending it"},
            {"speaker": "B", "text": "what do you mean?"},
        ]
    )
    data = analyze(conv).to_dict()
    assert data["turns"][0]["safety"]["kind"] == "self_harm"
    assert data["summary"]["safety"]


def test_regression_a_conversation_of_one_turn_crashed_analyze():
    report = analyze(Conversation.from_records([{"speaker": "Ana", "text": "I am so sad today"}]))
    data = report.to_dict()
    assert len(data["turns"]) == 1 and data["turns"][0]["assessment"] is None
    assert data["turns"][0]["cues"]["predicted"]
    assert data["summary"]["headline"].startswith("No reply to assess")


@pytest.mark.parametrize(
    ("source", "code"), [(None, "E051"), (123, "E051"), ([1, 2], "E051"), (Conversation(turns=()), "E010")]
)
def test_analyze_of_a_wrong_type_or_no_turns_is_a_coded_error(source: object, code: str):
    """A wrong type says what was expected; a conversation without turns is E010 like an empty file."""
    with pytest.raises(AttunementError) as caught:
        analyze(source)  # type: ignore[arg-type]
    assert caught.value.code == code
