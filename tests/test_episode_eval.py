"""Rupture and repair detection on the labelled test conversations (slow), and the matching rule."""

from __future__ import annotations

import pytest

from attunement.episode_eval import evaluate_episodes, match, prf

# Figures the shipped detector does not reach yet are strict xfails (none at present): once a
# detector reaches them, the suite turns red until the mark is removed.
NOT_YET: dict[str, str] = {}


def test_matching_is_one_to_one_within_the_tolerance():
    assert match([2, 8], [3, 4, 12]) == [(2, 3)]
    assert sorted(match([1, 2], [1, 2])) == [(1, 1), (2, 2)]
    assert match([5], [7]) == []


def test_prf_of_nothing_found_is_zero():
    assert prf(0, 0, 3)["f1"] == 0.0
    assert prf(2, 2, 2)["f1"] == 1.0


@pytest.fixture(scope="module")
def figures() -> dict:
    return evaluate_episodes("test")


@pytest.mark.slow
@pytest.mark.parametrize(
    "kind",
    [
        pytest.param(k, marks=[pytest.mark.xfail(strict=True, reason=NOT_YET[k])] if k in NOT_YET else [])
        for k in ("rupture", "repair")
    ],
)
def test_detection_f1_reaches_0_8_on_the_test_conversations(figures, kind):
    assert figures[kind]["f1"] >= 0.8
    assert figures["conversations"] >= 20
