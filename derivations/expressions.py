"""A claim's quantity written as a formula over the table, e.g. `-log(y[2,3])`, and name lists.

Owns two small grammars, read by our own tokenizer (`formula_tokens`) and recursive-descent
parsers that build SymPy objects directly: nothing read from a file is handed to `eval` or to
SymPy's string parser (`sympify` evaluates what it is given). The formula grammar:

    formula  := sum
    sum      := product (("+" | "-") product)*          read in a loop, not by recursion
    product  := unary (("*" | "/") unary)*
    unary    := ("+" | "-") unary | primary
    primary  := number | cell | "log" "(" sum ")" | "(" sum ")"    a log's argument holds no log
    cell     := ("t" | "y") "[" index "," index "]"      index: ASCII digits, 1 or more in value
    number   := (digits ["." [digits]] | "." digits) [("e" | "E") ["+" | "-"] digits]

ASCII spaces (and tabs, line ends) may separate tokens; nothing else outside ASCII is read.
A decimal is exact (0.1 is 1/10). Bounds (`limits`): MAX_FORMULA_CHARS characters,
MAX_DIGITS digits in a number, an exponent of at most MAX_LITERAL_EXPONENT in size,
MAX_FORMULA_NODES numbers, cells and operators, and MAX_NESTING levels of parentheses, signs
and logs, counted before Python's own recursion limit is near. Logs do not nest: SymPy takes
minutes over a dozen nested logs of a number, log(log(…log(0.7)…)). The name grammar, of a name
claim's quantity, is a comma-separated list of t[k], y[k], t[i, k], y[4, 2] (indices i, k or
digits), E[i], E[4], E, E_sum, i and k. Every refusal is a `FormulaError` naming the 1-based
column. Also owns the cells a formula reads, its exact value under a log base and sign, and
its `program`: the steps of its computation in the order written, for a float computation.
"""
import functools
from operator import add, mul, neg, sub, truediv

import sympy

from derivations import limits
from derivations.formula_tokens import FormulaError, Token, tokenize
from derivations.numbers import PrintedNumber
from derivations.symbols import E, i, k, t, total_loss_name, y

GRAMMAR = "t[i, k], y[i, k], log(…), numbers, + - * / and parentheses"
NAME_GRAMMAR = ("t[k], y[k], t[i, k], y[i, k] (indices i, k or whole numbers), E[i], E[4], E, E_sum, i and k, "
                "separated by commas")
CELL_BASES = {"t": t, "y": y}
NAME_BASES = {"t": t, "y": y, "E": E}
INDEX_LETTERS = {"i": i, "k": k}
# Names without brackets, as a name claim read them before it had its own grammar: a plain E is
# the IndexedBase E (printed as E, like the loss's name), E_sum the summed loss.
PLAIN_NAMES = {"E": E, "E_sum": total_loss_name, **INDEX_LETTERS}


# Bounded caches: the texts come from files, and a file holds at most MAX_CLAIMS claims.
@functools.lru_cache(maxsize=2 * limits.MAX_CLAIMS)
def parse(text: str) -> sympy.Expr:
    """The formula as a SymPy expression; FormulaError if it is not in the grammar."""
    return _Formula(text).formula()


@functools.lru_cache(maxsize=2 * limits.MAX_CLAIMS)
def program(text: str) -> tuple:
    """A formula (already read by `parse`) as the steps code takes, left to right: what a float
    computation of it rounds at each step."""
    return _Program(text).program()


@functools.lru_cache(maxsize=2 * limits.MAX_CLAIMS)
def parse_names(text: str) -> tuple:
    """The names a name claim states, e.g. "t[k], y[k]" → (t[k], y[k]); FormulaError if not."""
    return _Names(text).names()


