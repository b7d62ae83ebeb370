"""Readers for the human-labelled datasets in ``../shared/data``.

Training and evaluation read the data where it lies; nothing here is ever copied into
the package. The location defaults to ``../shared/data`` (from the working directory,
then from the repository) and can be overridden with ``ATTUNEMENT_DATA``.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

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


Split = TypeVar("Split")


def first(split: Split, limit: int) -> Split:
    """The first ``limit`` items of a split (all of it when ``limit`` is 0): for smoke tests."""
    if limit < 0:
        raise ValueError(f"limit must be 0 (all) or more, not {limit}")
    if not limit:
        return split
    fields = dataclasses.fields(split)  # type: ignore[arg-type]
    return type(split)(*(getattr(split, f.name)[:limit] for f in fields))


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


# --- Reply-judging datasets: EPITOME and AnnoMI -------------------------------------------------

EPITOME_MECHANISMS: tuple[str, ...] = ("ER", "IP", "EX")
EPITOME_FILES: dict[str, str] = {
    "ER": "emotional-reactions-reddit.csv",
    "IP": "interpretations-reddit.csv",
    "EX": "explorations-reddit.csv",
}
ANNOMI_BEHAVIOURS: tuple[str, ...] = ("question", "reflection", "therapist_input", "other")
ANNOMI_QUESTION_SUBTYPES: tuple[str, ...] = ("open", "closed")
ANNOMI_REFLECTION_SUBTYPES: tuple[str, ...] = ("simple", "complex")
ANNOMI_INPUT_SUBTYPES: tuple[str, ...] = ("information", "advice", "negotiation", "options")
SPLITS: tuple[str, ...] = ("train", "dev", "test")


@dataclass(frozen=True)
class PairSplit:
    """(seeker post, response) pairs with EPITOME levels 0/1/2 and rationale spans per mechanism."""

    seeker: list[str]
    response: list[str]
    labels: dict[str, list[int]]  # "ER", "IP", "EX" -> level per pair
    rationales: dict[str, list[list[str]]]  # mechanism -> spans of the response per pair
    sp_ids: list[str]
    rp_ids: list[str]


@dataclass(frozen=True)
class UtteranceSplit:
    """Therapist utterances of AnnoMI with the utterance before them and their behaviour labels."""

    text: list[str]
    previous: list[str]  # the utterance just before in the same transcript ("" at the start)
    behaviour: list[str]  # one of ANNOMI_BEHAVIOURS
    question_subtype: list[str | None]  # "open" / "closed"
    reflection_subtype: list[str | None]  # "simple" / "complex"
    input_subtype: list[str | None]  # "information" / "advice" / "negotiation" / "options"
    transcript_ids: list[int]
    utterance_ids: list[int]


def _check_split(split: str) -> None:
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; choose one of {SPLITS}")


def epitome_split_of(sp_id: str) -> str:
    """The EPITOME README's split of a seeker post: sha256 of ``sp_id`` mod 100 (<75 train, <80 dev)."""
    h = int(hashlib.sha256(sp_id.encode("utf-8")).hexdigest(), 16) % 100
    return "train" if h < 75 else ("dev" if h < 80 else "test")


def _rationale_spans(field: str) -> list[str]:
    return [span.strip() for span in field.split("|") if span.strip()]


