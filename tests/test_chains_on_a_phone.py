"""Reading a derivation chain on a phone and on a desktop, in a real browser: at 390 px every
line's reason and mark sit in view, in full, with no sideways scroll, every equation number is
in view, and a formula wider than the column breaks after its "=" or "+" instead of hiding the
rest; at 1280 px no reason is cut, every line shows its number (1, 2, … in each chain) and
the "=" of each line sits under the one above; reasons
and marks are set in the body's font (equation numbers in KaTeX's, as a display formula's
\\tag), and each formula keeps KaTeX's MathML.

Uses conftest.py's session site (built with `mkdocs build --strict`, served on 127.0.0.1) and
Chromium; every request to another host is aborted (browser_support.PageWatch).
"""
import re

import pytest

from browser_support import DESKTOP, PHONE, browser_context, open_page, site_pages


# Elements matching `selector` that are not fully visible: not drawn, outside the viewport's
# 0..innerWidth, cut inside themselves, or clipped by an ancestor box that hides or scrolls
# (overflow-x other than visible, and either narrower than the element or scrolling).
HIDDEN_JS = """(selector) => {
  const out = [];
  const name = (el) => `${el.className} "${el.textContent.trim().replace(/\\s+/g, ' ').slice(0, 40)}"`;
  for (const el of document.querySelectorAll(selector)) {
    const r = el.getBoundingClientRect();
    if (!(r.width > 0 && r.height > 0)) { out.push(`${name(el)}: not drawn`); continue; }
    if (r.left < -0.5 || r.right > innerWidth + 0.5)
      out.push(`${name(el)}: x ${Math.round(r.left)}..${Math.round(r.right)} outside 0..${innerWidth}`);
    if (el.scrollWidth > el.clientWidth + 1) out.push(`${name(el)}: cut (${el.scrollWidth} > ${el.clientWidth})`);
    for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
      if (getComputedStyle(box).overflowX === 'visible') continue;
      const b = box.getBoundingClientRect();
      if (r.left < b.left - 0.5 || r.right > b.right + 0.5 || box.scrollWidth > box.clientWidth + 1) {
        out.push(`${name(el)}: clipped by ${box.tagName.toLowerCase()}.${box.className}`);
        break;
      }
    }
  }
  return out;
}"""

# Each place where a chain's formula wraps: the class of the last atom before the break.
BREAKS_JS = """() => [...document.querySelectorAll('.chain-formula')].flatMap((formula) => {
  const bases = [...formula.querySelectorAll('.katex-html > .katex-base')];
  const wraps = (base, n) => bases[n + 1].getBoundingClientRect().top > base.getBoundingClientRect().bottom - 2;
  return bases.slice(0, -1).filter(wraps)
    .map((base) => [...base.children].filter((atom) => !atom.matches('.mspace, .katex-strut')).pop().className);
})"""

# For each chain, the left edge of the relation ("=", "≈") that opens each line's right side.
RELATIONS_JS = """() => [...document.querySelectorAll('.chain')].map((chain) =>
  [...chain.querySelectorAll('.chain-rhs')].map((rhs) => rhs.querySelector('.mrel').getBoundingClientRect().left))"""

FONTS_JS = """() => {
  const body = getComputedStyle(document.querySelector('.md-typeset p')).fontFamily;
  const fonts = (selector) =>
    [...new Set([...document.querySelectorAll(selector)].map((el) => getComputedStyle(el).fontFamily))];
  return {body, notes: fonts('.chain-reason, .chain-mark'), tags: fonts('.chain-tag'), tex: fonts('.katex-tag')};
}"""


@pytest.fixture(scope="module")
def chain_pages(server) -> list:
    """The built pages that show a chain, in both languages."""
    found = [p for p in site_pages(server.folder)
             if 'class="chain"' in (server.folder / p.path / "index.html").read_text(encoding="utf-8")]
    expected = {("ja", "derivation"), ("en", "derivation"), ("ja", "binary"), ("en", "logits")}
    assert expected <= {(p.lang, p.name) for p in found}
    return found


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


def _reasons_and_marks(page) -> list:
    lines = page.locator(".chain-line").count()
    marks = page.locator(".chain-mark").all_inner_texts()
    one_each = lines == len(marks) > 0 and all("✓" in mark for mark in marks)
    counted = [] if one_each else [f"{lines} lines, marks {marks}"]
    return counted + page.evaluate(HIDDEN_JS, ".chain-reason, .chain-mark, .chain-erratum")


