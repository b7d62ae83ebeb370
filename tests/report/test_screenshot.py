"""The HTML report in a real browser (Debian's chromium, driven by Playwright): it draws, every turn
is there, nothing errors, nothing loads, and the hostile report opens no dialog.

Never downloads a browser: without /usr/bin/chromium the tests fail and say how to install it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from attunement.report.html import render_html

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def load(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / f"{name}_report.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's chromium (`apt-get install chromium`; CI does this in "
            ".ci/run). These tests never download a browser.",
            pytrace=False,
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail(
            "Playwright is missing: pip install -e '.[test]' (never run `playwright install`)", pytrace=False
        )
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield launched
        launched.close()


def open_report(
    browser: Any, report: dict[str, Any], tmp_path: Path, width: int = 1280
) -> tuple[Any, dict[str, list[str]]]:
    """The report rendered to a file and opened from file://, with what the page did recorded."""
    path = tmp_path / "report.html"
    path.write_text(render_html(report), encoding="utf-8")
    page = browser.new_page(viewport={"width": width, "height": 900})
    seen: dict[str, list[str]] = {"errors": [], "dialogs": [], "requests": []}
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))

    def on_dialog(dialog: Any) -> None:
        seen["dialogs"].append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, seen


def test_small_report_draws_every_turn_without_errors(browser: Any, tmp_path: Path) -> None:
    report = load("small")
    page, seen = open_report(browser, report, tmp_path)
    shot = tmp_path / "report.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 20_000
    assert page.evaluate("document.querySelectorAll('.turn').length") == len(report["turns"])
    assert page.evaluate("document.querySelectorAll('svg').length") >= 1 + len(report["speakers"])
    assert seen["errors"] == []
    assert [u for u in seen["requests"] if not u.startswith("file:")] == []
    page.click('a[href="#t5"] >> nth=0')  # the moment that mattered most jumps to its turn
    assert page.evaluate("location.hash") == "#t5"
    page.close()


def test_hostile_report_opens_no_dialog_and_runs_nothing(browser: Any, tmp_path: Path) -> None:
    report = load("hostile")
    page, seen = open_report(browser, report, tmp_path)
    page.mouse.move(400, 300)
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    for summary in page.query_selector_all("details summary"):
        summary.click()
    page.wait_for_timeout(200)
    assert seen["dialogs"] == []
    assert seen["errors"] == []
    assert [u for u in seen["requests"] if not u.startswith("file:")] == []
    assert page.evaluate("document.querySelectorAll('script, img, iframe, object, embed').length") == 0
    assert page.evaluate("document.querySelectorAll('.turn').length") == len(report["turns"])
    page.close()


# The size each SVG text is drawn at on screen: its font size times the drawing's scale.
DRAWN_SIZES = """sel => [...document.querySelectorAll(sel)].flatMap(svg => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return [...svg.querySelectorAll('text, tspan')].filter(t => t.textContent.trim()).map(
    t => [t.textContent.trim(), parseFloat(getComputedStyle(t).fontSize) * scale]);
})"""


def test_regression_timeline_and_radar_were_unreadable_on_a_390px_phone(browser: Any, tmp_path: Path) -> None:
    report = load("small")
    page, seen = open_report(browser, report, tmp_path, width=390)
    page.screenshot(path=str(tmp_path / "phone.png"), full_page=True)
    # the page itself never scrolls sideways; only the timeline does, inside its frame, and says so
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.evaluate(
        "(() => { const w = document.querySelector('.tlwrap'); return w.scrollWidth > w.clientWidth"
        " && getComputedStyle(w).overflowX === 'auto'; })()"
    )
    assert page.is_visible(".swipe")
    timeline = page.evaluate(DRAWN_SIZES, ".tl")
    assert timeline and min(size for _, size in timeline) >= 10, timeline
    radar = page.evaluate(DRAWN_SIZES, ".radar")
    assert radar and min(size for _, size in radar) >= 11, radar
    assert seen["errors"] == []
    page.close()


def test_desktop_fits_the_timeline_and_hides_the_swipe_hint(browser: Any, tmp_path: Path) -> None:
    page, _ = open_report(browser, load("small"), tmp_path)
    assert not page.is_visible(".swipe")
    assert page.evaluate(
        "(() => { const w = document.querySelector('.tlwrap'); return w.scrollWidth <= w.clientWidth; })()"
    )
    page.close()
