"""Every page of the built site, both languages: it loads without errors, with all its math
typeset and all its images loaded; at a phone's and a desktop's width nothing
scrolls sideways (a wide formula or table scrolls in its own box, keyboard-reachable), axe-core
finds no serious or critical WCAG 2 A/AA violation, and full-page screenshots are saved.

Each page is loaded once per language and session (the `visits` fixture) and measured at both
widths. Screenshots go to test-artifacts/screenshots/ (gitignored): the derivation page's, or with
SCREENSHOTS=all in the environment every page's (a full-page screenshot costs most of a second:
taken of every page, they were a fifth of these checks' time; a reviewer asks for them all).
A module of its own so that pytest-xdist can run it beside test_browser.py (and the English
pages' checks, test_page_checks_en.py, beside the Japanese).
"""
import inspect
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from browser_support import (AXE, AXE_JS, DESKTOP, IMAGES_JS, LANGUAGES, LAYOUT_JS, ROOT, SETTLED_JS, WIDTHS,
                             PageWatch, SitePage, browser_context, math_problems,
                             open_page)
from chain_layout import CHECKS_AT, has_chains

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


@pytest.fixture(scope="module")
def lang() -> str:
    """The language whose pages the four tests below check here: Japanese. The English pages
    get the same tests in test_page_checks_en.py: with a module each, pytest-xdist (whole
    modules per worker) can check the two languages on two cores at once."""
    return "ja"


def test_every_language_has_its_pages_checked_by_a_module_with_every_test_that_takes_a_language():
    import test_page_checks_en
    assert {"ja", test_page_checks_en.LANG} == set(LANGUAGES)
    taking_lang = {name for name, test in globals().items() if name.startswith("test_") and takes_the_language(test)}
    assert taking_lang and taking_lang <= set(test_page_checks_en.__all__)


def takes_the_language(test) -> bool:
    """Whether a test takes this module's `lang` fixture (not a `lang` it is parametrized with)."""
    parametrized = {name.strip() for mark in getattr(test, "pytestmark", []) if mark.name == "parametrize"
                    for name in (mark.args[0].split(",") if isinstance(mark.args[0], str) else mark.args[0])}
    return "lang" in inspect.signature(test).parameters and "lang" not in parametrized


# Colours do not change with the width (no stylesheet here sets one inside a width's @media
# rule: test_no_stylesheet_changes_a_colour_with_the_width), and the desktop shows every
# element the phone does and the sidebars besides: axe's contrast rule, two thirds of its time
# on these pages, runs at the desktop width only.
ONE_WIDTH_RULES = {"phone": ["color-contrast"], "desktop": []}


# A formula in a table cell keeps to one line (extra.css): each one drawn on more than one line
# (an inline box with more than one line box).
BROKEN_TABLE_FORMULAS_JS = """() => [...document.querySelectorAll('.md-typeset td .katex')]
  .filter(formula => formula.getClientRects().length > 1)
  .map(formula => `a formula in a table is broken across lines: ${formula.textContent.slice(0, 60)}`)"""


@dataclass(frozen=True)
class Measured:
    """What the checks found on one page at one width."""

    layout: list        # LAYOUT_JS's problems
    shot: Path | None   # its full-page screenshot, where wanted
    violations: list    # axe-core's serious and critical violations
    chains: dict | None  # chain_layout's checks at this width: name → findings (None: no chain on the page)


def measure(page, site_page, width: str, asked: str | None) -> Measured:
    """The open page at `width`: its layout, screenshot, axe-core violations and chains."""
    page.set_viewport_size(WIDTHS[width])
    page.evaluate(SETTLED_JS)
    problems = page.evaluate(LAYOUT_JS) + page.evaluate(BROKEN_TABLE_FORMULAS_JS)
    chains = {name: check(page) for name, check in CHECKS_AT[width].items()} if has_chains(page) else None
    shot = None
    if screenshot_wanted(site_page, asked):
        shot = SCREENSHOTS / f"{site_page.id.replace('/', '-')}-{width}.png"
        page.screenshot(path=str(shot), full_page=True)
    return Measured(problems, shot, page.evaluate(AXE_JS, ONE_WIDTH_RULES[width]), chains)


def loading_problems(page, watch) -> list:
    """What went wrong while the page loaded: errors on the console or the network, math left
    untypeset or in error, images that did not load (read once the network is quiet: the search
    index, the sitemaps and the fonts have come or failed)."""
    page.wait_for_load_state("networkidle")
    broken = page.evaluate(IMAGES_JS)["broken"]
    return math_problems(page) + [f"image not loaded: {src}" for src in broken] + watch.problems()


