"""Drawing: every committed picture is exactly what matplotlib draws now, on any hash seed, and
the diagram's arrows, read back from its SVG, cross no box they do not connect."""
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree

import pytest

from derivations import figures, layout, plot
from derivations.diagram import Graph
from derivations.files import DOCS_DIR, ROOT
from derivations.pages import figure_specs
from test_layout import dot_is_needed

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def drawn(site):
    """Every picture drawn now; the diagram only where Graphviz is installed (see dot_is_needed)."""
    specs = figure_specs(site)
    if shutil.which("dot") is None and not os.environ.get("CI"):
        specs = {path: spec for path, spec in specs.items() if spec.kind != "arc"}
    return {path: figures.render(spec) for path, spec in specs.items()}


def test_every_committed_picture_is_what_drawing_it_gives(drawn):
    for path, svg in drawn.items():
        assert (DOCS_DIR / path).read_text(encoding="utf-8") == svg, f"{path} is stale: run python -m derivations build"


def test_drawing_is_byte_identical_whatever_the_hash_seed(drawn):
    script = ("from derivations.verify import verify; from derivations.pages import figure_specs; "
              "from derivations import figures; from derivations.verify import verify_site; import sys; "
              "v = verify_site({'part5.toml': (open('data/part5.toml', encoding='utf-8').read(), 'data/part5.toml')}); "
              "sys.stdout.write(figures.render(figure_specs(v)['figures/loss-curve-ja.svg']))")
    environment = {**os.environ, "PYTHONHASHSEED": "98765"}
    other = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True,
                           text=True, encoding="utf-8", check=True).stdout
    assert other == drawn["figures/loss-curve-ja.svg"]


def test_the_labels_are_in_the_pages_language(drawn):
    assert "正解クラスの予測確率" in drawn["figures/loss-curve-ja.svg"]
    assert "predicted probability of the true class" in drawn["figures/loss-curve-en.svg"]
    assert "正解" not in drawn["figures/loss-curve-en.svg"]


def test_a_picture_carries_no_date_and_keeps_its_text_as_text(drawn):
    for svg in drawn.values():
        assert "<dc:date>" not in svg
        assert "<text" in svg


def test_the_bar_chart_states_the_mean_as_the_page_does(verified, drawn):
    mean = next(c for c in verified.checked if c.chain.id == "mean-table").chain.steps[-1].expr.text
    assert f"E = {mean}" in drawn["figures/loss-bars-ja.svg"]


def test_the_diagram_is_drawn_now_where_dot_is_installed(drawn):
    dot_is_needed()
    assert {"figures/arc-en.svg", "figures/arc-ja.svg"} <= set(drawn)


def outline(path: str) -> list:
    """The points of an SVG path's M/L/Q/C commands, each curve sampled at 32 points."""
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path)]
    commands = re.findall(r"[MLQCz]", path)
    points, at = [], 0
    for command in commands:
        size = {"M": 1, "L": 1, "Q": 2, "C": 3, "z": 0}[command]
        controls = [tuple(numbers[at + 2 * n:at + 2 * n + 2]) for n in range(size)]
        at += 2 * size
        if size > 1:
            start = points[-1]
            points += [_bezier((start, *controls), step / 32) for step in range(1, 33)]
        else:
            points += controls
    return points


def _bezier(controls: tuple, s: float) -> tuple:
    while len(controls) > 1:
        controls = tuple(tuple(a + s * (b - a) for a, b in zip(p, q)) for p, q in zip(controls, controls[1:]))
    return controls[0]


def points_by_group(svg: str, prefix: str) -> dict:
    """The points of every group whose id starts with `prefix`, keyed by the rest of its id."""
    found = {}
    for group in ElementTree.fromstring(svg).iter(f"{SVG}g"):
        if group.get("id", "").startswith(prefix):
            paths = group.iter(f"{SVG}path")
            found[group.get("id")[len(prefix):]] = [p for path in paths for p in outline(path.get("d"))]
    return found


def bounds(svg: str, prefix: str) -> dict:
    """The bounds of every group whose id starts with `prefix`, from its paths' points."""
    return {name: (min(x for x, _ in points), min(y for _, y in points), max(x for x, _ in points),
                   max(y for _, y in points)) for name, points in points_by_group(svg, prefix).items()}


def geometry(svg: str) -> tuple:
    """Each box's bounds and each arrow's sampled points (its head's included), read from the ids
    the drawing gives them."""
    arrows = {}
    for name, points in points_by_group(svg, "arrow-").items():
        arrows[name.removesuffix("-head")] = arrows.get(name.removesuffix("-head"), []) + points
    return bounds(svg, "box-"), arrows


def crossings(svg: str, edges: tuple) -> list:
    """(arrow, box) for every box an arrow passes through that is neither its start nor its end."""
    boxes, arrows = geometry(svg)
    found = []
    for source, target in edges:
        points = arrows[f"{source}-{target}"]
        for tag, (left, top, right, bottom) in boxes.items():
            inside = [(x, y) for x, y in points if left + 0.5 < x < right - 0.5 and top + 0.5 < y < bottom - 0.5]
            if tag not in (source, target) and inside:
                found.append((f"{source}->{target}", tag))
    return found


