"""The built site in a real browser: every page of both languages loads cleanly with its math and
images, equation numbers and links work, navigation.instant keeps the math, the language switch
keeps the page, search finds the derivation in Japanese and English (by its synonyms too, in the
reader's language first, with readable snippets and anchors), the pictures keep a readable size,
and a too-wide formula is a keyboard-reachable scroll box.

The site is built once per session (`mkdocs build --strict`, see browser_support.build_site)
into a temporary folder, served from a thread on 127.0.0.1 at a free port, and opened in
Debian's Chromium driven by Playwright (one browser per session, one context per test). Every
request to another host is aborted and reported. Without /usr/bin/chromium or Playwright the
tests skip, telling how to install them; with CI=true they fail instead.
"""
import re
from urllib.parse import unquote

import pytest

from browser_support import (DESKTOP, IMAGES_JS, LANGUAGES, LAYOUT_JS, MATH_JS, WIDTHS, browser_context, math_problems,
                             browser_rule, open_page)

EQUATIONS = {"eq-5-2": "(5.2)", "eq-6-1": "(6.1)", "eq-6-2": "(6.2)", "eq-6-3": "(6.3)"}
# The fixtures `browser_available`, `browser` (one Chromium per session), `server` (one built
# site per session), `pages` and `new_context` are in conftest.py: every browser test module
# shares them. That every page loads without errors, with its math and images, and the layout,
# accessibility and screenshot checks of every page are in test_page_checks.py (each page
# loaded once for them all).


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


def pages_of(pages, lang: str) -> list:
    return [page for page in pages if page.lang == lang]


# --- every page ------------------------------------------------------------------------------


def test_both_languages_have_the_same_pages_including_the_derivation(pages):
    names = {lang: sorted(p.name for p in pages_of(pages, lang)) for lang in LANGUAGES}
    assert names["ja"] == names["en"], names
    assert {"index", "derivation", "errata"} <= set(names["ja"]), names


