"""The generated pages: in sync with what is committed, complete, linked, deterministic."""
import dataclasses
import math
import re
import tomllib

import pytest

from derivations import errata as errata_module
from derivations.claims import ERRATUM
from derivations.files import DOCS_DIR, stale_pages
from derivations.pages import (COMMAND, NOT_REBUILT, SITE_PAGES, WRITTEN_BY_HAND, build_pages, derivation_page,
                               errata_page, figure_specs, index_page, navigation)
from derivations.parts import all_parts
from derivations.render import Edition
from derivations.prose import catalogue
from derivations.numbers import rounded

PROSE = catalogue("ja")


@pytest.fixture(scope="module")
def pages(site):
    return build_pages(site)


def test_every_committed_page_is_what_the_build_generates(pages):
    stale = stale_pages(pages, DOCS_DIR)
    assert not stale, "stale pages; run `python -m derivations build`:\n" + "\n".join(stale.values())


def test_the_site_has_the_overview_a_page_per_part_and_its_own_pages_in_each_language(pages):
    names = ["index", *(part.slug for part in all_parts()), *SITE_PAGES]
    assert sorted(pages) == sorted([f"{n}.md" for n in names] + [f"{n}.en.md" for n in names])


def _formulas(page: str) -> list:
    """The math of each display line, without the prose reason and mark after `&&`, then of each
    chain line's two sides (HTML rows: derivations/render.py, chain_lines)."""
    # A block may be indented: a finding box (an admonition) shows its corrected line.
    blocks = re.findall(r"^ *\$\$\n(.*?)\n *\$\$", page, flags=re.S | re.M)
    sides = re.findall(r'<span class="chain-(?:lhs|rhs)"><span class="arithmatex">(.*?)</span>', page)
    return [line.strip().split(" && ")[0] for block in blocks for line in block.splitlines()] + sides


def _tags(page: str) -> list:
    """The equation numbers of a page in order: a display block's \\tag, a chain's tag cell."""
    return [a or b for a, b in re.findall(r'\\tag\{([^}]+)\}|<span class="chain-tag">\(([^<]+)\)</span>', page)]


def test_the_languages_share_every_formula_and_number(pages):
    assert len(_formulas(pages["derivation.md"])) > 40
    for name in ("derivation", "errata", "data"):
        japanese, english = pages[f"{name}.md"], pages[f"{name}.en.md"]
        assert _formulas(japanese) == _formulas(english)
        assert re.findall(r"-?\d+\.\d{4,}", japanese) == re.findall(r"-?\d+\.\d{4,}", english)


def test_every_page_says_on_its_first_line_that_it_is_generated_and_by_what(pages):
    for text in pages.values():
        first = text.splitlines()[0]
        assert "generated" in first and COMMAND in first


def test_the_equation_numbers_are_tagged_and_linkable(pages):
    derivation = pages["derivation.md"]
    for tag in ("5.2", "6.1", "6.2", "6.3"):
        assert tag in _tags(derivation)
        assert f'<a id="eq-{tag.replace(".", "-")}"></a>' in derivation


def test_the_equation_numbers_come_in_the_articles_order(pages):
    tags = _tags(pages["derivation.md"])
    assert tags == ["5.2", "6.1", "6.2", "6.3"]


def test_no_display_block_has_a_blank_line_or_two_tags(pages):
    for text in pages.values():
        for block in re.findall(r"^ *\$\$\n(.*?)\n *\$\$", text, flags=re.S | re.M):
            assert "\n\n" not in block
            assert block.count("\\tag") <= 1


def test_every_erratum_is_shown_next_to_its_chain_and_links_both_ways(verified, pages):
    derivation, errata = pages["derivation.md"], pages["errata.md"]
    for verdict in verified.verdicts:
        if verdict.status != ERRATUM:
            continue
        claim = verdict.claim
        assert f'<a id="finding-{claim.id}"></a>' in derivation
        assert f"(errata.md#erratum-{claim.id})" in derivation
        assert f"{{#erratum-{claim.id}}}" in errata
        # Back to the numbered line it concerns, or to the finding where it concerns the whole chain.
        target = f"step-{claim.chain}-{claim.step}" if claim.step else f"finding-{claim.id}"
        assert f"(derivation.md#{target})" in errata
        chain_at = derivation.index(f'<a id="chain-{claim.chain}"></a>')
        assert chain_at < derivation.index(f'<a id="finding-{claim.id}"></a>')


