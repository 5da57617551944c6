"""Part 9, what your framework computes: its chains, its page, and PyTorch and scikit-learn as
oracles we did not write.

PyTorch is imported inside the tests only: building, serving and `check` never import it. Where
it is missing the oracle tests skip with the install line; under CI=true they fail instead.
The expected values come from PyTorch, scikit-learn, or `math` on the printed numbers, never
from the program's output.
"""
import math
from pathlib import Path

import pytest
import sympy
from hypothesis import given, settings, strategies as st
from sklearn.metrics import log_loss

from derivations import datafiles, diagram
from derivations.evidence import SYMBOLIC
from derivations.outline import Inputs
from derivations.parts import frameworks, frameworks_math as fm
from derivations.parts.logits_math import z
from derivations.steps import Context, StepFailure, check_chain, value_on_table
from derivations.symbols import E, K, N, i, k, t, true_class, y
from derivations.verify import verify
from chain_support import assert_prose_covers_the_page, chain_of, with_step

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / frameworks.PART.data_file


@pytest.fixture(scope="module")
def part():
    return verify(DATA.read_text(encoding="utf-8"), f"data/{frameworks.PART.data_file}", frameworks.PART)


def shown_value(part, chain_id: str) -> float:
    """The value a table chain shows with ≈ (rounded to six places)."""
    return float(chain_of(part, chain_id).steps[-1].expr.exact())


# --- the article's table, by hand (math on the printed numbers) ------------------------------
READ = datafiles.read_part_data(DATA.read_text(encoding="utf-8"), "frameworks.toml", frameworks.PART.settings)
TABLE = READ.table
PROBABILITIES = [[float(v) for v in row] for row in TABLE.predictions]
TRUE = [TABLE.true_class(n) - 1 for n in range(1, TABLE.samples + 1)]  # as PyTorch counts, from 0
WEIGHTS = [2.0, 1.0, 1.0]  # the issue: イヌ counts twice
SMOOTHING = 0.1  # the issue: the usual smoothing
LOSSES = [-math.log(row[c]) for row, c in zip(PROBABILITIES, TRUE)]


# --- the chains ------------------------------------------------------------------------------


def test_every_chain_of_the_page_holds(part):
    assert [c.chain.id for c in part.checked] == [c.id for c in part.derivation.chains()]
    assert all(e.holds for c in part.checked for e in c.evidence)


def test_the_framework_formulas_are_proved_for_symbolic_n_and_k(part):
    symbolic = [c for c in part.checked if not c.chain.id.startswith("frameworks-table")]
    assert len(symbolic) == 14
    for checked in symbolic:
        assert all(e.method == SYMBOLIC for e in checked.evidence), checked.chain.id
        assert not [c.text for e in checked.evidence for c in e.conditions if c.text.startswith(("K =", "N ="))]


def test_the_marks_state_the_one_hot_label_equal_weights_and_labels_summing_to_one(part):
    def conditions(chain_id: str) -> set:
        checked = next(c for c in part.checked if c.chain.id == chain_id)
        return {c.text for e in checked.evidence for c in e.conditions}
    assert "t_ik = δ(k, c_i) with 1 ≤ c_i ≤ K" in conditions("frameworks-none")
    assert conditions("frameworks-equal-weights") == {"w_k = ω for every k"}
    assert "Σ_k t_ik = 1" in conditions("frameworks-soft")
    assert conditions("frameworks-class-weights-as-sample-weights") == {"s_i = w_{c_i}"}


@pytest.mark.parametrize("chain_id, position, wrong", [
    ("frameworks-weighted-mean", 1,  # the bug the issue warns of: the weighted losses divided by N
     fm.Fraction(sympy.Sum(sympy.Mul(fm.w[true_class[i]], E[i], evaluate=False), (i, 1, N)), N)),
    ("frameworks-weighted-mean", 0, fm.Fraction(sympy.Sum(fm.weighted[i], (i, 1, N)), N)),
    ("frameworks-none", 2, E[1]),
    ("frameworks-none", 1, sympy.log(sympy.Sum(sympy.exp(z[i, k]), (k, 1, K))) + z[i, true_class[i]]),
    ("frameworks-smoothed", 0, -sympy.Sum(((1 - fm.eps) * t[i, k] + fm.eps) * sympy.log(y[i, k]), (k, 1, K))),
    ("frameworks-smoothed-logits", 0, sympy.log(sympy.Sum(sympy.exp(z[i, k]), (k, 1, K))) - z[i, true_class[i]]),
    ("frameworks-mistaken", 1, -sympy.log(y[i, true_class[i]])),
    ("frameworks-log-loss-weighted", 1, fm.Fraction(sympy.Sum(fm.s[i] * E[i], (i, 1, N)), N)),
    ("frameworks-sum", 2, fm.Fraction(sympy.Symbol("E_{sum}"), N)),
])
def test_a_false_step_is_refused(part, chain_id, position, wrong):
    with pytest.raises(StepFailure):
        check_chain(with_step(chain_of(part, chain_id), position, wrong))


