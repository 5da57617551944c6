"""The tokens of a printed LaTeX formula, and the bounds on the work of reading it.

Owns what `texparse` reads before its grammar does: the split into commands, numbers, names
and single characters with their positions, the length of the text (MAX_FORMULA_CHARS), the
number of tokens (MAX_FORMULA_NODES), and each number's exact value, built from Python
integers (never a string handed to SymPy) with at most MAX_DIGITS digits. Letters and digits
are ASCII only: a fullwidth ｙ or a superscript ² is a character of its own, which no rule of
the grammar accepts. Also owns the bounds `texparse` checks as it reads, because what it
reads is later written out, expanded and compared exactly (`equality`): nesting
(MAX_NESTING, counted before Python's recursion limit is near), whole-number powers
(MAX_POWER; a symbolic one such as y_k^{t_k} stays, a tower such as y^{N^{2}} does not), a
number raised to a power (MAX_DIGITS digits), logs (which do not nest), and the terms that
sums with whole-number limits write out (MAX_FORMULA_NODES); a sum's limit is a whole number
or one name, so giving N and K small values keeps every sum small.
"""
import re
from collections.abc import Callable
from dataclasses import dataclass

import sympy

from derivations import limits

SPACING = {r"\ ", r"\,", r"\;", r"\!", r"\quad", r"\left", r"\right"}  # no meaning for the math
_TOKEN = re.compile(r"""\s*(?:
    (?P<command>\\[A-Za-z]+|\\[ ,;!])
  | (?P<number>[0-9]+(?:\.[0-9]+)?)
  | (?P<name>[A-Za-z]+)
  | (?P<char>\S))""", re.VERBOSE)


class ParseError(ValueError):
    """Text outside the supported subset, with the 0-based position where reading stopped."""

    def __init__(self, message: str, position: int, text: str):
        self.reason, self.position, self.text = message, position, text
        super().__init__(f"{message} at position {position}: {text[:position]}⟨here⟩{text[position:]}")


@dataclass(frozen=True)
class Token:
    kind: str  # "command", "number", "name", or the character itself: "{", "_", "=", …
    text: str
    position: int


def tokenize(text: str) -> tuple:
    """The tokens of `text`. After _ or ^ an unbraced argument is one character, as in TeX."""
    if len(text) > limits.MAX_FORMULA_CHARS:
        raise ParseError(f"the formula is {len(text)} characters long; the limit is {limits.MAX_FORMULA_CHARS}",
                         limits.MAX_FORMULA_CHARS, text)
    tokens, position, end = [], 0, len(text.rstrip())
    while position < end:
        if tokens and tokens[-1].kind in ("_", "^"):
            position = _skip_space(text, position)
            if text[position] not in "{\\":
                tokens.append(_one_character(text[position], position))
                position += 1
                continue
        match = _TOKEN.match(text, position)
        tokens.append(Token(_kind(match), match.group(match.lastgroup), match.start(match.lastgroup)))
        position = match.end()
    kept = tuple(token for token in tokens if token.text not in SPACING)
    _check_size(kept, text)
    return kept


def _check_size(tokens: tuple, text: str) -> None:
    if len(tokens) > limits.MAX_FORMULA_NODES:
        raise ParseError(f"the formula has more than {limits.MAX_FORMULA_NODES} tokens (names, numbers, "
                         f"commands and symbols); the limit is {limits.MAX_FORMULA_NODES}",
                         tokens[limits.MAX_FORMULA_NODES].position, text)


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _kind(match: re.Match) -> str:
    group, text = match.lastgroup, match.group(match.lastgroup)
    if group != "char":
        return group
    return "command" if text == "\\" else text  # a lone backslash is a command outside the subset


def _one_character(char: str, position: int) -> Token:
    """An unbraced sub- or superscript: y_1, y_k, \\sum^N."""
    if char.isascii() and char.isdigit():
        return Token("number", char, position)
    if char.isascii() and char.isalpha():
        return Token("name", char, position)
    return Token(char, char, position)


def number(token: Token, text: str) -> sympy.Rational:
    """The exact value of a number token such as 0.33: digits over a power of ten, from integers."""
    whole, _, fraction = token.text.partition(".")
    digits = whole + fraction
    if len(digits) > limits.MAX_DIGITS:
        raise ParseError(f"the number has {len(digits)} digits; the limit is {limits.MAX_DIGITS}",
                         token.position, text)
    return sympy.Rational(int(digits), 10 ** len(fraction))


