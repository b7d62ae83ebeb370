"""Reports that analyze really produces validate against the shipped schema, for every bundled example."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from attunement import Conversation, analyze
from attunement.examples import example_paths
from attunement.report import SCHEMA_PATH


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(SCHEMA_PATH.read_text()))


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: Path(p).name)
def test_every_bundled_example_validates(validator, path):
    found = analyze(path)
    for report in found if isinstance(found, list) else [found]:
        errors = sorted(validator.iter_errors(report.to_dict()), key=str)
        assert not errors, errors[:3]


def test_hostile_text_and_crisis_language_validate_and_stay_text(validator, tmp_path):
    conv = Conversation.from_records(
        [
            {"speaker": '<img src=x onerror="alert(1)">', "text": "<script>alert(1)</script> I want to die"},
            {"speaker": "B", "text": "what?? calm down"},
            {"speaker": '<img src=x onerror="alert(1)">', "text": "😭"},
        ]
    )
    report = analyze(conv)
    assert not list(validator.iter_errors(report.to_dict()))
    page = report.to_html(tmp_path / "r.html")
    assert "<script>alert" not in page and "<img src=x" not in page
    assert report.to_dict()["summary"]["safety"]
