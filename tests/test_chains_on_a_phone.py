"""Reading a derivation chain on a phone and on a desktop, in a real browser, page by page: at
1280 px the "=" of each line sits under the one above; reasons and marks are set in the body's
font (equation numbers in KaTeX's, as a display formula's \\tag); each formula keeps KaTeX's
MathML; erratum ids never wrap at their hyphen; the worked example's table fits the column, and
on a phone the data page's tables break no class name or number and the errata summary keeps a
readable measure (they scroll instead).
The checks every chain page gets at both widths (reasons, marks and numbers in view, where a
formula breaks) are chain_layout.py's, run in test_page_checks.py's pass over every page.

Uses conftest.py's session site (built with `mkdocs build --strict`, served on 127.0.0.1) and
Chromium; every request to another host is aborted (browser_support.PageWatch).
"""
import pytest

from browser_support import DESKTOP, PHONE, browser_context, open_page
from chain_layout import HIDDEN_JS


# For each chain, the left edge of the relation ("=", "≈") that opens each line's right side.
RELATIONS_JS = """() => [...document.querySelectorAll('.chain')].map((chain) =>
  [...chain.querySelectorAll('.chain-rhs')].map((rhs) => rhs.querySelector('.mrel').getBoundingClientRect().left))"""

FONTS_JS = """() => {
  const body = getComputedStyle(document.querySelector('.md-typeset p')).fontFamily;
  const fonts = (selector) =>
    [...new Set([...document.querySelectorAll(selector)].map((el) => getComputedStyle(el).fontFamily))];
  return {body, notes: fonts('.chain-reason, .chain-mark'), tags: fonts('.chain-tag'), tex: fonts('.katex-tag')};
}"""


def visit_settled(context, server, path: str) -> tuple:
    return open_page(context, server, path, settled=True)


@pytest.fixture(scope="module")
def phone(browser):
    context = browser_context(browser, PHONE)
    yield context
    context.close()


@pytest.fixture(scope="module")
def desktop(browser):
    context = browser_context(browser, DESKTOP)
    yield context
    context.close()


def test_on_a_phone_the_derivation_page_numbers_the_samples_loss_and_the_mean_as_the_article_does(phone, server):
    page, _ = visit_settled(phone, server, "derivation/")
    # The article numbers the sample's loss (6.2) and the mean over the samples (6.3).
    assert {"(6.2)", "(6.3)"} <= {tag.strip() for tag in page.locator(".chain-tag").all_inner_texts()}
    assert page.evaluate(HIDDEN_JS, ".chain-tag, .katex-tag") == []


@pytest.mark.parametrize("path", ["derivation/", "en/derivation/", "binary/"])
def test_on_a_desktop_the_equals_sign_of_every_line_sits_under_the_one_above(desktop, server, path):
    page, _ = visit_settled(desktop, server, path)
    chains = page.evaluate(RELATIONS_JS)
    assert chains and all(len(lefts) >= 1 for lefts in chains)
    assert all(max(lefts) - min(lefts) < 1 for lefts in chains), chains


@pytest.mark.parametrize("context_name", ["phone", "desktop"])
def test_reasons_and_marks_are_set_in_the_bodys_font_and_equation_numbers_as_katexs_tags(context_name, request, server):
    page, _ = visit_settled(request.getfixturevalue(context_name), server, "derivation/")
    found = page.evaluate(FONTS_JS)
    assert found["notes"] == [found["body"]] and "KaTeX" not in found["body"], found
    assert found["tags"] == found["tex"] == [found["tags"][0]] and "KaTeX_Main" in found["tags"][0], found


def test_every_formula_of_a_chain_keeps_katexs_mathml_for_screen_readers(desktop, server):
    page, _ = visit_settled(desktop, server, "derivation/")
    formulas = page.locator(".chain-formula .katex")
    with_mathml = page.locator(".chain-formula .katex > .katex-mathml > math")
    assert formulas.count() > 20 and with_mathml.count() == formulas.count()


