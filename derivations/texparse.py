"""The series' printed LaTeX, read into SymPy with our symbols.

Owns the small LaTeX subset the series prints its formulas in, and nothing beyond it:
indexed names (t_{ik} → t[i, k], t_{k} → t[k], y likewise, E_{i} → E[i], E_{sum}), other
names (E, L, N, K, BCE), numbers (exact), \\frac{a}{b}, \\log, \\sum with limits, brackets
( ) [ ] \\lbrack \\rbrack \\left \\right, unary minus, implicit products and \\cdot, powers,
a trailing \\tag{…}, and "=" chains. What is printed incompletely but still readable (a
\\sum_{i}^{N} without its lower limit) is read with the conventional default and recorded as a
`Note`; anything else outside the subset is a `ParseError` giving its position. Pure: text
in, SymPy and notes out.
"""
import re
from dataclasses import dataclass

import sympy

from derivations.symbols import E, K, N, c, i, j, k, t, total_loss_name, y

ASSUMED_LOWER_LIMIT = sympy.Integer(1)
INDEXED = {"t": t, "y": y}
KNOWN = {"i": i, "k": k, "N": N, "K": K, "c": c, "j": j}  # letters that are our symbols
COMMANDS = ("frac", "sum", "log", "lbrack", "rbrack", "cdot", "tag")
OPENERS = {"(": ")", "[": "]", "lbrack": "rbrack", "{": "}"}
SPACING = {r"\ ", r"\,", r"\;", r"\!", r"\quad", r"\left", r"\right"}  # no meaning for the math
_TOKEN = re.compile(r"\s*(\\[A-Za-z]+|\\[ ,;!]|[0-9]+(?:\.[0-9]+)?|[A-Za-z]+|[{}()\[\]_^+\-=,]|\S)")


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


@dataclass(frozen=True)
class Note:
    """Something printed incompletely that was read with a default, e.g. a missing lower limit."""

    kind: str  # "lower-limit-missing"
    index: str  # the summation index, e.g. "i"
    assumed: str  # what was read in its place, e.g. "1"
    position: int


@dataclass(frozen=True)
class Member:
    """One side of a printed "=" chain: its SymPy value, its LaTeX text and its notes."""

    expr: sympy.Expr
    text: str
    notes: tuple = ()


@dataclass(frozen=True)
class Parsed:
    members: tuple  # of Member, in printed order: lhs = … = last rhs
    tag: str = ""  # the text of a trailing \tag{…}, e.g. "6.1"

    @property
    def exprs(self) -> tuple:
        return tuple(member.expr for member in self.members)

    @property
    def notes(self) -> tuple:
        return tuple(note for member in self.members for note in member.notes)


def parse(text: str) -> Parsed:
    """Read a printed formula, possibly a chain a = b = c, into its members."""
    return _Parser(text).statement()


def parse_expr(text: str) -> sympy.Expr:
    """Read a printed formula that has no "=" into one SymPy expression."""
    parsed = parse(text)
    if len(parsed.members) != 1:
        raise ParseError("expected one expression, found an '=' chain", 0, text)
    return parsed.members[0].expr


def tokenize(text: str) -> tuple:
    """The tokens of `text`. After _ or ^ an unbraced argument is one character, as in TeX."""
    tokens, position = [], 0
    while position < len(text) and text[position:].strip():
        if tokens and tokens[-1].kind in ("_", "^"):
            position = _skip_space(text, position)
            if text[position] not in "{\\":
                tokens.append(_token(text[position], position))
                position += 1
                continue
        match = _TOKEN.match(text, position)
        tokens.append(_token(match.group(1), match.start(1)))
        position = match.end()
    return tuple(token for token in tokens if token.text not in SPACING)


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _token(text: str, position: int) -> Token:
    if text.startswith("\\"):
        return Token("command", text, position)
    if text[0].isdigit():
        return Token("number", text, position)
    if text[0].isalpha():
        return Token("name", text, position)
    return Token(text, text, position)


