"""One Node.js process running hooks/katex_render.cjs, fed many formulas without waiting.

Owns the process: starting it, the line protocol (a JSON request out, a JSON reply in,
matched by id), the thread that reads the replies, and ending it cleanly. Requests are
written in batches and answered through `Pending` slots, so Node typesets while Python goes
on building pages. Knows nothing of MkDocs and caches nothing: hooks/katex_cache.py decides
what to ask and keeps the answers, hooks/katex.py what a failure means for the build.
"""
import json
import os
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

SCRIPT = Path(__file__).with_name("katex_render.cjs")
EXIT_GRACE_SECONDS = 5
# Turn V8's optimising compiler off before KaTeX is loaded: a build typesets ~150 formulas, too
# few to repay compiling hot functions. Measured on the site's 144 formulas, Node 20: 0.50 s ->
# 0.31 s of CPU (median of 10), same output. Set here rather than as a command-line option, which
# Node refuses when its V8 has no such flag; setFlagsFromString only complains on stderr.
START = f"require('v8').setFlagsFromString('--no-opt'); require({json.dumps(str(SCRIPT))});"


class KatexError(Exception):
    """KaTeX refused a formula (the message is KaTeX's own)."""


class KatexProcessError(RuntimeError):
    """The Node process died or answered out of protocol."""


@dataclass(frozen=True)
class Typeset:
    html: str
    warnings: tuple


class Pending:
    """The answer to one request, filled in by the reader thread."""

    def __init__(self):
        self._done = threading.Event()
        self._value: Typeset | None = None
        self._error: Exception | None = None

    def settle(self, value: Typeset | None = None, error: Exception | None = None) -> None:
        self._value, self._error = value, error
        self._done.set()

    def result(self) -> Typeset:
        """Waits for the answer; raises KatexError or KatexProcessError instead of returning."""
        self._done.wait()
        if self._error is not None:
            raise self._error
        return self._value


class KatexProcess:
    """A running renderer: `submit` batches, `render` one formula and wait, `close` at the end."""

    def __init__(self, node: str):
        # stderr goes to a file, never to the stdout pipe: a stray message there
        # would otherwise be read as some formula's reply.
        self._stderr = tempfile.TemporaryFile()
        self._proc = subprocess.Popen(
            [node, "-e", START], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=self._stderr, text=True, encoding="utf-8", cwd=SCRIPT.parent)
        self._lock = threading.Lock()
        self._waiting: dict[int, Pending] = {}
        self._last_id = 0
        self._broken: KatexProcessError | None = None
        # A thread drains stdout while the build writes more requests: without it, a batch whose
        # replies overflow the pipe would leave Node blocked on stdout and Python on stdin.
        self._reader = threading.Thread(target=self._read_replies, name="katex-replies", daemon=True)
        self._reader.start()

    def render(self, tex: str, display: bool) -> Typeset:
        """KaTeX's HTML+MathML for `tex`; raises KatexError if KaTeX cannot parse it."""
        return self.submit([(tex, display)])[0].result()

    def submit(self, formulas: list) -> list:
        """Sends every (tex, display) in one write and returns at once: one Pending each."""
        requests, slots = self._register(formulas)
        try:
            self._proc.stdin.write("".join(json.dumps(request) + "\n" for request in requests))
            self._proc.stdin.flush()
        except (BrokenPipeError, OSError, ValueError) as error:
            self._fail(self._died(f"could not talk to it ({error})"))
        return slots

    def _register(self, formulas: list) -> tuple:
        with self._lock:
            if self._broken is not None:
                raise self._broken
            requests, slots = [], []
            for tex, display in formulas:
                self._last_id += 1
                self._waiting[self._last_id] = slot = Pending()
                requests.append({"id": self._last_id, "tex": tex, "display": display})
                slots.append(slot)
        return requests, slots

    def _read_replies(self) -> None:
        for line in self._proc.stdout:
            try:
                reply = json.loads(line)
                slot = self._take(reply.get("id"))
            except (ValueError, AttributeError, KeyError):
                return self._fail(self._died(f"answered out of protocol: {line[:200]!r}"))
            if "error" in reply:
                slot.settle(error=KatexError(reply["error"]))
            else:
                slot.settle(Typeset(reply["html"], tuple(reply.get("warnings", ()))))
        self._fail(self._died("it exited"))

    def _take(self, request_id) -> Pending:
        with self._lock:
            return self._waiting.pop(request_id)   # KeyError: a reply to nothing we asked

    def _fail(self, error: KatexProcessError) -> None:
        """Every unanswered request, and every later one, fails with `error`."""
        with self._lock:
            self._broken = self._broken or error
            waiting, self._waiting = self._waiting, {}
        for slot in waiting.values():
            slot.settle(error=self._broken)

    def _died(self, what: str) -> KatexProcessError:
        return KatexProcessError(f"KaTeX renderer {SCRIPT.name}: {what}; its stderr:\n{self.stderr()}")

    def stderr(self) -> str:
        # pread, not seek + read: Node writes through a descriptor sharing this file's offset.
        fd = self._stderr.fileno()
        return os.pread(fd, os.fstat(fd).st_size, 0).decode("utf-8", "replace").strip()

    @property
    def pid(self) -> int:
        return self._proc.pid

    @property
    def alive(self) -> bool:
        return self._broken is None and self._proc.poll() is None

    def close(self) -> int:
        """Close stdin so the script ends by itself (kill it only if it will not); its exit status."""
        if self._proc.stdin and not self._proc.stdin.closed:
            try:
                self._proc.stdin.close()
            except BrokenPipeError:
                pass  # already gone: nothing left to tell it
        try:
            self._proc.wait(timeout=EXIT_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        self._reader.join()
        self._proc.stdout.close()
        self._stderr.close()
        return self._proc.returncode
