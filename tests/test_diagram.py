"""The overview's diagram: nodes and arrows come from what the derivations declare."""
import dataclasses

import pytest
import sympy

from derivations import diagram
from derivations.outline import Definition, Derivation, Part, Section
from derivations.verify import Site, Verified


def _site(*items_per_part, past_the_series: tuple = ()) -> Site:
    parts = []
    for number, items in enumerate(items_per_part, 1):
        part = Part(number, f"p{number}", "u", build=None, past_the_series=number in past_the_series)
        derivation = Derivation(part.slug, "u", (Section("s", tuple(items)),))
        parts.append(Verified(part, None, None, None, derivation, (), ()))
    return Site(tuple(parts))


def _equation(tag: str, *uses: str) -> Definition:
    return Definition(tag, sympy.Symbol("a"), sympy.Integer(1), tag, uses=uses)


def test_the_part_5_equations_flow_from_5_2_to_6_3(site):
    arc = diagram.graph(site)
    assert ("5.2", "6.1") in arc.edges and ("6.2", "6.3") in arc.edges and ("6.1", "6.3") in arc.edges
    columns = {tag: n for n, layer in enumerate(arc.layers) for tag in layer}
    assert columns["5.2"] < columns["6.1"] < columns["6.3"]


def test_each_equation_sits_one_column_right_of_its_furthest_source():
    arc = diagram.graph(_site([_equation("1.1"), _equation("1.2", "1.1")], [_equation("2.1", "1.1", "1.2")]))
    assert arc.layers == (("1.1",), ("1.2",), ("2.1",))


def test_an_equation_shown_by_two_parts_belongs_to_the_earlier():
    arc = diagram.graph(_site([_equation("5.2")], [_equation("5.2"), _equation("6.1", "5.2")]))
    assert [node for node in arc.nodes if node[0] == "5.2"] == [("5.2", 1, "p1")]


def test_using_an_equation_no_part_shows_is_an_error():
    with pytest.raises(ValueError, match=r"\['9.9'\]"):
        diagram.graph(_site([_equation("1.1", "9.9")]))


def test_equations_that_derive_from_each_other_in_a_cycle_are_an_error():
    with pytest.raises(ValueError, match="cycle"):
        diagram.graph(_site([_equation("1.1", "1.2"), _equation("1.2", "1.1")]))


def test_the_graph_is_the_same_whatever_order_the_uses_are_declared_in():
    first = diagram.graph(_site([_equation("1.1"), _equation("1.2"), _equation("1.3", "1.1", "1.2")]))
    second = diagram.graph(_site([_equation("1.1"), _equation("1.2"), _equation("1.3", "1.2", "1.1")]))
    assert dataclasses.astuple(first) == dataclasses.astuple(second)


def test_a_tag_that_is_not_a_dotted_number_is_free_text_after_the_numbers():
    arc = diagram.graph(_site([_equation("KL"), _equation("1.10"), _equation("1.2"), _equation("H", "KL", "1.2")]))
    assert [tag for tag, _, _ in arc.nodes] == ["1.2", "1.10", "KL", "H"]
    assert ("KL", "H") in arc.edges and ("1.2", "H") in arc.edges


def test_a_part_declared_past_the_series_is_drawn_as_past_the_series_named_by_its_first_and_last_equation():
    site = _site([_equation("6.2"), _equation("6.3", "6.2")],
                 [_equation("L1"), _equation("L2", "6.2", "L1"), _equation("L10", "L2", "6.3")],
                 [_equation("N1", "L2")], past_the_series=(2,))
    drawn = diagram.picture(site)
    assert [tag for tag, _, _ in drawn.nodes] == ["6.2", "6.3", "L1–L10", "N1"]
    assert drawn.edges == (("6.2", "6.3"), ("6.2", "L1–L10"), ("6.3", "L1–L10"), ("L1–L10", "N1"))
    assert drawn.whole_parts == ("p2",)
    assert ("L1", "L2") in diagram.graph(site).edges, "the full graph keeps every equation"


def test_a_part_past_the_series_with_a_single_equation_keeps_its_tag():
    drawn = diagram.picture(_site([_equation("6.2")], [_equation("L1", "6.2")], past_the_series=(2,)))
    assert [tag for tag, _, _ in drawn.nodes] == ["6.2", "L1"] and drawn.edges == (("6.2", "L1"),)
