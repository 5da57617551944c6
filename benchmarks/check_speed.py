"""How long `python -m derivations check` takes, against `python -c "import sympy"`.

`check` runs on every commit, so it should cost little more than loading SymPy. The commands
run in turn in fresh processes, in the same run on the same machine; the report is their
medians and the ratios to the baseline (goal: at most 2x). `check` is measured twice: as
users run it (its checks shared by one process per core, see derivations/workers.py) and
with `--jobs 1`, all in one process, to show what the sharing gains. Usage:

    python benchmarks/check_speed.py [--runs 15]
"""
import argparse
import os
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


def wall_time(command: list) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def warm_up() -> None:
    # SymPy's bytecode was compiled when pip installed it; the package is installed editable,
    # so it is compiled here alike (`./dev setup` does the same). Python would write it on the
    # first run, except where PYTHONDONTWRITEBYTECODE is set, as on this project's machines.
    subprocess.run([sys.executable, "-m", "compileall", "-q", "derivations"], cwd=ROOT, check=True)
    for command in COMMANDS.values():  # and the file cache
        wall_time(command)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    warm_up()
    times = {name: [] for name in COMMANDS}
    for _ in range(runs):
        for name, command in COMMANDS.items():
            times[name].append(wall_time(command))
    medians = {name: statistics.median(measured) for name, measured in times.items()}
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"{runs} runs each, {cores} processor core(s)")
    for name, median in medians.items():
        ratio = "" if name == BASELINE else f"  ratio {median / medians[BASELINE]:.2f}x"
        print(f"{name:28s} median {median:.3f} s{ratio}")
    print("goal: derivations check at most 2x import sympy")
    return 0


if __name__ == "__main__":
    sys.exit(main())
