"""How long hostile claims files and formulas take to be read, refused or judged, against an honest file.

A claims file given to `check --claims` may come from anyone's pull request (README, "Security").
This script generates inputs with Hypothesis strategies and runs each one in-process through the
path `check --claims` takes:

- random text over a wide alphabet (any Unicode character, and the tokens of each grammar), and
  structure-aware mutations of examples/claims-example.toml: its quantities, its printed
  numbers, a printed name, a declared `epsilon`, a logit in `z`, the printed LaTeX of data/formulas.toml and
  the file itself, with a piece repeated, brackets nested, a character put in, a huge
  exponent, many terms or many claims, many digits;
- the fixed corpus of the security issue (a billion-digit exponent, 10 000 minus signs, 5 000
  nested brackets, y_{1}^{1000000000}, …).

A quantity, a printed number or a printed name is put into the example file as its first claim's
field; the file is read by `datafiles.read_claims_file` and, if it loads, each claim is judged by
`claims.judge`. A printed LaTeX formula is read by `texparse.parse`. Each input is timed with
`time.perf_counter`, with the package's and SymPy's caches emptied first, as a fresh `check`
meets it. The baseline, measured in the same run, is the median time of loading and judging the
unmodified example file the same way. The report: the number of inputs, how many were refused
(DataError, ParseError) and how many accepted, and the slowest inputs with their ratio to the
baseline. Any other exception is a bug (`check` would exit 70): it is printed and the script
exits 1. Usage:

    python benchmarks/hostile_inputs.py [--examples 300] [--quick]

(--quick: a few inputs of each kind, the same each time, and a short baseline, as the test suite
runs it to keep the script working; its figures mean little.)
"""
import argparse
import gc
import statistics
import sys
import time
import tomllib
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import sympy
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from derivations import claims, datafiles, limits, texparse
from derivations.fields import DataError
from derivations.textokens import ParseError

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = (ROOT / "examples" / "claims-example.toml").read_text(encoding="utf-8")
FIRST_QUANTITY = 'quantity = "E[1]"'
FIRST_PRINTED = 'printed = "0.3567"'
SECOND_Y = 'y = ["0.1", "0.6", "0.3"]'  # the second sample's predictions, replaced by logits
REFUSED, ACCEPTED, BUG = "refused", "accepted", "bug"
SHOWN_CHARS = 80

# --- the inputs: where each kind goes, and the fixed corpus ------------------------------------


def toml_string(text: str) -> str:
    """The text as a TOML basic string, so that the field, not the TOML around it, is fuzzed."""
    # TOML forbids raw control characters (and DEL) in a string; escaping them keeps the text intact.
    return '"' + "".join(c if c >= " " and c not in '"\\\x7f' else f"\\u{ord(c):04x}" for c in text) + '"'


def with_field(old: str, new: str) -> str:
    assert old in EXAMPLE, f"{old!r} is no longer in the example file"
    return EXAMPLE.replace(old, new, 1)


# kind → the claims-file text that carries the input (latex is read on its own, not in a file)
PLACES = {
    "quantity": lambda text: with_field(FIRST_QUANTITY, f"quantity = {toml_string(text)}"),
    "printed": lambda text: with_field(FIRST_PRINTED, f"printed = {toml_string(text)}"),
    "printed name": lambda text: with_field(f"{FIRST_QUANTITY}\n{FIRST_PRINTED}",
                                            f'kind = "name"\nquantity = "t[k]"\nprinted = {toml_string(text)}'),
    "file": lambda text: text,
    "epsilon": lambda text: f"epsilon = {toml_string(text)}\n" + EXAMPLE,
    "logit": lambda text: with_field(SECOND_Y, f'z = [{toml_string(text)}, "0", "-1.5"]'),
}

