"""Faults from outside: a killed `check` or `build` leaves no copy of itself running; a target
that cannot be written stops `build` with exit 73 and changes nothing; a temporary file a
killed build left is reported by `check` and removed by the next `build`.

Every command runs in a throwaway copy of the project (project_support), never the real one.
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from derivations import workers
from project_support import copy_of_the_project

PROC = Path("/proc")
CANNOT_WRITE, STALE = 73, 1

needs_proc = pytest.mark.skipif(not (PROC / "self" / "stat").exists(),
                                reason="processes are found through /proc (Linux)")
forking = pytest.mark.skipif(not hasattr(os, "fork") or workers.usable_cores() < 2,
                             reason="the checks are shared with copies only where there is fork and two cores")


def _run(project: Path, *argv: str, umask: int = -1) -> subprocess.CompletedProcess:
    # The copy's own package must be the one imported: it comes first on the path.
    return subprocess.run([sys.executable, "-m", "derivations", *argv], cwd=project, env=_environment(project),
                          capture_output=True, text=True, encoding="utf-8", timeout=300, umask=umask)


def _environment(project: Path) -> dict:
    return {**os.environ, "PYTHONPATH": str(project)}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A copy of the project, built once so that its pages match its code."""
    copy = copy_of_the_project(tmp_path_factory.mktemp("built"))
    done = _run(copy, "build")
    assert done.returncode == 0, done.stderr
    return copy


@pytest.fixture
def project(built, tmp_path) -> Path:
    """A fresh copy of the built project, for one test to spoil."""
    return Path(shutil.copytree(built, tmp_path / "project", symlinks=True))


# --- a killed command leaves no copy of itself -----------------------------------------------------

# The real command, with every check made to take a minute, so that the copies are surely at
# work when the signal comes (the checks themselves take a fraction of a second).
SLOWED = """
import sys, time
from derivations import audit, cli, verify

def slowed(check):
    def slowly(*arguments):
        time.sleep(60)
        return check(*arguments)
    return slowly

verify.chain_evidence = slowed(verify.chain_evidence)
audit.audit = slowed(audit.audit)
sys.argv[0] = "derivations"
cli.run()
"""


def _stat(pid: int) -> list | None:
    """The fields of /proc/<pid>/stat after the command's name (state, parent, …), or None once gone."""
    try:
        text = (PROC / str(pid) / "stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    return text[text.rindex(")") + 2:].split()


def _children(pid: int) -> dict:
    """The living processes whose parent is `pid`, each with its start time (which tells a reused pid)."""
    found = {}
    for entry in PROC.iterdir():
        fields = _stat(int(entry.name)) if entry.name.isdigit() else None
        if fields and fields[1] == str(pid) and fields[0] != "Z":
            found[int(entry.name)] = fields[19]
    return found


def _alive(pid: int, started: str) -> bool:
    fields = _stat(pid)
    return fields is not None and fields[0] != "Z" and fields[19] == started


def _copies_at_work(command: subprocess.Popen, count: int) -> dict:
    """The command's copies once `count` of them run (within a minute: imports are slow on a busy machine)."""
    deadline = time.monotonic() + 60
    while len(children := _children(command.pid)) < count and command.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    return children


def _survivors(copies: dict, within: float) -> dict:
    deadline = time.monotonic() + within
    while (living := {pid: s for pid, s in copies.items() if _alive(pid, s)}) and time.monotonic() < deadline:
        time.sleep(0.02)
    return living


