"""The diagram's layout: the DOT text we give Graphviz, reading its answer back, and running it."""
import os
import shutil

import pytest

from derivations import layout, outcomes
from browser_support import is_ci

PLAIN = """graph 1 2.5 3.1
node n0 1.25 2.8 0.92 0.52 "" solid box black lightgrey
node n1 0.6 0.3 0.92 0.52 "" solid box black lightgrey
edge n0 n1 4 1.2 2.54 1.1 2.0 0.8 1.0 0.65 0.56 solid black
stop
"""


def dot_is_needed() -> None:
    """Skip where Graphviz is not installed, except under CI, which installs it (.ci/run)."""
    if shutil.which("dot") is None:
        if is_ci(os.environ.get("CI")):
            pytest.fail("Graphviz's dot is missing under CI: .ci/run installs it (apt-get install graphviz)")
        pytest.skip("Graphviz's dot is not installed (Debian: apt-get install graphviz)")


def test_the_dot_text_names_boxes_by_number_so_no_tag_can_write_dot():
    text = layout.dot_source(("6.2", 'a" -> b; x [label="'), (("6.2", 'a" -> b; x [label="'),))
    assert "n0;" in text and "n1;" in text and "n0 -> n1;" in text
    assert "6.2" not in text and "label=\"\"]" in text and text.count('"') == 2


def test_the_dot_text_lays_the_graph_out_top_to_bottom_with_boxes_of_one_size():
    text = layout.dot_source(("1", "2"), (("1", "2"),))
    assert "rankdir=TB" in text and "fixedsize=true" in text
    assert f"width={layout.BOX_WIDTH}" in text and f"height={layout.BOX_HEIGHT}" in text


def test_dots_plain_answer_is_read_back_into_box_centres_and_arrow_control_points():
    read = layout.read_plain(PLAIN, ("(a)", "(b)"))
    assert (read.width, read.height) == (2.5, 3.1)
    assert read.boxes == (("(a)", 1.25, 2.8), ("(b)", 0.6, 0.3))
    assert read.arrows == (("(a)", "(b)", ((1.2, 2.54), (1.1, 2.0), (0.8, 1.0), (0.65, 0.56))),)


def test_dot_puts_what_derives_from_an_equation_below_it_and_routes_each_arrow_between_them():
    dot_is_needed()
    placed = layout.lay_out(("1", "2", "3"), (("1", "2"), ("2", "3"), ("1", "3")))
    heights = {tag: y for tag, _, y in placed.boxes}
    assert heights["1"] > heights["2"] > heights["3"]
    assert {(source, target) for source, target, _ in placed.arrows} == {("1", "2"), ("2", "3"), ("1", "3")}
    for _, _, points in placed.arrows:
        assert len(points) % 3 == 1, "a cubic B-spline: a start, then three points per piece"


def test_a_missing_dot_is_a_failure_of_its_own_that_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr(layout.shutil, "which", lambda name: None)
    with pytest.raises(layout.DotMissing, match="apt-get install graphviz") as raised:
        layout.lay_out(("1",), ())
    assert raised.value.outcome is outcomes.TOOL_MISSING and outcomes.TOOL_MISSING.code == 69


def test_a_build_that_must_redraw_the_diagram_without_dot_exits_69_and_writes_nothing(
        monkeypatch, tmp_path, capsys):
    from derivations import cli
    from derivations.files import DOCS_DIR

    docs = tmp_path / "docs"
    shutil.copytree(DOCS_DIR, docs)
    (docs / "figures" / "arc-en.svg").unlink()
    before = sorted((path.relative_to(docs), path.read_bytes()) for path in docs.rglob("*") if path.is_file())
    monkeypatch.setattr(layout.shutil, "which", lambda name: None)
    assert cli.main(["build", "--docs", str(docs), "--jobs", "1"]) == 69
    assert "apt-get install graphviz" in capsys.readouterr().err
    assert sorted((path.relative_to(docs), path.read_bytes()) for path in docs.rglob("*") if path.is_file()) == before
