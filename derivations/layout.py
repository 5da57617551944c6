"""The overview diagram's layout, by Graphviz `dot`: a graph in, where each box and arrow goes out.

Owns the DOT text given to dot (pure), reading dot's plain output back (pure), and running dot
(the one place that does). Boxes have a fixed size, so the layout does not depend on which fonts
a machine has; `plot` draws the words into them. Must not decide which equations and arrows
there are (that is `diagram`'s) nor draw anything (that is `plot`'s). Nothing here is read from
a data file: the names given to dot are our own (n0, n1, …), never a tag's text.
"""
import shutil
import subprocess
from dataclasses import dataclass

from derivations.outcomes import TOOL_MISSING, Failure

BOX_WIDTH = 0.92  # inches: "(6.2)" at 12 pt over a short name and a caption at 10 pt ("1件の損失", "第5回")
BOX_HEIGHT = 0.7
DOT_SECONDS = 30  # dot lays out a dozen boxes in milliseconds; this only stops a hung process


class DotMissing(Failure):
    """Graphviz's dot is not installed; only redrawing the diagram needs it."""

    outcome = TOOL_MISSING
    kind = "tool-missing"


@dataclass(frozen=True)
class Layout:
    width: float  # inches
    height: float
    boxes: tuple  # (tag, x, y): each box's centre, inches from the bottom left
    arrows: tuple  # (source tag, target tag, ((x, y), …)): a cubic B-spline's control points, as dot gives them


def dot_source(tags: tuple, edges: tuple) -> str:
    """The graph in DOT, top to bottom: a phone's column is narrow and the derivation reads downwards."""
    names = {tag: f"n{number}" for number, tag in enumerate(tags)}
    lines = ["digraph arc {",
             "  graph [rankdir=TB, nodesep=0.12, ranksep=0.28];",
             f'  node [shape=box, fixedsize=true, width={BOX_WIDTH}, height={BOX_HEIGHT}, label=""];']
    lines += [f"  {names[tag]};" for tag in tags]
    lines += [f"  {names[source]} -> {names[target]};" for source, target in edges]
    return "\n".join(lines + ["}", ""])


def read_plain(text: str, tags: tuple) -> Layout:
    """dot's `-Tplain` output (https://graphviz.org/docs/outputs/plain/) as a Layout."""
    by_name = {f"n{number}": tag for number, tag in enumerate(tags)}
    width = height = 0.0
    boxes, arrows = [], []
    for fields in (line.split() for line in text.splitlines()):
        if fields[:1] == ["graph"]:
            width, height = float(fields[2]), float(fields[3])
        elif fields[:1] == ["node"]:
            boxes.append((by_name[fields[1]], float(fields[2]), float(fields[3])))
        elif fields[:1] == ["edge"]:
            count = int(fields[3])
            numbers = [float(value) for value in fields[4:4 + 2 * count]]
            points = tuple(zip(numbers[0::2], numbers[1::2]))
            arrows.append((by_name[fields[1]], by_name[fields[2]], points))
    return Layout(width, height, tuple(boxes), tuple(arrows))


def lay_out(tags: tuple, edges: tuple) -> Layout:
    """Run dot on the graph; DotMissing when it is not installed."""
    dot = shutil.which("dot")
    if dot is None:
        raise DotMissing("redrawing the overview diagram needs Graphviz's dot "
                         "(Debian: apt-get install graphviz)")
    done = subprocess.run([dot, "-Tplain"], input=dot_source(tags, edges), capture_output=True,
                          text=True, check=True, timeout=DOT_SECONDS)
    return read_plain(done.stdout, tags)
