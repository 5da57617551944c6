"""Helpers for the browser tests (tests/test_browser.py) and benchmarks/math_visible.py.

Owns: whether the browser tests can run (the skip rule), building the site into a folder for a
given address, serving a folder on 127.0.0.1, the set of built pages, what a page did on the
network and the console while it was open, and the in-page checks (JavaScript run by Playwright).
Nothing here imports Playwright at module level: the module loads on machines without it.
"""
import os
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
# Keep Debian's Chromium off the network and quiet (see /work/shared/reference/pitfalls.md).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
INSTALL_HINT = ("install Debian's Chromium and a CJK font: `sudo apt-get install -y chromium fonts-noto-cjk` "
                "(never `playwright install`)")
PLAYWRIGHT_HINT = "install the playwright Python package: `./dev setup` (pip install -e '.[test]')"


# --- the skip rule -------------------------------------------------------------------------


def is_ci(ci_env: str | None) -> bool:
    return (ci_env or "").strip().lower() in {"true", "1", "yes"}


def browser_rule(ci_env: str | None, browser_path_exists: bool, playwright_importable: bool) -> str:
    """"run", "skip: <how to install>" (a developer machine), or "fail: <…>" (CI must run them)."""
    missing = []
    if not browser_path_exists:
        missing.append(f"Chromium is not at {CHROMIUM}: {INSTALL_HINT}")
    if not playwright_importable:
        missing.append(f"the playwright module is missing: {PLAYWRIGHT_HINT}")
    if not missing:
        return "run"
    if is_ci(ci_env):
        return "fail: CI=true, so the browser tests must run, but " + "; and ".join(missing)
    return "skip: browser tests need a browser; " + "; and ".join(missing)


def current_browser_rule() -> str:
    import importlib.util
    return browser_rule(os.environ.get("CI"), Path(CHROMIUM).exists(),
                        importlib.util.find_spec("playwright") is not None)


# --- building and serving ------------------------------------------------------------------


