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
"""
import os
import pickle
import signal
import threading
from collections.abc import Callable, Sequence

_POSITION_BYTES = 2  # a task's position goes through the pipe as a 2-byte number
# Every position is written into the pipe before anyone reads it, so they must fit in its
# buffer (64 KiB on Linux, at least 16 KiB on macOS); longer lists run in one process.
MAX_SHARED_TASKS = 4096


def usable_cores() -> int:
    """The processor cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1


def _may_share(count: int, processes: int) -> bool:
    """Whether `count` tasks may go to copies of this process, `processes` processes in all."""
    return processes > 1 and 0 < count <= MAX_SHARED_TASKS and can_fork()


def run_all(tasks: Sequence[Callable[[], object]], processes: int | None = None) -> list:
    """Every task's result, in task order, using up to `processes` processes (default: one per core)."""
    processes = min(processes or usable_cores(), len(tasks))
    if not _may_share(len(tasks), processes):
        return [task() for task in tasks]
    queue_read = _queue(len(tasks))
    copies = [_fork_copy(tasks, queue_read) for _ in range(processes - 1)]
    results = _take_and_run(tasks, queue_read)
    os.close(queue_read)
    for pid, results_pipe in copies:
        results.update(_collect(pid, results_pipe))
    missing = [n for n in range(len(tasks)) if n not in results]
    results.update({n: tasks[n]() for n in missing})  # here a failing task raises as usual
    return [results[n] for n in range(len(tasks))]


class Started:
    """Tasks running in a copy of this process while this one goes on; see `started`."""

    def __init__(self, tasks: Sequence[Callable[[], object]], processes: int | None = None) -> None:
        self._tasks, self._copy = tasks, None
        if _may_share(len(tasks), processes or usable_cores()):
            queue_read = _queue(len(tasks))
            self._copy = _fork_copy(tasks, queue_read)
            os.close(queue_read)

    def results(self) -> list:
        """Every task's result in task order; a task the copy did not finish is run here."""
        done = _collect(*self._copy) if self._copy else {}
        self._copy = None
        done.update({n: task() for n, task in enumerate(self._tasks) if n not in done})
        return [done[n] for n in range(len(self._tasks))]

    def __enter__(self) -> "Started":
        return self

    def __exit__(self, *exception) -> None:
        if self._copy:  # left before its results were taken (an error): stop the copy
            pid, pipe = self._copy
            os.kill(pid, signal.SIGKILL)
            os.close(pipe)
            os.waitpid(pid, 0)
            self._copy = None


def started(tasks: Sequence[Callable[[], object]], processes: int | None = None) -> Started:
    """Start the tasks in a copy of this process now; `with started(…) as s: … s.results()`.

    Where no copy can be made (or `processes` is 1), the tasks run when their results are asked for.
    """
    return Started(tasks, processes)


def _queue(count: int) -> int:
    """The read end of a pipe holding the positions 0 … count − 1, already closed for writing."""
    read_end, write_end = os.pipe()
    _write_all(write_end, b"".join(n.to_bytes(_POSITION_BYTES, "big") for n in range(count)))
    os.close(write_end)  # readers see the end of the queue once it is empty
    return read_end


def _take_and_run(tasks: Sequence, queue: int) -> dict:
    """Results of the tasks taken from the queue until it is empty or a task raises."""
    results = {}
    while (position := os.read(queue, _POSITION_BYTES)):
        number = int.from_bytes(position, "big")
        try:
            results[number] = tasks[number]()
        except Exception:  # noqa: BLE001 - left out: run_all runs it again and lets it raise
            break
    return results


def _fork_copy(tasks: Sequence, queue: int) -> tuple:
    """Start a copy of this process that runs tasks from the queue; (its pid, its results' pipe)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write_end)
        return pid, read_end
    try:  # the copy: it must never return into the caller's code, whatever happens
        os.close(read_end)
        _write_all(write_end, pickle.dumps(_take_and_run(tasks, queue), protocol=pickle.HIGHEST_PROTOCOL))
    finally:
        os._exit(0)


def _write_all(pipe: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(pipe, view):]


def _collect(pid: int, pipe: int) -> dict:
    """A copy's results; empty if it died before sending them all (run_all then runs them)."""
    chunks = []
    while (chunk := os.read(pipe, 1 << 16)):
        chunks.append(chunk)
    os.close(pipe)
    os.waitpid(pid, 0)
    try:
        return pickle.loads(b"".join(chunks))
    except Exception:  # noqa: BLE001 - a truncated message: its tasks are simply run again
        return {}