class _Reader:
    """Token access shared by both grammars; one instance reads one text."""

    grammar, kind, parts = GRAMMAR, "a formula", "numbers, cells and operators"

    def __init__(self, text: str):
        self.text, self.tokens, self.at = text, tokenize(text, self.refusal), 0
        self.nodes = 0

    def peek(self) -> Token:
        return self.tokens[self.at]

    def advance(self) -> Token:
        """The next token, counted as a node: a number, a cell's or a name's letter, an operator."""
        token = self.tokens[self.at]
        self.at += 1
        self.count(token)
        return token

    def take(self, kind: str, expected: str) -> Token:
        if self.peek().kind != kind:
            raise self.unexpected(expected)
        self.at += 1
        return self.tokens[self.at - 1]

    def refusal(self, found: str, column: int, hint: str = "") -> FormulaError:
        """The words for something outside the grammar; every refusal goes through here."""
        return FormulaError(f"at column {column}, {found!r} is not allowed: {self.kind} may use only "
                            f"{self.grammar}" + (f" ({hint})" if hint else ""))

    def unexpected(self, expected: str) -> FormulaError:
        token = self.peek()
        if token.kind == "end":
            if not self.text.strip():
                return FormulaError(f"{self.text!r} is not {self.kind}: it is empty (column {token.column})")
            return FormulaError(f"{self.text!r} is not {self.kind}: it ends at column {token.column} "
                                f"where {expected} is expected")
        return self.refusal(token.text, token.column, f"expected {expected} here")

    def count(self, token: Token) -> None:
        """One more number, cell, name or operator; refused past MAX_FORMULA_NODES."""
        self.nodes += 1
        if self.nodes > limits.MAX_FORMULA_NODES:
            raise FormulaError(f"at column {token.column}, the {self.kind[2:]} has more than "
                               f"{limits.MAX_FORMULA_NODES} {self.parts}; the limit is {limits.MAX_FORMULA_NODES}")

    def index(self, token: Token, letters: dict) -> sympy.Expr:
        """An index: a whole number from 1 written in digits, or one of `letters`."""
        if token.kind == "name" and token.text in letters:
            return letters[token.text]
        if token.kind == "number" and token.text.isdigit() and int(token.text) >= 1:
            return sympy.Integer(int(token.text))
        raise self.refusal(token.text, token.column, "an index is a whole number from 1, in digits")


class _Formula(_Reader):
    """The formula grammar; sums and products are read in loops, so only nesting recurses."""

    def __init__(self, text: str):
        super().__init__(text)
        self.depth, self.in_log = 0, False

    def formula(self) -> sympy.Expr:
        value = self.sum()
        if self.peek().kind != "end":
            raise self.unexpected("an operator + - * / or the end")
        return value

    def sum(self) -> sympy.Expr:
        value = self.product()
        while self.peek().kind in ("+", "-"):
            operator = self.advance()
            value = self.build(operator.kind, value, self.product())
        return value

    def product(self) -> sympy.Expr:
        value = self.unary()
        while self.peek().kind in ("*", "/"):
            operator = self.advance()
            value = self.build(operator.kind, value, self.unary())
        return value

    def unary(self) -> sympy.Expr:
        if self.peek().kind not in ("+", "-"):
            return self.primary()
        sign = self.advance()
        operand = self.nested(sign, self.unary)
        return self.build("neg", operand) if sign.kind == "-" else operand

    def nested(self, opener: Token, read) -> sympy.Expr:
        """`read()` one level deeper; refused past MAX_NESTING, long before Python's stack ends."""
        self.depth += 1
        if self.depth > limits.MAX_NESTING:
            raise FormulaError(f"at column {opener.column}, the formula nests {self.depth} levels deep; the limit "
                               f"is {limits.MAX_NESTING} (parentheses, signs and logs each count a level)")
        value = read()
        self.depth -= 1
        return value

    def primary(self) -> sympy.Expr:
        token = self.peek()
        if token.kind == "number":
            return self.build("number", self.advance().value)
        if token.kind == "(":
            return self.nested(token, self.parenthesized)
        if token.kind == "name":
            return self.named()
        raise self.unexpected("a number, a cell, log( or (")

    def parenthesized(self) -> sympy.Expr:
        self.take("(", "(")
        value = self.sum()
        self.take(")", "')' to close the parenthesis")
        return value

    def named(self) -> sympy.Expr:
        """log(…) or a cell; any other name, or log and t and y not followed by their bracket, is refused."""
        token = self.tokens[self.at]
        follows = self.tokens[self.at + 1].kind
        if (token.text, follows) == ("log", "("):
            return self.log()
        if token.text in CELL_BASES and follows == "[":
            return self.cell()
        raise self.refusal(token.text, token.column)

    def log(self) -> sympy.Expr:
        token = self.advance()
        if self.in_log:
            raise FormulaError(f"at column {token.column}, a log holds another log; logs may not nest (SymPy takes "
                               "minutes to evaluate a dozen nested logs of a number)")
        self.in_log = True
        value = self.build("log", self.nested(token, self.parenthesized))
        self.in_log = False
        return value

    def cell(self) -> sympy.Expr:
        base = self.advance()
        self.take("[", "[")
        row = self.index(self.take("number", "the cell's sample number"), {})
        self.take(",", "',' and the cell's class number")
        column = self.index(self.take("number", "the cell's class number"), {})
        self.take("]", "']' after the cell's two indices")
        return self.build("cell", base.text, int(row), int(column))

    def build(self, kind: str, *parts):
        """What each construct reads as: a SymPy expression here, a step of a program in `_Program`."""
        return _BUILT[kind](*parts)


