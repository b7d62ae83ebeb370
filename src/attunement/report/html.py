"""One self-contained HTML page for a report: inline CSS, inline SVG charts, no script, no URLs.

:func:`render_html` takes the report dict (``attunement.analyze(...).to_dict()``, schema
``attunement-report-1.0``) and returns a complete HTML5 document. Conversations are intimate,
so the page loads nothing: no fonts, images, scripts or styles from anywhere (a
Content-Security-Policy of ``default-src 'none'`` makes the browser enforce it), and every piece
of text from the report goes through :func:`esc` wherever it lands: element content, attributes
and SVG ``<title>`` elements alike. Highlights are built from the raw text offsets: the text is
cut into sorted, non-overlapping segments and each segment is escaped on its own, so no markup is
ever spliced into escaped text.

The sections, in order: a calm safety notice (only when a turn carries crisis language), the
summary, each speaker's profile, a timeline of the conversation, and the conversation itself.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from attunement.capacities import CAPACITIES
from attunement.conversation import turn_number
from attunement.needs import shown_label
from attunement.suggest import NOTHING_TO_CHANGE, QUIET_SCORE

__all__ = ["esc", "highlight", "render_html"]

CAPACITY_NAMES: dict[str, str] = {
    "presence": "Presence",
    "curiosity": "Curiosity",
    "naming": "Naming feelings",
    "self_regulation": "Self-regulation",
    "responsive_action": "Responsive action",
    "repair": "Repair",
}
CAPACITY_SHORT: dict[str, str] = {
    "presence": "Presence",
    "curiosity": "Curiosity",
    "naming": "Naming",
    "self_regulation": "Regulation",
    "responsive_action": "Action",
    "repair": "Repair",
}
HORSEMEN: tuple[str, ...] = ("criticism", "contempt", "defensiveness", "stonewalling")
STATUS_WORDS: dict[str, str] = {
    "repaired": "repaired",
    "attempted": "repair attempted",
    "unrepaired": "unrepaired",
}
STATUS_MARKS: dict[str, str] = {"repaired": " \u2713", "attempted": " \u2026", "unrepaired": " \u2717"}
# How a tone shift's direction reads on its chip (a shift with no direction has no arrow).
SHIFT_WORDS: dict[str, str] = {
    "lighter": "lighter \u2191",
    "darker": "darker \u2193",
    "more intense": "more intense \u2191",
    "calmer": "calmer \u2193",
}
NOTE_WORDS: dict[str, str] = {
    "truncated": "long message: only its start was read",
    "no_words": "no words: read from emoji alone",
    "maybe_not_english": "may not be English: readings are less sure",
}
# Evidence kinds that raise a capacity; every other kind (closed questions, advice, the horsemen,
# brushing off, shouting) lowers it. An evidence entry's own "effect" ("raised"/"lowered") wins.
RAISING: frozenset[str] = frozenset({"open", "naming", "acknowledge", "apology", "reopen", "accept"})
_LONG = 1500  # characters: a longer message scrolls inside its bubble
_PALETTE = 6  # speaker colours --s0 .. --s5, reused in turn beyond six speakers
_DEFAULT_LIMITS = (
    "These readings are estimates from the words alone: they cannot hear tone of voice or know your "
    "history, and they can be wrong. Treat them as a starting point for talking, not a verdict."
)


# --- escaping and numbers ---------------------------------------------------------------------


def esc(value: Any) -> str:
    """Text safe in element content and in quoted attributes (also inside inline SVG).

    ``html.escape(quote=True)``, plus ``/`` as ``&#47;`` so that no text from a conversation can
    form a ``//`` URL or a closing tag in the output, and lone surrogates and NUL replaced so the
    page always encodes as UTF-8."""
    text = "" if value is None else str(value)
    text = text.encode("utf-8", "replace").decode("utf-8").replace("\x00", "\ufffd")
    return html.escape(text, quote=True).replace("/", "&#47;")


def _num(value: Any) -> float | None:
    """A finite float, or None for anything else (None, NaN, strings, booleans)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def _fmt(value: Any, digits: int = 2, empty: str = "\u2014", sign: str = "") -> str:
    """``value`` to ``digits`` places (``sign="+"`` shows the sign); what rounds to zero is 0.0, not -0.0."""
    number = _num(value)
    if number is None:
        return empty
    return f"{round(number, digits) + 0.0:{sign}.{digits}f}"


def _pct(value: Any) -> int:
    number = _num(value)
    return 0 if number is None else round(max(0.0, min(1.0, number)) * 100)


def _int(value: Any, default: int = 0) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _dict(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _list(value: Any) -> Sequence[Any]:
    return value if isinstance(value, (list, tuple)) else []


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))


def _when(stamp: Any) -> datetime | None:
    if not isinstance(stamp, str) or not stamp:
        return None
    try:
        return datetime.fromisoformat(stamp[:-1] + "+00:00" if stamp.endswith("Z") else stamp)
    except ValueError:
        return None


def _day(moment: datetime) -> str:
    return f"{moment:%A} {moment.day} {moment:%B %Y}"


# --- highlighting -----------------------------------------------------------------------------

Mark = tuple[int, int, int, str, str]  # start, end, priority (lower wins a tie), css class, title


def highlight(text: str, marks: Iterable[Mark]) -> str:
    """``text`` escaped, with each mark's ``text[start:end]`` wrapped in ``<mark class title>``.

    Marks with offsets outside the text are ignored. Overlaps: marks are taken by start (then
    priority, then the longer), and one that overlaps a mark already taken is dropped; a mark
    with the same range and class as the previous one adds its title to it instead."""
    size = len(text)
    valid = sorted(
        (m for m in marks if isinstance(m[0], int) and isinstance(m[1], int) and 0 <= m[0] < m[1] <= size),
        key=lambda m: (m[0], m[2], -m[1]),
    )
    kept: list[list[Any]] = []
    for start, end, _, cls, title in valid:
        if kept and kept[-1][0] == start and kept[-1][1] == end and kept[-1][2] == cls:
            if title and title not in kept[-1][3]:
                kept[-1][3].append(title)
            continue
        if kept and start < kept[-1][1]:
            continue
        kept.append([start, end, cls, [title] if title else []])
    out: list[str] = []
    at = 0
    for start, end, cls, titles in kept:
        out.append(esc(text[at:start]))
        title = f' title="{esc("; ".join(titles))}"' if titles else ""
        out.append(f'<mark class="{cls}"{title}>{esc(text[start:end])}</mark>')
        at = end
    out.append(esc(text[at:]))
    return "".join(out)


def raised(span: Mapping[str, Any]) -> bool:
    """Whether a piece of evidence raised its score (else it lowered it)."""
    effect = span.get("effect")
    if effect in ("raised", "lowered"):
        return effect == "raised"
    return _str(span.get("kind")) in RAISING


def _span_marks(spans: Any, cls: str, priority: int, label: str) -> list[Mark]:
    out: list[Mark] = []
    for span in _list(spans):
        span = _dict(span)
        kind = _str(span.get("kind")).replace("_", " ")
        out.append((span.get("start"), span.get("end"), priority, cls, f"{label}{kind}"))  # type: ignore[arg-type]
    return out