def bounded_power(base: sympy.Expr, exponent: sympy.Expr, position: int, text: str) -> sympy.Expr:
    """base ** exponent, unless that would take minutes to build, expand or compare exactly."""
    # Checked before the power is built: SymPy computes 2^{1000000000} at once.
    _bound_power(base, exponent, position, text)
    value = base ** exponent
    for power in value.atoms(sympy.Pow):  # (y^{100})^{100} is built as y^{10000}
        _bound_power(power.base, power.exp, position, text)
    return value


def _bound_power(base: sympy.Expr, exponent: sympy.Expr, position: int, text: str) -> None:
    if base.is_Rational and max(abs(base.p), base.q) >= 10 ** limits.MAX_DIGITS:
        raise ParseError(f"a number of more than {limits.MAX_DIGITS} digits is raised to a power; "
                         f"the limit is {limits.MAX_DIGITS} digits", position, text)
    for value in exponent.atoms(sympy.Rational):
        if max(abs(value.p), value.q) > limits.MAX_POWER:
            raise ParseError(f"the power has the number {value} in its exponent; the limit is "
                             f"{limits.MAX_POWER} either way", position, text)
    if any(power.exp != -1 for power in exponent.atoms(sympy.Pow)):
        raise ParseError("an exponent holds a power (a tower such as y^{N^{2}}), which grows beyond "
                         "any bound once N has a value", position, text)


class Budget:
    """The work one formula has asked for so far: how deep it nests, how many terms its sums write out."""

    def __init__(self, text: str):
        self.text, self.depth = text, 0  # brackets, braces and sums open around the current token
        self.written, self.span = 0, 1  # terms written out so far; copies of the current token
        self.in_log = False  # whether the current token is inside a log's argument

    def enter(self, position: int) -> None:
        """One level deeper; refused past MAX_NESTING, long before Python's stack runs out."""
        self.depth += 1
        if self.depth > limits.MAX_NESTING:
            raise ParseError(f"the formula nests {self.depth} levels deep (brackets, braces, fractions and "
                             f"sums); the limit is {limits.MAX_NESTING}", position, self.text)

    def leave(self) -> None:
        self.depth -= 1

    def log(self, position: int, read: Callable[[], sympy.Expr]) -> sympy.Expr:
        """log(read()); refused inside another log: SymPy takes minutes over four nested logs of 2."""
        if self.in_log:
            raise ParseError("a log holds another log; logs may not nest", position, self.text)
        self.in_log = True
        value = sympy.log(read())
        self.in_log = False
        return value

    def open_sum(self, lower: sympy.Expr, upper: sympy.Expr, position: int) -> int:
        """A sum's body begins: its copies count against MAX_FORMULA_NODES written-out terms."""
        terms = written_terms(lower, upper, position, self.text)
        self.written += self.span * terms
        if self.written > limits.MAX_FORMULA_NODES:
            raise ParseError(f"written out, the formula's sums would have more than {limits.MAX_FORMULA_NODES} "
                             f"terms; the limit is {limits.MAX_FORMULA_NODES}", position, self.text)
        self.span *= terms
        return terms

    def close_sum(self, terms: int) -> None:
        self.span //= terms
        self.leave()


def written_terms(lower: sympy.Expr, upper: sympy.Expr, position: int, text: str) -> int:
    """The copies of its body a sum makes when written out term by term, its names counted as 0.

    A limit is a whole number, a name, or a name plus or minus a whole number (N - 1): an
    expression such as K^{100} would write out 4^100 terms once K = 4."""
    for limit in (lower, upper):
        if not (limit.is_Integer or _is_name_plus_number(limit)):
            raise ParseError(f"a sum's limit is a whole number, a name or a name plus or minus a whole number, "
                             f"not {limit}", position, text)
    span = (upper - lower + 1).xreplace({name: 0 for name in (upper - lower).free_symbols})
    return max(int(span), 1)


def _is_name_plus_number(limit: sympy.Expr) -> bool:
    """N, N - 1, K + 2: one name (not an indexed t_{1}), plus or minus a whole number."""
    names = [name for name in limit.free_symbols if isinstance(name, sympy.Symbol)]
    return len(limit.free_symbols) == 1 and len(names) == 1 and (limit - names[0]).is_Integer


def checked_tag(tag: str, position: int, text: str) -> str:
    """The text of a \\tag{…}, which is shown inside the page's math: only what an equation
    number is made of, so that nothing in it can close the math block (no \\, $ or braces)."""
    if not all(ch.isalnum() or ch in " .,-、()" for ch in tag):
        raise ParseError(f"an equation tag may hold letters, digits, spaces and . , - 、 ( ) only: {tag[:20]!r}",
                         position, text)
    return tag
