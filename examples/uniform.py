"""A tiny derivation: a uniform prediction costs log K, whatever the true class."""
import sympy

from derivations import model
from derivations.outline import Derivation, Part, Section
from derivations.steps import Chain, Context, Step
from derivations.symbols import K, k, one_sample_loss_name, t, y

URL = "https://blog.qualiteg.com/cross-entropy-04"


def derivation(table) -> Derivation:
    uniform = sympy.Sum(t[k] * sympy.log(1 / K), (k, 1, K))
    steps = (
        Step(model.one_sample_loss(), "uniform.definition"),
        Step(-uniform, "uniform.prediction"),
        Step(sympy.log(K) * sympy.Sum(t[k], (k, 1, K)), "uniform.constant-out"),
    )
    # The check may replace every y_k by 1/K: that is what "uniform" means here.
    chain = Chain("uniform", "uniform", one_sample_loss_name, steps,
                  Context(unfold=lambda expr: expr.xreplace({one_sample_loss_name: model.one_sample_loss()}),
                          assumptions={y[k]: 1 / K}), uses=("5.2",))
    return Derivation("uniform", URL, (Section("uniform", (chain,)),))


PROSE = {
    "ja": {
        "title.uniform": "一様な予測の損失",
        "uniform.lead": "どのクラスにも同じ確率 1/K を出す予測の損失を、(5.2) から求めます（${source}）。",
        "index.page.uniform": "一様な予測の損失は log K。",
        "section.uniform": "一様な予測",
        "section.uniform.text": "すべての k で y_k = 1/K とします。",
        "chain.uniform": "一様な予測の損失",
        "reason.uniform.definition": "(5.2)",
        "reason.uniform.prediction": "y_k = 1/K",
        "reason.uniform.constant-out": "定数を Σ の外へ",
    },
    "en": {
        "title.uniform": "The loss of a uniform prediction",
        "uniform.lead": "The loss of a prediction that gives every class the same probability 1/K, from (5.2) (${source}).",
        "index.page.uniform": "A uniform prediction costs log K.",
        "section.uniform": "A uniform prediction",
        "section.uniform.text": "Let y_k = 1/K for every k.",
        "chain.uniform": "The loss of a uniform prediction",
        "reason.uniform.definition": "(5.2)",
        "reason.uniform.prediction": "y_k = 1/K",
        "reason.uniform.constant-out": "constant out of the Σ",
    },
}

PART = Part(number=99, slug="uniform", url=URL, build=derivation, prose=PROSE)
