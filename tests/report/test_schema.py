"""The report's JSON Schema: valid draft 2020-12, accepts the fixtures, refuses broken reports."""

from __future__ import annotations

import copy
import json
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def load(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / f"{name}_report.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return json.loads((files("attunement.report") / "schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator(schema: dict[str, Any]) -> Draft202012Validator:
    return Draft202012Validator(schema)


def errors(validator: Draft202012Validator, report: dict[str, Any]) -> list[str]:
    return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(report)]


def test_the_schema_is_draft_2020_12_with_its_id(schema: dict[str, Any]) -> None:
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "attunement-report-1.0"
    assert set(schema["required"]) == {
        "schema_version", "conversation", "turns", "episodes", "speakers", "matching", "summary"
    }  # fmt: skip


@pytest.mark.parametrize("name", ["small", "hostile"])
def test_fixtures_validate(validator: Draft202012Validator, name: str) -> None:
    assert errors(validator, load(name)) == []


def test_small_fixture_is_the_conversation_it_claims(validator: Draft202012Validator) -> None:
    report = load("small")
    assert len(report["turns"]) == report["conversation"]["n_turns"] == 12
    assert [e["status"] for e in report["episodes"]] == ["repaired", "attempted"]
    for turn in report["turns"]:  # every span's offsets point at its text
        spans = turn["signals"]["rupture"] + turn["signals"]["repair"]
        if turn["assessment"]:
            a = turn["assessment"]
            spans += a["markers"]
            message = report["turns"][a["responds_to"]]["text"]
            for spans_of in a["evidence"].values():
                for e in spans_of:
                    source = turn["text"] if e["side"] == "reply" else message
                    assert source[e["start"] : e["end"]] == e["text"]
        for s in spans:
            assert turn["text"][s["start"] : s["end"]] == s["text"]


def _drop_turns(r: dict[str, Any]) -> None:
    del r["turns"]


def _bad_status(r: dict[str, Any]) -> None:
    r["episodes"][0]["status"] = "fixed"


def _bad_side(r: dict[str, Any]) -> None:
    r["turns"][2]["assessment"]["evidence"]["naming"][0]["side"] = "both"


def _score_over_100(r: dict[str, Any]) -> None:
    r["turns"][2]["assessment"]["score"] = 140


def _capacity_missing(r: dict[str, Any]) -> None:
    del r["turns"][2]["assessment"]["capacities"]["repair"]


def _emotion_missing(r: dict[str, Any]) -> None:
    del r["turns"][0]["cues"]["emotions"]["neutral"]


def _valence_off_scale(r: dict[str, Any]) -> None:
    r["turns"][0]["cues"]["valence"] = 0.2


def _unknown_need(r: dict[str, Any]) -> None:
    r["turns"][0]["need"]["label"] = "money"


def _text_not_string(r: dict[str, Any]) -> None:
    r["turns"][0]["text"] = None


def _bad_timestamp(r: dict[str, Any]) -> None:
    r["turns"][0]["timestamp"] = "yesterday"


def _four_suggestions(r: dict[str, Any]) -> None:
    r["turns"][1]["assessment"]["suggestions"] = ["a", "b", "c", "d"]


def _unknown_top_level_key(r: dict[str, Any]) -> None:
    r["extra"] = 1


def _unknown_turn_key(r: dict[str, Any]) -> None:
    r["turns"][0]["mood"] = "fine"


def _wrong_version(r: dict[str, Any]) -> None:
    r["schema_version"] = "2.0"


def _horseman_missing(r: dict[str, Any]) -> None:
    del r["speakers"]["Sam"]["horsemen"]["contempt"]


def _safety_span_shape(r: dict[str, Any]) -> None:
    r["turns"][0]["safety"] = {"kind": "self_harm", "kinds": ["self_harm"], "spans": [[0, 3]], "message": "m"}


BREAKAGES = [
    _drop_turns, _bad_status, _bad_side, _score_over_100, _capacity_missing, _emotion_missing,
    _valence_off_scale, _unknown_need, _text_not_string, _bad_timestamp, _four_suggestions,
    _unknown_top_level_key, _unknown_turn_key, _wrong_version, _horseman_missing, _safety_span_shape,
]  # fmt: skip


@pytest.mark.parametrize("breakage", BREAKAGES, ids=lambda f: f.__name__.strip("_"))
def test_broken_reports_fail(validator: Draft202012Validator, breakage: Any) -> None:
    report = copy.deepcopy(load("small"))
    breakage(report)
    assert errors(validator, report)


def test_free_objects_stay_free(validator: Draft202012Validator) -> None:
    report = copy.deepcopy(load("small"))
    report["conversation"]["metadata"] = {"anything": [1, {"goes": None}]}
    report["turns"][1]["assessment"]["reading"] = {"epitome": {"er": 0.4}, "new": "field"}
    report["matching"]["style_matching"]["by_speaker_pair"] = {"Sam|Alex": {"lsm": 0.7}}
    report["turns"][0]["n_messages"] = 2  # optional extras the library's objects carry
    report["turns"][0]["cues"]["text"] = report["turns"][0]["text"]
    report["turns"][1]["assessment"]["message"] = report["turns"][0]["text"]
    assert errors(validator, report) == []


def test_regression_u2028_in_a_turn_split_one_json_lines_record_in_two():
    from attunement.analyze import analyze
    from attunement.conversation import Conversation

    text = "first line\u2028second line\u2029third"
    report = analyze(
        Conversation.from_records([{"speaker": "Ana", "text": text}, {"speaker": "Ben", "text": "ok"}])
    )
    line = report.to_json(indent=None)
    assert len(line.splitlines()) == 1
    assert json.loads(line)["turns"][0]["text"] == text