def test_the_page_checks_catch_broken_images_raw_tex_katex_errors_off_site_requests_and_overflow(server, new_context):
    """The checks above and below, run on a page spoiled on purpose: each spoiling is reported."""
    context = new_context(WIDTHS["phone"])
    # The errata page still sets printed formulas as display math with tags (the chains are HTML).
    page, watch = open_page(context, server, "errata/")
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
    page.set_viewport_size({"width": 320, "height": 844})
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
    tags = page.locator(".katex-tag, .chain-tag")
    shown = [text.strip() for text in tags.all_inner_texts() if text.strip() in EQUATIONS.values()]
    assert shown == list(EQUATIONS.values()), f"tags in page order: {tags.all_inner_texts()}"
    hidden = []
    for tag in tags.all():
        if tag.inner_text().strip() not in EQUATIONS.values():
            continue
        # Rendered, and not clipped away by its formula's scrolling box (as first shown).
        in_box = tag.evaluate("""tag => {
          const t = tag.getBoundingClientRect(), box = tag.closest('div.arithmatex, .chain').getBoundingClientRect();
          return t.width > 0 && t.left >= box.left - 1 && t.right <= box.right + 1 && t.right <= innerWidth;
        }""")
        if not (tag.is_visible() and in_box):
            hidden.append(tag.inner_text().strip())
    assert not hidden, f"tags not visible at {DESKTOP['width']} px without scrolling their formula: {hidden}"
    found = page.evaluate("""(ids) => ids.map(id => {
      const anchor = document.getElementById(id);
      if (!anchor) return [id, 'no such anchor'];
      const block = document.evaluate("following::div[contains(concat(' ', @class, ' '), ' arithmatex ') or @class = 'chain'][1]",
        anchor, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue;
      const tag = block && block.querySelector('.katex-tag, .chain-tag');
      return [id, tag ? tag.innerText.trim() : 'no tag in the next display formula'];
    })""", list(EQUATIONS))
    assert dict(found) == EQUATIONS


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_link_to_an_equation_scrolls_its_tagged_formula_into_view(lang, server, new_context):
    context = new_context()
    in_view = """(id) => {
      const anchor = document.getElementById(id);
      const block = document.evaluate("following::div[contains(concat(' ', @class, ' '), ' arithmatex ') or @class = 'chain'][1]",
        anchor, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue;
      const tag = block.querySelector('.katex-tag, .chain-tag').getBoundingClientRect();
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
            visible = [t for t in page.locator(".katex-tag, .chain-tag").all() if t.is_visible()]
            texts = [t.inner_text().strip() for t in visible]
            if [t for t in texts if t in EQUATIONS.values()] != list(EQUATIONS.values()):
                problems.append(f"{where}: visible tags {texts}")

    def go(name: str) -> None:
        page.locator(f".md-nav--primary a.md-nav__link[href$='{name}/']").first.click()
        page.wait_for_url(home + f"{name}/")
        page.wait_for_function("document.querySelector('.md-content h1') !== null")

    def tagged_formulas_swapped_in() -> None:
        # The address changes before the new content is swapped in (the old page's h1 is still
        # there): wait for the derivation page's own tagged formulas.
        page.wait_for_function("document.querySelectorAll('.katex-tag, .chain-tag').length >= 4")

    go("derivation")
    tagged_formulas_swapped_in()
    check("after clicking the derivation page", tags=True)
    go("errata")
    check("after clicking the errata page", tags=False)
    page.go_back()
    page.wait_for_url(home + "derivation/")
    tagged_formulas_swapped_in()
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
    """Types `query` into the search box as a reader does, searching again on a page where the
    box may hold an earlier query; every result, as {href, text}."""
    page.keyboard.press("Escape")             # leaves an earlier search (on a fresh page: nothing)
    page.keyboard.press("/")                  # Material's shortcut to the search box
    box = page.locator(".md-search__input")
    assert box.evaluate("el => el === document.activeElement"), "'/' did not focus the search box"
    meta = page.locator(".md-search-result__meta")
    if box.input_value():                     # the earlier query: erased, so the placeholder is back
        page.keyboard.press("ControlOrMeta+A")
        page.keyboard.press("Backspace")
        page.wait_for_function("el => el.innerText === el.dataset.placeholder", arg=meta.element_handle())
    placeholder = meta.inner_text()
    meta.evaluate("(el, text) => { el.dataset.placeholder = text; }", placeholder)
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


@pytest.fixture(scope="module")
def searched(browser, server):
    """(lang, query) → the results of `query` typed on the home page of `lang`, and the page's
    PageWatch. Each language's home page is loaded once for all the searches (as a reader
    searches again): every load has the search worker build its index anew, which cost more
    than the searches themselves."""
    context = browser_context(browser)
    homes = {}

    def results(lang: str, query: str) -> tuple:
        if lang not in homes:
            homes[lang] = open_page(context, server, LANGUAGES[lang])
            homes[lang][0].wait_for_load_state("networkidle")   # the search worker has its index
        page, watch = homes[lang]
        return search(page, query), watch
    yield results
    context.close()


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
        lang, query, server, searched):
    results, watch = searched(lang, query)
    wanted = server.base_url + LANGUAGES[lang] + "derivation/"
    assert wanted in {result["href"].split("#")[0] for result in results}, (
        f"searching {query!r} on /{LANGUAGES[lang]}: results {[r['href'] for r in results]}")
    assert not watch.page_errors


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("query", ["categorical", "categorical cross-entropy", "カテゴリカル"])
def test_searching_the_name_of_part_5s_loss_lists_part_5_first(lang, query, server, searched):
    results, _ = searched(lang, query)
    assert results and results[0]["href"] == server.base_url + LANGUAGES[lang] + "derivation/", (
        [r["href"] for r in results[:5]])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_results_in_the_readers_language_come_before_the_other_languages(lang, server, searched):
    results, _ = searched(lang, "one-hot")
    languages = [language_of(result["href"], server) for result in results]
    assert languages and languages[0] == lang, languages
    assert languages == sorted(languages, key=lambda found: found != lang), (
        f"results out of order on /{LANGUAGES[lang]}: {[r['href'] for r in results]}")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_results_show_formulas_as_text_and_link_to_readable_heading_anchors(lang, server, searched):
    results, _ = searched(lang, "cross-entropy")
    # The "adding" page's code names KaTeX's \tag{…}: code, shown as on the page, not a formula.
    tex = [r["text"][:120] for r in results if re.search(r"\\[A-Za-z(\[]", r["text"].replace("\\tag{", ""))]
    assert not tex, f"LaTeX source in search results: {tex}"
    numbered = [r["href"] for r in results if re.search(r"#(_\d+|\d+)$", r["href"])]
    assert not numbered, f"results link to numbered anchors instead of the heading's words: {numbered}"
    wanted = server.base_url + LANGUAGES[lang] + "derivation/#" + FIRST_SECTION[lang]
    assert wanted in {unquote(r["href"]) for r in results}, [unquote(r["href"]) for r in results]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_overview_diagram_fills_a_phones_column_with_labels_of_at_least_11_px(lang, server, new_context):
    page, watch = open_page(new_context(WIDTHS["phone"]), server, LANGUAGES[lang])
    page.wait_for_function("(img => img && img.complete && img.naturalWidth > 0)(document.querySelector('img.diagram'))")
    seen = page.evaluate("""async () => {
        const img = document.querySelector('img.diagram'), svg = await (await fetch(img.src)).text();
        const sizes = [...svg.matchAll(/font-size: ([0-9.]+)px/g)].map(m => parseFloat(m[1]));
        return {natural: img.naturalWidth, shown: img.getBoundingClientRect().width,
                column: img.parentElement.clientWidth, smallest: Math.min(...sizes)};
    }""")
    assert seen["shown"] <= seen["column"], seen
    # The SVG's user unit is a point (its width is given in pt): a font size of 10 is 10 pt = 13.3 px.
    assert seen["smallest"] * 4 / 3 * seen["shown"] / seen["natural"] >= 11, seen
    assert watch.problems() == []


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name, pictures", [("derivation/", 2)])
def test_pictures_fit_a_phones_column_with_labels_of_at_least_11_px_and_fit_the_column_on_a_desktop(
        lang, name, pictures, server, new_context):
    page, watch = open_page(new_context(WIDTHS["phone"]), server, LANGUAGES[lang] + name)
    page.wait_for_function("[...document.querySelectorAll('img.column-figure')]"
                           ".every(img => img.complete && img.naturalWidth > 0)")
    sizes = page.evaluate("""() => Promise.all([...document.querySelectorAll('img.column-figure')].map(async img => {
        const svg = await (await fetch(img.src)).text();
        const fonts = [...svg.matchAll(/font-size: ([0-9.]+)px/g)].map(m => parseFloat(m[1]));
        const box = img.getBoundingClientRect();
        return {natural: img.naturalWidth, shown: box.width, right: box.right, column: img.parentElement.clientWidth,
                smallest: Math.min(...fonts)};
    }))""")
    assert len(sizes) == pictures
    for size in sizes:
        # Nothing to scroll: the picture fits the column and the screen.
        assert size["shown"] <= size["column"] and size["right"] <= WIDTHS["phone"]["width"], size
        # The SVG's user unit is a point (its width is given in pt): a font size of 10 is 10 pt = 13.3 px.
        assert size["smallest"] * 4 / 3 * size["shown"] / size["natural"] >= 11, size
    page.set_viewport_size(DESKTOP)
    page.wait_for_function("[...document.querySelectorAll('img.column-figure')]"
                           ".every(img => img.getBoundingClientRect().width <= img.parentElement.clientWidth)")
    assert watch.problems() == []
