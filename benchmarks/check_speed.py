"""How long `python -m derivations check` takes, against `python -c "import sympy"`.

`check` runs on every commit, so it should cost little more than loading SymPy. The commands
run in turn in fresh processes, in the same run on the same machine; the report is their
medians and the ratios to the baseline (goal: at most 2x). `check` is measured twice: as
users run it (its checks shared by one process per core, see derivations/workers.py) and
with `--jobs 1`, all in one process, to show what the sharing gains. Usage:

    python benchmarks/check_speed.py [--runs 15] [--quick] [--one-core]

(--one-core: this process and every command it runs are kept to one processor core, as on a
one-core machine, where `check` cannot share its checks.)

(--quick: one run of each command and no warm-up, as the test suite runs it to keep the script
working; its figures are of cold runs and mean little.)

Besides the wall times, the processor time of each command (user + system, its forked copies
included) is reported: on a machine others share, wall times drift with their load, while
processor time shows what the command itself costs (but not what sharing two cores gains).
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = {
    "import sympy": [sys.executable, "-c", "import sympy"],
    "derivations check": [sys.executable, "-m", "derivations", "check"],
    "derivations check --jobs 1": [sys.executable, "-m", "derivations", "check", "--jobs", "1"],
}
BASELINE = "import sympy"


# `check` exits 1 for a stale page only after every check has run and every page was generated,
# so such a run took the full time; any other failure stopped early and is not a measurement.
FULL_RUN_EXITS = {0, 1}


def processor_time() -> float:
    """User + system time of this process's ended children so far (each waited for)."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def wall_time(command: list) -> tuple:
    """(wall time, processor time) of one run of the command."""
    start, before = time.perf_counter(), processor_time()
    done = subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed, used = time.perf_counter() - start, processor_time() - before
    if done.returncode not in FULL_RUN_EXITS:
        raise SystemExit(f"{' '.join(command[1:])} exited {done.returncode}, not a full run:\n{done.stderr}")
    if done.returncode == 1:
        print(f"note: {' '.join(command[2:])} found stale pages (exit 1); it ran every check all the same",
              file=sys.stderr)
    return elapsed, used


def warm_up() -> None:
    # SymPy's bytecode was compiled when pip installed it; the package is installed editable,
    # so it is compiled here alike (`./dev setup` does the same). Python would write it on the
    # first run, except where PYTHONDONTWRITEBYTECODE is set, as on this project's machines.
    subprocess.run([sys.executable, "-m", "compileall", "-q", "derivations"], cwd=ROOT, check=True)
    for command in COMMANDS.values():  # and the file cache
        wall_time(command)


def measure(runs: int) -> tuple:
    """The median wall time and the median processor time of each command, the commands taking turns."""
    times = {name: [] for name in COMMANDS}
    for _ in range(runs):
        for name, command in COMMANDS.items():
            times[name].append(wall_time(command))
    walls = {name: statistics.median(wall for wall, _ in measured) for name, measured in times.items()}
    return walls, {name: statistics.median(used for _, used in measured) for name, measured in times.items()}


def report(medians: tuple, runs: int) -> str:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    walls, processor = medians
    # Others' processes share the cores: their load, averaged over the last minute, says how far
    # the wall times may be from a quiet machine's (processor time drifts far less).
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg()) if hasattr(os, "getloadavg") else "unknown"
    return "\n".join([f"{runs} runs each, {cores} processor core(s), load average {load} (1, 5, 15 min) at the end",
                      *_lines(walls, ""),
                      "processor time (user + system):", *_lines(processor, "cpu "),
                      "goal: derivations check at most 2x import sympy (wall time)"])


def _lines(medians: dict, prefix: str) -> list:
    return [f"{prefix}{name:28s} median {median:.3f} s" + ("" if name == BASELINE else
                                                            f"  ratio {median / medians[BASELINE]:.2f}x")
            for name, median in medians.items()]


def main(argv: list | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--quick", action="store_true", help="one run each, no warm-up (what the tests run)")
    parser.add_argument("--one-core", action="store_true", help="run everything on one processor core")
    args = parser.parse_args(argv)
    if args.one_core:  # inherited by every command started from here on
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    runs = 1 if args.quick else args.runs
    if not args.quick:
        warm_up()
    print(report(measure(runs), runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
