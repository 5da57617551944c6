"""The prose catalogue: our words only, every key the pages use present, no computed numbers,
each language in its own language (the catalogues and the pages generated from them)."""
import re
import tomllib
from pathlib import Path
from string import Template

import pytest

from derivations import render
from derivations.numbers import rounded
from derivations.prose import LANGUAGES, catalogue

PROSE = catalogue("ja")


def test_every_language_has_exactly_the_same_keys():
    keys = {language: set(text) for language, text in LANGUAGES.items()}
    assert keys["en"] == keys["ja"]


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_each_language_uses_the_same_placeholders_per_key(language):
    for key, text in catalogue(language).items():
        # Word order differs between languages; the set of values a text needs must not.
        assert sorted(re.findall(r"\$\{(\w+)\}", text)) == sorted(re.findall(r"\$\{(\w+)\}", PROSE[key])), key


def test_every_placeholder_is_a_valid_template_field():
    for key, text in PROSE.items():
        Template(text).substitute({name: "x" for name in re.findall(r"\$\{(\w+)\}", text)})


def test_no_computed_value_is_typed_into_the_prose(verified):
    values = [rounded(v, places) for verdict in verified.verdicts if verdict.claim.kind == "number"
              for v in verdict.computed + verdict.base10 for places in (3, 4, 5, 6)]
    for key, text in PROSE.items():
        assert not any(value in text for value in values), key


def test_every_reason_and_method_of_the_derivation_has_prose(verified):
    for checked in verified.checked:
        assert f"chain.{checked.chain.title}" in PROSE
        for step, evidence in zip(checked.chain.steps, checked.evidence):
            assert f"reason.{step.reason}" in PROSE
            assert f"method.{evidence.method}" in PROSE and f"method.{evidence.method}.short" in PROSE


def test_every_section_has_a_heading_and_text(verified):
    for section in verified.derivation.sections:
        assert f"section.{section.id}" in PROSE and f"section.{section.id}.text" in PROSE


def test_no_long_run_of_the_articles_text_is_copied(article_sentences):
    # Formulas and numbers may be reproduced; sentences may not. No 20-character run of the
    # article's Japanese prose appears in ours.
    ours = "".join(PROSE.values())
    for sentence in article_sentences:
        for start in range(0, max(len(sentence) - 20, 0) + 1):
            assert sentence[start:start + 20] not in ours, sentence



# --- each language in its own language -------------------------------------------------------
#
# A Japanese text must have Japanese in its words; an English one none, except where it quotes
# the article. "Words" are what is left once math, placeholders, code, link targets, HTML tags
# and attribute lists are taken out. A Japanese text whose words have no letter (an equation
# number, a comma) or are one identifier (ID, E1-vector) is not prose and passes.

