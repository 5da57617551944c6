"""The built site in a real browser: every page of both languages loads cleanly with its math and
images, equation numbers and links work, navigation.instant keeps the math, the language switch
keeps the page, search finds the derivation in Japanese and English (by its synonyms too, in the
reader's language first, with readable snippets and anchors), nothing scrolls sideways, axe-core
finds no serious or critical WCAG 2 A/AA violation, and screenshots are saved.

The site is built once per session (`mkdocs build --strict`, see browser_support.build_site)
into a temporary folder, served from a thread on 127.0.0.1 at a free port, and opened in
Debian's Chromium driven by Playwright (one browser per session, one context per test). Every
request to another host is aborted and reported. Without /usr/bin/chromium or Playwright the
tests skip, telling how to install them; with CI=true they fail instead.
Screenshots go to test-artifacts/screenshots/ (gitignored).
"""
import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from browser_support import (AXE, AXE_JS, IMAGES_JS, LAYOUT_JS, MATH_JS, ROOT, SETTLED_JS,
                             PageWatch, SiteServer, browser_rule, build_site, site_pages)

LANGUAGES = {"ja": "", "en": "en/"}       # language → its home below the site root
WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
DESKTOP = WIDTHS["desktop"]
EQUATIONS = {"eq-5-2": "(5.2)", "eq-6-1": "(6.1)", "eq-6-2": "(6.2)", "eq-6-3": "(6.3)"}
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
# The fixtures `browser_available` and `browser` (one Chromium per session) are in conftest.py:
# the live-preview test shares the browser, since Playwright's sync API allows one per process.


# --- the skip rule -------------------------------------------------------------------------


@pytest.mark.parametrize("ci, browser, playwright, expected", [
    (None, True, True, "run"),
    ("true", True, True, "run"),
    (None, False, True, "skip"),
    ("", True, False, "skip"),
    ("false", False, False, "skip"),
    ("true", False, True, "fail"),
    ("TRUE", True, False, "fail"),
    ("1", False, False, "fail"),
])
def test_a_missing_browser_skips_on_a_developer_machine_and_fails_under_ci(ci, browser, playwright, expected):
    decision = browser_rule(ci, browser, playwright)
    assert decision.split(":")[0] == expected, decision
    if not browser:
        assert "apt-get install -y chromium fonts-noto-cjk" in decision
    if not playwright:
        assert "./dev setup" in decision


# --- fixtures: one build, one server, one browser per session --------------------------------


@pytest.fixture(scope="session")
def server(browser_available, tmp_path_factory):
    """The site, built for and served at http://127.0.0.1:<free port>/."""
    site = tmp_path_factory.mktemp("browser-site")
    server = SiteServer(site)   # binds the port first: the build needs the address
    try:
        result = build_site(site, server.base_url)
        assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}{result.stderr}"
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def pages(server) -> list:
    return site_pages(server.folder)


@pytest.fixture
def new_context(browser):
    """Opens the test's browser context (desktop size unless told); closed after the test."""
    contexts = []

    def make(viewport=DESKTOP):
        context = browser.new_context(viewport=viewport)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context
    yield make
    for context in contexts:
        context.close()


def open_page(context, server, path: str, wait="load"):
    """A new page with a PageWatch attached, navigated to `path` below the site root."""
    page = context.new_page()
    watch = PageWatch(server).attach(page)
    page.goto(server.base_url + path, wait_until=wait)
    return page, watch


def pages_of(pages, lang: str) -> list:
    return [page for page in pages if page.lang == lang]


def math_problems(page) -> list:
    math = page.evaluate(MATH_JS)
    return ([f"raw TeX visible: {raw}" for raw in math["raw"]]
            + [f".katex-error: {error}" for error in math["errors"]]
            + [f"formula not typeset: {tex}" for tex in math["untypeset"]])


# --- every page ------------------------------------------------------------------------------