def epitome(split: str, root: Path | None = None) -> PairSplit:
    """One split of EPITOME (Reddit), the three mechanism files joined, one entry per distinct pair.

    - Join: the three files hold the same (sp_id, rp_id) rows in the same order (checked here).
      Their *texts* differ slightly: the ER file has whitespace collapsed and the words
      "reddit"/"subreddit" removed (36 posts), while IP and EX keep the raw text. The texts are
      taken from the ER file, because the rationale spans of all three mechanisms are exact
      substrings of it more often (ER 1,230/1,243, IP 1,596/1,614, EX 523/525 spans) than of the
      raw text (IP 1,481, EX 517).
    - Duplicates: 60 pairs occur more than once (61 surplus rows). One entry per pair, at its
      first occurrence. Where copies disagree on a level (10 ER, 10 IP, 5 EX pairs; always two
      copies, so there is no majority), the *maximum* level is kept, with the rationales of the
      first copy that has it: a rater saw the mechanism expressed, and the spans justify that.
    - Split: :func:`epitome_split_of` on ``sp_id``, so responses to one post never straddle splits.
      The README's split table counts rows with duplicates (2,339 / 145 / 600); after
      deduplication the sizes are 2,287 / 142 / 594 pairs (3,023 in all).
    """
    _check_split(split)
    base = (root or data_dir()) / "epitome"
    tables: dict[str, list[dict[str, str]]] = {}
    for mech, name in EPITOME_FILES.items():
        with (base / name).open(encoding="utf-8", newline="") as handle:
            tables[mech] = list(csv.DictReader(handle))
    keys = [(row["sp_id"], row["rp_id"]) for row in tables["ER"]]
    for mech in ("IP", "EX"):
        if [(row["sp_id"], row["rp_id"]) for row in tables[mech]] != keys:
            raise ValueError(f"EPITOME: {EPITOME_FILES[mech]} is not in the row order of the ER file")

    first: dict[tuple[str, str], int] = {}  # pair -> index of its entry in the output
    seeker: list[str] = []
    response: list[str] = []
    sp_ids: list[str] = []
    rp_ids: list[str] = []
    labels: dict[str, list[int]] = {mech: [] for mech in EPITOME_MECHANISMS}
    rationales: dict[str, list[list[str]]] = {mech: [] for mech in EPITOME_MECHANISMS}
    for i, key in enumerate(keys):
        if epitome_split_of(key[0]) != split:
            continue
        if key not in first:
            first[key] = len(seeker)
            row = tables["ER"][i]
            seeker.append(row["seeker_post"])
            response.append(row["response_post"])
            sp_ids.append(key[0])
            rp_ids.append(key[1])
            for mech in EPITOME_MECHANISMS:
                labels[mech].append(int(tables[mech][i]["level"]))
                rationales[mech].append(_rationale_spans(tables[mech][i]["rationales"]))
            continue
        j = first[key]
        for mech in EPITOME_MECHANISMS:
            level = int(tables[mech][i]["level"])
            if level > labels[mech][j]:
                labels[mech][j] = level
                rationales[mech][j] = _rationale_spans(tables[mech][i]["rationales"])
    return PairSplit(seeker, response, labels, rationales, sp_ids, rp_ids)


def annomi_split_ids(root: Path | None = None) -> dict[str, list[int]]:
    """Transcript ids per split, by the AnnoMI README's rule (sorted ascending).

    Within each ``mi_quality`` group, transcript ids (as decimal strings) are ordered by the hex
    sha256 of the string; the first ``round(0.70 n)`` are train, up to ``round(0.85 n)`` dev, the
    rest test. (Python's ``round``; for n = 110 and 23 no half-way case changes the result.)
    """
    path = (root or data_dir()) / "annomi" / "AnnoMI-simple.csv"
    quality: dict[int, str] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            quality.setdefault(int(row["transcript_id"]), row["mi_quality"])
    out: dict[str, list[int]] = {s: [] for s in SPLITS}
    for group in sorted(set(quality.values())):
        ids = sorted(
            (t for t, q in quality.items() if q == group),
            key=lambda t: hashlib.sha256(str(t).encode("utf-8")).hexdigest(),
        )
        n = len(ids)
        a, b = round(0.70 * n), round(0.85 * n)
        out["train"] += ids[:a]
        out["dev"] += ids[a:b]
        out["test"] += ids[b:]
    return {s: sorted(v) for s, v in out.items()}


def _plurality(values: list[str]) -> str | None:
    """The strictly most frequent value ('n/a' counts as a value); ``None`` on a tie or 'n/a'."""
    ranked = Counter(values).most_common()
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    return None if ranked[0][0] == "n/a" else ranked[0][0]