def _width_and_formulas(page) -> list:
    wide = page.evaluate("document.documentElement.scrollWidth") - PHONE["width"]
    widened = [f"the page is {wide} px wider than the screen"] if wide > 0 else []
    return widened + page.evaluate(HIDDEN_JS, ".chain-formula")


def _breaks(page) -> list:
    """Where the chain formulas wrap: the KaTeX atom each line ends with ("mrel =", "mbin +")."""
    return page.evaluate(BREAKS_JS)


# Each check: the page in, what it found out; every chain page is loaded once for all of them.
PHONE_CHECKS = {
    "reasons": _reasons_and_marks,
    "width": _width_and_formulas,
    "tags": lambda page: page.evaluate(HIDDEN_JS, ".chain-tag, .katex-tag"),
    "breaks": _breaks,
}


def checked(context, server, pages: list, checks: dict) -> dict:
    """Each check on each page, every page loaded once: check name → findings, each prefixed
    with the page's id (and "network" → what the pages did wrong on the network)."""
    found = {name: [] for name in [*checks, "network"]}
    for site_page in pages:
        page, watch = visit_settled(context, server, site_page.path)
        for name, check in checks.items():
            found[name] += [f"{site_page.id}: {finding}" for finding in check(page)]
        found["network"] += [f"{site_page.id}: {problem}" for problem in watch.problems()]
        page.close()
    return found


@pytest.fixture(scope="module")
def on_a_phone(phone, server, chain_pages) -> dict:
    """Every phone check on every chain page (see `checked`)."""
    return checked(phone, server, chain_pages, PHONE_CHECKS)


def test_on_a_phone_every_reason_and_mark_of_every_line_is_in_view_in_full(on_a_phone):
    assert on_a_phone["reasons"] == []


def test_on_a_phone_the_page_never_scrolls_sideways_and_no_formula_of_a_chain_is_cut(on_a_phone):
    assert on_a_phone["width"] == [] and on_a_phone["network"] == []


def test_on_a_phone_every_equation_number_is_in_view(on_a_phone, phone, server):
    assert on_a_phone["tags"] == []
    page, _ = visit_settled(phone, server, "derivation/")
    # The article numbers the sample's loss (6.2) and the mean over the samples (6.3).
    assert {"(6.2)", "(6.3)"} <= {tag.strip() for tag in page.locator(".chain-tag").all_inner_texts()}


def test_on_a_phone_a_formula_too_wide_for_the_column_breaks_after_its_equals_or_plus(on_a_phone):
    atoms = [finding.split(": ", 1)[1] for finding in on_a_phone["breaks"]]
    assert atoms, "no chain formula wraps at 390 px: the test would prove nothing"
    assert [atom for atom in atoms if atom.split()[0] not in ("mrel", "mbin")] == []


# The numbered lines of every chain on a page: id → (its text, its top and bottom).
LINES_JS = """() => Object.fromEntries([...document.querySelectorAll('.chain [id^="step-"]')].map((el) => {
  const r = el.getBoundingClientRect(); return [el.id, [el.textContent, r.top, r.bottom]]; }))"""


def _line_numbers(page) -> list:
    """Each line that does not show its number, and each chain whose numbers do not run 1, 2, …"""
    chains, found = {}, []
    for anchor, (text, top, bottom) in page.evaluate(LINES_JS).items():
        chain, number = re.fullmatch(r"step-(.+)-(\d+)", anchor).groups()
        chains.setdefault(chain, []).append(int(number))
        found += [] if text == number and bottom > top else [f"{anchor} shows {text!r} ({top}..{bottom})"]
    found += [] if chains else ["no numbered line"]
    return found + [f"chain {chain} numbers its lines {numbers}" for chain, numbers in chains.items()
                    if sorted(numbers) != list(range(1, len(numbers) + 1))]


DESKTOP_CHECKS = {
    "cut": lambda page: page.evaluate(HIDDEN_JS, ".chain-note, .chain-reason, .chain-mark, .chain-tag"),
    "numbers": _line_numbers,
}


@pytest.fixture(scope="module")
def on_a_desktop(desktop, server, chain_pages) -> dict:
    """Every desktop check on every chain page, each page loaded once (as on_a_phone)."""
    return checked(desktop, server, chain_pages, DESKTOP_CHECKS)


def test_on_a_desktop_no_reason_or_mark_is_cut(on_a_desktop):
    assert on_a_desktop["cut"] == [] and on_a_desktop["network"] == []


def test_every_line_of_every_chain_shows_its_number_in_order(on_a_desktop):
    assert on_a_desktop["numbers"] == []


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
