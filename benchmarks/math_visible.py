"""Benchmark: how soon the math is visible, and the bytes a page costs, build-time vs client-side KaTeX.

Owns one comparison, run in one go, for one page (the Japanese derivation page by default):
  ssr     the site as configured (hooks/katex.py typesets every formula at build time), and
  client  the same pages with the KaTeX hook swapped for client-side KaTeX (katex.min.js +
          auto-render + math_render's init script, published from node_modules).
Each variant is built into a temporary folder, served from a thread on 127.0.0.1, and loaded
cold (a fresh browser context, empty cache) in Debian's Chromium, alternating the variants,
after one warm-up load each. Per load it records, in the page, from navigation start
(performance.now(), in ms; a state counts from the start of the frame after the one that drew
it, when that frame has been presented):
  first screen  the first frame whose viewport shows formulas, all typeset (what a reader
                sees first; client-side KaTeX shows raw TeX until it has run);
  all math      the first frame after every .arithmatex on the page holds KaTeX output;
  +fonts        the same, once the fonts in use (KaTeX's woff2) have loaded;
  FCP, DCL      first contentful paint and the end of HTML parsing, for reference.
The table gives medians (min–max) and the bytes the page fetched (HTML, KaTeX files, the
rest), raw and gzip -6 as a compressing host would send text (woff2/png counted raw), with
ratios against the client-side baseline measured in the same run. Not a test.
Run: .venv/bin/python benchmarks/math_visible.py [--runs 9] [--page derivation/] [--quick]
(--quick: one load per variant and no warm-up, as the test suite runs it to keep the script working).
"""
import argparse
import gzip
import os
import statistics
import sys
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))   # browser_support: build, serve, Chromium flags

from browser_support import CHROMIUM, CHROMIUM_ARGS, SiteServer, build_site  # noqa: E402
from math_render import KATEX_DIST, client_project  # noqa: E402

# Installed before any page script: resolves window.__timings when the math is painted.
MEASURE_JS = """(() => {
  const typeset = list => list.length > 0 && list.every(e => e.querySelector('.katex'));
  const frame = () => new Promise(resolve => requestAnimationFrame(() => resolve(performance.now())));
  // A state counts as visible at the start of the frame after the one that drew it: by then
  // that frame has been presented. Both variants are timed the same way.
  const drawn = async () => { await frame(); return frame(); };
  // First screen: the first frame whose viewport shows formulas, every one typeset, with the
  // page laid out past the viewport (or fully parsed).
  const firstScreen = new Promise(resolve => {
    const poll = () => {
      const shown = [...document.querySelectorAll('.arithmatex')].filter(e => {
        const r = e.getBoundingClientRect();
        return r.bottom > 0 && r.top < innerHeight && r.height > 0;
      });
      const past = document.readyState !== 'loading' || document.documentElement.scrollHeight > innerHeight * 1.5;
      if (past && typeset(shown)) frame().then(resolve); else requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
  });
  // All math: watched from the end of parsing (DOMContentLoaded) on; observing the parser
  // itself would tax the variant with the larger HTML. Client-side KaTeX renders after it.
  window.__timings = new Promise(resolve => {
    let seen = false;
    const check = async () => {
      if (seen || !typeset([...document.querySelectorAll('.arithmatex')])) return;
      seen = true;
      observer.disconnect();
      const math = await drawn();
      await document.fonts.ready;
      const fonts = await drawn();
      const paint = performance.getEntriesByName('first-contentful-paint')[0];
      const nav = performance.getEntriesByType('navigation')[0];
      resolve({first: await firstScreen, math, fonts, fcp: paint ? paint.startTime : null,
               dcl: nav.domContentLoadedEventStart});
    };
    const observer = new MutationObserver(check);
    document.addEventListener('DOMContentLoaded', () => {
      observer.observe(document.body, {childList: true, subtree: true});
      check();
    });
  });
})()"""
TEXT_SUFFIXES = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt"}


def file_sizes(site: Path, url: str) -> tuple:
    """(raw, gzip) bytes of the built file a URL names; binary formats are not compressed."""
    path = unquote(urlsplit(url).path).lstrip("/")
    target = site / path
    if target.is_dir() or path == "" or path.endswith("/"):
        target = target / "index.html"
    if not target.is_file():
        return 0, 0
    data = target.read_bytes()
    return len(data), len(gzip.compress(data, 6)) if target.suffix in TEXT_SUFFIXES else len(data)


def category(url: str) -> str:
    path = urlsplit(url).path
    if path.endswith("/") or path.endswith(".html"):
        return "HTML"
    if "/assets/katex/" in path or path.endswith("katex-init.js"):
        return "KaTeX JS" if path.endswith(".js") else "KaTeX CSS + fonts"
    return "theme, search, rest"


