"""Hostile files, as an attacker would write them: each exits 5 with a message that names the
file, the line and what was wrong, runs no code (a canary file stays absent), and writes nothing.

A claims file reaches `check --claims` from anyone's pull request; data files are edited by
contributors. Every input below once ran code, ran for minutes, or crashed with exit 70.
"""
import html as html_text
import json
import shutil
from pathlib import Path

import markdown
import pytest

from derivations import limits
from derivations.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = (ROOT / "examples" / "claims-example.toml").read_text(encoding="utf-8")
ARTICLE = (ROOT / "data" / "part5.toml").read_text(encoding="utf-8")
EXIT_DATA = 5
FIRST_QUANTITY = 'quantity = "E[1]"'


def _run(*argv) -> int:
    return main([str(argument) for argument in argv])


def _snapshot(folder: Path) -> dict:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file()}


@pytest.fixture
def canary(tmp_path) -> Path:
    """A file that hostile code would create: its absence shows that no code ran."""
    return tmp_path / "pwned"


def _code(canary: Path) -> str:
    return f"__import__('os').system('touch {canary}')"


def _claims_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "hostile.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _check_claims(tmp_path: Path, text: str, capsys) -> tuple:
    """(exit code, standard error) of `check --claims` on the text."""
    code = _run("check", "--claims", _claims_file(tmp_path, text))
    return code, capsys.readouterr().err


def _refused(tmp_path, capsys, text: str, *expected: str) -> None:
    code, err = _check_claims(tmp_path, text, capsys)
    assert code == EXIT_DATA, err
    assert err.startswith(f"error: {tmp_path / 'hostile.toml'}, line "), err
    assert "Traceback" not in err
    for part in expected:
        assert part in err, err


# --- code in a file ---------------------------------------------------------------------------


def test_code_as_a_number_claims_quantity_is_refused_and_never_runs(tmp_path, capsys, canary):
    _refused(tmp_path, capsys, EXAMPLE.replace(FIRST_QUANTITY, f'quantity = "{_code(canary)}"'), "quantity")
    assert not canary.exists()


def test_code_as_a_name_claims_quantity_is_refused_and_never_runs(tmp_path, capsys, canary):
    text = EXAMPLE.replace(FIRST_QUANTITY, f'kind = "name"\nquantity = "{_code(canary)}"')
    _refused(tmp_path, capsys, text.replace('printed = "0.3567"', 'printed = "t_{k}"'), "quantity")
    assert not canary.exists()


def test_code_in_the_articles_data_file_is_refused_by_plain_check(tmp_path, capsys, canary):
    data = tmp_path / "part5.toml"
    data.write_text(ARTICLE.replace('quantity = "t[k], y[k]"', f'quantity = "{_code(canary)}"'), encoding="utf-8")
    assert 'quantity = "t[k], y[k]"' in ARTICLE
    assert _run("check", "--jobs", "1", "--data", data) == EXIT_DATA
    assert "index-pair" in capsys.readouterr().err
    assert not canary.exists()


# --- unbounded work and crashes -----------------------------------------------------------------

FORMULAS = {
    "a literal of a billion-digit exponent": ("1e1000000000*y[1,1]", "exponent"),
    "a literal beyond a float's range": ("1e5000*y[1,1]", "exponent"),
    "a fullwidth letter": ("-log(ｙ[1,1])", "ｙ"),
    "ten thousand minus signs": ("-" * 10_000 + "log(y[1,1])", "limit"),
    "a sum of fifteen hundred terms": ("+".join(["log(y[1,1])"] * 1_500), "limit"),
    "five thousand nested brackets": ("(" * 5_000 + "log(y[1,1])" + ")" * 5_000, "limit"),
    "a value beyond the magnitude limit": ("-1e30*log(y[1,1])", f"10^{limits.MAX_MAGNITUDE_DIGITS}"),
    "a list of six hundred losses": ("mean(" + ", ".join(["E[1]"] * 600) + ")", "limit"),
    "a list naming a sample far past the table": ("mean(E[1], E[999999])", "names sample 999999"),
}


@pytest.mark.parametrize("name", FORMULAS)
def test_a_hostile_formula_exits_5_naming_what_was_too_large(tmp_path, capsys, name):
    formula, expected = FORMULAS[name]
    _refused(tmp_path, capsys, EXAMPLE.replace(FIRST_QUANTITY, f'quantity = "{formula}"'), "loss-1", expected)


def test_a_file_that_never_ends_is_read_only_up_to_the_size_limit(capsys):
    assert _run("check", "--claims", "/dev/zero") == EXIT_DATA
    assert f"the limit is {limits.MAX_FILE_BYTES:,} bytes" in capsys.readouterr().err


def test_a_ten_megabyte_claims_file_is_refused_by_its_size(tmp_path, capsys):
    path = _claims_file(tmp_path, EXAMPLE + "# padding\n" * 1_000_000)
    assert _run("check", "--claims", path) == EXIT_DATA
    assert f"the limit is {limits.MAX_FILE_BYTES:,} bytes" in capsys.readouterr().err