ROOT = Path(__file__).resolve().parents[1]
# Hiragana, katakana (with its extensions and half-width forms), kanji. CJK punctuation (、「」)
# is not counted: English quotes of the article carry some, and it is no word.
JAPANESE = re.compile("[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Math first: its braces would otherwise read as attribute lists.
NOT_WORDS = [re.compile(pattern, re.S) for pattern in (
    r"\\\(.*?\\\)", r"\\\[.*?\\\]", r"\$\{\w+\}", r"`[^`]*`", r"\]\([^)]*\)", r"<[^>]*>", r"\{[^}]*\}")]
IDENTIFIER = re.compile(r"[A-Za-z0-9]+(?:[-.][A-Za-z0-9]+)*")
MARKDOWN = re.compile(r"[#*_\[\]!>|]")
# English texts that quote the article in Japanese, by key, and the quotation.
EN_QUOTES: dict = {}  # none left: the series' title now shows only as the link text a data file gives


def words(text: str) -> str:
    for pattern in NOT_WORDS:
        text = pattern.sub(" ", text)
    return text


def is_identifier(words_only: str) -> bool:
    """One token such as ID, E1, E1-vector or part4-4.3: a name the pages show, not prose."""
    tokens = MARKDOWN.sub(" ", words_only).split()
    return (len(tokens) == 1 and IDENTIFIER.fullmatch(tokens[0]) is not None
            and (tokens[0].isupper() or any(ch.isdigit() or ch == "-" for ch in tokens[0])))


def lacks_japanese(text: str) -> bool:
    rest = words(text)
    return any(ch.isalpha() for ch in rest) and not JAPANESE.search(rest) and not is_identifier(rest)


def unquoted(key: str, text: str) -> str:
    return text.replace(EN_QUOTES[key], " ") if key in EN_QUOTES else text


def language_problems() -> list:
    """Each text of either catalogue that is not in its language, as "language key: text"."""
    problems = [f"ja {key}: {text!r}" for key, text in catalogue("ja").items() if lacks_japanese(text)]
    return problems + [f"en {key}: {text!r}" for key, text in catalogue("en").items()
                       if JAPANESE.search(unquoted(key, text))]


def test_every_japanese_text_has_japanese_and_every_english_text_has_none():
    assert language_problems() == []


def test_every_quotation_allowed_in_english_is_still_quoted_there():
    # An allowance that outlives its quotation would excuse whatever Japanese came next.
    for key, quotation in EN_QUOTES.items():
        assert quotation in catalogue("en")[key], key


@pytest.mark.parametrize("key", ["index.how", "section.part1-1.text"])   # the site's, a part module's
def test_the_language_check_flags_a_text_swapped_between_the_languages(monkeypatch, key):
    japanese, english = catalogue("ja")[key], catalogue("en")[key]
    monkeypatch.setitem(catalogue("ja"), key, english)
    monkeypatch.setitem(catalogue("en"), key, japanese)
    assert [problem.split(":")[0] for problem in language_problems()] == [f"ja {key}", f"en {key}"]


# --- the generated pages ---------------------------------------------------------------------

# Code blocks and display math, also indented (a finding box shows its corrected line as math).
FENCED = re.compile(r"^( *)(```|\$\$).*?^\1\2", re.M | re.S)
COMMENT = re.compile(r"^\[//\]: # \(.*\)$", re.M)
TABLE_CELL = re.compile(r"(?<!\\)\|")                      # a cell border, not an escaped \|
# The verification table's "detail" column holds the checker's notes on how a step was proved
# (derivations/proofs.py, steps.py): one text for both languages, in English, not catalogue prose.
UNCHECKED_COLUMN = catalogue("ja")["verification.col.detail"]
PAGES = sorted((ROOT / "docs").glob("*.md"))


def article_quotations() -> list:
    """The article's own words as the data files record them (titles, sections, class names,
    locations in the Japanese text) and as our English quotes them; longest first."""
    found = set(EN_QUOTES.values())
    for path in (ROOT / "data").glob("*.toml"):
        # As the pages show them: text from a data file is escaped for Markdown (render.plain).
        found.update(render.plain(text) for text in japanese_strings(tomllib.loads(path.read_text(encoding="utf-8"))))
    return sorted(found, key=len, reverse=True)


def japanese_strings(value) -> list:
    if isinstance(value, str):
        return [value] if JAPANESE.search(value) else []
    values = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return [found for inner in values for found in japanese_strings(inner)]


def japanese_outside_quotations(page_text: str) -> list:
    """The lines of an English page with Japanese left once code and quotations are out."""
    # Code is out: the "how to add" page shows a module with its Japanese prose.
    text = FENCED.sub(" ", page_text)
    for quotation in article_quotations():
        text = text.replace(quotation, " ")
    return [line for line in text.splitlines() if JAPANESE.search(line)]


@pytest.mark.parametrize("page", [p for p in PAGES if p.name.endswith(".en.md")], ids=lambda p: p.name)
def test_an_english_page_has_japanese_only_where_it_quotes_the_article(page):
    assert japanese_outside_quotations(page.read_text(encoding="utf-8")) == []


def prose_units(page_text: str) -> list:
    """Each line of a page, or each cell of a table row, outside code blocks and display math."""
    units, unchecked = [], None
    for line in COMMENT.sub("", FENCED.sub("", page_text)).splitlines():
        if not line.startswith("|"):
            units.append(line)
            unchecked = None       # a table ended
            continue
        cells = [cell.strip() for cell in TABLE_CELL.split(line.strip())[1:-1]]
        unchecked = cells.index(UNCHECKED_COLUMN) if UNCHECKED_COLUMN in cells else unchecked
        units += [cell for column, cell in enumerate(cells) if column != unchecked]
    return units


@pytest.mark.parametrize("page", [p for p in PAGES if not p.name.endswith(".en.md")], ids=lambda p: p.name)
def test_every_line_and_table_cell_of_a_japanese_page_has_japanese(page):
    assert [unit for unit in prose_units(page.read_text(encoding="utf-8")) if lacks_japanese(unit)] == []


# --- Japanese as a Japanese technical writer writes it ---------------------------------------
#
# Outside math and code, a Japanese page holds no run of three or more English words (a
# prover's note such as "solved for class 2" once showed there) except the names below, no
# half-width space between two Japanese words, and none of the translated-sounding terms the
# site has replaced: 印字 (記載 / 記事中の値), 連鎖 (式変形), 主張ファイル (検証用ファイル).

ENGLISH_RUN = re.compile(r"[A-Za-z][\w'-]*(?:[ ,]+[A-Za-z][\w'-]*){2,}")
# Proper names and titles that stay in English on a Japanese page.
ENGLISH_NAMES = ("Binary Cross Entropy", "Frank E. Harrell Jr.", "Thomas Cason", "Vanderbilt Biostatistics")
# Japanese letters and CJK punctuation (、。「」（）：), between which no half-width space belongs.
JAPANESE_OR_PUNCTUATION = "[\u3000-\u303f\u3040-\u30ff\u4e00-\u9fff\uff01-\uff60]"
STRAY_SPACE = re.compile(f"{JAPANESE_OR_PUNCTUATION} +{JAPANESE_OR_PUNCTUATION}")
REPLACED_TERMS = ("印字", "連鎖", "主張ファイル")
# The claims-file pages are written by hand elsewhere and are being revised on their own.
JAPANESE_PAGES = [p for p in PAGES if not p.name.endswith(".en.md")]
REVIEWED_PAGES = [p for p in JAPANESE_PAGES if not p.name.startswith("claims-file")]


def english_runs(unit: str) -> list:
    text = words(unit)
    for name in ENGLISH_NAMES:
        text = text.replace(name, " ")
    return ENGLISH_RUN.findall(MARKDOWN.sub(" ", text))


def stray_spaces(unit: str) -> list:
    # A link is read as its text ("[第2回](url)の" as "第2回の"); math, code and placeholders as
    # a Latin word, beside which a space is the usual style ("SymPy で", "\\(K\\) を").
    # The article's own words (a section heading in a data file) are quoted as printed.
    text = re.sub(r"\]\([^)]*\)", "", unit)
    for quotation in article_quotations():
        text = text.replace(quotation, "X")
    for pattern in NOT_WORDS:
        text = pattern.sub("X", text)
    return STRAY_SPACE.findall(re.sub(r"[*\[\]]", "", text))


def test_an_english_run_is_found_and_a_listed_name_or_math_is_not():
    assert english_runs("証明済み; solved for class 2") == ["solved for class"]
    assert english_runs("BCE（Binary Cross Entropy）と \\(\\log \\exp z = z\\) と `check --claims FILE`") == []


def test_a_stray_space_is_one_between_japanese_words_not_beside_latin_or_math():
    assert stray_spaces("記事の 6章 を読む、データ 2") == ["章 を"]
    assert stray_spaces("ラベルに データ番号") == ["に デ"]
    assert stray_spaces("SymPy で \\(K\\) を書く、[第2回](https://x)のサイコロ、前 | 次") == []
    assert stray_spaces("[第2回](https://x) のサイコロ") == ["回 の"]


@pytest.mark.parametrize("page", JAPANESE_PAGES, ids=lambda p: p.name)
def test_a_japanese_page_has_no_run_of_three_english_words_outside_math_and_code(page):
    units = prose_units_all_columns(page.read_text(encoding="utf-8"))
    assert [run for unit in units for run in english_runs(unit)] == []


@pytest.mark.parametrize("page", REVIEWED_PAGES, ids=lambda p: p.name)
def test_a_japanese_page_has_no_half_width_space_between_japanese_words(page):
    units = prose_units_all_columns(page.read_text(encoding="utf-8"))
    assert [space for unit in units for space in stray_spaces(unit)] == []


@pytest.mark.parametrize("page", REVIEWED_PAGES, ids=lambda p: p.name)
def test_a_japanese_page_uses_the_sites_terms_not_the_replaced_ones(page):
    text = page.read_text(encoding="utf-8")
    assert [term for term in REPLACED_TERMS if term in text] == []


def test_the_japanese_catalogue_uses_the_sites_terms_not_the_replaced_ones():
    assert [key for key, text in catalogue("ja").items() if any(term in text for term in REPLACED_TERMS)] == []


def prose_units_all_columns(page_text: str) -> list:
    """Each line or table cell outside code blocks and display math, every column included."""
    units = []
    for line in COMMENT.sub("", FENCED.sub("", page_text)).splitlines():
        units += [c.strip() for c in TABLE_CELL.split(line.strip())[1:-1]] if line.startswith("|") else [line]
    return units
