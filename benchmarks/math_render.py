"""Benchmark: the same site with math typeset at build time (ours) vs in the browser.

Owns one comparison, run in one go: `mkdocs build` wall time (median of a few builds) and the
bytes each page costs (HTML, raw and gzip) for
  ssr     the site as configured (hooks/katex.py: KaTeX HTML+MathML in the pages), and
  client  the same pages with the KaTeX hook swapped for client-side KaTeX (katex.min.js +
          auto-render, published from node_modules the same way), math left as raw TeX.
Both need the same KaTeX stylesheet and fonts; the client also loads KaTeX's JavaScript.
It also reports the JavaScript a page loads beyond what every page loads (the part-5 page's
calculator: its generated arithmetic and its glue; goal: at most 10 KB gzip, none elsewhere).
Everything else (the other hooks, the language switch's script) is the site's own, read from
mkdocs.yml, so the two variants differ only in where the math is typeset. Nothing is written
outside a temporary folder. Run: .venv/bin/python benchmarks/math_render.py [--runs 3] [--quick]
(--quick: one build per variant, as the test suite runs it to keep the script working).
"""
import argparse
import gzip
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from mkdocs.utils.yaml import yaml_load

ROOT = Path(__file__).resolve().parents[1]
KATEX_DIST = ROOT / "node_modules" / "katex" / "dist"
SSR_HOOK = "hooks/katex.py"
SCRIPT_SOURCE = re.compile(r'<script\b[^>]*\bsrc="([^"]+)"')  # a benchmark reading our own pages
CALCULATOR_GOAL_KB = 10  # gzip, on the one page that loads it
CLIENT_SCRIPTS = ["assets/katex/katex.min.js", "assets/katex/contrib/auto-render.min.js",
                  "javascripts/katex-init.js"]

# The client-side variant: the stylesheet and fonts as the real hook publishes them, plus
# KaTeX's scripts, and the theme-documented init that re-renders on each instant page.
CLIENT_HOOK = """
import sys
sys.path.insert(0, {hooks!r})
from katex_assets import KATEX_DIST, STYLESHEET, asset_files
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

def on_config(config):
    config.extra_css.insert(0, STYLESHEET)
    return config

# Like hooks/katex.py: after mkdocs-static-i18n's on_files (-100), which cannot take generated files.
@event_priority(-200)
def on_files(files, config):
    for file in asset_files(config):
        files.append(file)
    for name in ("katex.min.js", "contrib/auto-render.min.js"):
        files.append(File.generated(config, "assets/katex/" + name, abs_src_path=str(KATEX_DIST / name)))
    return files
"""
CLIENT_INIT = r"""document$.subscribe(({ body }) => renderMathInElement(body, {
  delimiters: [{ left: "\\(", right: "\\)", display: false }, { left: "\\[", right: "\\]", display: true }],
  strict: "ignore",
}))
"""


def client_project(folder: Path) -> Path:
    """A copy of the site whose config inherits ours but swaps the KaTeX hook."""
    shutil.copytree(ROOT / "docs", folder / "docs")
    for name in ("derivations", "data"):
        (folder / name).symlink_to(ROOT / name, target_is_directory=True)
    (folder / "client_katex.py").write_text(CLIENT_HOOK.format(hooks=str(ROOT / "hooks")), encoding="utf-8")
    # docs/javascripts already holds the site's own scripts (the language switch).
    (folder / "docs" / "javascripts").mkdir(exist_ok=True)
    (folder / "docs" / "javascripts" / "katex-init.js").write_text(CLIENT_INIT, encoding="utf-8")
    (folder / "mkdocs.yml").write_text(client_config(), encoding="utf-8")
    return folder / "mkdocs.yml"


def client_config() -> str:
    """INHERIT our config; lists are replaced, not merged, so ours are restated with the swap."""
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as stream:   # MkDocs' own loader knows its !ENV tags
        ours = yaml_load(stream)
    if SSR_HOOK not in ours["hooks"]:
        raise SystemExit(f"mkdocs.yml no longer lists {SSR_HOOK}: update this benchmark")
    hooks = [str(ROOT / hook) for hook in ours["hooks"] if hook != SSR_HOOK] + ["client_katex.py"]
    scripts = ours.get("extra_javascript", []) + CLIENT_SCRIPTS
    return yaml.safe_dump({"INHERIT": str(ROOT / "mkdocs.yml"), "hooks": hooks, "extra_javascript": scripts})


