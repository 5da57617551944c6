"""A claim's quantity written as a formula over the table, e.g. `-log(y[2,3])`.

Owns the restricted grammar (t[i, k], y[i, k], log, numbers, + - * / and parentheses),
parsing a formula into a SymPy expression over the names of `symbols`, the cells it reads,
and its exact value under a log base and sign. The grammar is checked on Python's syntax
tree before SymPy sees the text, because `sympify` evaluates what it is given.
"""
import ast
import functools

import sympy

from derivations.numbers import PrintedNumber
from derivations.symbols import t, y

GRAMMAR = "t[i, k], y[i, k], log(…), numbers, + - * / and parentheses"
NAMESPACE = {"t": t, "y": y, "log": sympy.log}


class FormulaError(ValueError):
    """A formula outside the grammar, said in words."""


@functools.lru_cache(maxsize=None)
def parse(text: str) -> sympy.Expr:
    """The formula as a SymPy expression; FormulaError if it is not in the grammar."""
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as error:
        raise FormulaError(f"{text!r} is not a formula ({error.msg})") from None
    _check(tree.body)
    # rational=True reads a decimal such as 0.25 as the exact 1/4, never as a binary float.
    return sympy.sympify(text.strip(), locals=NAMESPACE, rational=True)


def _check(node: ast.AST) -> None:
    """Accept the node only if it and everything under it is in the grammar."""
    match node:
        case ast.BinOp(left=left, op=ast.Add() | ast.Sub() | ast.Mult() | ast.Div(), right=right):
            parts = [left, right]
        case ast.UnaryOp(op=ast.USub() | ast.UAdd(), operand=operand):
            parts = [operand]
        case ast.Call(func=ast.Name(id="log"), args=[argument], keywords=[]):
            parts = [argument]
        case ast.Constant(value=number) if type(number) in (int, float):
            parts = []
        case ast.Subscript(value=ast.Name(id="t" | "y")) if _is_cell(node):
            parts = []
        case _:
            raise FormulaError(f"{ast.unparse(node)!r} is not allowed: a formula may use only {GRAMMAR}")
    for part in parts:
        _check(part)


def _is_cell(node: ast.Subscript) -> bool:
    """t[i, k] or y[i, k] with two whole-number indices written as digits."""
    match node.slice:
        case ast.Tuple(elts=[ast.Constant(value=row), ast.Constant(value=column)]):
            return type(row) is int and type(column) is int
    return False


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
