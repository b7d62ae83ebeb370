"""The evaluation metrics, on cases small enough to check by hand."""

from __future__ import annotations

import numpy as np

from attunement.metrics import best_thresholds, f1_per_label, group, macro_f1, multi_hot, pearson


def test_multi_hot():
    assert multi_hot([[0, 2], [1]], n=3).tolist() == [[1, 0, 1], [0, 1, 0]]


def test_f1_by_hand():
    gold = np.array([[1, 0], [1, 0], [0, 1]])
    pred = np.array([[1, 0], [0, 0], [0, 0]])
    # label 0: tp 1, fp 0, fn 1 -> 2/3; label 1: never predicted, present once -> 0
    assert np.allclose(f1_per_label(gold, pred), [2 / 3, 0.0])
    assert np.isclose(macro_f1(gold, pred), 1 / 3)


def test_best_thresholds_separate_the_classes():
    gold = np.array([[1], [1], [0], [0]])
    probs = np.array([[0.9], [0.6], [0.4], [0.1]])
    t = best_thresholds(gold, probs)[0]
    assert 0.4 < t <= 0.6


def test_group_takes_the_max():
    m = np.array([[0.1, 0.7, 0.2]])
    out = group(m, {"x": ["a", "b"], "y": ["c"]}, ["a", "b", "c"])
    assert out.tolist() == [[0.7, 0.2]]


def test_pearson_constant_is_zero():
    assert pearson(np.ones(3), np.arange(3)) == 0.0
    assert np.isclose(pearson(np.arange(5), 2 * np.arange(5) + 1), 1.0)