def test_both_languages_have_the_same_pages_including_the_derivation(pages):
    names = {lang: sorted(p.name for p in pages_of(pages, lang)) for lang in LANGUAGES}
    assert names["ja"] == names["en"], names
    assert {"index", "derivation", "errata"} <= set(names["ja"]), names


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_loads_without_errors_with_all_math_typeset_and_all_images_loaded(lang, pages, server, new_context):
    context = new_context()
    opened = []
    for site_page in pages_of(pages, lang):     # all pages load at once: their quiet periods overlap
        page = context.new_page()
        watch = PageWatch(server).attach(page)
        page.goto(server.base_url + site_page.path, wait_until="commit")
        opened.append((site_page, page, watch))
    problems = {}                                # problem → the pages that have it
    for site_page, page, watch in opened:
        page.wait_for_load_state("load")
        page.wait_for_load_state("networkidle")   # the search index, sitemaps, fonts
        images = page.evaluate(IMAGES_JS)
        found = math_problems(page) + [f"image not loaded: {src}" for src in images["broken"]]
        for problem in found + watch.problems():
            problems.setdefault(problem, []).append("/" + site_page.path)
    assert not problems, "\n".join(f"{problem}\n    on {len(paths)} page(s): {' '.join(paths)}"
                                   for problem, paths in problems.items())


def test_the_page_checks_catch_broken_images_raw_tex_katex_errors_off_site_requests_and_overflow(server, new_context):
    """The checks above and below, run on a page spoiled on purpose: each spoiling is reported."""
    context = new_context(WIDTHS["phone"])
    page, watch = open_page(context, server, "derivation/")
    page.wait_for_load_state("networkidle")
    page.evaluate("""() => {
      const article = document.querySelector('.md-content__inner');
      article.insertAdjacentHTML('beforeend',
        '<p><img src="figures/no-such-figure.svg" alt="missing"></p>' +
        '<p>left raw: $$E = mc^2$$ and \\\\(x\\\\)</p><span class="katex-error" title="KaTeX parse error">x^</span>' +
        '<img src="https://example.com/off-site.png" alt="off-site">');
      const style = document.createElement('style');
      style.textContent = '.md-typeset div.arithmatex, .md-typeset .katex-display { overflow: visible !important; }';
      document.head.append(style);
    }""")
    images = page.evaluate(IMAGES_JS)
    math = page.evaluate(MATH_JS)
    layout = page.evaluate(LAYOUT_JS)
    assert any("no-such-figure.svg" in broken for broken in images["broken"]), images
    assert any(raw.startswith("$$") for raw in math["raw"]) and any(raw.startswith("\\(") for raw in math["raw"]), math
    assert math["errors"] == ["KaTeX parse error"], math
    assert watch.off_site == ["https://example.com/off-site.png"], watch.off_site
    assert any("no-such-figure.svg" in error for error in watch.http_errors), watch.http_errors
    assert any("overflows" in problem and "overflow-x visible" in problem for problem in layout), layout
    # Without the room extra.css keeps for it, a tag is drawn over the end of a long formula.
    page.evaluate("""() => {
      document.head.lastElementChild.textContent =
        '.md-typeset .katex-display > .katex > .katex-html { width: auto !important; padding-right: 0 !important; }';
    }""")
    layout = page.evaluate(LAYOUT_JS)
    assert any("overlaps the formula" in problem for problem in layout), layout


