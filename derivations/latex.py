"""LaTeX in the article's notation, printed from SymPy objects.

Owns every rule that makes SymPy's output read like the article: one Σ per summation
index (and one Π), `t log y` rather than SymPy's canonical `log y · t`, `−1/N` in front, plain
index subscripts, printed decimals as printed, `1 · log 0.33` for unevaluated products (but
never a 1 SymPy put there itself), a quotient inside a log as a fraction, a product over a
letter as one fraction with the letters on top (ε/K, not 1/K · ε), brackets nested
( ) [ ] { } from the inside out. It must never post-process a LaTeX
string: each rule is a printer method.
"""
import functools

import sympy
from sympy.printing.latex import LatexPrinter
from sympy.printing.precedence import precedence_traditional

from derivations.numbers import PrintedNumber
from derivations.symbols import N, letters


def _factor_rank(factor: sympy.Expr) -> int:
    """Where a factor goes in a product: numbers, letters, functions, sums, brackets."""
    if _is_number(factor) and not isinstance(factor, sympy.Function):
        return 0
    # A bracketed sum such as (1 − t) is a coefficient like t: it goes before the log, as in
    # the article's (1 − t_i) log(1 − y_i) (parts 1 and 6).
    if isinstance(factor, (sympy.Symbol, sympy.Indexed, sympy.Add)):
        return 1
    if isinstance(factor, sympy.Function):
        return 2
    return 3


def _is_number(expr: sympy.Expr) -> bool:
    # A Σ or Π is a number when no letter is left free in it: found by `letters`, as SymPy's own
    # `is_number` of a Σ rebuilds its summand (measured: the pages of `check` in 0.025 s
    # instead of 0.035 s).
    if isinstance(expr, (sympy.Sum, sympy.Product)):
        return not letters(expr)
    return expr.is_number


_BRACKETS = (("(", ")"), ("[", "]"), (r"\{", r"\}"))  # innermost first


def _quotient(expr: sympy.Expr) -> tuple | None:
    """(numerator factors, denominator factors) of a product with a division in it, else None.

    SymPy stores a / b as a · b^(−1) (and, unevaluated, 2a/(3b) as (3b)^(−1) · 2a)."""
    numerator, denominator = [], []
    for factor in _factors(expr):
        if factor.is_Pow and factor.exp.is_number and factor.exp.is_negative:
            denominator.extend(_factors(factor.base ** -factor.exp if factor.exp != -1 else factor.base))
        elif factor.is_Rational and factor.q != 1:
            numerator += [sympy.Integer(factor.p)] if factor.p != 1 else []
            denominator.append(sympy.Integer(factor.q))
        else:
            numerator.append(factor)
    return (numerator, denominator) if denominator else None


def _factors(expr: sympy.Expr) -> list:
    """The factors of a product, nested unevaluated products flattened."""
    if not expr.is_Mul:
        return [expr]
    return [inner for factor in expr.args for inner in _factors(factor)]


def _opened(factors: list) -> list:
    """The factors, with the unevaluated products among them opened when a reciprocal of letters
    is inside: ε · (K^(−1) · x) is one product ε x / K."""
    opened = _unnested(factors)
    return opened if any(_is_over_letters(f) for f in opened) else factors


def _is_over_letters(factor: sympy.Expr) -> bool:
    """A reciprocal that makes its product one fraction: 1/K of ε/K. Not 1/N: the mean is written
    with 1/N in front, as the article writes (6.3) and as E = 1/4 E_sum reads with N = 4."""
    return factor.is_Pow and factor.exp == -1 and factor.base != N and bool(letters(factor.base))


def _unnested(factors: list) -> list:
    # A negated product stays whole: it prints bracketed, (−Σ …), and its minus must stay inside.
    return [inner for f in factors for inner in (_unnested(f.args) if f.is_Mul and not _is_negated(f) else [f])]


def _is_negated(expr: sympy.Expr) -> bool:
    return expr.is_Mul and expr.args[0] == -1


def _goes_over(factor: sympy.Expr) -> bool:
    """A factor that joins the numerator of a fraction of letters: a letter or a cell (ε, t_ik)."""
    return isinstance(factor, (sympy.Symbol, sympy.Indexed))


def _is_plain_index(index: sympy.Expr) -> bool:
    return isinstance(index, sympy.Symbol) and len(index.name) == 1


