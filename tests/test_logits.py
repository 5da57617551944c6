"""Part 7, from logits: its chains, its page, and PyTorch as an oracle we did not write.

PyTorch is imported inside the tests only: building, serving and `check` never import it. Where
it is missing the oracle tests skip with the install line; under CI=true they fail instead.
"""
from fractions import Fraction
from pathlib import Path

import pytest
import sympy
from hypothesis import given, settings, strategies as st

from derivations import datafiles, diagram, normal
from derivations.evidence import EXACT, SYMBOLIC
from derivations.outline import Inputs
from derivations.parts import binary, logits, logits_math
from derivations.steps import StepFailure, check_chain
from derivations.symbols import E, K, N, i, k, t
from derivations.verify import verify
from chain_support import assert_prose_covers_the_page, chain_of, with_step

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / logits.PART.data_file


@pytest.fixture(scope="module")
def part():
    return verify(DATA.read_text(encoding="utf-8"), f"data/{logits.PART.data_file}", logits.PART)


# --- the chains ------------------------------------------------------------------------------


def test_every_chain_of_the_page_holds(part):
    assert [c.chain.id for c in part.checked] == [c.id for c in part.derivation.chains()]
    assert all(e.holds for c in part.checked for e in c.evidence)


def test_the_loss_in_logits_the_one_hot_form_the_mean_and_the_gradient_are_proved_for_symbolic_n_and_k(part):
    for chain_id in ("logits-sample", "logits-one-hot", "logits-mean", "logits-gradient"):
        checked = next(c for c in part.checked if c.chain.id == chain_id)
        assert all(e.method == SYMBOLIC for e in checked.evidence), chain_id
        fixed = [cond.text for e in checked.evidence for cond in e.conditions if "=" in cond.text and "Σ" not in cond.text
                 and "δ" not in cond.text]
        assert not [text for text in fixed if text.startswith(("K =", "N ="))], chain_id


def test_the_step_that_uses_labels_summing_to_one_says_so_in_its_mark(part):
    checked = next(c for c in part.checked if c.chain.id == "logits-sample")
    assert [cond.text for cond in checked.evidence[-1].conditions] == ["Σ_k t_ik = 1"]
    assert all(not e.conditions for e in checked.evidence[:-1])  # exp z > 0: no y > 0 is assumed


def test_the_gradient_states_that_the_labels_sum_to_one_and_i_and_k_are_in_range(part):
    checked = next(c for c in part.checked if c.chain.id == "logits-gradient")
    assert [cond.text for cond in checked.evidence[0].conditions] == ["Σ_k t_ik = 1", "1 ≤ i ≤ N, 1 ≤ k ≤ K"]


@pytest.mark.parametrize("chain_id, position, wrong", [
    ("logits-sample", 4, sympy.Add(logits.log_sum_exp(), sympy.Sum(t[i, k] * logits.z[i, k], (k, 1, K)),
                                   evaluate=False)),
    ("logits-one-hot", 1, logits.log_sum_exp() - logits.z[i, 1]),
    ("logits-gradient", 0, logits.Fraction(sympy.Add(logits.shown_softmax(), t[i, k], evaluate=False), N)),
    ("logits-mean", 1, sympy.Sum(logits.logit_loss(), (i, 1, N))),
])
def test_a_false_step_is_refused(part, chain_id, position, wrong):
    with pytest.raises(StepFailure):
        check_chain(with_step(chain_of(part, chain_id), position, wrong))


def test_a_wrong_value_of_the_gradient_on_the_table_is_refused(part):
    chain = chain_of(part, "logits-gradient-table")
    values = chain.steps[-1].expr
    wrong = values.as_mutable()
    wrong[0, 0] = -wrong[0, 0]
    with pytest.raises(StepFailure):
        check_chain(with_step(chain, len(chain.steps) - 1, sympy.ImmutableMatrix(wrong)))


def test_the_data_file_is_the_articles_table_of_part_5():
    ours = datafiles.read_part_data(DATA.read_text(encoding="utf-8"), "logits.toml").table
    article = datafiles.read_part_data((ROOT / "data" / "part5.toml").read_text(encoding="utf-8"), "part5.toml").table
    assert (ours.classes, ours.labels, ours.predictions) == (article.classes, article.labels, article.predictions)


def test_the_losses_from_the_logits_are_those_of_part_5(part, verified):
    ours = {c.id: c.steps[-1].expr for c in part.derivation.chains() if c.id.startswith("logits-table-")}
    theirs = {c.id: c.steps[-1].expr for c in verified.derivation.chains() if c.id.startswith("sample-")}
    assert [ours[f"logits-table-{n}"] for n in range(1, 5)] == [theirs[f"sample-{n}"] for n in range(1, 5)]