# --- equation numbers --------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_equation_tags_are_visible_in_order_each_in_the_formula_after_its_anchor(lang, server, new_context):
    page, _ = open_page(new_context(), server, LANGUAGES[lang] + "derivation/")
    tags = page.locator(".katex-tag")
    shown = [text.strip() for text in tags.all_inner_texts() if text.strip() in EQUATIONS.values()]
    assert shown == list(EQUATIONS.values()), f"tags in page order: {tags.all_inner_texts()}"
    hidden = []
    for tag in tags.all():
        if tag.inner_text().strip() not in EQUATIONS.values():
            continue
        # Rendered, and not clipped away by its formula's scrolling box (as first shown).
        in_box = tag.evaluate("""tag => {
          const t = tag.getBoundingClientRect(), box = tag.closest('div.arithmatex').getBoundingClientRect();
          return t.width > 0 && t.left >= box.left - 1 && t.right <= box.right + 1 && t.right <= innerWidth;
        }""")
        if not (tag.is_visible() and in_box):
            hidden.append(tag.inner_text().strip())
    assert not hidden, f"tags not visible at {DESKTOP['width']} px without scrolling their formula: {hidden}"
    found = page.evaluate("""(ids) => ids.map(id => {
      const anchor = document.getElementById(id);
      if (!anchor) return [id, 'no such anchor'];
      const block = document.evaluate("following::div[contains(concat(' ', @class, ' '), ' arithmatex ')][1]",
        anchor, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue;
      const tag = block && block.querySelector('.katex-tag');
      return [id, tag ? tag.innerText.trim() : 'no tag in the next display formula'];
    })""", list(EQUATIONS))
    assert dict(found) == EQUATIONS


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_link_to_an_equation_scrolls_its_tagged_formula_into_view(lang, server, new_context):
    context = new_context()
    in_view = """(id) => {
      const anchor = document.getElementById(id);
      const block = document.evaluate("following::div[contains(concat(' ', @class, ' '), ' arithmatex ')][1]",
        anchor, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue;
      const tag = block.querySelector('.katex-tag').getBoundingClientRect();
      const header = document.querySelector('.md-header').getBoundingClientRect();
      return tag.top >= header.bottom && tag.bottom <= window.innerHeight && tag.width > 0;
    }"""
    top, _ = open_page(context, server, LANGUAGES[lang] + "derivation/")
    assert not top.evaluate(in_view, "eq-6-3"), "(6.3) is in view without the link: the test would prove nothing"
    page, _ = open_page(context, server, LANGUAGES[lang] + "derivation/#eq-6-3")
    page.wait_for_function(in_view, arg="eq-6-3", timeout=5_000)


# --- navigation.instant ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_instant_navigation_keeps_the_page_and_every_formula_stays_typeset(lang, server, new_context):
    home = server.base_url + LANGUAGES[lang]
    page, watch = open_page(new_context(), server, LANGUAGES[lang])
    page.wait_for_load_state("networkidle")   # instant loading is set up once the sitemap is in
    page.evaluate("window.__marker = 1")
    problems = []

    def check(where: str, tags: bool) -> None:
        if page.evaluate("window.__marker") != 1:
            problems.append(f"{where}: the page was reloaded (window.__marker is gone), not switched instantly")
        documents = [url for kind, url in watch.requests if kind == "document" and url != home]
        if documents:
            problems.append(f"{where}: full page loads of {documents}")
        if page.evaluate("document.querySelectorAll('.katex').length") == 0:
            problems.append(f"{where}: no .katex on the page")
        problems.extend(f"{where}: {problem}" for problem in math_problems(page))
        if tags:
            visible = [t for t in page.locator(".katex-tag").all() if t.is_visible()]
            texts = [t.inner_text().strip() for t in visible]
            if [t for t in texts if t in EQUATIONS.values()] != list(EQUATIONS.values()):
                problems.append(f"{where}: visible tags {texts}")

    def go(name: str) -> None:
        page.locator(f".md-nav--primary a.md-nav__link[href$='{name}/']").first.click()
        page.wait_for_url(home + f"{name}/")
        page.wait_for_function("document.querySelector('.md-content h1') !== null")

    go("derivation")
    check("after clicking the derivation page", tags=True)
    go("errata")
    check("after clicking the errata page", tags=False)
    page.go_back()
    page.wait_for_url(home + "derivation/")
    page.wait_for_function("document.querySelectorAll('.katex-tag').length >= 4")
    check("back on the derivation page", tags=True)
    problems += watch.problems()
    assert not problems, "\n".join(problems)


# --- the language switch -------------------------------------------------------------------------


