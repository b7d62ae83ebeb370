"""WhatsApp "Export chat" text files, Android and iOS, in any of the common date/time styles.

Android writes ``31/12/2023, 21:05 - Name: text``; iOS writes ``[31/12/2023, 21:05:09] Name: text``
and sprinkles invisible U+200E marks (stripped here). Clocks may be 12- or 24-hour, with a
(narrow) no-break space before AM/PM. Whether dates are day- or month-first is decided from the
whole file, never per line. Lines without a stamp continue the previous message. System lines
and media placeholders are dropped and counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from attunement.conversation import Conversation, Message
from attunement.errors import AttunementError, warn
from attunement.readers.build import Draft, build_one
from attunement.readers.source import Source

DateOrder = Literal["dmy", "mdy"]

_LRM = "\u200e"
_SP = "[ \u00a0\u202f]"  # space, no-break space, narrow no-break space
_DATE = r"(?P<a>\d{1,4})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{2,4})\.?"
_TIME = (
    r"(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:[:.](?P<second>\d{2}))?"
    rf"(?:{_SP}?(?P<ampm>[AaPp]\.?{_SP}?[Mm]\.?))?"
)
_IOS = re.compile(rf"^\[{_DATE},?{_SP}{_TIME}\]{_SP}?")
_ANDROID = re.compile(rf"^{_DATE},?{_SP}{_TIME}{_SP}[-–]{_SP}")

_NAME = re.compile(r"^(?P<name>[^:]{1,100}?):(?:[ \u00a0](?P<text>.*))?$")
# A system line names an actor and a verb before any colon ("Ana changed the subject to "A: B"").
_SYSTEM_ACTOR = re.compile(
    r"^[^:]+? (?:changed|created|added|removed|left|joined|deleted|turned|pinned|started|updated|reset"
    r"|blocked|unblocked|was added|was removed)\b|^[^:]+?'s security code changed"
    r"|^Messages (?:and calls )?(?:to this (?:group|chat) )?are (?:now )?"
    r"(?:secured with )?end-to-end encrypt",
    re.IGNORECASE,
)
# ... or it comes with a name, as deleted messages and calls do.
_SYSTEM_BODY = re.compile(
    r"^(?:this message was deleted|you deleted this message|this message was deleted by admin .+"
    r"|missed (?:group )?(?:voice|video) call(?:, .+)?|(?:group )?(?:voice|video) call, .+"
    r"|waiting for this message\b.*|messages and calls are end-to-end encrypted\b.*)\.?$",
    re.IGNORECASE,
)
_MEDIA = re.compile(
    r"^(?:<media omitted>|<attached: [^>]+>|.+\.\w{1,5} \(file attached\)"
    r"|(?:image|video|audio|sticker|gif|document|contact card|video note|voice message) omitted"
    r"|.+ document omitted"
    r"|null"  # Android writes a view-once photo or video as "null"
    r"|location: https?://\S+)$",  # a shared location
    re.IGNORECASE,
)
# A line that starts like a message (a date and a time) but is not a stamp this reader knows: most
# likely a damaged or hand-edited line. It stays with the message before it, and W008 says where.
_LOOKS_STAMPED = re.compile(r"^\[?\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\.?,?[ T\u00a0\u202f]+\d{1,2}[:.]\d{2}")
_EDITED = re.compile(r"\s*<This message was edited>$")
_ORDER_NAMES = {"dmy": "day first (31/12/2023)", "mdy": "month first (12/31/2023)"}
_EXPECTED_STAMP = "a WhatsApp timestamp such as '31/12/2023, 21:05' or '12/31/23, 9:05 PM'"


@dataclass
class _Entry:
    """One stamped line and the continuation lines after it."""

    line: int
    stamp: re.Match[str]
    platform: str
    lines: list[str] = field(default_factory=list)
    marked: bool = False  # iOS marks events and media with U+200E right after "Name: "


def match_stamp(line: str) -> re.Match[str] | None:
    """The WhatsApp date/time stamp at the start of ``line`` (U+200E marks removed first)."""
    return _stamp(line.replace(_LRM, ""))


def _stamp(line: str) -> re.Match[str] | None:
    """The iOS or Android stamp at the start of a line without U+200E marks."""
    return _IOS.match(line) or _ANDROID.match(line)


def parse(source: Source, *, merge: bool = True, date_order: DateOrder | None = None) -> Conversation:
    """Read a WhatsApp export; ``date_order`` ("dmy"/"mdy") overrides the decision from the file."""
    if date_order is not None and date_order not in _ORDER_NAMES:
        raise AttunementError("E050", option="date_order", value=date_order, choices="dmy, mdy")
    entries, orphans, suspects = _entries(source)
    if orphans:
        warn("W003", path=str(source.path), count=orphans)
    if suspects:
        warn("W008", path=str(source.path), count=len(suspects), line=suspects[0])
    order = date_order or _decide_order(entries, source)
    draft = Draft(id=source.path.stem, extra={"date_order": order, "platform": _platform(entries)})
    for entry in entries:
        _classify(entry, _timestamp(entry, order, source), draft)
    return build_one(draft, source, "whatsapp", merge=merge)


def _entries(source: Source) -> tuple[list[_Entry], int, list[int]]:
    """Group lines into stamped entries; count non-blank lines before the first stamp, and list
    the continuation lines that look like messages with a stamp this reader does not know."""
    entries: list[_Entry] = []
    orphans = 0
    suspects: list[int] = []
    for number, raw in enumerate(source.lines, start=1):
        line = raw.replace(_LRM, "")
        stamp = _stamp(line)
        if stamp is not None:
            platform = "ios" if stamp.re is _IOS else "android"
            colon = raw.find(": ")
            marked = colon >= 0 and raw[colon + 2 : colon + 3] == _LRM
            entries.append(_Entry(number, stamp, platform, [line[stamp.end() :]], marked))
        elif entries:
            entries[-1].lines.append(line)
            if _LOOKS_STAMPED.match(line):
                suspects.append(number)
        elif line.strip():
            orphans += 1
    return entries, orphans, suspects


def _decide_order(entries: list[_Entry], source: Source) -> DateOrder:
    """Day- or month-first from the whole file; contradictions are E005, ambiguity W005."""
    day_first: _Entry | None = None
    month_first: _Entry | None = None
    for entry in entries:
        a, b = entry.stamp["a"], entry.stamp["b"]
        if len(a) == 4:  # year first: says nothing about the order of the others
            continue
        if int(a) > 12 and day_first is None:
            day_first = entry
        if int(b) > 12 and month_first is None:
            month_first = entry
    if day_first and month_first:
        later, earlier = sorted((day_first, month_first), key=lambda e: e.line, reverse=True)
        which = "month" if later is month_first else "day"
        other = "day" if which == "month" else "month"
        raise source.error(
            later.line,
            f"the date {_date_text(later)!r} puts the {which} first, "
            f"but {_date_text(earlier)!r} on line {earlier.line} puts the {other} first.",
            "one date order throughout the file",
        )
    if day_first:
        return "dmy"
    if month_first:
        return "mdy"
    if any(len(e.stamp["a"]) < 4 for e in entries):
        warn("W005", path=str(source.path), order=_ORDER_NAMES["dmy"])
    return "dmy"


def _timestamp(entry: _Entry, order: DateOrder, source: Source) -> datetime:
    """The entry's date and time; an impossible one is E005."""
    s = entry.stamp
    if len(s["a"]) == 4:
        year, month, day = s["a"], s["b"], s["c"]
    elif order == "dmy":
        day, month, year = s["a"], s["b"], s["c"]
    else:
        month, day, year = s["a"], s["b"], s["c"]
    hour = int(s["hour"])
    try:
        if len(year) == 3:
            raise ValueError("the year has 3 digits")
        if s["ampm"]:
            if not 1 <= hour <= 12:
                raise ValueError(f"hour {hour} on a 12-hour clock")
            hour = hour % 12 + (12 if s["ampm"][0] in "Pp" else 0)
        full_year = int(year) + (2000 if len(year) == 2 else 0)
        return datetime(full_year, int(month), int(day), hour, int(s["minute"]), int(s["second"] or 0))
    except ValueError as exc:
        stamp = s.group(0).strip(" -–[]\u00a0\u202f")
        raise source.error(
            entry.line, f"the date/time {stamp!r} is not valid ({exc}).", _EXPECTED_STAMP
        ) from None


