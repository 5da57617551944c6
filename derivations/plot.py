"""Drawing the pictures with matplotlib: a figure's spec in, SVG text out.

Owns the look of the two figures (the curve −ln y with the samples and the article's
printed values; the bars of E_1 … E_N with their mean). Pure and deterministic: the same
spec gives the same bytes on every run and machine (fixed layout, fixed hash salt, no
date, text left as text for the browser to draw). Importing matplotlib costs more than the
whole of `check`, so only `figures.render` imports this module, and only when a picture
has to be drawn. Floats appear here only for drawing.
"""
import io
import math
import warnings
import matplotlib

matplotlib.use("svg")

from matplotlib.figure import Figure  # noqa: E402  (the backend must be chosen first)
from matplotlib.patches import FancyBboxPatch, PathPatch  # noqa: E402
from matplotlib.path import Path as MplPath  # noqa: E402

from derivations import layout  # noqa: E402

STYLE = {
    "svg.fonttype": "none",  # text stays text: the browser draws it in the page's font
    "svg.hashsalt": "cross-entropy",  # element ids depend on it; fixed for identical bytes
    "font.family": "DejaVu Sans",  # ships with matplotlib: the same layout on every machine
    "font.size": 10,
}
ARROW_COLOUR = "#5c6bc0"


# The pictures are drawn as wide as a phone's text column (about 360 px) and shown at most that wide,
# so that their 10 pt labels stay above 11 px on a 390 px screen: panels are stacked, not side by side.
PHONE_WIDTH = 4.2  # inches: 302 pt, 403 px at full size
# A sample's name E_n is set larger than the other labels: mathtext draws its subscript at 70 %.
NAME_SIZE = 14


def loss_curve_svg(points: tuple, labels) -> str:
    """−ln y on (0, 1] above a close-up of the samples and the article's printed values; each
    panel carries an id (panel-overview, panel-close-up) so a test can read their places back."""
    with matplotlib.rc_context(STYLE):
        figure = Figure(figsize=(PHONE_WIDTH, 6.4))
        overview = figure.add_axes((0.16, 0.56, 0.8, 0.33), gid="panel-overview")
        close_up = figure.add_axes((0.16, 0.08, 0.8, 0.33), gid="panel-close-up")
        for axes, (low, high) in ((overview, (0.01, 1.0)), (close_up, _around(points))):
            xs = [low + (high - low) * n / 300 for n in range(301)]
            axes.plot(xs, [-math.log(x) for x in xs], color="#3f51b5", label=labels.curve)
            _samples(axes, points, labels)
            axes.set_xlabel(labels.x_axis)
            axes.set_ylabel(labels.y_axis)
            axes.grid(alpha=0.3)
        _name_points(close_up, points)
        close_up.margins(y=0.15)  # room above the highest point for its name, clear of the frame
        figure.legend(*overview.get_legend_handles_labels(), loc="upper center", ncols=1, frameon=False)
        return _svg(figure)


def _around(points: tuple) -> tuple:
    """An x range that frames the samples with a margin on each side."""
    xs = [p.true_y for p in points]
    margin = max(0.02, (max(xs) - min(xs)) / 2)
    return max(min(xs) - margin, 0.005), min(max(xs) + margin, 1.0)


def _samples(axes, points: tuple, labels) -> None:
    axes.scatter([p.true_y for p in points], [p.loss for p in points], color="#3f51b5", zorder=3, label=labels.ours)
    printed = [p for p in points if p.printed is not None]
    axes.scatter([p.true_y for p in printed], [p.printed for p in printed], marker="x", color="#e65100",
                 zorder=3, label=labels.printed)


def _name_points(axes, points: tuple) -> None:
    """Each distinct point named once; samples that coincide share one label."""
    names = {}
    for point in points:
        names.setdefault((point.true_y, point.loss), []).append(point.label)
    for (x, loss), labels in names.items():
        axes.annotate("$" + ", ".join(labels) + "$", (x, loss), textcoords="offset points", xytext=(4, 8),
                      fontsize=NAME_SIZE)


