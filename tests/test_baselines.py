"""The NRCLex and VADER baselines: shapes, mapping, prediction rules, edge inputs."""

from __future__ import annotations

import sys

import numpy as np
import pytest

# Both tools are the optional ``eval`` extra; without it there is nothing to test here.
pytest.importorskip("nrclex", reason="NRCLex is part of the optional 'eval' extra")
pytest.importorskip("vaderSentiment", reason="vaderSentiment is part of the optional 'eval' extra")

from attunement.baselines import (  # noqa: E402
    BASELINES,
    MAPPING_NOTES,
    NRCLEX_TO_GOEMOTIONS,
    SENTIMENT_LABELS,
    Baseline,
    NRCLexBaseline,
    VaderBaseline,
    nrclex_tokens,
    predict_emotions,
    predict_sentiment,
)
from attunement.datasets import GOEMOTIONS_LABELS  # noqa: E402
from attunement.errors import AttunementError  # noqa: E402

ANGRY = "I am furious and disgusted"
HAPPY = "I love this, it's wonderful!"
EDGE = ["", "   ", "😡🙂", "12345 !!!"]


def col(label: str) -> int:
    return GOEMOTIONS_LABELS.index(label)


@pytest.fixture(scope="module")
def nrc() -> NRCLexBaseline:
    return NRCLexBaseline()


@pytest.fixture(scope="module")
def vader() -> VaderBaseline:
    return VaderBaseline()


def test_both_satisfy_the_protocol_and_registry(nrc: NRCLexBaseline, vader: VaderBaseline) -> None:
    baselines: list[Baseline] = [nrc, vader]
    assert [b.name for b in baselines] == ["nrclex", "vader"]
    assert set(BASELINES) == {"nrclex", "vader"} == set(MAPPING_NOTES)
    assert nrc.label_names == GOEMOTIONS_LABELS
    assert vader.label_names == SENTIMENT_LABELS


def test_mapping_targets_are_goemotions_labels() -> None:
    assert set(NRCLEX_TO_GOEMOTIONS.values()) <= set(GOEMOTIONS_LABELS)
    assert NRCLEX_TO_GOEMOTIONS["anticipation"] == "optimism"
    assert NRCLEX_TO_GOEMOTIONS["trust"] == "admiration"
    assert "positive" not in NRCLEX_TO_GOEMOTIONS and "negative" not in NRCLEX_TO_GOEMOTIONS


def test_nrclex_shapes(nrc: NRCLexBaseline) -> None:
    texts = [ANGRY, HAPPY, "plain words here"]
    assert nrc.emotion_scores(texts).shape == (3, 28)
    assert nrc.vad(texts).shape == (3, 3)
    assert nrc.sentiment(texts).shape == (3,)
    assert nrc.emotion_scores([]).shape == (0, 28)
    assert nrc.vad([]).shape == (0, 3)
    assert nrc.sentiment([]).shape == (0,)


def test_nrclex_angry_text(nrc: NRCLexBaseline) -> None:
    scores = nrc.emotion_scores([ANGRY])[0]
    assert scores[col("anger")] > 0
    assert scores[col("disgust")] > 0
    assert scores[col("joy")] == 0
    assert scores[col("neutral")] == 0
    assert nrc.sentiment([ANGRY])[0] < 0
    assert nrc.vad([ANGRY])[0, 0] < 0


def test_nrclex_happy_text(nrc: NRCLexBaseline) -> None:
    scores = nrc.emotion_scores([HAPPY])[0]
    assert scores[col("joy")] > 0
    assert scores[col("anger")] == 0
    assert nrc.sentiment([HAPPY])[0] > 0
    valence, arousal, dominance = nrc.vad([HAPPY])[0]
    assert valence > 0
    assert 0 < arousal <= 1
    assert np.isnan(dominance)


def test_nrclex_unmapped_columns_are_nan_and_mapped_ones_are_not(nrc: NRCLexBaseline) -> None:
    scores = nrc.emotion_scores([ANGRY, HAPPY, ""])
    mapped = {col(label) for label in NRCLEX_TO_GOEMOTIONS.values()} | {col("neutral")}
    for j, label in enumerate(GOEMOTIONS_LABELS):
        if j in mapped:
            assert not np.isnan(scores[:, j]).any(), label
            assert ((scores[:, j] >= 0) & (scores[:, j] <= 1)).all(), label
        else:
            assert np.isnan(scores[:, j]).all(), label
    assert np.isnan(scores[:, col("gratitude")]).all()
    assert len(mapped) == 9


def test_nrclex_frequencies_are_shares_of_all_affect_hits(nrc: NRCLexBaseline) -> None:
    # "furious" is anger, disgust, negative in the NRC lexicon: each a third of the hits.
    scores = nrc.emotion_scores(["furious"])[0]
    assert scores[col("anger")] == pytest.approx(1 / 3)
    assert scores[col("disgust")] == pytest.approx(1 / 3)