CORPUS = [  # the security issue's hostile inputs, each of which once ran for minutes or crashed
    ("quantity", "1e1000000000*y[1,1]"),
    ("quantity", "1e5000*y[1,1]"),
    ("quantity", "ｙ[1,1]"),
    ("quantity", "-" * 10_000 + "log(y[1,1])"),
    ("quantity", "+".join(["log(y[1,1])"] * 1_500)),
    ("quantity", "(" * 5_000 + "log(y[1,1])" + ")" * 5_000),
    ("latex", "y_{1}^{1000000000}"),
    ("latex", "{" * 5_000 + "y_{1}" + "}" * 5_000),
    ("printed name", "y_{1}^{1000000000}"),
    ("printed name", "{" * 5_000 + "y_{1}" + "}" * 5_000),
    ("epsilon", "1e-1000000000"),   # a declared constant: read by a regular expression, bounded like a literal
    ("epsilon", "0." + "0" * 5_000 + "1"),
    ("epsilon", "__import__('os')"),
    ("logit", "100.00000000000000000000000001"),  # a logit just past its limit: e^200 is still ordinary
    ("logit", "-100"),
    ("logit", "1e400"),
]

# --- running one input ---------------------------------------------------------------------------


def judge_file(text: str) -> str:
    """What `check --claims` does with the file's text, short of printing: load, then judge each claim."""
    try:
        author = datafiles.read_claims_file(text, "hostile.toml")
    except DataError:
        return REFUSED
    for claim in author.claims:
        claims.judge(claim, author.table)
    return ACCEPTED


def read_latex(text: str) -> str:
    try:
        texparse.parse(text)
    except ParseError:
        return REFUSED
    return ACCEPTED


def empty_caches() -> None:
    # A fresh `check` starts with empty caches; left full, an input would be cheap merely for
    # following one like it, and the baseline, run over and over, cheaper than a real run.
    sympy.core.cache.clear_cache()
    gc.collect()  # nor should one input pay for collecting the garbage of the last
    for name, module in list(sys.modules.items()):
        if name == "derivations" or name.startswith("derivations."):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


@dataclass(frozen=True)
class Outcome:
    kind: str
    shown: str  # the input's repr, truncated, and its length
    result: str  # REFUSED, ACCEPTED or BUG
    seconds: float
    error: str = ""  # for a bug: the exception and where it was raised


def shown(text: str) -> str:
    text_repr = repr(text)
    if len(text_repr) > SHOWN_CHARS:
        text_repr = text_repr[:SHOWN_CHARS - 1] + "…"
    return f"{text_repr} ({len(text)} chars)"


def run(kind: str, text: str) -> Outcome:
    """One input through its whole path, timed; any exception but a refusal is recorded as a bug."""
    read, argument = (read_latex, text) if kind == "latex" else (judge_file, PLACES[kind](text))  # not timed
    empty_caches()
    started = time.perf_counter()
    try:
        result, error = read(argument), ""
    except Exception as failure:  # noqa: BLE001 - every other exception is what we are looking for
        result, error = BUG, "".join(traceback.format_exception(failure)[-4:])
    return Outcome(kind, shown(text), result, time.perf_counter() - started, error)


def baseline(runs: int) -> float:
    """The median time of loading and judging the unmodified example file."""
    run("file", EXAMPLE)  # not counted: it meets the modules SymPy loads lazily
    # What is loaded by now stays for the run; frozen, the collection before each input scans
    # only what inputs made (70 ms less each).
    gc.freeze()
    times = []
    for _ in range(runs):
        outcome = run("file", EXAMPLE)
        assert outcome.result == ACCEPTED, outcome.error or "the example file was refused"
        times.append(outcome.seconds)
    return statistics.median(times)

# --- generating inputs ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Grammar:
    """What a structure-aware mutation of one kind of input puts in."""

    seeds: tuple  # valid texts to start from
    nests: tuple  # (opening, closing) pairs a suffix is nested in
    exponent: str  # a huge exponent, {n} its digits
    many: Callable[[str, int], str]  # the text made into many terms (or claims), n of them


def many_claims(text: str, count: int) -> str:
    """The file with `count` more claims: up to and past the limit of claims, each judged."""
    claim = '\n[[claims]]\nid = "c{n}"\nlocation = "x"\nquantity = "E[2]"\nprinted = "-0.2218"\n'
    return text + "".join(claim.format(n=n) for n in range(count))


