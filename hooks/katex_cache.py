"""KaTeX's answers for one `mkdocs` invocation's build, shared by all its language builds.

Owns the cache of typeset formulas, keyed by (TeX, display mode), and the one Node process
that fills it: started at the first formula asked for, started again if it has died, ended by
`close`. Must not decide when a build ends (hooks/katex.py does, and closes it then) nor know
pages or MkDocs. A request lost with a dead process is asked again, once, of a new one.

Measured on the site (403 formulas, 144 distinct: the Japanese and English pages share them;
2 cores, busy): before, each formula was a blocking round trip to one Node process per
language build, 1.4–2.1 s of waiting per build and 0.8 s of Node CPU. Caching across the
language builds leaves one process and 144 formulas (Node CPU 0.5 s; 0.3 s with the V8 flag in
hooks/katex_process.py), and asking for a page's formulas in one batch as soon as its Markdown
is converted lets Node typeset them while Python converts the other pages: the build now waits
about 1 ms for them in all.
"""
from katex_process import KatexProcess, KatexProcessError, Pending, Typeset


class FormulaCache:
    """`prefetch` a page's formulas early, `typeset` each when it is needed, `close` at the end."""

    def __init__(self, node: str):
        self._node = node
        self._process: KatexProcess | None = None
        self._answers: dict[tuple, Pending] = {}

    def prefetch(self, formulas: list) -> None:
        """Asks Node, in one batch and without waiting, for every (tex, display) not yet asked."""
        missing = [key for key in dict.fromkeys(formulas) if key not in self._answers]
        if missing:
            self._answers.update(zip(missing, self._renderer().submit(missing)))

    def typeset(self, tex: str, display: bool) -> Typeset:
        """KaTeX's answer; raises KatexError (bad TeX) or KatexProcessError (Node failed twice)."""
        key = (tex, display)
        self.prefetch([key])
        try:
            return self._answers[key].result()
        except KatexProcessError:
            # Node died (killed, out of memory) or broke the protocol: once more, in a new one.
            self._answers[key] = self._renderer().submit([key])[0]
            return self._answers[key].result()

    def _renderer(self) -> KatexProcess:
        if self._process is None or not self._process.alive:
            self._end_process()
            self._process = KatexProcess(self._node)
        return self._process

    def _end_process(self) -> int | None:
        process, self._process = self._process, None
        return None if process is None else process.close()

    def close(self) -> int | None:
        """Ends the process (its exit status; None if none ran) and forgets every answer."""
        self._answers.clear()
        return self._end_process()
