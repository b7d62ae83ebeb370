"""Word features beside the encoder: sublinear TF-IDF over word unigrams and bigrams.

The fine-tuned encoder reads meaning; these sparse features keep exact words (swearing,
"thanks", "congrats") that a small encoder blurs. Fitted by the training code, applied
here with numpy alone: a text's features are a handful of (column, weight) pairs, and a
linear head over them is a gather and a weighted sum.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

_WORD = re.compile(r"[a-z0-9']+|[!?]")


def terms(text: str) -> list[str]:
    """Lowercased words, ``!`` and ``?`` marks, and adjacent-word bigrams."""
    words = _WORD.findall(text.lower())
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


@dataclass(frozen=True)
class TfidfVectorizer:
    """A fitted vocabulary with inverse document frequencies."""

    vocabulary: dict[str, int]
    idf: np.ndarray  # (n_features,)

    @classmethod
    def fit(cls, texts: Iterable[str], *, min_df: int = 2, max_features: int = 40_000) -> TfidfVectorizer:
        """Keep the ``max_features`` most frequent terms seen in at least ``min_df`` texts."""
        df: dict[str, int] = {}
        n = 0
        for text in texts:
            n += 1
            for term in set(terms(text)):
                df[term] = df.get(term, 0) + 1
        kept = sorted((t for t, c in df.items() if c >= min_df), key=lambda t: (-df[t], t))[:max_features]
        kept.sort()
        vocabulary = {t: i for i, t in enumerate(kept)}
        idf = np.array([np.log((1 + n) / (1 + df[t])) + 1 for t in kept], dtype=np.float32)
        return cls(vocabulary, idf)

    def rows(self, texts: Sequence[str]) -> list[tuple[np.ndarray, np.ndarray]]:
        """Per text: (column ids, l2-normalised sublinear tf-idf weights)."""
        out = []
        for text in texts:
            counts: dict[int, int] = {}
            for term in terms(text):
                j = self.vocabulary.get(term)
                if j is not None:
                    counts[j] = counts.get(j, 0) + 1
            cols = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
            vals = 1 + np.log(np.fromiter(counts.values(), dtype=np.float32, count=len(counts)))
            vals = vals * self.idf[cols]
            norm = float(np.linalg.norm(vals))
            out.append((cols, vals / norm if norm else vals))
        return out

    def apply(self, texts: Sequence[str], weights: np.ndarray, bias: np.ndarray) -> np.ndarray:
        """A linear head over the features of ``texts``: (len(texts), weights.shape[1])."""
        return linear(self.rows(texts), weights, bias)

    def to_sparse(self, texts: Sequence[str]):  # type: ignore[no-untyped-def]
        """A scipy CSR matrix of the features (training only)."""
        from scipy.sparse import csr_matrix

        indptr, indices, data = [0], [], []
        for cols, vals in self.rows(texts):
            indices.extend(cols.tolist())
            data.extend(vals.tolist())
            indptr.append(len(indices))
        return csr_matrix((data, indices, indptr), shape=(len(texts), len(self.vocabulary)), dtype=np.float32)


def linear(rows: list[tuple[np.ndarray, np.ndarray]], weights: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """A linear head over already computed feature rows (so one featurisation feeds every head)."""
    out = np.tile(bias.astype(np.float32), (len(rows), 1))
    for i, (cols, vals) in enumerate(rows):
        if len(cols):
            out[i] += vals @ weights[cols].astype(np.float32)
    return out