def test_more_claims_than_the_limit_are_refused_at_the_first_one_past_it(tmp_path, capsys):
    claim = '\n[[claims]]\nid = "c{n}"\nlocation = "x"\nquantity = "E"\nprinted = "0.5202"\n'
    text = EXAMPLE + "".join(claim.format(n=n) for n in range(limits.MAX_CLAIMS))
    _refused(tmp_path, capsys, text, f"the limit is {limits.MAX_CLAIMS}")


# --- looseness ----------------------------------------------------------------------------------

LOOSE = {
    "a plus sign on a printed number": (('printed = "0.3567"', 'printed = "+0.3567"'), "no plus sign"),
    "a printed number of 4301 digits": (('printed = "0.3567"', f'printed = "0.{"3" * 4300}"'),
                                        f"the limit is {limits.MAX_DIGITS}"),
    "a printed number of 31 digits": (('printed = "0.3567"', f'printed = "0.{"3" * 30}"'),
                                      f"the limit is {limits.MAX_DIGITS}"),
    "a printed number beyond the magnitude limit": (('printed = "0.3567"', 'printed = "10000000000000"'),
                                                     f"10^{limits.MAX_MAGNITUDE_DIGITS}"),
    "a link that runs script": (('[source]\n', '[source]\nurl = "javascript:alert(1)"\n'), "http"),
    "a line break in a location": (('location = "section 3, the loss of the first example"',
                                    'location = "section 3\\nthe loss"'), "control character"),
    "an id that is not a plain name": (('id = "loss-1"', 'id = "loss 1\\"><script>"'), "ASCII"),
    "a printed name outside the LaTeX subset": ((FIRST_QUANTITY + '\nprinted = "0.3567"',
                                                 'kind = "name"\nquantity = "t[k]"\nprinted = "\\\\href{x}{t}"'),
                                                "printed"),
    "an epsilon that is an expression": (('classes = ', 'epsilon = "__import__(\'os\')"\nclasses = '),
                                         "not a number such as"),
    "an epsilon of a billion-digit exponent": (('classes = ', 'epsilon = "1e-1000000000"\nclasses = '), "exponent"),
    "a clip of one": (('classes = ', 'clip = "1"\nclasses = '), "between 0 and 0.5"),
    "a log base of e written as a float": (('classes = ', 'log_base = 2.718281828\nclasses = '), "log_base"),
    "infinity as a prediction": (('y = ["0.7", "0.2", "0.1"]', 'y = ["0.7", "0.3", "inf"]'), "not a decimal"),
    "nan as a printed value": (('printed = "0.3567"', 'printed = "nan"'), "not a decimal"),
    "a formula taking the log of a zero": ((FIRST_QUANTITY, 'quantity = "-log(y[1,3])"'), "log of a y that is 0"),
    "a logit past its limit": (('y = ["0.7", "0.2", "0.1"]', 'z = ["0.7", "0.2", "100.01"]'),
                               f"beyond the limit of ±{limits.MAX_LOGIT} on a logit"),
    "a logit with an exponent": (('y = ["0.7", "0.2", "0.1"]', 'z = ["0.7", "0.2", "1e400"]'), "no plus sign, exponent"),
    "a logit written as an expression": (('y = ["0.7", "0.2", "0.1"]', 'z = ["0.7", "0.2", "exp(1)"]'),
                                         "not a decimal"),
}


@pytest.mark.parametrize("name", LOOSE)
def test_a_loose_value_is_refused_with_the_rule_it_breaks(tmp_path, capsys, name):
    (old, new), expected = LOOSE[name]
    assert old in EXAMPLE
    text = EXAMPLE.replace(old, new, 1)
    if name == "a formula taking the log of a zero":
        text = text.replace('y = ["0.7", "0.2", "0.1"]', 'y = ["0.7", "0.3", "0"]', 1)
    _refused(tmp_path, capsys, text, expected)


def test_a_byte_order_mark_is_read_as_the_start_of_the_text(tmp_path, capsys):
    plain = _run("check", "--claims", _claims_file(tmp_path, EXAMPLE))
    expected = capsys.readouterr().out
    (tmp_path / "hostile.toml").write_bytes(b"\xef\xbb\xbf" + EXAMPLE.encode("utf-8"))
    assert _run("check", "--claims", tmp_path / "hostile.toml") == plain == 0
    assert capsys.readouterr().out == expected


def test_text_that_is_not_utf8_names_the_line(tmp_path, capsys):
    (tmp_path / "hostile.toml").write_bytes(EXAMPLE.encode("utf-8").replace(b"cat", b"c\xfft", 1))
    assert _run("check", "--claims", tmp_path / "hostile.toml") == EXIT_DATA
    err = capsys.readouterr().err
    assert "line 5" in err and "UTF-8" in err


