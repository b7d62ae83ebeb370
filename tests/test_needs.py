"""The need model: its output, its use of context, and its figures on the labelled test split."""

from __future__ import annotations

import json

import pytest

from attunement.errors import AttunementError
from attunement.models import model_dir
from attunement.needs import FALLBACK_MIN, NEED_MODEL, NEEDS, needs_many, rule_features, ruled_out
from attunement.signals import read as read_signals


def test_every_text_gets_one_need_and_a_distribution():
    found = needs_many(["I GOT THE JOB!!!", "can you send me the wifi password", "leave me alone for a bit"])
    assert len(found) == 3
    for need in found:
        assert need.label in NEEDS
        assert set(need.probabilities) == set(NEEDS)
        assert abs(sum(need.probabilities.values()) - 1.0) < 1e-3
        assert need.confidence == max(need.probabilities.values())


def test_context_is_read_exactly_when_the_chosen_variant_uses_it():
    """Cross-validation on dev chooses whether the context vector is used; the card says which."""
    card = json.loads((model_dir(NEED_MODEL) / "card.json").read_text())
    bare, after_news = needs_many(["ugh", "ugh"], [[], ["they gave the flat to the other couple"]])
    uses_context = card["chosen"]["variant"] in ("all", "vector_and_context", "context_only")
    assert (bare.probabilities != after_news.probabilities) == uses_context


def test_a_batch_gives_each_text_what_it_gets_alone():
    texts = ["I'm so nervous about tomorrow", "we won!!", "k."]
    assert needs_many(texts) == [needs_many([t])[0] for t in texts]


def test_mismatched_contexts_are_an_error():
    with pytest.raises(ValueError):
        needs_many(["a", "b"], [[]])


def test_rule_features_see_questions_and_ruptures():
    q = rule_features("what should I do?")
    r = rule_features("forget it.")
    assert q[0] == 1.0 and r[2] == 1.0


@pytest.mark.slow
def test_model_card_figures_are_reproduced():
    from attunement.reply_eval import evaluate_needs

    card = json.loads((model_dir(NEED_MODEL) / "card.json").read_text())
    measured = evaluate_needs("test")
    assert measured["n"] == card["test"]["n"]
    assert measured["macro_f1"] == pytest.approx(card["test"]["macro_f1"], abs=1e-3)
    assert measured["accuracy"] > 2 * card["test"]["majority_baseline_accuracy"]


def test_an_attack_is_never_read_as_good_news_to_celebrate_regression():
    # "You ALWAYS do this!!" reads as excitement to the encoder; its criticism rules celebration out
    attack, news = needs_many(["You ALWAYS do this!! I planned this for weeks", "I GOT THE JOB!!!"])
    assert "celebration" in attack.ruled_out and news.label == "celebration" and news.trusted
    assert attack.label != "celebration" or not attack.trusted  # never shown or acted on
    assert (
        attack.probabilities == needs_many(["You ALWAYS do this!! I planned this for weeks"])[0].probabilities
    )
    assert ruled_out("celebration", read_signals("you never listen, forget it"))
    assert not ruled_out("comfort", read_signals("you never listen, forget it"))


def test_no_turns_give_no_needs_regression():
    assert needs_many([]) == []


def test_regression_an_empty_cue_turn_raised_a_bare_key_error():
    with pytest.raises(AttunementError) as info:
        needs_many(["I lost my job", ""])
    assert info.value.code == "E030" and "Text 2" in str(info.value)


def test_a_ruled_out_label_falls_back_only_to_a_likely_one_regression():
    # partners_repair turn 2: celebration 0.957 was ruled out and the label moved to repair (0.02).
    [need] = needs_many(["You ALWAYS do this. They've been planning this for weeks!!"])
    assert need.probabilities[need.label] >= FALLBACK_MIN or need.label == max(
        need.probabilities, key=need.probabilities.__getitem__
    )
    assert "celebration" in need.ruled_out
    data = need.to_dict("safety")
    assert data["ruled_out"] == ["celebration"] and data["overridden_by"] == "safety"
    assert "ruled_out" not in needs_many(["I GOT THE JOB!!!"])[0].to_dict()