def test_the_errata_page_shows_printed_natural_and_base_10_values(verified, pages):
    errata = pages["errata.md"]
    e1 = next(v for v in verified.verdicts if v.claim.id == "E1")
    assert "-0.481486" in errata
    assert rounded(e1.computed[0], 6) in errata
    assert rounded(e1.base10[0], 6) in errata


def test_the_overview_counts_are_computed(site, pages):
    index = pages["index.md"]
    steps = sum(len(c.evidence) for c in site.checked())
    assert f"| {PROSE['index.count.steps']} | {steps} |" in index
    assert f"| {PROSE['index.count.chains']} | {len(site.checked())} |" in index
    assert f"| {PROSE['index.count.claims']} | {len(site.verdicts())} |" in index


def test_the_article_is_cited_by_url(verified, pages):
    for name in ("index.md", "derivation.md", "errata.md", "data.md"):
        assert verified.source.url in pages[name]


def test_the_data_page_shows_every_cell_as_printed(verified, pages):
    data = pages["data.md"]
    for row in verified.table.predictions:
        assert all(cell in data for cell in row)
    assert "0.30" in data  # the trailing zero survives: values are kept as printed strings


def test_a_parts_page_folds_the_marks_legend_under_its_title_and_the_home_page_shows_it_open(pages):
    for suffix, language in (("", "ja"), (".en", "en")):
        prose = catalogue(language)
        folded = f'??? info "{prose["marks.title"]}"\n\n    {prose["marks.legend"]}'
        assert folded in pages[f"stability{suffix}.md"] and folded in pages[f"derivation{suffix}.md"]
        assert f"\n\n{prose['marks.legend']}\n\n" in pages[f"index{suffix}.md"]


def test_the_data_page_shows_each_setting_a_data_file_gives_as_it_gives_it(pages):
    settings = tomllib.loads((DOCS_DIR.parent / "data" / "frameworks.toml").read_text(encoding="utf-8"))["settings"]
    for page, separator in (("data.md", "、"), ("data.en.md", ", ")):
        shown = [line.strip() for line in pages[page].splitlines() if line.strip().startswith("- `")]
        assert f"- `class_weights` = {separator.join(settings['class_weights'])}" in shown, shown
        assert f"- `label_smoothing` = {settings['label_smoothing']}" in shown, shown


@pytest.mark.parametrize("name", ["claims-file", "adding"])
def test_the_overview_names_each_hand_written_page_by_its_own_title(name):
    for language, suffix in (("ja", ""), ("en", ".en")):
        first_line = (DOCS_DIR / f"{name}{suffix}.md").read_text(encoding="utf-8").splitlines()[0]
        assert first_line == f"# {catalogue(language)['title.' + name]}"


def test_each_part_links_to_the_parts_before_and_after_it(site, pages):
    slugs = [v.part.slug for v in site.parts]
    for before, after in zip(slugs, slugs[1:]):
        assert f"]({after}.md) →" in pages[f"{before}.md"]
        assert "← [" in pages[f"{after}.md"] and f"]({before}.md)" in pages[f"{after}.md"]


def test_english_pages_say_where_in_english_with_the_articles_own_words_beside(site, pages):
    english, japanese = pages["errata.en.md"], pages["errata.md"]
    for verdict in site.verdicts():
        claim = verdict.claim
        assert f"{claim.location_en} (in the Japanese text: {claim.location})" in english
        assert claim.location in japanese and claim.location_en not in japanese
    formula = next(v for v in site.formulas if v.equation == "7章")
    assert f"({formula.equation_en})" in english and formula.equation_en == "chapter 7"
    assert "(7章)" in japanese and "(7章)" not in english