class _Parser:
    """Recursive descent over the tokens; one instance reads one formula."""

    def __init__(self, text: str):
        self.text, self.tokens, self.at = text, tokenize(text), 0
        self.notes: list = []

    # --- token access ---

    def peek(self) -> Token | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def position(self) -> int:
        token = self.peek()
        return token.position if token else len(self.text)

    def error(self, message: str) -> ParseError:
        return ParseError(message, self.position(), self.text)

    def is_next(self, *texts: str) -> bool:
        token = self.peek()
        return token is not None and token.text in texts

    def take(self, *texts: str) -> Token:
        token = self.peek()
        if token is None or (texts and token.text not in texts):
            found = f"'{token.text}'" if token else "the end"
            raise self.error(f"expected {' or '.join(repr(x) for x in texts) or 'more'}, found {found}")
        self.at += 1
        return token

    # --- grammar ---

    def statement(self) -> Parsed:
        members = [self.member()]
        while self.is_next("="):
            self.take("=")
            members.append(self.member())
        tag = self.tag()
        if self.peek() is not None:
            raise self.error(f"unexpected '{self.peek().text}'")
        return Parsed(tuple(members), tag)

    def member(self) -> Member:
        start, self.notes = self.position(), []
        expr = self.expr()
        text = self.text[start:self.position()].strip()
        return Member(expr, text, tuple(self.notes))

    def tag(self) -> str:
        if not self.is_next(r"\tag"):
            return ""
        self.take(r"\tag")
        start = self.take("{").position + 1
        while not self.is_next("}"):
            self.take()
        return self.text[start:self.take("}").position].strip()

    def expr(self) -> sympy.Expr:
        sign = -1 if self.is_next("-") else 1
        if self.is_next("-", "+"):
            self.take()
        value = sign * self.term()
        while self.is_next("+", "-"):
            sign = -1 if self.take().text == "-" else 1
            value += sign * self.term()
        return value

    def term(self) -> sympy.Expr:
        value = self.factor()
        while self.starts_factor() or self.is_next(r"\cdot"):
            if self.is_next(r"\cdot"):
                self.take()
            value *= self.factor()
        return value

    def starts_factor(self) -> bool:
        token = self.peek()
        if token is None:
            return False
        return token.kind in ("number", "name") or token.text in ("(", "[", "{", r"\lbrack", r"\frac", r"\sum", r"\log")

    def factor(self) -> sympy.Expr:
        if self.is_next(r"\sum"):
            return self.sum()
        if self.is_next(r"\frac"):
            self.take()
            return self.group() / self.group()
        if self.is_next(r"\log"):
            self.take()
            return sympy.log(self.power())
        if not self.starts_factor():
            raise self.error(self.outside_subset())
        return self.power()

    def outside_subset(self) -> str:
        token = self.peek()
        if token is None:
            return "the formula ends where an expression is expected"
        if token.kind == "command" and token.text[1:] not in COMMANDS:
            return f"{token.text} is outside the supported LaTeX subset"
        return f"'{token.text}' cannot start an expression"

    def power(self) -> sympy.Expr:
        base = self.primary()
        if self.is_next("^"):
            self.take()
            return base ** self.script()
        return base

    def primary(self) -> sympy.Expr:
        token = self.peek()
        if token is None:
            raise self.error("the formula ends where an expression is expected")
        if token.kind == "number":
            self.take()
            return sympy.Rational(token.text)
        if token.kind == "name":
            return self.name()
        return self.bracketed()

    def bracketed(self) -> sympy.Expr:
        opener = self.take("(", "[", "{", r"\lbrack").text.lstrip("\\")
        value = self.expr()
        closer = OPENERS[opener]
        self.take(closer if len(closer) == 1 else "\\" + closer)
        return value

    def group(self) -> sympy.Expr:
        """A braced argument, as of \\frac."""
        if not self.is_next("{"):
            raise self.error("expected '{' to open an argument")
        return self.bracketed()

    def script(self) -> sympy.Expr:
        """A sub- or superscript value: a braced expression or one character."""
        if self.is_next("{"):
            return self.bracketed()
        return self.primary()

    # --- names ---

    def name(self) -> sympy.Expr:
        token = self.take()
        if token.text in INDEXED:
            if not self.is_next("_"):
                raise ParseError(f"{token.text} needs a subscript, e.g. {token.text}_{{k}}", token.position, self.text)
            return INDEXED[token.text][self.subscript()]
        if token.text == "E" and self.is_next("_"):
            return self.loss_name()
        if self.is_next("_"):
            raise self.error(f"a subscript on {token.text} is outside the supported subset")
        return KNOWN[token.text] if token.text in KNOWN else sympy.Symbol(token.text)

    def loss_name(self) -> sympy.Expr:
        """E_{sum}, the summed loss, or E_{i}, the loss of one sample."""
        if self.subscript_text() == "sum":
            for text in ("_", "{", "sum", "}"):
                self.take(text)
            return total_loss_name
        indices = self.subscript()
        if len(indices) != 1:
            raise self.error("E takes one subscript, the sample: E_{i}")
        return E[indices[0]]

    def subscript_text(self) -> str:
        tokens = self.tokens[self.at:self.at + 4]
        return tokens[2].text if len(tokens) == 4 and tokens[1].text == "{" and tokens[3].text == "}" else ""

    def subscript(self) -> tuple:
        """The indices of t_{ik}, t_{i1}, t_{k}, t_{4,2}: one per character, or comma-separated."""
        self.take("_")
        if not self.is_next("{"):
            return (self.index(self.take().text),)
        self.take("{")
        pieces = []
        while not self.is_next("}"):
            pieces.append(self.take())
        self.take("}")
        if any(piece.text == "," for piece in pieces):
            return tuple(self.index(piece.text) for piece in pieces if piece.text != ",")
        return tuple(self.index(char) for piece in pieces for char in piece.text)

    def index(self, text: str) -> sympy.Expr:
        if text.isdigit():
            return sympy.Integer(text)
        if len(text) == 1 and text.isalpha():
            return KNOWN[text] if text in KNOWN else sympy.Symbol(text, integer=True, positive=True)
        raise self.error(f"{text!r} is not an index (a letter or a whole number)")

    # --- sums ---

    def sum(self) -> sympy.Expr:
        start = self.take(r"\sum").position
        lower = upper = index = None
        while self.is_next("_", "^"):
            if self.take().text == "_":
                index, lower = self.sum_index()
            else:
                upper = self.script()
        if index is None or upper is None:
            raise ParseError("a sum needs an index below and an upper limit above: \\sum_{k=1}^{K}", start, self.text)
        if lower is None:
            self.notes.append(Note("lower-limit-missing", str(index), str(ASSUMED_LOWER_LIMIT), start))
            lower = ASSUMED_LOWER_LIMIT
        return sympy.Sum(self.term(), (index, lower, upper))

    def sum_index(self) -> tuple:
        """The index and lower limit below a sum: {k=1}, or {i} with the lower limit missing."""
        if not self.is_next("{"):
            return self.index(self.take().text), None
        self.take("{")
        index = self.index(self.take().text)
        lower = None
        if self.is_next("="):
            self.take("=")
            lower = self.expr()
        self.take("}")
        return index, lower