# --- the report, read leniently ---------------------------------------------------------------


class _Report:
    """The parts of a report dict the page uses, with every missing piece defaulted."""

    def __init__(self, report: Mapping[str, Any]) -> None:
        self.raw = report
        self.conversation = _dict(report.get("conversation"))
        self.turns: list[Mapping[str, Any]] = [_dict(t) for t in _list(report.get("turns"))]
        self.episodes: list[Mapping[str, Any]] = [_dict(e) for e in _list(report.get("episodes"))]
        self.profiles = _dict(report.get("speakers"))
        self.matching = _dict(report.get("matching"))
        self.summary = _dict(report.get("summary"))
        names: list[str] = []
        for name in (
            list(_list(self.conversation.get("speakers")))
            + [t.get("speaker") for t in self.turns]
            + list(self.profiles)
        ):
            name = _str(name)
            if name not in names:
                names.append(name)
        self.speakers = names
        self.colour = {name: i % _PALETTE for i, name in enumerate(names)}
        self.side = {name: "L" if i % 2 == 0 else "R" for i, name in enumerate(names)}
        self.position: dict[int, int] = {}
        for pos, turn in enumerate(self.turns):
            self.position.setdefault(_int(turn.get("index"), pos), pos)
        self.capacities = list(CAPACITIES)

    def index(self, turn: Mapping[str, Any], pos: int) -> int:
        return _int(turn.get("index"), pos)

    def turn(self, index: Any) -> Mapping[str, Any] | None:
        pos = self.position.get(index) if isinstance(index, int) else None
        return None if pos is None else self.turns[pos]

    def who(self, name: Any) -> str:
        """A speaker's name, escaped, isolated for right-to-left names, in their colour."""
        name = _str(name)
        return f'<bdi class="nm c{self.colour.get(name, 0)}">{esc(name)}</bdi>'

    def link(self, index: Any, label: str | None = None) -> str:
        if not isinstance(index, int) or index not in self.position:
            return esc(label or "")
        return f'<a href="#t{index}">{esc(label or f"turn {turn_number(index)}")}</a>'

    def safety_spans(self) -> bool:
        """Whether any turn has crisis language highlighted in its text."""
        return any(_list(_dict(t.get("safety")).get("spans")) for t in self.turns)

    def safety_turns(self) -> list[int]:
        return [
            self.index(t, pos) for pos, t in enumerate(self.turns) if isinstance(t.get("safety"), Mapping)
        ]


# --- sections ---------------------------------------------------------------------------------


def _safety(rep: _Report) -> str:
    turns = rep.safety_turns()
    if not turns:
        return ""
    texts = [_str(s) for s in _list(rep.summary.get("safety")) if _str(s).strip()]
    if not texts:
        for index in turns:
            message = _str(_dict(_dict(rep.turn(index)).get("safety")).get("message"))
            if message and message not in texts:
                texts.append(message)
    where = ", ".join(rep.link(i) for i in turns)
    body = "".join(f"<p>{esc(t)}</p>" for t in texts)
    return (
        '<section id="safety" class="safety" aria-label="Safety">'
        "<h2>Before you read</h2>"
        f'{body}<p class="where">This comes up in {where}.</p></section>'
    )


def _summary(rep: _Report) -> str:
    conv = rep.conversation
    names = ' <span class="amp">&amp;</span> '.join(rep.who(n) for n in rep.speakers) or "A conversation"
    n_turns = len(rep.turns)
    meta = [f"{n_turns} turn{'s' if n_turns != 1 else ''}"]
    days = [d for d in (_when(t.get("timestamp")) for t in rep.turns) if d]
    if days:
        first, last = _day(days[0]), _day(days[-1])
        meta.append(first if first == last else f"{first} to {last}")
    meta_of = _dict(conv.get("metadata"))
    title = _str(meta_of.get("title")) or _str(meta_of.get("chat_name"))  # a Telegram chat's name
    s = rep.summary
    parts = [
        '<header id="summary" class="top">',
        '<p class="eyebrow">Attunement report' + (f" \u00b7 {esc(title)}" if title else "") + "</p>",
        f"<h1>{names}</h1>",
        f'<p class="meta">{esc(" · ".join(meta))}</p>',
    ]
    headline = _str(s.get("headline"))
    if headline:
        parts.append(f'<p class="headline">{esc(headline)}</p>')
    cards: list[str] = []
    well = [_str(w) for w in _list(s.get("went_well")) if _str(w).strip()]
    if well:
        items = "".join(f"<li>{esc(w)}</li>" for w in well)
        cards.append(f'<div class="card well"><h2>What went well</h2><ul>{items}</ul></div>')
    moment = _dict(s.get("moment"))
    if moment:
        index = moment.get("turn")
        turn = rep.turn(index)
        quote = ""
        if turn is not None:
            text = _str(turn.get("text"))
            short = text if len(text) <= 160 else text[:157].rstrip() + "\u2026"
            quote = f'<blockquote dir="auto">{rep.who(turn.get("speaker"))}: {esc(short)}</blockquote>'
        go = rep.link(index, f"Go to turn {turn_number(index)} \u2192") if isinstance(index, int) else ""
        cards.append(
            '<div class="card moment"><h2>The moment that mattered most</h2>'
            f'{quote}<p>{esc(moment.get("why"))}</p><p class="go">{go}</p></div>'
        )
    practise = _dict(s.get("practise"))
    if practise:
        order = [n for n in rep.speakers if n in practise] + [n for n in practise if n not in rep.speakers]
        rows = "".join(f"<dt>{rep.who(n)}</dt><dd>{esc(practise[n])}</dd>" for n in order)
        cards.append(f'<div class="card practise"><h2>One thing to practise</h2><dl>{rows}</dl></div>')
    if cards:
        parts.append(f'<div class="cards">{"".join(cards)}</div>')
    limits = _str(s.get("limits")) or _DEFAULT_LIMITS
    parts.append(f'<p class="limits"><strong>About these readings.</strong> {esc(limits)}</p>')
    parts.append("</header>")
    return "".join(parts)