def test_a_printed_formula_names_the_part_its_entry_names_and_links_its_url(site):
    page = errata_page(site, Edition("en", catalogue("en")))
    assert "[part 6 of the series](https://blog.qualiteg.com/cross-entropy-06) (chapter 7)" in page
    elsewhere = dataclasses.replace(site.formulas[0], url="https://example.org/another-article", part=0)
    page = errata_page(dataclasses.replace(site, formulas=(elsewhere,)), Edition("en", catalogue("en")))
    assert "[https://example.org/another-article](https://example.org/another-article)" in page


def test_a_part_that_reuses_another_parts_url_relabels_no_printed_formula(site):
    """The url is a link, not an identity: a part 98 citing part 4's article leaves part 4's formulas alone."""
    part4 = next(v for v in site.parts if v.part.number == 4)
    copy = dataclasses.replace(part4, part=dataclasses.replace(part4.part, number=98, slug="copy"))
    english = Edition("en", catalogue("en"))
    page = errata_page(dataclasses.replace(site, parts=site.parts + (copy,)), english)
    assert page == errata_page(site, english)
    assert "part 98" not in page


def test_the_lead_cites_the_article_by_the_title_its_data_file_gives(verified):
    with open(DOCS_DIR.parent / "data" / verified.part.data_file, "rb") as stream:
        title = tomllib.load(stream)["source"]["title"]
    page = derivation_page(verified, Edition("en", catalogue("en")))
    assert f"[{title.replace('[', chr(92) + '[').replace(']', chr(92) + ']')}](" in page


def test_a_tag_that_is_free_text_is_tagged_anchored_and_listed_on_the_overview(site):
    part = site.parts[0]
    chain = next(item for s in part.derivation.sections for item in s.items if getattr(item, "tag", None))
    section = dataclasses.replace(part.derivation.sections[0], items=(dataclasses.replace(chain, tag="KL", uses=()),))
    relabelled = dataclasses.replace(part, derivation=dataclasses.replace(part.derivation, sections=(section,)),
                                     checked=tuple(dataclasses.replace(c, chain=dataclasses.replace(c.chain, tag="KL", uses=()))
                                                   for c in part.checked if c.chain.id == chain.id))
    english = Edition("en", catalogue("en"))
    changed = dataclasses.replace(site, parts=(relabelled, *site.parts[1:]))
    assert '<a id="eq-KL"></a>' in derivation_page(relabelled, english) and "KL" in _tags(derivation_page(relabelled, english))
    assert f"- [(KL)]({part.part.slug}.md#eq-KL)" in index_page(changed, english)


def test_every_picture_a_section_shows_is_drawn_and_shown_in_both_languages(site, pages):
    shown = [(v.part.slug, s.figure) for v in site.parts for s in v.derivation.sections if s.figure]
    assert shown, "the worked example shows its pictures"
    for slug, figure in shown:
        for language, page in (("ja", f"{slug}.md"), ("en", f"{slug}.en.md")):
            assert f"figures/{figure}-{language}.svg" in figure_specs(site)
            assert f"](figures/{figure}-{language}.svg)" in pages[page]


def test_the_generated_notice_is_an_html_comment_at_the_end_not_text_for_readers(pages):
    for name, text in pages.items():
        last = text.rstrip("\n").splitlines()[-1]
        assert last.startswith("<!-- ") and last.endswith(" -->") and COMMAND in last, name
        assert last.count("--") == 2, name      # a "--" inside would end the comment early
        assert text.count(COMMAND) == 2, name   # the first line's and the comment's, nowhere shown


