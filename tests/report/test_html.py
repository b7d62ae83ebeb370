"""The HTML report: escaped everywhere, self-contained, highlights on the right characters, lean."""

from __future__ import annotations

import copy
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from attunement.analyze import analyze
from attunement.conversation import Conversation
from attunement.errors import AttunementError
from attunement.report import Report
from attunement.report.html import esc, highlight, render_html

FIXTURES = Path(__file__).resolve().parent / "fixtures"
HOSTILE_BITS = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "</style>", "]]>", "{{")
# Every tag the page may contain; anything else got in from the data.
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "section", "header", "footer", "h1", "h2", "h3",
    "h4", "p", "span", "b", "i", "small", "strong", "em", "a", "ul", "ol", "li", "dl", "dt", "dd", "div",
    "article", "blockquote", "bdi", "time", "mark", "details", "summary", "label", "input", "svg", "polygon",
    "polyline", "line", "circle", "rect", "text", "tspan", "g",
}  # fmt: skip
ALLOWED_ATTRS = {
    "class", "id", "href", "title", "dir", "datetime", "lang", "charset", "name", "content", "http-equiv",
    "type", "checked", "style", "role", "aria-label", "viewbox", "width", "height", "points", "x", "y", "x1",
    "x2", "y1", "y2", "cx", "cy", "r", "rx", "text-anchor",
}  # fmt: skip


def load(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / f"{name}_report.json").read_text(encoding="utf-8"))


