"""The number formats a quantity is computed in, and a formula's steps computed in one.

Owns `Arithmetic`: exact (60 significant digits, what every verdict is measured against),
float64 (Python's `math` functions) and float32 (numpy scalars, as the frameworks compute by
default), each with how a rational becomes one of its numbers and its logarithms; a value of
any of them as an exact fraction; a float format's unit in the last place; and `run`, the
steps of a formula (`expressions.program`) computed in a format in the order written, each
rounded as code rounds it. What is computed is `evaluation`'s.
"""
import contextlib
import functools
import math
from dataclasses import dataclass
from fractions import Fraction

import sympy

from derivations import limits

DIGITS = limits.COMPARISON_DIGITS  # exact evaluation: every printed digit counts (see limits)


@dataclass(frozen=True)
class Arithmetic:
    """One number format: how a rational becomes a number of it, and its logarithms."""

    name: str  # "exact", "float64" or "float32"

    def number(self, value: sympy.Rational):
        if self.name == "exact":
            return sympy.Rational(value)
        nearest = float(Fraction(int(value.p), int(value.q)))  # correctly rounded, unlike a float's repr
        return numpy_module().float32(nearest) if self.name == "float32" else nearest

    def log(self, value, base: str):
        if value == 0:  # the limit of log y as y → 0, in each format
            if self.name == "exact":
                return -sympy.oo
            return numpy_module().float32(-math.inf) if self.name == "float32" else -math.inf
        if self.name == "exact":
            return _exact_log(value, base)
        if self.name == "float32":
            numpy = numpy_module()
            return {"e": numpy.log, "2": numpy.log2, "10": numpy.log10}[base](value)
        return FLOAT64_LOGS[base](value)


def numpy_module():
    """numpy, imported only where a float32 number is made: importing it at start-up cost `check`
    48 ms (python -X importtime), a sixth of `import sympy`, for files that never ask for float32."""
    import numpy

    return numpy


def unit_in_last_place(value, precision: str) -> sympy.Rational:
    """The spacing of float numbers at `value` in its format, exactly."""
    if precision == "float32":
        numpy = numpy_module()
        return sympy.Rational(float(numpy.spacing(numpy.float32(abs(value)))))
    return sympy.Rational(math.ulp(float(value)))


def as_fraction(value) -> Fraction:
    """A value of any arithmetic as an exact Python fraction (a SymPy Float's binary digits, a
    Rational, a float): the diagnosis compares a few hundred values per claim with printed
    decimals, and fractions compare far faster than SymPy numbers."""
    if isinstance(value, sympy.Float):
        sign, mantissa, exponent, _ = value._mpf_
        magnitude = Fraction(mantissa) * Fraction(2) ** exponent
        return -magnitude if sign else magnitude
    if isinstance(value, sympy.Rational):
        return Fraction(int(value.p), int(value.q))
    return Fraction(float(value))


EXACT, FLOAT64, FLOAT32 = Arithmetic("exact"), Arithmetic("float64"), Arithmetic("float32")
ARITHMETICS = {arithmetic.name: arithmetic for arithmetic in (EXACT, FLOAT64, FLOAT32)}
FLOAT64_LOGS = {"e": math.log, "2": math.log2, "10": math.log10}


@functools.lru_cache(maxsize=None)
def _exact_log(value: sympy.Rational, base: str) -> sympy.Expr:
    natural = sympy.log(value)
    exact = natural if base == "e" else natural / sympy.log(int(base))
    return sympy.N(exact, DIGITS)


def run(steps: tuple, cells: dict, base: str, arithmetic: Arithmetic):
    """A formula's steps computed in a float format, left to right as written (as Python and numpy
    compute `a + b + c`): every literal and cell a number of the format, every operation and log
    rounded to it. `cells` maps ("t" or "y", row, column) to a number of the format. NaN where
    the format has no value (a log of a negative number, a division by zero)."""
    stack = []
    try:
        with _quiet(arithmetic):
            for step in steps:
                stack.append(_step(step, stack, cells, base, arithmetic))
    except (ValueError, ZeroDivisionError, OverflowError):
        return math.nan
    return stack[-1]


def _step(step: tuple, stack: list, cells: dict, base: str, arithmetic: Arithmetic):
    kind = step[0]
    if kind == "number":
        return arithmetic.number(step[1])
    if kind == "cell":
        return cells[step[1:]]
    if kind in ("neg", "log"):
        operand = stack.pop()
        return -operand if kind == "neg" else _float_log(operand, base, arithmetic)
    right, left = stack.pop(), stack.pop()
    return {"+": lambda: left + right, "-": lambda: left - right, "*": lambda: left * right,
            "/": lambda: left / right}[kind]()


def _float_log(value, base: str, arithmetic: Arithmetic):
    if value < 0:
        return math.nan  # numpy's log of a negative number, which Python's math refuses
    return arithmetic.log(value, base)


def _quiet(arithmetic: Arithmetic):
    """numpy's float32 division by zero and overflow give inf and NaN, as code meets them, not warnings."""
    return numpy_module().errstate(all="ignore") if arithmetic.name == "float32" else contextlib.nullcontext()
