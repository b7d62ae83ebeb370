"""EPITOME and AnnoMI are read, deduplicated and split as their READMEs describe."""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from attunement import datasets

# The EPITOME README's split table (rows, duplicates included): split -> mechanism -> level counts.
EPITOME_README_ROWS = {"train": 2339, "dev": 145, "test": 600}
EPITOME_README_LEVELS = {
    "train": {"ER": [1534, 687, 118], "IP": [1238, 87, 1014], "EX": [1984, 73, 282]},
    "dev": {"ER": [100, 38, 7], "IP": [76, 4, 65], "EX": [123, 3, 19]},
    "test": {"ER": [403, 170, 27], "IP": [312, 23, 265], "EX": [497, 28, 75]},
}
# After deduplication (one entry per (sp_id, rp_id), disagreeing levels resolved to the maximum).
EPITOME_PAIRS = {"train": 2287, "dev": 142, "test": 594}

ANNOMI_DEV_IDS = [16, 24, 25, 32, 33, 38, 57, 64, 68, 69, 77, 82, 83, 85, 87, 89, 95, 100, 112, 114, 123]
ANNOMI_TEST_IDS = [2, 5, 6, 15, 20, 31, 40, 61, 63, 70, 74, 76, 94, 97, 111, 116, 131, 132, 133]
ANNOMI_BEHAVIOUR_COUNTS = {  # question, reflection, therapist_input, other
    "train": (893, 872, 422, 1062),
    "dev": (245, 189, 108, 264),
    "test": (248, 235, 84, 260),
}
ANNOMI_UTTERANCES = {"train": 6450, "dev": 1602, "test": 1647}
ANNOMI_QUALITY = {"train": (77, 16), "dev": (17, 4), "test": (16, 3)}


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def epitome_rows(shared_data: Path) -> dict[str, list[dict[str, str]]]:
    return {m: _read(shared_data / "epitome" / f) for m, f in datasets.EPITOME_FILES.items()}


@pytest.fixture(scope="module")
def epitome_splits(shared_data: Path) -> dict[str, datasets.PairSplit]:
    return {s: datasets.epitome(s, shared_data) for s in datasets.SPLITS}


@pytest.fixture(scope="module")
def annomi_splits(shared_data: Path) -> dict[str, datasets.UtteranceSplit]:
    return {s: datasets.annomi(s, shared_data) for s in datasets.SPLITS}


# --- EPITOME --------------------------------------------------------------------------------------


def test_epitome_split_rule_reproduces_the_readme_table(epitome_rows):
    for split, rows in EPITOME_README_ROWS.items():
        assert sum(datasets.epitome_split_of(r["sp_id"]) == split for r in epitome_rows["ER"]) == rows
        for mech, levels in EPITOME_README_LEVELS[split].items():
            counts = Counter(
                int(r["level"]) for r in epitome_rows[mech] if datasets.epitome_split_of(r["sp_id"]) == split
            )
            assert [counts[k] for k in (0, 1, 2)] == levels, (split, mech)


def test_epitome_is_deduplicated(epitome_splits):
    assert {s: len(p.seeker) for s, p in epitome_splits.items()} == EPITOME_PAIRS
    pairs = [k for p in epitome_splits.values() for k in zip(p.sp_ids, p.rp_ids)]
    assert len(pairs) == len(set(pairs)) == 3023  # README: 3,023 distinct pairs
    assert len({p for split in epitome_splits.values() for p in split.sp_ids}) == 2979
    for split in epitome_splits.values():
        n = len(split.seeker)
        assert len(split.response) == len(split.sp_ids) == len(split.rp_ids) == n
        for mech in datasets.EPITOME_MECHANISMS:
            assert len(split.labels[mech]) == len(split.rationales[mech]) == n
            assert set(split.labels[mech]) <= {0, 1, 2}


def test_disagreeing_duplicates_take_the_maximum_level(epitome_rows, epitome_splits):
    index = {
        (sp, rp): (split, i)
        for split, p in epitome_splits.items()
        for i, (sp, rp) in enumerate(zip(p.sp_ids, p.rp_ids))
    }
    disagreeing = Counter()
    for mech, rows in epitome_rows.items():
        levels: dict[tuple[str, str], list[int]] = defaultdict(list)
        for r in rows:
            levels[(r["sp_id"], r["rp_id"])].append(int(r["level"]))
        for key, found in levels.items():
            split, i = index[key]
            assert epitome_splits[split].labels[mech][i] == max(found)
            disagreeing[mech] += len(set(found)) > 1
    assert disagreeing == {"ER": 10, "IP": 10, "EX": 5}  # as the README says


def test_epitome_texts_and_rationales(epitome_rows, epitome_splits):
    er = {(r["sp_id"], r["rp_id"]): r for r in epitome_rows["ER"]}
    total = found = 0
    for split in epitome_splits.values():
        for i, key in enumerate(zip(split.sp_ids, split.rp_ids)):
            assert split.seeker[i] == er[key]["seeker_post"] and split.response[i] == er[key]["response_post"]
            for mech in datasets.EPITOME_MECHANISMS:
                for span in split.rationales[mech][i]:
                    total += 1
                    found += span in split.response[i]
    assert found / total > 0.98  # spans are (nearly always) substrings of the ER-file text


def test_no_seeker_post_straddles_splits(epitome_splits):
    seen = {s: set(p.sp_ids) for s, p in epitome_splits.items()}
    assert not seen["train"] & seen["dev"] and not seen["train"] & seen["test"]
    assert not seen["dev"] & seen["test"]


# --- AnnoMI ---------------------------------------------------------------------------------------