def long_report(base: dict[str, Any], n: int) -> dict[str, Any]:
    """``base``'s turns and episodes repeated to ``n`` turns, indices and references shifted."""
    report = copy.deepcopy(base)
    k = len(base["turns"])
    turns = []
    for i in range(n):
        turn = copy.deepcopy(base["turns"][i % k])
        turn["index"] = i
        if turn["assessment"]:
            turn["assessment"]["responds_to"] += i - i % k
        turns.append(turn)
    episodes = []
    for block in range(n // k):
        for episode in base["episodes"]:
            episode = copy.deepcopy(episode)
            for key in ("start", "end", "repair"):
                if episode[key] is not None:
                    episode[key] += block * k
            for item in episode["evidence"]:
                item["turn"] += block * k
            episodes.append(episode)
    report["turns"], report["episodes"] = turns, episodes
    report["conversation"]["n_turns"] = n
    return report


class Page(HTMLParser):
    """Every tag and attribute, and per turn the text of its message with the marked ranges."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.ids: set[str] = set()
        self.texts: dict[int, str] = {}
        self.marks: dict[int, list[tuple[int, int, str]]] = {}
        self._turn: int | None = None
        self._in_text = False
        self._mark: tuple[int, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        if found.get("id"):
            self.ids.add(found["id"] or "")
        classes = (found.get("class") or "").split()
        if tag == "li" and "turn" in classes:
            self._turn = int((found.get("id") or "t-1")[1:])
            self.texts[self._turn] = ""
        elif tag == "p" and "tx" in classes and self._turn is not None:
            self._in_text = True
        elif tag == "mark" and self._in_text and self._turn is not None:
            self._mark = (len(self.texts[self._turn]), classes[0])

    def handle_endtag(self, tag: str) -> None:
        if tag == "p":
            self._in_text = False
        elif tag == "mark" and self._mark and self._turn is not None:
            start, cls = self._mark
            self.marks.setdefault(self._turn, []).append((start, len(self.texts[self._turn]), cls))
            self._mark = None

    def handle_data(self, data: str) -> None:
        if self._in_text and self._turn is not None:
            self.texts[self._turn] += data


def parse(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def small() -> dict[str, Any]:
    return load("small")


@pytest.fixture(scope="module")
def hostile() -> dict[str, Any]:
    return load("hostile")


@pytest.fixture(scope="module")
def small_page(small: dict[str, Any]) -> str:
    return render_html(small)


@pytest.fixture(scope="module")
def hostile_page(hostile: dict[str, Any]) -> str:
    return render_html(hostile)


# --- escaping ---------------------------------------------------------------------------------


def test_hostile_text_is_escaped_never_raw(hostile_page: str) -> None:
    assert "<script" not in hostile_page.lower()  # the page has no script of its own either
    assert "<img" not in hostile_page.lower()
    assert "<svg onload" not in hostile_page.lower()
    assert "</style>" not in hostile_page.replace("</style></head>", "", 1)  # only our own closing tag
    assert "<b>of</b>" not in hostile_page and "<textarea" not in hostile_page.lower()
    # the escaped forms are there, so the text was shown, not dropped
    assert "&lt;script&gt;alert(1)&lt;&#47;script&gt;" in hostile_page
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in hostile_page
    assert "&amp;amp;" in hostile_page  # a literal "&amp;" in a message stays literal
    # any onerror= that remains is text: right after the escaped <img, or at the start of a highlight
    for match in re.finditer("onerror=", hostile_page):
        before = hostile_page[max(0, match.start() - 80) : match.start()]
        assert before.endswith("&lt;img src=x ") or re.search(r'<mark class="\w+" title="[^"<>]*">$', before)


def test_hostile_page_has_only_known_tags_and_attributes(hostile_page: str) -> None:
    page = parse(hostile_page)
    assert {tag for tag, _ in page.tags} <= ALLOWED_TAGS
    for tag, attrs in page.tags:
        assert set(attrs) <= ALLOWED_ATTRS, (tag, attrs)
        assert not any(name.startswith("on") for name in attrs)
        if "href" in attrs:
            assert (attrs["href"] or "").startswith("#"), attrs
        if "style" in attrs:
            assert re.fullmatch(r"width:\d{1,3}%", attrs["style"] or ""), attrs


@pytest.mark.parametrize("name", ["small", "hostile"])
def test_nothing_can_load_from_anywhere(name: str) -> None:
    page = render_html(load(name))
    lowered = page.lower()
    for needle in ("http://", "https://", "//", "@import", "url(", "<link", "<iframe", "<object", "<embed"):
        assert needle not in lowered, needle
    for match in re.finditer("src=", page):  # only ever the escaped text of a hostile message
        assert page[max(0, match.start() - 12) : match.start()].endswith("&lt;img ")
    fetching = {"src", "srcset", "xlink:href", "action", "formaction", "background", "poster"}
    for _, attrs in parse(page).tags:  # no tag can fetch, submit or run anything
        assert not set(attrs) & fetching
        assert not any(name.startswith("on") for name in attrs)
    assert "default-src 'none'" in page  # and the browser is told to refuse anything anyway


@pytest.mark.parametrize("name", ["small", "hostile"])
def test_every_turn_text_is_shown_exactly(name: str) -> None:
    report = load(name)
    page = parse(render_html(report))
    assert sorted(page.texts) == [t["index"] for t in report["turns"]]
    for turn in report["turns"]:
        assert page.texts[turn["index"]] == turn["text"]  # what the browser shows, entities decoded


def test_speaker_names_escaped_in_svg_titles_and_attributes(
    hostile: dict[str, Any], hostile_page: str
) -> None:
    for name in hostile["conversation"]["speakers"]:
        assert esc(name) in hostile_page
    titles = re.findall(r"<title>(.*?)</title>", hostile_page, re.DOTALL)
    assert any("&lt;script&gt;" in t for t in titles)  # the timeline's tooltips carry names, escaped
    assert all("<" not in t for t in titles)
    for value in re.findall(r'(?:title|aria-label)="([^"]*)"', hostile_page):
        assert "<" not in value and ">" not in value


def test_esc_escapes_quotes_and_slashes() -> None:
    assert esc('<a href="x">\'//</a>') == "&lt;a href=&quot;x&quot;&gt;&#x27;&#47;&#47;&lt;&#47;a&gt;"
    assert esc(None) == ""
    assert esc("\ud800x\x00") == "?x\ufffd"  # a lone surrogate and NUL cannot break the page's encoding


# --- highlights -------------------------------------------------------------------------------


def test_highlight_builds_escaped_segments_from_raw_offsets() -> None:
    text = "<b>a</b> & so frustrating"
    out = highlight(text, [(3, 8, 2, "ev", "x<y"), (11, 25, 2, "ev", "naming")])
    assert out == (
        '&lt;b&gt;<mark class="ev" title="x&lt;y">a&lt;&#47;b&gt;</mark> &amp; '
        '<mark class="ev" title="naming">so frustrating</mark>'
    )


def test_highlight_overlaps_take_the_first_and_bad_offsets_are_ignored() -> None:
    text = "You ALWAYS do this!!"
    marks = [(0, 18, 1, "mk", "criticism"), (4, 10, 1, "mk", "caps"), (18, 20, 1, "mk", "exclamation")]
    marks += [(-1, 3, 0, "sf", ""), (5, 99, 0, "sf", ""), (7, 7, 0, "sf", ""), (None, 2, 0, "sf", "")]  # type: ignore[list-item]
    out = highlight(text, marks)
    assert out == (
        '<mark class="mk" title="criticism">You ALWAYS do this</mark>'
        '<mark class="mk" title="exclamation">!!</mark>'
    )
    same = highlight("so sad", [(3, 6, 2, "ev", "Naming: naming"), (3, 6, 2, "ev", "Presence: cue")])
    assert same == 'so <mark class="ev" title="Naming: naming; Presence: cue">sad</mark>'


def test_marks_land_on_the_right_characters(small: dict[str, Any], small_page: str) -> None:
    assert re.search(r'<mark class="ev up"[^>]*>so frustrating</mark>', small_page)
    assert re.search(r'<mark class="mk"[^>]*>You ALWAYS do this</mark>', small_page)
    assert re.search(r'<mark class="mk"[^>]*>That&#x27;s not fair</mark>', small_page)
    # message-side evidence of reply 5 is highlighted in turn 4, the message it answers
    turn4 = small_page[small_page.index('id="t4"') : small_page.index('id="t5"')]
    assert re.search(r'<mark class="ms"[^>]*>Forget it\.</mark>', turn4)
    page = parse(small_page)
    for turn in small["turns"]:
        for start, end, cls in page.marks.get(turn["index"], []):
            assert turn["text"][start:end] == page.texts[turn["index"]][start:end]
            assert (start, end) in allowed_ranges(small, turn["index"]), (turn["index"], start, end, cls)


@pytest.mark.parametrize("name", ["small", "hostile"])
def test_every_mark_is_one_of_the_spans_of_its_turn(name: str) -> None:
    report = load(name)
    page = parse(render_html(report))
    assert sum(len(m) for m in page.marks.values()) >= len(report["turns"])
    for index, marks in page.marks.items():
        ranges = allowed_ranges(report, index)
        for start, end, _ in marks:
            assert (start, end) in ranges
        assert all(a[1] <= b[0] for a, b in zip(marks, marks[1:]))  # sorted, never overlapping


def allowed_ranges(report: dict[str, Any], index: int) -> set[tuple[int, int]]:
    turn = next(t for t in report["turns"] if t["index"] == index)
    spans = list(turn["signals"]["rupture"]) + list(turn["signals"]["repair"])
    ranges = {(s[0], s[1]) for s in (turn["safety"] or {}).get("spans", [])}
    if turn["assessment"]:
        spans += turn["assessment"]["markers"]
        spans += [e for es in turn["assessment"]["evidence"].values() for e in es if e["side"] == "reply"]
    for other in report["turns"]:
        a = other["assessment"]
        if a and a["responds_to"] == index:
            spans += [e for es in a["evidence"].values() for e in es if e["side"] == "message"]
    return ranges | {(s["start"], s["end"]) for s in spans}


# --- structure --------------------------------------------------------------------------------


def section_order(page: str) -> list[str]:
    found = re.findall(r'<(?:section|header) id="([a-z]+)"', page)
    return found


def test_sections_in_order_without_safety(small_page: str) -> None:
    assert section_order(small_page) == ["summary", "profiles", "timeline", "conversation"]
    assert 'class="safety"' not in small_page


def test_safety_notice_comes_first_when_a_turn_has_safety(hostile_page: str) -> None:
    assert section_order(hostile_page) == ["safety", "summary", "profiles", "timeline", "conversation"]
    notice = hostile_page[hostile_page.index('id="safety"') : hostile_page.index('id="summary"')]
    assert "Some of these messages talk about not wanting to be here." in notice
    assert 'href="#t2"' in notice


def test_safety_notice_falls_back_to_the_turn_message(small: dict[str, Any]) -> None:
    report = copy.deepcopy(small)
    report["turns"][4]["safety"] = {
        "kind": "self_harm",
        "kinds": ["self_harm"],
        "spans": [[10, 20, "Forget it."]],
        "message": "If this is about you, you deserve support right now.",
    }
    page = render_html(report)
    assert section_order(page)[0] == "safety"
    assert page.index("you deserve support right now") < page.index('id="summary"')
    assert re.search(r'<mark class="sf"[^>]*>Forget it\.</mark>', page)


def test_summary_shows_headline_went_well_moment_practise_and_limits(
    small: dict[str, Any], small_page: str
) -> None:
    summary = small["summary"]
    texts = [summary["headline"], summary["limits"], *summary["went_well"], *summary["practise"].values()]
    for text in texts:
        assert esc(text) in small_page
    assert summary["moment"]["turn"] == 5 and 'href="#t5"' in small_page
    assert "The moment that mattered most" in small_page


def test_profiles_timeline_and_conversation_content(small: dict[str, Any], small_page: str) -> None:
    page = parse(small_page)
    assert small_page.count('<svg class="radar') == len(small["speakers"])
    assert small_page.count('<article class="prof') == len(small["speakers"])
    assert small_page.count('class="band ') == len(small["episodes"])
    assert 'class="band repaired"' in small_page and 'class="band attempted"' in small_page
    assert small_page.count("<details><summary>What could help</summary>") == sum(
        1 for t in small["turns"] if t["assessment"]
    )
    assert small_page.count('<ul class="caps">') == sum(1 for t in small["turns"] if t["assessment"])
    assert "rupture begins" in small_page and "repair landed" in small_page and "repair attempt" in small_page
    for tag, attrs in page.tags:  # every in-page link points at something on the page
        if tag == "a":
            assert (attrs["href"] or "#")[1:] in page.ids


def test_a_partial_report_still_renders() -> None:
    page = render_html({"schema_version": "1.0", "turns": [{"index": 0, "speaker": "A", "text": "hi"}]})
    assert parse(page).texts == {0: "hi"}
    assert "About these readings." in page
    assert "<section" in render_html({})


def test_a_thousand_turns_stay_under_three_megabytes(small: dict[str, Any]) -> None:
    report = long_report(small, 1000)
    page = render_html(report)
    assert page.count('<li class="turn ') == 1000
    assert len(page.encode("utf-8")) < 3_000_000


def test_the_not_english_note_is_in_plain_words_regression():
    conversation = Conversation.from_records(
        [
            {"speaker": "Ann", "text": "no me dieron el trabajo, estoy muy triste"},
            {"speaker": "Bo", "text": "oh no, I'm so sorry. what happened?"},
        ]
    )
    page = analyze(conversation).to_html()
    assert "may not be English" in page and "maybe_not_english" not in page.split("<body", 1)[1]


def test_regression_the_html_did_not_show_a_telegram_chat_name():
    conversation = Conversation.from_records(
        [{"speaker": "Ana", "text": "we still on for friday?"}, {"speaker": "Ben", "text": "yes! 7 at mine"}]
    )
    named = Conversation(conversation.turns, id="chat-4417", metadata={"chat_name": "Book club <3"})
    page = analyze(named).to_html()
    assert "Attunement report \u00b7 Book club &lt;3" in page


@pytest.mark.parametrize("where", ["folder", "missing"])
def test_to_html_into_a_folder_or_a_missing_folder_is_e040_not_an_os_error(
    small: dict[str, Any], tmp_path: Path, where: str
):
    path = tmp_path if where == "folder" else tmp_path / "nope" / "r.html"
    with pytest.raises(AttunementError) as caught:
        Report(small).to_html(path)
    assert caught.value.code == "E040" and str(path) in str(caught.value)


def test_regression_rupture_begins_badge_was_green_when_later_repaired(small_page: str) -> None:
    # the start is always in the rupture colour; the repair is its own badge, linking to the repair
    assert '<span class="tag rupture">rupture begins</span>' in small_page
    assert '<span class="tag repaired">rupture begins</span>' not in small_page
    assert '<a class="tag repaired" href="#t5">repaired at #6</a>' in small_page


def test_regression_adaptation_repeated_itself(small: dict[str, Any]) -> None:
    report = copy.deepcopy(small)
    report["matching"]["adaptation"] = [
        {
            "speaker": "Alex",
            "after_turn": 4,
            "changed": True,
            "note": "Alex changed approach after turn 5: 1 -> 98",
        }
    ]
    page = render_html(report)
    item = re.search(r'<ul class="adapt"><li class="moved">(.*?)</li>', page)
    assert item is not None
    text = re.sub(r"<[^>]+>", "", item.group(1))
    assert text.startswith("After turn 5, Alex changed approach: attunement went from ")
    assert text.count("turn 5") == 1 and "->" not in text


def test_regression_needs_care_legend_showed_without_crisis_text(small_page: str, hostile_page: str) -> None:
    assert "needs care" not in small_page
    assert '<mark class="sf">needs care</mark>' in hostile_page


def test_regression_tooltip_read_minus_zero(small: dict[str, Any]) -> None:
    report = copy.deepcopy(small)
    report["turns"][0]["cues"]["arousal"] = -0.04
    report["turns"][1]["tone_shift"] = {"shifted": True, "valence": -0.02, "arousal": -0.01}
    page = render_html(report)
    assert "-0.0" not in page and "\u22120.0" not in page


def test_regression_timeline_band_labels_were_inconsistent(small: dict[str, Any]) -> None:
    labels = re.findall(r'<rect class="pill [a-z]+"[^>]*/><text[^>]*>([^<]*)</text>', render_html(small))
    assert labels == ["1 \u2713", "2 \u2026"]
    many = re.findall(
        r'<rect class="pill [a-z]+"[^>]*/><text[^>]*>([^<]*)</text>', render_html(long_report(small, 600))
    )
    assert all(re.fullmatch(r"\d+ [\u2713\u2026\u2717]", label) for label in many)


def test_regression_synchrony_and_style_numbers_were_unexplained(small: dict[str, Any]) -> None:
    page = render_html(small)
    assert "replies tended to match the feeling of the message they answered" in page
    assert "reply by reply" in page and "Overall style of Sam|Alex" in page and "pooled" in page


def test_regression_good_and_bad_evidence_shared_one_highlight(small: dict[str, Any]) -> None:
    report = copy.deepcopy(small)
    turn = next(t for t in report["turns"] if t["assessment"])
    text = turn["text"] = "Why? What happened? You should just leave."
    turn["assessment"]["markers"], turn["signals"] = [], {"rupture": [], "repair": []}
    spans = [("closed", "Why?"), ("open", "What happened?"), ("advice", "You should just leave.")]
    evidence = [
        {"side": "reply", "kind": k, "start": text.index(t), "end": text.index(t) + len(t), "text": t}
        for k, t in spans
    ]
    turn["assessment"]["evidence"] = {"curiosity": evidence[:2], "responsive_action": evidence[2:]}
    page = render_html(report)
    assert re.search(r'<mark class="ev dn" title="lowered Curiosity ↓: closed">Why\?</mark>', page)
    assert re.search(r'<mark class="ev up" title="raised Curiosity ↑: open">What happened\?</mark>', page)
    assert re.search(r'<mark class="ev dn"[^>]*>You should just leave\.</mark>', page)
    assert (
        '<mark class="ev up">raised a score</mark>' in page
        and '<mark class="ev dn">lowered a score</mark>' in page
    )
    # not colour alone: each direction has its own underline and arrow
    assert "mark.up::after" in page and "underline dashed" in page