def annomi(split: str, root: Path | None = None) -> UtteranceSplit:
    """The therapist utterances of one AnnoMI split (transcript-level, see :func:`annomi_split_ids`).

    ``behaviour`` comes from ``AnnoMI-simple.csv``; the subtypes from ``AnnoMI-full.csv``, joined
    on (transcript_id, utterance_id). Subtypes are independent attributes: an utterance whose main
    behaviour is a reflection can also carry a question subtype. For the 428 utterances annotated
    by all 10 annotators, each subtype is the strict plurality of the 10 annotators' values, with
    "no subtype" counted as a value; "no subtype" winning, or a tie for first place, gives
    ``None`` (3 question, 11 reflection and 3 input subtypes are such ties). ``previous`` is the
    utterance just before in the transcript, whoever spoke it (usually the client), "" if none.
    """
    _check_split(split)
    base = (root or data_dir()) / "annomi"
    wanted = set(annomi_split_ids(root)[split])
    votes: dict[tuple[int, int], dict[str, list[str]]] = {}
    columns = {
        "question": "question_subtype",
        "reflection": "reflection_subtype",
        "input": "therapist_input_subtype",
    }
    with (base / "AnnoMI-full.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            key = (int(row["transcript_id"]), int(row["utterance_id"]))
            if key[0] in wanted and row["interlocutor"] == "therapist":
                entry = votes.setdefault(key, {k: [] for k in columns})
                for k, column in columns.items():
                    entry[k].append(row[column])
    with (base / "AnnoMI-simple.csv").open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if int(r["transcript_id"]) in wanted]
    rows.sort(key=lambda r: (int(r["transcript_id"]), int(r["utterance_id"])))

    out = UtteranceSplit([], [], [], [], [], [], [], [])
    prev_text, prev_transcript = "", -1
    for row in rows:
        transcript, utterance = int(row["transcript_id"]), int(row["utterance_id"])
        previous = prev_text if transcript == prev_transcript else ""
        prev_text, prev_transcript = row["utterance_text"], transcript
        if row["interlocutor"] != "therapist":
            continue
        entry = votes[(transcript, utterance)]
        out.text.append(row["utterance_text"])
        out.previous.append(previous)
        out.behaviour.append(row["main_therapist_behaviour"])
        out.question_subtype.append(_plurality(entry["question"]))
        out.reflection_subtype.append(_plurality(entry["reflection"]))
        out.input_subtype.append(_plurality(entry["input"]))
        out.transcript_ids.append(transcript)
        out.utterance_ids.append(utterance)
    return out


# --- the project's own labelled sets (labelled/ at the repository root) -----------------------

LABELLED_SETS = ("needs", "pairs", "conversations")


def labelled_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Where the project's labelled sets live: ``override``, ``$ATTUNEMENT_LABELLED`` or ``labelled/``."""
    if override is not None:
        path = Path(override)
    elif os.environ.get("ATTUNEMENT_LABELLED"):
        path = Path(os.environ["ATTUNEMENT_LABELLED"])
    else:
        path = Path(__file__).resolve().parents[2] / "labelled"
        if not path.is_dir():
            path = Path.cwd() / "labelled"
    if not path.is_dir():
        raise AttunementError("E026", path=str(path))
    return path


def labelled(name: str, split: str, root: Path | None = None) -> list[dict[str, Any]]:
    """The rows of ``labelled/{name}-{split}.jsonl`` (name: needs or pairs; split: dev or test)."""
    if name not in LABELLED_SETS:
        raise ValueError(f"unknown labelled set {name!r}; choose from {LABELLED_SETS}")
    if split not in ("dev", "test"):
        raise ValueError(f"labelled sets have dev and test splits, not {split!r}")
    path = labelled_dir(root) / f"{name}-{split}.jsonl"
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]