UNKNOWN_KEYS = {  # where: (old, new, the line that must be named, the message)
    "top level": ('classes = ["イヌ"', 'colour = "red"\nclasses = ["イヌ"', 'colour = "red"',
                  "top level: unknown key 'colour'"),
    "a sample": ("t = [1, 0, 0]", "t = [1, 0, 0]\nweight = 2", "weight = 2", "[[samples]] entry 1: unknown key 'weight'"),
    "the source": ('[source]\n', '[source]\nauthor = "x"\n', 'author = "x"', "[source]: unknown key 'author'"),
}


@pytest.mark.parametrize("where", UNKNOWN_KEYS)
def test_an_unknown_key_in_the_articles_data_file_is_named_with_its_line(tmp_path, capsys, where):
    old, new, named, expected = UNKNOWN_KEYS[where]
    data = tmp_path / "part5.toml"
    text = ARTICLE.replace(old, new, 1)
    data.write_text(text, encoding="utf-8")
    assert _run("check", "--jobs", "1", "--data", data) == EXIT_DATA
    line = text.split("\n").index(named) + 1
    assert capsys.readouterr().err.startswith(f"error: {data}, line {line}: {expected}")


def test_a_data_file_error_in_json_names_file_line_row_and_column(tmp_path, capsys):
    data = tmp_path / "part5.toml"
    text = ARTICLE.replace('y = ["0.30", "0.36", "0.34"]', 'y = ["0", "0.36", "0.34"]', 1)
    data.write_text(text, encoding="utf-8")
    assert _run("check", "--jobs", "1", "--format", "json", "--data", data) == EXIT_DATA
    error = json.loads(capsys.readouterr().out)["error"]
    line = text.split("\n").index('y = ["0", "0.36", "0.34"]') + 1
    assert (error["file"], error["line"], error["row"], error["column"]) == (str(data), line, 2, "1 (イヌ)")


# --- text that reaches the pages -------------------------------------------------------------------


def test_markup_in_a_location_reaches_the_pages_as_text(tmp_path, capsys):
    data, docs = tmp_path / "part5.toml", tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    hostile = "<img src=x onerror=alert(1)> [link](javascript:alert(1)) $x$"
    assert 'location_en = "' in ARTICLE
    data.write_text(ARTICLE.replace('location_en = "', f'location_en = "{hostile}', 1), encoding="utf-8")
    assert _run("build", "--jobs", "1", "--data", data, "--docs", docs) == 0
    errata = (docs / "errata.en.md").read_text(encoding="utf-8")
    html = markdown.markdown(errata, extensions=["pymdownx.arithmatex"], extension_configs={
        "pymdownx.arithmatex": {"generic": True}})
    assert "<img" not in html and 'href="javascript' not in html and "\\(x\\)" not in html
    assert hostile in html_text.unescape(html)  # shown to the reader exactly as written


# --- the series' printed formulas ---------------------------------------------------------------

PRINTED = {
    "a power of a billion": ("y_{1}^{1000000000}", "power"),
    "five thousand nested braces": ("{" * 5_000 + "y_{1}" + "}" * 5_000, "limit"),
    "a product of six sums": ("".join(f"(t_{{{n}}}+y_{{{n}}})" for n in range(1, 7)), "multiplies out to 25 terms"),
    "six nested sums over distinct indices": (" ".join(rf"\sum_{{{a}=1}}^{{K}}" for a in "abdefg") + " y_{a} y_{b} y_{d} "
                                              "y_{e} y_{f} y_{g}", "writes out to 1,025 terms"),
}


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> Path:
    """A copy of the pages, for the builds below to leave as they were (never the repository's)."""
    docs = tmp_path_factory.mktemp("hostile-docs") / "docs"
    shutil.copytree(ROOT / "docs", docs)
    return docs


# In-process through cli.main, like the files above: the test is about what the build decides
# and writes, not about the process (a subprocess would cost a second of imports for each).
@pytest.mark.parametrize("name", PRINTED)
def test_a_hostile_printed_formula_exits_5_and_writes_nothing(tmp_path, capsys, docs, name):
    latex, expected = PRINTED[name]
    formulas = tmp_path / "formulas.toml"
    formulas.write_text((ROOT / "data" / "formulas.toml").read_text(encoding="utf-8")
                        + f'\n[[formulas]]\nid = "hostile"\nurl = "https://example.org/"\n'
                        f'equation = "9.9"\nlatex = \'{latex}\'\nstates = "batch_loss"\nexpect = "agrees"\n',
                        encoding="utf-8")
    before = _snapshot(docs)
    assert _run("build", "--jobs", "1", "--data", formulas, "--docs", docs) == EXIT_DATA
    err = capsys.readouterr().err
    assert err.startswith(f"error: {formulas}, line ") and expected in err, err
    assert _snapshot(docs) == before


@pytest.mark.parametrize("nested", ["x = " + "[" * 600 + "]" * 600, "x = " + "{a = " * 600 + "1" + "}" * 600])
def test_toml_nested_too_deeply_for_the_reader_exits_5(tmp_path, capsys, nested):
    _refused(tmp_path, capsys, nested + "\n" + EXAMPLE, "nest too deeply")
