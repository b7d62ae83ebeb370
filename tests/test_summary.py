"""The plain-language summary: headline, the moment that mattered, what to practise, the limits."""

from __future__ import annotations

from attunement.capacities import CAPACITIES
from attunement.summary import LIMITS, PRACTICE, PRACTICE_FOR, PRACTICE_SAFETY, need_of, summarise


def profile(means: dict[str, float], landed: int = 0) -> dict:
    return {
        "capacities": {c: {"mean": means.get(c, 0.8), "sd": 0.1} for c in CAPACITIES},
        "repairs": {"attempted": landed, "landed": landed},
    }


def report(episodes: list[dict], turns: list[dict] | None = None) -> dict:
    return {
        "episodes": episodes,
        "turns": turns or [],
        "speakers": {"A": profile({"curiosity": 0.2}, landed=1), "B": profile({"naming": 0.1})},
    }


def test_no_rupture_headline_and_the_best_reply_as_the_moment():
    turns = [
        {"index": 0, "assessment": None, "safety": None},
        {"index": 1, "assessment": {"score": 81.0}, "safety": None},
    ]
    found = summarise(report([], turns))
    assert found["headline"].startswith("No rupture")
    assert found["moment"]["turn"] == 1
    assert found["limits"] == LIMITS and found["safety"] == []


def test_a_landed_repair_is_the_moment_and_each_person_practises_their_weakest():
    ep = {"start": 2, "repair": 4, "status": "repaired", "who_repaired": "A", "trigger": "criticism"}
    found = summarise(report([ep]))
    assert found["headline"] == "1 rupture found: 1 repaired."
    assert found["moment"]["turn"] == 4
    # with no replies to show it on, each practises their weakest in the general words
    assert found["practise"] == {"A": PRACTICE["curiosity"], "B": PRACTICE["naming"]}
    assert any("repaired 1 time" in line for line in found["went_well"])


def test_safety_notices_are_collected_once():
    notice = {"message": "Please reach out."}
    turns = [{"index": i, "assessment": None, "safety": notice} for i in range(3)]
    assert summarise(report([], turns))["safety"] == ["Please reach out."]


def reply(index: int, speaker: str, score: float, responds_to: int, **extra) -> dict:
    caps = {c: 0.5 for c in CAPACITIES}
    assessment = {
        "responds_to": responds_to,
        "score": score,
        "capacities": caps,
        "markers": [],
        "evidence": {},
    }
    assessment.update(extra)
    return {
        "index": index,
        "speaker": speaker,
        "text": f"reply {index}",
        "assessment": assessment,
        "need": None,
        "cues": None,
        "safety": None,
    }


def said(index: int, speaker: str, text: str, need: str, **emotions: float) -> dict:
    return {
        "index": index,
        "speaker": speaker,
        "text": text,
        "assessment": None,
        "safety": None,
        "need": {"label": need},
        "cues": {"emotions": emotions},
    }


def two(turns: list[dict], episodes: list[dict] | None = None) -> dict:
    return {
        "episodes": episodes or [],
        "turns": turns,
        "speakers": {"A": profile({"curiosity": 0.2}), "B": profile({"curiosity": 0.3})},
    }


def test_went_well_cites_each_speakers_best_reply_and_what_it_did():
    open_q = {"side": "reply", "kind": "open", "start": 0, "end": 5, "text": "How?"}
    turns = [
        said(0, "A", "I passed my test!", "celebration"),
        reply(1, "B", 90.0, 0, evidence={"curiosity": [open_q]}),
        reply(2, "A", 75.0, 1),
    ]
    well = summarise(two(turns))["went_well"]
    assert well[0].startswith("A at turn 3 (75/100)")
    assert well[1] == 'B at turn 2 (90/100) asked an open question ("How?").'


def test_went_well_never_praises_a_reply_where_a_rupture_began():
    turns = [said(0, "A", "hi", "none"), reply(1, "B", 80.0, 0), reply(2, "A", 20.0, 1)]
    ep = {"start": 1, "repair": None, "status": "unrepaired", "who_repaired": None, "trigger": "criticism"}
    well = summarise(two(turns, [ep]))["went_well"]
    assert not any(line.startswith("B at turn 2") for line in well)
    assert any(line.startswith("Nothing in B's replies stood out") for line in well)


def test_went_well_says_honestly_when_nothing_stood_out():
    turns = [said(0, "A", "hi", "none"), reply(1, "B", 32.0, 0), reply(2, "A", 20.0, 1)]
    well = summarise(two(turns))["went_well"]
    assert well == [
        "Nothing in A's replies stood out as especially attuned this time (their highest: turn 3, 20/100).",
        "Nothing in B's replies stood out as especially attuned this time (their highest: turn 2, 32/100).",
    ]


def test_practise_differs_per_speaker_and_fits_the_need_it_answered():
    turns = [
        said(0, "A", "My dad died last night.", "comfort", sadness=0.4),
        reply(1, "B", 10.0, 0),
        said(2, "B", "I got the job!!", "celebration"),
        reply(3, "A", 15.0, 2),
    ]
    practise = summarise(two(turns))["practise"]
    assert practise["B"].startswith(
        "At turn 1 A seemed to be grieving, and B's reply at turn 2 scored 10/100."
    )
    assert practise["B"].endswith(PRACTICE_FOR["curiosity"]["grief"])
    assert practise["A"].endswith(PRACTICE_FOR["curiosity"]["celebration"])
    assert practise["A"] != practise["B"]
    assert "frustrating" not in practise["A"] + practise["B"]


def test_a_weak_strongest_capacity_is_not_praised_regression():
    # "lol same" to "I want to kill myself": its best capacity was still weak, so nothing is praised.
    weak = {c: 0.4 for c in CAPACITIES}
    found = summarise({"episodes": [], "turns": [], "speakers": {"B": profile(weak)}})
    assert not any("strongest" in line for line in found["went_well"])


def test_a_need_set_aside_or_ruled_out_is_not_worded_regression():
    # A crisis turn was practised as "Jo seemed to need some space", and "You ALWAYS do this!!"
    # (read as celebration, ruled out by its words) as "Sam was sharing good news".
    crisis = {"text": "I don't want to be here", "need": {"label": "space", "overridden_by": "safety"}}
    ruled = {"text": "You ALWAYS do this!!", "need": {"label": "celebration", "ruled_out": ["celebration"]}}
    assert need_of(crisis) is None and need_of(ruled) is None
    assert need_of({"text": "I got the job!!", "need": {"label": "celebration"}}) == "celebration"


def test_a_reply_to_crisis_language_practises_the_safety_move_regression():
    turns = [
        said(0, "A", "I don't want to be here anymore", "space"),
        reply(1, "B", 10.0, 0),
    ]
    turns[0]["safety"] = {"kind": "self_harm", "message": "This needs more than a well-tuned reply."}
    practise = summarise(two(turns))["practise"]
    assert practise["B"].endswith(PRACTICE_SAFETY) and "space" not in practise["B"]


def test_the_moment_of_a_break_shown_by_a_low_answer_is_that_answer_regression():
    episode = {
        "start": 1,
        "repair": None,
        "status": "unrepaired",
        "trigger": "misattuned_reply",
        "who_repaired": None,
        "evidence": [{"turn": 2, "kind": "reply_score", "text": "13/100"}],
    }
    found = summarise({"episodes": [episode], "turns": [], "speakers": {}})
    assert found["moment"]["turn"] == 2