def example_claims() -> list:
    return tomllib.loads(EXAMPLE)["claims"]


def printed_formulas() -> tuple:
    formulas = tomllib.loads((ROOT / "data" / "formulas.toml").read_text("utf-8"))["formulas"]
    return tuple(entry["latex"] for entry in formulas)


def many_terms(text: str, count: int) -> str:
    return "+".join([text] * count)


def many_copies(text: str, count: int) -> str:
    return text * count


QUANTITIES = tuple(claim["quantity"] for claim in example_claims()) + (
    "-(t[1,1]*log(y[1,1]) + log(y[2,2]))/2", "mean(E[1], E[3])", "sum(E[1], E[2])", "E[1], E[2], E[3]")
NAMES = ("t_{k}", "y_{k}", "E_{2}", "E_{sum}", "t_{ik}")
LATEX_NESTS = (("{", "}"), ("(", ")"), ("\\left(", "\\right)"), ("\\frac{1}{", "}"), ("-", ""), ("\\log ", ""))
GRAMMARS = {
    "quantity": Grammar(QUANTITIES, (("(", ")"), ("log(", ")"), ("-", ""), ("-(", ")")), "1e{n}*", many_terms),
    "printed": Grammar(tuple(claim["printed"] for claim in example_claims()) + ("35.67%",),
                       (("-", ""), ("0", ""), ("(", ")")),
                       "e{n}", many_copies),
    "printed name": Grammar(NAMES, LATEX_NESTS, "^{{{n}}}", many_copies),
    "latex": Grammar(printed_formulas() + NAMES, LATEX_NESTS, "^{{{n}}}", many_terms),
    "file": Grammar((EXAMPLE,), (("[", "]"), ('"', '"'), ("{", "}"), ("x = [", "]"), ("x = {a = ", "}")),
                    'printed = "1e{n}"\n', many_claims),
    "epsilon": Grammar(("1e-7", "0.0000001", "2.5E-3"), (("-", ""), ("0", ""), ("(", ")")), "e-{n}", many_copies),
    "logit": Grammar(("2.5", "-1.25", "0", "99.999"), (("-", ""), ("0", ""), ("(", ")")), "e{n}", many_copies),
}
TOKENS = ["0", "1", ".", "e", "E", "+", "-", "*", "/", "(", ")", "[", "]", ",", " ", "log(", "y[1,1]", "t[2,3]",
          "E[1]", "E_sum", "\\frac", "\\sum", "\\log", "_{", "^{", "{", "}", "\\left(", "\\right)", "\\tag{", "=",
          "\\cdot", "t_{ik}", "y_{1}", '"', "\n", "[[claims]]", "quantity = ", "#",
          "ｙ", "\u00a0", "−", "٣", "\x00"]  # a fullwidth y, a no-break space, a minus sign, an Arabic-Indic 3, NUL


def random_text():
    """Text over every Unicode character, weighted towards the tokens the grammars read."""
    return st.lists(st.one_of(st.sampled_from(TOKENS), st.characters()), max_size=200).map("".join)


def mutated(grammar: Grammar):
    piece = st.one_of(st.sampled_from(TOKENS), st.characters())
    mutation = st.tuples(st.sampled_from(["repeat", "nest", "insert", "exponent", "many", "digits"]),
                         st.integers(0, 10_000), st.integers(1, 3_000), piece)
    return st.tuples(st.sampled_from(grammar.seeds), st.lists(mutation, max_size=4)).map(
        lambda seed_and_mutations: apply(grammar, *seed_and_mutations))


