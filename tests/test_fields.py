"""The rules every field of every data file obeys: known keys, one line of text, ids, links, limits."""
import pytest

from derivations import fields
from derivations.fields import DataError


def test_an_unknown_key_is_named_with_its_place_and_the_keys_that_exist():
    with pytest.raises(DataError) as caught:
        fields.require_known_keys({"t": [1], "weight": 2}, ("t", "y"), "[[samples]] entry 3", "f.toml", "samples", 3)
    assert caught.value.reason == "[[samples]] entry 3: unknown key 'weight' (the keys are t, y)"
    assert caught.value.place == ("samples", 3, "weight")


def test_known_keys_pass():
    fields.require_known_keys({"t": [1], "y": ["1"]}, ("t", "y"), "x", "f.toml")


@pytest.mark.parametrize("text, character", [("a\nb", "U+000A"), ("a\rb", "U+000D"), ("a\u202eb", "U+202E"),
                                             ("a\x00b", "U+0000")])
def test_text_with_a_line_break_or_an_invisible_control_is_refused(text, character):
    (problem,) = fields.text_problems("location", text)
    assert character in problem and "character 2" in problem


def test_japanese_text_with_punctuation_and_a_tab_is_one_line_of_text():
    assert fields.text_problems("location", "6章「1件目」, (5.2)\t式の最終行") == []


def test_text_longer_than_the_limit_is_refused_naming_the_limit():
    (problem,) = fields.text_problems("note", "x" * (fields.MAX_TEXT_CHARS + 1))
    assert f"the limit is {fields.MAX_TEXT_CHARS}" in problem


@pytest.mark.parametrize("good", ["E1", "part4-4.3", "loss_2", "a" * 64])
def test_an_id_is_a_short_ascii_name(good):
    assert fields.id_problems("id", good) == []


@pytest.mark.parametrize("bad", ["", "-x", "a b", 'x"><script>', "ｅ1", "a" * 65])
def test_an_id_that_could_not_be_an_anchor_is_refused(bad):
    assert fields.id_problems("id", bad)


@pytest.mark.parametrize("good", ["https://blog.qualiteg.com/cross-entropy-05", "http://example.org/a?b=c#d"])
def test_a_link_is_an_http_address(good):
    assert fields.url_problems("url", good) == []


@pytest.mark.parametrize("bad", ["javascript:alert(1)", "data:text/html,x", "https://a b", 'https://a"onclick=x',
                                 "//example.org", "ftp://example.org"])
def test_a_link_that_could_run_script_or_break_out_of_markup_is_refused(bad):
    assert fields.url_problems("url", bad)


def test_a_list_past_its_limit_is_refused_at_the_first_entry_past_it():
    with pytest.raises(DataError) as caught:
        fields.require_at_most(list(range(4)), 3, "claims", "f.toml", "claims")
    assert caught.value.reason == "4 claims; the limit is 3"
    assert caught.value.place == ("claims", 4, "")
