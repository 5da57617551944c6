"""The series' printed LaTeX, read into SymPy with our symbols.

Owns the small LaTeX subset the series prints its formulas in, and nothing beyond it:
indexed names (t_{ik} → t[i, k], t_{k} → t[k], y likewise, E_{i} → E[i], E_{sum}), other
names (E, L, N, K, BCE), numbers (exact), \\frac{a}{b}, \\log, \\sum with limits, brackets
( ) [ ] \\lbrack \\rbrack \\left \\right, unary minus, implicit products and \\cdot, powers,
a trailing \\tag{…}, and "=" chains. What is printed incompletely but still readable (a
\\sum_{i}^{N} without its lower limit) is read with the conventional default and recorded as a
`Note`; anything else outside the subset is a `ParseError` giving its position. Pure: text
in, SymPy and notes out.
The work of reading is bounded (`limits`, checked with `textokens`): the text, its tokens,
nesting, powers, logs (which do not nest) and the terms that sums write out.
"""
from dataclasses import dataclass

import sympy

from derivations.symbols import E, K, N, c, i, j, k, t, total_loss_name, y
from derivations.textokens import checked_tag, Budget, ParseError, Token, bounded_power, number, tokenize

ASSUMED_LOWER_LIMIT = sympy.Integer(1)
INDEXED = {"t": t, "y": y}
KNOWN = {"i": i, "k": k, "N": N, "K": K, "c": c, "j": j}  # letters that are our symbols
COMMANDS = ("frac", "sum", "log", "lbrack", "rbrack", "cdot", "tag")
OPENERS = {"(": ")", "[": "]", "lbrack": "rbrack", "{": "}"}


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


def parse_one(text: str) -> sympy.Expr:
    """Read a printed formula that has no "=" into one SymPy expression."""
    parsed = parse(text)
    if len(parsed.members) != 1:
        raise ParseError("expected one expression, found an '=' chain", 0, text)
    return parsed.members[0].expr


class _Parser:
    """Recursive descent over the tokens; one instance reads one formula."""

    def __init__(self, text: str):
        self.text, self.tokens, self.at = text, tokenize(text), 0
        self.notes: list = []
        self.budget = Budget(text)

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
        return checked_tag(self.text[start:self.take("}").position].strip(), start, self.text)

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
            return self.budget.log(self.take().position, self.power)
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
        if not self.is_next("^"):
            return base
        position = self.take("^").position
        return bounded_power(base, self.script(), position, self.text)

    def primary(self) -> sympy.Expr:
        token = self.peek()
        if token is None:
            raise self.error("the formula ends where an expression is expected")
        if token.kind == "number":
            return number(self.take(), self.text)
        if token.kind == "name":
            return self.name()
        return self.bracketed()

    def bracketed(self) -> sympy.Expr:
        opener = self.take("(", "[", "{", r"\lbrack")
        self.budget.enter(opener.position)
        value = self.expr()
        closer = OPENERS[opener.text.lstrip("\\")]
        self.take(closer if len(closer) == 1 else "\\" + closer)
        self.budget.leave()
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
        if text.isascii() and text.isdigit():
            return number(Token("number", text, self.position()), self.text)
        if len(text) == 1 and text.isascii() and text.isalpha():
            return KNOWN[text] if text in KNOWN else sympy.Symbol(text, integer=True, positive=True)
        raise self.error(f"{text!r} is not an index (a letter or a whole number)")

    # --- sums ---

    def sum(self) -> sympy.Expr:
        start = self.take(r"\sum").position
        self.budget.enter(start)  # a sum's body and its limits may hold sums: each is a level
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
        terms = self.budget.open_sum(lower, upper, start)
        body = self.term()
        self.budget.close_sum(terms)
        return sympy.Sum(body, (index, lower, upper))

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
