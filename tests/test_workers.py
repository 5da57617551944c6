"""Tasks shared between this process and forked copies give what running them in order gives."""
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from derivations import workers

forking = pytest.mark.skipif(not hasattr(os, "fork") or workers.usable_cores() < 2,
                             reason="sharing needs fork and two processor cores")


@pytest.fixture(autouse=True)
def fork_despite_the_sessions_threads(monkeypatch):
    """Earlier tests leave threads running (the browser tests' web server), and `workers`
    rightly refuses to fork then. The copies of these tests touch no lock of such a thread,
    so here they may; the one test about threads puts the rule back."""
    monkeypatch.setattr(workers, "can_fork", lambda: hasattr(os, "fork"))


# Python 3.12+ warns on fork() while threads run, which the setting above allows here.
pytestmark = pytest.mark.filterwarnings("ignore:.*multi-threaded.*fork:DeprecationWarning")


def _square(n: int):
    return lambda: n * n


def _noting_pid(notes: Path, pause: float = 0.02):
    """A task that notes the process it ran in, after a pause that lets every process take tasks."""
    def task():
        with open(notes, "a", encoding="ascii") as file:
            file.write(f"{os.getpid()}\n")
        time.sleep(pause)
        return os.getpid()
    return task


def _copies(notes: Path) -> set:
    return {int(line) for line in notes.read_text(encoding="ascii").split()} - {os.getpid()}


def _all_waited_for(pids: set) -> bool:
    """Each copy has ended and been waited for by `workers`: none is left running or a zombie."""
    for pid in pids:
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            continue
        return False
    return True


@pytest.mark.parametrize("processes", [1, 2, 3])
def test_results_come_back_in_task_order_whatever_the_number_of_processes(processes):
    tasks = [_square(n) for n in range(40)]
    assert workers.run_all(tasks, processes) == [n * n for n in range(40)]


@forking
def test_the_tasks_really_are_shared_between_processes(tmp_path):
    notes = tmp_path / "pids"
    pids = workers.run_all([_noting_pid(notes)] * 12, 2)
    assert os.getpid() in pids and len(set(pids)) == 2
    assert _copies(notes) and _all_waited_for(_copies(notes))


def test_one_process_runs_every_task_here(tmp_path):
    assert set(workers.run_all([_noting_pid(tmp_path / "pids")] * 4, 1)) == {os.getpid()}


@forking
def test_nothing_is_forked_while_other_threads_run(tmp_path, monkeypatch):
    monkeypatch.undo()  # the rule itself, not the test's exception to it
    release = threading.Event()
    waiting = threading.Thread(target=release.wait)
    waiting.start()
    try:
        assert set(workers.run_all([_noting_pid(tmp_path / "pids")] * 6, 2)) == {os.getpid()}
    finally:
        release.set()
        waiting.join()


@forking
def test_a_failing_task_raises_here_as_it_would_without_sharing(tmp_path):
    notes = tmp_path / "pids"

    def fails():
        raise ValueError("task 5 does not hold")

    tasks = [_noting_pid(notes) for _ in range(5)] + [fails] + [_noting_pid(notes) for _ in range(6)]
    with pytest.raises(ValueError, match="task 5 does not hold"):
        workers.run_all(tasks, 2)
    assert _all_waited_for(_copies(notes))


@forking
def test_the_tasks_of_a_copy_that_dies_are_run_here(tmp_path):
    notes, parent = tmp_path / "pids", os.getpid()

    def dies_in_a_copy():
        if os.getpid() != parent:
            os._exit(9)
        return "done here"

    results = workers.run_all([_noting_pid(notes), dies_in_a_copy] * 6, 2)
    assert results[1::2] == ["done here"] * 6
    assert _all_waited_for(_copies(notes))


@forking
def test_a_started_copy_gives_its_results_when_asked(tmp_path):
    notes = tmp_path / "pids"
    with workers.started([_noting_pid(notes, 0)] + [_square(n) for n in range(1, 10)]) as running:
        assert workers.run_all([_square(n) for n in range(3)], 2) == [0, 1, 4]
        results = running.results()
    assert results[1:] == [n * n for n in range(1, 10)] and results[0] != os.getpid()
    assert _all_waited_for(_copies(notes))