@pytest.mark.parametrize("lang, other", [("ja", "en"), ("en", "ja")])
def test_the_language_switch_opens_the_same_page_and_place_in_the_other_language(lang, other, server, new_context):
    page, watch = open_page(new_context(), server, LANGUAGES[lang])
    page.wait_for_load_state("networkidle")
    # Reached by instant navigation, which replaces the page without a load: the switch follows.
    page.locator(".md-nav--primary a.md-nav__link[href$='derivation/']").first.click()
    page.wait_for_url(server.base_url + LANGUAGES[lang] + "derivation/")
    switch = page.locator(f".md-select__link[hreflang='{other}']")
    counterpart = server.base_url + LANGUAGES[other] + "derivation/"
    # The link is pointed at the page once the theme has swapped the content in (its document$).
    page.wait_for_function("([link, href]) => document.querySelector(link).href === href",
                           arg=[f".md-select__link[hreflang='{other}']", counterpart])
    page.evaluate("location.hash = 'eq-6-3'")
    page.locator(".md-header__option .md-select").hover()
    switch.click()
    page.wait_for_url(counterpart + "#eq-6-3")
    assert page.evaluate("document.documentElement.lang") == other
    page.wait_for_function("([link, href]) => document.querySelector(link).href === href",
                           arg=[f".md-select__link[hreflang='{lang}']", server.base_url + LANGUAGES[lang] + "derivation/"])
    assert watch.problems() == []


# --- search ------------------------------------------------------------------------------------


# The derivation page's first section, as its heading reads (the toc's unicode slugify).
FIRST_SECTION = {"ja": "出発点1件の交差エントロピー", "en": "starting-point-the-loss-of-one-sample"}


def search(page, query: str) -> list:
    """Types `query` into the search box as a reader does; every result, as {href, text}."""
    page.keyboard.press("/")                  # Material's shortcut to the search box
    box = page.locator(".md-search__input")
    assert box.evaluate("el => el === document.activeElement"), "'/' did not focus the search box"
    meta = page.locator(".md-search-result__meta")
    placeholder = meta.inner_text()
    # Typed as a reader types it: ASCII key by key; Japanese arrives from the input method as
    # text (no key events), then the key that confirms it. Material searches on keyup.
    page.keyboard.type(query)
    page.keyboard.press("End")
    page.wait_for_function("([el, text]) => el.innerText !== text", arg=[meta.element_handle(), placeholder])
    # Material renders results ten at a time as the list is scrolled: scroll until all are in.
    items = page.locator(".md-search-result__item")
    count = -1
    while items.count() != count:
        count = items.count()
        page.locator(".md-search__scrollwrap").evaluate("el => { el.scrollTop = el.scrollHeight; }")
        page.wait_for_timeout(250)
    return page.locator(".md-search-result__item a").evaluate_all(
        "links => links.map(a => ({href: a.href, text: a.innerText}))")


def searched(lang: str, query: str, server, new_context) -> tuple:
    """The results of `query` typed on the home page of `lang`, and the page's PageWatch."""
    page, watch = open_page(new_context(), server, LANGUAGES[lang])
    page.wait_for_load_state("networkidle")   # the search worker has its index
    return search(page, query), watch


def language_of(href: str, server) -> str:
    return "en" if href.startswith(server.base_url + LANGUAGES["en"]) else "ja"


@pytest.mark.parametrize("lang, query", [
    ("ja", "交差エントロピー"), ("en", "cross-entropy"),
    # Synonyms the index holds but the pages do not show (hooks/search_index.py, SYNONYMS).
    ("ja", "ワンホット"), ("en", "ワンホット"), ("ja", "クロスエントロピー"),
    ("ja", "カテゴリカル"), ("ja", "categorical"), ("en", "categorical"),
    ("ja", "categorical cross-entropy"), ("en", "categorical cross-entropy"),
])
def test_search_lists_the_derivation_page_in_the_readers_language_for_a_term_or_its_synonym(
        lang, query, server, new_context):
    results, watch = searched(lang, query, server, new_context)
    wanted = server.base_url + LANGUAGES[lang] + "derivation/"
    assert wanted in {result["href"].split("#")[0] for result in results}, (
        f"searching {query!r} on /{LANGUAGES[lang]}: results {[r['href'] for r in results]}")
    assert not watch.page_errors


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("query", ["categorical", "categorical cross-entropy", "カテゴリカル"])
def test_searching_the_name_of_part_5s_loss_lists_part_5_first(lang, query, server, new_context):
    results, _ = searched(lang, query, server, new_context)
    assert results and results[0]["href"] == server.base_url + LANGUAGES[lang] + "derivation/", (
        [r["href"] for r in results[:5]])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_results_in_the_readers_language_come_before_the_other_languages(lang, server, new_context):
    results, _ = searched(lang, "one-hot", server, new_context)
    languages = [language_of(result["href"], server) for result in results]
    assert languages and languages[0] == lang, languages
    assert languages == sorted(languages, key=lambda found: found != lang), (
        f"results out of order on /{LANGUAGES[lang]}: {[r['href'] for r in results]}")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_results_show_formulas_as_text_and_link_to_readable_heading_anchors(lang, server, new_context):
    results, _ = searched(lang, "cross-entropy", server, new_context)
    # The "adding" page's code names KaTeX's \tag{…}: code, shown as on the page, not a formula.
    tex = [r["text"][:120] for r in results if re.search(r"\\[A-Za-z(\[]", r["text"].replace("\\tag{", ""))]
    assert not tex, f"LaTeX source in search results: {tex}"
    numbered = [r["href"] for r in results if re.search(r"#(_\d+|\d+)$", r["href"])]
    assert not numbered, f"results link to numbered anchors instead of the heading's words: {numbered}"
    wanted = server.base_url + LANGUAGES[lang] + "derivation/#" + FIRST_SECTION[lang]
    assert wanted in {unquote(r["href"]) for r in results}, [unquote(r["href"]) for r in results]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name, pictures", [("", 1), ("derivation/", 2)])
