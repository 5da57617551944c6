"""The stated limits on untrusted input: every data, formulas and claims file.

Owns the numbers only; the modules that read input enforce them and say, in a message that
names the file and line, which limit was passed. The same numbers are listed on the site's
claims-file page and in the README's "Security" section (a test compares them). Each limit
is far above what an honest file needs and low enough that `check` stays within seconds.
"""

# A file larger than this is refused before it is parsed; reading stops at the limit, so a
# device that never ends (/dev/zero) costs no more than a file of this size.
MAX_FILE_BYTES = 1_000_000

# Entries of one file. A worked example is a handful of rows; claims are judged one by one,
# each with a diagnosis search over a few hundred conventions.
MAX_CLAIMS = 500
MAX_SAMPLES = 1_000
MAX_CLASSES = 100
MAX_FORMULAS = 500  # printed formulas in data/formulas.toml

# A literal number: digits in all (before and after the point). Thirty digits is more than
# any article prints; evaluation runs at COMPARISON_DIGITS, so every digit counts.
MAX_DIGITS = 30
# A formula's literal may carry an exponent (1e-5); its size is bounded so that the value
# stays an ordinary rational (1e1000000000 would be an exact 10^(10^9)).
MAX_LITERAL_EXPONENT = 30
# No value, printed or computed, beyond this in size: with values this small, evaluating at
# COMPARISON_DIGITS significant digits leaves an error far below half a unit of any printed
# digit (10^12 · 10^-60 ≪ 5 · 10^-31), so comparisons are exact in effect, never at 30 digits.
MAX_MAGNITUDE_DIGITS = 12
MAX_MAGNITUDE = 10**MAX_MAGNITUDE_DIGITS
COMPARISON_DIGITS = 60
# A logit z of a claims file, in size: the softmax of logits this far apart is still a number
# of ordinary size (e^-200 ≈ 10^-87), and frameworks' logits are seldom beyond ±20.
MAX_LOGIT = 100

# A class weight in a part's [settings] (part 9: PyTorch's weight=). A thousand is past any
# honest use, and keeps every value computed from it within MAX_MAGNITUDE: a weight times a
# loss of at most 30 · ln 10 ≈ 69 (a y of at most MAX_DIGITS digits).
MAX_CLASS_WEIGHT = 1_000

# One formula (a claim's quantity or a printed LaTeX formula): its length in characters, its
# size (numbers, names and operators), and how deeply brackets and operators nest. Parsing is
# recursive, and Python's stack is about a thousand frames deep.
MAX_FORMULA_CHARS = 2_000
MAX_FORMULA_NODES = 400
MAX_NESTING = 40
# A whole-number power in a printed formula (y_1^{3}); y_1^{1000000000} would take minutes.
MAX_POWER = 100
# The terms a printed formula becomes when its products of sums are multiplied out, and when
# every Σ is written out as well, a symbolic limit (K) taken at the largest size the audit
# samples (4). The audit's search for slips compares dozens of variants of the formula, each
# at about this cost: a product of six two-term sums (64 terms) took 11 s, five nested sums
# written out (1,024 terms) 2 s. The series' own formulas need at most 6 and 20.
MAX_EXPANDED_TERMS = 24
MAX_WRITTEN_TERMS = 1_024
