"""Reply assessment on held-out data: the figures the reply-assessment issue asks for (slow)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from attunement import reply_eval
from attunement.models import REPLY_MODEL, load_reply_model, model_dir

# Figures that the shipped models do not reach yet are strict xfails: once a model reaches them,
# the suite turns red until the mark is removed.
NOT_YET: dict[str, str] = {
    "IP": "reply-v1 reaches 0.548 macro-F1 on EPITOME interpretations (test), short of 0.697",
    "EX": "reply-v1 reaches 0.570 macro-F1 on EPITOME explorations (test), short of 0.635",
    "question": "reply-v1 reaches 0.773 on AnnoMI open vs closed questions (test), short of 0.80",
    "reflection": "reply-v1 reaches 0.600 on AnnoMI simple vs complex reflections (test), short of 0.65",
}


@pytest.fixture(scope="module")
def card() -> dict:
    return json.loads((model_dir(REPLY_MODEL) / "card.json").read_text())


@pytest.fixture(scope="module")
def pairs() -> dict:
    return reply_eval.evaluate_pairs("test")


@pytest.mark.slow
def test_reply_model_reproduces_its_card(shared_data, card):
    measured = reply_eval.evaluate_reply_model(load_reply_model(), shared_data, "test")
    for head, figures in card["test"].items():
        assert measured[head]["n"] == figures["n"], head
        assert measured[head]["macro_f1"] == pytest.approx(figures["macro_f1"], abs=1e-3), head


def _mark(key: str) -> list[pytest.MarkDecorator]:
    return [pytest.mark.xfail(strict=True, reason=NOT_YET[key])] if key in NOT_YET else []


@pytest.mark.slow
@pytest.mark.parametrize(
    "head",
    [pytest.param(h, marks=_mark(h)) for h in ("ER", "IP", "EX", "behaviour", "question", "reflection")],
)
def test_reply_heads_reach_the_issue_targets(card, head):
    assert card["test"][head]["macro_f1"] >= reply_eval.TARGETS[head]


@pytest.mark.slow
@pytest.mark.parametrize("key", [pytest.param("overall", marks=_mark("pairs_overall"))])
def test_the_more_attuned_reply_scores_higher_in_90_percent_of_test_pairs(pairs, key):
    assert pairs["overall_score"] >= 0.90


@pytest.mark.slow
@pytest.mark.parametrize(
    "capacity",
    [
        pytest.param(c, marks=_mark(f"pairs_{c}"))
        for c in ("presence", "curiosity", "naming", "self_regulation", "responsive_action", "repair")
    ],
)
def test_and_in_80_percent_within_every_capacity(pairs, capacity):
    assert pairs["per_capacity"][capacity]["overall_score"] >= 0.80


def test_offsets_are_tuned_for_macro_f1():
    gold = np.array([0, 0, 0, 1, 1, 2, -1])
    probs = np.array([[0.6, 0.3, 0.1]] * 3 + [[0.55, 0.4, 0.05]] * 2 + [[0.5, 0.1, 0.4], [0.2, 0.2, 0.6]])
    before = reply_eval.scores(gold, probs.argmax(1), 3)["macro_f1"]
    offsets = reply_eval.tune_offsets(gold, probs)
    after = reply_eval.scores(gold, (np.log(probs) + offsets).argmax(1), 3)["macro_f1"]
    assert offsets[0] == 0.0 and after > before
    assert reply_eval.scores(gold, probs.argmax(1), 3)["n"] == 6  # unlabelled rows are left out


def test_markdown_has_a_row_per_head_and_capacity():
    fake = {"n": 10, "accuracy": 0.5, "macro_f1": 0.5, "target_macro_f1": 0.6}
    report = {
        "reply_model": dict.fromkeys(("ER", "IP", "EX", "behaviour", "question", "reflection"), fake),
        "needs": {"n": 5, "accuracy": 0.4, "macro_f1": 0.3},
        "pairs": {
            "n": 8,
            "overall_score": 0.9,
            "own_capacity": 0.8,
            "per_capacity": {"presence": {"n": 2, "overall_score": 1.0, "own_capacity": 0.5}},
        },
    }
    text = reply_eval.markdown(report)
    assert "| EPITOME interpretations | 10 | 0.500 | 0.500 | 0.600 |" in text
    assert "| presence | 2 | 1.000 | 0.500 |" in text


def test_a_part_without_some_capacity_reports_no_nan_for_it_regression(tmp_path):
    # A labelled part without naming pairs gave "overall_score": NaN, which is not valid JSON.
    line = (
        '{"id": "pair-9001", "context": [], "message": "I got the job!!", "better": "omg congrats!!", '
        '"worse": "ok", "capacity": "presence", "note": "brush-off"}\n'
    )
    (tmp_path / "pairs-test.jsonl").write_text(line, encoding="utf-8")
    found = reply_eval.evaluate_pairs("test", tmp_path)
    assert list(found["per_capacity"]) == ["presence"]
    json.dumps(found, allow_nan=False)