def test_a_wrong_value_on_the_table_is_refused(part):
    chain = chain_of(part, "frameworks-table-weighted-mean")
    mean = chain_of(part, "frameworks-table-mean-of-weighted").steps[-1].expr
    with pytest.raises(StepFailure):
        check_chain(with_step(chain, len(chain.steps) - 1, mean))


def test_the_data_file_is_the_articles_table_of_part_5_and_the_settings_those_the_issue_asks_for():
    assert READ.settings == {"class_weights": ("2", "1", "1"), "label_smoothing": "0.1"}
    article = datafiles.read_part_data((ROOT / "data" / "part5.toml").read_text(encoding="utf-8"), "part5.toml").table
    assert (TABLE.classes, TABLE.labels, TABLE.predictions) == (article.classes, article.labels, article.predictions)


# --- the values on the table, by hand --------------------------------------------------------


def test_the_sum_and_the_mean_on_the_table_are_those_of_the_printed_predictions(part):
    assert shown_value(part, "frameworks-table-sum") == pytest.approx(sum(LOSSES), abs=5e-7)
    assert shown_value(part, "frameworks-table-mean") == pytest.approx(sum(LOSSES) / len(LOSSES), abs=5e-7)


def test_the_weighted_mean_divides_by_the_weights_of_the_true_classes_not_by_n(part):
    weights = [WEIGHTS[c] for c in TRUE]
    numerator = sum(v * e for v, e in zip(weights, LOSSES))
    assert shown_value(part, "frameworks-table-weighted-mean") == pytest.approx(numerator / sum(weights), abs=5e-7)
    assert shown_value(part, "frameworks-table-mean-of-weighted") == pytest.approx(numerator / len(LOSSES), abs=5e-7)
    assert sum(weights) != len(LOSSES)  # the table shows a case where the two differ
    assert abs(shown_value(part, "frameworks-table-weighted-mean")
               - shown_value(part, "frameworks-table-mean-of-weighted")) > 1e-3


def test_probabilities_passed_as_logits_give_another_value_than_the_loss(part):
    expected = sum(math.log(sum(math.exp(p) for p in row)) - row[c] for row, c in zip(PROBABILITIES, TRUE)) / 4
    assert shown_value(part, "frameworks-table-mistaken") == pytest.approx(expected, abs=5e-7)
    assert abs(expected - sum(LOSSES) / 4) > 1e-3


# --- PyTorch and scikit-learn on the article's table -----------------------------------------


def _torch_inputs(torch):
    logits = torch.tensor([[math.log(p) for p in row] for row in PROBABILITIES], dtype=torch.float64)
    return logits, torch.tensor(TRUE)


def test_torch_reductions_are_the_pages_values(part, torch):
    F, (logits, target) = torch.nn.functional, _torch_inputs(torch)
    assert F.cross_entropy(logits, target, reduction="none").tolist() == pytest.approx(LOSSES, rel=1e-12)
    assert F.cross_entropy(logits, target, reduction="sum").item() == pytest.approx(
        shown_value(part, "frameworks-table-sum"), abs=5e-7)
    assert F.cross_entropy(logits, target).item() == pytest.approx(shown_value(part, "frameworks-table-mean"), abs=5e-7)


def test_torch_class_weights_give_the_weighted_mean_not_the_mean_of_the_weighted_losses(part, torch):
    F, (logits, target) = torch.nn.functional, _torch_inputs(torch)
    weight = torch.tensor(WEIGHTS, dtype=torch.float64)
    value = F.cross_entropy(logits, target, weight=weight).item()
    assert value == pytest.approx(shown_value(part, "frameworks-table-weighted-mean"), abs=5e-7)
    assert value != pytest.approx(shown_value(part, "frameworks-table-mean-of-weighted"), abs=1e-3)
    per_sample = F.cross_entropy(logits, target, weight=weight, reduction="none")
    assert per_sample.mean().item() == pytest.approx(shown_value(part, "frameworks-table-mean-of-weighted"), abs=5e-7)


