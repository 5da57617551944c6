"""Every page of the built site, both languages, at a phone's and a desktop's width: nothing
scrolls sideways (a wide formula or table scrolls in its own box, keyboard-reachable), axe-core
finds no serious or critical WCAG 2 A/AA violation, and full-page screenshots are saved.

Each page is loaded once per language and session (the `visits` fixture) and measured at both
widths. Screenshots go to test-artifacts/screenshots/ (gitignored): the derivation page's, or with
SCREENSHOTS=all in the environment every page's (a full-page screenshot costs most of a second:
taken of every page, they were a fifth of these checks' time; a reviewer asks for them all).
A module of its own so that pytest-xdist can run it beside test_browser.py.
"""
import os
from pathlib import Path

import pytest

from browser_support import (AXE, AXE_JS, DESKTOP, LANGUAGES, LAYOUT_JS, ROOT, SETTLED_JS, WIDTHS, SitePage,
                             open_page)

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"


def pages_of(pages, lang: str) -> list:
    return [page for page in pages if page.lang == lang]


# --- layout and screenshots --------------------------------------------------------------------

SCREENSHOTS_OF_EVERY_PAGE = "all"     # the value of SCREENSHOTS that asks for every page's


def screenshot_wanted(site_page, asked: str | None) -> bool:
    """The derivation page's screenshots are always taken (the reviewer's first page, and the
    code path stays tested); every page's when SCREENSHOTS=all asks for them."""
    return asked == SCREENSHOTS_OF_EVERY_PAGE or site_page.name == "derivation"


def test_screenshots_are_of_the_derivation_page_unless_every_page_is_asked_for():
    derivation, errata = SitePage("en", "derivation", "en/derivation/"), SitePage("ja", "errata", "errata/")
    assert screenshot_wanted(derivation, None) and screenshot_wanted(derivation, "")
    assert not screenshot_wanted(errata, None) and not screenshot_wanted(errata, "1")
    assert screenshot_wanted(errata, "all") and screenshot_wanted(derivation, "all")


@pytest.fixture(scope="session")
def visits(browser, server, pages):
    """Every page of a language, loaded once per session for the three tests below, at phone
    width and then resized to desktop width (as a desktop window is): at each width its
    layout problems, its full-page screenshot (None where not wanted), saved under
    test-artifacts/screenshots/, and its serious or critical axe-core violations."""
    done = {}
    asked = os.environ.get("SCREENSHOTS")

    def visit(lang: str, width: str) -> dict:
        if lang not in done:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            for stale in SCREENSHOTS.glob(f"{lang}-*.png"):
                stale.unlink()
            results = {name: {} for name in WIDTHS}
            context = browser.new_context(viewport=WIDTHS["phone"])
            try:
                for site_page in pages_of(pages, lang):
                    page, _ = open_page(context, server, site_page.path)
                    page.add_script_tag(path=str(AXE))
                    for name, size in WIDTHS.items():
                        page.set_viewport_size(size)
                        page.evaluate(SETTLED_JS)
                        problems = page.evaluate(LAYOUT_JS)
                        shot = None
                        if screenshot_wanted(site_page, asked):
                            shot = SCREENSHOTS / f"{site_page.id.replace('/', '-')}-{name}.png"
                            page.screenshot(path=str(shot), full_page=True)
                        results[name][site_page.path or "/"] = (problems, shot, page.evaluate(AXE_JS))
                    page.close()
            finally:
                context.close()
            done[lang] = results
        return done[lang][width]
    return visit


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_page_scrolls_sideways_and_wide_formulas_scroll_in_their_own_box_with_tags_at_the_right(
        lang, width, visits):
    problems = {path: found for path, (found, _, _) in visits(lang, width).items() if found}
    assert not problems, f"at {width} width ({WIDTHS[width]['width']} px):\n" + "\n".join(
        f"{path}:\n  " + "\n  ".join(found) for path, found in problems.items())


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_full_page_screenshot_of_each_wanted_page_is_saved(lang, width, visits, pages):
    asked = os.environ.get("SCREENSHOTS")
    wanted = {page.path or "/" for page in pages_of(pages, lang) if screenshot_wanted(page, asked)}
    shots = {path: shot for path, (_, shot, _) in visits(lang, width).items() if shot is not None}
    assert set(shots) == wanted and wanted, (sorted(shots), sorted(wanted))
    for shot in shots.values():
        assert png_width(shot) == WIDTHS[width]["width"], shot
        assert png_height(shot) > WIDTHS[width]["height"], f"{shot}: the page's full length, not one screen"


# --- accessibility ------------------------------------------------------------------------------

# axe-core rules whose serious or critical findings come from the theme and cannot be fixed
# here: rule id → why. Empty: every page passes every WCAG 2 A and AA rule at both widths.
AXE_ALLOWED: dict = {}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_page_has_a_serious_or_critical_wcag_violation_that_axe_finds(lang, width, visits):
    found = {path: [v for v in violations if v["id"] not in AXE_ALLOWED]
             for path, (_, _, violations) in visits(lang, width).items()}
    found = {path: violations for path, violations in found.items() if violations}
    assert not found, f"at {width} width:\n" + "\n".join(
        f"{path}: {v['impact']} {v['id']} ({v['help']})\n    " + "\n    ".join(v["nodes"])
        for path, violations in found.items() for v in violations)


def test_the_accessibility_check_catches_a_link_told_by_colour_alone_and_an_unreachable_scroll_box(
        server, new_context):
    # The errata page: its printed formulas scroll in their own boxes on a phone.
    page, _ = open_page(new_context(WIDTHS["phone"]), server, "errata/")
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(AXE_JS) == []
    page.evaluate("""() => {
      const style = document.createElement('style');
      style.textContent = '.md-typeset a { text-decoration: none !important; }';
      document.head.append(style);
      document.querySelectorAll('[data-scroll-box]').forEach(box => box.removeAttribute('tabindex'));
    }""")
    found = {violation["id"] for violation in page.evaluate(AXE_JS)}
    assert {"link-in-text-block", "scrollable-region-focusable"} <= found, found


@pytest.mark.parametrize("lang, name", [("ja", "数式"), ("en", "Formula")])
def test_a_formula_too_wide_for_a_phone_is_a_named_tab_stop_and_scrolls_with_the_arrow_keys(
        lang, name, server, new_context):
    # The errata page's printed formulas are display math, wider than a phone (the chains wrap instead).
    page, _ = open_page(new_context(WIDTHS["phone"]), server, LANGUAGES[lang] + "errata/")
    box = page.locator("div.arithmatex > .katex-display[data-scroll-box][role=region]").first
    box.wait_for()
    handle = box.element_handle()
    assert box.get_attribute("tabindex") == "0" and box.get_attribute("aria-label").startswith(name)
    assert box.locator("math").count() == 1, "KaTeX's MathML, read by screen readers, is kept"
    box.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("box => box.scrollLeft > 0", arg=handle)
    page.set_viewport_size(DESKTOP)
    page.wait_for_function("box => !box.hasAttribute('tabindex') || box.scrollWidth > box.clientWidth + 1",
                           arg=handle)


def png_width(path: Path) -> int:
    return int.from_bytes(_png_header(path)[16:20], "big")


def png_height(path: Path) -> int:
    return int.from_bytes(_png_header(path)[20:24], "big")


def _png_header(path: Path) -> bytes:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return data