def _classify(entry: _Entry, when: datetime, draft: Draft) -> None:
    """Add the entry to the draft as a message, or count it as a system line or media."""
    first, *rest = entry.lines
    while rest and not rest[-1].strip():
        rest.pop()
    label = _NAME.match(first)
    if label is None or _SYSTEM_ACTOR.match(first):
        draft.skipped_system += 1
        return
    body = (label["text"] or "").strip()
    if body == "POLL:" and any(line.startswith("OPTION: ") for line in rest):
        draft.skipped_media += 1  # a poll: its question and vote counts are not anyone's speech
        return
    media = _MEDIA.match(body) is not None
    if _SYSTEM_BODY.match(body) or (entry.marked and not media):
        draft.skipped_system += 1
        return
    lines = [body, *rest]
    if media:
        draft.skipped_media += 1
        if not any(line.strip() for line in rest):
            return
        lines = rest  # the caption sent with the media is a message
    text = _EDITED.sub("", "\n".join(lines))
    draft.messages.append(
        Message(speaker=label["name"].strip(), text=text, timestamp=when, source_line=entry.line)
    )


def _date_text(entry: _Entry) -> str:
    """The date as written, for error messages."""
    s = entry.stamp
    return f"{s['a']}{s['sep']}{s['b']}{s['sep']}{s['c']}"


def _platform(entries: list[_Entry]) -> str:
    """Which app wrote most stamps."""
    ios = sum(e.platform == "ios" for e in entries)
    return "ios" if ios * 2 > len(entries) else "android"