def test_the_text_about_the_row_sums_is_chosen_by_computing_them(part, tmp_path):
    sections = [s.id for s in part.derivation.sections]
    assert "logits-rows-exact" in sections  # the article's rows each sum to exactly 1.00
    text = DATA.read_text(encoding="utf-8").replace('y = ["0.33", "0.32", "0.35"]', 'y = ["0.33", "0.33", "0.33"]')
    rounded = verify(text, "logits.toml", logits.PART)
    assert "logits-rows-rounded" in [s.id for s in rounded.derivation.sections]
    sample = chain_of(rounded, "logits-table-1")
    assert "logits.log-one" not in [s.reason for s in sample.steps]  # log 0.99 is not 0
    gradient = chain_of(rounded, "logits-gradient-table")
    assert [s.reason for s in gradient.steps] == ["logits.gradient-values"]  # softmax(log y) is not y there


def test_the_table_chains_are_checked_on_the_table_not_assumed(part):
    checked = next(c for c in part.checked if c.chain.id == "logits-table-1")
    assert checked.evidence[0].method == EXACT


# --- the page --------------------------------------------------------------------------------


def test_the_page_exists_in_both_languages_and_shows_every_equation():
    for name in ("logits.md", "logits.en.md"):
        page = (ROOT / "docs" / name).read_text(encoding="utf-8")
        assert all(f'id="eq-L{n}"' in page for n in range(1, 6)), name
        assert 'id="chain-logits-gradient-table"' in page
    assert "ロジット" in (ROOT / "docs" / "logits.md").read_text(encoding="utf-8")
    assert "logits" in (ROOT / "docs" / "logits.en.md").read_text(encoding="utf-8")


def test_the_overview_diagram_continues_from_6_3(site):
    graph = diagram.graph(site)
    assert ("6.3", "L4") in graph.edges
    assert ("L4", "L5") in graph.edges


def test_the_part_follows_the_series(site):
    # After part 6, the binary cross-entropy, where the series ends; parts added later may follow it.
    order = [verified.part for verified in site.parts]
    assert order.index(logits.PART) == order.index(binary.PART) + 1
    assert logits.PART.number > binary.PART.number


def test_the_prose_covers_the_page(part):
    assert_prose_covers_the_page(part, logits.PROSE)


# --- PyTorch as the oracle -------------------------------------------------------------------


def table_logits(part) -> list:
    """The table's logits z = log y as floats (the page keeps them as logs of printed numbers)."""
    matrix = next(d.rhs for d in part.derivation.definitions() if d.id == "logits-z")
    return [[float(sympy.N(normal.evaluated(_exact(entry)), 30)) for entry in row] for row in matrix.tolist()]


def _exact(expr):
    from derivations.numbers import exact_form
    return exact_form(expr)


def test_torch_cross_entropy_gives_our_losses_on_the_articles_logits(part, torch):
    z = torch.tensor(table_logits(part), dtype=torch.float64)
    targets = torch.tensor([part.table.true_class(n) - 1 for n in range(1, part.table.samples + 1)])
    per_sample = torch.nn.functional.cross_entropy(z, targets, reduction="none")
    ours = [float(sympy.N(logits_value(part, E[n]), 30)) for n in range(1, part.table.samples + 1)]
    assert per_sample.tolist() == pytest.approx(ours, rel=1e-12)
    total = torch.nn.functional.cross_entropy(z, targets, reduction="sum").item()
    mean = torch.nn.functional.cross_entropy(z, targets, reduction="mean").item()
    assert total == pytest.approx(sum(ours), rel=1e-12)
    assert mean == pytest.approx(sum(ours) / len(ours), rel=1e-12)
    # and the values the page shows with ≈ are these, rounded
    shown = [float(chain_of(part, f"logits-table-{n}").steps[-1].expr.exact()) for n in range(1, 5)]
    assert per_sample.tolist() == pytest.approx(shown, abs=5e-7)


def logits_value(part, name):
    from derivations.steps import value_on_table
    return value_on_table(name, chain_of(part, "logits-table-1").context)


def test_torch_autograd_gives_our_gradient_on_the_articles_logits(part, torch):
    z = torch.tensor(table_logits(part), dtype=torch.float64, requires_grad=True)
    targets = torch.tensor([part.table.true_class(n) - 1 for n in range(1, part.table.samples + 1)])
    torch.nn.functional.cross_entropy(z, targets, reduction="mean").backward()
    shown = chain_of(part, "logits-gradient-table").steps[-1].expr
    ours = [[float(entry.exact()) for entry in row] for row in shown.tolist()]
    assert z.grad.tolist() == [pytest.approx(row, abs=1e-12) for row in ours]