@needs_proc
@forking
@pytest.mark.parametrize("command", ["check", "build"])
@pytest.mark.parametrize("sent", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL], ids=lambda s: s.name)
def test_no_copy_outlives_a_killed_command(project, command, sent):
    running = subprocess.Popen([sys.executable, "-c", SLOWED, command], cwd=project, env=_environment(project),
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    copies = {}
    try:
        # Two copies: the audit's, started first, and the one that shares the chains.
        copies = _copies_at_work(running, 2)
        if len(copies) != 2:
            # Ended, and its stderr read without waiting: a blocking read of the pipe of a
            # command still at work (its checks sleep a minute each), or of a copy that kept
            # the pipe, would wait for them, and the test would hang instead of failing.
            running.kill()
            os.set_blocking(running.stderr.fileno(), False)
            said = running.stderr.read() or b""
            pytest.fail(f"the copies never ran: exit {running.wait(timeout=10)}: {said.decode(errors='replace')}")
        running.send_signal(sent)
        running.wait(timeout=10)
        assert _survivors(copies, within=5) == {}
    finally:
        _end(running, copies)


def _end(running: subprocess.Popen, copies: dict) -> None:
    """Whatever the outcome, nothing this test started keeps running (ended by pid, never by name)."""
    if running.poll() is None:
        running.kill()
        running.wait(timeout=10)
    running.stderr.close()
    for pid, started in copies.items():
        if _alive(pid, started):
            os.kill(pid, signal.SIGKILL)


# --- a target that cannot be written ---------------------------------------------------------------


def _state(project: Path) -> dict:
    """docs/ and the navigation file: every path, with a file's bytes and mode."""
    paths = [*sorted((project / "docs").rglob("*")), project / "mkdocs.nav.yml"]
    return {path.relative_to(project).as_posix(): (path.read_bytes() if path.is_file() else "folder",
                                                   path.stat().st_mode) for path in paths}


def test_a_target_that_cannot_be_written_makes_build_exit_73_naming_it_and_changes_nothing(project):
    (project / "docs" / "errata.md").write_text("stale\n", encoding="utf-8")  # would be rewritten first
    (project / "docs" / "index.md").unlink()
    (project / "docs" / "index.md").mkdir()  # unwritable, even for root (chmod would not stop root)
    before = _state(project)
    done = _run(project, "build")
    assert done.returncode == CANNOT_WRITE, done.stderr
    assert "error: cannot write docs/index.md: Is a directory" in done.stderr
    assert "wrote" not in done.stdout and _state(project) == before


def test_build_writes_with_the_umasks_mode_and_says_what_it_wrote(project):
    written = ["docs/errata.md", "mkdocs.nav.yml"]
    for name in written:
        (project / name).write_text("stale\n", encoding="utf-8")
        (project / name).chmod(0o600)
    done = _run(project, "build", umask=0o022)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [f"wrote {name}" for name in written]
    assert {(project / name).stat().st_mode & 0o777 for name in written} == {0o644}


# --- the temporary files of a killed build ---------------------------------------------------------

LEFT = ["docs/.index.md.k2_9xq0a.tmp", "docs/figures/.arc-en.svg.abcdefgh.tmp", ".mkdocs.nav.yml.12345678.tmp"]


def test_a_temporary_left_by_a_killed_build_makes_check_exit_1_naming_it_and_the_fix(project):
    for name in LEFT:
        (project / name).write_text("half a page", encoding="utf-8")
    done = _run(project, "check")
    assert done.returncode == STALE, done.stderr
    for name in LEFT:
        assert f"{name}: a temporary file left by an interrupted build; " \
               "fix with: python -m derivations build" in done.stderr
    report = json.loads(_run(project, "check", "--format", "json").stdout)
    assert report["exit_code"] == STALE and set(LEFT) <= set(report["stale_pages"])


def test_the_next_build_removes_a_killed_builds_temporaries_and_says_so(project):
    for name in LEFT:
        (project / name).write_text("half a page", encoding="utf-8")
    built = _run(project, "build")
    assert built.returncode == 0, built.stderr
    removed = [line.removeprefix("removed stale temporary file ") for line in built.stderr.splitlines()]
    assert sorted(removed) == sorted(LEFT)
    assert not any((project / name).exists() for name in LEFT)
    assert _run(project, "check").returncode == 0
