"""Readers for the human-labelled datasets in ``../shared/data``.

Training and evaluation read the data where it lies; nothing here is ever copied into
the package. The location defaults to ``../shared/data`` (from the working directory,
then from the repository) and can be overridden with ``ATTUNEMENT_DATA``.
"""

from __future__ import annotations

import csv
import json
import os
from dataclasses import dataclass
from pathlib import Path

from attunement.errors import AttunementError

GOEMOTIONS_LABELS: tuple[str, ...] = (
    "admiration",
    "amusement",
    "anger",
    "annoyance",
    "approval",
    "caring",
    "confusion",
    "curiosity",
    "desire",
    "disappointment",
    "disapproval",
    "disgust",
    "embarrassment",
    "excitement",
    "fear",
    "gratitude",
    "grief",
    "joy",
    "love",
    "nervousness",
    "optimism",
    "pride",
    "realization",
    "relief",
    "remorse",
    "sadness",
    "surprise",
    "neutral",
)


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Where the shared datasets live: ``override``, ``$ATTUNEMENT_DATA`` or ``../shared/data``."""
    candidates = []
    if override is not None:
        candidates.append(Path(override))
    elif os.environ.get("ATTUNEMENT_DATA"):
        candidates.append(Path(os.environ["ATTUNEMENT_DATA"]))
    else:
        candidates.append(Path.cwd().parent / "shared" / "data")
        candidates.append(Path(__file__).resolve().parents[3] / "shared" / "data")
    for path in candidates:
        if path.is_dir():
            return path
    raise AttunementError("E020", path=str(candidates[0]))


@dataclass(frozen=True)
class MultiLabelSplit:
    """Texts with multi-hot labels (GoEmotions)."""

    texts: list[str]
    labels: list[list[int]]  # label ids per text


@dataclass(frozen=True)
class RegressionSplit:
    """Texts with continuous targets (EmoBank: V, A, D on 1 to 5)."""

    texts: list[str]
    targets: list[tuple[float, float, float]]


def goemotions(split: str, root: Path | None = None) -> MultiLabelSplit:
    """One official GoEmotions split: ``train``, ``dev`` or ``test``."""
    path = (root or data_dir()) / "goemotions" / f"{split}.tsv"
    texts, labels = [], []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t"):
            texts.append(row[0])
            labels.append([int(x) for x in row[1].split(",")])
    return MultiLabelSplit(texts, labels)


def goemotions_groups(root: Path | None = None) -> dict[str, dict[str, list[str]]]:
    """The official Ekman and sentiment groupings of the 28 labels (neutral stays neutral)."""
    base = (root or data_dir()) / "goemotions"
    ekman = json.loads((base / "ekman_mapping.json").read_text(encoding="utf-8"))
    sentiment = json.loads((base / "sentiment_dict.json").read_text(encoding="utf-8"))
    ekman["neutral"] = ["neutral"]
    sentiment["neutral"] = ["neutral"]
    return {"ekman": ekman, "sentiment": sentiment}


def emobank(split: str, root: Path | None = None) -> RegressionSplit:
    """One official EmoBank split (``emobank.csv``, reader and writer combined)."""
    path = (root or data_dir()) / "emobank" / "emobank.csv"
    texts, targets = [], []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["split"] == split:
                texts.append(row["text"])
                targets.append((float(row["V"]), float(row["A"]), float(row["D"])))
    return RegressionSplit(texts, targets)