def apply(grammar: Grammar, text: str, mutations: list) -> str:
    for kind, where, count, piece in mutations:
        at = where % (len(text) + 1)
        opening, closing = grammar.nests[count % len(grammar.nests)]
        repeated = text[at:at + 1 + count % 12]
        text = {"repeat": lambda: text[:at] + repeated * within(count, len(repeated)) + text[at:],
                "nest": lambda: text[:at] + opening * count + text[at:] + closing * count,
                "insert": lambda: text[:at] + piece + text[at:],
                "exponent": lambda: text[:at] + grammar.exponent.format(n=count ** 3) + text[at:],
                "many": lambda: grammar.many(text, within(count % 600, len(text) + 100)),
                "digits": lambda: text[:at] + "9" * count + text[at:]}[kind]()
    return text


def within(count: int, size: int) -> int:
    """At most `count` copies of `size` characters, and no more than a claims file may hold."""
    # `check --claims` refuses a longer file unread; compounded mutations would otherwise build
    # strings of gigabytes.
    return min(count, limits.MAX_FILE_BYTES // max(size, 1))


def generated(kind: str, strategy, examples: int, derandomize: bool) -> list:
    """The outcomes of `examples` inputs drawn from the strategy, each run as `kind`."""
    outcomes = []

    # Only generation: a run never raises (a bug is recorded, not raised), so nothing is shrunk,
    # and no database replays an earlier run's inputs; the time limit is ours to report, not Hypothesis's.
    @settings(max_examples=examples, database=None, deadline=None, phases=[Phase.generate],
              derandomize=derandomize, suppress_health_check=list(HealthCheck))
    @given(strategy)
    def one(text):
        outcomes.append(run(kind, text))

    one()
    return outcomes


def all_outcomes(examples: int, derandomize: bool) -> list:
    outcomes = [run(kind, text) for kind, text in CORPUS]
    for kind in (*PLACES, "latex"):
        outcomes += generated(kind, random_text(), examples, derandomize)
        outcomes += generated(kind, mutated(GRAMMARS[kind]), examples, derandomize)
    return outcomes

# --- the report ----------------------------------------------------------------------------------


def slowest_line(label: str, outcome: Outcome, base: float) -> str:
    return f"{label}: {outcome.kind} {outcome.shown}  {outcome.seconds:.3f} s  ratio {outcome.seconds / base:.2f}x"


def report(outcomes: list, base: float, runs: int) -> str:
    count = {result: sum(o.result == result for o in outcomes) for result in (REFUSED, ACCEPTED, BUG)}
    kinds = ", ".join(f"{kind} {sum(o.kind == kind for o in outcomes)}" for kind in (*PLACES, "latex"))
    lines = [f"baseline: the example file loaded and judged, median {base:.4f} s over {runs} runs",
             f"inputs: {len(outcomes)} ({kinds})",
             f"refused: {count[REFUSED]} (DataError or ParseError)",
             f"accepted: {count[ACCEPTED]}",
             f"other exceptions: {count[BUG]}",
             slowest_line("slowest input", max(outcomes, key=lambda o: o.seconds), base)]
    accepted = [o for o in outcomes if o.result == ACCEPTED]
    if accepted:
        lines.append(slowest_line("slowest accepted input", max(accepted, key=lambda o: o.seconds), base))
    for kind in (*PLACES, "latex"):
        lines.append(slowest_line(f"  slowest {kind}", max((o for o in outcomes if o.kind == kind),
                                                             key=lambda o: o.seconds), base))
    return "\n".join(lines)


def main(argv: list | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=300, help="inputs per kind and strategy")
    parser.add_argument("--quick", action="store_true", help="a few inputs of each kind (what the tests run)")
    args = parser.parse_args(argv)
    examples, runs = (3, 3) if args.quick else (args.examples, 30)
    base = baseline(runs)
    # Quick runs draw the same inputs each time: the test that runs them keeps the script working,
    # finding bugs is the fuzz tests' work (and the full run's).
    outcomes = all_outcomes(examples, derandomize=args.quick)
    print(report(outcomes, base, runs))
    for bug in (o for o in outcomes if o.result == BUG):
        print(f"\nbug: {bug.kind} {bug.shown} raised\n{bug.error}", file=sys.stderr)
    return 1 if any(o.result == BUG for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