def visit_every_page(browser, server, site_pages: list, asked: str | None) -> dict:
    """Each page opened once at phone width, then resized to desktop width (as a desktop window
    is): width → path → Measured, and "loading" → path → loading_problems(…).

    One tab goes from page to page (a new tab for each page cost half a second more per page);
    what it saw is forgotten after each page's loading problems are read."""
    results = {name: {} for name in [*WIDTHS, "loading"]}
    context = browser_context(browser, WIDTHS["phone"])
    # axe-core goes into each page as it opens (a script tag added after the load costs a
    # quarter of a second more per page).
    context.add_init_script(path=str(AXE))
    try:
        page = context.new_page()
        watch = PageWatch(server).attach(page)
        for site_page in site_pages:
            page.set_viewport_size(WIDTHS["phone"])
            watch.clear()
            page.goto(server.base_url + site_page.path)
            for width in WIDTHS:
                results[width][site_page.path or "/"] = measure(page, site_page, width, asked)
            results["loading"][site_page.path or "/"] = loading_problems(page, watch)
    finally:
        context.close()
    return results


@pytest.fixture(scope="session")
def visits(browser, server, pages):
    """Every page of a language, loaded once per session for the tests below (see
    visit_every_page); its screenshots saved under test-artifacts/screenshots/."""
    done = {}

    def visit(lang: str) -> dict:
        if lang not in done:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            for stale in SCREENSHOTS.glob(f"{lang}-*.png"):
                stale.unlink()
            done[lang] = visit_every_page(browser, server, pages_of(pages, lang), os.environ.get("SCREENSHOTS"))
        return done[lang]
    return visit


def test_every_page_loads_without_errors_with_all_math_typeset_and_all_images_loaded(lang, visits):
    problems = {}                                # problem → the pages that have it
    for path, found in visits(lang)["loading"].items():
        for problem in found:
            problems.setdefault(problem, []).append(path)
    assert not problems, "\n".join(f"{problem}\n    on {len(paths)} page(s): {' '.join(paths)}"
                                   for problem, paths in problems.items())


def test_the_loading_check_reports_a_broken_image_raw_tex_and_the_failed_request(server, new_context):
    page, watch = open_page(new_context(), server, "errata/")
    page.evaluate("""() => document.querySelector('.md-content__inner').insertAdjacentHTML('beforeend',
      '<p><img src="figures/no-such-figure.svg" alt="missing"></p><p>left raw: $$E = mc^2$$</p>')""")
    found = "\n".join(loading_problems(page, watch))
    assert "image not loaded: figures/no-such-figure.svg" in found and "raw TeX visible: $$" in found, found
    assert "HTTP 404" in found, found


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways_and_wide_formulas_scroll_in_their_own_box_with_tags_at_the_right(
        lang, width, visits):
    problems = {path: seen.layout for path, seen in visits(lang)[width].items() if seen.layout}
    assert not problems, f"at {width} width ({WIDTHS[width]['width']} px):\n" + "\n".join(
        f"{path}:\n  " + "\n  ".join(found) for path, found in problems.items())


@pytest.mark.parametrize("width", WIDTHS)
def test_a_full_page_screenshot_of_each_wanted_page_is_saved(lang, width, visits, pages):
    asked = os.environ.get("SCREENSHOTS")
    wanted = {page.path or "/" for page in pages_of(pages, lang) if screenshot_wanted(page, asked)}
    shots = {path: seen.shot for path, seen in visits(lang)[width].items() if seen.shot is not None}
    assert set(shots) == wanted and wanted, (sorted(shots), sorted(wanted))
    for shot in shots.values():
        assert png_width(shot) == WIDTHS[width]["width"], shot
        assert png_height(shot) > WIDTHS[width]["height"], f"{shot}: the page's full length, not one screen"


# --- accessibility ------------------------------------------------------------------------------

# axe-core rules whose serious or critical findings come from the theme and cannot be fixed
# here: rule id → why. Empty: every page passes every WCAG 2 A and AA rule at both widths.
AXE_ALLOWED: dict = {}


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_has_a_serious_or_critical_wcag_violation_that_axe_finds(lang, width, visits):
    found = {path: [v for v in seen.violations if v["id"] not in AXE_ALLOWED]
             for path, seen in visits(lang)[width].items()}
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


def test_the_accessibility_check_leaves_out_the_rules_it_is_told_to_and_no_other(server, new_context):
    page, _ = open_page(new_context(WIDTHS["desktop"]), server, "errata/")
    page.add_script_tag(path=str(AXE))
    page.evaluate("""() => document.querySelector('.md-content__inner').insertAdjacentHTML('beforeend',
      '<p style="color: #ccc; background: #fff">faint text</p><img src="figures/nowhere.svg">')""")
    every_rule = {violation["id"] for violation in page.evaluate(AXE_JS)}
    assert {"color-contrast", "image-alt"} <= every_rule, every_rule
    assert {violation["id"] for violation in page.evaluate(AXE_JS, ["color-contrast"])} == every_rule - {"color-contrast"}


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


