"""Reading the built site in a real browser: every errata link to a line lands on that numbered
line (clear of the header), the line's ⚠ sits on the same line and links back to the erratum;
the navigation groups the series apart from the tool pages in both languages; the header title
is the home page's heading. (That every line of every chain shows its number, in order, is
checked by chain_layout.py's checks in test_page_checks.py's pass, which loads each page once.)

The site is built once for this module (`mkdocs build --strict`, browser_support.build_site)
and served from a thread on 127.0.0.1; Chromium comes from conftest.py's `browser` fixture, and
every request to another host is aborted (browser_support.PageWatch).
"""
import pytest

from browser_support import DESKTOP, LANGUAGES, browser_context, open_page, site_pages

# The numbered lines and the ⚠ links of every chain on a page: id → (text, box), href → box.
LINES_JS = """() => {
  const box = (el) => { const r = el.getBoundingClientRect(); return [r.top, r.bottom, r.left, r.right]; };
  const lines = {};
  for (const el of document.querySelectorAll('.chain [id^="step-"]')) lines[el.id] = [el.textContent, box(el)];
  const warnings = [...document.querySelectorAll('.chain a[href*="#erratum-"]')].map((a) => [a.href, box(a)]);
  return {lines, warnings};
}"""




@pytest.fixture
def context(browser):
    context = browser_context(browser)
    yield context
    context.close()


def chain_pages(server) -> list:
    """The built pages that show chains: the parts' pages, in both languages."""
    return [p for p in site_pages(server.folder) if 'id="step-' in (server.folder / p.path / "index.html").read_text()]


def test_the_derivation_pages_are_found_in_both_languages(server):
    found = {(p.lang, p.name) for p in chain_pages(server)}
    assert {("ja", "derivation"), ("en", "derivation"), ("ja", "binary"), ("en", "logits")} <= found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_errata_link_to_a_line_lands_on_that_numbered_line_below_the_header(context, server, lang):
    page, watch = open_page(context, server, f"{LANGUAGES[lang]}errata/")
    links = page.eval_on_selector_all('article a[href*="#step-"]', "as => as.map(a => a.href)")
    assert len(links) >= 4
    for link in links:
        # One tab for every link, each a fresh load as from the errata page (about:blank between:
        # two links into one page would otherwise only move within it).
        page.goto("about:blank")
        watch.clear()
        page.goto(link)
        anchor = link.split("#")[1]
        target = page.locator(f'[id="{anchor}"]')
        assert target.evaluate("el => el.matches(':target') && !!el.closest('.chain-line')"), link
        top, bottom = (lambda b: (b["y"], b["y"] + b["height"]))(target.bounding_box())
        header = page.locator("header.md-header").bounding_box()
        assert header["y"] + header["height"] <= top and bottom <= DESKTOP["height"], (link, top, bottom)
        assert watch.problems() == [], link


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_disputed_lines_warning_sits_on_that_line_and_links_back_to_its_erratum(context, server, lang):
    page, _ = open_page(context, server, f"{LANGUAGES[lang]}derivation/")
    found = page.evaluate(LINES_JS)
    assert len(found["warnings"]) >= 4
    erratum_ids = set(open_page(context, server, f"{LANGUAGES[lang]}errata/")[0].eval_on_selector_all(
        "[id^='erratum-']", "els => els.map(e => e.id)"))
    for href, (top, bottom, _, _) in found["warnings"]:
        assert href.startswith(f"{server.base_url}{LANGUAGES[lang]}errata/#") and href.split("#")[1] in erratum_ids, href
        middle = (top + bottom) / 2
        # The ⚠ is in the line's note (reason and mark): on the line whose number spans the same height.
        rows = [a for a, (_, (t, b, _, _)) in found["lines"].items() if t <= middle <= b]
        assert len(rows) == 1, (href, rows)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_navigation_groups_the_series_and_the_errata_apart_from_the_tool_pages(context, server, lang):
    page, _ = open_page(context, server, LANGUAGES[lang])
    sidebar = page.locator(".md-sidebar--primary nav.md-nav--primary > ul > li")
    labels = [label.strip() for label in sidebar.evaluate_all(
        "items => items.map(li => li.querySelector(':scope > a, :scope > label, :scope > div > a').textContent)")]
    expected = {"ja": ["連載の導出", "正誤表", "連載の先へ", "検証とツール"],
                "en": ["The series", "Errata", "Beyond the series", "Verification and tools"]}
    assert labels[1:] == expected[lang], labels
    header = page.locator(".md-header__topic .md-ellipsis").first.inner_text().strip()
    assert header == page.locator("article h1").inner_text().replace("¶", "").strip()
