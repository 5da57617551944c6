"""The built site: a strict build, math typeset at build time, nothing loaded from off the site,
a search index without KaTeX markup or LaTeX source (with synonyms, one per language), working
equation and heading anchors, and the hooks behind them.

The real site (whatever pages docs/ holds) is built once per session with `mkdocs build
--strict`, in a subprocess as `./dev build` would run it, into a temporary folder: never into
the repository. The build needs node_modules (`npm ci`); `./dev test` installs it.
"""
import html
import importlib
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import unquote, urlsplit

import pytest

from mkdocs.exceptions import PluginError

from derivations.parts import all_parts
from derivations.verify import FORMULAS_FILE
from project_support import copy_of_the_site

ROOT = Path(__file__).resolve().parents[1]
HOOKS = ROOT / "hooks"


def _reader_links() -> set:
    """The addresses the parts and the data cite: every part's url and each address its prose
    links, and the url of each data file's [source] and of each printed formula. Readers may
    follow them; nothing is ever loaded from them."""
    links = {part.url for part in all_parts()}
    links |= {url for part in all_parts() for texts in part.prose.values() for text in texts.values()
              for url in re.findall(r"\]\((https?://[^)\s]+)\)", text)}
    for name in [part.data_file for part in all_parts() if part.data_file] + [FORMULAS_FILE]:
        with open(ROOT / "data" / name, "rb") as stream:
            document = tomllib.load(stream)
        links |= {document["source"]["url"]} if "source" in document else set()
        links |= {formula["url"] for formula in document.get("formulas", [])}
    return links


READER_LINKS = _reader_links()
URL_ATTRIBUTES = {"src", "href", "srcset", "poster", "data", "action", "formaction", "xlink:href"}
CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+['"]([^'"]+)['"]""")
# Markup or CSS inside script strings; what scripts fetch at run time is for the browser tests.
JS_URL = re.compile(r"""(?:\b(?:src|href)\s*=\s*\\?["']|url\(\s*\\?["']?)((?:https?:)?//[^"'\\)\s]+)""")


def mkdocs_build(config: Path, site_dir: Path, site_url: str | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build --strict`; with SITE_URL set to `site_url`, or unset (a plain build)."""
    env = {name: value for name, value in os.environ.items() if name != "SITE_URL"}
    env.update({"NO_MKDOCS_2_WARNING": "1", **({"SITE_URL": site_url} if site_url else {})})
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)]
    return subprocess.run(command, cwd=config.parent, env=env, capture_output=True, text=True, timeout=600)


@dataclass(frozen=True)
class Built:
    site: Path
    log: str

    def files(self, *suffixes: str) -> list:
        return sorted(p for p in self.site.rglob("*") if p.suffix in suffixes and p.is_file())

    def pages(self) -> list:
        return [p for p in self.files(".html") if p.name != "404.html"]


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Built:
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT / "mkdocs.yml", site)
    log = result.stdout + result.stderr
    assert result.returncode == 0, f"mkdocs build --strict failed (did './dev setup' run?):\n{log}"
    return Built(site, log)


@pytest.fixture(scope="session")
def site_url() -> str | None:
    from mkdocs.config import load_config
    return load_config(str(ROOT / "mkdocs.yml")).site_url


class Markup(HTMLParser):
    """What one HTML page refers to (tag, attribute, URL), its ids, and its visible text."""

    HIDDEN = {"script", "style", "pre", "code", "annotation", "textarea"}

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.refs, self.ids, self.visible, self._open = [], set(), [], []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self._open.append(tag)
        for name, value in attrs:
            self._attribute(tag, name, value or "", dict(attrs).get("rel") or "")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)

    def _attribute(self, tag, name, value, rel):
        if name in ("id", "name") and (name == "id" or tag == "a"):
            self.ids.add(value)
        elif name in URL_ATTRIBUTES:
            urls = [part.split()[0] for part in value.split(",") if part.strip()] if name == "srcset" else [value]
            self.refs += [(tag, name, url, rel) for url in urls]
        elif name == "style":
            self.refs += [(tag, "style", url, rel) for url in css_urls(value)]

    def handle_endtag(self, tag):
        if tag in self._open:
            del self._open[len(self._open) - 1 - self._open[::-1].index(tag):]

    def handle_data(self, data):
        if self._open and self._open[-1] == "style":
            self.refs += [("style", "css", url, "") for url in css_urls(data)]
        if not self.HIDDEN.intersection(self._open):
            self.visible.append(data)


