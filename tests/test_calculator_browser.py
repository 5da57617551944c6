"""The part-5 page's calculator in Chromium, in both languages, on a phone and a desktop screen:
Hypothesis-drawn tables give the displayed E_i, E_sum and E of Python's formula to the shown
digits and bars as tall as the numbers; invalid input is marked where it is, in the page's
language (a probability outside [0, 1], a row not summing to 1 with its normalize button, y = 0
at the true class shown as ∞); the presets show the data's table and the article's printed
values; axe finds nothing serious; it works by keyboard alone, after an instant navigation from
another page, and without JavaScript says it needs it; nothing goes to the console or off the site.
One site build per module, one page load per language (both widths), many tables per load (each
set in one call that fires the fields' own events).
"""
import math
import tomllib
from string import Template

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from browser_support import AXE, LANGUAGES, ROOT, WIDTHS, PageWatch, browser_context
from derivations.prose import catalogue

BASES = {"e": math.e, "2": 2.0, "10": 10.0}
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"  # gitignored
ARTICLE = tomllib.loads((ROOT / "data" / "part5.toml").read_text(encoding="utf-8"))  # the data, read independently
HALF_UNIT = 0.5e-6 + 1e-9  # the page shows 6 decimals (SHOWN_PLACES); a float's error is far below 1e-9

# Sets a table through the calculator's own controls and events, and reads back what it shows.
DRIVE_JS = """(table) => {
  const root = document.querySelector('[data-calculator]');
  const act = name => root.querySelector(`[data-action="${name}"]`).click();
  const rows = () => root.querySelectorAll('[data-true]').length, columns = () => root.querySelectorAll('[data-y^="1,"]').length;
  while (rows() !== table.y.length) act(rows() < table.y.length ? 'add-sample' : 'remove-sample');
  while (columns() !== table.y[0].length) act(columns() < table.y[0].length ? 'add-class' : 'remove-class');
  const fire = (el, type) => el.dispatchEvent(new Event(type, {bubbles: true}));
  const radio = root.querySelector(`[name="xc-base"][value="${table.base}"]`);
  radio.checked = true; fire(radio, 'change');
  const sign = root.querySelector('[data-sign]');
  sign.checked = table.signDropped; fire(sign, 'change');
  table.y.forEach((row, i) => {
    row.forEach((text, k) => { const f = root.querySelector(`[data-y="${i + 1},${k + 1}"]`); f.value = text; fire(f, 'input'); });
    const select = root.querySelector(`[data-true="${i + 1}"]`); select.value = String(table.trueClass[i]); fire(select, 'change');
  });
  return readout();
}"""
# axe-core's WCAG 2 A/AA rules on the calculator alone (test_browser.py runs them on every whole page).
AXE_CALCULATOR_JS = """async () => (await axe.run('[data-calculator]', {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}}))
  .violations.filter(v => ['serious', 'critical'].includes(v.impact)).map(v => `${v.id}: ${v.nodes[0].target}`)"""
READ_JS = """() => {
  const root = document.querySelector('[data-calculator]');
  const text = selector => root.querySelector(selector).textContent;
  return {
    samples: [...root.querySelectorAll('[data-result="E_i"]')].map(e => [Number(e.dataset.i), e.textContent]),
    total: text('[data-result="E_sum"]'), mean: text('[data-result="E"]'),
    bars: [...root.querySelectorAll('[data-bar]')].map(b => [b.dataset.bar, Number(b.dataset.i || 0),
      Number(b.getAttribute('height'))]),
    messages: [...root.querySelectorAll('[data-message]')].filter(m => m.checkVisibility()).map(m => [
      Number(m.dataset.message), m.querySelector('span').textContent, m.querySelector('button').checkVisibility()]),
    invalid: [...root.querySelectorAll('[aria-invalid="true"]')].map(e => e.dataset.y),
    all: root.textContent,
  };
}"""