_BUILT = {"+": add, "-": sub, "*": mul, "/": truediv, "neg": neg,
          "log": sympy.log, "number": lambda value: value, "cell": lambda name, row, column: CELL_BASES[name][row, column]}


class _Program(_Formula):
    """The same grammar read into the steps of its computation, in the order written (postfix):
    ("number", value), ("cell", "t" or "y", row, column), ("neg",), ("log",), ("+",) …"""

    def program(self) -> tuple:
        self.steps = []
        self.formula()
        return tuple(self.steps)

    def build(self, kind: str, *parts):
        self.steps.append((kind, *parts) if kind in ("number", "cell") else (kind,))


class _Names(_Reader):
    """The name grammar: a flat list, so nothing here recurses."""

    grammar, kind, parts = NAME_GRAMMAR, "a list of names", "names"

    def names(self) -> tuple:
        found = [self.name()]
        while self.peek().kind == ",":
            self.at += 1
            found.append(self.name())
        if self.peek().kind != "end":
            raise self.unexpected("',' and another name, or the end")
        return tuple(found)

    def name(self) -> sympy.Expr:
        if self.peek().kind != "name":
            raise self.unexpected("a name")
        token = self.advance()
        if token.text in NAME_BASES and self.peek().kind == "[":
            return NAME_BASES[token.text][self.indices(token)]
        if token.text in PLAIN_NAMES:
            return PLAIN_NAMES[token.text]
        hint = f"{token.text} needs its indices, e.g. {token.text}[k]" if token.text in NAME_BASES else ""
        raise self.refusal(token.text, token.column, hint)

    def indices(self, base: Token) -> tuple:
        self.take("[", "[")
        found = [self.index(self.take_index(), INDEX_LETTERS)]
        while self.peek().kind == "," and len(found) < (1 if base.text == "E" else 2):
            self.at += 1
            found.append(self.index(self.take_index(), INDEX_LETTERS))
        closing = "']'" if base.text == "E" or len(found) == 2 else "',' or ']'"
        self.take("]", f"{closing} after {base.text}'s indices")
        return tuple(found)

    def take_index(self) -> Token:
        if self.peek().kind not in ("name", "number"):
            raise self.unexpected("an index: i, k or a whole number")
        self.at += 1
        return self.tokens[self.at - 1]


def cells(expr: sympy.Expr) -> tuple:
    """The cells a formula reads, as (name, row, column), in a stable order."""
    found = {(str(cell.base), *(int(index) for index in cell.indices)) for cell in expr.atoms(sympy.Indexed)}
    return tuple(sorted(found))


def cell_problems(expr: sympy.Expr, samples: int, classes: int) -> list:
    """Each cell outside a table of `samples` rows and `classes` columns, in words."""
    problems = []
    for name, row, column in cells(expr):
        if not 1 <= row <= samples:
            problems.append(f"{name}[{row}, {column}]: sample {row} is outside 1 … {samples}")
        elif not 1 <= column <= classes:
            problems.append(f"{name}[{row}, {column}]: class {column} is outside 1 … {classes}")
    return problems


def value(expr: sympy.Expr, substitution: dict, base: str = "e", negated: bool = True) -> sympy.Expr:
    """The formula's exact value with the table substituted, logs in `base`, its sign kept or dropped."""
    scaled = expr if base == "e" else expr.replace(sympy.log, lambda arg: sympy.log(arg) / sympy.log(int(base)))
    signed = scaled if negated else -scaled
    exact = {cell: v.exact() if isinstance(v, PrintedNumber) else v for cell, v in substitution.items()}
    return signed.xreplace(exact)
