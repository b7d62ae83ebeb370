"""check_draft: the writer's state in a draft, before it is sent."""

from __future__ import annotations

import pytest

from attunement import check_draft
from attunement.errors import AttunementError


def test_a_flooded_draft_warns_with_its_spans():
    found = check_draft("I CAN'T BELIEVE YOU!!! you ALWAYS do this, you're pathetic")
    assert found.flooded
    assert found.warnings
    kinds = {m["kind"] for m in found.markers}
    assert {"caps", "exclamation", "contempt"} <= kinds
    for m in found.markers:
        assert found.text[m["start"] : m["end"]] == m["text"]


def test_a_calm_draft_passes():
    found = check_draft("I'm sorry, that came out wrong. Can we talk tonight?")
    assert not found.flooded and not found.warnings and not found.markers
    assert "No flooding" in found.headline


def test_horsemen_warn_even_when_not_flooded():
    found = check_draft("whatever.")
    assert not found.flooded
    assert any("shuts the talk down" in w for w in found.warnings)


def test_quoted_shouting_is_not_the_writer_flooding():
    assert not check_draft('she wrote "YOU ARE AN IDIOT!!" on the wall, can you believe it').flooded


def test_an_empty_draft_is_an_error():
    with pytest.raises(AttunementError):
        check_draft("  ")


def test_to_dict_round_trips_the_fields():
    data = check_draft("fine.").to_dict()
    assert set(data) == {
        "text",
        "flooded",
        "flooding_score",
        "arousal",
        "valence",
        "markers",
        "warnings",
        "safety",
        "headline",
    }


def test_regression_a_repeated_attack_gave_the_same_tip_three_times():
    found = check_draft("you never call. you never text. you never listen!!")
    criticism = [w for w in found.warnings if w.startswith("Criticism")]
    assert len(criticism) == 1 and criticism[0].count('"you never"') == 1
    assert len([m for m in found.markers if m["kind"] == "criticism"]) == 3  # every span still marked


def test_a_crisis_draft_gets_the_safety_notice_first_regression():
    result = check_draft("I want to kill myself")
    assert result.safety is not None and result.safety.kind == "self_harm"
    assert "No flooding" not in result.headline
    assert result.to_dict()["safety"]["kind"] == "self_harm"


@pytest.mark.parametrize("draft", ["I'm so proud of you!!! 🎉", "YESSS!!! I PASSED!!!", "Congratulations!!"])
def test_exclamations_in_joy_are_not_flooding_regression(draft):
    result = check_draft(draft)
    assert not result.flooded and not result.warnings and result.markers == []
    assert result.safety is None


def test_exclamations_in_an_attack_still_count():
    result = check_draft("You ALWAYS do this!! I'm SO done")
    assert result.flooded and {"exclamation", "absolute"} <= {m["kind"] for m in result.markers}
