"""Read each distinct text once: its cues and cue-encoder vector, its reply-model vector, its rules.

Every stage (needs, reply assessment, whole conversations) asks this table for what it needs;
a text is encoded by each model at most once, in batches, however many stages read it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from attunement.models import CueModel, ReplyModel, load_reply_model
from attunement.notice import Cues, read_cues
from attunement.signals import Signals
from attunement.signals import read as read_signals


class TextTable:
    """Cues and vectors of texts, computed in batches on first request and kept."""

    def __init__(self, *, cue_model: CueModel | None = None, reply_model: ReplyModel | None = None) -> None:
        self.cue_model = cue_model
        self.reply_model = reply_model
        self._cues: dict[str, Cues] = {}
        self._vectors: dict[str, np.ndarray] = {}
        self._reply_vectors: dict[str, np.ndarray] = {}
        self._signals: dict[str, Signals] = {}

    def read(self, texts: Iterable[str]) -> TextTable:
        """Read the cues of every text not read yet (one batch); empty texts are skipped."""
        missing = list(dict.fromkeys(t for t in texts if t.strip() and t not in self._cues))
        if missing:
            found, vectors = read_cues(missing, model=self.cue_model)
            for text, c, v in zip(missing, found, vectors):
                self._cues[text], self._vectors[text] = c, v
        return self

    def cues(self, text: str) -> Cues:
        return self.read([text])._cues[text]

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        """Cue-encoder vectors, one row per text."""
        self.read(texts)
        return np.stack([self._vectors[t] for t in texts]) if texts else np.zeros((0, 0), np.float32)

    def reply_vectors(self, texts: Sequence[str]) -> np.ndarray:
        """Reply-model vectors, one row per text."""
        missing = list(dict.fromkeys(t for t in texts if t not in self._reply_vectors))
        if missing:
            model = self.reply_model = self.reply_model or load_reply_model()
            for text, v in zip(missing, model.embed(missing)):
                self._reply_vectors[text] = v
        if not texts:
            return np.zeros((0, 0), np.float32)
        return np.stack([self._reply_vectors[t] for t in texts])

    def signals(self, text: str) -> Signals:
        """Every rule's spans in ``text`` (:func:`attunement.signals.read`), run once per text."""
        found = self._signals.get(text)
        if found is None:
            found = self._signals[text] = read_signals(text)
        return found

    def forget(self, keep: Iterable[str] = ()) -> None:
        """Drop every text but ``keep`` (bounded memory when streaming a long conversation)."""
        kept = set(keep)
        for store in (self._cues, self._vectors, self._reply_vectors, self._signals):
            for text in [t for t in store if t not in kept]:
                del store[text]