def build_site(site_dir: Path, site_url: str, config: Path = ROOT / "mkdocs.yml") -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of `config` into site_dir, with site_url set to the serving address.

    mkdocs-material's navigation.instant only takes over links whose host AND PORT match the
    URLs in sitemap.xml, which come from site_url (it rewrites their protocol and hostname to
    the browser's, but keeps the port). Served on another port than site_url's, every click
    is a full page load. So the config is given on stdin as `INHERIT: <config>` plus the
    address actually served; everything else is the real configuration, built from the repo.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    stdin = f"INHERIT: {config}\nsite_url: {site_url}\n"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "-", "-d", str(site_dir)]
    return subprocess.run(command, input=stdin, cwd=config.parent, env=env, capture_output=True,
                          text=True, timeout=600)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # The browser drops connections it no longer needs (a page closed mid-load): not news.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class SiteServer:
    """A folder served over HTTP on 127.0.0.1 at a free port, from a thread; use as a context."""

    def __init__(self, folder: Path | None = None):
        self.folder = folder
        self._server = _Server(("127.0.0.1", 0), self._handler, bind_and_activate=True)
        self.port = self._server.server_address[1]
        self.base_url = f"http://127.0.0.1:{self.port}/"
        self._thread: threading.Thread | None = None

    def _handler(self, *args, **kwargs):
        return _QuietHandler(*args, directory=str(self.folder), **kwargs)

    def start(self, folder: Path | None = None) -> "SiteServer":
        self.folder = folder or self.folder
        self._thread = threading.Thread(target=self._server.serve_forever, name=f"site-server-{self.port}",
                                        kwargs={"poll_interval": 0.1}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join(timeout=5)
        self._server.server_close()

    def __enter__(self):
        return self.start() if self._thread is None else self

    def __exit__(self, *exc):
        self.stop()

    def is_local(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about"):
            return True
        return parts.scheme == "http" and parts.netloc == f"127.0.0.1:{self.port}"


@dataclass(frozen=True)
class SitePage:
    lang: str     # "ja" (served at /) or "en" (served at /en/)
    name: str     # "index", "derivation", …
    path: str     # URL path below the site root: "", "derivation/", "en/", "en/derivation/"

    @property
    def id(self) -> str:
        return f"{self.lang}-{self.name}"


def site_pages(site: Path, other_languages: tuple = ("en",)) -> list:
    """Every built page: each index.html except 404 and assets/ and search/ folders."""
    pages = []
    for index in sorted(site.rglob("index.html")):
        parts = index.relative_to(site).parts[:-1]
        if parts and parts[0] in ("assets", "search"):
            continue
        lang = parts[0] if parts and parts[0] in other_languages else "ja"
        inner = parts[1:] if lang != "ja" else parts
        name = "/".join(inner) or "index"
        pages.append(SitePage(lang, name, "".join(f"{p}/" for p in parts)))
    return pages


# --- what a page does ------------------------------------------------------------------------


@dataclass
class PageWatch:
    """Console errors/warnings, page errors, failed or 4xx/5xx requests, and blocked off-site requests.

    Every request goes through page.route: requests to the local server continue, any other
    host is recorded and aborted, so nothing ever leaves the machine.
    """
    server: SiteServer
    console: list = field(default_factory=list)
    page_errors: list = field(default_factory=list)
    off_site: list = field(default_factory=list)
    failed: list = field(default_factory=list)
    http_errors: list = field(default_factory=list)
    requests: list = field(default_factory=list)

    def attach(self, page) -> "PageWatch":
        page.route("**/*", self._route)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.on("requestfailed", self._failed)
        page.on("response", self._response)
        page.on("request", lambda request: self.requests.append((request.resource_type, request.url)))
        return self

    def _route(self, route):
        url = route.request.url
        if self.server.is_local(url):
            route.continue_()
        else:
            self.off_site.append(url)
            route.abort("blockedbyclient")

    def _console(self, message):
        if message.type in ("error", "warning"):
            where = message.location.get("url", "") if message.location else ""
            self.console.append(f"console {message.type}: {message.text}" + (f" (at {where})" if where else ""))

    def _failed(self, request):
        if self.server.is_local(request.url):
            self.failed.append(f"request failed: {request.url} ({request.failure})")

    def _response(self, response):
        if response.status >= 400:
            self.http_errors.append(f"HTTP {response.status}: {response.url}")

    def clear(self) -> None:
        """Forget what was seen so far: the same page goes on to another address."""
        for seen in (self.console, self.page_errors, self.off_site, self.failed, self.http_errors, self.requests):
            seen.clear()

    def problems(self) -> list:
        """Everything that went wrong, each distinct message once (with a count if repeated)."""
        found = ([f"off-site request attempted: {url}" for url in self.off_site] + self.http_errors
                 + self.failed + [f"page error: {e}" for e in self.page_errors] + self.console)
        counts = {}
        for message in found:
            counts[message] = counts.get(message, 0) + 1
        return [message + (f" (×{n})" if n > 1 else "") for message, n in counts.items()]


# --- in-page checks (JavaScript) -------------------------------------------------------------

# Resolves once every <img> has loaded or failed (lazy ones are made eager first); reports the
# broken ones. An image counts as loaded when it decodes and has a natural width.
IMAGES_JS = """async () => {
  const settle = img => new Promise(resolve => {
    if (img.complete) return resolve();
    img.addEventListener('load', resolve, {once: true});
    img.addEventListener('error', resolve, {once: true});
  });
  const imgs = [...document.images];
  imgs.forEach(img => { if (img.loading === 'lazy') img.loading = 'eager'; });
  const timeout = new Promise(resolve => setTimeout(resolve, 10000));
  await Promise.race([Promise.all(imgs.map(settle)), timeout]);
  const broken = [];
  for (const img of imgs) {
    let decodes = true;
    try { await img.decode(); } catch (e) { decodes = false; }
    if (!(img.complete && decodes && img.naturalWidth > 0))
      broken.push(`${img.getAttribute('src')} (complete=${img.complete}, decodes=${decodes}, naturalWidth=${img.naturalWidth})`);
  }
  return {count: imgs.length, broken};
}"""

# Math on the page: KaTeX error nodes, formulas left untypeset, and raw TeX in the visible text
# (document.body.innerText, minus code blocks, where TeX may be shown on purpose).
MATH_JS = r"""() => {
  let text = document.body.innerText;
  for (const code of document.querySelectorAll('pre, code')) text = text.split(code.innerText).join(' ');
  const raw = ['$$', '\\(', '\\[', '\\begin{'].filter(marker => text.includes(marker)).map(marker => {
    const at = text.indexOf(marker);
    return `${marker} in "…${text.slice(Math.max(0, at - 40), at + 40).replace(/\s+/g, ' ')}…"`;
  });
  const errors = [...document.querySelectorAll('.katex-error')].map(e => e.getAttribute('title') || e.textContent);
  const untypeset = [...document.querySelectorAll('.arithmatex')].filter(e => !e.querySelector('.katex'))
    .map(e => e.textContent.slice(0, 80));
  return {katex: document.querySelectorAll('.katex').length, raw, errors, untypeset};
}"""

def math_problems(page) -> list:
    """MATH_JS's findings on the open page, one message each."""
    math = page.evaluate(MATH_JS)
    return ([f"raw TeX visible: {raw}" for raw in math["raw"]]
            + [f".katex-error: {error}" for error in math["errors"]]
            + [f"formula not typeset: {tex}" for tex in math["untypeset"]])


# The layout of the page at the current viewport width.
LAYOUT_JS = r"""() => {
  const problems = [];
  const vw = window.innerWidth;
  const doc = document.documentElement;
  const scrolls = el => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
  const describe = el => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    if (el.classList.length) s += '.' + [...el.classList].join('.');
    const text = (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 50);
    return text ? `${s} ("${text}")` : s;
  };
  if (doc.scrollWidth > vw + 1)
    problems.push(`the document scrolls sideways: scrollWidth ${doc.scrollWidth} > innerWidth ${vw}`);
  // Content sticking out at the right without a scrolling box to reach it: cut off or widening.
  const content = document.querySelector('.md-content') || document.body;
  const stray = [];
  for (const el of content.querySelectorAll('*')) {
    if (el.closest('.katex-mathml')) continue;      // KaTeX's MathML copy is visually hidden on purpose
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= vw + 1) continue;
    let box = el.parentElement, reachable = false;
    for (; box && box !== content.parentElement; box = box.parentElement) {
      if (scrolls(box) && box.getBoundingClientRect().right <= vw + 1) { reachable = true; break; }
    }
    if (!reachable) stray.push(`${describe(el)} reaches x=${Math.round(r.right)} > ${vw}, outside any scrolling box`);
  }
  problems.push(...stray.slice(0, 5));
  if (stray.length > 5) problems.push(`… and ${stray.length - 5} more elements sticking out`);
  // Display formulas: anything wider than its box scrolls; tags at the right, clear of the formula.
  document.querySelectorAll('div.arithmatex').forEach((div, i) => {
    const label = `display formula #${i + 1}` + (div.querySelector('.katex-tag') ? ` ${div.querySelector('.katex-tag').innerText}` : '');
    for (const el of [div, ...div.querySelectorAll('.katex-display')]) {
      if (el.scrollWidth > el.clientWidth + 1 && !scrolls(el))
        problems.push(`${label}: ${describe(el).split(' ')[0]} overflows (${el.scrollWidth} > ${el.clientWidth}) with overflow-x ${getComputedStyle(el).overflowX}`);
    }
    const box = div.getBoundingClientRect();
    if (box.right > vw + 1) problems.push(`${label}: its box reaches x=${Math.round(box.right)} > ${vw}`);
    for (const tag of div.querySelectorAll('.katex-tag')) {
      const row = tag.closest('.katex-html');
      const display = tag.closest('.katex-display') || div;
      const cs = getComputedStyle(display);
      // the right edge of the formula box's content (inside its padding), as laid out unscrolled
      const edge = display.getBoundingClientRect().right - parseFloat(cs.paddingRight) - parseFloat(cs.borderRightWidth);
      const t = tag.getBoundingClientRect(), r = row.getBoundingClientRect();
      const body = [...row.children].filter(c => c !== tag).map(c => c.getBoundingClientRect())
        .filter(b => b.width > 0);
      const bodyRight = Math.max(...body.map(b => b.right));
      if (t.right < r.right - 2 || r.right < edge - 2)
        problems.push(`${label}: the tag ends at x=${Math.round(t.right)}, not at the right of the formula box (the formula row ends at ${Math.round(r.right)}, the box's content at ${Math.round(edge)})`);
      if (t.left < bodyRight - 1)
        problems.push(`${label}: the tag (x=${Math.round(t.left)}…) overlaps the formula (which ends at x=${Math.round(bodyRight)})`);
    }
  });
  return problems;
}"""

# Resolves when the page has settled: fonts in use loaded, CSS transitions and animations
# finished (the theme animates its header and search box on a resize, unless the context
# prefers reduced motion, as browser_context's do), and two frames drawn after that.
SETTLED_JS = """async () => {
  const frames = () => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  await document.fonts.ready;
  await frames();
  const running = document.getAnimations().filter(a => a.playState === 'running'
    && Number.isFinite(a.effect && a.effect.getComputedTiming().endTime));
  const timeout = new Promise(resolve => setTimeout(resolve, 3000));
  await Promise.race([Promise.all(running.map(a => a.finished.catch(() => null))), timeout]);
  await frames();
  await document.fonts.ready;
}"""

# axe-core (pinned in package-lock.json, installed by `npm ci`), injected into a page by
# page.add_script_tag(path=AXE); AXE_JS runs its WCAG 2 A and AA rules and returns the
# serious and critical violations, each with up to three of the elements it found. Only the
# violations are reported in full (resultTypes): the passes are never read, so axe need not
# describe every element that passed (axe's documented option for speed). Given a list of rule
# ids, it leaves those rules out (the page checks run color-contrast at one width only).
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_JS = """async (skipped) => {
  const rules = Object.fromEntries((skipped || []).map(id => [id, {enabled: false}]));
  const result = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']},
                                          rules, resultTypes: ['violations']});
  return result.violations.filter(v => ['serious', 'critical'].includes(v.impact)).map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => `${n.target.join(' ')}: ${n.failureSummary.split('\\n').slice(0, 2).join(' ')}`)}));
}"""



LANGUAGES = {"ja": "", "en": "en/"}       # language → its home below the site root
WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
PHONE, DESKTOP = WIDTHS["phone"], WIDTHS["desktop"]


def browser_context(browser, viewport: dict = DESKTOP, **options):
    """A new browser context of the given size whose waits give up after 15 s (a hung page
    fails its test instead of the session). It prefers reduced motion, which the theme honours
    by turning its CSS transitions off: a page is measured in the state a transition ends in,
    without waiting most of a second for it after each load or resize (SETTLED_JS)."""
    context = browser.new_context(viewport=viewport, reduced_motion="reduce", **options)
    context.set_default_timeout(15_000)
    return context


def open_page(context, server, path: str, wait: str = "load", settled: bool = False) -> tuple:
    """A new page with a PageWatch attached, navigated to `path` below the site root; `settled`:
    its fonts loaded and the theme's transitions over (for measuring where things are drawn)."""
    page = context.new_page()
    watch = PageWatch(server).attach(page)
    page.goto(server.base_url + path, wait_until=wait)
    if settled:
        page.evaluate(SETTLED_JS)
    return page, watch