def test_torch_label_smoothing_is_the_pages_value_and_equals_smoothed_probability_targets(part, torch):
    F, (logits, target) = torch.nn.functional, _torch_inputs(torch)
    value = F.cross_entropy(logits, target, label_smoothing=SMOOTHING).item()
    assert value == pytest.approx(shown_value(part, "frameworks-table-smoothed"), abs=5e-7)
    smoothed = F.one_hot(target, 3).to(torch.float64) * (1 - SMOOTHING) + SMOOTHING / 3
    assert F.cross_entropy(logits, smoothed).item() == pytest.approx(value, rel=1e-12)


def test_torch_given_the_probabilities_as_logits_computes_the_pages_mistaken_value(part, torch):
    F, (_, target) = torch.nn.functional, _torch_inputs(torch)
    value = F.cross_entropy(torch.tensor(PROBABILITIES, dtype=torch.float64), target).item()
    assert value == pytest.approx(shown_value(part, "frameworks-table-mistaken"), abs=5e-7)


def test_sklearn_log_loss_normalize_and_sample_weight_are_the_pages_values(part):
    assert log_loss(TRUE, PROBABILITIES, labels=[0, 1, 2]) == pytest.approx(
        shown_value(part, "frameworks-table-mean"), abs=5e-7)
    assert log_loss(TRUE, PROBABILITIES, normalize=False, labels=[0, 1, 2]) == pytest.approx(
        shown_value(part, "frameworks-table-sum"), abs=5e-7)
    weights = [WEIGHTS[c] for c in TRUE]  # each sample weighted by its true class: PyTorch's weight=
    assert log_loss(TRUE, PROBABILITIES, sample_weight=weights, labels=[0, 1, 2]) == pytest.approx(
        shown_value(part, "frameworks-table-weighted-mean"), abs=5e-7)


def test_a_table_whose_rows_do_not_sum_to_one_is_worked_as_pytorch_sees_its_logits(torch):
    text = DATA.read_text(encoding="utf-8").replace('y = ["0.33", "0.32", "0.35"]', 'y = ["0.33", "0.33", "0.33"]')
    rounded = verify(text, "frameworks.toml", frameworks.PART)
    assert all(e.holds for c in rounded.checked for e in c.evidence)
    rows = [[0.33, 0.33, 0.33]] + PROBABILITIES[1:]
    logits = torch.tensor([[math.log(p) for p in row] for row in rows], dtype=torch.float64)
    value = torch.nn.functional.cross_entropy(logits, torch.tensor(TRUE)).item()
    assert value == pytest.approx(shown_value(rounded, "frameworks-table-mean"), abs=5e-7)


# --- PyTorch and scikit-learn on random tables -----------------------------------------------


@st.composite
def tables(draw):
    samples, classes = draw(st.integers(1, 5)), draw(st.integers(2, 5))
    rows = []
    for _ in range(samples):
        counts = [draw(st.integers(1, 20)) for _ in range(classes)]
        rows.append([sympy.Rational(c, sum(counts)) for c in counts])
    true = [draw(st.integers(1, classes)) for _ in range(samples)]
    weights = [sympy.Rational(draw(st.integers(1, 8)), 4) for _ in range(classes)]
    smoothing = sympy.Rational(draw(st.integers(0, 10)), 20)
    return rows, true, weights, smoothing


def _context(rows, true, weights, smoothing) -> Context:
    """The cells of a random table, as the page's own table context gives them."""
    samples, classes = len(rows), len(rows[0])
    cells = {fm.eps: smoothing}
    for n in range(1, samples + 1):
        cells.update({true_class[n]: true[n - 1], fm.w[true_class[n]]: weights[true[n - 1] - 1],
                      fm.s[n]: weights[true[n - 1] - 1]})
        for m in range(1, classes + 1):
            cells.update({y[n, m]: rows[n - 1][m - 1], z[n, m]: sympy.log(rows[n - 1][m - 1]),
                          t[n, m]: int(m == true[n - 1])})
        cells.update({y[n, true_class[n]]: rows[n - 1][true[n - 1] - 1], z[n, true_class[n]]: cells[z[n, true[n - 1]]]})
    cells.update({fm.w[m]: weights[m - 1] for m in range(1, classes + 1)})
    return Context(unfold=fm.unfold_in_y, assumptions={K: classes, N: samples}, table=cells)