def test_pictures_keep_a_readable_size_on_a_phone_and_fit_the_column_on_a_desktop(
        lang, name, pictures, server, new_context):
    page, watch = open_page(new_context(WIDTHS["phone"]), server, LANGUAGES[lang] + name)
    page.wait_for_function("[...document.querySelectorAll('img.wide-figure')]"
                           ".every(img => img.complete && img.naturalWidth > 0)")
    sizes = page.evaluate("""[...document.querySelectorAll('img.wide-figure')].map(img => ({
        natural: img.naturalWidth, shown: img.getBoundingClientRect().width,
        box: img.parentElement.clientWidth, inside: img.parentElement.scrollWidth,
        overflow: getComputedStyle(img.parentElement).overflowX}))""")
    assert len(sizes) == pictures
    for size in sizes:
        # At least half their drawn size, so labels stay legible (at the column's width: a third to a half).
        assert size["shown"] >= size["natural"] / 2, size
        assert size["inside"] > size["box"] and size["overflow"] == "auto", size
    page.set_viewport_size(DESKTOP)
    page.wait_for_function("[...document.querySelectorAll('img.wide-figure')]"
                           ".every(img => img.getBoundingClientRect().width <= img.parentElement.clientWidth)")
    assert watch.problems() == []


# --- layout and screenshots --------------------------------------------------------------------


@pytest.fixture(scope="session")
def visits(browser, server, pages):
    """Every page of a language, loaded once per session for the three tests below, at phone
    width and then resized to desktop width (as a desktop window is): at each width its
    layout problems, its full-page screenshot, saved under test-artifacts/screenshots/, and
    its serious or critical axe-core violations."""
    done = {}

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
def test_a_full_page_screenshot_of_every_page_is_saved(lang, width, visits, pages):
    shots = [shot for _, shot, _ in visits(lang, width).values()]
    assert len(shots) == len(pages_of(pages, lang))
    for shot in shots:
        assert png_width(shot) == WIDTHS[width]["width"], shot


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
    page, _ = open_page(new_context(WIDTHS["phone"]), server, "derivation/")
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
    page, _ = open_page(new_context(WIDTHS["phone"]), server, LANGUAGES[lang] + "derivation/")
    box = page.locator("div.arithmatex > .katex-display[data-scroll-box][role=region]").first
    box.wait_for()
    assert box.get_attribute("tabindex") == "0" and box.get_attribute("aria-label").startswith(name)
    assert box.locator("math").count() == 1, "KaTeX's MathML, read by screen readers, is kept"
    box.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("box => box.scrollLeft > 0", arg=box.element_handle())
    page.set_viewport_size(DESKTOP)
    page.wait_for_function("box => !box.hasAttribute('tabindex') || box.scrollWidth > box.clientWidth + 1",
                           arg=box.element_handle())


def png_width(path: Path) -> int:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return int.from_bytes(data[16:20], "big")
