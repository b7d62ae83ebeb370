"""The overall score: the shipped ranker, and scoring with another one (training only)."""

from __future__ import annotations

import attunement
from attunement.overall import OverallModel, load_overall_model, scoring_with


def test_scoring_with_another_ranker_applies_inside_the_block_only():
    shipped = load_overall_model()
    before = attunement.assess("I got the job!!", "congrats! when do you start?").score
    mirrored = OverallModel(-shipped.weights, shipped.mean, shipped.scale, -shipped.bias)
    with scoring_with(mirrored):
        inside = attunement.assess("I got the job!!", "congrats! when do you start?").score
    after = attunement.assess("I got the job!!", "congrats! when do you start?").score
    assert inside == round(100.0 - before, 1) and after == before
