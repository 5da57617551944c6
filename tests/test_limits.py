"""The stated limits are the ones the code enforces: the README and the claims-file page list
each of them with the value in `derivations/limits.py`, and the package evaluates nothing."""
import re
from pathlib import Path

import pytest

from derivations import limits
from derivations.table import SOFTMAX_DIGITS

ROOT = Path(__file__).resolve().parents[1]
# The limits an author's claims file can meet, as the claims-file page writes each value.
CLAIMS_FILE_LIMITS = {
    "MAX_FILE_BYTES": f"{limits.MAX_FILE_BYTES:,}", "MAX_CLAIMS": f"| {limits.MAX_CLAIMS} |",
    "MAX_SAMPLES": f"{limits.MAX_SAMPLES:,}", "MAX_CLASSES": f"| {limits.MAX_CLASSES} |",
    "MAX_DIGITS": f"| {limits.MAX_DIGITS} |", "MAX_LITERAL_EXPONENT": f" {limits.MAX_LITERAL_EXPONENT} ",
    "MAX_MAGNITUDE": f"10^{{{limits.MAX_MAGNITUDE_DIGITS}}}", "COMPARISON_DIGITS": f"{limits.COMPARISON_DIGITS}",
    "MAX_FORMULA_CHARS": f"{limits.MAX_FORMULA_CHARS:,}", "MAX_FORMULA_NODES": f"| {limits.MAX_FORMULA_NODES} |",
    "MAX_NESTING": f"{limits.MAX_NESTING} ",
}
# Limits of the claims file's own keys, stated in a row of each page's table (the README's
# Security section does not list them): name → (the English row, the Japanese row).
CLAIMS_PAGE_ROWS = {"MAX_LOGIT": (f"| a logit in `z` | at most ±{limits.MAX_LOGIT} in size |",
                                  f"| `z` のロジット | 絶対値 {limits.MAX_LOGIT} まで |")}
README_ONLY = {"MAX_FORMULAS": f"{limits.MAX_FORMULAS} printed formulas", "MAX_POWER": f"at most {limits.MAX_POWER}",
               "MAX_EXPANDED_TERMS": f"at most {limits.MAX_EXPANDED_TERMS} terms",
               "MAX_WRITTEN_TERMS": f"at most {limits.MAX_WRITTEN_TERMS:,}",
               "MAX_CLASS_WEIGHT": f"a class weight in a part's `[settings]` at most {limits.MAX_CLASS_WEIGHT:,}"}


def _section(text: str, heading: str) -> str:
    """The text under a heading, up to the next heading of the same or a higher level."""
    level, start = heading.split(" ")[0], text.index(heading + "\n")
    following = re.search(rf"^#{{1,{len(level)}}} ", text[start + len(heading):], re.MULTILINE)
    return text[start:start + len(heading) + (following.start() if following else len(text))]


def test_every_limit_in_the_code_is_stated_in_one_of_the_lists_below():
    stated = set(CLAIMS_FILE_LIMITS) | set(README_ONLY) | set(CLAIMS_PAGE_ROWS) | {"MAX_MAGNITUDE_DIGITS"}
    assert {name for name in vars(limits) if name.isupper()} == stated


@pytest.mark.parametrize("page, heading", [("claims-file.en.md", "## Limits"), ("claims-file.md", "## 上限")])
def test_the_claims_file_page_lists_each_limit_with_its_value(page, heading):
    section = _section((ROOT / "docs" / page).read_text(encoding="utf-8"), heading)
    missing = {name: shown for name, shown in CLAIMS_FILE_LIMITS.items() if shown not in section}
    assert missing == {}


@pytest.mark.parametrize("page, heading, language", [("claims-file.en.md", "## Limits", 0),
                                                     ("claims-file.md", "## 上限", 1)])
def test_the_claims_file_page_states_the_limits_of_its_own_keys_in_its_table(page, heading, language):
    section = _section((ROOT / "docs" / page).read_text(encoding="utf-8"), heading)
    missing = {name: rows[language] for name, rows in CLAIMS_PAGE_ROWS.items() if rows[language] not in section}
    assert missing == {}


@pytest.mark.parametrize("page, stated", [("claims-file.en.md", "evaluated to {} significant digits"),
                                          ("claims-file.md", "有効数字 {} 桁（")])
def test_the_claims_file_page_states_the_digits_a_softmax_is_evaluated_to(page, stated):
    assert stated.format(SOFTMAX_DIGITS) in (ROOT / "docs" / page).read_text(encoding="utf-8")


def test_the_readme_security_section_lists_each_limit_with_its_value():
    section = _section((ROOT / "README.md").read_text(encoding="utf-8"), "## Security")
    wanted = {**CLAIMS_FILE_LIMITS, **README_ONLY, "MAX_CLAIMS": f"{limits.MAX_CLAIMS} claims",
              "MAX_DIGITS": f"{limits.MAX_DIGITS} digits", "MAX_CLASSES": f"{limits.MAX_CLASSES} classes",
              "MAX_FORMULA_NODES": f"{limits.MAX_FORMULA_NODES} numbers", "MAX_NESTING": f"{limits.MAX_NESTING} levels",
              "MAX_LOGIT": f"`z` is at most ±{limits.MAX_LOGIT} in size"}
    flowing = " ".join(section.split())  # the README's lines wrap anywhere
    missing = {name: shown for name, shown in wanted.items() if shown not in flowing}
    assert missing == {}


EVALUATING = re.compile(r"\b(sympify|parse_expr|eval|exec)\s*\(|\bS\s*\(\s*['\"]|__import__")


def test_nothing_in_the_package_evaluates_text():
    found = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
             for path in sorted((ROOT / "derivations").rglob("*.py"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if EVALUATING.search(line) and not line.lstrip().startswith("#")]
    assert found == []