def build_seconds(config: Path, site: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
                   check=True, env=env, cwd=config.parent)
    return time.perf_counter() - start


def median_build(config: Path, site: Path, runs: int) -> float:
    return statistics.median(build_seconds(config, site) for _ in range(runs))


def sizes(path: Path) -> tuple:
    data = path.read_bytes()
    return len(data), len(gzip.compress(data, 6))


def pages(site: Path) -> list:
    return sorted(p.relative_to(site) for p in site.rglob("index.html"))


def address(page: Path) -> str:
    """The page's address below the site root: "/", "/derivation", "/en/derivation"."""
    folder = page.parent.as_posix()
    return "/" if folder == "." else "/" + folder


def kb(size: int) -> str:
    return f"{size / 1024:.1f}"


def page_scripts(site: Path, page: Path) -> set:
    """The site's own scripts a page loads, as paths below the site root."""
    html = (site / page).read_text(encoding="utf-8")
    folder, root = (site / page).parent, site.resolve()
    return {(folder / src).resolve().relative_to(root) for src in SCRIPT_SOURCE.findall(html) if "://" not in src}


def own_scripts(site: Path) -> list:
    """Each page that loads scripts no other page needs: (page, bytes, gzip bytes, names)."""
    loaded = {page: page_scripts(site, page) for page in pages(site)}
    everywhere = set.intersection(*loaded.values())
    found = []
    for page, scripts in loaded.items():
        extra = sorted(scripts - everywhere)
        if extra:
            raw, gz = (sum(sizes(site / s)[n] for s in extra) for n in (0, 1))
            found.append((page, raw, gz, [s.name for s in extra]))
    return found


def scripts_report(site: Path) -> list:
    found = own_scripts(site)
    lines = [f"JavaScript of its own on {address(page)}: {kb(raw)} KB ({kb(gz)} KB gz): {', '.join(names)} "
             f"(goal: at most {CALCULATOR_GOAL_KB} KB gz)" for page, raw, gz, names in found]
    return lines + [f"JavaScript of its own on the other {len(pages(site)) - len(found)} pages: none"]


def report(ssr: Path, client: Path, times: dict) -> str:
    lines = ["| page | SSR HTML KB (gz) | client HTML KB (gz) |", "|---|---|---|"]
    for page in pages(ssr):
        (s_raw, s_gz), (c_raw, c_gz) = sizes(ssr / page), sizes(client / page)
        lines.append(f"| {address(page)} | {kb(s_raw)} ({kb(s_gz)}) | {kb(c_raw)} ({kb(c_gz)}) |")
    scripts = [sizes(client / script) for script in CLIENT_SCRIPTS]
    css, fonts = sizes(ssr / "assets/katex/katex.min.css"), sum(sizes(f)[0] for f in (ssr / "assets/katex/fonts").iterdir())
    lines += ["", f"build wall time, median: SSR {times['ssr']:.2f} s, client {times['client']:.2f} s",
              f"build time ratio SSR / client: {times['ssr'] / times['client']:.2f}x (goal: at most 1.3x)",
              f"KaTeX JavaScript the client loads on every first visit: {kb(sum(r for r, _ in scripts))} KB "
              f"({kb(sum(g for _, g in scripts))} KB gz); SSR: none",
              f"both: katex.min.css {kb(css[0])} KB ({kb(css[1])} KB gz), woff2 fonts on demand, {kb(fonts)} KB in all"]
    return "\n".join(lines + scripts_report(ssr))


def main(argv: list | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="builds per variant (median is reported)")
    parser.add_argument("--quick", action="store_true", help="one build per variant (what the tests run)")
    args = parser.parse_args(argv)
    runs = 1 if args.quick else args.runs
    if not KATEX_DIST.is_dir():
        print("node_modules/katex is missing: run ./dev setup (npm ci) first", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="math-render-") as tmp:
        folder = Path(tmp)
        ssr, client = folder / "ssr-site", folder / "client-site"
        times = {"ssr": median_build(ROOT / "mkdocs.yml", ssr, runs),
                 "client": median_build(client_project(folder / "client"), client, runs)}
        print(f"{runs} build(s) per variant, {os.cpu_count()} CPUs")
        print(report(ssr, client, times))
    return 0


if __name__ == "__main__":
    sys.exit(main())