# Each erratum id shown on a page (a link to its entry, or the entry's heading) drawn over more
# than one line: the boxes of its text (not the heading's ¶), one per line it occupies.
WRAPPED_IDS_JS = """() => [...document.querySelectorAll('article a[href*="#erratum-"], article h3[id^="erratum-"]')]
  .map((el) => [...el.childNodes].find((node) => node.nodeType === Node.TEXT_NODE && node.textContent.includes('-')))
  .filter((text) => text)
  .map((text) => { const range = document.createRange(); range.selectNodeContents(text); const el = text.parentNode;
                 const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
                 return [el.textContent.trim(), tops.size]; })
  .filter(([, lines]) => lines > 1)"""


@pytest.mark.parametrize("path", ["errata/", "en/errata/", "derivation/", "en/derivation/"])
def test_on_a_phone_no_erratum_id_wraps_at_its_hyphen(phone, server, path):
    page, watch = visit_settled(phone, server, path)
    assert page.evaluate("() => document.querySelectorAll('a[href*=\"#erratum-E1-vector\"]').length") >= 1
    assert page.evaluate(WRAPPED_IDS_JS) == []
    assert watch.problems() == []


# The worked example's table (eight columns): its box's width and the table's, and the page's own width.
EXAMPLE_TABLE_JS = """() => { const table = document.querySelector('.example-table table');
  const box = table.closest('.md-typeset__scrollwrap') || table.parentElement;
  return {right: table.getBoundingClientRect().right, scroll: box.scrollWidth, client: box.clientWidth,
          page: document.documentElement.scrollWidth, view: innerWidth}; }"""


@pytest.mark.parametrize("path", ["derivation/", "en/derivation/"])
def test_the_examples_table_fits_the_column_on_a_desktop_and_on_a_phone(desktop, phone, server, path):
    for context in (desktop, phone):
        page, watch = visit_settled(context, server, path)
        seen = page.evaluate(EXAMPLE_TABLE_JS)
        assert seen["page"] <= seen["view"], seen  # the page itself never scrolls sideways
        # Nothing to scroll in the table's own box, and its right edge on the screen.
        assert seen["scroll"] <= seen["client"] + 1 and seen["right"] <= seen["view"] + 0.5, seen
        assert watch.problems() == []
        page.close()


# Each table cell of the page's content whose text is drawn on more than one line.
# The lines a node's text is drawn on (the distinct tops of its text's boxes), for the probes below.
LINES_OF = """const lines = (node) => { const range = document.createRange(); range.selectNodeContents(node);
  return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size; };"""
BROKEN_CELLS_JS = f"""() => {{ {LINES_OF}
  return [...document.querySelectorAll('.md-content td')].filter((cell) => lines(cell) > 1)
    .map((cell) => cell.textContent.trim()); }}"""


@pytest.mark.parametrize("path", ["data/", "en/data/"])
def test_on_a_phone_no_cell_of_the_data_pages_tables_breaks_a_class_name_or_a_number(phone, server, path):
    page, watch = visit_settled(phone, server, path)
    assert page.locator(".md-content td").count() >= 40
    assert page.evaluate(BROKEN_CELLS_JS) == []
    assert watch.problems() == []


# The errata summary (the page's first table): each diagnosis's width, and the lines each kind is drawn on.
ERRATA_SUMMARY_JS = f"""() => {{ {LINES_OF}
  const rows = [...document.querySelector('.md-content table').querySelectorAll('tbody tr')];
  return {{rows: rows.length, diagnosis: rows.map((row) => row.lastElementChild.getBoundingClientRect().width),
           kind: rows.map((row) => lines(row.children[1]))}};
}}"""


@pytest.mark.parametrize("path", ["errata/", "en/errata/"])
def test_on_a_phone_the_errata_summary_keeps_a_readable_measure_and_scrolls_instead(phone, server, path):
    page, watch = visit_settled(phone, server, path)
    seen = page.evaluate(ERRATA_SUMMARY_JS)
    assert seen["rows"] >= 5
    # 10em of the table's 0.6rem type (extra.css), less its padding: no diagnosis squeezed to a few characters a line.
    assert min(seen["diagnosis"]) >= 100, seen
    assert max(seen["kind"]) <= 2, seen  # "誤り、慣習との違い" breaks at its "、" only
    assert watch.problems() == []