def open_calculator(browser, server, language: str, viewport: dict, path: str = "derivation/"):
    context = browser_context(browser, viewport)
    page = context.new_page()
    watch = PageWatch(server).attach(page)
    page.add_init_script("window.readout = " + READ_JS)
    page.goto(server.base_url + LANGUAGES[language] + path, wait_until="domcontentloaded")
    return context, page, watch


@pytest.fixture(scope="module")
def calculator_pages(browser, server):
    """The part-5 page in each language, loaded once for the module's tests (on a phone's width)."""
    opened = {}

    def page_of(language: str):
        if language not in opened:
            opened[language] = open_calculator(browser, server, language, WIDTHS["phone"])
            opened[language][1].locator("[data-calculator] table").wait_for()
        return opened[language][1:]
    yield page_of
    for context, _, _ in opened.values():
        context.close()


def loss(row: list, true_class: int, base: str, sign_dropped: bool) -> float:
    """E_i = −Σ_k t_ik log y_ik for a one-hot t: −log y_ic, in the given base (sign dropped: +)."""
    value = -math.log(float(row[true_class - 1])) / math.log(BASES[base])
    return -value if sign_dropped else value


def assert_shows(displayed: str, expected: float) -> None:
    assert abs(float(displayed) - expected) <= HALF_UNIT, (displayed, expected)


@st.composite
def tables(draw) -> dict:
    """1–10 samples of 2–6 classes; each row four-decimal probabilities summing to exactly 1."""
    samples, classes = draw(st.integers(1, 10)), draw(st.integers(2, 6))
    rows = []
    for _ in range(samples):
        cuts = sorted(draw(st.lists(st.integers(1, 9999), min_size=classes - 1, max_size=classes - 1, unique=True)))
        parts = [b - a for a, b in zip([0, *cuts], [*cuts, 10000])]
        rows.append([f"{p // 10000}.{p % 10000:04d}" for p in parts])
    return {"y": rows, "trueClass": [draw(st.integers(1, classes)) for _ in range(samples)],
            "base": draw(st.sampled_from(sorted(BASES))), "signDropped": draw(st.booleans())}


def check_table(page, table: dict) -> None:
    shown = page.evaluate(DRIVE_JS, table)
    expected = [loss(row, c, table["base"], table["signDropped"]) for row, c in zip(table["y"], table["trueClass"])]
    assert [i for i, _ in shown["samples"]] == list(range(1, len(expected) + 1))
    for (_, text), value in zip(shown["samples"], expected):
        assert_shows(text, value)
    assert_shows(shown["total"], math.fsum(expected))
    assert_shows(shown["mean"], math.fsum(expected) / len(expected))
    assert shown["messages"] == [] and shown["invalid"] == []
    check_bars(shown["bars"], [*expected, math.fsum(expected) / len(expected)])


def check_bars(bars: list, values: list, tolerance: float = 1e-9) -> None:
    """One bar per E_i, in order, then E; each as tall as its value's share of the tallest
    (to `tolerance`: values read off the page are rounded)."""
    assert [(kind, i) for kind, i, _ in bars] == [("E_i", n) for n in range(1, len(values))] + [("E", 0)]
    scale = max(abs(v) for v in values) / max(height for _, _, height in bars)
    for (_, _, height), value in zip(bars, values):
        assert height * scale == pytest.approx(abs(value), rel=tolerance, abs=tolerance)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_calculator_computes_marks_and_loads_presets_in_both_languages_and_widths(calculator_pages, language):
    page, watch = calculator_pages(language)
    for width, viewport in WIDTHS.items():  # one load, both widths: the page is laid out again
        page.set_viewport_size(viewport)
        check_done_when(page)
        check_random_tables(page)
        if width == "phone":  # what does not depend on the width, once
            check_invalid_input(page, catalogue(language))
            check_size_limits(page)
        check_presets(page)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), width
        if width == "desktop":  # axe's rules do not depend on the width: once, a button focused, a field invalid
            page.add_script_tag(path=str(AXE))
            page.fill('[data-y="1,1"]', "2")
            assert page.evaluate(AXE_CALCULATOR_JS) == []
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.locator("[data-calculator]").screenshot(path=str(SCREENSHOTS / f"calculator-{language}-{width}.png"))
    assert watch.problems() == []