def cold_load(browser, server: SiteServer, page_path: str) -> tuple:
    """One load in a fresh context: (timings dict, list of URLs fetched)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        context.add_init_script(MEASURE_JS)
        page = context.new_page()
        urls = []
        page.on("request", lambda request: urls.append(request.url))
        page.goto(server.base_url + page_path, wait_until="commit")
        timings = page.evaluate("""Promise.race([window.__timings, new Promise((_, fail) => setTimeout(
          () => fail(new Error('the math was not all typeset within 30 s')), 30000))])""")
        page.wait_for_load_state("networkidle")
        return timings, list(urls)
    finally:
        context.close()


def summarise(values: list) -> str:
    return f"{statistics.median(values):.0f} ({min(values):.0f}–{max(values):.0f})"


def ratio(ours: float, baseline: float) -> str:
    return f"{ours / baseline:.2f}×" if baseline else "–"


def kb(size: int) -> str:
    return f"{size / 1024:.1f}"


def report(runs: dict, sizes: dict, page_path: str, count: int, version: str) -> str:
    lines = [f"page /{page_path}, {count} cold loads per variant (fresh context each), Chromium {version}, "
             f"{os.cpu_count()} CPUs; times in ms from navigation start, median (min–max)", "",
             "| measure | build-time KaTeX (ours) | client-side KaTeX | ours / client |", "|---|---|---|---|"]
    for key, label in (("first", "math of the first screen visible"), ("math", "all math on the page visible"),
                       ("fonts", "all math visible, fonts loaded"), ("fcp", "first contentful paint"),
                       ("dcl", "HTML parsed (DOMContentLoaded)")):
        ours, client = [t[key] for t in runs["ssr"]], [t[key] for t in runs["client"]]
        lines.append(f"| {label} | {summarise(ours)} | {summarise(client)} | "
                     f"{ratio(statistics.median(ours), statistics.median(client))} |")
    lines += ["", "| bytes fetched, KB raw (gzip) | build-time KaTeX (ours) | client-side KaTeX | ours / client (raw, gzip) |",
              "|---|---|---|---|"]
    for cat in ("HTML", "KaTeX CSS + fonts", "KaTeX JS", "theme, search, rest", "total"):
        (o_raw, o_gz), (c_raw, c_gz) = sizes["ssr"][cat], sizes["client"][cat]
        lines.append(f"| {cat} | {kb(o_raw)} ({kb(o_gz)}) | {kb(c_raw)} ({kb(c_gz)}) | "
                     f"{ratio(o_raw, c_raw)}, {ratio(o_gz, c_gz)} |")
    return "\n".join(lines)


def byte_table(site: Path, urls: list) -> dict:
    table = {cat: [0, 0] for cat in ("HTML", "KaTeX CSS + fonts", "KaTeX JS", "theme, search, rest", "total")}
    for url in dict.fromkeys(urls):                 # each URL once, in order
        raw, gz = file_sizes(site, url)
        for cat in (category(url), "total"):
            table[cat][0] += raw
            table[cat][1] += gz
    return table


def arguments(argv: list | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="cold loads per variant (median is reported)")
    parser.add_argument("--page", default="derivation/", help="page below the site root (default: derivation/)")
    parser.add_argument("--quick", action="store_true",
                        help="one cold load per variant, no warm-up (what the tests run)")
    args = parser.parse_args(argv)
    if args.quick:
        args.runs = 1
    return args


def missing_tool() -> str | None:
    if not KATEX_DIST.is_dir():
        return "node_modules/katex is missing: run ./dev setup (npm ci) first"
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is missing: sudo apt-get install -y chromium fonts-noto-cjk"
    return None


class BuildFailed(Exception):
    pass


def build_variants(folder: Path, servers: dict) -> None:
    """Both variants built into their servers' folders and served, each from its own thread."""
    configs = {"ssr": ROOT / "mkdocs.yml", "client": client_project(folder / "client")}
    for name, server in servers.items():
        result = build_site(server.folder, server.base_url, config=configs[name])
        if result.returncode != 0:
            raise BuildFailed(f"building the {name} variant failed:\n{result.stdout}{result.stderr}")
        server.start()


def measure(browser, servers: dict, args: argparse.Namespace) -> tuple:
    """({variant: [timings per load]}, {variant: URLs its page fetched}), the variants alternating."""
    if not args.quick:
        for server in servers.values():   # one warm-up each: OS file cache, server threads
            cold_load(browser, server, args.page)
    runs, fetched = {"ssr": [], "client": []}, {}
    for i in range(args.runs):
        for name in (("ssr", "client") if i % 2 == 0 else ("client", "ssr")):
            timings, urls = cold_load(browser, servers[name], args.page)
            runs[name].append(timings)
            fetched.setdefault(name, urls)
    return runs, fetched


def measure_in_chromium(servers: dict, args: argparse.Namespace) -> tuple:
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            return (*measure(browser, servers, args), browser.version)
        finally:
            browser.close()


def main(argv: list | None = None) -> int:
    args = arguments(argv)
    if missing := missing_tool():
        print(missing, file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="math-visible-") as tmp:
        servers = {name: SiteServer(Path(tmp) / f"{name}-site") for name in ("ssr", "client")}
        try:
            build_variants(Path(tmp), servers)
            runs, fetched, version = measure_in_chromium(servers, args)
        except BuildFailed as failure:
            print(failure, file=sys.stderr)
            return 1
        finally:
            for server in servers.values():
                server.stop()
        sizes = {name: byte_table(servers[name].folder, fetched[name]) for name in servers}
        print(report(runs, sizes, args.page, args.runs, version))
    return 0


if __name__ == "__main__":
    sys.exit(main())