# --- derivation chains: chain_layout's checks, run at both widths in the pass above -------------------

def chain_findings(visits, lang: str, width: str, check: str) -> list:
    """One check's findings on every page with chains, each prefixed with the page's path."""
    return [f"{path}: {finding}" for path, seen in visits(lang)[width].items() if seen.chains
            for finding in seen.chains[check]]


def test_the_chain_checks_ran_at_both_widths_on_every_page_that_shows_chains(lang, visits, server):
    with_chains = {width: {path for path, seen in visits(lang)[width].items() if seen.chains is not None}
                   for width in WIDTHS}
    home = LANGUAGES[lang]
    assert {f"{home}derivation/", f"{home}binary/", f"{home}logits/"} <= with_chains["phone"] == with_chains["desktop"]
    built = {path for path in visits(lang)["phone"] if 'class="chain"' in (server.folder / path.lstrip("/") /
                                                                           "index.html").read_text(encoding="utf-8")}
    assert with_chains["phone"] == built


def test_on_a_phone_every_reason_and_mark_of_every_line_is_in_view_in_full(lang, visits):
    assert chain_findings(visits, lang, "phone", "reasons") == []


def test_on_a_phone_no_formula_of_a_chain_is_cut(lang, visits):
    assert chain_findings(visits, lang, "phone", "width") == []


def test_on_a_phone_every_equation_number_is_in_view(lang, visits):
    assert chain_findings(visits, lang, "phone", "tags") == []


def test_on_a_phone_a_formula_too_wide_for_the_column_breaks_after_its_equals_or_plus(lang, visits):
    atoms = [finding.rsplit(": ", 1)[1] for finding in chain_findings(visits, lang, "phone", "breaks")]
    assert atoms, "no chain formula wraps at 390 px: the test would prove nothing"
    assert [atom for atom in atoms if atom.split()[0] not in ("mrel", "mbin")] == []


def test_on_a_desktop_no_reason_or_mark_is_cut(lang, visits):
    assert chain_findings(visits, lang, "desktop", "cut") == []


# Pages whose widest chain line is wider than a desktop's column less the reason's 9rem
# (chains.css): there a formula may wrap, after its "=" or "+", at 1280 px too.
WIDER_THAN_A_DESKTOP = {"likelihood"}


def test_on_a_desktop_a_chain_formula_wraps_only_where_it_is_wider_than_the_column(lang, visits):
    found = chain_findings(visits, lang, "desktop", "breaks")
    pages = {finding.split(": ", 1)[0].rstrip("/").rsplit("/", 1)[-1] for finding in found}
    assert pages <= WIDER_THAN_A_DESKTOP, found
    assert [f for f in found if f.rsplit(": ", 1)[1].split()[0] not in ("mrel", "mbin")] == []


def test_every_line_of_every_chain_shows_its_number_in_order(lang, visits):
    assert chain_findings(visits, lang, "desktop", "numbers") == []


# --- what running a rule at one width assumes ---------------------------------------------------------

COLOUR_PROPERTY = re.compile(r"(?:^|[;{\s])((?:background-)?color|background|border(?:-\w+)?-color|fill)\s*:")
WIDTH_MEDIA = re.compile(r"@media[^{]*\b(?:min|max)-width[^{]*\{")


def colours_set_inside_width_rules(css: str) -> list:
    """Each colour property declared inside an @media rule that depends on the width."""
    found = []
    for media in WIDTH_MEDIA.finditer(css):
        depth, end = 1, media.end()
        while depth:  # to the brace that closes the @media rule
            depth += {"{": 1, "}": -1}.get(css[end], 0)
            end += 1
        found += COLOUR_PROPERTY.findall(css[media.end():end])
    return found


def test_the_colour_rule_finder_sees_a_colour_set_for_a_width_and_nothing_else():
    assert colours_set_inside_width_rules("@media screen and (max-width: 40em) { a { color: red; } }") == ["color"]
    assert colours_set_inside_width_rules("@media print { a { color: red; } } a { color: blue; }") == []
    assert colours_set_inside_width_rules("@media (min-width: 9em) { .x { padding: 0; } }") == []


def test_no_stylesheet_changes_a_colour_with_the_width():
    stylesheets = sorted((ROOT / "docs" / "stylesheets").glob("*.css"))
    assert stylesheets
    found = {sheet.name: colours_set_inside_width_rules(sheet.read_text(encoding="utf-8")) for sheet in stylesheets}
    assert {name: colours for name, colours in found.items() if colours} == {}
