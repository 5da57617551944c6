"""What a derivation chain must look like in the browser, as checks run on an open page.

Owns the in-page probes (JavaScript run by Playwright) and the checks made of them: at a phone's
width (390 px) every line's reason and mark in view and in full, no formula cut, every equation
number in view, and where a formula breaks; at a desktop's width (1280 px) no reason, mark or
number cut, and every chain's lines numbered 1, 2, … in view. Each check takes the open page
(settled, at its width) and returns its findings, an empty list when all is well. The pages are
opened elsewhere: test_page_checks.py runs these in its pass over every page (each page loaded
once for all its checks); test_chains_on_a_phone.py holds the checks of single pages.
"""
import re

from browser_support import PHONE

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
    "breaks": _breaks,
    "cut": lambda page: page.evaluate(HIDDEN_JS, ".chain-note, .chain-reason, .chain-mark, .chain-tag"),
    "numbers": _line_numbers,
}


CHECKS_AT = {"phone": PHONE_CHECKS, "desktop": DESKTOP_CHECKS}  # a width's checks, by WIDTHS' names


def has_chains(page) -> bool:
    return page.evaluate("() => document.querySelector('.chain') !== null")
