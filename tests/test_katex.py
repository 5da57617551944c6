"""Build-time KaTeX (hooks/katex*.py): one Node process per `mkdocs` build, shared by both language
builds, fed a page's formulas in one batch, each distinct formula typeset once; a process that
dies is replaced; none outlives a build, whether it succeeds or fails.

Typesetting itself (the site's pages, a bad formula failing the build) is tested in
test_site.py; here the renderer, the cache and the process's lifetime. Times are never
asserted: benchmarks/math_render.py measures them.
"""
import importlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mkdocs.exceptions import Abort

from project_support import copy_of_the_site

ROOT = Path(__file__).resolve().parents[1]
HOOKS = ROOT / "hooks"
NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None or not (ROOT / "node_modules" / "katex").is_dir(),
                                reason="needs Node and node_modules (./dev setup)")
FORMULAS = [("E_{1}", False), (r"\sum_{k=1}^{K} t_{k} \log y_{k}", True), (r"E \tag{6.1}", True),
            (r"\begin{aligned} a &= b \\ &= c \end{aligned}", True)]


@pytest.fixture
def hooks(monkeypatch):
    """Imports hook modules by name, as mkdocs does (hooks/ on sys.path)."""
    monkeypatch.syspath_prepend(str(HOOKS))
    return importlib.import_module


@pytest.fixture
def started(hooks, monkeypatch) -> list:
    """Every KatexProcess started while the test runs, in order."""
    process_module, processes = hooks("katex_process"), []
    original = process_module.KatexProcess.__init__

    def recording(self, node):
        original(self, node)
        processes.append(self)
    monkeypatch.setattr(process_module.KatexProcess, "__init__", recording)
    return processes