def _radar(capacities: Mapping[str, Any], names: Sequence[str], colour: int, who: str) -> str:
    """A six-axis radar of the capacity means (0 to 1), labelled with their values."""
    cx, cy, radius = 190.0, 134.0, 80.0
    count = len(names)

    def point(k: int, r: float) -> tuple[float, float]:
        angle = math.radians(-90 + 360 * k / count)
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    def poly(rs: Sequence[float]) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(k, r) for k, r in enumerate(rs)))

    out = [
        f'<svg class="radar c{colour}" viewBox="0 0 380 272" role="img" '
        f'aria-label="{esc(f"Capacities of {who}")}">'
    ]
    for ring in (0.25, 0.5, 0.75, 1.0):
        out.append(f'<polygon class="rg" points="{poly([radius * ring] * count)}"/>')
    for k in range(count):
        x, y = point(k, radius)
        out.append(f'<line class="ax" x1="{cx:.0f}" y1="{cy:.0f}" x2="{x:.1f}" y2="{y:.1f}"/>')
    means = [_num(_dict(capacities.get(c)).get("mean")) for c in names]
    if any(m is not None for m in means):
        values = [max(0.0, min(1.0, m or 0.0)) for m in means]
        out.append(f'<polygon class="rd" points="{poly([radius * v for v in values])}"/>')
        for k, c in enumerate(names):
            x, y = point(k, radius * values[k])
            sd = _dict(capacities.get(c)).get("sd")
            tip = f"{CAPACITY_NAMES.get(c, c)}: {_fmt(means[k])} (sd {_fmt(sd)})"
            out.append(
                f'<circle class="rp" cx="{x:.1f}" cy="{y:.1f}" r="3.5"><title>{esc(tip)}</title></circle>'
            )
    else:
        out.append(f'<text class="none" x="{cx:.0f}" y="{cy + 4:.0f}">no replies to assess</text>')
    for k, c in enumerate(names):
        x, y = point(k, radius + 16)
        dx = x - cx
        anchor = "middle" if abs(dx) < 1 else ("start" if dx > 0 else "end")
        words = CAPACITY_NAMES.get(c, c).split(" ")
        lines = [" ".join(words)] if len(" ".join(words)) <= 12 else words
        top = y - (len(lines) * 15) / 2 + (4 if abs(dx) > 1 else (-10 if y < cy else 12))
        tspans = "".join(
            f'<tspan x="{x:.1f}" y="{top + i * 15:.1f}">{esc(line)}</tspan>' for i, line in enumerate(lines)
        )
        value = f'<tspan class="v" x="{x:.1f}" y="{top + len(lines) * 15:.1f}">{esc(_fmt(means[k]))}</tspan>'
        out.append(f'<text class="lb" text-anchor="{anchor}">{tspans}{value}</text>')
    out.append("</svg>")
    return "".join(out)


def _profile(rep: _Report, name: str) -> str:
    prof = _dict(rep.profiles.get(name))
    colour = rep.colour.get(name, 0)
    score = _dict(prof.get("score"))
    turns, replies = _int(prof.get("turns")), _int(prof.get("replies"))
    mean = _num(score.get("mean"))
    avg = (
        f'average attunement <b class="big">{mean:.0f}</b><span class="of">/100</span>'
        + (
            f' <span class="sd">\u00b1 {_fmt(score.get("sd"), 0)}</span>'
            if _num(score.get("sd")) is not None
            else ""
        )
        if mean is not None
        else "no replies assessed"
    )
    horse = _dict(prof.get("horsemen"))
    pills = "".join(
        f'<li class="{"z" if not _int(horse.get(h)) else "w"}">{esc(h)} <b>{_int(horse.get(h))}</b></li>'
        for h in HORSEMEN
    )
    repairs = _dict(prof.get("repairs"))
    notice = _dict(prof.get("noticing"))
    seen, noticed = _int(notice.get("shifts_seen")), _int(notice.get("noticed"))
    lag = _num(notice.get("mean_turns_to_notice"))
    noticing = (
        f"Noticed <b>{noticed}</b> of {seen} changes in the other's tone"
        + (f", after {lag:.1f} turn{'s' if lag != 1 else ''} on average" if lag is not None else "")
        if seen
        else "No changes in the other's tone to notice"
    )
    return (
        f'<article class="prof c{colour}"><h3>{rep.who(name)}</h3>'
        f'<p class="pmeta">{turns} turns \u00b7 {replies} replies \u00b7 {avg}</p>'
        f"{_radar(_dict(prof.get('capacities')), rep.capacities, colour, name)}"
        '<div class="facts">'
        f'<div><h4>The four horsemen</h4><ul class="hm">{pills}</ul></div>'
        f"<div><h4>Repairs</h4><p><b>{_int(repairs.get('attempted'))}</b> attempted, "
        f"<b>{_int(repairs.get('landed'))}</b> landed</p></div>"
        f"<div><h4>Noticing</h4><p>{noticing}</p></div>"
        "</div></article>"
    )


def _together(rep: _Report) -> str:
    m = rep.matching
    sync = _dict(m.get("synchrony"))
    style = _dict(m.get("style_matching"))
    facts = [
        f"<li><span>Feelings moved together</span><b>{_fmt(sync.get('valence'))}</b>"
        f"<small>{_moved_together(sync.get('valence'), 'feeling')}</small></li>",
        f"<li><span>Intensity moved together</span><b>{_fmt(sync.get('arousal'))}</b>"
        f"<small>{_moved_together(sync.get('arousal'), 'intensity')}</small></li>",
        f"<li><span>Matched each other's style, reply by reply</span><b>{_fmt(style.get('overall'))}</b>"
        "<small>function words of each reply against the message it answered, averaged; 0 to 1</small></li>",
    ]
    pairs = [
        f"<li><span>Overall style of {esc(k)}</span><b>{_fmt(v)}</b>"
        "<small>all of each person's words pooled, so it differs from reply by reply; 0 to 1</small></li>"
        for k, v in _dict(style.get("by_speaker_pair")).items()
        if _num(v) is not None
    ]
    notes = [_adapted(rep, _dict(item)) for item in _list(m.get("adaptation"))]
    adapt = f'<h4>How you adapted</h4><ul class="adapt">{"".join(notes)}</ul>' if notes else ""
    return (
        '<div class="card together"><h3>Together</h3>'
        f'<ul class="nums">{"".join(facts + pairs)}</ul>{adapt}</div>'
    )


def _moved_together(value: Any, what: str) -> str:
    """What a correlation of message and reply (\u22121 to 1) means, in words."""
    r = _num(value)
    if r is None:
        return f"too few replies to tell how the {what} of replies followed the messages"
    if r >= 0.3:
        way = f"replies tended to match the {what} of the message they answered"
    elif r <= -0.3:
        way = f"replies tended to go the opposite way to the {what} of the message they answered"
    else:
        way = f"little link between the {what} of a message and its reply"
    return f"{way} (\u22121 opposite, 0 no link, 1 in step)"


def _adapted(rep: _Report, item: Mapping[str, Any]) -> str:
    """One adaptation as one sentence, with the scores of the reply before and after."""
    after, speaker = item.get("after_turn"), _str(item.get("speaker"))
    changed = bool(item.get("changed"))
    if not isinstance(after, int):
        return f'<li class="{"moved" if changed else "same"}">{esc(item.get("note"))}</li>'
    mine = [
        (rep.index(t, pos), _num(_dict(t.get("assessment")).get("score")))
        for pos, t in enumerate(rep.turns)
        if _str(t.get("speaker")) == speaker
    ]
    mine = [(i, v) for i, v in mine if v is not None]
    before = next((x for x in reversed(mine) if x[0] < after), None)
    later = next((x for x in mine if x[0] > after), None)
    when = rep.link(after, f"turn {turn_number(after)}")
    if changed:
        what = "changed approach"
        if before and later:
            what += (
                f": attunement went from {before[1]:.0f} ({rep.link(before[0])}) "
                f"to {later[1]:.0f} ({rep.link(later[0])})"
            )
    else:
        what = "kept the same approach" + (
            f" (attunement {later[1]:.0f} in {rep.link(later[0])})" if later else ""
        )
    return f'<li class="{"moved" if changed else "same"}">After {when}, {rep.who(speaker)} {what}.</li>'


