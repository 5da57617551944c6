"""The calculator's generated arithmetic (derivations/calculator.py): the module printed from the
derivation's SymPy formulas, run in Node on random tables, gives the values of independent
oracles (scipy.stats.entropy, sklearn.metrics.log_loss, math.log on fractions); a changed formula
changes the module; the presets come from the data and the errata's diagnoses; only the part-5
page loads the calculator, with its words in the page's language and a message without JavaScript."""
import html
import json
import math
import random
import re
import shutil
import subprocess
import tomllib
from fractions import Fraction
from pathlib import Path

import pytest
import sympy
from scipy.stats import entropy
from sklearn.metrics import log_loss

from derivations import calculator, cli, model, outcomes
from derivations.calculator import Formulas, JavaScriptPrinter, Preset
from derivations.pages import build_pages
from derivations.prose import catalogue
from derivations.render import Edition
from derivations.symbols import K, i, k, t, y

ROOT = Path(__file__).resolve().parents[1]
NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="needs Node (./dev setup)")
BASES = {"e": math.e, "2": 2, "10": 10}
# Runs the generated module and evaluates each table with it; values as text, so ±Infinity survive JSON.
RUNNER = r"""
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
require('vm').runInThisContext(input.module);
const xe = globalThis.crossEntropy;
const out = input.tables.map(({t, y, base, signDropped}) => {
  const f = signDropped ? xe.signDropped : xe, N = y.length, K = y[0].length, b = xe.bases[base];
  const each = (g) => y.map((_, i) => String(g(i + 1)));
  return {samples: each(i => f.sampleLoss(t, y, i, K, b)), total: String(f.totalLoss(t, y, N, K, b)),
          mean: String(f.meanLoss(t, y, N, K, b)), rowSums: each(i => xe.rowSum(y, i, K)),
          normalized: y.map((row, i) => row.map((_, k) => xe.normalized(y, i + 1, k + 1, K)))};
});
process.stdout.write(JSON.stringify(out));
"""


def run_in_node(module: str, tables: list) -> list:
    done = subprocess.run([NODE, "-e", RUNNER], input=json.dumps({"module": module, "tables": tables}),
                          capture_output=True, text=True, timeout=60, check=True)
    return [{key: _floats(value) for key, value in result.items()} for result in json.loads(done.stdout)]


def _floats(value):
    return [_floats(v) for v in value] if isinstance(value, list) else float(value)


def one_hot(true_classes: list, classes: int) -> list:
    return [[int(column == c) for column in range(1, classes + 1)] for c in true_classes]


def random_table(rng: random.Random) -> dict:
    """A table of 1–10 samples and 2–6 classes whose rows sum to 1, and a base."""
    samples, classes = rng.randint(1, 10), rng.randint(2, 6)
    rows = []
    for _ in range(samples):
        weights = [Fraction(rng.randint(1, 1000)) for _ in range(classes)]
        rows.append([float(w / sum(weights)) for w in weights])
    true_classes = [rng.randint(1, classes) for _ in range(samples)]
    return {"y": rows, "t": one_hot(true_classes, classes), "true": true_classes,
            "base": rng.choice(sorted(BASES)), "signDropped": False}


@pytest.fixture(scope="module")
def module_text(site) -> str:
    return calculator.scripts(site)[calculator.SCRIPT]


# --- the printer -------------------------------------------------------------------------------


def test_a_table_cell_is_printed_as_a_zero_based_javascript_array_element():
    assert JavaScriptPrinter().doprint(y[i, k]) == "y[i - 1][k - 1]"


def test_a_sum_is_printed_as_a_call_with_its_term_as_a_function_of_its_bound_index():
    assert JavaScriptPrinter().doprint(sympy.Sum(y[i, k], (k, 1, K))) == "sum(1, K, (k) => y[i - 1][k - 1])"


def test_the_change_of_base_divides_every_log_by_the_log_of_the_base():
    assert calculator.in_base(sympy.log(y[i, k])) == sympy.log(y[i, k]) / sympy.log(calculator.base)


def test_a_term_with_a_zero_label_is_zero_rather_than_zero_times_minus_infinity():
    term = calculator.zero_label_terms_vanish(t[i, k] * sympy.log(y[i, k]))
    assert term.subs({t[i, k]: 0, y[i, k]: 0}) == 0
    assert term.subs({t[i, k]: 1, y[i, k]: 0}).is_infinite


