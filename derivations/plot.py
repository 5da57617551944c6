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

STYLE = {
    "svg.fonttype": "none",  # text stays text: the browser draws it in the page's font
    "svg.hashsalt": "cross-entropy",  # element ids depend on it; fixed for identical bytes
    "font.family": "DejaVu Sans",  # ships with matplotlib: the same layout on every machine
    "font.size": 10,
}


def loss_curve_svg(points: tuple, labels) -> str:
    """−ln y on (0, 1] beside a close-up of the samples and the article's printed values."""
    with matplotlib.rc_context(STYLE):
        figure = Figure(figsize=(7.2, 3.6))
        overview = figure.add_axes((0.08, 0.15, 0.4, 0.72))
        close_up = figure.add_axes((0.57, 0.15, 0.4, 0.72))
        for axes, (low, high) in ((overview, (0.01, 1.0)), (close_up, _around(points))):
            xs = [low + (high - low) * n / 300 for n in range(301)]
            axes.plot(xs, [-math.log(x) for x in xs], color="#3f51b5", label=labels.curve)
            _samples(axes, points, labels)
            axes.set_xlabel(labels.x_axis)
            axes.grid(alpha=0.3)
        _name_points(close_up, points)
        overview.set_ylabel(labels.y_axis)
        figure.legend(*overview.get_legend_handles_labels(), loc="upper center", ncols=3, frameon=False)
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
                      fontsize=9)


def loss_bars_svg(points: tuple, mean: float, mean_text: str, labels) -> str:
    """The per-sample losses as bars, with their mean (shown as `mean_text`) as a line."""
    with matplotlib.rc_context(STYLE):
        figure = Figure(figsize=(6.4, 3.4))
        axes = figure.add_axes((0.11, 0.14, 0.86, 0.76))
        names = [f"${p.label}$" for p in points]
        axes.bar(names, [p.loss for p in points], color="#7986cb")
        axes.axhline(mean, color="#e65100", linestyle="--", label=f"{labels.mean} E = {mean_text}")
        axes.set_title(labels.bars_title)
        _finish(axes, "", labels.y_axis)
        return _svg(figure)


def _finish(axes, x_label: str, y_label: str) -> None:  # the bar chart's axes
    axes.set_xlabel(x_label)
    axes.set_ylabel(y_label)
    axes.grid(alpha=0.3)
    axes.legend(loc="upper right")


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    # DejaVu Sans has no Japanese glyphs; matplotlib only measures with it (fixed layout),
    # the browser draws the text with the page's fonts, so its missing-glyph warning is moot.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()



def arc_svg(graph, captions: dict) -> str:
    """The equations as boxes in columns, an arrow from each equation to what derives from it."""
    columns = len(graph.layers)
    rows = max((len(layer) for layer in graph.layers), default=1)
    with matplotlib.rc_context(STYLE):
        figure = Figure(figsize=(1.7 * columns + 0.4, 0.85 * rows + 0.5))
        axes = figure.add_axes((0, 0, 1, 1))
        axes.set_xlim(-0.6, columns - 0.4)
        axes.set_ylim(-0.6, rows - 0.4)
        axes.axis("off")
        places = _places(graph.layers, rows)
        for source, target in graph.edges:
            axes.annotate("", xy=(places[target][0] - 0.3, places[target][1]),
                          xytext=(places[source][0] + 0.3, places[source][1]),
                          arrowprops={"arrowstyle": "->", "color": "#5c6bc0", "shrinkA": 2, "shrinkB": 2})
        for tag, part, _ in graph.nodes:
            _node(axes, places[tag], f"({tag})", captions[part])
        return _svg(figure)


def _places(layers: tuple, rows: int) -> dict:
    """Each equation's (column, row), every column centred vertically, first on top."""
    places = {}
    for column, layer in enumerate(layers):
        offset = (rows - len(layer)) / 2
        for position, tag in enumerate(layer):
            places[tag] = (column, rows - 1 - offset - position)
    return places


def _node(axes, place: tuple, title: str, caption: str) -> None:
    x, y = place
    axes.text(x, y + 0.08, title, ha="center", va="center", fontsize=11,
              bbox={"boxstyle": "round,pad=0.45", "facecolor": "#e8eaf6", "edgecolor": "#3f51b5"})
    axes.text(x, y - 0.28, caption, ha="center", va="center", fontsize=8, color="#455a64")