def _profiles(rep: _Report) -> str:
    names = [n for n in rep.speakers if n in rep.profiles]
    cards = "".join(_profile(rep, n) for n in names)
    return (
        '<section id="profiles"><h2>How each of you showed up</h2>'
        '<p class="lede">Six capacities of an attuned reply, averaged over each person\'s replies '
        "(0 to 1, further out is more).</p>"
        f'<div class="profiles">{cards}</div>{_together(rep)}</section>'
    )


def _timeline(rep: _Report) -> str:
    turns = rep.turns
    n = len(turns)
    head = '<section id="timeline"><h2>How the conversation moved</h2>'
    if not n:
        return head + '<p class="lede">No turns.</p></section>'
    left, right, step = 104.0, 14.0, max(10.0, 860.0 / n)
    width = left + right + step * n
    strip, gap, ph = 24.0, 18.0, 74.0
    panels = [
        ("Feeling", "pleasant", "unpleasant"),
        ("Intensity", "intense", "calm"),
        ("Attunement", "100", "0"),
    ]
    tops = [strip + 8 + i * (ph + gap) for i in range(3)]
    bottom = tops[-1] + ph
    height = bottom + 24

    def x_of(pos: int) -> float:
        return left + step * (pos + 0.5)

    def y_scale(top: float, value: float, lo: float, hi: float) -> float:
        return top + (hi - max(lo, min(hi, value))) / (hi - lo) * ph

    wide = width > 1000
    # The size attributes give the drawing its natural size: the page's CSS fits it to the width on a
    # wide screen and keeps it at that size (scrolling sideways) on a phone, so its labels stay legible.
    size = f' width="{width:.0f}" height="{height:.0f}"'
    out = [
        f'<svg class="tl{" wide" if wide else ""}" viewBox="0 0 {width:.0f} {height:.0f}"{size} '
        f'role="img" aria-label="Feeling, intensity and attunement across {n} turns">'
    ]
    for top, (name, hi_word, lo_word) in zip(tops, panels):
        out.append(
            f'<rect class="pn" x="{left:.0f}" y="{top:.0f}" width="{step * n:.1f}" height="{ph:.0f}" rx="6"/>'
            f'<line class="mid" x1="{left:.0f}" x2="{left + step * n:.1f}" y1="{top + ph / 2:.1f}" '
            f'y2="{top + ph / 2:.1f}"/>'
            f'<text class="pt" x="8" y="{top + ph / 2 + 4:.1f}">{name}</text>'
            f'<text class="pa" x="{left - 6:.0f}" y="{top + 10:.0f}">{hi_word}</text>'
            f'<text class="pa" x="{left - 6:.0f}" y="{top + ph - 3:.0f}">{lo_word}</text>'
        )
    # episodes: a shaded band over the panels and a clickable pill above them
    for number, ep in enumerate(rep.episodes, 1):
        start, end = rep.position.get(ep.get("start")), rep.position.get(ep.get("end"))  # type: ignore[arg-type]
        if start is None:
            continue
        end = start if end is None or end < start else end
        status = _str(ep.get("status"))
        status = status if status in STATUS_WORDS else "unrepaired"
        x0, x1 = left + step * start + 1, left + step * (end + 1) - 1
        out.append(
            f'<rect class="band {status}" x="{x0:.1f}" y="{tops[0]:.0f}" width="{x1 - x0:.1f}" '
            f'height="{bottom - tops[0]:.0f}"/>'
        )
        repair = rep.position.get(ep.get("repair"))  # type: ignore[arg-type]
        if repair is not None:
            xr = x_of(repair)
            out.append(
                f'<line class="rline" x1="{xr:.1f}" x2="{xr:.1f}" y1="{tops[0]:.0f}" y2="{bottom:.0f}"/>'
            )
        who = _str(ep.get("who_repaired"))
        first, last = (
            turn_number(_int(ep.get("start"))),
            turn_number(_int(ep.get("end"), _int(ep.get("start")))),
        )
        tip = (
            f"Episode {number}: {_str(ep.get('trigger')) or 'rupture'}, turns {first} to {last}, "
            f"{STATUS_WORDS[status]}" + (f" by {who}" if who else "")
        )
        label = f"{number}{STATUS_MARKS[status]}"
        p0, p1 = x0, x1
        if p1 - p0 < 30:  # a narrow band still gets a pill wide enough for its label
            mid = (x0 + x1) / 2
            p0, p1 = mid - 15, mid + 15
        out.append(
            f'<a href="#t{_int(ep.get("start"))}" class="ep"><title>{esc(tip)}</title>'
            f'<rect class="pill {status}" x="{p0:.1f}" y="4" width="{p1 - p0:.1f}" height="18" rx="9"/>'
            f'<text x="{(x0 + x1) / 2:.1f}" y="17">{esc(label)}</text></a>'
        )
    # the lines through all turns, then one dot per turn in its speaker's colour
    series: list[list[tuple[int, float]]] = [[], [], []]
    for pos, turn in enumerate(turns):
        cues = _dict(turn.get("cues"))
        for k, key in enumerate(("valence", "arousal")):
            value = _num(cues.get(key))
            if value is not None:
                series[k].append((pos, y_scale(tops[k], value, 1.0, 5.0)))
        score = _num(_dict(turn.get("assessment")).get("score"))
        if score is not None:
            series[2].append((pos, y_scale(tops[2], score, 0.0, 100.0)))
    radius = 4.5 if step >= 30 else (3.2 if step >= 16 else 2.4)
    for k in range(2):
        if len(series[k]) > 1:
            points = " ".join(f"{x_of(p):.1f},{y:.1f}" for p, y in series[k])
            out.append(f'<polyline class="ln" points="{points}"/>')
    bar = min(step * 0.5, 22.0)
    for pos, turn in enumerate(turns):
        c = rep.colour.get(_str(turn.get("speaker")), 0)
        x = x_of(pos)
        for k in range(2):
            value = _num(_dict(turn.get("cues")).get(("valence", "arousal")[k]))
            if value is not None:
                y = y_scale(tops[k], value, 1.0, 5.0)
                out.append(f'<circle class="d c{c}" cx="{x:.1f}" cy="{y:.1f}" r="{radius}"/>')
        score = _num(_dict(turn.get("assessment")).get("score"))
        if score is not None:
            y = y_scale(tops[2], score, 0.0, 100.0)
            out.append(
                f'<rect class="d c{c}" x="{x - bar / 2:.1f}" y="{y:.1f}" width="{bar:.1f}" '
                f'height="{max(tops[2] + ph - y, 1.0):.1f}" rx="2"/>'
            )
            if step >= 36:
                out.append(f'<text class="sv" x="{x:.1f}" y="{y - 4:.1f}">{score:.0f}</text>')
    # turn numbers, spaced so they never crowd
    every = max(1, math.ceil(34 / step))
    for pos, turn in enumerate(turns):
        if pos % every == 0:
            out.append(
                f'<text class="tn" x="{x_of(pos):.1f}" y="{bottom + 16:.0f}">'
                f"{turn_number(rep.index(turn, pos))}</text>"
            )
    # a clickable column per turn, on top, with its readings as the tooltip
    for pos, turn in enumerate(turns):
        index = rep.index(turn, pos)
        cues = _dict(turn.get("cues"))
        score = _num(_dict(turn.get("assessment")).get("score"))
        tip = (
            f"Turn {turn_number(index)}, {_str(turn.get('speaker'))}: "
            f"feeling {_fmt(cues.get('valence'), 1)}, "
            f"intensity {_fmt(cues.get('arousal'), 1)}"
            + (f", attunement {score:.0f}" if score is not None else "")
        )
        out.append(
            f'<a href="#t{index}"><rect class="hit" x="{left + step * pos:.1f}" y="{tops[0]:.0f}" '
            f'width="{step:.1f}" height="{bottom - tops[0]:.0f}"/><title>{esc(tip)}</title></a>'
        )
    out.append("</svg>")
    legend = "".join(f'<span class="key">{_dot(rep, n)}{rep.who(n)}</span>' for n in rep.speakers)
    legend += "".join(
        f'<span class="key"><i class="sw {s}"></i>{esc(STATUS_WORDS[s])}{STATUS_MARKS[s]}</span>'
        for s in STATUS_WORDS
    )
    episodes = _episode_list(rep)
    return (
        head
        + '<p class="lede">Feeling (valence) and intensity (arousal) of every message, and how attuned each '
        "reply was. Shaded bands are ruptures, numbered as in the list below and coloured (and marked "
        "\u2713, \u2026 or \u2717) by whether they were repaired. Click anywhere to "
        f'jump to that turn.</p><p class="legend">{legend}</p>'
        f'<p class="swipe">Swipe sideways to see all {n} turn{"s" if n != 1 else ""} '
        "\u2192</p>"
        f'<div class="tlwrap">{"".join(out)}</div>'
        f"{episodes}</section>"
    )