def _nav(site) -> list:
    """mkdocs.nav.yml as (depth, entry) pairs, the entry without its "- "."""
    lines = [line for line in navigation(site).splitlines()[2:]]
    return [((len(line) - len(line.lstrip())) // 2, line.strip()[2:]) for line in lines]


def test_the_navigation_puts_the_series_and_the_errata_first_then_the_parts_past_it_and_the_tool_pages_apart(site):
    nav = _nav(site)
    top = [entry for depth, entry in nav if depth == 1]
    assert top == [f'"{PROSE["nav.home"]}": index.md', f'"{PROSE["nav.series"]}":', "errata.md",
                   f'"{PROSE["nav.beyond"]}":', f'"{PROSE["nav.tools"]}":']
    beyond_at, tools_at = nav.index((1, f'"{PROSE["nav.beyond"]}":')), nav.index((1, f'"{PROSE["nav.tools"]}":'))
    past = sorted((part for part in all_parts() if part.past_the_series), key=lambda part: part.number)
    assert [entry for _, entry in nav[beyond_at + 1:tools_at]] == [f"{part.slug}.md" for part in past] and past
    tools_at = nav.index((1, f'"{PROSE["nav.tools"]}":'))
    tools = [entry for _, entry in nav[tools_at + 1:]]
    assert tools == [f"{name}.md" for name in (*SITE_PAGES, *WRITTEN_BY_HAND) if name != "errata"]


def test_the_series_lists_every_part_in_order_with_the_parts_not_rebuilt_linked_to_the_article(site):
    nav = _nav(site)
    series = [entry for depth, entry in nav[2:nav.index((1, "errata.md"))]]
    numbers = {f"{part.slug}.md": part.number for part in all_parts() if not part.past_the_series}
    for number, url in NOT_REBUILT:
        label = PROSE["nav.not-rebuilt"].replace("${part}", str(number))
        numbers[f'"{label}": {url}'] = number
    assert series == sorted(numbers, key=numbers.get)
    assert [2] == [number for number, _ in NOT_REBUILT]    # part 2: its equations are not available


def test_the_page_after_the_part_not_rebuilt_says_why_in_both_languages():
    likelihood = next(part for part in all_parts() if part.number == 3)
    assert "組み立て直していません" in likelihood.prose["ja"]["likelihood.lead"]
    assert "not rebuilt" in likelihood.prose["en"]["likelihood.lead"]


def test_every_errata_link_to_a_line_lands_on_a_numbered_line_whose_warning_links_back(pages):
    links = re.findall(r"^### (\S+) \{#erratum-\1\}.*?\]\((\S+?)\.md#(step-\S+?)\)", pages["errata.md"], re.M | re.S)
    assert len(links) >= 4
    for erratum, page, line in links:
        numbered = re.search(rf'^<div class="chain-line"><span class="chain-number" id="{line}">.*$', pages[f"{page}.md"], re.M)
        assert numbered, line
        assert f'#erratum-{erratum}"' in numbered.group(), (erratum, line)


def test_the_overview_counts_the_findings_of_each_severity(site, pages):
    counts = errata_module.severity_counts(site)
    findings = [v for v in site.verdicts() if v.status == ERRATUM] + [v for v in site.formulas if v.status == ERRATUM]
    assert counts["error"] + counts["nit"] >= len(findings) and counts["convention"] >= 5
    for level, count in counts.items():
        assert f"| {PROSE['index.count.' + level]} | {count} |" in pages["index.md"]


def _finding_box(page: str, claim_id: str) -> str:
    start = page.index(f'<a id="finding-{claim_id}"></a>')
    end = page.find("<a id=", start + 1)
    return page[start:end if end > 0 else None]


@pytest.mark.parametrize("name", ["derivation.md", "derivation.en.md"])
def test_a_finding_box_leads_with_the_corrected_text_of_its_erratum(pages, name):
    # Hand values: E_1 = -ln 0.33 to the six decimals the article printed; E_4, not E_2, in the heading.
    box = _finding_box(pages[name], "E1")
    assert f"    {{}} = - \\log 0.33 = {-math.log(0.33):.6f}\n" in box
    assert box.index("$$") < box.index("    - ")  # before the facts
    assert r"\(E_{4}\)" in _finding_box(pages[name], "E4-heading").split("    - ")[0]


@pytest.mark.parametrize("suffix", ["", ".en"])
def test_a_finding_box_shows_the_same_corrected_text_as_the_errata_entry(pages, suffix):
    derivation, errata = pages[f"derivation{suffix}.md"], pages[f"errata{suffix}.md"]
    for claim_id in ("E1", "E2", "E3", "E4", "E1-vector", "E4-heading", "index-pair"):
        entry = errata.split(f"{{#erratum-{claim_id}}}\n\n", 1)[1].split("\n\n- **", 1)[0]
        box = "\n".join(line.removeprefix("    ") for line in _finding_box(derivation, claim_id).splitlines())
        assert entry in box, claim_id