def running(pid: int) -> bool:
    """Still there and not a zombie (a zombie has ended; only its exit status is left)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


# --- the process -------------------------------------------------------------------------------

def test_a_batch_is_answered_in_order_even_when_it_overflows_the_pipes(hooks):
    process_module = hooks("katex_process")
    renderer = process_module.KatexProcess(NODE)
    try:
        batch = FORMULAS * 300   # ~100 KB of requests, several MB of replies: more than a pipe holds
        slots = renderer.submit(batch)
        expected = [renderer.render(tex, display).html for tex, display in FORMULAS]
        assert [slot.result().html for slot in slots] == expected * 300
    finally:
        assert renderer.close() == 0


def test_the_renderer_typesets_exactly_what_plain_node_does(hooks):
    """Its speed-up (V8's optimising compiler off) must not change a byte of KaTeX's output."""
    process_module = hooks("katex_process")
    requests = "".join(json.dumps({"id": i, "tex": tex, "display": display}) + "\n"
                       for i, (tex, display) in enumerate(FORMULAS, 1))
    plain = subprocess.run([NODE, str(process_module.SCRIPT)], input=requests, capture_output=True,
                           text=True, check=True, cwd=HOOKS).stdout.splitlines()
    renderer = process_module.KatexProcess(NODE)
    try:
        ours = [slot.result().html for slot in renderer.submit(FORMULAS)]
        assert ours == [json.loads(line)["html"] for line in plain]
    finally:
        renderer.close()


def fake_node(tmp_path: Path, body: str) -> str:
    """An executable standing in for `node`: it ignores its arguments and runs `body` (Python)."""
    script = tmp_path / "fake-node"
    script.write_text(f"#!{sys.executable}\nimport sys\n" + textwrap.dedent(body), encoding="utf-8")
    script.chmod(0o755)
    return str(script)


def test_a_reply_out_of_protocol_fails_the_request_and_every_later_one(hooks, tmp_path):
    process_module = hooks("katex_process")
    node = fake_node(tmp_path, """
        sys.stdin.readline()
        print("this is not JSON", flush=True)
        sys.stdin.read()
    """)
    renderer = process_module.KatexProcess(node)
    try:
        with pytest.raises(process_module.KatexProcessError, match="out of protocol: 'this is not JSON"):
            renderer.render("x", display=False)
        assert not renderer.alive
        with pytest.raises(process_module.KatexProcessError, match="out of protocol"):
            renderer.render("y", display=False)
    finally:
        renderer.close()


def test_a_renderer_that_exits_fails_what_it_left_unanswered_with_its_stderr(hooks, tmp_path):
    process_module = hooks("katex_process")
    node = fake_node(tmp_path, """
        sys.stdin.readline()
        sys.stderr.write("out of memory, say")
        sys.exit(3)
    """)
    renderer = process_module.KatexProcess(node)
    slots = renderer.submit(FORMULAS)
    for slot in slots:
        with pytest.raises(process_module.KatexProcessError, match=r"it exited; its stderr:\nout of memory, say"):
            slot.result()
    assert renderer.close() == 3


# --- the cache ---------------------------------------------------------------------------------

def test_the_cache_asks_node_once_per_distinct_formula_in_one_batch(hooks, started):
    formulas = hooks("katex_cache").FormulaCache(NODE)
    try:
        formulas.prefetch(FORMULAS + FORMULAS[:2])
        first = [formulas.typeset(tex, display).html for tex, display in FORMULAS]
        formulas.prefetch(FORMULAS)   # a second language's page with the same formulas
        assert [formulas.typeset(tex, display).html for tex, display in FORMULAS] == first
        assert len(started) == 1 and started[0]._last_id == len(FORMULAS)
    finally:
        formulas.close()
    assert not running(started[0].pid)


def test_the_cache_starts_a_new_process_when_node_has_died(hooks, started):
    formulas = hooks("katex_cache").FormulaCache(NODE)
    try:
        before = formulas.typeset("E_{1}", display=False).html
        os.kill(started[0].pid, signal.SIGKILL)
        started[0]._reader.join(timeout=10)   # its end seen, as the next build step would
        assert formulas.typeset("y_{k}", display=False).html != before
        assert formulas.typeset("E_{1}", display=False).html == before   # kept: KaTeX's answer
        assert len(started) == 2
    finally:
        formulas.close()
    assert not [p.pid for p in started if running(p.pid)]


def test_the_cache_asks_again_once_when_the_process_dies_under_a_request(hooks, started, tmp_path):
    cache_module, process_module = hooks("katex_cache"), hooks("katex_process")
    formulas = cache_module.FormulaCache(fake_node(tmp_path, "sys.stdin.readline()\nsys.exit(1)\n"))
    try:
        with pytest.raises(process_module.KatexProcessError, match="it exited"):
            formulas.typeset("x", display=False)
        assert len(started) == 2   # the first process, and the one that was asked again
    finally:
        formulas.close()


# --- the builds --------------------------------------------------------------------------------

def build_in_process(config_file: Path, site_dir: Path) -> None:
    """What `mkdocs build` runs, in this process, so that the hooks can be watched."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    config = load_config(str(config_file), site_dir=str(site_dir))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def test_both_language_builds_share_one_renderer_that_ends_with_the_build(hooks, started, monkeypatch, tmp_path):
    process_module = hooks("katex_process")
    batches = []
    original = process_module.KatexProcess.submit
    monkeypatch.setattr(process_module.KatexProcess, "submit",
                        lambda self, formulas: batches.append(list(formulas)) or original(self, formulas))
    for rebuild in range(2):   # like two rebuilds of `mkdocs serve`
        batches.clear()
        build_in_process(ROOT / "mkdocs.yml", tmp_path / f"site{rebuild}")
        asked = [formula for batch in batches for formula in batch]
        assert len(asked) == len(set(asked)), "a formula was typeset twice in one build"
        assert len(asked) < formulas_on_the_pages(tmp_path / f"site{rebuild}")
        assert len(batches) <= len(list((tmp_path / f"site{rebuild}").rglob("index.html")))
    assert len(started) == 2, "one renderer per build, for every language"
    assert not [p.pid for p in started if running(p.pid)]


def test_a_third_language_still_shares_the_one_renderer(hooks, started, tmp_path):
    """mkdocs-static-i18n builds every other language, one after another, inside the first build."""
    project = copy_of_the_site(tmp_path / "project")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    english = "        - locale: en\n"
    assert english in config, "mkdocs.yml's languages have changed shape: update this test"
    third = "        - locale: de\n          name: Deutsch\n          build: true\n"
    (project / "mkdocs.yml").write_text(config.replace(english, third + english), encoding="utf-8")
    build_in_process(project / "mkdocs.yml", tmp_path / "site")
    assert (tmp_path / "site" / "de" / "index.html").is_file()
    assert len(started) == 1 and not running(started[0].pid)


def formulas_on_the_pages(site: Path) -> int:
    return sum(len(re.findall(r'class="arithmatex"', page.read_text(encoding="utf-8")))
               for page in site.rglob("index.html"))


def test_a_formula_katex_cannot_parse_fails_the_build_naming_the_page_and_ends_the_renderer(
        hooks, started, tmp_path, caplog):
    project = copy_of_the_site(tmp_path / "project")
    (project / "docs" / "broken.md").write_text("# 壊れた式\n\n$$\\frac{1}{$$\n", encoding="utf-8")
    with pytest.raises(Abort):   # MkDocs logs a PluginError, then aborts
        build_in_process(project / "mkdocs.yml", tmp_path / "site")
    assert re.search(r"KaTeX cannot typeset a formula in broken\.md:\n +\\frac\{1\}\{", caplog.text), caplog.text
    assert started and not [p.pid for p in started if running(p.pid)]
    (project / "docs" / "broken.md").unlink()
    build_in_process(project / "mkdocs.yml", tmp_path / "site")   # the next build starts afresh
    assert len(started) == 2 and not running(started[1].pid)


# A parent that adopts its grandchildren (PR_SET_CHILD_SUBREAPER): it runs a command, and once the
# command has ended, lists the processes the command left behind (they are now its children),
# then ends them. Without it, a leaked Node would be adopted by init and go unseen.
ADOPTER = """
import ctypes, json, os, signal, subprocess, sys
assert ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0) == 0, "PR_SET_CHILD_SUBREAPER"
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
def parent(pid):
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return int(stat.read().rsplit(")", 1)[1].split()[1])
    except OSError:
        return None
left = [int(pid) for pid in os.listdir("/proc") if pid.isdigit() and parent(pid) == os.getpid()]
names = [open(f"/proc/{pid}/comm").read().strip() for pid in left]
for pid in left:
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
print(json.dumps({"code": code, "left": names}))
"""


def left_behind(*command: str) -> dict:
    result = subprocess.run([sys.executable, "-c", ADOPTER, *command], capture_output=True, text=True,
                            timeout=600, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs Linux's child subreaper")
def test_the_check_for_left_processes_sees_a_node_left_running():
    leaker = f"import subprocess; subprocess.Popen([{NODE!r}, '-e', 'setTimeout(() => {{}}, 60000)'])"
    assert left_behind(sys.executable, "-c", leaker) == {"code": 0, "left": ["node"]}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs Linux's child subreaper")
@pytest.mark.parametrize("broken", [False, True], ids=["build", "failing build"])
def test_no_process_outlives_a_mkdocs_build(tmp_path, broken):
    project = copy_of_the_site(tmp_path / "project")
    if broken:
        (project / "docs" / "broken.md").write_text("$$\\frac{1}{$$\n", encoding="utf-8")
    site = tmp_path / "site"
    outcome = left_behind(sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"),
                          "-d", str(site))
    assert outcome == {"code": 1 if broken else 0, "left": []}
    if not broken:   # Node did run: the pages hold KaTeX's markup
        assert 'class="katex"' in (site / "derivation" / "index.html").read_text(encoding="utf-8")