def test_nrclex_tokens_fold_plurals_possessives_and_curly_apostrophes(nrc: NRCLexBaseline) -> None:
    lexicon = nrc._lexicon
    assert "friends" not in lexicon and "friend" in lexicon
    assert nrclex_tokens("My FRIENDS’ Nightmares", lexicon) == ["my", "friend", "nightmare"]
    assert nrclex_tokens("don’t", lexicon) == ["don't"]
    assert nrclex_tokens("class", lexicon) == ["class"]  # -ss is not a plural
    assert nrclex_tokens("😡 123", lexicon) == []


def test_nrclex_edge_inputs_are_neutral_zero(nrc: NRCLexBaseline) -> None:
    scores = nrc.emotion_scores(EDGE)
    mapped = [col(label) for label in NRCLEX_TO_GOEMOTIONS.values()]
    assert (scores[:, mapped] == 0).all()
    assert (scores[:, col("neutral")] == 1).all()
    vad = nrc.vad(EDGE)
    assert (vad[:, :2] == 0).all() and np.isnan(vad[:, 2]).all()
    assert (nrc.sentiment(EDGE) == 0).all()


def test_nrclex_predict_labels_rule(nrc: NRCLexBaseline) -> None:
    hot = nrc.predict_labels(nrc.emotion_scores([ANGRY, "", "grateful"]))
    assert hot.shape == (3, 28)
    assert set(np.unique(hot)) <= {0, 1}
    assert hot[0, col("anger")] == 1 and hot[0, col("disgust")] == 1 and hot[0, col("neutral")] == 0
    assert hot[1].sum() == 1 and hot[1, col("neutral")] == 1
    # "grateful" is only "positive" in NRC: sentiment, no emotion label, so neutral.
    assert hot[2].sum() == 1 and hot[2, col("neutral")] == 1


def test_predict_emotions_ignores_nan_and_sets_neutral_when_nothing_fires() -> None:
    scores = np.full((2, 28), np.nan)
    scores[0, col("joy")] = 0.5
    hot = predict_emotions(scores)
    assert hot[0, col("joy")] == 1 and hot[0, col("neutral")] == 0 and hot[0].sum() == 1
    assert hot[1, col("neutral")] == 1 and hot[1].sum() == 1
    with pytest.raises(ValueError):
        predict_emotions(np.zeros((2, 6)))


def test_predict_sentiment_thresholds() -> None:
    hot = predict_sentiment(np.array([0.06, 0.05, 0.0, -0.05, -0.06, 1.0, -1.0]))
    expected = ["positive", "neutral", "neutral", "neutral", "negative", "positive", "negative"]
    assert [SENTIMENT_LABELS[i] for i in hot.argmax(axis=1)] == expected
    assert (hot.sum(axis=1) == 1).all()
    with pytest.raises(ValueError):
        predict_sentiment(np.zeros((2, 2)))


def test_vader_has_no_emotions(vader: VaderBaseline) -> None:
    assert vader.emotion_scores([HAPPY, ANGRY]) is None


def test_vader_scores(vader: VaderBaseline) -> None:
    compound = vader.sentiment([HAPPY, ANGRY, "The meeting is at noon."])
    assert compound.shape == (3,)
    assert compound[0] > 0.5
    assert compound[1] < -0.5
    assert compound[2] == 0
    vad = vader.vad([HAPPY, ANGRY, "The meeting is at noon."])
    assert vad.shape == (3, 3)
    np.testing.assert_allclose(vad[:, 0], compound)
    assert vad[0, 1] > 0.5 and vad[1, 1] > 0.5 and vad[2, 1] == 0
    assert np.isnan(vad[:, 2]).all()
    labels = vader.predict_labels(compound)
    assert [SENTIMENT_LABELS[i] for i in labels.argmax(axis=1)] == ["positive", "negative", "neutral"]


def test_vader_edge_inputs(vader: VaderBaseline) -> None:
    compound = vader.sentiment(EDGE)
    assert compound[0] == 0 and compound[1] == 0  # empty and blank: all zeros
    assert compound[2] > 0  # VADER reads 🙂 as positive through its emoji descriptions
    assert compound[3] == 0
    vad = vader.vad(EDGE)
    # Arousal is pos + neg, so empty text (where VADER's neu is also 0) gets 0, not 1.
    assert vad[0, 1] == 0 and vad[1, 1] == 0
    assert np.isfinite(vad[:, :2]).all() and (np.abs(vad[:, :2]) <= 1).all()
    assert vader.sentiment([]).shape == (0,) and vader.vad([]).shape == (0, 3)


def test_missing_tool_raises_e024(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "nrclex", None)
    with pytest.raises(AttunementError) as info:
        NRCLexBaseline()
    assert info.value.code == "E024"
    assert "NRCLex is not installed" in str(info.value)
    assert "attunement[eval]" in str(info.value)

    monkeypatch.setitem(sys.modules, "vaderSentiment.vaderSentiment", None)
    with pytest.raises(AttunementError, match=r"\[E024\] vaderSentiment is not installed"):
        VaderBaseline()
