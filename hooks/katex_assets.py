"""The KaTeX stylesheet and fonts that the site publishes, taken from node_modules at build time.

Owns where KaTeX's files are found (node_modules/katex/dist, installed by `npm ci` from the
pinned package-lock.json), which of them the site needs, and the URI they get in the site.
Nothing is copied into docs/ and nothing third-party is committed: the files are added to
the build as generated files.
"""
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

REPO = Path(__file__).resolve().parents[1]
KATEX_DIST = REPO / "node_modules" / "katex" / "dist"
SITE_DIR = "assets/katex"
STYLESHEET = f"{SITE_DIR}/katex.min.css"

# Every browser that can show this site reads woff2, so the woff/ttf fallbacks are dropped
# from the stylesheet rather than published: every url() in the site then resolves.
_FALLBACK_FONT = re.compile(r',\s*url\(fonts/[^)]+\.(?:woff|ttf)\)\s*format\("(?:woff|truetype)"\)')
_FONT_URL = re.compile(r"url\(([^)]*)\)")


def require_katex() -> None:
    """Fail early, with the fix, when node_modules has not been installed."""
    if not (KATEX_DIST / "katex.min.css").is_file():
        raise PluginError(f"KaTeX is not installed ({KATEX_DIST} is missing): run 'npm ci' first "
                          "(or './dev setup')")


def stylesheet_text() -> str:
    """katex.min.css with only its woff2 fonts; fails if KaTeX's CSS changed shape."""
    css = _FALLBACK_FONT.sub("", (KATEX_DIST / "katex.min.css").read_text(encoding="utf-8"))
    strays = [url for url in _FONT_URL.findall(css) if not url.endswith(".woff2")]
    if strays:
        raise PluginError(f"katex.min.css refers to files the site does not publish: {strays[:3]}")
    return css


def asset_files(config: MkDocsConfig) -> list[File]:
    """The stylesheet and every woff2 font it names, as generated files of the build."""
    files = [File.generated(config, STYLESHEET, content=stylesheet_text())]
    for font in sorted((KATEX_DIST / "fonts").glob("*.woff2")):
        files.append(File.generated(config, f"{SITE_DIR}/fonts/{font.name}", abs_src_path=str(font)))
    return files
