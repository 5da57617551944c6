"""The math names of the derivation, defined once.

Everything else in the package names things in words (`per_sample_loss`, `batch_loss`);
only this module uses the article's one-letter names. It must not build formulas.
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
E = sympy.IndexedBase("E")  # per-sample loss E[i]
true_class = sympy.IndexedBase("c")  # true_class[i] = c_i, the true class of sample i

one_sample_loss_name = sympy.Symbol("E")  # the loss of one sample (5.2), or the batch mean (6.3)
total_loss_name = sympy.Symbol("E_{sum}")  # the summed loss of N samples (6.1)
likelihood_name = sympy.Symbol("L")  # the likelihood of one categorical trial
