"""Every error and warning a user can see, each with a stable code.

Codes never change meaning once released; new ones get new numbers. A message says what
went wrong and what to do about it.
"""

from __future__ import annotations

import warnings

ERRORS: dict[str, str] = {
    # reading conversations
    "E001": "{path}: file not found.",
    "E002": "{path}: the file is empty; there is no conversation to read.",
    "E003": "{path}: this looks like a binary file, not a text export (found NUL bytes). "
    "Export the chat as text or JSON and try again.",
    "E004": "{path}: the format could not be recognised. Pass --format with one of: {formats}.",
    "E005": "{path}:{line}: {problem} Expected {expected}.",
    "E006": "{path}: unknown format {format!r}. Choose one of: {formats}.",
    "E007": "{path}: the file is not valid UTF-8 text (byte {offset}). Re-export it as UTF-8.",
    "E008": "{path}: no messages were found{why}.",
    "E009": "{path}: column {column!r} is missing; the columns are {columns}. "
    "Name the right ones with --speaker-column / --text-column / --time-column "
    "(in Python: speaker_column= / text_column= / timestamp_column= / conversation_column=).",
    "E012": "{path} is a folder, not a chat export. Point at the exported file; a folder is read "
    "only as a ConvoKit corpus (with {utterances} inside).",
    # data model
    "E010": "A conversation needs at least one turn.",
    "E011": "Record {index}: {problem}",
    # shared data and models
    "E020": "The labelled datasets were not found at {path}. Set ATTUNEMENT_DATA or pass --data.",
    "E021": "The model files in {path} are missing or damaged ({problem}). Reinstall attunement.",
    "E022": "The model {name} is version {found}, but this attunement needs {expected}.",
    "E023": "Training needs the 'train' extra: pip install 'attunement[train]' ({missing} is missing).",
    "E024": "{tool} is not installed: pip install 'attunement[{extra}]'.",
    "E025": "{path} is missing ({hint}).",
    "E026": "The labelled sets were not found at {path}. Pass --labelled or set ATTUNEMENT_LABELLED.",
    # input text
    "E030": "Text {index} (counting from 1) is empty or not text; there is nothing to read cues from.",
    "E031": "Pair {index} (counting from 1): {problem}.",
    "E032": "The {what} is empty; there is nothing to read.",
    "E033": "The {what} must be a str, not {kind}.",
    "E034": "The {what} must be a list of texts, not one string (for a single text, use the function "
    "without _many).",
    # writing reports
    "E040": "{path}: the report cannot be written there ({problem}).",
    # options
    "E050": "{option}: {value!r} is not one of the allowed values ({choices}).",
    "E051": "The {what} must be {expected}, not {kind}.",
}

WARNINGS: dict[str, str] = {
    "W001": "{path}: {count} system lines and {media} media placeholders were skipped.",
    "W002": "{path}: only one speaker ({speaker}) was found; replies cannot be assessed.",
    "W003": "{path}: {count} lines were continuation lines before any message and were dropped.",
    "W004": "A message of {length} characters was cut to {limit} for the encoder; "
    "the full text is kept in the turn.",
    "W005": "{path}: the date order could not be decided from the file; assumed {order}. "
    "Choose with --date-order dmy or mdy (date_order= in Python).",
    "W006": "{path}: {count} of {total} conversations have only one speaker ({ids}); "
    "replies cannot be assessed in them.",
    "W007": "{path}: {count} conversations had no messages (only system lines or media) and were skipped.",
    "W010": "{name}: {count} of {total} turns were too long for the encoder; only their start was "
    "read (each is marked in the JSON and HTML, where the full text is kept).",
    "W011": "{name}: {count} of {total} turns may not be English; their readings are less sure "
    "(each is marked in the JSON and HTML).",
    "W008": "{path}:{line}: this line looks like a message, but its date and time do not match the "
    "rest of the export; it was kept as part of the message before it ({count} such lines in all).",
}


class AttunementError(ValueError):
    """An error the user can act on, with a stable ``code``."""

    def __init__(self, code: str, **fields: object) -> None:
        self.code = code
        self.fields = fields
        super().__init__(f"[{code}] " + ERRORS[code].format(**fields))


class AttunementWarning(UserWarning):
    """A warning with a stable code in its message."""


def require(value: object, kinds: type | tuple[type, ...], what: str, expected: str) -> None:
    """E051, saying what was ``expected``, unless ``value`` is one of ``kinds``."""
    if not isinstance(value, kinds):
        raise AttunementError("E051", what=what, expected=expected, kind=type(value).__name__)


def warn(code: str, **fields: object) -> None:
    """Emit the warning ``code`` with its fields filled in."""
    warnings.warn(f"[{code}] " + WARNINGS[code].format(**fields), AttunementWarning, stacklevel=3)
