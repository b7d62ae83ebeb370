"""The attune command, run in-process through Typer's test runner."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from attunement.cli import app
from attunement.examples import example_path, example_paths
from attunement.suggest import NO_TIP, QUIET_SCORE

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
    assert result.exit_code == 2 and "E032" in result.output and "The text is empty" in result.output


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
    assert result.exit_code == 2 and "E032" in result.output and "The reply is empty" in result.output


def test_empty_draft_names_the_draft_not_a_batch_index_regression():
    result = runner.invoke(app, ["check", ""])
    assert result.exit_code == 2 and "The draft is empty" in result.output and "Text 0" not in result.output


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


# --- regressions from the new-user review: each test is named after what broke ---------------


def _chat_file(tmp_path):
    path = tmp_path / "chat.txt"
    path.write_text("Ann: I got the job!!\nBo: nice\nAnn: wow ok\n", encoding="utf-8")
    return path


def test_report_path_in_a_missing_folder_is_e040_before_any_work(tmp_path):
    for option in ("--html", "--json"):
        target = str(tmp_path / "no" / "r")
        result = runner.invoke(app, ["analyze", str(_chat_file(tmp_path)), option, target])
        assert result.exit_code == 2 and "E040" in result.output
        assert "does not exist" in " ".join(result.output.split())


def test_report_path_that_is_a_folder_is_e040(tmp_path):
    result = runner.invoke(app, ["analyze", str(_chat_file(tmp_path)), "--html", str(tmp_path)])
    assert (
        result.exit_code == 2
        and "E040" in result.output
        and "it is a folder" in " ".join(result.output.split())
    )


def test_a_folder_that_is_not_a_corpus_is_e012_not_file_not_found(tmp_path):
    for extra in ([], ["--format", "whatsapp"]):
        result = runner.invoke(app, ["analyze", str(tmp_path), *extra])
        assert result.exit_code == 2 and "E012" in result.output, result.output


def test_csv_columns_can_be_named_on_the_command_line(tmp_path):
    path = tmp_path / "chat.csv"
    path.write_text('who,msg\nAnn,I got the job!!\nBo,"that\'s huge, well done!"\n', encoding="utf-8")
    refused = runner.invoke(app, ["analyze", str(path), "--format", "csv"])
    assert refused.exit_code == 2 and "--text-column" in refused.output
    result = runner.invoke(
        app, ["analyze", str(path), "--speaker-column", "who", "--text-column", "msg", "--json", "-"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["conversation"]["speakers"] == ["Ann", "Bo"]


def test_an_option_the_format_does_not_take_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["analyze", str(_chat_file(tmp_path)), "--date-order", "dmy"])
    assert result.exit_code == 2 and "not an option for transcript files" in result.output


def test_terminal_control_characters_in_chat_text_never_reach_the_terminal(tmp_path):
    path = tmp_path / "chat.txt"
    path.write_text("Ann: hi \x1b[2J there\nBo\x1b]0;owned\x07b: hello?\n", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(path)])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output and "\ufffd" in result.output


def test_turns_are_numbered_from_1_in_the_terminal_like_in_the_html():
    result = runner.invoke(app, ["analyze", str(example_path("partners_repair.txt"))])
    data = json.loads(
        runner.invoke(app, ["analyze", str(example_path("partners_repair.txt")), "--json", "-"]).output
    )
    moment = data["summary"]["moment"]
    assert f"the moment: turn {moment['turn'] + 1}:" in " ".join(result.output.split())


def test_several_chats_give_one_schema_valid_report_each(tmp_path):
    from jsonschema import validate

    from attunement.report import SCHEMA_PATH

    def chat(name, sender_a, sender_b):
        messages = [
            {"id": i, "type": "message", "date": f"2024-01-01T10:00:0{i}", "from": who, "text": text}
            for i, (who, text) in enumerate(
                [(sender_a, "I failed my test"), (sender_b, "oh no, how are you?")]
            )
        ]
        return {"name": name, "type": "personal_chat", "id": len(name), "messages": messages}

    path = tmp_path / "result.json"
    path.write_text(json.dumps({"chats": {"list": [chat("Ana", "Ana", "Me"), chat("Olu", "Olu", "Me")]}}))
    schema = json.loads(SCHEMA_PATH.read_text())
    lines = runner.invoke(app, ["analyze", str(path), "--json", "-"]).output.strip().splitlines()
    assert len(lines) == 2  # JSON Lines on standard output
    for line in lines:
        validate(json.loads(line), schema)
    result = runner.invoke(app, ["analyze", str(path), "--json", str(tmp_path / "r.json")])
    assert result.exit_code == 0, result.output
    assert "Ana: 2 turns" in result.output and "Olu: 2 turns" in result.output  # chat names, not ids
    for n in (1, 2):
        validate(json.loads((tmp_path / f"r-{n}.json").read_text()), schema)


def test_regression_a_one_speaker_chat_crashed_analyze(tmp_path):
    chat = tmp_path / "mono.txt"
    chat.write_text("Ann: I am so sad today\nAnn: anyone there?\n", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(chat), "--html", str(tmp_path / "r.html")])
    assert result.exit_code == 0, result.output
    assert "W002" in result.output and "No reply to assess" in result.output
    assert "How each person attuned" not in result.output  # no empty capacity table
    assert "No reply to assess" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_regression_a_report_path_equal_to_the_input_destroyed_the_export(tmp_path):
    chat = tmp_path / "chat.txt"
    original = example_path("partners_repair.txt").read_text(encoding="utf-8")
    chat.write_text(original, encoding="utf-8")
    for option in ("--html", "--json"):
        result = runner.invoke(app, ["analyze", str(chat), option, str(tmp_path / "." / "chat.txt")])
        assert result.exit_code == 2 and "E040" in result.output and "being read" in result.output
    assert chat.read_text(encoding="utf-8") == original


def test_regression_dash_read_the_literal_dash_instead_of_stdin():
    # A piped draft got "no flooding found" because "-" itself was checked.
    result = runner.invoke(app, ["check", "-", "--json"], input="you never listen!!\n")
    assert result.exit_code == 1
    assert json.loads(result.output)["text"] == "you never listen!!"
    piped = runner.invoke(app, ["cues", "-", "--json"], input="my dog died this morning\n")
    direct = runner.invoke(app, ["cues", "my dog died this morning", "--json"])
    assert piped.exit_code == 0 and piped.output == direct.output
    card = runner.invoke(
        app, ["feedback", "-m", "I lost my job", "-r", "-", "--json"], input="oh no, I'm so sorry"
    )
    assert json.loads(card.output)["reply"] == "oh no, I'm so sorry"


def test_a_long_reply_is_shortened_in_the_card_and_kept_whole_in_json():
    reply = "I hear you. " * 2000
    card = runner.invoke(app, ["feedback", "-m", "I lost my job", "-r", reply])
    assert card.exit_code == 0 and "23,400 more" in card.output and len(card.output) < 10_000
    data = runner.invoke(app, ["feedback", "-m", "I lost my job", "-r", reply, "--json"])
    assert json.loads(data.output)["reply"] == reply


def test_a_draft_with_thousands_of_markers_lists_twenty_in_the_terminal():
    result = runner.invoke(app, ["check", "you never listen!! " * 500])
    assert result.exit_code == 1 and "more (--json lists them all)" in result.output
    assert result.output.count('"you never"') <= 25


def test_regression_train_reply_without_its_run_folder_gave_a_raw_traceback(tmp_path):
    result = runner.invoke(app, ["train", "reply", "--run", str(tmp_path / "no-run")])
    assert result.exit_code == 2 and "E025" in result.output
    assert "no-run/encoder.onnx is missing" in result.output.replace("\n", "")  # Rich wraps long paths


def test_regression_eval_on_an_incomplete_datasets_folder_gave_a_raw_traceback(tmp_path):
    (tmp_path / "epitome").mkdir()
    result = runner.invoke(
        app, ["eval", "--part", "reply", "--data", str(tmp_path), "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 2 and "E025" in result.output
    assert "folder is incomplete" in result.output.replace("\n", "")


def test_train_overall_writes_where_it_is_told_and_leaves_the_shipped_model(tmp_path):
    from attunement.models import model_dir
    from attunement.overall import OVERALL_MODEL

    shipped = (model_dir(OVERALL_MODEL) / "ranker.npz").read_bytes()
    result = runner.invoke(app, ["train", "overall", "--dest", str(tmp_path / "overall")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "overall" / "ranker.npz").read_bytes() == shipped  # deterministic refit
    assert (model_dir(OVERALL_MODEL) / "ranker.npz").read_bytes() == shipped
    missing = runner.invoke(
        app, ["train", "overall", "--labelled", str(tmp_path / "none"), "--dest", str(tmp_path)]
    )
    assert missing.exit_code == 2 and "E026" in missing.output and "--labelled" in missing.output


def test_a_draft_starting_with_a_dash_goes_after_double_dash_as_the_help_says():
    assert "--" in runner.invoke(app, ["check", "--help"]).output
    result = runner.invoke(app, ["check", "--json", "--", "-_- whatever"])
    assert json.loads(result.output)["text"] == "-_- whatever"


def test_a_report_inside_a_convokit_corpus_folder_is_refused(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "utterances.jsonl").write_text("{}\n", encoding="utf-8")
    for target in (corpus / "utterances.jsonl", corpus / "sub" / ".." / "report.json"):
        result = runner.invoke(app, ["analyze", str(corpus), "--json", str(target)])
        assert result.exit_code == 2 and "being read" in result.output.replace("\n", " ")
    assert (corpus / "utterances.jsonl").read_text(encoding="utf-8") == "{}\n"


def test_feedback_reads_stdin_for_one_side_only():
    result = runner.invoke(app, ["feedback", "-m", "-", "-r", "-"], input="hi")
    assert result.exit_code == 2 and "only one of --message and --reply" in result.output.replace("\n", " ")


def test_date_order_typo_is_an_error_not_a_traceback():
    path = str(example_path("going_well.txt"))
    result = runner.invoke(app, ["analyze", path, "--date-order", "xyz"])
    assert result.exit_code == 2, result.output
    assert "xyz" in result.output and "dmy" in result.output
    help_text = runner.invoke(app, ["analyze", "--help"]).output
    assert "auto|dmy|mdy" in help_text and "default: auto" in help_text


def test_json_to_stdout_with_html_writes_both(tmp_path):
    out = tmp_path / "report.html"
    path = str(example_path("partners_repair.txt"))
    result = runner.invoke(app, ["analyze", path, "--json", "-", "--html", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["conversation"]["speakers"] == ["Sam", "Alex"]
    assert out.read_text(encoding="utf-8").lower().startswith("<!doctype html>")


def test_a_numbered_report_path_equal_to_the_input_is_refused(tmp_path):
    chat = tmp_path / "rep-1.csv"
    content = "conversation_id,speaker,text\na,Ana,hi\na,Ben,hey\nb,Ana,yo\nb,Ben,ok\n"
    chat.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(chat), "--json", str(tmp_path / "rep.csv")])
    assert result.exit_code == 2 and "E040" in result.output and "chat being read" in result.output
    assert chat.read_text(encoding="utf-8") == content


def test_the_same_path_for_json_and_html_is_refused(tmp_path):
    same = tmp_path / "same.out"
    path = str(example_path("partners_repair.txt"))
    result = runner.invoke(app, ["analyze", path, "--json", str(same), "--html", str(same)])
    assert result.exit_code == 2 and "E040" in result.output and not same.exists()


def test_a_time_column_missing_from_the_file_is_e009(tmp_path):
    path = tmp_path / "chat.csv"
    path.write_text("speaker,text\nAnn,hi\nBo,hey\n", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(path), "--time-column", "when"])
    assert result.exit_code == 2 and "E009" in result.output and "'when'" in result.output


def test_binary_stdin_is_refused_like_a_binary_file():
    result = runner.invoke(app, ["cues", "-", "--json"], input=b"\xff\xfe\xfa\x00\x01")
    assert result.exit_code == 2 and "E007" in result.output and "<stdin>" in result.output
    result = runner.invoke(app, ["check", "-"], input=b"hi\x00\x01\x02there\x00")
    assert result.exit_code == 2 and "E003" in result.output


def test_analyze_dash_reads_the_export_from_stdin():
    chat = example_path("partners_repair.txt").read_text(encoding="utf-8")
    result = runner.invoke(app, ["analyze", "-", "--json", "-"], input=chat)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["conversation"]["speakers"] == ["Sam", "Alex"]


def test_an_option_error_names_the_flag_the_user_typed_not_the_python_name():
    result = runner.invoke(app, ["analyze", str(example_path("going_well.txt")), "--time-column", "when"])
    output = " ".join(result.output.split())
    assert result.exit_code == 2 and "--time-column: not an option" in output
    assert "timestamp_column" not in output and "--date-order" in output


def test_eval_data_that_is_a_file_is_the_data_folder_error_not_not_a_directory(tmp_path):
    data = tmp_path / "some_file.txt"
    data.write_text("not a folder\n", encoding="utf-8")
    for part in ("reply", "cues"):
        result = runner.invoke(app, ["eval", "--data", str(data), "--part", part, "--out", str(tmp_path)])
        assert result.exit_code == 2 and "E020" in result.output, result.output


def test_help_shows_flags_as_flags_and_arguments_by_name():
    for args in (["analyze", "--help"], ["check", "-h"], ["-h"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        assert "<bool>" not in result.output and "{" not in result.output.split("\n")[1]
    assert "analyze [OPTIONS] PATH " in runner.invoke(app, ["analyze", "-h"]).output


def test_version_prints_the_package_version():
    from importlib.metadata import version

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == f"attune {version('attunement')}"


def test_long_and_non_english_turns_give_one_warning_line_per_kind_with_a_count(tmp_path):
    chat = tmp_path / "chat.txt"
    long = " ".join(["I keep thinking about what happened at work today and"] * 200)
    lines = [f"Ana: {long}", "Ben: oh no, that sounds hard", "Ana: Ich bin heute so traurig und müde"]
    lines += ["Ben: Das tut mir leid, was ist passiert?", "Ana: Ich weiß nicht, alles ist zu viel"]
    chat.write_text("\n".join(lines) + "\n", encoding="utf-8")
    output = " ".join(runner.invoke(app, ["analyze", str(chat)]).output.split())
    assert output.count("[W010]") == 1 and "chat: 1 of 5 turns were too long" in output
    assert output.count("[W011]") == 1 and "of 5 turns may not be English" in output


def test_check_shows_the_safety_notice_for_a_crisis_draft_regression():
    result = runner.invoke(app, ["check", "I want to kill myself"])
    assert result.exit_code == 1
    out = result.output.replace("\n", " ")
    assert "First, safety" in out and "No flooding" not in out
    assert out.index("First, safety") < out.index("read the note above")


def test_check_does_not_flag_joy_regression():
    result = runner.invoke(app, ["check", "I'm so proud of you!!! 🎉"])
    assert result.exit_code == 0 and "exclamation" not in result.output


def test_feedback_without_a_suggestion_says_nothing_to_change_only_for_a_high_score_regression():
    # "Nothing to change here." was printed beside 5/100 and 45/100 replies whose tips were all
    # withheld; below the quiet score it now says there is no specific tip.
    result = runner.invoke(app, ["feedback", "-m", "running 5 mins late", "-r", "no worries"])
    score = float(result.output.split("Attunement ")[1].split("/100")[0])
    assert result.exit_code == 0 and score < QUIET_SCORE
    assert "Nothing to change here" not in result.output and NO_TIP in result.output