def test_annomi_split_ids_are_the_readme_lists(shared_data):
    ids = datasets.annomi_split_ids(shared_data)
    assert ids["dev"] == ANNOMI_DEV_IDS
    assert ids["test"] == ANNOMI_TEST_IDS
    assert len(ids["train"]) == 93
    assert not set(ids["train"]) & (set(ANNOMI_DEV_IDS) | set(ANNOMI_TEST_IDS))
    simple = _read(shared_data / "annomi" / "AnnoMI-simple.csv")
    quality = {int(r["transcript_id"]): r["mi_quality"] for r in simple}
    for split, (high, low) in ANNOMI_QUALITY.items():
        assert Counter(quality[t] for t in ids[split]) == {"high": high, "low": low}
        assert sum(int(r["transcript_id"]) in ids[split] for r in simple) == ANNOMI_UTTERANCES[split]


def test_annomi_behaviour_counts_per_split(annomi_splits):
    for split, counts in ANNOMI_BEHAVIOUR_COUNTS.items():
        got = Counter(annomi_splits[split].behaviour)
        assert tuple(got[b] for b in datasets.ANNOMI_BEHAVIOURS) == counts
        assert sum(got.values()) == sum(counts)


def test_no_transcript_straddles_splits(annomi_splits):
    seen = {s: set(u.transcript_ids) for s, u in annomi_splits.items()}
    assert not seen["train"] & seen["dev"] and not seen["train"] & seen["test"]
    assert not seen["dev"] & seen["test"]
    assert len(seen["train"] | seen["dev"] | seen["test"]) == 133


def test_previous_is_the_utterance_before(shared_data, annomi_splits):
    text = {(int(r["transcript_id"]), int(r["utterance_id"])): r["utterance_text"]
            for r in _read(shared_data / "annomi" / "AnnoMI-simple.csv")}  # fmt: skip
    for split in annomi_splits.values():
        for t, u, prev in zip(split.transcript_ids, split.utterance_ids, split.previous):
            assert prev == (text[(t, u - 1)] if u > 0 else "")


def _subtype_counts(annomi_splits, single: set[tuple[int, int]]) -> Counter:
    counts: Counter = Counter()
    for split in annomi_splits.values():
        for i, key in enumerate(zip(split.transcript_ids, split.utterance_ids)):
            if key in single:
                for value in (split.question_subtype[i], split.reflection_subtype[i], split.input_subtype[i]):
                    counts[value] += value is not None
    return counts


def test_subtypes_of_singly_annotated_utterances_match_the_readme(shared_data, annomi_splits):
    full = _read(shared_data / "annomi" / "AnnoMI-full.csv")
    per_key = Counter((int(r["transcript_id"]), int(r["utterance_id"])) for r in full)
    single = {k for k, n in per_key.items() if n == 1}
    assert len(single) == 9271 and sum(n == 10 for n in per_key.values()) == 428
    counts = _subtype_counts(annomi_splits, single)
    assert {k: v for k, v in counts.items() if k} == {
        "open": 903,
        "closed": 656,
        "simple": 790,
        "complex": 646,
        "information": 396,
        "advice": 130,
        "negotiation": 132,
        "options": 42,
    }


def test_subtypes_of_multiply_annotated_utterances_are_the_plurality(shared_data, annomi_splits):
    full = _read(shared_data / "annomi" / "AnnoMI-full.csv")
    votes: dict[tuple[int, int], list[dict[str, str]]] = defaultdict(list)
    for r in full:
        votes[(int(r["transcript_id"]), int(r["utterance_id"]))].append(r)
    multi = {k: v for k, v in votes.items() if len(v) == 10}
    assert {k[0] for k in multi} == {7, 27, 55, 56, 66, 109, 130}
    fields = {
        "question_subtype": "question_subtype",
        "reflection_subtype": "reflection_subtype",
        "input_subtype": "therapist_input_subtype",
    }
    ties: Counter = Counter()
    checked = 0
    for split in annomi_splits.values():
        for i, key in enumerate(zip(split.transcript_ids, split.utterance_ids)):
            if key not in multi:
                continue
            checked += 1
            for attr, column in fields.items():
                ranked = Counter(r[column] for r in multi[key]).most_common()
                tie = len(ranked) > 1 and ranked[0][1] == ranked[1][1]
                ties[attr] += tie
                expected = None if tie or ranked[0][0] == "n/a" else ranked[0][0]
                assert getattr(split, attr)[i] == expected, (key, attr, ranked)
            # the simple file's behaviour is the annotators' majority (README)
            top = Counter(r["main_therapist_behaviour"] for r in multi[key]).most_common(1)[0][1]
            assert Counter(r["main_therapist_behaviour"] for r in multi[key])[split.behaviour[i]] == top
    assert checked == sum(v[0]["interlocutor"] == "therapist" for v in multi.values())
    assert ties == {"question_subtype": 3, "reflection_subtype": 11, "input_subtype": 3}
    # a unanimous open question is "open"
    unanimous = [k for k, v in multi.items() if all(r["question_subtype"] == "open" for r in v)]
    assert unanimous


def test_subtype_values_are_from_the_taxonomy(annomi_splits):
    for split in annomi_splits.values():
        assert set(split.behaviour) == set(datasets.ANNOMI_BEHAVIOURS)
        assert set(split.question_subtype) - {None} <= set(datasets.ANNOMI_QUESTION_SUBTYPES)
        assert set(split.reflection_subtype) - {None} <= set(datasets.ANNOMI_REFLECTION_SUBTYPES)
        assert set(split.input_subtype) - {None} <= set(datasets.ANNOMI_INPUT_SUBTYPES)


def test_unknown_split_is_rejected(shared_data):
    with pytest.raises(ValueError):
        datasets.epitome("validation", shared_data)
    with pytest.raises(ValueError):
        datasets.annomi("validation", shared_data)
