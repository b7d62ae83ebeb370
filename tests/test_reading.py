"""The text table: each distinct text read once per model, forgotten on request."""

from __future__ import annotations

import numpy as np

from attunement.reading import TextTable


def test_texts_are_read_once_and_forgotten_on_request():
    table = TextTable()
    table.read(["hello there", "hello there", "", "I miss you"])
    first = table.vectors(["hello there"])
    assert set(table._cues) == {"hello there", "I miss you"}
    table.read(["hello there"])  # nothing new to encode
    assert np.array_equal(table.vectors(["hello there"]), first)
    table.reply_vectors(["I miss you"])
    table.forget(keep=["I miss you"])
    assert set(table._cues) == {"I miss you"} and set(table._reply_vectors) == {"I miss you"}


def test_reply_vectors_are_the_reply_models_own():
    table = TextTable()
    cue, reply = table.vectors(["that sounds hard"]), table.reply_vectors(["that sounds hard"])
    assert cue.shape == reply.shape and not np.allclose(cue, reply)
