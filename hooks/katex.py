"""MkDocs hook: typeset every formula with KaTeX at build time, so pages need no JavaScript.

Owns the hook's part of the build: checking that Node and KaTeX are there (on_config),
publishing KaTeX's stylesheet and fonts (on_files), replacing arithmatex's
`<span|div class="arithmatex">\\(…\\)|\\[…\\]</…>` with KaTeX's HTML+MathML (on_page_context),
and ending the one Node process of the build (on_post_build, on_build_error, on_shutdown).

Formulas are typeset in on_page_context at low priority, that is after the search plugin has
indexed the page: the index keeps arithmatex's raw TeX instead of KaTeX's markup, whose
text would come out as duplicated fragments such as `E1E_{1}E1`. (Material's
`data-search-exclude` cannot hide KaTeX's nested spans: its parser matches elements by tag.)
"""
import html
import re
import shutil

from katex_assets import STYLESHEET, asset_files, require_katex
from katex_process import KatexError, KatexProcess, KatexProcessError
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

log = get_plugin_logger("katex")

ARITHMATEX = re.compile(r'<(?P<tag>span|div) class="arithmatex">(?P<body>.*?)</(?P=tag)>', re.S)
DELIMITERS = {("\\(", "\\)"), ("\\[", "\\]")}

_process: KatexProcess | None = None


def on_config(config):
    """Check the tools before any page is read, and link KaTeX's stylesheet on every page."""
    if shutil.which("node") is None:
        raise PluginError("Node.js ('node') is not on PATH: it is needed to typeset the math")
    require_katex()
    if STYLESHEET not in config.extra_css:
        config.extra_css.insert(0, STYLESHEET)
    return config


# After mkdocs-static-i18n (priority -100), which cannot handle files generated from content.
@event_priority(-200)
def on_files(files, config):
    for file in asset_files(config):
        files.append(file)
    return files


@event_priority(-50)  # after the search plugin's on_page_context has indexed the raw TeX
def on_page_context(context, page, config, nav):
    page.content = ARITHMATEX.sub(lambda match: _typeset(match, page.file.src_uri), page.content)
    return context


def _typeset(match: re.Match, src_uri: str) -> str:
    tag = match["tag"]
    tex = _tex(match["body"])
    try:
        typeset = _renderer().render(tex, display=(tag == "div"))
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


def _renderer() -> KatexProcess:
    """The build's Node process, started at the first formula (so math-free builds need none)."""
    global _process
    if _process is None:
        _process = KatexProcess(shutil.which("node") or "node")
    return _process


def _stop() -> None:
    global _process
    if _process is not None:
        process, _process = _process, None
        process.close()


def on_post_build(config):
    _stop()


def on_build_error(error):
    _stop()


def on_shutdown():
    _stop()
