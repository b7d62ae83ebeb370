"""Shared fixtures: where the shared data is, and skipping what needs it when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from attunement import datasets
from attunement.errors import AttunementError

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The labelled datasets; tests that need them skip (with the reason) on a machine without them."""
    try:
        return datasets.data_dir()
    except AttunementError as error:
        pytest.skip(f"shared datasets not available: {error}")
