"""The shared datasets are read as their READMEs describe, and our taxonomy matches theirs."""

from __future__ import annotations

import pytest

from attunement import datasets
from attunement.errors import AttunementError
from attunement.notice import EKMAN, SENTIMENT


def test_goemotions_splits_have_the_official_sizes(shared_data):
    sizes = {s: len(datasets.goemotions(s, shared_data).texts) for s in ("train", "dev", "test")}
    assert sizes == {"train": 43410, "dev": 5426, "test": 5427}
    labels = (shared_data / "goemotions" / "emotions.txt").read_text().split()
    assert tuple(labels) == datasets.GOEMOTIONS_LABELS


def test_quoted_goemotions_texts_are_unquoted(shared_data):
    texts = datasets.goemotions("dev", shared_data).texts
    assert not any(t.startswith('"') and t.endswith('"') and '""' in t for t in texts)


def test_emobank_official_split(shared_data):
    sizes = {s: len(datasets.emobank(s, shared_data).texts) for s in ("train", "dev", "test")}
    assert sizes == {"train": 8062, "dev": 1000, "test": 1000}
    assert all(1 <= v <= 5 for t in datasets.emobank("test", shared_data).targets for v in t)


def test_package_groupings_match_the_dataset_files(shared_data):
    groups = datasets.goemotions_groups(shared_data)
    assert {k: set(v) for k, v in groups["ekman"].items()} == {k: set(v) for k, v in EKMAN.items()}
    assert {k: set(v) for k, v in groups["sentiment"].items()} == {k: set(v) for k, v in SENTIMENT.items()}


def test_missing_data_dir_is_e020(tmp_path):
    with pytest.raises(AttunementError) as info:
        datasets.data_dir(tmp_path / "nowhere")
    assert info.value.code == "E020"
