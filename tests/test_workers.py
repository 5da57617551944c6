"""Tasks shared between this process and forked copies give what running them in order gives."""
import os
import threading
import time

import pytest

from derivations import workers

forking = pytest.mark.skipif(not hasattr(os, "fork") or workers.usable_cores() < 2,
                             reason="sharing needs fork and two processor cores")


def _square(n: int):
    return lambda: n * n


def _pid_after_a_pause():
    # A pause, so that every process has the time to take tasks from the queue.
    time.sleep(0.02)
    return os.getpid()


def _no_child_left() -> bool:
    """Every copy has been waited for: this process has no child, running or finished."""
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


@pytest.mark.parametrize("processes", [1, 2, 3])
def test_results_come_back_in_task_order_whatever_the_number_of_processes(processes):
    tasks = [_square(n) for n in range(40)]
    assert workers.run_all(tasks, processes) == [n * n for n in range(40)]


@forking
def test_the_tasks_really_are_shared_between_processes():
    pids = workers.run_all([_pid_after_a_pause] * 12, 2)
    assert os.getpid() in pids and len(set(pids)) == 2
    assert _no_child_left()


def test_one_process_runs_every_task_here():
    assert set(workers.run_all([_pid_after_a_pause] * 4, 1)) == {os.getpid()}


@forking
def test_nothing_is_forked_while_other_threads_run():
    release = threading.Event()
    waiting = threading.Thread(target=release.wait)
    waiting.start()
    try:
        assert set(workers.run_all([_pid_after_a_pause] * 6, 2)) == {os.getpid()}
    finally:
        release.set()
        waiting.join()


@forking
def test_a_failing_task_raises_here_as_it_would_without_sharing():
    def fails():
        raise ValueError("task 5 does not hold")

    tasks = [_square(n) for n in range(5)] + [fails] + [_square(n) for n in range(6, 12)]
    with pytest.raises(ValueError, match="task 5 does not hold"):
        workers.run_all(tasks, 2)
    assert _no_child_left()


@forking
def test_the_tasks_of_a_copy_that_dies_are_run_here():
    parent = os.getpid()

    def dies_in_a_copy():
        if os.getpid() != parent:
            os._exit(9)
        return "done here"

    results = workers.run_all([_pid_after_a_pause, dies_in_a_copy] * 6, 2)
    assert results[1::2] == ["done here"] * 6
    assert _no_child_left()


@forking
def test_a_started_copy_gives_its_results_when_asked():
    with workers.started([_square(n) for n in range(10)]) as running:
        assert workers.run_all([_square(n) for n in range(3)], 2) == [0, 1, 4]
        assert running.results() == [n * n for n in range(10)]
    assert _no_child_left()


@forking
def test_a_started_copy_is_stopped_when_its_results_are_never_asked_for():
    with pytest.raises(KeyError):
        with workers.started([lambda: time.sleep(5)]):
            raise KeyError("an error before the results are taken")
    assert _no_child_left()


def test_started_tasks_run_here_when_one_process_is_asked_for():
    with workers.started([_pid_after_a_pause] * 2, processes=1) as running:
        assert running.results() == [os.getpid()] * 2
