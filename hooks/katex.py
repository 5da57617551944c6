"""MkDocs hook: typeset every formula with KaTeX at build time, so pages need no JavaScript.

Owns the hook's part of the build: checking that Node and KaTeX are there (on_config),
publishing KaTeX's stylesheet and fonts (on_files), asking for each page's formulas as soon as
its Markdown is converted (on_page_content), replacing arithmatex's
`<span|div class="arithmatex">\\(…\\)|\\[…\\]</…>` with KaTeX's HTML+MathML (on_page_context),
and ending the build's one Node process with the outermost build (on_post_build,
on_build_error, on_shutdown): mkdocs-static-i18n runs each other language's build inside the
first one's on_post_build, so every language shares the process and the formulas it typeset
(hooks/katex_cache.py, with the measured gain). Must not let a process outlive the build, even
under `mkdocs serve`, which rebuilds with this same module: each rebuild starts afresh.

Formulas are typeset in on_page_context at low priority, that is after the search plugin has
indexed the page: the index keeps arithmatex's raw TeX instead of KaTeX's markup, whose
text would come out as duplicated fragments such as `E1E_{1}E1`. (Material's
`data-search-exclude` cannot hide KaTeX's nested spans: its parser matches elements by tag.)
"""
import html
import re
import shutil

from katex_assets import STYLESHEET, asset_files, require_katex
from katex_cache import FormulaCache
from katex_process import KatexError, KatexProcessError
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

log = get_plugin_logger("katex")

ARITHMATEX = re.compile(r'<(?P<tag>span|div) class="arithmatex">(?P<body>.*?)</(?P=tag)>', re.S)
DELIMITERS = {("\\(", "\\)"), ("\\[", "\\]")}

_formulas: FormulaCache | None = None
_depth = 0  # builds under way: 2 while mkdocs-static-i18n builds English inside the Japanese build


def on_config(config):
    """Check the tools before any page is read, and link KaTeX's stylesheet on every page."""
    if shutil.which("node") is None:
        raise PluginError("Node.js ('node') is not on PATH: it is needed to typeset the math")
    require_katex()
    if STYLESHEET not in config.extra_css:
        config.extra_css.insert(0, STYLESHEET)
    return config


def on_pre_build(config):
    global _depth
    _depth += 1


# After mkdocs-static-i18n (priority -100), which cannot handle files generated from content.
@event_priority(-200)
def on_files(files, config):
    for file in asset_files(config):
        files.append(file)
    return files


def on_page_content(html_text, page, config, files):
    """Ask for the page's formulas now: Node typesets them while the other pages are converted."""
    matches = ARITHMATEX.finditer(html_text)
    _cache().prefetch([(_tex(match["body"]), match["tag"] == "div") for match in matches])
    return html_text


@event_priority(-50)  # after the search plugin's on_page_context has indexed the raw TeX
def on_page_context(context, page, config, nav):
    page.content = ARITHMATEX.sub(lambda match: _typeset(match, page.file.src_uri), page.content)
    return context


def _typeset(match: re.Match, src_uri: str) -> str:
    tag = match["tag"]
    tex = _tex(match["body"])
    try:
        typeset = _cache().typeset(tex, display=(tag == "div"))
    except KatexError as error:
        raise PluginError(f"KaTeX cannot typeset a formula in {src_uri}:\n    {tex}\n  {error}") from None
    except KatexProcessError as error:
        raise PluginError(f"{src_uri}: {error}") from error
    for warning in typeset.warnings:
        # Debug only (`mkdocs build -v`): the complaints seen here are characters such as
        # ⚠ or Σ inside \text{}, which KaTeX still draws, with the browser's fallback font.
        log.debug(f"{src_uri}: KaTeX strict mode: {warning}, in the formula: {tex}")
    return f'<{tag} class="arithmatex">{typeset.html}</{tag}>'


def _tex(body: str) -> str:
    """The TeX inside arithmatex's wrapper: unescaped, without its \\( \\) or \\[ \\]."""
    tex = html.unescape(body).strip()
    if (tex[:2], tex[-2:]) in DELIMITERS:
        tex = tex[2:-2].strip()
    return tex  # a bare \begin{env}…\end{env} block is kept whole


def _cache() -> FormulaCache:
    """The build's formulas; its Node process starts at the first one (math-free builds need none)."""
    global _formulas
    if _formulas is None:
        _formulas = FormulaCache(shutil.which("node") or "node")
    return _formulas


def _stop() -> None:
    global _formulas, _depth
    _depth = 0
    if _formulas is not None:
        formulas, _formulas = _formulas, None
        formulas.close()


# After mkdocs-static-i18n's on_post_build (-100), which runs the other languages' builds.
@event_priority(-300)
def on_post_build(config):
    global _depth
    _depth -= 1
    if _depth <= 0:
        _stop()


def on_build_error(error):
    _stop()


def on_shutdown():
    _stop()
