"""Boosted trees scored with numpy: the same log-odds as the library that fitted them."""

from __future__ import annotations

import json

import numpy as np
import pytest

from attunement import trees as trees_module
from attunement.trees import Trees, to_config


def leaf(value: float) -> dict:
    return {"feature": 0, "threshold": 0.0, "left": 0, "right": 0, "value": value, "leaf": True}


def split(feature: int, threshold: float, left: int, right: int) -> dict:
    return {
        "feature": feature,
        "threshold": threshold,
        "left": left,
        "right": right,
        "value": 0.0,
        "leaf": False,
    }


# x0 <= 1 ? (x1 <= 0 ? 1 : 2) : 3, and a single leaf of 0.5
TWO_LEVELS = [split(0, 1.0, 1, 2), split(1, 0.0, 3, 4), leaf(3.0), leaf(1.0), leaf(2.0)]


def test_each_row_follows_its_own_path_and_the_leaves_add_up():
    model = Trees.from_nodes(-1.0, [TWO_LEVELS, [leaf(0.5)]])
    x = np.array([[0.0, -1.0], [0.0, 5.0], [2.0, -1.0], [1.0, 0.0]])
    assert model.depth == 2
    assert model.raw(x).tolist() == [0.5, 1.5, 2.5, 0.5]
    assert model.probability(x)[2] == pytest.approx(1 / (1 + np.exp(-2.5)))


def test_the_json_form_round_trips(monkeypatch):
    config = json.loads(json.dumps(to_config(0.25, [TWO_LEVELS])))
    x = np.random.default_rng(0).normal(size=(50, 2))
    assert np.array_equal(Trees.from_config(config).raw(x), Trees.from_nodes(0.25, [TWO_LEVELS]).raw(x))
    # rows scored a block at a time give the same answer as one block
    monkeypatch.setattr(trees_module, "BLOCK", 7)
    assert np.array_equal(Trees.from_config(config).raw(x), Trees.from_nodes(0.25, [TWO_LEVELS]).raw(x))


def test_exported_trees_score_like_the_fitted_classifier():
    pytest.importorskip("sklearn")
    from attunement.training.episodes import BOOSTING, fit_trees

    rng = np.random.default_rng(1)
    x = rng.normal(size=(400, 4))
    y = ((x[:, 0] + x[:, 1] * x[:, 2]) > 0).astype(float)
    exported = Trees.from_config(fit_trees(x, y, leaves=8, n_trees=30))
    from sklearn.ensemble import HistGradientBoostingClassifier

    weight = np.where(y == 1, len(y) / (2 * y.sum()), len(y) / (2 * (len(y) - y.sum())))
    reference = HistGradientBoostingClassifier(
        max_leaf_nodes=8, max_iter=30, early_stopping=False, **BOOSTING
    ).fit(x, y, sample_weight=weight)
    assert np.allclose(exported.raw(x), reference.decision_function(x), atol=1e-9)