def _dot(rep: _Report, name: str) -> str:
    return f'<i class="dot c{rep.colour.get(name, 0)}"></i>'


def _episode_list(rep: _Report) -> str:
    items = []
    for number, ep in enumerate(rep.episodes, 1):
        status = _str(ep.get("status"))
        status = status if status in STATUS_WORDS else "unrepaired"
        start, repair = ep.get("start"), ep.get("repair")
        who = ep.get("who_repaired")
        repaired = (
            f", {esc(STATUS_WORDS[status])} in {rep.link(repair)}" + (f" by {rep.who(who)}" if who else "")
            if isinstance(repair, int) and status != "unrepaired"
            else f", {esc(STATUS_WORDS[status])}"
        )
        trigger = _str(ep.get("trigger")).replace("_", " ")
        items.append(
            f'<li><i class="sw {status}"></i><b>Rupture {number}{STATUS_MARKS[status]}</b> '
            f"in {rep.link(start)}"
            f"{f' ({esc(trigger)})' if trigger else ''}{repaired}</li>"
        )
    if not items:
        return ""
    listed = f'<ul class="eps">{"".join(items)}</ul>'
    if len(items) <= 8:
        return listed
    return (
        f'<details class="eplist"><summary>All {len(items)} ruptures and repairs</summary>{listed}</details>'
    )


def _conversation(rep: _Report) -> str:
    # message-side evidence lands in the turn each reply responds to
    heard: dict[int, list[Mark]] = {}
    for pos, turn in enumerate(rep.turns):
        a = _dict(turn.get("assessment"))
        target = a.get("responds_to")
        if not a or not isinstance(target, int):
            continue
        for cap, spans in _dict(a.get("evidence")).items():
            for span in _list(spans):
                span = _dict(span)
                if span.get("side") == "message":
                    reply_no = turn_number(rep.index(turn, pos))
                    label = f"{CAPACITY_NAMES.get(cap, cap)} in the reply at turn {reply_no}: "
                    heard.setdefault(target, []).extend(_span_marks([span], "ms", 3, label))
    starts: dict[int, list[tuple[str, Any]]] = {}
    repairs: dict[int, list[str]] = {}
    for ep in rep.episodes:
        status = _str(ep.get("status"))
        status = status if status in STATUS_WORDS else "unrepaired"
        if isinstance(ep.get("start"), int):
            starts.setdefault(ep["start"], []).append((status, ep.get("repair")))
        if isinstance(ep.get("repair"), int):
            repairs.setdefault(ep["repair"], []).append(status)
    out = [
        '<section id="conversation"><h2>The conversation</h2>'
        '<div class="tools"><label><input type="checkbox" id="hl" checked> Show highlights</label>'
        '<span class="key"><mark class="ev up">raised a score</mark></span>'
        '<span class="key"><mark class="ev dn">lowered a score</mark></span>'
        '<span class="key"><mark class="ms">picked up by the reply</mark></span>'
        '<span class="key"><mark class="mk">warning sign</mark></span>'
        + ('<span class="key"><mark class="sf">needs care</mark></span>' if rep.safety_spans() else "")
        + '</div><ol class="turns">'
    ]
    last_day = ""
    for pos, turn in enumerate(rep.turns):
        moment = _when(turn.get("timestamp"))
        if moment:
            day = _day(moment)
            if day != last_day:
                out.append(f'<li class="day">{esc(day)}</li>')
                last_day = day
        out.append(_bubble(rep, turn, pos, moment, heard, starts, repairs))
    out.append("</ol></section>")
    return "".join(out)


