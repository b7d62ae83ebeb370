"""The plain-language summary: headline, the moment that mattered, what to practise, the limits."""

from __future__ import annotations

from attunement.capacities import CAPACITIES
from attunement.summary import LIMITS, PRACTICE, summarise


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
    assert found["practise"] == {"A": PRACTICE["curiosity"], "B": PRACTICE["naming"]}
    assert any("repaired 1 time" in line for line in found["went_well"])


def test_safety_notices_are_collected_once():
    notice = {"message": "Please reach out."}
    turns = [{"index": i, "assessment": None, "safety": notice} for i in range(3)]
    assert summarise(report([], turns))["safety"] == ["Please reach out."]


def test_a_weak_strongest_capacity_is_not_praised_regression():
    # "lol same" to "I want to kill myself": its best capacity was still weak, so nothing is praised.
    weak = {c: 0.4 for c in CAPACITIES}
    found = summarise({"episodes": [], "turns": [], "speakers": {"B": profile(weak)}})
    assert not any("strongest" in line for line in found["went_well"])