@pytest.mark.parametrize("language", ["en", "ja"])
def test_no_arrow_of_the_committed_diagram_crosses_a_box_it_does_not_connect(site, language):
    from derivations import diagram

    arc = diagram.picture(site)
    svg = (DOCS_DIR / "figures" / f"arc-{language}.svg").read_text(encoding="utf-8")
    boxes, arrows = geometry(svg)
    assert set(boxes) == {tag for tag, _, _ in arc.nodes}
    assert set(arrows) >= {f"{source}-{target}" for source, target in arc.edges}
    assert crossings(svg, arc.edges) == []


def test_the_crossing_check_sees_an_arrow_drawn_straight_through_a_box(monkeypatch):
    straight = layout.Layout(2.0, 3.0, (("1", 1.0, 2.7), ("2", 1.0, 1.5), ("3", 1.0, 0.3)),
                             (("1", "3", ((1.0, 2.44), (1.0, 2.0), (1.0, 1.0), (1.0, 0.56))),))
    monkeypatch.setattr(layout, "lay_out", lambda tags, edges: straight)
    graph = Graph(nodes=(("1", 1, "a"), ("2", 1, "a"), ("3", 1, "a")), edges=(("1", "3"),), layers=())
    assert crossings(plot.arc_svg(graph, {1: "part 1"}), (("1", "3"),)) == [("1->3", "2")]


def overlap(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_bar_charts_legend_covers_no_bar(language):
    svg = (DOCS_DIR / "figures" / f"loss-bars-{language}.svg").read_text(encoding="utf-8")
    bars, (legend,) = bounds(svg, "bar-"), bounds(svg, "legend").values()
    assert len(bars) == 4
    assert not [name for name, bar in bars.items() if overlap(bar, legend)]


def test_the_overlap_check_sees_a_legend_over_a_bar():
    assert overlap((10, 10, 50, 30), (40, 20, 60, 80)) and not overlap((10, 10, 50, 30), (51, 20, 60, 80))


# Material's text column on a 390 px phone: the screen less 0.8 rem (16 px) of padding each side.
PHONE_COLUMN_PX = 390 - 2 * 16


@pytest.mark.parametrize("language", ["en", "ja"])
def test_every_box_of_the_diagram_carries_its_equations_short_name_in_the_pages_language(site, language):
    from derivations import diagram
    from derivations.prose import catalogue

    prose = catalogue(language)
    svg = (DOCS_DIR / "figures" / f"arc-{language}.svg").read_text(encoding="utf-8")
    texts = [text.text for text in ElementTree.fromstring(svg).iter(f"{SVG}text")]
    arc = diagram.picture(site)
    for tag, _, slug in arc.nodes:
        assert prose[f"box.{slug}" if slug in arc.whole_parts else f"equation.{tag}"] in texts, tag


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_diagrams_smallest_label_is_at_least_11_px_when_it_fills_a_phones_column(language):
    root = ElementTree.fromstring((DOCS_DIR / "figures" / f"arc-{language}.svg").read_text(encoding="utf-8"))
    width_px = float(root.get("width").removesuffix("pt")) * 4 / 3
    sizes = [float(re.search(r"font-size: ([\d.]+)px", text.get("style")).group(1)) for text in root.iter(f"{SVG}text")]
    # The SVG's user unit is a point (width in pt, viewBox in the same numbers): a size of 10 is 10 pt.
    smallest_px = min(sizes) * 4 / 3 * min(1.0, PHONE_COLUMN_PX / width_px)
    assert smallest_px >= 11, (min(sizes), width_px)


def _smallest_label_px_in_a_phones_column(svg: str) -> float:
    root = ElementTree.fromstring(svg)
    width_px = float(root.get("width").removesuffix("pt")) * 4 / 3
    # A text's size is on it or on the group around it (matplotlib's mathtext: E_{1}).
    styles = [element.get("style", "") for element in root.iter() if element.tag in (f"{SVG}text", f"{SVG}g")]
    sizes = [float(size) for style in styles for size in re.findall(r"font-size: ([\d.]+)px", style)]
    return min(sizes) * 4 / 3 * min(1.0, PHONE_COLUMN_PX / width_px)


@pytest.mark.parametrize("name", ["loss-curve-en", "loss-curve-ja", "loss-bars-en", "loss-bars-ja"])
def test_a_loss_pictures_smallest_label_is_at_least_11_px_when_it_fills_a_phones_column(name):
    svg = (DOCS_DIR / "figures" / f"{name}.svg").read_text(encoding="utf-8")
    assert _smallest_label_px_in_a_phones_column(svg) >= 11, name


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_loss_curves_close_up_is_stacked_under_its_overview_not_beside_it(language):
    svg = (DOCS_DIR / "figures" / f"loss-curve-{language}.svg").read_text(encoding="utf-8")
    panels = bounds(svg, "panel-")
    overview, close_up = panels["overview"], panels["close-up"]
    # SVG's y grows downwards: the close-up starts below the overview's bottom edge.
    assert close_up[1] > overview[3] and close_up[0] < overview[2] and overview[0] < close_up[2]