class ArticlePrinter(LatexPrinter):
    """SymPy's LaTeX printer with the article's conventions."""

    def __init__(self) -> None:
        # order="none": an Add keeps the order it was built in (the article's term order);
        # pmatrix without outer delimiters is how the article writes its vectors.
        super().__init__({"order": "none", "ln_notation": False, "mat_str": "pmatrix", "mat_delim": ""})
        self._depth = 0  # the deepest bracket printed so far inside the group being printed

    def _bracketed(self, expr: sympy.Basic) -> str:
        # Brackets nest as ( ) inside [ ] inside { }: a group holding a bracketed group takes
        # the next kind, so −(t_1 log y_1 + t_2 log y_2) keeps ( ) but the binary form reads
        # −[t log y + (1 − t) log(1 − y)] as in the article. The depth is tracked while printing.
        outer, self._depth = self._depth, 0
        inner = self._print(expr)
        depth = self._depth + 1
        self._depth = max(outer, depth)
        left, right = _BRACKETS[min(depth, len(_BRACKETS)) - 1]
        return rf"\left{left}{inner}\right{right}"

    def _print_PrintedNumber(self, number: PrintedNumber) -> str:
        return number.text

    def _print_Indexed(self, expr: sympy.Indexed) -> str:
        indices = [self._print(index) for index in expr.indices]
        # t_{ik} as in the article when every index is one letter; y_{4,2} otherwise.
        joiner = "" if all(_is_plain_index(i) for i in expr.indices) else ","
        return f"{self._print(expr.base.label)}_{{{joiner.join(indices)}}}"

    def _print_Sum(self, expr: sympy.Sum) -> str:
        # SymPy merges nested sums into one Σ with a \substack; the article writes one Σ
        # per index, outermost (the last limit) first.
        signs = [self._sum_sign(limit) for limit in reversed(expr.limits)]
        return " ".join(signs) + " " + self._summand(expr.function)

    def _print_Product(self, expr: sympy.Product) -> str:
        # As for Σ: one Π per index (SymPy merges nested products into one \substack).
        signs = [self._sum_sign(limit, r"\prod") for limit in reversed(expr.limits)]
        return " ".join(signs) + " " + self._summand(expr.function)

    def _sum_sign(self, limit: tuple, sign: str = r"\sum") -> str:
        index, lower, upper = limit
        return rf"{sign}_{{{self._print(index)}={self._print(lower)}}}^{{{self._print(upper)}}}"

    def _summand(self, function: sympy.Expr) -> str:
        # Built under evaluate(False), Sum stores its summand as 1·f (SymPy multiplies it by the
        # orientation of the limits, which is not evaluated away): that 1 was never written.
        if function.is_Mul and len(function.args) == 2 and function.args[0] == 1:
            function = function.args[1]
        # A summand that is a sum or starts with a minus sign is bracketed: Σ_i (−Σ_k …).
        if isinstance(function, sympy.Add) or function.could_extract_minus_sign():
            return self._bracketed(function)
        return self._print(function)

    def _print_log(self, expr: sympy.log, exp: str | None = None) -> str:
        argument = expr.args[0]
        simple = isinstance(argument, (sympy.Symbol, sympy.Indexed, PrintedNumber))
        quotient = _quotient(argument)
        if quotient is not None:  # log t_k / y_k as \log \frac{t_k}{y_k}, not \log(\frac{1}{y_k} t_k)
            numerator, denominator = (self._product(factors) if factors else "1" for factors in quotient)
            inner = rf"\frac{{{numerator}}}{{{denominator}}}"
        else:
            inner = self._print(argument) if simple else self._bracketed(argument)
        head = rf"\log^{{{exp}}}" if exp else r"\log"
        return f"{head} {inner}"

    def _print_Mul(self, expr: sympy.Mul) -> str:
        factors = list(expr.args)
        if factors and factors[0] == -1 and len(factors) > 1:
            return "- " + self._product(factors[1:])
        if factors and factors[0].is_Rational and factors[0] < 0:
            return "- " + self._product([-factors[0], *factors[1:]])
        return self._product(factors)

    def _print_MatMul(self, expr: sympy.MatMul) -> str:
        # SymPy brackets a scalar factor such as 1/N by precedence, "(1/4) (Y - T)"; as a
        # scalar in front it reads without: "1/4 (Y - T)". Matrices keep SymPy's brackets.
        scalar, *matrices = expr.args
        if len(expr.args) < 2 or not scalar.is_Rational or scalar < 0:
            return super()._print_MatMul(expr)
        rest = " ".join(self.parenthesize(m, precedence_traditional(expr), False) for m in matrices)
        return f"{self._print(scalar)} {rest}"

    def _product(self, factors: list) -> str:
        factors = _opened(factors)
        is_reciprocal = [f.is_Pow and f.exp == -1 for f in factors]
        fractions = [f for f in factors if f.is_Rational and f.q != 1]
        reciprocals = [f.base for f, r in zip(factors, is_reciprocal) if r]
        others = [f for f, r in zip(factors, is_reciprocal) if not r and f not in fractions]
        # ε · K^(−1) reads ε/K, as the prose writes it, not "1/K ε": over a letter, the letters
        # of the product go on top; Σ, brackets and functions stay beside the fraction.
        over = [f for f in others if _goes_over(f)] if any(map(_is_over_letters, factors)) else []
        pieces = [(f, self._factor(f)) for f in sorted(others, key=_factor_rank) if f not in over]
        if fractions or reciprocals:
            pieces.insert(0, (None, self._fraction(fractions, over, reciprocals)))
        return self._join(pieces)

    def _fraction(self, fractions: list, over: list, reciprocals: list) -> str:
        coefficient = sympy.Mul(*[f.p for f in fractions])
        # 2ε/K has the 2 on top, ε/K no 1; 1/K keeps it.
        on_top = [self._print(coefficient)] if coefficient != 1 or not over else []
        on_top += [self._print(f) for f in over]
        denominator = [self._print(f.q) for f in fractions] + [self._print(b) for b in reciprocals]
        return rf"\frac{{{' '.join(on_top)}}}{{{' '.join(denominator)}}}"

    def _factor(self, factor: sympy.Expr) -> str:
        if isinstance(factor, sympy.Add) or _is_negated(factor):
            return self._bracketed(factor)
        return self._print(factor)

    @staticmethod
    def _join(pieces: list) -> str:
        # A number next to anything else takes a \cdot, as in the article's "1 \cdot \log 0.33".
        text = pieces[0][1]
        for (left, _), (_, right) in zip(pieces, pieces[1:]):
            numeric_left = left is not None and _factor_rank(left) == 0
            text += (r" \cdot " if numeric_left else " ") + right
        return text


# Remembered: each page is written in two languages from the same formulas. Safe because
# SymPy's equality is structural (an unevaluated a + b differs from b + a), and printing
# depends on the structure only.
@functools.lru_cache(maxsize=None)
def latex(expr: sympy.Basic) -> str:
    """The article-style LaTeX of a SymPy expression."""
    return ArticlePrinter().doprint(expr)