def test_a_formula_with_a_symbol_no_parameter_gives_is_refused():
    stranger = sympy.Symbol("q")
    with pytest.raises(ValueError, match="q"):
        calculator.function_code("sampleLoss", stranger * model.per_sample_loss(i, K), JavaScriptPrinter())


# --- the generated module ----------------------------------------------------------------------


def test_the_committed_module_is_the_one_the_build_prints(module_text):
    assert (ROOT / "docs" / calculator.SCRIPT).read_text(encoding="utf-8") == module_text


def test_check_reports_a_missing_module_as_stale_and_build_writes_it(tmp_path, capsys, module_text):
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    (docs / calculator.SCRIPT).unlink()
    assert cli.main(["check", "--docs", str(docs), "--jobs", "1"]) == outcomes.STALE.code
    assert f"{calculator.SCRIPT} (generated)" in capsys.readouterr().out
    cli.main(["build", "--docs", str(docs), "--jobs", "1"])
    assert (docs / calculator.SCRIPT).read_text(encoding="utf-8") == module_text


def test_the_module_is_the_same_text_every_time(site, module_text):
    assert calculator.scripts(site)[calculator.SCRIPT] == module_text


def test_every_function_body_of_the_module_comes_from_the_printer(module_text):
    # Each loss is printed from its SymPy expression: the module holds exactly the printer's text.
    printer = JavaScriptPrinter()
    for name, expr in Formulas().losses().items():
        body = calculator.function_code(name, calculator.zero_label_terms_vanish(calculator.in_base(expr)), printer)
        assert body in module_text, name


@needs_node
def test_the_losses_agree_with_scipy_sklearn_and_math_on_random_tables(module_text):
    rng = random.Random(20261130)
    tables = [random_table(rng) for _ in range(60)]
    for table, result in zip(tables, run_in_node(module_text, tables)):
        base, natural = BASES[table["base"]], table["base"] == "e"
        expected = [entropy(t_row, y_row, base=None if natural else base) for t_row, y_row in zip(table["t"], table["y"])]
        assert result["samples"] == pytest.approx(expected, rel=1e-12)
        total = math.fsum(-math.log(row[c - 1]) / math.log(base) for row, c in zip(table["y"], table["true"]))
        assert result["total"] == pytest.approx(total, rel=1e-12)
        assert result["mean"] == pytest.approx(total / len(table["y"]), rel=1e-12)
        assert result["rowSums"] == pytest.approx([1.0] * len(table["y"]), abs=1e-12)


@needs_node
def test_the_natural_log_sum_and_mean_agree_with_sklearn_log_loss(module_text):
    rng = random.Random(7)
    tables = [{**random_table(rng), "base": "e"} for _ in range(20)]
    for table, result in zip(tables, run_in_node(module_text, tables)):
        labels = list(range(1, len(table["y"][0]) + 1))
        assert result["total"] == pytest.approx(log_loss(table["true"], table["y"], labels=labels, normalize=False))
        assert result["mean"] == pytest.approx(log_loss(table["true"], table["y"], labels=labels))


@needs_node
def test_dropping_the_sign_negates_every_loss(module_text):
    table = random_table(random.Random(3))
    kept, dropped = run_in_node(module_text, [table, {**table, "signDropped": True}])
    assert dropped["samples"] == [-v for v in kept["samples"]]
    assert (dropped["total"], dropped["mean"]) == (-kept["total"], -kept["mean"])


@needs_node
def test_a_zero_probability_counts_nothing_off_the_true_class_and_is_infinite_on_it(module_text):
    tables = [{"y": [[0.0, 1.0]], "t": [[0, 1]], "base": "e", "signDropped": False},
              {"y": [[0.0, 1.0], [0.5, 0.5]], "t": [[1, 0], [1, 0]], "base": "2", "signDropped": False}]
    off_true, on_true = run_in_node(module_text, tables)
    assert off_true["samples"] == [0.0] and off_true["mean"] == 0.0
    assert on_true["samples"] == [math.inf, 1.0] and on_true["total"] == math.inf and on_true["mean"] == math.inf


@needs_node
def test_normalizing_divides_a_row_by_its_sum(module_text):
    rows = [[0.2, 0.2, 0.1], [0.5, 0.25, 0.75]]
    (result,) = run_in_node(module_text, [{"y": rows, "t": one_hot([1, 2], 3), "base": "e", "signDropped": False}])
    assert result["rowSums"] == pytest.approx([0.5, 1.5])
    expected = [float(Fraction(str(v)) / sum(Fraction(str(w)) for w in row)) for row in rows for v in row]
    assert [v for row in result["normalized"] for v in row] == pytest.approx(expected, rel=1e-15)