def css_urls(css: str) -> list:
    return [m[2] or m[3] for m in CSS_URL.finditer(css)]


def markup(path: Path) -> Markup:
    return Markup(path.read_text(encoding="utf-8"))


def is_off_site(url: str, site_url: str | None) -> bool:
    """An absolute or protocol-relative URL that does not point into the site itself."""
    parts = urlsplit(url)
    leaves = parts.scheme in ("http", "https") or (not parts.scheme and url.startswith("//"))
    return leaves and not (site_url and url.startswith(site_url))


def local_target(source: Path, url: str, site: Path) -> Path | None:
    """The built file a same-site URL points to, or None for other kinds of URL."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    target = Path(os.path.normpath(site / path.lstrip("/") if path.startswith("/") else source.parent / path))
    return target / "index.html" if target.is_dir() else target


# --- the build -----------------------------------------------------------------------------


def test_the_site_builds_strict_into_a_temporary_folder(built):
    assert (built.site / "index.html").is_file()
    assert (built.site / "search" / "search_index.json").is_file()
    assert "WARNING" not in built.log


def test_the_build_publishes_katex_css_and_woff2_fonts_from_node_modules(built):
    katex = built.site / "assets" / "katex"
    assert (katex / "katex.min.css").is_file()
    assert sorted(p.suffix for p in (katex / "fonts").iterdir()) == [".woff2"] * 20
    assert not (ROOT / "docs" / "assets" / "katex").exists(), "KaTeX must not be copied into docs/"


# --- math ----------------------------------------------------------------------------------


def test_math_is_typeset_at_build_time(built):
    pages = {page: page.read_text(encoding="utf-8") for page in built.pages()}
    typeset = [page for page, text in pages.items() if 'class="katex"' in text]
    assert typeset, "no page holds KaTeX output"
    for page in typeset:
        assert "<math" in pages[page], f"{page}: KaTeX output without MathML"
    for page, text in pages.items():
        visible = "".join(Markup(text).visible)
        for raw in ("\\(", "\\[", "$$"):
            assert raw not in visible, f"{page.relative_to(built.site)}: raw math {raw!r} left in the page"


def test_pages_load_no_katex_javascript(built):
    assert not list((built.site / "assets" / "katex").rglob("*.js"))
    for page in built.pages():
        scripts = [url for tag, _, url, _ in markup(page).refs if tag == "script"]
        assert not [url for url in scripts if "katex" in url.lower()], page


def test_every_page_links_the_katex_stylesheet(built):
    for page in built.pages():
        sheets = [url for tag, _, url, rel in markup(page).refs if tag == "link" and "stylesheet" in rel]
        assert any(url.endswith("assets/katex/katex.min.css") for url in sheets), page


def test_a_formula_katex_cannot_parse_fails_the_build_naming_the_page(tmp_path):
    project = copy_of_the_site(tmp_path / "project")
    (project / "docs" / "broken.md").write_text("# 壊れた式\n\n$$\\frac{1}{$$\n", encoding="utf-8")
    result = mkdocs_build(project / "mkdocs.yml", tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "broken.md" in output and "\\frac{1}{" in output, output
    assert "KaTeX parse error" in output, output


# --- links and references ------------------------------------------------------------------


def test_built_html_references_nothing_outside_the_site(built, site_url):
    leaks = []
    for page in built.files(".html"):
        for tag, attribute, url, _ in markup(page).refs:
            reader_link = tag == "a" and attribute == "href" and url in READER_LINKS
            if is_off_site(url, site_url) and not reader_link:
                leaks.append(f"{page.relative_to(built.site)}: <{tag} {attribute}={url}>")
    for sheet in built.files(".css"):
        leaks += [f"{sheet.relative_to(built.site)}: {url}" for url in css_urls(sheet.read_text(encoding="utf-8"))
                  if is_off_site(url, site_url)]
    for script in built.files(".js"):
        leaks += [f"{script.relative_to(built.site)}: {url}" for url in JS_URL.findall(script.read_text(encoding="utf-8"))]
    assert not leaks, "\n".join(leaks)


def test_stylesheets_scripts_images_and_fonts_resolve_inside_the_site(built):
    missing = []
    for page in built.files(".html"):
        for tag, _, url, _ in markup(page).refs:
            target = local_target(page, url, built.site) if tag != "a" else None
            if target is not None and not target.exists():
                missing.append(f"{page.relative_to(built.site)}: {url}")
    for sheet in built.files(".css"):
        for url in css_urls(sheet.read_text(encoding="utf-8")):
            target = local_target(sheet, url, built.site)
            if target is not None and not target.exists():
                missing.append(f"{sheet.relative_to(built.site)}: {url}")
    assert not missing, "\n".join(missing)


def test_links_to_anchors_such_as_equations_land_on_an_existing_id(built):
    ids = {page: markup(page).ids for page in built.pages()}
    broken = []
    for page in built.pages():
        for tag, _, url, _ in markup(page).refs:
            target = local_target(page, url, built.site) if tag == "a" else None
            fragment = unquote(urlsplit(url).fragment)
            if target is not None and fragment and fragment not in ids.get(target, set()):
                broken.append(f"{page.relative_to(built.site)}: {url}")
    assert not broken, "\n".join(broken)


def test_equation_anchors_sit_just_before_their_display_math(built):
    anchored = re.compile(r'<a id="(eq-[^"]+)"></a></p>\s*<div class="arithmatex">')
    found = [m[1] for page in built.pages() for m in anchored.finditer(page.read_text(encoding="utf-8"))]
    if not any("eq-" in page.read_text(encoding="utf-8") for page in built.pages()):
        pytest.skip("no page has equation anchors yet")
    assert found, 'no <a id="eq-…"></a> directly before a display formula'


# --- search --------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def search_text(built) -> str:
    index = json.loads((built.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return html.unescape(" ".join(doc["title"] + " " + doc["text"] for doc in index["docs"]))


def test_search_index_holds_no_katex_markup(search_text):
    assert "katex" not in search_text.lower()
    # KaTeX's HTML puts zero-width spaces in its layout boxes; indexed, they mark its text soup.
    assert "\u200b" not in search_text
    assert "<span" not in search_text and "<math" not in search_text and "aria-hidden" not in search_text


def search_index(built, locale: str = "") -> dict:
    return json.loads((built.site / locale / "search" / "search_index.json").read_text(encoding="utf-8"))


def without_code(text: str) -> str:
    # Code may name a TeX command on purpose (the "adding" page shows `\tag{…}`), as the page does.
    return re.sub(r"<(pre|code)>.*?</\1>", " ", text, flags=re.S)


@pytest.mark.parametrize("locale", ["", "en"])
def test_no_search_entry_shows_latex_source_its_formulas_are_plain_text_or_left_out(built, locale):
    entries = search_index(built, locale)["docs"]
    tex = [(e["location"], m[0]) for e in entries
           for m in [re.search(r".{0,30}\\[A-Za-z()\[\]].{0,30}", without_code(e["title"] + " " + e["text"]))] if m]
    assert not tex, tex
    text = " ".join(e["text"] for e in entries)
    assert "E_sum" in text and "t_k" in text, "short inline formulas are kept, as plain text"


def test_a_formula_becomes_plain_text_or_nothing(hooks):
    formula_text = hooks("search_index").formula_text
    assert formula_text(r"E_i = -\sum_k t_{ik} \log y_{ik}") == "E_i = −Σ t_ik log y_ik"
    assert formula_text(r"\frac{1}{2} \times 10^{-d}") == "1/2 × 10^−d"
    assert formula_text(r"\boldsymbol{t}_{i}") == "t_i"
    assert formula_text(r"\mathcal{L}") is None
    assert formula_text("x + " * 20 + "x") is None


@pytest.mark.parametrize("locale, own, other", [("", "derivation/", "en/derivation/"),
                                                ("en", "derivation/", "../derivation/")])
def test_each_language_fetches_its_own_search_index_where_the_other_language_is_boosted_down(
        built, locale, own, other):
    docs = {e["location"]: e for e in search_index(built, locale)["docs"]}
    assert docs[own].get("boost", 1) == 1 and 0 < docs[other]["boost"] < 0.01
    page = (built.site / locale / "derivation" / "index.html").read_text(encoding="utf-8")
    base = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', page, re.S)[1])["base"]
    assert base == ("../../en/" if locale else ".."), "Material fetches search/search_index.json from `base`"


def test_a_term_named_only_inside_code_earns_no_synonyms(hooks):
    keywords = hooks("search_index").keywords
    assert keywords("Claims file", "as Keras's <code>categorical_crossentropy</code> does") == ""
    assert "カテゴリカル" in keywords("Part 5", "the categorical cross-entropy, <code>x</code>").split()


@pytest.mark.parametrize("locale", ["", "en"])
def test_the_index_holds_the_synonyms_readers_type_but_the_pages_do_not_show_them(built, locale):
    docs = search_index(built, locale)["docs"]
    assert search_index(built, locale)["config"]["fields"]["keywords"] == {"boost": 1000.0}
    words = " ".join(e.get("keywords", "") for e in docs if e["location"].startswith("derivation/"))
    for synonym in ("ワンホット", "one-hot", "クロスエントロピー", "交差エントロピー", "カテゴリカル", "categorical"):
        assert synonym in words, synonym
    shown = " ".join(" ".join(markup(page).visible) for page in built.pages())
    assert "ワンホット" not in shown and "カテゴリカル" not in shown


def test_japanese_headings_get_readable_anchors_and_explicit_anchors_stay(built):
    ids = markup(built.site / "derivation" / "index.html").ids
    assert "出発点1件の交差エントロピー" in ids and not [i for i in ids if re.fullmatch(r"_\d+|\d+", i)]
    assert {"eq-6-3", "chain-sample-1"} <= ids


def test_search_index_holds_the_japanese_titles_of_the_pages(built, search_text):
    titles = [html.unescape(re.sub(r"<[^>]+>", "", m[1])).strip() for page in built.pages()
              for m in [re.search(r"<h1[^>]*>(.*?)</h1>", page.read_text(encoding="utf-8"), re.S)] if m]
    assert any(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", title) for title in titles)
    for title in titles:
        assert title.replace("¶", "").strip() in search_text, title


# --- the hooks, in process -----------------------------------------------------------------


@pytest.fixture
def hooks(monkeypatch):
    """Imports hook modules by name, as mkdocs does (hooks/ on sys.path)."""
    monkeypatch.syspath_prepend(str(HOOKS))
    return importlib.import_module


def test_a_missing_katex_install_asks_for_npm_ci(hooks, monkeypatch, tmp_path):
    assets = hooks("katex_assets")
    monkeypatch.setattr(assets, "KATEX_DIST", tmp_path / "node_modules" / "katex" / "dist")
    with pytest.raises(PluginError, match="run 'npm ci' first"):
        assets.require_katex()


def test_the_renderer_answers_each_formula_and_ends_when_closed(hooks):
    process_module = hooks("katex_process")
    renderer = process_module.KatexProcess(shutil.which("node"))
    try:
        assert "<math" in renderer.render("E_{1}", display=False).html
        assert 'class="katex-display"' in renderer.render(r"E \tag{6.1}", display=True).html
        with pytest.raises(process_module.KatexError, match="KaTeX parse error"):
            renderer.render(r"\frac{1}{", display=True)
        assert "<math" in renderer.render("y_{k}", display=False).html  # still in step after an error
    finally:
        assert renderer.close() == 0


def test_each_build_starts_one_renderer_for_both_languages_and_leaves_none_running(hooks, monkeypatch, tmp_path):
    process_module = hooks("katex_process")
    started = []
    original = process_module.KatexProcess.__init__

    def counting(self, node):
        original(self, node)
        started.append(self.pid)
    monkeypatch.setattr(process_module.KatexProcess, "__init__", counting)
    for rebuild in range(2):  # like two rebuilds of `mkdocs serve`
        build_in_process(tmp_path / f"site{rebuild}")
    # mkdocs-static-i18n builds each language as a build of its own inside the first; one
    # renderer serves them all and is closed when the outermost build ends.
    assert len(started) == 2
    assert not [pid for pid in started if Path(f"/proc/{pid}").exists()]


def build_in_process(site_dir: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def _generator_runs(regenerate, monkeypatch, exit_code: int = 0, stderr: str = "") -> list:
    """Each run of the page generator the hook starts, as (command, folder); none really runs."""
    runs = []

    def run(command, cwd, **options):
        runs.append((command, Path(cwd)))
        return subprocess.CompletedProcess(command, exit_code, "wrote docs/errata.md\n", stderr)
    monkeypatch.setattr(regenerate.subprocess, "run", run)
    return runs


def test_pages_are_regenerated_before_each_build_only_under_serve(hooks, monkeypatch, tmp_path):
    regenerate = hooks("regenerate")
    runs = _generator_runs(regenerate, monkeypatch)
    config = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"))
    regenerate.on_startup(command="build", dirty=False)
    regenerate.on_pre_build(config=config)
    assert runs == []
    regenerate.on_startup(command="serve", dirty=False)
    regenerate.on_pre_build(config=config)
    # A fresh process of this interpreter, in the project folder: edited modules are read anew.
    assert runs == [([sys.executable, "-m", "derivations", "build"], tmp_path)]


def test_a_failing_regeneration_fails_the_serve_build_with_the_generators_message(hooks, monkeypatch, tmp_path):
    regenerate = hooks("regenerate")
    _generator_runs(regenerate, monkeypatch, 3, "error: chain 'sample-1', step 2 (expand-k): does not hold\n")
    regenerate.on_startup(command="serve", dirty=False)
    with pytest.raises(PluginError, match=r"exited with 3:\nerror: chain 'sample-1', step 2"):
        regenerate.on_pre_build(config=SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml")))


LOCAL_ADDRESSES = ("127.0.0.1", "localhost", "0.0.0.0", "[::1]", "None./")


def _published_text(site: Path) -> dict:
    """Every page, sitemap and search index of a built site, by path."""
    kinds = ("*.html", "*.xml", "*.json")
    return {path: path.read_text(encoding="utf-8") for kind in kinds for path in site.rglob(kind)}


def test_a_plain_build_names_no_local_or_made_up_address(built, site_url):
    assert site_url is None, "mkdocs.yml must take site_url from SITE_URL only"
    named = sorted(f"{path.relative_to(built.site)}: {address}" for path, text in _published_text(built.site).items()
                   for address in LOCAL_ADDRESSES if address in text)
    assert named == []
    assert "<loc>" not in (built.site / "sitemap.xml").read_text(encoding="utf-8")
    assert 'rel="canonical"' not in (built.site / "index.html").read_text(encoding="utf-8")


def test_a_build_for_publication_links_every_page_to_its_published_address(tmp_path):
    published = "https://example.org/cross-entropy/"
    result = mkdocs_build(ROOT / "mkdocs.yml", tmp_path, site_url=published)
    assert result.returncode == 0, result.stderr
    home = (tmp_path / "en" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{published}en/">' in home
    sitemap = (tmp_path / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{published}en/errata/</loc>" in sitemap
    assert not any(address in sitemap for address in LOCAL_ADDRESSES)


# --- one title, and the navigation in both languages -----------------------------------------

def _i18n_languages() -> dict:
    from mkdocs.config import load_config
    plugin = load_config(str(ROOT / "mkdocs.yml")).plugins["i18n"].config
    return {language.locale: language for language in plugin.languages}


def test_the_header_title_is_the_home_pages_heading_in_each_language():
    from mkdocs.config import load_config
    from derivations.prose import catalogue
    languages = _i18n_languages()
    assert load_config(str(ROOT / "mkdocs.yml")).site_name == catalogue("ja")["title.index"]
    assert languages["en"].site_name == catalogue("en")["title.index"]


def test_every_navigation_label_has_its_english_in_the_translations():
    from derivations.pages import NOT_REBUILT
    from derivations.prose import catalogue
    from derivations.render import say
    ja, en = catalogue("ja"), catalogue("en")
    expected = {ja[key]: en[key] for key in ("nav.home", "nav.series", "nav.beyond", "nav.tools")}
    expected.update({say(ja, "nav.not-rebuilt", part=n): say(en, "nav.not-rebuilt", part=n) for n, _ in NOT_REBUILT})
    assert _i18n_languages()["en"].nav_translations == expected


def test_no_page_shows_readers_the_generated_notice(built):
    from derivations.prose import catalogue
    notices = [catalogue(language)["generated"].split("`")[-1].strip() for language in ("ja", "en")]
    shown = [page for page in built.pages() if any(n in "".join(markup(page).visible) for n in notices)]
    assert shown == []