def _bubble(
    rep: _Report,
    turn: Mapping[str, Any],
    pos: int,
    moment: datetime | None,
    heard: Mapping[int, list[Mark]],
    starts: Mapping[int, list[tuple[str, Any]]],
    repairs: Mapping[int, list[str]],
) -> str:
    index = rep.index(turn, pos)
    speaker = _str(turn.get("speaker"))
    text = _str(turn.get("text"))
    a = _dict(turn.get("assessment"))
    cues = _dict(turn.get("cues"))
    safety = _dict(turn.get("safety"))
    marks: list[Mark] = []
    for span in _list(safety.get("spans")):
        if isinstance(span, (list, tuple)) and len(span) >= 2:
            marks.append((span[0], span[1], 0, "sf", "crisis language"))
    marks += _span_marks(a.get("markers"), "mk", 1, "warning sign: ")
    for cap, spans in _dict(a.get("evidence")).items():
        reply_side = [_dict(s) for s in _list(spans) if _dict(s).get("side") == "reply"]
        name = CAPACITY_NAMES.get(cap, cap)
        up = [s for s in reply_side if raised(s)]
        down = [s for s in reply_side if not raised(s)]
        marks += _span_marks(up, "ev up", 2, f"raised {name} \u2191: ")
        marks += _span_marks(down, "ev dn", 2, f"lowered {name} \u2193: ")
    marks += heard.get(index, [])
    signals = _dict(turn.get("signals"))
    marks += _span_marks(signals.get("rupture"), "ru", 4, "rupture: ")
    marks += _span_marks(signals.get("repair"), "re", 4, "repair: ")

    tags = []
    for status, repair in starts.get(index, []):
        tags.append('<span class="tag rupture">rupture begins</span>')
        if status != "unrepaired" and isinstance(repair, int) and repair in rep.position:
            word = "repaired" if status == "repaired" else "repair attempted"
            tags.append(f'<a class="tag {status}" href="#t{repair}">{word} at #{turn_number(repair)}</a>')
    for status in repairs.get(index, []):
        word = "repair landed" if status == "repaired" else "repair attempt"
        tags.append(f'<span class="tag {status}">{word}</span>')
    when = (
        f'<time datetime="{esc(turn.get("timestamp"))}">{moment:%H:%M}</time>' if moment is not None else ""
    )
    number = f'<span class="n">#{turn_number(index)}</span>'
    head = f'<div class="who">{rep.who(speaker)}{when}{number}{"".join(tags)}</div>'

    chips = []
    emotions = _dict(cues.get("emotions"))
    predicted = [_str(p) for p in _list(cues.get("predicted"))]
    predicted.sort(key=lambda e: -(_num(emotions.get(e)) or 0.0))
    for label in predicted[:3]:
        chips.append(f'<span class="ch">{esc(label)} <small>{_pct(emotions.get(label))}%</small></span>')
    need_row = _dict(turn.get("need"))
    need = _str(need_row.get("label"))
    if need_row.get("overridden_by") == "safety":
        chips.append(
            '<span class="ch need" title="crisis language: the need reading is set aside">safety first</span>'
        )
    elif need and need != "none" and shown_label(need_row):
        chips.append(f'<span class="ch need">needs {esc(need)}</span>')
    shift = _dict(turn.get("tone_shift"))
    if shift.get("shifted"):
        dv = _num(shift.get("valence")) or 0.0
        way = SHIFT_WORDS.get(_str(shift.get("direction")), "")
        tip = (
            f"against their own recent turns: feeling {_fmt(dv, 1, sign='+')}, "
            f"intensity {_fmt(shift.get('arousal'), 1, sign='+')}"
        )
        chips.append(f'<span class="ch shift" title="{esc(tip)}">tone shift{": " if way else ""}{way}</span>')
    for note in _list(cues.get("notes")):
        chips.append(f'<span class="ch note">{esc(NOTE_WORDS.get(_str(note), _str(note)))}</span>')
    long = " long" if len(text) > _LONG else ""
    body = [f'<p class="tx{long}" dir="auto">{highlight(text, marks)}</p>']
    if chips:
        body.append(f'<div class="chips">{"".join(chips)}</div>')
    if safety:
        body.append(f'<p class="care">{esc(safety.get("message"))}</p>')
    if a:
        body.append(_assessment(rep, a))
    side = rep.side.get(speaker, "L")
    return (
        f'<li class="turn {side} c{rep.colour.get(speaker, 0)}" id="t{index}">{head}'
        f'<div class="bub">{"".join(body)}</div></li>'
    )


def _assessment(rep: _Report, a: Mapping[str, Any]) -> str:
    score = _num(a.get("score"))
    level = "" if score is None else ("hi" if score >= 67 else ("md" if score >= 40 else "lo"))
    target = a.get("responds_to")
    to = rep.link(target, f"\u21a9 reply to #{turn_number(target)}") if isinstance(target, int) else ""
    caps = _dict(a.get("capacities"))
    bars = "".join(
        f'<li title="{esc(CAPACITY_NAMES.get(c, c))} {_fmt(caps.get(c))}">'
        f'<span>{CAPACITY_SHORT.get(c, c)}</span><i><b style="width:{_pct(caps.get(c))}%"></b></i></li>'
        for c in rep.capacities
        if c in caps
    )
    kinds = []
    for marker in _list(a.get("markers")):
        kind = _str(_dict(marker).get("kind")).replace("_", " ")
        if kind and kind not in kinds:
            kinds.append(kind)
    warn = "".join(f'<span class="ch warn">{esc(k)}</span>' for k in kinds)
    tips = [_str(t) for t in _list(a.get("suggestions")) if _str(t).strip()]
    details = (
        "<details><summary>What could help</summary><ul>"
        + "".join(f"<li>{esc(t)}</li>" for t in tips)
        + "</ul></details>"
        if tips
        else (
            f'<p class="ok">{esc(NOTHING_TO_CHANGE)}</p>'
            if score is not None and score >= QUIET_SCORE
            else ""
        )
    )
    shown = "\u2014" if score is None else f"{score:.0f}"
    return (
        f'<div class="as"><div class="ah">{to}<span class="sc {level}">attunement <b>{shown}</b></span>'
        f'{warn}</div><ul class="caps">{bars}</ul>{details}</div>'
    )


# --- the page ---------------------------------------------------------------------------------

_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

