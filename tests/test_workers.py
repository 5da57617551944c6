"""Tasks shared between this process and forked copies give what running them in order gives."""
import os
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