@needs_node
def test_a_changed_formula_prints_a_changed_module_that_computes_the_change(module_text):
    doubled = calculator.module_text(Formulas(sample=2 * model.per_sample_loss(i, K)), {})
    assert doubled != calculator.module_text(Formulas(), {})
    table = {**random_table(random.Random(11)), "base": "e"}
    (ours,), (theirs,) = run_in_node(module_text, [table]), run_in_node(doubled, [table])
    assert theirs["samples"] == pytest.approx([2 * v for v in ours["samples"]])
    assert theirs["mean"] == pytest.approx(ours["mean"])  # only the per-sample formula was changed


# --- the presets ---------------------------------------------------------------------------------


def article_data() -> dict:
    return tomllib.loads((ROOT / "data" / "part5.toml").read_text(encoding="utf-8"))


def test_the_correct_preset_is_the_data_files_table_computed_as_defined(verified):
    data = article_data()
    preset = calculator.correct_preset(verified)
    assert [list(row) for row in preset.predictions] == [s["y"] for s in data["samples"]]
    assert list(preset.true_classes) == [s["t"].index(1) + 1 for s in data["samples"]]
    assert (preset.base, preset.sign_dropped) == ("e", False)


def test_the_article_preset_applies_the_diagnosed_base_sign_and_element(verified):
    preset = calculator.article_preset(verified)
    assert (preset.base, preset.sign_dropped) == ("10", True)
    # The errata read sample 4's loss off y_{4,1}: its true class is class 2 in the data.
    assert preset.true_classes == (1, 2, 3, 1)


@needs_node
def test_the_article_preset_reproduces_every_printed_loss_of_a_sample(module_text, verified):
    preset = calculator.article_preset(verified)
    numbers = [[float(v) for v in row] for row in preset.predictions]
    table = {"y": numbers, "t": one_hot(list(preset.true_classes), 3), "base": preset.base, "signDropped": True}
    (result,) = run_in_node(module_text, [table])
    printed = {claim["quantity"]: claim["printed"][0] for claim in article_data()["claims"]
               if claim["kind"] == "number" and len(claim["printed"]) == 1}
    for quantity, text in printed.items():
        sample = int(re.fullmatch(r"E\[(\d)\]", quantity).group(1))
        places = len(text.split(".")[1])
        assert abs(result["samples"][sample - 1] - float(text)) <= 0.5 * 10 ** -places + 1e-12, quantity


def test_a_preset_is_carried_as_printed_text():
    preset = Preset((("0.30", "0.70"),), (2,))
    assert preset.as_json() == {"y": [["0.30", "0.70"]], "trueClass": [2], "base": "e", "signDropped": False}


# --- the page ------------------------------------------------------------------------------------


@pytest.mark.parametrize("language, up", [("ja", "../"), ("en", "../../")])
def test_the_markup_says_it_needs_javascript_and_links_its_files_from_the_sites_root(language, up):
    text = calculator.markup(Edition(language, catalogue(language)))
    assert html.escape(catalogue(language)["calculator.needs-js"], quote=False) in text
    for path in (calculator.SCRIPT, calculator.GLUE, calculator.STYLESHEET):
        assert f'"{up}{path}"' in text
    assert text.index(calculator.SCRIPT) < text.index(calculator.GLUE)  # the arithmetic first


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_labels_are_the_pages_language_and_carry_no_dollar_sign(language):
    text = calculator.markup(Edition(language, catalogue(language)))
    assert "$" not in text
    attribute = re.search(r'data-labels="([^"]*)"', text).group(1)
    labels = json.loads(html.unescape(attribute))
    assert labels["add-sample"] == catalogue(language)["calculator.add-sample"]
    assert set(labels) == set(calculator.LABELS)


def test_only_the_part_5_page_loads_the_calculator(site):
    pages = build_pages(site)
    loading = sorted(name for name, text in pages.items() if calculator.GLUE in text)
    assert loading == ["derivation.en.md", "derivation.md"]
    assert "calculator" not in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_the_calculator_follows_the_worked_example_on_the_page(site):
    page = build_pages(site)["derivation.en.md"]
    assert page.index("loss-bars") < page.index("data-calculator")