_CSS = """
:root{--bg:#faf6f0;--card:#fff;--ink:#2c2a27;--mute:#6b645b;--line:#e8e0d4;--soft:#f3ede4;
--s0:#2b7983;--s1:#b5573a;--s2:#6b5ea8;--s3:#5f7d22;--s4:#a3467a;--s5:#3a69ad;
--repaired:#d8ebd4;--repairedk:#37702f;--attempted:#f6e5c0;--attemptedk:#8a6110;
--unrepaired:#f4d4cf;--unrepairedk:#a33d33;--mark:#ffeaa0;--heard:#cfe6ee;--warn:#f9d2c8;
--warnk:#a53a2a;--up:#d6efd2;--upk:#2f6b28;--dn:#fbe0c6;--dnk:#9a4d0c;
--care:#e9eefa;--panel:#f7f5f1;--carek:#34508f;--link:#285f8f;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--bg:#1c1b19;--card:#252421;--ink:#ece6dc;--mute:#aaa296;
--line:#3b3934;--soft:#2e2c28;--s0:#63b9c2;--s1:#e3906c;--s2:#a89be0;--s3:#a3c25e;--s4:#df86b6;
--s5:#7fa9e6;--repaired:#2c4629;--repairedk:#9fd494;--attempted:#4a3d1c;--attemptedk:#e8c77a;
--unrepaired:#4f2c27;--unrepairedk:#f0a79c;--mark:#5b4c12;--heard:#1f4653;--warn:#5a2a22;
--warnk:#f3a293;--up:#27452a;--upk:#a5dc98;--dn:#4d3220;--dnk:#f2b27a;--care:#24304a;--panel:#2b2a27;--carek:#b2c4f0;--link:#8fc1ee}}
*{box-sizing:border-box}
html{scroll-behavior:smooth;-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:16px/1.6 system-ui,-apple-system,"Segoe UI",
Roboto,"Helvetica Neue","Noto Sans","Liberation Sans",Arial,sans-serif,"Apple Color Emoji",
"Segoe UI Emoji","Noto Color Emoji"}
main{max-width:1080px;margin:0 auto;padding:40px 24px 72px}
a{color:var(--link);text-underline-offset:2px}
h1,h2,h3,h4{line-height:1.25;margin:0}
h2{font-size:1.35rem;margin:0 0 6px}
section{margin-top:56px}
.lede{color:var(--mute);margin:0 0 18px;max-width:70ch}
.c0{--c:var(--s0)}.c1{--c:var(--s1)}.c2{--c:var(--s2)}.c3{--c:var(--s3)}.c4{--c:var(--s4)}.c5{--c:var(--s5)}
.nm{color:var(--c);font-weight:650}
.card{background:var(--card);border:1px solid var(--line);border-radius:16px;padding:20px 22px}
.safety{margin:0 0 36px;background:var(--care);color:var(--carek);border-radius:16px;padding:20px 24px;
border:1px solid color-mix(in srgb,var(--carek) 25%,transparent)}
.safety h2{font-size:1.1rem}.safety p{margin:8px 0 0;max-width:75ch}.safety .where{font-size:.9rem}
.safety a{color:inherit}
.top{margin:0}
.eyebrow{text-transform:uppercase;letter-spacing:.09em;font-size:.78rem;color:var(--mute);margin:0 0 6px}
.top h1{font-size:2.2rem;font-weight:700;letter-spacing:-.01em}
.amp{color:var(--mute);font-weight:400}
.meta{color:var(--mute);margin:4px 0 0}
.headline{font:1.45rem/1.45 Georgia,"Iowan Old Style","Palatino Linotype","DejaVu Serif",serif;
margin:22px 0 26px;max-width:60ch}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(280px,1fr));gap:16px}
.cards h2{font-size:.8rem;text-transform:uppercase;letter-spacing:.08em;color:var(--mute);margin-bottom:10px}
.cards ul{margin:0;padding-left:1.1em}.cards li{margin:0 0 6px}
.well li::marker{color:var(--repairedk)}
.moment blockquote{margin:0 0 10px;padding:8px 12px;border-left:3px solid var(--line);background:var(--soft);
border-radius:0 8px 8px 0;font-size:.95rem}
.moment p{margin:0 0 8px}.go{font-weight:600}
.practise dl{margin:0}.practise dt{margin-top:8px}.practise dt:first-child{margin-top:0}
.practise dd{margin:2px 0 0}
.limits{margin:18px 0 0;padding:12px 16px;border-radius:12px;background:var(--soft);color:var(--mute);
font-size:.92rem}
.limits strong{color:var(--ink)}
.profiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(330px,1fr));gap:16px}
.prof{background:var(--card);border:1px solid var(--line);border-top:4px solid var(--c);border-radius:16px;
padding:18px 22px}
.prof h3{font-size:1.25rem}
.pmeta{color:var(--mute);margin:4px 0 0}.pmeta .big{color:var(--ink);font-size:1.3rem}
.of,.sd{font-size:.85rem}
.radar{display:block;width:100%;max-width:420px;height:auto;margin:6px auto 4px}
.radar .rg{fill:none;stroke:var(--line)}.radar .ax{stroke:var(--line)}
.radar .rd{fill:var(--c);fill-opacity:.2;stroke:var(--c);stroke-width:2;stroke-linejoin:round}
.radar .rp{fill:var(--c)}
.radar .lb{font-size:13px;fill:var(--ink)}.radar .v{font-weight:700;fill:var(--c)}
.radar .none{font-size:13px;fill:var(--mute);text-anchor:middle}
.facts{display:grid;gap:10px;border-top:1px solid var(--line);padding-top:12px}
.facts h4{font-size:.75rem;text-transform:uppercase;letter-spacing:.08em;color:var(--mute);margin-bottom:3px}
.facts p{margin:0}
.hm{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:6px}
.hm li{padding:1px 10px;border-radius:99px;font-size:.88rem;background:var(--soft)}
.hm li.z{color:var(--mute)}.hm li.w{background:var(--warn);color:var(--warnk)}
.together{margin-top:16px}.together h3{font-size:1.1rem;margin-bottom:10px}
.together h4{font-size:.75rem;text-transform:uppercase;letter-spacing:.08em;color:var(--mute);
margin:14px 0 4px}
.nums{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));
gap:10px}
.nums li{background:var(--soft);border-radius:12px;padding:10px 14px;display:grid}
.nums span{color:var(--mute);font-size:.88rem}.nums b{font-size:1.3rem}.nums small{color:var(--mute)}
.adapt{margin:0;padding-left:1.1em}.adapt li{margin:3px 0}.adapt li.same::marker{color:var(--mute)}
.legend{display:flex;flex-wrap:wrap;gap:6px 18px;margin:0 0 10px;font-size:.9rem}
.key{display:inline-flex;align-items:center;gap:6px}
.dot{width:10px;height:10px;border-radius:50%;background:var(--c);display:inline-block}
.sw{width:16px;height:10px;border-radius:3px;display:inline-block;background:var(--unrepaired)}
.sw.repaired{background:var(--repaired)}.sw.attempted{background:var(--attempted)}
.tlwrap{background:var(--card);border:1px solid var(--line);border-radius:16px;padding:10px 8px 4px;
overflow-x:auto}
.tl{display:block;width:100%;min-width:720px;height:auto;font-size:11px}.tl.wide{width:auto;max-width:none}
.swipe{display:none;margin:0 0 6px;font-size:.88rem;color:var(--mute);font-weight:600}
.tlwrap::-webkit-scrollbar{height:8px}.tlwrap::-webkit-scrollbar-thumb{background:var(--mute);border-radius:4px}
.tlwrap{scrollbar-color:var(--mute) transparent}
.tl .pn{fill:var(--panel)}.tl .mid{stroke:var(--line);stroke-dasharray:3 4}
.tl .pt{fill:var(--ink);font-size:12px;font-weight:650}
.tl .pa{fill:var(--mute);text-anchor:end;font-size:10px}
.tl .band{fill-opacity:.6}.band.repaired,.pill.repaired{fill:var(--repaired)}
.band.attempted,.pill.attempted{fill:var(--attempted)}.band.unrepaired,.pill.unrepaired{fill:var(--unrepaired)}
.tl .ep text{text-anchor:middle;font-size:10.5px;font-weight:600;fill:var(--ink)}
.tl .ep:hover .pill{stroke:var(--ink)}
.tl .rline{stroke:var(--repairedk);stroke-opacity:.55;stroke-dasharray:2 3;stroke-width:1.5}
.tl .ln{fill:none;stroke:var(--mute);stroke-opacity:.45;stroke-width:1.5;stroke-linejoin:round}
.tl .d{fill:var(--c)}.tl .sv{text-anchor:middle;fill:var(--mute);font-size:10px}
.tl .tn{text-anchor:middle;fill:var(--mute)}
.tl .hit{fill:transparent}.tl a:hover .hit{fill:var(--ink);fill-opacity:.05}
.eps{list-style:none;padding:0;margin:12px 0 0;display:grid;gap:4px;font-size:.93rem}
.eps .sw{margin-right:8px;vertical-align:baseline}
.tools{display:flex;flex-wrap:wrap;align-items:center;gap:8px 16px;margin:0 0 14px;font-size:.88rem;
color:var(--mute)}
.tools label{color:var(--ink);cursor:pointer}
.turns{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:14px}
.day{align-self:center;font-size:.8rem;color:var(--mute);background:var(--soft);padding:2px 12px;
border-radius:99px}
.turn{max-width:min(78%,720px);scroll-margin-top:24px}
.turn.L{align-self:flex-start}.turn.R{align-self:flex-end}
.who{display:flex;flex-wrap:wrap;align-items:baseline;gap:4px 10px;font-size:.86rem;margin:0 6px 4px}
.turn.R .who{justify-content:flex-end}
.who time,.who .n{color:var(--mute)}
.tag{font-size:.72rem;font-weight:650;padding:1px 8px;border-radius:99px;background:var(--unrepaired);
color:var(--unrepairedk)}
.tag.repaired{background:var(--repaired);color:var(--repairedk)}a.tag{text-decoration:none}
.tag.attempted{background:var(--attempted);color:var(--attemptedk)}
.bub{background:var(--card);background:color-mix(in srgb,var(--c) 7%,var(--card));
border:1px solid color-mix(in srgb,var(--c) 22%,var(--line));border-radius:18px;padding:12px 16px;
transition:box-shadow .3s}
.turn.L .bub{border-top-left-radius:6px}.turn.R .bub{border-top-right-radius:6px}
.turn:target .bub{box-shadow:0 0 0 3px color-mix(in srgb,var(--c) 45%,transparent)}
.tx{margin:0;white-space:pre-wrap;overflow-wrap:anywhere;font-size:1.02rem}
.tx.long{max-height:24em;overflow-y:auto;padding-right:6px}
.tx mark,.key mark{color:inherit;border-radius:4px;padding:0 2px;background:var(--mark)}
.tx mark.ms,.key mark.ms{background:var(--heard)}
.tx mark.up,.key mark.up{background:var(--up);text-decoration:underline solid var(--upk);
text-underline-offset:3px}
.tx mark.dn,.key mark.dn{background:var(--dn);text-decoration:underline dashed var(--dnk);
text-underline-offset:3px}
.tx mark.up::after,.key mark.up::after{content:"\\2191";font-size:.75em;color:var(--upk);margin-left:1px}
.tx mark.dn::after,.key mark.dn::after{content:"\\2193";font-size:.75em;color:var(--dnk);margin-left:1px}
.tx mark.mk,.key mark.mk{background:var(--warn);text-decoration:underline wavy var(--warnk);
text-underline-offset:3px;text-decoration-thickness:1px}
.tx mark.sf,.key mark.sf{background:var(--care);outline:1px dashed var(--carek)}
.tx mark.ru{background:none;text-decoration:underline dotted var(--warnk);text-underline-offset:3px}
.tx mark.re{background:none;text-decoration:underline dotted var(--repairedk);text-underline-offset:3px}
body:has(#hl:not(:checked)) .tx mark{background:none;text-decoration:none;outline:0}
body:has(#hl:not(:checked)) .tx mark::after{content:none}
.chips{display:flex;flex-wrap:wrap;gap:5px;margin-top:9px}
.ch{font-size:.76rem;padding:1px 9px;border-radius:99px;background:var(--soft);color:var(--mute);
border:1px solid var(--line)}
.ch small{opacity:.75}.ch.need{color:var(--c);border-color:color-mix(in srgb,var(--c) 35%,transparent)}
.ch.shift{font-style:italic}.ch.warn{background:var(--warn);color:var(--warnk);border-color:transparent}
.ok{margin:6px 0 0;font-size:.85em;opacity:.8}
.care{margin:10px 0 0;padding:8px 12px;border-radius:10px;background:var(--care);color:var(--carek);
font-size:.9rem}
.as{margin-top:10px;padding-top:9px;border-top:1px dashed color-mix(in srgb,var(--c) 30%,var(--line))}
.ah{display:flex;flex-wrap:wrap;align-items:center;gap:6px 10px;font-size:.85rem}
.ah a{color:var(--mute);text-decoration:none}.ah a:hover{text-decoration:underline}
.sc{padding:1px 10px;border-radius:99px;background:var(--soft)}
.sc.hi{background:var(--repaired);color:var(--repairedk)}.sc.md{background:var(--attempted);color:var(--attemptedk)}
.sc.lo{background:var(--unrepaired);color:var(--unrepairedk)}
.caps{list-style:none;margin:8px 0 0;padding:0;display:grid;grid-template-columns:repeat(6,minmax(0,1fr));
gap:4px 10px}
.caps li{font-size:.7rem;color:var(--mute);min-width:0}
.caps span{display:block;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.caps i{display:block;height:5px;border-radius:3px;background:var(--line);overflow:hidden}
.caps b{display:block;height:100%;background:var(--c)}
details{margin-top:8px;font-size:.9rem}
summary{cursor:pointer;color:var(--c);font-weight:600;width:max-content;max-width:100%}
details ul{margin:6px 0 0;padding-left:1.2em}details li{margin:2px 0}
footer{margin-top:56px;color:var(--mute);font-size:.85rem;border-top:1px solid var(--line);padding-top:16px}
@media (max-width:640px){main{padding:24px 14px 48px}.top h1{font-size:1.7rem}.headline{font-size:1.2rem}
.turn{max-width:94%}.caps{grid-template-columns:repeat(3,minmax(0,1fr))}
.tl{width:auto;min-width:0;max-width:none}.tl .pa,.tl .sv{font-size:11px}.tl .ep text{font-size:12px}
.tl .tn{font-size:12px}.swipe{display:block}.radar .lb{font-size:16px}}
@media print{html{scroll-behavior:auto}.tools{display:none}.turn{break-inside:avoid}}
"""


def _css() -> str:
    return " ".join(line.strip() for line in _CSS.strip().splitlines())


def render_html(report: Mapping[str, Any]) -> str:
    """The report as one self-contained HTML5 document (a string; write it as UTF-8).

    Nothing in the page loads from anywhere, it has no script, and every text from the report
    is escaped. Missing or null parts are shown as absent rather than failing, so a partial
    report still renders."""
    rep = _Report(report if isinstance(report, Mapping) else {})
    names = " & ".join(rep.speakers)
    title = f"Attunement report: {names}" if names else "Attunement report"
    version = _str(report.get("schema_version")) if isinstance(report, Mapping) else ""
    return "".join(
        [
            '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
            '<meta name="referrer" content="no-referrer">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{esc(title)}</title><style>{_css()}</style></head><body><main>",
            _safety(rep),
            _summary(rep),
            _profiles(rep),
            _timeline(rep),
            _conversation(rep),
            "<footer>Made by attunement"
            + (f" (report {esc(version)})" if version else "")
            + ". This page is self-contained: it loads nothing from the network, and works offline.</footer>",
            "</main></body></html>\n",
        ]
    )
