"""A claims file may declare how its values were computed: log base, ε inside the log, clipping,
renormalized rows, label smoothing and a float precision; a bad value stops with the file and its line."""
from fractions import Fraction

import pytest
import sympy

from derivations.datafiles import read_claims_file
from derivations.declared import small_constant
from derivations.diagnosis import Convention
from derivations.fields import DataError

FILE = "conventions.toml"
BODY = '''
[[samples]]
t = [1, 0]
y = ["0.8", "0.2"]

[[claims]]
id = "loss"
location = "the loss"
quantity = "E[1]"
printed = "0.2231"
'''


def _text(header: str) -> str:
    return 'classes = ["a", "b"]\n' + header + "\n" + BODY


def _claim(header: str):
    return read_claims_file(_text(header), FILE).claims[0]


def _error(header: str) -> DataError:
    with pytest.raises(DataError) as caught:
        read_claims_file(_text(header), FILE)
    return caught.value


def test_a_file_that_declares_nothing_is_judged_by_the_definitions():
    claim = _claim("")
    assert (claim.declared, claim.precision) == (Convention(), "")


@pytest.mark.parametrize("written, base", [('"e"', "e"), ("2", "2"), ("10", "10"), ('"10"', "10")])
def test_the_log_base_may_be_declared(written, base):
    assert _claim(f"log_base = {written}").declared.base == base


@pytest.mark.parametrize("written, value", [("1e-7", Fraction(1, 10**7)), ("0.0000001", Fraction(1, 10**7)),
                                            ("1E-12", Fraction(1, 10**12)), ("2.5e-3", Fraction(25, 10**4))])
def test_a_small_constant_is_read_exactly_from_its_printed_text(written, value):
    assert small_constant(written) == sympy.Rational(value.numerator, value.denominator)


def test_epsilon_clip_and_renormalize_are_carried_by_every_claim():
    claim = _claim('epsilon = "1e-7"\nclip = "1e-8"\nrenormalize = true')
    assert claim.declared == Convention(epsilon=sympy.Rational(1, 10**7), clip=sympy.Rational(1, 10**8),
                                        renormalized=True)


def test_label_smoothing_is_read_exactly_and_carried_by_every_claim():
    assert _claim('label_smoothing = "0.1"').declared == Convention(smoothing=sympy.Rational(1, 10))


@pytest.mark.parametrize("precision", ["float32", "float64"])
def test_a_float_precision_may_be_declared(precision):
    assert _claim(f'precision = "{precision}"').precision == precision


BAD = {
    # name: (header line, words the message must hold)
    "base 3": ("log_base = 3", 'log_base must be "e", 2 or 10, not \'3\''),
    "base as a float": ("log_base = 2.0", "log_base must be a string or whole number, not float '2.0'"),
    "unquoted epsilon": ("epsilon = 1e-7", 'quote it as printed, e.g. "1e-7"'),
    "epsilon not a number": ('epsilon = "tiny"', "epsilon 'tiny' is not a number such as"),
    "epsilon of zero": ('epsilon = "0"', "epsilon must lie between 0 and 0.5"),
    "clip of one half": ('clip = "0.5"', "clip must lie between 0 and 0.5"),
    "exponent too large": ('clip = "1e-400"', "the limit is 30 in size"),
    "too many digits": ('epsilon = "0.' + "0" * 30 + '1"', "the limit is 30"),
    "renormalize as text": ('renormalize = "yes"', "renormalize must be a boolean (true or false)"),
    "precision unknown": ('precision = "float16"', "precision must be float32 or float64"),
    "expression": ('epsilon = "__import__(\'os\')"', "is not a number such as"),
    "smoothing of one": ('label_smoothing = "1"', "label_smoothing must lie between 0 and 1"),
    "unquoted smoothing": ("label_smoothing = 0.1", 'quote it as printed, e.g. "1e-7"'),
}


@pytest.mark.parametrize("kind", BAD)
def test_a_bad_declaration_names_the_file_its_line_and_the_key(kind):
    header, words = BAD[kind]
    error = _error(header)
    assert error.line == 2 and str(error).startswith(f"{FILE}, line 2: top level: ")
    assert words in str(error)


def test_a_loss_printed_by_code_with_label_smoothing_agrees_once_the_file_declares_it(tmp_path, capsys):
    import math

    from derivations.cli import main

    # t = (0, 1, 0) smoothed by 0.1 over 3 classes: (1/30, 28/30, 1/30), by hand.
    printed = f"{-sum(l * math.log(p) for l, p in zip((1 / 30, 28 / 30, 1 / 30), (0.2, 0.7, 0.1))):.4f}"
    body = ('[[samples]]\nt = [0, 1, 0]\ny = ["0.2", "0.7", "0.1"]\n\n[[claims]]\nid = "smoothed"\n'
            f'location = "the loss"\nquantity = "E[1]"\nprinted = "{printed}"\n')
    declared, plain = tmp_path / "declared.toml", tmp_path / "plain.toml"
    declared.write_text('classes = ["a", "b", "c"]\nlabel_smoothing = "0.1"\n\n' + body, encoding="utf-8")
    plain.write_text('classes = ["a", "b", "c"]\n\n' + body, encoding="utf-8")
    assert main(["check", "--claims", str(declared)]) == 0
    assert main(["check", "--claims", str(plain)]) == 4
    capsys.readouterr()


@pytest.mark.parametrize("page", ["claims-file.md", "claims-file.en.md"])
def test_every_key_a_file_may_declare_is_documented_with_an_example_on_the_claims_file_page(page):
    from derivations.declared import KEYS
    from derivations.files import DOCS_DIR

    text = (DOCS_DIR / page).read_text(encoding="utf-8")
    for key in KEYS:
        assert f"- `{key}`" in text and f"\n{key} = " in text, key
