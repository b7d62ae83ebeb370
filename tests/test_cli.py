"""The attune command, run in-process through Typer's test runner."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from attunement.cli import app
from attunement.examples import example_path, example_paths

runner = CliRunner()


def test_help_lists_the_commands():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("cues", "analyze", "eval", "train"):
        assert command in result.output


def test_cues_json_has_every_label_and_vad():
    result = runner.invoke(app, ["cues", "I got the job!!!", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert len(data["emotions"]) == 28 and data["predicted"]
    assert {"valence", "arousal", "dominance"} <= set(data)


def test_cues_table():
    result = runner.invoke(app, ["cues", "I miss you so much"])
    assert result.exit_code == 0 and "valence" in result.output


def test_cues_empty_text_exits_2_with_code():
    result = runner.invoke(app, ["cues", "  "])
    assert result.exit_code == 2 and "E030" in result.output


def test_analyze_bundled_example_json_to_stdout():
    result = runner.invoke(app, ["analyze", str(example_path("partners_repair.txt")), "--json", "-"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["conversation"]["speakers"] == ["Sam", "Alex"]
    assert data["turns"][0]["cues"]["predicted"]
    assert data["turns"][1]["assessment"]["responds_to"] == 0
    assert data["episodes"] and data["summary"]["headline"]
    assert any(t["tone_shift"] and t["tone_shift"]["shifted"] for t in data["turns"])


def test_analyze_every_bundled_example_in_the_terminal():
    assert len(example_paths()) >= 6
    for path in example_paths():
        result = runner.invoke(app, ["analyze", str(path)])
        assert result.exit_code == 0, (path, result.output)
        assert "turns" in result.output


def test_analyze_missing_file_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["analyze", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2 and "E001" in result.output


def test_help_lists_the_reply_commands():
    result = runner.invoke(app, ["--help"])
    for command in ("feedback", "check"):
        assert command in result.output


def test_feedback_json_is_the_assessment():
    result = runner.invoke(app, ["feedback", "--message", "I got the job!!!", "--reply", "cool", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert 0 <= data["score"] <= 100 and len(data["capacities"]) == 6
    assert data["suggestions"]


def test_feedback_card_shows_safety_first_and_escapes_markup():
    result = runner.invoke(
        app,
        ["feedback", "-m", "I want to kill myself", "-r", "[bold]calm down[/bold] lol", "--context", "hey"],
    )
    assert result.exit_code == 0, result.output
    assert result.output.index("First, safety") < result.output.index("Attunement")
    assert "[bold]calm down[/bold] lol" in result.output  # shown as typed, not as markup


def test_feedback_empty_reply_exits_2_with_code():
    result = runner.invoke(app, ["feedback", "-m", "hi", "-r", " "])
    assert result.exit_code == 2 and "E031" in result.output


def test_check_warns_and_exits_1_on_a_flooded_draft():
    result = runner.invoke(app, ["check", "YOU NEVER LISTEN!!! you're pathetic"])
    assert result.exit_code == 1
    assert "flooded" in result.output and "pathetic" in result.output


def test_check_passes_a_calm_draft_with_exit_0():
    result = runner.invoke(app, ["check", "sorry, can we talk later?", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.output)["warnings"] == []


def test_analyze_writes_a_self_contained_html_report(tmp_path):
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["analyze", str(example_path("partners_repair.txt")), "--html", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") or page.lower().startswith("<!doctype html>")
    assert "https://" not in page and "http://" not in page


def test_train_lists_every_recipe():
    result = runner.invoke(app, ["train", "--help"])
    assert result.exit_code == 0
    for recipe in ("cues", "reply", "needs", "overall", "episodes"):
        assert recipe in result.output
