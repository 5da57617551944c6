"""Independent checks shared between this process and forked copies of it, one per core.

Owns the processes and the pipes between them; knows nothing of chains, claims or formulas.
A task is a function of no arguments whose result pickles. `run_all` returns the results
in task order, equal to running the tasks one after the other: that is also what it does
where there is one core, no `fork` (Windows), or other threads (forking those is unsafe).

A forked copy already holds everything built before the fork, so a task is handed over
as its position in the list, never pickled. Both sides take positions from one pipe until
it is empty, so a slow task does not leave the other core idle. A task a copy did not
finish (it raised, or the copy died) is run again here, where its exception surfaces as
it would have without the copies.

No copy outlives the code that started it: when that code raises (an exception or a
KeyboardInterrupt), its copies are killed and waited for before the exception goes on; when
this process dies (SIGTERM, SIGKILL), the kernel kills them (Linux's parent-death signal),
or elsewhere each stops before its next task. Nothing here may leave a copy running or a
zombie behind.
"""
import contextlib
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Sequence

_POSITION_BYTES = 2  # a task's position goes through the pipe as a 2-byte number
# Every position is written into the pipe before anyone reads it, so they must fit in its
# buffer (64 KiB on Linux, at least 16 KiB on macOS); longer lists run in one process.
MAX_SHARED_TASKS = 4096
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def usable_cores() -> int:
    """The processor cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def os_threads() -> int:
    """This process's threads as the system counts them (a library's own threads too) where it
    can tell (/proc), else the threads Python knows of."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return threading.active_count()


def can_fork() -> bool:
    # Another thread may hold a lock (malloc's, a library's) at the moment of the fork, and
    # the copy would wait for it forever. Counted by the system: numpy's BLAS threads, for
    # one, are no Python thread.
    return hasattr(os, "fork") and os_threads() == 1


def _may_share(count: int, processes: int) -> bool:
    """Whether `count` tasks may go to copies of this process, `processes` processes in all."""
    return processes > 1 and 0 < count <= MAX_SHARED_TASKS and can_fork()


def run_all(tasks: Sequence[Callable[[], object]], processes: int | None = None) -> list:
    """Every task's result, in task order, using up to `processes` processes (default: one per core)."""
    processes = min(processes or usable_cores(), len(tasks))
    if not _may_share(len(tasks), processes):
        return [task() for task in tasks]
    queue, copies = _queue(len(tasks)), []
    try:
        copies.extend(_Copy(tasks, queue) for _ in range(processes - 1))
        results = _take_and_run(tasks, queue)
        for copy in copies:
            results.update(copy.results())
    finally:  # also on an error or Ctrl-C here: no copy is left running, nor unreaped
        os.close(queue)
        for copy in copies:
            copy.stop()
    missing = [n for n in range(len(tasks)) if n not in results]
    results.update({n: tasks[n]() for n in missing})  # here a failing task raises as usual
    return [results[n] for n in range(len(tasks))]


class Started:
    """Tasks running in a copy of this process while this one goes on; see `started`."""

    def __init__(self, tasks: Sequence[Callable[[], object]], processes: int | None = None) -> None:
        self._tasks, self._copy = tasks, None
        if _may_share(len(tasks), processes or usable_cores()):
            queue = _queue(len(tasks))
            try:
                self._copy = _Copy(tasks, queue)
            finally:
                os.close(queue)

    def results(self) -> list:
        """Every task's result in task order; a task the copy did not finish is run here."""
        done = self._copy.results() if self._copy else {}
        done.update({n: task() for n, task in enumerate(self._tasks) if n not in done})
        return [done[n] for n in range(len(self._tasks))]

    def __enter__(self) -> "Started":
        return self

    def __exit__(self, *exception) -> None:
        if self._copy:  # left before its results were taken (an error, Ctrl-C): stop the copy
            self._copy.stop()


def started(tasks: Sequence[Callable[[], object]], processes: int | None = None) -> Started:
    """Start the tasks in a copy of this process now; `with started(…) as s: … s.results()`.

    Where no copy can be made (or `processes` is 1), the tasks run when their results are asked for.
    """
    return Started(tasks, processes)


class _Copy:
    """A forked copy of this process that runs tasks from the queue, and the pipe of its results."""

    def __init__(self, tasks: Sequence, queue: int) -> None:
        parent = os.getpid()
        read_end, write_end = os.pipe()
        self.pid, self._pipe = os.fork(), read_end
        if self.pid == 0:
            _serve(tasks, queue, parent, read_end, write_end)
        os.close(write_end)

    def results(self) -> dict:
        """The copy's results once it has sent them and ended; empty if it died first (they are then run here)."""
        chunks = []
        while (chunk := os.read(self._pipe, 1 << 16)):
            chunks.append(chunk)
        self.stop()  # it closed the pipe as it ended: this only waits for it
        try:
            return pickle.loads(b"".join(chunks))
        except Exception:  # noqa: BLE001 - a truncated message: its tasks are simply run again
            return {}

    def stop(self) -> None:
        """Kill the copy if it still runs, wait for it and close its pipe; once stopped, nothing more."""
        if self.pid is not None:
            # Suppressed: a second call interrupted between the wait and forgetting the pid.
            with contextlib.suppress(ProcessLookupError, ChildProcessError):
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            self.pid = None
        if self._pipe is not None:
            os.close(self._pipe)
            self._pipe = None


def _serve(tasks: Sequence, queue: int, parent: int, read_end: int, write_end: int) -> None:
    """The copy's whole life: run tasks from the queue, send their results, exit. Never returns."""
    try:  # it must never return into the caller's code, whatever happens
        _die_with(parent)
        os.close(read_end)
        results = _take_and_run(tasks, queue, parent)
        _write_all(write_end, pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL))
    finally:
        os._exit(0)


def _die_with(parent: int) -> None:
    """Have the system kill this copy when its parent dies; exit at once if it already has."""
    if sys.platform.startswith("linux"):
        # The signal comes when the thread that forked ends: the only one, as can_fork demands.
        import ctypes  # already loaded by SymPy; here so that importing workers costs nothing

        with contextlib.suppress(OSError, AttributeError):  # no prctl: the check below still applies
            ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    # Elsewhere (macOS) no such signal exists: `_take_and_run` asks before each task instead,
    # so a copy outlives its parent by one task at most. On Linux the parent may have died
    # before the signal was set: the copy has then been adopted by another process.
    if os.getppid() != parent:
        os._exit(0)


def _queue(count: int) -> int:
    """The read end of a pipe holding the positions 0 … count − 1, already closed for writing."""
    read_end, write_end = os.pipe()
    _write_all(write_end, b"".join(n.to_bytes(_POSITION_BYTES, "big") for n in range(count)))
    os.close(write_end)  # readers see the end of the queue once it is empty
    return read_end


def _take_and_run(tasks: Sequence, queue: int, parent: int | None = None) -> dict:
    """Results of the tasks taken from the queue until it is empty or a task raises; in a copy
    (`parent` given), also until the parent is gone."""
    results = {}
    while (parent is None or os.getppid() == parent) and (position := os.read(queue, _POSITION_BYTES)):
        number = int.from_bytes(position, "big")
        try:
            results[number] = tasks[number]()
        except Exception:  # noqa: BLE001 - left out: run_all runs it again and lets it raise
            break
    return results


def _write_all(pipe: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(pipe, view):]
