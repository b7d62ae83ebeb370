"""Rupture-and-repair episodes, profiles and matching, on hand-made turn readings."""

from __future__ import annotations

import numpy as np
import pytest

from attunement.dynamics import (
    FEATURES,
    FUNCTION_WORDS,
    EpisodeModel,
    TurnReading,
    episodes,
    function_word_rates,
    load_episode_model,
    matching,
    noticing,
    profiles,
    style_matching,
    turn_features,
)
from attunement.trees import Trees

CAPS = dict.fromkeys(
    ("presence", "curiosity", "naming", "self_regulation", "responsive_action", "repair"), 0.7
)


def turn(i, speaker, text="ok", *, score=70.0, rupture=(), repair=(), markers=(), flooding=0.0, valence=3.0,
         shifted=False, caps=None, non_apology=False):  # fmt: skip
    return TurnReading(
        index=i,
        speaker=speaker,
        text=text,
        valence=valence,
        arousal=3.0,
        shifted=shifted,
        responds_to=i - 1 if i else None,
        score=score if i else None,
        capacities=(caps or CAPS) if i else None,
        markers=[{"kind": k, "start": 0, "end": 1, "text": "x"} for k in markers],
        flooding=flooding,
        rupture_signals=[{"kind": k, "start": 0, "end": 1, "text": "x"} for k in rupture],
        repair_signals=[{"kind": k, "start": 0, "end": 1, "text": "x"} for k in repair],
        non_apology=non_apology,
    )


def stump(feature: str, below: float, above: float) -> list[dict]:
    """One split on ``feature`` at 0.25: ``below`` to the left, ``above`` to the right."""
    split = {"feature": FEATURES.index(feature), "threshold": 0.25, "left": 1, "right": 2, "value": 0.0}
    return [
        {**split, "leaf": False},
        {"feature": 0, "threshold": 0.0, "left": 0, "right": 0, "value": below, "leaf": True},
        {"feature": 0, "threshold": 0.0, "left": 0, "right": 0, "value": above, "leaf": True},
    ]


def rule_model() -> EpisodeModel:
    """A hand-set detector: a turn breaks when it has a rupture signal or a breaking horseman, and
    repairs when it has a repair signal (the assembly logic is what these tests check)."""
    start = Trees.from_nodes(-5.0, [stump("rupture_signal", 0.0, 10.0), stump("horsemen", 0.0, 10.0)])
    repair = Trees.from_nodes(-5.0, [stump("repair_signal", 0.0, 10.0)])
    return EpisodeModel(start, repair, 0.5, 0.5)


def test_a_repair_that_is_taken_up_closes_the_episode_as_repaired():
    turns = [
        turn(0, "A"),
        turn(1, "B", markers=["criticism"], score=30),
        turn(2, "A", rupture=["withdrawal"]),
        turn(3, "B", repair=["acknowledge"], score=80),
        turn(4, "A", score=75),
    ]
    (e,) = episodes(turns, rule_model())
    assert (e.start, e.repair, e.status, e.who_repaired, e.trigger) == (1, 3, "repaired", "B", "criticism")


def test_a_rebuffed_repair_is_attempted_and_no_repair_is_unrepaired():
    rebuffed = [
        turn(0, "A"),
        turn(1, "B", rupture=["unseen"]),
        turn(2, "A", repair=["apology"]),
        turn(3, "B", rupture=["withdrawal"]),
    ]
    assert [e.status for e in episodes(rebuffed, rule_model())] == ["attempted"]
    cold = [
        turn(0, "A"),
        turn(1, "B", rupture=["unseen"]),
        turn(2, "A", markers=["defensiveness"]),
        turn(3, "B"),
    ]
    (e,) = episodes(cold, rule_model())
    assert e.status == "unrepaired" and e.repair is None and e.end == 2


def test_a_non_apology_is_not_a_repair():
    turns = [
        turn(0, "A", rupture=["unseen"]),
        turn(1, "B", repair=["apology"], non_apology=True),
        turn(2, "A"),
    ]
    (e,) = episodes(turns, rule_model())
    assert e.repair is None
    assert turn_features(turns)[1, FEATURES.index("non_apology")] == 1.0


def test_features_read_the_next_turn():
    turns = [turn(0, "A"), turn(1, "B", score=40), turn(2, "A", rupture=["unseen"], text="that's not it.")]
    x = turn_features(turns)
    assert x.shape == (3, len(FEATURES))
    assert x[1, FEATURES.index("next_rupture_signal")] == 1.0
    assert x[1, FEATURES.index("next_is_short")] == 1.0
    assert x[1, FEATURES.index("score")] == pytest.approx(0.4)


def test_the_shipped_detector_loads_and_matches_the_feature_list():
    model = load_episode_model()
    assert int(model.start.feature.max()) < len(FEATURES) and 0 < model.start_threshold < 1
    assert model.start.probability(np.zeros((2, len(FEATURES)))).shape == (2,)


def test_profiles_count_both_directions():
    turns = [
        turn(0, "A"),
        turn(1, "B", markers=["contempt"], score=20),
        turn(2, "A", repair=["reopen"], score=85),
        turn(3, "B", score=70),
    ]
    found = episodes(turns, rule_model())
    prof = profiles(turns, found)
    assert prof["B"]["horsemen"]["contempt"] == 1
    assert prof["A"]["repairs"] == {"attempted": 1, "landed": 1}
    assert prof["A"]["score"]["mean"] == 85 and prof["B"]["replies"] == 2


def test_noticing_a_tone_shift():
    noticed = {**CAPS, "naming": 0.9}
    turns = [turn(0, "A"), turn(1, "B"), turn(2, "A", shifted=True), turn(3, "B", caps=noticed)]
    assert noticing(turns, "B") == {"shifts_seen": 1, "noticed": 1, "mean_turns_to_notice": 1.0}
    assert noticing(turns, "A")["shifts_seen"] == 0


def test_style_matching_is_one_for_the_same_style_and_lower_for_another():
    same = style_matching("I think that we should go to the park", "I think that we could go to the shop")
    other = style_matching("I think that we should go to the park", "Pizza. Tonight. Pepperoni.")
    assert same is not None and other is not None and same > other
    assert style_matching("", "hello") is None


def test_function_word_categories_are_the_papers_nine():
    assert len(FUNCTION_WORDS) == 9
    rates, n = function_word_rates("I don't know, and you?")
    assert n == 5 and rates["personal_pronouns"] == pytest.approx(2 / 5)


def test_synchrony_needs_three_pairs():
    turns = [turn(i, "AB"[i % 2], valence=2.0 + i * 0.3) for i in range(6)]
    assert matching(turns)["synchrony"]["valence"] == pytest.approx(1.0)
    assert matching(turns[:2])["synchrony"]["valence"] is None


def test_a_break_shown_by_a_low_answer_cites_the_answer_not_the_disclosure_regression():
    # A crisis disclosure scoring 68 as a reply was cited as "the misattuned reply" while the
    # 13/100 answer to it went unnamed.
    from attunement.dynamics import _evidence

    disclosure, answer = (
        turn(1, "Jo", "I don't want to be here", score=68.0),
        turn(2, "Kim", "gotta run", score=13.0),
    )
    assert _evidence(disclosure, answer) == [{"turn": 2, "kind": "reply_score", "text": "13/100"}]
    own_next = turn(2, "Jo", "anyway", score=5.0)  # the same speaker again is not an answer
    assert _evidence(disclosure, own_next) == [{"turn": 1, "kind": "reply_score", "text": "68/100"}]