def _our_formulas(samples: int, classes: int):
    """(L2) for each sample and (L5) for each logit, written out for these sizes: the formulas
    the page proves, as functions of the cells z_ik and t_ik."""
    sizes = {N: sympy.Integer(samples), K: sympy.Integer(classes)}
    losses = [normal.evaluated(logits.logit_loss(sympy.Integer(n)).xreplace(sizes)) for n in range(1, samples + 1)]
    gradient = logits_math.difference_over_n(logits.shown_softmax())
    grads = [[normal.evaluated(gradient.xreplace({i: sympy.Integer(n), k: sympy.Integer(m)}).xreplace(sizes)) for m in range(1, classes + 1)]
             for n in range(1, samples + 1)]
    return losses, grads


@st.composite
def tables(draw):
    samples, classes = draw(st.integers(1, 5)), draw(st.integers(1, 5))
    z = [[draw(st.integers(-40, 40)) / 8 for _ in range(classes)] for _ in range(samples)]
    soft = draw(st.booleans())
    labels = []
    for _ in range(samples):
        if soft:  # a distribution over the classes: (L2) needs only that it sums to one
            weights = [draw(st.integers(0, 4)) for _ in range(classes)]
            weights[draw(st.integers(0, classes - 1))] += 1
            labels.append([Fraction(w, sum(weights)) for w in weights])
        else:
            hot = draw(st.integers(0, classes - 1))
            labels.append([Fraction(int(m == hot)) for m in range(classes)])
    return z, labels


@settings(max_examples=25, deadline=None)
@given(tables())
def test_torch_agrees_with_our_formulas_on_random_small_tables(torch, data):
    z_values, labels = data
    samples, classes = len(z_values), len(z_values[0])
    losses, grads = _our_formulas(samples, classes)
    cells = {logits.z[n, m]: sympy.Rational(str(z_values[n - 1][m - 1])) for n in range(1, samples + 1)
             for m in range(1, classes + 1)}
    cells.update({t[n, m]: sympy.Rational(labels[n - 1][m - 1].numerator, labels[n - 1][m - 1].denominator)
                  for n in range(1, samples + 1) for m in range(1, classes + 1)})
    ours = [float(sympy.N(loss.xreplace(cells), 30)) for loss in losses]
    our_grad = [[float(sympy.N(g.xreplace(cells), 30)) for g in row] for row in grads]

    z = torch.tensor(z_values, dtype=torch.float64, requires_grad=True)
    target = torch.tensor([[float(v) for v in row] for row in labels], dtype=torch.float64)
    per_sample = torch.nn.functional.cross_entropy(z, target, reduction="none")
    assert per_sample.tolist() == pytest.approx(ours, rel=1e-10, abs=1e-12)
    assert torch.nn.functional.cross_entropy(z, target, reduction="sum").item() == pytest.approx(sum(ours), rel=1e-10,
                                                                                                abs=1e-12)
    torch.nn.functional.cross_entropy(z, target, reduction="mean").backward()
    assert z.grad.tolist() == [pytest.approx(row, rel=1e-10, abs=1e-12) for row in our_grad]


def test_the_written_out_condition_is_what_the_printer_prints():
    from derivations.evidence import equation
    printed = equation(sympy.Sum(t[i, k], (k, 1, K)), 1, "Σ_k t_ik = 1")
    assert logits_math.LABELS_SUM_TO_ONE == printed


def test_each_row_of_the_gradient_on_the_table_sums_to_zero_with_only_the_true_class_negative(part):
    rows = chain_of(part, "logits-gradient-table").steps[-1].expr.tolist()
    for n, row in enumerate(rows, 1):
        values = [entry.exact() for entry in row]
        assert sum(values) == 0
        assert [m for m, v in enumerate(values, 1) if v < 0] == [part.table.true_class(n)]


def test_without_its_table_the_page_keeps_its_symbolic_sections():
    derivation = logits.derivation(Inputs())
    assert [s.id for s in derivation.sections] == ["logits-softmax", "logits-loss", "logits-gradient"]
    assert all(check_chain(chain) for chain in derivation.chains())


def test_a_shown_fraction_prints_as_text_too_so_failure_reports_can_show_it():
    assert str(logits_math.shown_softmax()) == "(exp(z[i, k]))/(Sum(exp(z[i, j]), (j, 1, K)))"