def _ours(part, chain_id: str, context: Context, samples: int) -> list:
    """The chain's last formula (what the page derives) on the table; for a per-sample chain,
    one value per sample."""
    formula = chain_of(part, chain_id).steps[-1].expr
    if not formula.has(i) or chain_id in ("frameworks-weighted-mean", "frameworks-log-loss-weighted"):
        return [float(sympy.N(value_on_table(formula, context), 30))]
    return [float(sympy.N(value_on_table(formula.xreplace({i: n}), context), 30)) for n in range(1, samples + 1)]


@settings(max_examples=20, deadline=None)
@given(tables())
def test_torch_and_sklearn_agree_with_the_derived_formulas_on_random_tables(part, torch, data):
    rows, true, weights, smoothing = data
    context, F = _context(rows, true, weights, smoothing), torch.nn.functional
    logits = torch.tensor([[math.log(v) for v in row] for row in rows], dtype=torch.float64)
    probabilities = torch.tensor([[float(v) for v in row] for row in rows], dtype=torch.float64)
    target, weight = torch.tensor([c - 1 for c in true]), torch.tensor([float(v) for v in weights], dtype=torch.float64)
    samples, approx = len(rows), lambda v: pytest.approx(v, rel=1e-9, abs=1e-12)
    assert F.cross_entropy(logits, target, reduction="none").tolist() == approx(_ours(part, "frameworks-none", context, samples))
    assert [F.cross_entropy(logits, target, reduction="sum").item()] == approx(_ours(part, "frameworks-sum", context, samples))
    assert [F.cross_entropy(logits, target).item()] == approx(_ours(part, "frameworks-mean", context, samples))
    assert F.cross_entropy(logits, target, weight=weight, reduction="none").tolist() == approx(
        _ours(part, "frameworks-weighted", context, samples))
    assert [F.cross_entropy(logits, target, weight=weight).item()] == approx(
        _ours(part, "frameworks-weighted-mean", context, samples))
    assert F.cross_entropy(logits, target, label_smoothing=float(smoothing), reduction="none").tolist() == approx(
        _ours(part, "frameworks-smoothed-logits", context, samples))
    assert F.cross_entropy(probabilities, target, reduction="none").tolist() == approx(
        _ours(part, "frameworks-mistaken", context, samples))
    labels = list(range(len(weights)))
    sample_weight = [float(weights[c - 1]) for c in true]
    assert [log_loss([c - 1 for c in true], probabilities.tolist(), labels=labels)] == approx(
        _ours(part, "frameworks-log-loss", context, samples))
    assert [log_loss([c - 1 for c in true], probabilities.tolist(), labels=labels, sample_weight=sample_weight)] == approx(
        _ours(part, "frameworks-log-loss-weighted", context, samples))
    soft = [row[::-1] for row in rows]  # a distribution over the classes per sample: probability targets
    cells = {**context.table, **{t[n, m]: soft[n - 1][m - 1] for n in range(1, samples + 1) for m in range(1, len(rows[0]) + 1)}}
    targets = torch.tensor([[float(v) for v in row] for row in soft], dtype=torch.float64)
    assert F.cross_entropy(logits, targets, reduction="none").tolist() == approx(
        _ours(part, "frameworks-soft", Context(fm.unfold_in_y, context.assumptions, cells), samples))


# --- the page --------------------------------------------------------------------------------


def test_the_page_exists_in_both_languages_and_shows_every_equation():
    for name in ("frameworks.md", "frameworks.en.md"):
        page = (ROOT / "docs" / name).read_text(encoding="utf-8")
        tags = [f"F{n}" for n in range(1, 9)] + ["S1", "S2", "S3"]
        assert all(f'id="eq-{tag}"' in page for tag in tags), name
        assert 'id="chain-frameworks-table-weighted-mean"' in page


def test_the_overview_diagram_continues_from_6_3_and_the_logits(site):
    graph = diagram.graph(site)
    assert {("6.3", "F3"), ("L3", "F1"), ("L2", "F7"), ("F4", "F5"), ("6.3", "S1")} <= set(graph.edges)


def test_the_prose_covers_the_page(part):
    assert_prose_covers_the_page(part, frameworks.PROSE)


def test_without_its_table_the_page_keeps_its_symbolic_sections():
    derivation = frameworks.derivation(Inputs())
    assert "frameworks-table" not in [s.id for s in derivation.sections]
    assert all(check_chain(chain) for chain in derivation.chains())
