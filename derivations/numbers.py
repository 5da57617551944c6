"""Numbers as the article prints them, and the rules for comparing against them.

A printed number is kept as its string (so `0.30` keeps its zero on the page) inside an
atom that SymPy carries through unevaluated products and logs; `exact` turns it into a
`Rational` for checking. Floats never appear here: rounding for display works on
`Rational`s. This module must not know about the article or its table.
"""
import re

import sympy
from sympy.core.symbol import Str

from derivations import limits


class PrintedNumber(sympy.AtomicExpr):
    """A decimal exactly as printed; `exact()` is its value as a `Rational`."""

    is_number = True
    is_commutative = True
    is_real = True

    def __new__(cls, text: str | Str) -> "PrintedNumber":
        text = text.name if isinstance(text, Str) else text  # SymPy rebuilds from args
        exact_value(text)  # reject anything that is not a decimal before it enters a formula
        return sympy.Expr.__new__(cls, Str(text))

    @property
    def text(self) -> str:
        return self.args[0].name

    def exact(self) -> sympy.Rational:
        return exact_value(self.text)

    def _eval_evalf(self, prec: int) -> sympy.Float:
        return self.exact()._eval_evalf(prec)

    def _eval_is_positive(self) -> bool:
        return bool(self.exact() > 0)

    def _eval_is_zero(self) -> bool:
        return bool(self.exact() == 0)


# How a printed number is written: an optional minus, digits, and at most one decimal point
# followed by digits. A plus sign, an exponent or spaces are refused rather than normalised,
# so that the page shows the number exactly as the source prints it.
_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def exact_value(text: str) -> sympy.Rational:
    """The exact value of a printed decimal such as `-0.481486`; ValueError if it is not one."""
    digits = sum(ch.isdigit() for ch in text)
    if digits > limits.MAX_DIGITS:
        raise ValueError(f"{text[:20]!r}… has {digits} digits; the limit is {limits.MAX_DIGITS}")
    if not _DECIMAL.fullmatch(text):
        raise ValueError(f"{text[:40]!r} is not a decimal number as printed (digits with an optional leading "
                         "minus and decimal point, e.g. \"-0.481486\"; no plus sign, exponent or spaces)")
    whole, _, fraction = text.lstrip("-").partition(".")
    value = sympy.Rational(int(whole + fraction), 10 ** len(fraction))
    return -value if text.startswith("-") else value


def decimals_printed(text: str) -> int:
    """How many digits follow the decimal point in a printed number."""
    _, _, fraction = text.strip().partition(".")
    return len(fraction)


def half_unit(text: str) -> sympy.Rational:
    """Half a unit in the last printed digit: the tolerance a printed number promises."""
    return sympy.Rational(1, 2 * 10 ** decimals_printed(text))


def exact_form(expr: sympy.Expr) -> sympy.Expr:
    """The same expression with every printed number replaced by its exact value."""
    return expr.xreplace({atom: atom.exact() for atom in expr.atoms(PrintedNumber)})


def half_up(value: sympy.Rational, places: int) -> sympy.Rational:
    """A rational rounded half up (a half away from zero) to `places` decimals, in integers:
    130 times faster than floor() on SymPy numbers, and the diagnosis rounds every softmax
    value of a table this way."""
    scale, numerator, denominator = 10**places, abs(int(value.p)), int(value.q)
    magnitude = (2 * numerator * scale + denominator) // (2 * denominator)
    return sympy.Rational(-magnitude if value.p < 0 else magnitude, scale)


def rounded(value: sympy.Expr, places: int) -> str:
    """`value` rounded half-up to `places` decimals, as text, via exact rationals."""
    # Rationals round exactly; anything else is first evaluated 30 digits past the cut.
    exact = value if value.is_Rational else sympy.Rational(sympy.N(value, places + 30))
    scaled = int(abs(half_up(exact, places)) * 10**places)
    sign = "-" if exact < 0 and scaled != 0 else ""
    whole, fraction = divmod(int(scaled), 10**places)
    digits = f"{whole}.{fraction:0{places}d}" if places else f"{whole}"
    return sign + digits


SHOWN_PLACES = 6  # decimals shown for a computed value on every page: as many as the article prints


def shown(value: sympy.Expr, places: int = SHOWN_PLACES) -> PrintedNumber:
    """A computed value as a number to show, rounded to `places` decimals."""
    return PrintedNumber(rounded(value, places))
