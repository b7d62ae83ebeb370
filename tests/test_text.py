"""What counts as text to read: valid Unicode, with words in it."""

from __future__ import annotations

import pytest

from attunement.errors import AttunementError
from attunement.text import one_text, readable, visible


@pytest.mark.parametrize("text", ["\u200b", "\ufeff \u200e", "\u202a\u202c\u2060", " \u200c\u200d\n"])
def test_invisible_marks_are_not_words(text: str):
    assert not readable(text)
    with pytest.raises(AttunementError) as caught:
        one_text(text, "message")
    assert caught.value.code == "E032"


def test_visible_strips_marks_at_the_ends_only():
    assert visible("\u200fAna\u200b ") == "Ana"
    assert visible("👩\u200d👩\u200d👧") == "👩\u200d👩\u200d👧"
