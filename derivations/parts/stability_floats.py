"""The stability page's floating-point results: computed with numpy, kept in a committed file.

Owns the float64 and float32 values the page shows (the naive and the shifted log-sum-exp of
the page's logits, the overflow thresholds, the clamped and the stable binary loss), the file
that keeps them, `docs/computed/stability-floats.json`, and its fingerprint: a hash of the
inputs, of this module's source and of numpy's version.

Why a committed file: `check` must not import numpy (48 ms of its budget, and OpenBLAS's
threads keep it from forking its workers). As the pictures do (`figures`), `check` trusts the
committed values while their fingerprint is current and recomputes (importing numpy) only when
the inputs, this code or numpy changed; the recomputed file then differs from the committed one,
so `check` reports it stale and `build` writes it (the part hands the file's text to both as
`Derivation.generated`). It reads nothing itself: the part declares the file (`COMPUTED`, in
`Part.computed`), and the command line reads it from the --docs folder, with this module's
source and numpy's version, into the `outline.Committed` the build is given. The tests
recompute every value with numpy and with PyTorch. Values only: the chains and the page are
`stability`'s; it must not print.

Chosen over the alternatives: emulating IEEE arithmetic in plain Python (struct-rounded float32)
would keep numpy out without a file, but numpy's float32 exp and log are its own (not always
correctly rounded), so the page would show values numpy does not compute.
"""
import hashlib
import json
from pathlib import Path

from derivations.outline import Committed, Computed

PATH = "computed/stability-floats.json"  # under docs/
COMPUTED = Computed(PATH, Path(__file__), "numpy")
PRECISIONS = ("float64", "float32")
LOGITS = (1000, 0, -1000)  # one sample, K = 3: a confident network's logits
BINARY_LOGIT, BINARY_LABEL = 40, 0  # σ(40) rounds to 1 in both precisions
CLAMP = -100  # binary_cross_entropy clamps each log at −100 (PyTorch's BCELoss documentation)
FIRST_OVERFLOW_SEARCHED = 1000  # exp(n) overflows below this in both precisions


def fingerprint(code: bytes) -> str:
    """The inputs and the computing code (`Committed.code`: this module's source, numpy's version), hashed."""
    digest = hashlib.sha256(repr((PATH, LOGITS, BINARY_LOGIT, BINARY_LABEL, CLAMP)).encode("utf-8"))
    digest.update(code)
    return digest.hexdigest()


def values(committed: Committed) -> dict:
    """{precision: {name: numpy's text of the value}}: the committed file's while its fingerprint
    is current, else computed now."""
    found = _committed(committed.text)
    if found.get("fingerprint") == fingerprint(committed.code):
        return found["values"]
    return compute()


def text(results: dict, code: bytes) -> str:
    """The file as written: the fingerprint and the values, keys sorted (deterministic)."""
    return json.dumps({"fingerprint": fingerprint(code), "values": results}, indent=2, sort_keys=True) + "\n"


def _committed(content: str | None) -> dict:
    """The committed file, or nothing where it is missing or unreadable (then it is recomputed)."""
    try:
        found = json.loads(content) if content else {}
    except ValueError:
        return {}
    return found if isinstance(found, dict) and isinstance(found.get("values"), dict) else {}


def compute() -> dict:
    """Every value in both precisions, with numpy (imported here only: see the docstring)."""
    import numpy

    with numpy.errstate(all="ignore"):  # inf and NaN are the point: no warning for them
        return {precision: _in(numpy, numpy.dtype(precision).type) for precision in PRECISIONS}


def _in(numpy, number) -> dict:
    z = numpy.array(LOGITS, dtype=number)
    results = {**_softmax_logs(numpy, z), **_binary(numpy, number(BINARY_LOGIT), number(BINARY_LABEL))}
    results["largest"] = numpy.finfo(number).max
    results["first-overflow"] = next(n for n in range(FIRST_OVERFLOW_SEARCHED) if numpy.isinf(numpy.exp(number(n))))
    return {name: str(value) for name, value in results.items()}


def _softmax_logs(numpy, z) -> dict:
    """log Σ exp z and log softmax(z)_k for the first and last class, naive and shifted by max z."""
    total = numpy.sum(numpy.exp(z))
    shift = numpy.max(z)
    shifted = numpy.log(numpy.sum(numpy.exp(z - shift)))
    return {"naive-lse": numpy.log(total), "naive-log-first": numpy.log(numpy.exp(z[0]) / total),
            "naive-log-last": numpy.log(numpy.exp(z[-1]) / total), "shifted-lse": shift + shifted,
            "shifted-log-first": z[0] - shift - shifted, "shifted-log-last": z[-1] - shift - shifted}


def _binary(numpy, z, t) -> dict:
    """σ(z), log(1 − σ(z)), the loss with each log clamped at CLAMP, and the stable form."""
    one = z.dtype.type(1)
    sigma = one / (one + numpy.exp(-z))
    clamp = z.dtype.type(CLAMP)
    clamped = -(t * numpy.maximum(numpy.log(sigma), clamp) + (one - t) * numpy.maximum(numpy.log(one - sigma), clamp))
    stable = numpy.maximum(z, z.dtype.type(0)) - t * z + numpy.log1p(numpy.exp(-numpy.abs(z)))
    return {"sigma": sigma, "log-one-minus-sigma": numpy.log(one - sigma), "clamped-bce": clamped,
            "stable-bce": stable}
