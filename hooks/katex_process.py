"""One Node.js process running hooks/katex_render.cjs, spoken to one formula at a time.

Owns the process: starting it, the line protocol (a JSON request out, a JSON reply in,
matched by id), and ending it cleanly. Knows nothing of MkDocs; hooks/katex.py decides
when to start and stop it and what a failure means for the build.
"""
import json
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

SCRIPT = Path(__file__).with_name("katex_render.cjs")
EXIT_GRACE_SECONDS = 5


class KatexError(Exception):
    """KaTeX refused a formula (the message is KaTeX's own)."""


class KatexProcessError(RuntimeError):
    """The Node process died or answered out of protocol."""


@dataclass(frozen=True)
class Typeset:
    html: str
    warnings: tuple


class KatexProcess:
    """A running renderer; use `render` per formula and `close` once at the end."""

    def __init__(self, node: str):
        # stderr goes to a file, never to the stdout pipe: a stray message there
        # would otherwise be read as some formula's reply.
        self._stderr = tempfile.TemporaryFile()
        self._proc = subprocess.Popen(
            [node, str(SCRIPT)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=self._stderr, text=True, encoding="utf-8", cwd=SCRIPT.parent)
        self._last_id = 0

    def render(self, tex: str, display: bool) -> Typeset:
        """KaTeX's HTML+MathML for `tex`; raises KatexError if KaTeX cannot parse it."""
        self._last_id += 1
        reply = self._ask({"id": self._last_id, "tex": tex, "display": display})
        if "error" in reply:
            raise KatexError(reply["error"])
        return Typeset(reply["html"], tuple(reply.get("warnings", ())))

    def _ask(self, request: dict) -> dict:
        try:
            self._proc.stdin.write(json.dumps(request) + "\n")
            self._proc.stdin.flush()
            line = self._proc.stdout.readline()
        except (BrokenPipeError, OSError) as error:
            raise self._died(f"could not talk to it ({error})") from error
        if not line:
            raise self._died("it exited")
        reply = json.loads(line)
        if reply.get("id") != request["id"]:
            raise self._died(f"reply {reply.get('id')!r} does not answer request {request['id']}")
        return reply

    def _died(self, what: str) -> KatexProcessError:
        return KatexProcessError(f"KaTeX renderer {SCRIPT.name}: {what}; its stderr:\n{self.stderr()}")

    def stderr(self) -> str:
        self._stderr.seek(0)
        return self._stderr.read().decode("utf-8", "replace").strip()

    @property
    def pid(self) -> int:
        return self._proc.pid

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
        self._proc.stdout.close()
        self._stderr.close()
        return self._proc.returncode
