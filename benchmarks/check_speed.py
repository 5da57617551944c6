"""How long `python -m derivations check` takes, against `python -c "import sympy"`.

`check` runs on every commit, so it should cost little more than loading SymPy. Both
commands run alternately in fresh processes, in the same run on the same machine; the
report is their medians and the ratio (goal: at most 2x). Usage:

    python benchmarks/check_speed.py [--runs 9]
"""
import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE = [sys.executable, "-c", "import sympy"]
CHECK = [sys.executable, "-m", "derivations", "check"]


def wall_time(command: list) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    wall_time(CHECK)  # warm the file cache and the bytecode cache once
    baseline, check = [], []
    for _ in range(runs):
        baseline.append(wall_time(BASELINE))
        check.append(wall_time(CHECK))
    base, measured = statistics.median(baseline), statistics.median(check)
    print(f"import sympy      median {base:.3f} s over {runs} runs")
    print(f"derivations check median {measured:.3f} s over {runs} runs")
    print(f"ratio {measured / base:.2f}x (goal: at most 2x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
