"""The math names of the derivation, defined once.

Everything else in the package names things in words (`per_sample_loss`, `batch_loss`);
only this module uses the article's one-letter names. It also owns `letters`, which finds
the symbols a formula depends on. It must not build formulas.
"""
import sympy

# Integer symbols, not `Idx`: an `Idx` with a range prints the range into every subscript.
i = sympy.Symbol("i", integer=True, positive=True)  # sample (data) number, 1 … N
k = sympy.Symbol("k", integer=True, positive=True)  # class number, 1 … K
N = sympy.Symbol("N", integer=True, positive=True)  # number of samples in the batch
K = sympy.Symbol("K", integer=True, positive=True)  # number of classes
c = sympy.Symbol("c", integer=True, positive=True)  # the true class of one sample, 1 … K
j = sympy.Symbol("j", integer=True, nonnegative=True)  # K − c: how far the true class sits below K

t = sympy.IndexedBase("t")  # labels: t[k] for one sample, t[i, k] for sample i (one-hot)
y = sympy.IndexedBase("y")  # the model's predicted probabilities, indexed like t
# per-sample loss E[i]. Its label carries an assumption so that it is a different symbol from
# the plain E below: substituting for one must never rewrite the other.
E = sympy.IndexedBase(sympy.Symbol("E", real=True))
true_class = sympy.IndexedBase("c")  # true_class[i] = c_i, the true class of sample i

# The article names both the one-sample loss (5.2) and the batch mean (6.3) E; so do we.
one_sample_loss_name = sympy.Symbol("E")
batch_loss_name = one_sample_loss_name
total_loss_name = sympy.Symbol("E_{sum}")  # the summed loss of N samples (6.1)
likelihood_name = sympy.Symbol("L")  # the likelihood of one categorical trial

# Parts 3, 4 and 6. Like E above, an indexed name's label carries an assumption so that it is
# a different symbol from the plain name: substituting for L must never rewrite L_i.
L = sympy.IndexedBase(sympy.Symbol("L", positive=True))  # L[i]: the likelihood of sample i
total_likelihood_name = sympy.Symbol("L_{all}")  # the likelihood of N independent samples: Π_i L_i
binary_loss_name = sympy.Symbol("BCE")  # the binary cross-entropy of one sample (part 6, (7.1))
BCE = sympy.IndexedBase(sympy.Symbol("BCE", real=True))  # BCE[i]: the binary loss of sample i
# One binary sample's label and prediction, t = t_1 and y = y_1 (the first of the two classes).
# Their assumptions keep them apart from the labels of the IndexedBases t and y above, which
# print the same letter: replacing the scalar t must never rewrite t_k.
binary_label = sympy.Symbol("t", real=True)
binary_prediction = sympy.Symbol("y", positive=True)


def letters(expr: sympy.Basic) -> set:
    """The symbols `expr` depends on, as `free_symbols` finds them less the cells (y_ik counts
    as y and i, k) — in one walk. SymPy 1.14's `free_symbols` of a Σ or Π rebuilds its summand,
    and `is_number` asks it: most of the cost of ordering a product's factors for printing."""
    if isinstance(expr, sympy.Symbol):
        return {expr}
    if isinstance(expr, (sympy.Sum, sympy.Product)):
        found = letters(expr.function)
        for index, *bounds in expr.limits:
            found.discard(index)
            found.update(*(letters(bound) for bound in bounds))
        return found
    return set().union(*(letters(arg) for arg in expr.args))
