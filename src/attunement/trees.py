"""Boosted decision trees at run time: numpy only, read from a model's ``config.json``.

The trees are fitted at training time (scikit-learn's histogram gradient boosting, in the
``train`` extra) and exported as flat node arrays; scoring walks every tree for every row at
once, a block of rows at a time so memory stays bounded for very long conversations.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

BLOCK = 4096  # rows scored at a time


@dataclass(frozen=True)
class Trees:
    """A sum of regression trees on a logistic scale: ``p = sigmoid(baseline + sum of leaves)``.

    Node arrays are ``(n_trees, n_nodes)``, padded; node 0 is each tree's root. A row goes left
    when ``x[feature] <= threshold``; a leaf's ``value`` is its contribution."""

    baseline: float
    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    leaf: np.ndarray
    depth: int

    def raw(self, x: np.ndarray) -> np.ndarray:
        """The summed log-odds of each row of ``x``."""
        out = np.empty(len(x))
        trees = np.arange(len(self.feature))[:, None]
        for lo in range(0, len(x), BLOCK):
            block = x[lo : lo + BLOCK]
            rows = np.arange(len(block))[None, :]
            node = np.zeros((len(self.feature), len(block)), dtype=np.int64)
            for _ in range(self.depth):
                go_left = block[rows, self.feature[trees, node]] <= self.threshold[trees, node]
                step = np.where(go_left, self.left[trees, node], self.right[trees, node])
                node = np.where(self.leaf[trees, node], node, step)
            out[lo : lo + BLOCK] = self.baseline + self.value[trees, node].sum(axis=0)
        return out

    def probability(self, x: np.ndarray) -> np.ndarray:
        return 1 / (1 + np.exp(-self.raw(x)))

    @classmethod
    def from_nodes(cls, baseline: float, trees: list[list[dict[str, Any]]]) -> Trees:
        """From trees given as lists of nodes ``{feature, threshold, left, right, value, leaf}``."""
        width = max(len(t) for t in trees) if trees else 1
        arrays = {
            "feature": np.zeros((len(trees), width), np.int64),
            "threshold": np.zeros((len(trees), width)),
            "left": np.zeros((len(trees), width), np.int64),
            "right": np.zeros((len(trees), width), np.int64),
            "value": np.zeros((len(trees), width)),
            "leaf": np.ones((len(trees), width), bool),
        }
        for i, nodes in enumerate(trees):
            for j, node in enumerate(nodes):
                for key, array in arrays.items():
                    array[i, j] = node[key]
        return cls(float(baseline), depth=_depth(trees), **arrays)

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> Trees:
        """From the exported form (:func:`to_config`): one list per node field, one row per tree."""
        nodes = [[dict(zip(config["fields"], values)) for values in zip(*tree)] for tree in config["trees"]]
        return cls.from_nodes(config["baseline"], nodes)


FIELDS = ("feature", "threshold", "left", "right", "value", "leaf")


def to_config(baseline: float, trees: list[list[dict[str, Any]]]) -> dict[str, Any]:
    """The JSON form of a tree ensemble: per tree, one list per field in :data:`FIELDS`."""
    return {
        "baseline": baseline,
        "fields": list(FIELDS),
        "trees": [[[node[f] for node in nodes] for f in FIELDS] for nodes in trees],
    }


def _depth(trees: list[list[dict[str, Any]]]) -> int:
    """The most splits on any root-to-leaf path (how many steps scoring needs)."""
    deepest = 0
    for nodes in trees:
        stack = [(0, 0)]
        while stack:
            k, d = stack.pop()
            if nodes[k]["leaf"]:
                deepest = max(deepest, d)
            else:
                stack += [(int(nodes[k]["left"]), d + 1), (int(nodes[k]["right"]), d + 1)]
    return deepest
