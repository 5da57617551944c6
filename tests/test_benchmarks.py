"""The benchmark scripts still run: each one's quick mode completes and reports its figures.

Nothing here judges a time (a busy machine would make that flaky); the figures are the
scripts' business. Without these tests the scripts rot unnoticed, as math_render.py and
math_visible.py once did when docs/javascripts/ appeared.
"""
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RATIO = r"\d+\.\d+[x×]"


def quick_run(script: str) -> str:
    """The script's --quick output; fails with its stderr if it does not exit 0."""
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / script), "--quick"], cwd=ROOT,
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, f"{script} --quick exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def check_speed() -> str:
    return quick_run("check_speed.py")


def test_check_speed_reports_both_ways_of_checking_against_importing_sympy(check_speed):
    output = check_speed
    assert re.search(r"^import sympy +median \d+\.\d+ s$", output, re.M), output
    assert re.search(rf"^derivations check +median \d+\.\d+ s +ratio {RATIO}$", output, re.M), output
    assert re.search(rf"^derivations check --jobs 1 +median \d+\.\d+ s +ratio {RATIO}$", output, re.M), output


def test_check_speed_also_reports_the_processor_time_of_each_command(check_speed):
    output = check_speed
    assert re.search(r"^processor time \(user \+ system\):$", output, re.M), output
    assert re.search(r"^cpu import sympy +median \d+\.\d+ s$", output, re.M), output
    assert re.search(rf"^cpu derivations check +median \d+\.\d+ s +ratio {RATIO}$", output, re.M), output


def test_math_render_reports_the_build_time_ratio_and_the_size_of_each_page():
    output = quick_run("math_render.py")
    assert re.search(rf"^build time ratio SSR / client: {RATIO}", output, re.M), output
    for page in ("/", "/derivation", "/en/derivation"):
        sizes = r"\d+\.\d \(\d+\.\d\)"  # KB raw (gzip)
        assert re.search(rf"^\| {re.escape(page)} \| {sizes} \| {sizes} \|$", output, re.M), page
    assert "KaTeX JavaScript the client loads" in output


def test_math_visible_reports_time_and_byte_ratios_measured_in_chromium(browser_available):
    output = quick_run("math_visible.py")
    for measure in ("math of the first screen visible", "all math on the page visible"):
        assert re.search(rf"^\| {measure} \| .* \| {RATIO} \|$", output, re.M), measure
    assert re.search(rf"^\| total \| .* \| {RATIO}, {RATIO} \|$", output, re.M), output


def test_hostile_inputs_reports_refusals_and_the_slowest_input_against_the_example_file():
    output = quick_run("hostile_inputs.py")
    baseline = r"^baseline: the example file loaded and judged, median \d+\.\d+ s over \d+ runs$"
    assert re.search(baseline, output, re.M), output
    for count in ("inputs", "refused", "accepted"):
        assert re.search(rf"^{count}: \d+", output, re.M), count
    assert re.search(r"^other exceptions: 0$", output, re.M), output
    assert re.search(rf"^slowest input: .* \d+\.\d+ s  ratio {RATIO}$", output, re.M), output