@forking
def test_a_started_copy_is_stopped_when_its_results_are_never_asked_for(tmp_path):
    notes = tmp_path / "pids"
    with pytest.raises(KeyError):
        with workers.started([_noting_pid(notes, pause=30)]):
            deadline = time.monotonic() + 10
            while not (notes.exists() and notes.read_text(encoding="ascii").strip()) and time.monotonic() < deadline:
                time.sleep(0.01)
            raise KeyError("an error before the results are taken")
    assert _copies(notes) and _all_waited_for(_copies(notes))


def test_started_tasks_run_here_when_one_process_is_asked_for(tmp_path):
    with workers.started([_noting_pid(tmp_path / "pids")] * 2, processes=1) as running:
        assert running.results() == [os.getpid()] * 2


def test_more_tasks_than_the_queue_holds_run_here_in_order(tmp_path, monkeypatch):
    monkeypatch.setattr(workers, "MAX_SHARED_TASKS", 3)
    assert workers.run_all([_noting_pid(tmp_path / "pids", 0)] * 4, 2) == [os.getpid()] * 4


def _wait_for_a_copy_at_work(notes: Path) -> None:
    deadline = time.monotonic() + 10
    while not (notes.exists() and _copies(notes)) and time.monotonic() < deadline:
        time.sleep(0.01)


@forking
@pytest.mark.parametrize("interruption", [KeyboardInterrupt, SystemExit])
def test_an_interrupt_in_this_processs_own_task_leaves_no_copy_running_or_unreaped(tmp_path, interruption):
    notes, parent = tmp_path / "pids", os.getpid()

    def task():
        _noting_pid(notes, pause=0)()
        if os.getpid() == parent:
            _wait_for_a_copy_at_work(notes)
            raise interruption()
        time.sleep(30)  # a copy would still be at this when run_all is left, were it not killed

    started = time.monotonic()
    with pytest.raises(interruption):
        workers.run_all([task] * 4, 2)
    assert _copies(notes) and _all_waited_for(_copies(notes))
    assert time.monotonic() - started < 15  # killed, not waited for


@forking
def test_an_error_while_the_copies_results_are_collected_leaves_no_copy_behind(tmp_path, monkeypatch):
    notes = tmp_path / "pids"

    def broken(_):
        raise OSError("the results' pipe broke")

    monkeypatch.setattr(workers._Copy, "results", broken)
    with pytest.raises(OSError, match="pipe broke"):
        workers.run_all([_noting_pid(notes, pause=0.2)] * 6, 3)
    assert _copies(notes) and _all_waited_for(_copies(notes))


@forking
def test_an_interrupt_before_a_started_copys_results_are_taken_stops_it(tmp_path):
    notes = tmp_path / "pids"
    with pytest.raises(KeyboardInterrupt):
        with workers.started([_noting_pid(notes, pause=30)]):
            _wait_for_a_copy_at_work(notes)
            workers.run_all([_square(n) for n in range(4)], 2)
            raise KeyboardInterrupt
    assert _copies(notes) and _all_waited_for(_copies(notes))


def test_stopping_a_copy_twice_does_nothing_the_second_time(tmp_path):
    if not hasattr(os, "fork"):
        pytest.skip("needs fork")
    queue = workers._queue(1)
    copy = workers._Copy([lambda: 1], queue)
    os.close(queue)
    assert copy.results() == {0: 1}
    copy.stop()
    assert copy.pid is None


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_copy_whose_parent_is_already_gone_exits_at_once():
    pid = os.fork()
    if pid == 0:  # the copy: told its parent is another process, as if its own had died before it ran
        try:
            workers._die_with(parent=os.getppid() + 1)
        finally:
            os._exit(3)  # reached only if _die_with returned
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0


THREAD_COUNTS = """
import _thread, threading
from derivations import workers
alone = workers.can_fork()
held = _thread.allocate_lock()
held.acquire()
_thread.start_new_thread(held.acquire, ())  # a thread that `threading` does not know of
print(alone, threading.active_count(), workers.os_threads(), workers.can_fork())
"""


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="the system's thread count is read from /proc")
def test_a_thread_python_does_not_know_of_forbids_forking():
    # In a fresh process, so that no thread of the test session counts.
    done = subprocess.run([sys.executable, "-c", THREAD_COUNTS], capture_output=True, text=True, timeout=60,
                          cwd=Path(__file__).resolve().parents[1])
    assert done.stdout.split() == ["True", "1", "2", "False"], done.stderr
