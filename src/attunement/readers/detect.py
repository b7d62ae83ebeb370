"""Choose a reader from what a file contains, never from its name alone.

Each format has a content check on the first 50 non-blank lines (or the parsed JSON). The first
format in priority order whose check passes wins; the file extension only breaks a tie between
formats whose checks all pass. Nothing passes: E004.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from attunement.errors import AttunementError
from attunement.readers import whatsapp
from attunement.readers.csvfile import header_fields
from attunement.readers.records import DEFAULT_SPEAKER, DEFAULT_TEXT, find_column
from attunement.readers.source import UTTERANCES, PathLike, Source, formats_list, load_source, loads
from attunement.readers.subtitles import TIMING
from attunement.readers.transcript import speaker_line

EXTENSIONS: dict[str, str] = {
    ".json": "telegram",
    ".vtt": "vtt",
    ".srt": "srt",
    ".csv": "csv",
    ".tsv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
WHATSAPP_SHARE = 0.3  # of sampled lines that carry a stamp (the rest may be continuation lines)
TRANSCRIPT_SHARE = 0.6  # of sampled lines that carry a speaker label
_JSON_KEYS = re.compile(r'^\s*\{?\s*"(?:messages|chats)"\s*:')
_WEBVTT = re.compile(r"^WEBVTT(?:[ \t].*)?$")


def detect(path: PathLike, *, speaker_column: str = DEFAULT_SPEAKER, text_column: str = DEFAULT_TEXT) -> str:
    """The format name of the file or ConvoKit corpus directory at ``path``.

    ``speaker_column``/``text_column`` let a CSV with unusual column names be recognised.
    """
    path = Path(path)
    if path.is_dir():
        if (path / UTTERANCES).is_file():
            return "convokit"
        raise AttunementError("E012", path=str(path), utterances=UTTERANCES)
    return detect_source(load_source(path), speaker_column=speaker_column, text_column=text_column)


def detect_source(
    source: Source, *, speaker_column: str = DEFAULT_SPEAKER, text_column: str = DEFAULT_TEXT
) -> str:
    """The format of already loaded text (see :func:`detect`)."""
    sample = source.sample()
    if _is_convokit(source, sample):  # a JSONL file that is more specifically a corpus: no tie
        return "convokit"
    checks = {
        "telegram": _is_telegram(source, sample),
        "vtt": _WEBVTT.match(sample[0]) is not None,
        "srt": _is_srt(sample),
        "whatsapp": _is_whatsapp(sample),
        "jsonl": _json_object(sample[0]) is not None,
        "csv": _is_csv(sample, speaker_column, text_column),
        "transcript": _is_transcript(sample),
    }  # in priority order
    passed = [name for name, ok in checks.items() if ok]
    if not passed:
        raise AttunementError("E004", path=str(source.path), formats=formats_list())
    by_extension = EXTENSIONS.get(source.path.suffix.lower())
    return by_extension if by_extension in passed else passed[0]


def _json_object(line: str) -> dict[str, object] | None:
    """The JSON object on ``line``, if it holds exactly one."""
    try:
        value = loads(line)
    except json.JSONDecodeError:
        return None
    return value if isinstance(value, dict) else None


def _is_convokit(source: Source, sample: list[str]) -> bool:
    """An utterances.jsonl file whose records have ConvoKit's keys."""
    first = _json_object(sample[0])
    return (
        source.path.name == UTTERANCES and first is not None and {"conversation_id", "reply_to"} <= set(first)
    )


def _is_telegram(source: Source, sample: list[str]) -> bool:
    """A JSON object with a 'messages' or 'chats' key (found by its text if the JSON is broken)."""
    if not sample[0].lstrip().startswith("{"):
        return False
    try:
        data = loads(source.text)
    except json.JSONDecodeError:
        return _json_object(sample[0]) is None and any(_JSON_KEYS.match(line) for line in sample)
    return isinstance(data, dict) and (
        isinstance(data.get("messages"), list) or isinstance(data.get("chats"), dict)
    )


def _is_srt(sample: list[str]) -> bool:
    """A cue number followed by a timing line."""
    return len(sample) > 1 and sample[0].strip().isdigit() and bool(TIMING.match(sample[1]))


def _is_whatsapp(sample: list[str]) -> bool:
    """Enough lines start with a WhatsApp date/time stamp."""
    stamps = sum(whatsapp.match_stamp(line) is not None for line in sample)
    return stamps > 0 and stamps >= WHATSAPP_SHARE * len(sample)


def _is_csv(sample: list[str], speaker_column: str, text_column: str) -> bool:
    """A header row that names a speaker column and a text column."""
    header = header_fields(sample[0])
    return (
        len(header) > 1
        and find_column(header, speaker_column) is not None
        and find_column(header, text_column) is not None
    )


def _is_transcript(sample: list[str]) -> bool:
    """Most lines (and at least two) start with a short, name-like speaker label."""
    labelled = sum(speaker_line(line) is not None for line in sample)
    return labelled >= 2 and labelled >= TRANSCRIPT_SHARE * len(sample)
