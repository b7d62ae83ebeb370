"""The overall 0-100 score: a pairwise ranker over everything read about a reply, learned on dev.

The six capacities are hand-set, readable formulas; how they add up to "how attuned is this
reply" is learned. A linear score over the capacities, the reply model's outputs, the cue
model's tone of both texts, need-by-move interactions (does this kind of reply fit that need?),
the reply-message relation vector (reply vector times message vector, from the reply encoder),
the reply's own reply-encoder vector and the relation of the two texts' cue-encoder vectors was
fitted on the labelled dev pairs so that the more attuned reply scores higher
(pairwise logistic loss), and anchored across messages: better replies are attuned, worse
ones and bare brush-offs to emotional messages are not (pointwise logistic loss); L2 chosen by
cross-validation within dev (:mod:`attunement.training.overall`). The score is
``100 * sigmoid(w.x + b)``: about how likely a reply like this is the attuned one; a reply with
one of :data:`attunement.capacities.COSTLY_HORSEMEN` then costs
:data:`attunement.capacities.HORSEMAN_COST` points, and one that dismisses or mind-reads the
feeling :data:`attunement.capacities.DISMISSING_COST`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache

import numpy as np

from attunement.capacities import (
    CAPACITIES,
    COSTLY_HORSEMEN,
    DISMISSING_COST,
    HORSEMAN_COST,
    Readings,
    Verdict,
    capacity_scores,
    emotional_fit,
    heat,
    moves,
)
from attunement.errors import AttunementError
from attunement.models import model_dir, read_config, read_npz
from attunement.needs import NEEDS
from attunement.notice import markers_of

OVERALL_MODEL = "overall-v13"
MOVES = ("advice", "celebrate", "defend", "feelings", "long", "question", "repair")
BEHAVIOURS = ("question", "reflection", "therapist_input", "other")


# The vector inputs, after the named ones: the reply-message relation (reply encoder), the reply
# as the reply encoder reads it on its own, and the relation of the two texts' feelings (cue
# encoder). Both encoders already ran for the capacities; the ranker only reads their vectors.
VECTOR_BLOCKS = ("relation", "reply_vector", "cue_relation")


def vector_blocks(r: Readings) -> list[np.ndarray]:
    """The vector inputs of one reply, in :data:`VECTOR_BLOCKS` order."""
    return [getattr(r, block) for block in VECTOR_BLOCKS]


def feature_names(dims: Sequence[int] = (0, 0, 0)) -> list[str]:
    """Names of the ranker's inputs; ``dims`` are the lengths of the :data:`VECTOR_BLOCKS`."""
    names = [f"capacity:{c}" for c in CAPACITIES]
    names += [f"epitome:{h}" for h in ("ER", "IP", "EX")] + [f"behaviour:{b}" for b in BEHAVIOURS]
    names += ["question_open", "reflection_complex", "relatedness", "heat", "emotional_fit"]
    names += ["intensity_gap", "intensity_miss", "reply_valence", "reply_arousal"]
    names += [f"need_move:{n}:{m}" for n in NEEDS for m in MOVES]
    return names + [f"{block}:{i}" for block, d in zip(VECTOR_BLOCKS, dims) for i in range(d)]


def features(r: Readings, capacities: dict[str, float] | None = None) -> np.ndarray:
    """The ranker's inputs for one reply, in :func:`feature_names` order."""
    caps = capacities or capacity_scores(r)[0]
    kinds = moves(r)
    need = r.need.probabilities
    row = [caps[c] for c in CAPACITIES]
    row += [r.epitome[h] for h in ("ER", "IP", "EX")] + [r.behaviour.get(b, 0.0) for b in BEHAVIOURS]
    row += [
        r.question_open,
        r.reflection_complex,
        r.relatedness,
        heat(r),
        emotional_fit(r.message_cues, r.reply_cues),
    ]
    row += [r.intensity_gap, abs(r.intensity_gap), r.reply_cues.valence - 3.0, r.reply_cues.arousal - 3.0]
    row += [need[n] * kinds[m] for n in NEEDS for m in MOVES]
    vectors = (v.astype(np.float64) for v in vector_blocks(r))
    return np.concatenate([np.asarray(row, dtype=np.float64), *vectors])


class OverallModel:
    """``100 * sigmoid(w . (x - mean) / scale + b)`` over :func:`features`."""

    def __init__(self, weights: np.ndarray, mean: np.ndarray, scale: np.ndarray, bias: float) -> None:
        self.weights, self.mean, self.scale, self.bias = weights, mean, scale, bias

    def margin(self, x: np.ndarray) -> np.ndarray:
        return ((x - self.mean) / self.scale) @ self.weights

    def score(self, x: np.ndarray) -> np.ndarray:
        return 100.0 / (1.0 + np.exp(-(self.margin(x) + self.bias)))


@cache
def load_overall_model(name: str = OVERALL_MODEL) -> OverallModel:
    read_config(model_dir(name))
    arrays = read_npz(model_dir(name) / "ranker.npz")
    if len(arrays["weights"]) != len(arrays["mean"]):
        raise AttunementError("E021", path=str(model_dir(name)), problem="weights and scaling differ")
    return OverallModel(arrays["weights"], arrays["mean"], arrays["scale"], float(arrays["bias"]))


_SCORING: list[OverallModel] = []  # rankers in use instead of the shipped one, innermost last


@contextmanager
def scoring_with(model: OverallModel) -> Iterator[None]:
    """Score replies with ``model`` instead of the shipped ranker inside the block. For training
    only: the rupture detector is fitted on reply scores from rankers that never saw the
    conversation (:mod:`attunement.training.episodes`)."""
    _SCORING.append(model)
    try:
        yield
    finally:
        _SCORING.pop()


def judge(r: Readings) -> Verdict:
    """Score the six capacities, the overall 0-100 score, markers and evidence of one pair."""
    capacities, evidence = capacity_scores(r)
    if r.safety is not None:
        # The labelled pairs keep crisis language out, so the learned score has never seen it (it
        # put "ok, talk later" above "I'm really glad you told me. Are you safe right now?"): the
        # score is then the safety fit that responsive action reads (taking it seriously, asking).
        score = 100.0 * capacities["responsive_action"]
    else:
        ranker = _SCORING[-1] if _SCORING else load_overall_model()
        score = float(ranker.score(features(r, capacities)[None, :])[0])
    score -= HORSEMAN_COST * bool(r.reply_signals.of("horsemen", *COSTLY_HORSEMEN))
    score -= DISMISSING_COST * bool(r.reply_signals.of("emotion_words", "assuming"))
    markers = [s.to_dict() for s in markers_of(r.reply_cues, r.reply_signals)]
    markers.sort(key=lambda m: (m["start"], m["kind"]))
    return Verdict(round(max(0.0, min(100.0, score)), 1), capacities, markers, evidence)