def check_done_when(page) -> None:
    """Editing sample 1 to (0.5, 0.25, 0.25), as a reader types, shows E_1 = ln 2 and the new mean at once."""
    page.locator("[data-action='preset.correct']").click()
    for k, text in enumerate(("0.5", "0.25", "0.25"), 1):
        page.fill(f'[data-y="1,{k}"]', text)
    shown = page.evaluate("readout()")
    assert shown["samples"][0][1] == "0.693147"
    samples = ARTICLE["samples"]
    expected = [loss(row, s["t"].index(1) + 1, "e", False) for row, s in zip([["0.5", "0.25", "0.25"]] + [
        s["y"] for s in samples[1:]], samples)]
    assert_shows(shown["mean"], math.fsum(expected) / len(expected))


def check_random_tables(page) -> None:
    @settings(max_examples=15, deadline=None, database=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
    @given(tables())
    def shows_python_values(table):
        check_table(page, table)
    shows_python_values()


def check_invalid_input(page, prose) -> None:
    table = {"y": [["0.2", "0.3", "0.5"], ["0.1", "0.1", "0.8"]], "trueClass": [1, 3], "base": "e", "signDropped": False}
    page.evaluate(DRIVE_JS, table)
    for text in ("1.5", "-0.1", "abc", ""):
        page.fill('[data-y="2,2"]', text)
        shown = page.evaluate("readout()")
        assert shown["invalid"] == ["2,2"]
        assert shown["messages"] == [[2, prose["calculator.error.range"], False]]
        assert (shown["samples"][1][1], shown["total"], shown["mean"]) == ("—", "—", "—")
    page.fill('[data-y="2,2"]', "0.5")  # the row now sums to 1.4
    shown = page.evaluate("readout()")
    assert shown["messages"] == [[2, Template(prose["calculator.error.sum"]).substitute(sum="1.400000"), True]]
    assert_shows(shown["samples"][1][1], -math.log(0.8))  # still computed, as the formula says
    page.locator('[data-message="2"] button').click()
    shown = page.evaluate("readout()")
    assert shown["messages"] == [] and float(page.locator('[data-y="2,3"]').input_value()) == pytest.approx(0.8 / 1.4)
    assert_shows(shown["samples"][1][1], -math.log(0.8 / 1.4))
    page.fill('[data-y="1,1"]', "0")  # y = 0 at the true class
    page.fill('[data-y="1,2"]', "0.5")
    shown = page.evaluate("readout()")
    assert (shown["samples"][0][1], shown["total"], shown["mean"]) == ("∞", "∞", "∞")
    assert shown["messages"] == [[1, prose["calculator.error.zero"], False]] and "NaN" not in shown["all"]


def check_presets(page) -> None:
    page.locator("[data-action='preset.article']").click()
    shown = page.evaluate("readout()")
    for claim in (c for c in ARTICLE["claims"] if c["kind"] == "number" and len(c["printed"]) == 1):
        sample, printed = int(claim["quantity"][2:-1]), claim["printed"][0]
        places = len(printed.split(".")[1])
        assert abs(float(shown["samples"][sample - 1][1]) - float(printed)) <= 0.5 * 10 ** -places + 1e-12, claim["id"]
    check_bars(shown["bars"], [float(text) for _, text in shown["samples"]] + [float(shown["mean"])], 2 * HALF_UNIT)
    page.locator("[data-action='preset.correct']").click()
    shown = page.evaluate("readout()")
    for (_, text), sample in zip(shown["samples"], ARTICLE["samples"]):
        assert_shows(text, loss(sample["y"], sample["t"].index(1) + 1, "e", False))
    assert page.locator('[name="xc-base"][value="e"]').is_checked() and not page.locator("[data-sign]").is_checked()


# Each size button, the controls it adds or removes, and how many there are once it is disabled.
LIMITS = (("add-sample", "[data-true]", 10), ("remove-sample", "[data-true]", 1),
          ("add-class", '[data-y^="1,"]', 6), ("remove-class", '[data-y^="1,"]', 2))


def check_size_limits(page) -> None:
    """Samples go from 1 to 10 and classes from 2 to 6; a button past its limit is disabled."""
    for action, controls, limit in LIMITS:
        clicks = page.evaluate("""(action) => { const button = document.querySelector(`[data-action="${action}"]`);
          let clicks = 0; while (!button.disabled && clicks < 20) { button.click(); clicks++; } return clicks; }""", action)
        assert clicks < 20 and page.locator(f"[data-calculator] {controls}").count() == limit, action
    page.locator("[data-action='preset.correct']").click()


def test_the_calculator_works_by_keyboard_alone(calculator_pages):
    page, watch = calculator_pages("en")
    page.locator("[data-action='preset.correct']").focus()
    for _ in range(40):  # Tab through the controls up to the first probability
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.y") == "1,1":
            break
    for key, text in (("Control+A", "0.5"), ("Tab", "0.25"), ("Tab", "0.25")):
        page.keyboard.press(key)
        page.keyboard.press("Control+A")
        page.keyboard.type(text)
    assert page.evaluate("readout()")["samples"][0][1] == "0.693147"
    page.keyboard.press("Tab")  # the true class of sample 1
    page.keyboard.press("ArrowDown")
    assert page.locator('[data-true="1"]').input_value() == "2"
    assert page.evaluate("readout()")["samples"][0][1] == "1.386294"
    page.locator("[data-action='add-sample']").focus()
    page.keyboard.press("Enter")
    assert page.locator("[data-true]").count() == 5
    assert watch.problems() == []


def test_the_calculator_starts_after_an_instant_navigation_from_another_page_and_back(browser, server):
    context, page, watch = open_calculator(browser, server, "ja", WIDTHS["desktop"], path="")
    try:
        page.evaluate("window.sameDocument = true")
        held = []  # the theme inserts the page's scripts at once: hold the module so that the glue runs first
        page.route("**/cross-entropy.generated.js", lambda route: held.append(route))
        for visit in range(2):  # there, away, and there again
            page.locator('.md-content a[href$="/derivation/"]').first.click()
            if visit == 0:
                page.wait_for_function("(document.querySelector('[data-calculator]') || {dataset: {}}).dataset.ready")
                while not held:
                    page.wait_for_timeout(20)
                page.unroute("**/cross-entropy.generated.js")
                held[0].continue_()
            page.wait_for_function("document.querySelector('[data-result=\"E\"]')?.textContent")
            assert page.evaluate("window.sameDocument") is True  # no full load: the theme swapped the content
            page.fill('[data-y="1,1"]', "0.5")
            page.fill('[data-y="1,3"]', "0.17")
            assert page.evaluate("readout()")["samples"][0][1] == "0.693147"
            page.locator('.md-content a[href$="/one-sample/"]').first.click()  # the previous part
            page.wait_for_url("**/one-sample/")
        assert watch.problems() == []
    finally:
        context.close()


def test_without_javascript_the_page_is_complete_and_the_calculator_says_it_needs_it(browser, server):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(server.base_url + "en/derivation/")
        assert page.locator(".xent-calculator__needs-js").inner_text() == catalogue("en")["calculator.needs-js"]
        assert page.locator(".katex").count() > 40 and page.locator("[data-y]").count() == 0
    finally:
        context.close()
