"""The outline values: a derivation lists its chains and definitions in page order; the parts
declare distinct numbers, pages and data files, one worked example, and may share an article;
every part's build takes one `Inputs`."""
import inspect

import pytest
import sympy

from derivations import datafiles, parts
from derivations.outline import Committed, Definition, Derivation, Inputs, Part, Section
from derivations.steps import Chain, Step


def test_chains_and_definitions_are_listed_in_page_order():
    first = Definition("d", sympy.Symbol("a"), sympy.Integer(1))
    chain = Chain("c", "c", sympy.Symbol("a"), (Step(sympy.Integer(1), "r"),))
    derivation = Derivation("x", "u", (Section("s1", (first,)), Section("s2", (chain, first))))
    assert derivation.chains() == (chain,)
    assert derivation.definitions() == (first, first)


# --- what the parts declare, as all_parts() finds them --------------------------------------------

def test_exactly_one_part_is_the_worked_example_and_it_has_a_data_file():
    examples = [part for part in parts.all_parts() if part.worked_example]
    assert len(examples) == 1 and examples[0].data_file


def test_the_parts_are_in_number_order_with_distinct_pages_and_data_files():
    found = parts.all_parts()
    assert [p.number for p in found] == sorted(p.number for p in found)
    files = [p.data_file for p in found if p.data_file]
    assert len({p.slug for p in found}) == len(found) and len(set(files)) == len(files)


def _with_extra_module(monkeypatch, extra: Part) -> None:
    """all_parts() as if one more module declared `extra`."""
    real = parts.importlib.import_module
    modules = list(parts.pkgutil.iter_modules(parts.__path__))
    monkeypatch.setattr(parts.pkgutil, "iter_modules", lambda path: modules + [type(modules[0])(None, "extra", False)])
    monkeypatch.setattr(parts.importlib, "import_module",
                        lambda name: type("Module", (), {"PART": extra}) if name.endswith(".extra") else real(name))


@pytest.mark.parametrize("change, message", [
    ({"slug": "derivation"}, "the same slug"),
    ({"data_file": "part4.toml"}, "the same data_file"),
    ({"worked_example": True}, "more than one derivation module declares worked_example=True"),
    ({"settings": ("label_smoothing",)}, "declares settings but no data file"),
    ({"settings": ("temperature",), "data_file": "extra.toml"}, "datafiles.SETTINGS does not know: \\['temperature'\\]"),
])
def test_a_second_part_claiming_a_page_a_data_file_or_the_worked_example_is_refused(monkeypatch, change, message):
    extra = Part(**{"number": 97, "slug": "extra", "url": "https://example.org/", "build": None, **change})
    _with_extra_module(monkeypatch, extra)
    with pytest.raises(ValueError, match=message):
        parts.all_parts()


def test_two_parts_may_cite_one_article(monkeypatch):
    fourth = next(part for part in parts.all_parts() if part.number == 4)
    _with_extra_module(monkeypatch, Part(97, "extra", fourth.url, build=None))
    assert [part.number for part in parts.all_parts() if part.url == fourth.url] == [4, 97]


# --- what a build is given ----------------------------------------------------------------------


def test_a_build_given_nothing_has_no_table_no_settings_and_no_committed_file():
    assert (Inputs().table, dict(Inputs().settings), dict(Inputs().committed)) == (None, {}, {})
    assert (Committed().text, Committed().code) == (None, b"")


def test_every_parts_build_takes_one_value_its_inputs():
    for part in parts.all_parts():
        assert len(inspect.signature(part.build).parameters) == 1, part.slug


def test_every_setting_a_part_declares_is_one_the_data_files_know():
    known = {setting.name for setting in datafiles.SETTINGS}
    assert all(set(part.settings) <= known and part.data_file for part in parts.all_parts() if part.settings)
