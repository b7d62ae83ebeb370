"""Suggestions: phrases that fit the message's mood and need, silence when nothing needs changing,
no responder coaching for a turn that shares its writer's own feeling."""

from __future__ import annotations

from dataclasses import replace

import pytest

from attunement.assess import read_pairs
from attunement.capacities import CAPACITIES, Verdict
from attunement.suggest import (
    FEELING_LINES,
    NEGATIVE_FEELINGS,
    NEUTRAL_NAMING,
    NOTHING_TO_CHANGE,
    POSITIVE_FEELINGS,
    QUIET_SCORE,
    _feeling,
    _naming,
    own_turn,
    suggestions_for,
)

POSITIVE_LINES = {FEELING_LINES[k] for k in FEELING_LINES if k in POSITIVE_FEELINGS - NEGATIVE_FEELINGS}
NEGATIVE_LINES = {FEELING_LINES[k] for k in FEELING_LINES if k in NEGATIVE_FEELINGS - POSITIVE_FEELINGS}


def readings(message: str, reply: str):
    return read_pairs([(message, reply, [])])[0]


def verdict(score: float, **caps: float) -> Verdict:
    values = {c: caps.get(c, 0.9) for c in CAPACITIES}
    return Verdict(score, values, [], {c: [] for c in CAPACITIES})


@pytest.mark.parametrize(
    "message",
    ["they all went to the other table and laughed when I came over", "can we not talk about it anymore"],
)
def test_no_positive_feeling_line_for_a_hurt_message_regression(message):
    r = readings(message, "ok")
    assert not any(line in tip for tip in _naming(r) for line in POSITIVE_LINES)
    assert _feeling(r) not in POSITIVE_LINES


def test_no_negative_feeling_line_for_good_news_regression():
    r = readings("❤️ see you at 8", "see you")
    assert _feeling(r) not in NEGATIVE_LINES
    assert not any(
        line in tip for tip in suggestions_for(r, verdict(60, naming=0.3)) for line in NEGATIVE_LINES
    )


def test_moods_that_disagree_give_the_neutral_naming_move_regression():
    # The cue model reads "I PASSED!!!" as sad, the need model as good news: no phrase fits.
    r = readings("I PASSED!!!", "ok")
    assert _feeling(r) is None and _naming(r) == [NEUTRAL_NAMING]


def test_a_hurt_message_with_a_negative_need_gets_a_negative_line():
    r = readings("My dad died last night.", "ok")
    assert _feeling(r) in NEGATIVE_LINES


def test_no_naming_tip_when_the_reply_already_names_a_fitting_feeling_regression():
    r = readings("My dad died last night.", "That must have hurt so much. I'm so sorry.")
    assert _naming(r) == []


def test_a_high_score_with_no_weak_capacity_gets_no_suggestion_regression():
    r = readings("I lost my job today", "Oh no, that sounds really hard. What happened?")
    assert suggestions_for(r, verdict(QUIET_SCORE + 5, curiosity=0.65)) == []
    assert suggestions_for(r, verdict(QUIET_SCORE + 5, curiosity=0.3)) != []


def test_no_feelings_question_for_logistics_regression():
    r = readings("what time is the train tomorrow?", "8:15 from platform 2")
    tips = suggestions_for(r, verdict(50, curiosity=0.3, naming=0.3))
    assert not any("hardest part" in t or "open question" in t for t in tips)


def test_questions_vary_by_need():
    news = suggestions_for(readings("I GOT THE JOB!!!", "cool"), verdict(40, curiosity=0.2))
    grief = suggestions_for(readings("My dad died last night.", "ok"), verdict(40, curiosity=0.2))
    asked = [t for t in news + grief if "open question" in t]
    assert len(asked) == 2 and asked[0] != asked[1]


@pytest.mark.parametrize(
    "message, reply",
    [
        ("Nervous makes total sense. What part worries you most?", "Parallel parking 😬"),
        (
            "Ok but the sooner you start the easier it gets. Have you eaten?",
            "I just want someone to sit with me.",
        ),
        ("how was the test?", "I'm so nervous, I think I failed it"),
    ],
)
def test_the_person_sharing_is_not_coached_to_reassure_regression(message, reply):
    r = readings(message, reply)
    assert own_turn(r)
    tips = suggestions_for(r, verdict(40, responsive_action=0.3, naming=0.3, curiosity=0.3, presence=0.3))
    assert not any("Reassure them" in t or "Stay with the hurt" in t or "Listen without" in t for t in tips)


def test_a_responder_is_still_coached_to_reassure():
    r = readings("I'm so scared we're going to break up", "ok")
    assert not own_turn(r)


def test_crisis_overrides_the_need_in_suggestions_regression():
    r = readings("I want to kill myself", "lol same")
    tips = suggestions_for(r, verdict(20, responsive_action=0.1))
    assert tips[0].startswith("This needs more than a well-tuned reply")
    assert not any("Give them room" in t for t in tips)


def test_a_ruled_out_need_gets_no_need_move():
    r = readings("You ALWAYS do this. They've been planning this for weeks!!", "ok")
    r = replace(r, need=replace(r.need, label="celebration", ruled_out=("celebration",)))
    assert not any("Celebrate" in t for t in suggestions_for(r, verdict(30, responsive_action=0.2)))


def test_a_low_score_whose_moves_are_all_gated_out_still_gets_a_move_regression():
    # "That's not fair, I'm exhausted and you know it" (5/100, defensiveness) read "Nothing to change
    # here.": its weak capacities' moves were all withheld for a turn about the writer's own state.
    r = readings(
        "You ALWAYS do this. They've been planning this for weeks!!",
        "That's not fair, I'm exhausted and you know it",
    )
    tips = suggestions_for(r, verdict(5, curiosity=0.3, responsive_action=0.2))
    assert tips and all(t != NOTHING_TO_CHANGE for t in tips)
