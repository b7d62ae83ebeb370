"""The encoder: loaded once, deterministic across batches, clear errors for missing files."""

from __future__ import annotations

import numpy as np
import pytest

from attunement.encoder import Encoder
from attunement.errors import AttunementError
from attunement.models import load_cue_model, model_dir


def test_model_loads_once_per_process():
    assert load_cue_model() is load_cue_model()


def test_vectors_identical_alone_and_batched_across_lengths():
    encoder = load_cue_model().encoder
    texts = ["ok", "fine then", "I really did not expect that from you", "ok", "what?", "a " * 300]
    batch = encoder.encode(texts)
    for i, text in enumerate(texts):
        assert np.array_equal(encoder.encode([text])[0], batch[i])
    assert np.array_equal(batch[0], batch[3])
    assert batch.shape == (6, encoder.dim) and batch.dtype == np.float32


def test_empty_batch():
    assert load_cue_model().encoder.encode([]).shape == (0, load_cue_model().encoder.dim)


def test_token_counts_see_past_truncation():
    encoder = load_cue_model().encoder
    vectors, counts = encoder.encode_counted(["word " * 500, "word"])
    assert counts[0] == 502 and counts[1] == 3  # [CLS] + words + [SEP], before the cut at max_tokens
    assert np.array_equal(vectors[0], encoder.encode(["word " * 300])[0])  # both cut to the same 128


def test_missing_model_files_are_e021(tmp_path):
    with pytest.raises(AttunementError) as info:
        Encoder(tmp_path)
    assert info.value.code == "E021"


def test_shipped_model_folder_is_complete():
    names = {p.name for p in model_dir().iterdir()}
    assert {
        "encoder.onnx",
        "tokenizer.json",
        "heads.npz",
        "tfidf.npz",
        "config.json",
        "MODEL_CARD.md",
    } <= names
