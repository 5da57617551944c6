"""How a claims file says its values were computed: the declared convention and precision.

Owns the top-level keys of a claims file that state a convention (`log_base`, `epsilon`,
`clip`, `renormalize`, `label_smoothing`) or a number format (`precision`), their rules, and turning them into
a `diagnosis.Convention` and a precision name; and reading a printed percentage (a claim's
`percent`, or a value printed with "%") as the decimal it stands for. A small number such as "1e-7" is read here by
a regular expression into an exact `Rational`, never evaluated. Reading the file is
`datafiles`', judging with the convention `claims`'.
"""
import re

import sympy

from derivations import limits
from derivations.diagnosis import Convention
from derivations.fields import Field

LOG_BASES = {"e": "e", 2: "2", 10: "10", "2": "2", "10": "10"}  # as written → as Convention names it
PRECISIONS = ("float32", "float64")
# A constant as code prints it: digits, an optional fraction and an optional exponent ("1e-7").
_CONSTANT = re.compile(r"([0-9]+)(?:\.([0-9]+))?(?:[eE]([-+]?[0-9]+))?")
_QUOTE_IT = ": quote it as printed, e.g. \"1e-7\" (a float is not exact)"


def small_constant(text: str) -> sympy.Rational:
    """The exact value of a constant such as "1e-7" or "0.0000001"; ValueError, in words, otherwise."""
    match = _CONSTANT.fullmatch(text)
    if not match:
        raise ValueError(f"{text[:40]!r} is not a number such as \"1e-7\" or \"0.0000001\"")
    whole, fraction, exponent = match.group(1), match.group(2) or "", int(match.group(3) or 0)
    if len(whole + fraction) > limits.MAX_DIGITS:
        raise ValueError(f"{text[:20]!r}… has {len(whole + fraction)} digits; the limit is {limits.MAX_DIGITS}")
    if abs(exponent) > limits.MAX_LITERAL_EXPONENT:
        raise ValueError(f"{text[:40]!r} has the exponent {exponent}; "
                         f"the limit is {limits.MAX_LITERAL_EXPONENT} in size")
    return sympy.Rational(int(whole + fraction), 10 ** len(fraction)) * sympy.Rational(10) ** exponent


def fraction_text(text: str) -> str:
    """A printed percentage as the decimal it stands for, by moving the point: "28.77%" → "0.2877",
    "5" → "0.05", "-3.1" → "-0.031" (digits only: nothing is computed, so no digit is lost or added)."""
    body = text.removesuffix("%")
    sign, body = ("-", body[1:]) if body.startswith("-") else ("", body)
    if body == "inf":  # an infinite loss has no point to move
        return sign + body
    whole, _, fraction = body.partition(".")
    places = len(fraction) + 2
    digits = (whole + fraction).rjust(places + 1, "0")
    return f"{sign}{digits[:-places].lstrip('0') or '0'}.{digits[-places:]}"


def _base_problems(name: str, value: object) -> list:
    return [] if value in LOG_BASES else [f"{name} must be \"e\", 2 or 10, not {str(value)[:40]!r}"]


def _constant_between_0_and(upper: str, words: str):
    """The rule for a quoted constant that must lie strictly between 0 and `upper`."""
    def problems(name: str, value: str) -> list:
        try:
            constant = small_constant(value)
        except ValueError as error:
            return [f"{name} {error}"]
        if 0 < constant < small_constant(upper):
            return []
        return [f"{name} must lie between 0 and {upper} ({words}), not {value}"]
    return problems


_SMALL = _constant_between_0_and("0.5", 'a small constant such as "1e-7"')
_SMOOTHING = _constant_between_0_and("1", 'e.g. "0.1"')


def _precision_problems(name: str, value: str) -> list:
    return [] if value in PRECISIONS else [f"{name} must be {' or '.join(PRECISIONS)}, not {value[:40]!r}"]


FIELDS = (Field("log_base", (str, int), False, "e", (_base_problems,)),
          Field("epsilon", (str,), False, "", (_SMALL,), _QUOTE_IT),
          Field("clip", (str,), False, "", (_SMALL,), _QUOTE_IT),
          Field("renormalize", (bool,), False, False),
          Field("precision", (str,), False, "", (_precision_problems,)),
          Field("label_smoothing", (str,), False, "", (_SMOOTHING,), _QUOTE_IT))
KEYS = tuple(field.name for field in FIELDS)


def convention(values: dict) -> Convention:
    """The convention the (validated) keys declare; the definitions where none is given."""
    constant = {key: small_constant(values[name]) if values[name] else sympy.Integer(0)
                for key, name in (("epsilon", "epsilon"), ("clip", "clip"), ("smoothing", "label_smoothing"))}
    return Convention(base=LOG_BASES[values["log_base"]], renormalized=values["renormalize"], **constant)
