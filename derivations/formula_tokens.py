"""The tokens of a claim's formula or name list, and the bounds on the text itself.

Owns what is checked before any grammar is: the length of the text (MAX_FORMULA_CHARS), that
it is ASCII (a fullwidth ｙ or a non-breaking space is named, not mistaken for y or a space),
and each number: its digits (MAX_DIGITS) and its exponent (MAX_LITERAL_EXPONENT), turned into
an exact SymPy number from Python integers, never from a string given to SymPy. The grammars
themselves are in `expressions`.
"""
import re
import unicodedata
from dataclasses import dataclass
from typing import Callable

import sympy

from derivations import limits

_TOKEN = re.compile(r"""
    (?P<space>[ \t\r\n]+)
  | (?P<number>(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<symbol>[-+*/()\[\],])
""", re.VERBOSE | re.ASCII)


class FormulaError(ValueError):
    """A formula or name list outside its grammar or past a limit, said in words with its column."""


@dataclass(frozen=True)
class Token:
    kind: str  # "number", "name", "end", or the symbol itself: + - * / ( ) [ ] ,
    text: str
    column: int  # 1-based: the character position an author counts in an editor
    value: sympy.Rational | None = None  # a number's exact value


def tokenize(text: str, refusal: Callable[[str, int], FormulaError]) -> tuple:
    """The tokens of `text`, ending with an "end" token; `refusal` words a character outside the grammar."""
    _check_text(text)
    tokens, position = [], 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            raise refusal(text[position], position + 1)
        if match.lastgroup != "space":
            tokens.append(_token(match.lastgroup, match.group(), position + 1))
        position = match.end()
    return tuple(tokens) + (Token("end", "", len(text) + 1),)


def _check_text(text: str) -> None:
    if len(text) > limits.MAX_FORMULA_CHARS:
        raise FormulaError(f"the text is {len(text)} characters long; the limit is {limits.MAX_FORMULA_CHARS} "
                           f"(column {limits.MAX_FORMULA_CHARS + 1} is past it)")
    for column, char in enumerate(text, 1):
        if not char.isascii():
            name = unicodedata.name(char, "an unnamed character")
            raise FormulaError(f"the character {char!r} (U+{ord(char):04X} {name}) at column {column} is not "
                               "ASCII: write formulas and names in ASCII letters, digits, symbols and spaces")


def _token(kind: str, text: str, column: int) -> Token:
    if kind == "number":
        return Token("number", text, column, number(text, column))
    return Token("name" if kind == "name" else text, text, column)


def number(text: str, column: int) -> sympy.Rational:
    """The exact value of a literal such as 0.25 or 1e-5, its digits and exponent bounded."""
    mantissa, _, exponent = text.lower().partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = whole + fraction
    if len(digits) > limits.MAX_DIGITS:
        raise FormulaError(f"the number at column {column} has {len(digits)} digits; "
                           f"the limit is {limits.MAX_DIGITS}")
    power = _exponent(exponent, column) - len(fraction)
    if power < 0:
        return sympy.Rational(int(digits), 10 ** -power)
    return sympy.Integer(int(digits) * 10 ** power)


def _exponent(text: str, column: int) -> int:
    """The exponent after e, refused before it is converted if it is too large to be meant."""
    magnitude = text.lstrip("+-").lstrip("0")
    too_long = len(magnitude) > len(str(limits.MAX_LITERAL_EXPONENT))
    if too_long or int(magnitude or "0") > limits.MAX_LITERAL_EXPONENT:
        shown = text if len(text) <= 12 else text[:12] + "…"
        raise FormulaError(f"the exponent e{shown} of the number at column {column} is too large; "
                           f"the limit is {limits.MAX_LITERAL_EXPONENT} either way (1e-{limits.MAX_LITERAL_EXPONENT} "
                           f"… 1e{limits.MAX_LITERAL_EXPONENT})")
    return -int(magnitude or "0") if text.startswith("-") else int(magnitude or "0")