def loss_bars_svg(points: tuple, mean: float, mean_text: str, labels) -> str:
    """The per-sample losses as bars, with their mean (shown as `mean_text`) as a line."""
    with matplotlib.rc_context(STYLE):
        figure = Figure(figsize=(PHONE_WIDTH, 3.4))
        axes = figure.add_axes((0.16, 0.1, 0.8, 0.78))
        names = [f"${p.label}$" for p in points]
        bars = axes.bar(names, [p.loss for p in points], color="#7986cb")
        for number, bar in enumerate(bars, start=1):
            bar.set_gid(f"bar-{number}")  # ids a test reads the bars' geometry back by
        axes.axhline(mean, color="#e65100", linestyle="--", label=f"{labels.mean} E = {mean_text}")
        # A band above the tallest bar for the legend, so that it never covers a bar's top.
        axes.set_ylim(0, 1.3 * max([mean, *(p.loss for p in points)]))
        axes.tick_params(axis="x", labelsize=NAME_SIZE)
        axes.set_title(labels.bars_title)
        _finish(axes, "", labels.y_axis)
        return _svg(figure)


def _finish(axes, x_label: str, y_label: str) -> None:  # the bar chart's axes
    axes.set_xlabel(x_label)
    axes.set_ylabel(y_label)
    axes.grid(alpha=0.3)
    axes.legend(loc="upper right").set_gid("legend")


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    # DejaVu Sans has no Japanese glyphs; matplotlib only measures with it (fixed layout),
    # the browser draws the text with the page's fonts, so its missing-glyph warning is moot.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()



def arc_svg(graph, captions: dict, names: dict | None = None) -> str:
    """The equations as boxes, top to bottom as Graphviz lays them out, an arrow from each equation
    to what derives from it; every box and arrow carries an id (box-TAG, arrow-FROM-TO) so a test
    can read the picture's geometry back."""
    placed = layout.lay_out(tuple(tag for tag, _, _ in graph.nodes), graph.edges)
    margin = 0.1
    with matplotlib.rc_context(STYLE):
        figure = Figure(figsize=(placed.width + 2 * margin, placed.height + 2 * margin))
        axes = figure.add_axes((0, 0, 1, 1))
        axes.set_xlim(-margin, placed.width + margin)
        axes.set_ylim(-margin, placed.height + margin)
        axes.axis("off")
        centres = {tag: (x, y) for tag, x, y in placed.boxes}
        for source, target, points in placed.arrows:
            _arrow(axes, f"arrow-{source}-{target}", points, centres[target])
        for tag, part, _ in graph.nodes:
            _box(axes, tag, centres[tag], (names or {}).get(tag, ""), captions[part])
        return _svg(figure)


def _arrow(axes, gid: str, points: tuple, target: tuple) -> None:
    """dot's spline, then its head from where the spline stops to the target box's edge."""
    codes = [MplPath.MOVETO] + [MplPath.CURVE4] * (len(points) - 1)
    spline = PathPatch(MplPath(points, codes), facecolor="none", edgecolor=ARROW_COLOUR, linewidth=1.1, gid=gid)
    axes.add_patch(spline)
    axes.annotate("", xy=_box_edge(points[-1], target), xytext=points[-1],
                  arrowprops={"arrowstyle": "-|>", "color": ARROW_COLOUR, "shrinkA": 0, "shrinkB": 0,
                              "mutation_scale": 11, "gid": f"{gid}-head"})


def _box_edge(start: tuple, centre: tuple) -> tuple:
    """Where the line from `start` towards the box's centre meets the box's border."""
    dx, dy = centre[0] - start[0], centre[1] - start[1]
    half_width, half_height = layout.BOX_WIDTH / 2, layout.BOX_HEIGHT / 2
    inside = max(abs(dx) / half_width if dx else 0.0, abs(dy) / half_height if dy else 0.0)
    if inside <= 1:
        return start
    fraction = 1 - 1 / inside
    return start[0] + fraction * dx, start[1] + fraction * dy


def _box(axes, tag: str, centre: tuple, name: str, caption: str) -> None:
    """The equation's number, its short name (where its part gives one) and its part, one per line."""
    x, y = centre
    corner = (x - layout.BOX_WIDTH / 2, y - layout.BOX_HEIGHT / 2)
    axes.add_patch(FancyBboxPatch(corner, layout.BOX_WIDTH, layout.BOX_HEIGHT, gid=f"box-{tag}",
                                  boxstyle="round,pad=0,rounding_size=0.08",
                                  facecolor="#e8eaf6", edgecolor="#3f51b5"))
    lines = [(f"({tag})", 12, "#000000"), *([(name, 10, "#1a237e")] if name else []), (caption, 10, "#37474f")]
    for number, (text, size, colour) in enumerate(lines):
        axes.text(x, y + 0.19 * ((len(lines) - 1) / 2 - number), text, ha="center", va="center", fontsize=size,
                  color=colour)
