"""The shipped weights still give the test figures their model card states (slow: whole test splits)."""

from __future__ import annotations

import json

import pytest

from attunement.eval import evaluate_model, markdown
from attunement.models import load_cue_model, model_dir


@pytest.mark.slow
def test_shipped_model_reproduces_its_model_card(shared_data):
    card = json.loads((model_dir() / "card.json").read_text())
    measured = evaluate_model(load_cue_model(), shared_data, ablations=False)
    for key, value in card["test"].items():
        assert round(measured[key], 3) == round(value, 3), key
    text = (model_dir() / "MODEL_CARD.md").read_text()
    assert f"{card['test']['goemotions_macro_f1']:.3f}" in text


VALENCE_GAP = pytest.mark.xfail(
    strict=True,
    reason="cues v1 reaches valence r 0.738 on EmoBank test (dev 0.740), short of 0.75; "
    "the next encoder must close it (doubling EmoBank's weight, or a soup of both fine-tunes, "
    "reached 0.749 on dev; the soup gave 0.739 on test)",
)


@pytest.mark.slow
@pytest.mark.parametrize(
    "metric, target",
    [
        ("goemotions_macro_f1", 0.50),
        ("ekman_macro_f1", 0.62),
        pytest.param("emobank_r_valence", 0.75, marks=VALENCE_GAP),
        ("emobank_r_arousal", 0.45),
    ],
)
def test_figures_reach_the_issue_targets(metric, target):
    card = json.loads((model_dir() / "card.json").read_text())["test"]
    assert card[metric] >= target


def test_markdown_table_has_a_row_per_metric():
    report = {
        "attunement": {"goemotions_macro_f1": 0.5, "emobank_r_valence": 0.8},
        "baselines": {"vader": {"emobank_r_valence": 0.3}},
    }
    table = markdown(report)
    assert "| GoEmotions macro-F1 (28 labels) | 0.500 | n/a |" in table
    assert "| EmoBank Pearson r, valence | 0.800 | 0.300 |" in table
