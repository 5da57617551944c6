"""The pictures as values: what each shows, its fingerprint, and drawing the stale ones.

Owns `FigureSpec` (the numbers and words a picture shows) and its fingerprint: a hash of
the spec, of the drawing code and of matplotlib's version. A picture whose fingerprint is
recorded in the manifest beside it, and whose bytes match the manifest, is up to date
without being drawn again, which keeps `check` fast; the test suite redraws every picture
to prove the committed bytes. Pure: texts and bytes in, texts out; reading the files is
`files`' job.
"""
import hashlib
import json
from dataclasses import dataclass

MANIFEST = "figures/manifest.json"


@dataclass(frozen=True)
class SamplePoint:
    label: str  # e.g. "E_{1}", drawn as math
    true_y: float  # the prediction for the true class
    loss: float  # our E_i (natural log)
    printed: float | None  # the article's printed value, if it prints one


@dataclass(frozen=True)
class Labels:
    """The words of the figures in one language."""

    curve: str
    ours: str
    printed: str
    x_axis: str
    y_axis: str
    mean: str
    bars_title: str


@dataclass(frozen=True)
class FigureSpec:
    kind: str  # "curve", "bars" or "arc"
    points: tuple
    labels: Labels
    mean: float = 0.0
    mean_text: str = ""
    graph: object = None  # for "arc": the diagram's Graph
    captions: tuple = ()  # for "arc": (part number, caption) pairs in the page's language
    names: tuple = ()  # for "arc": (tag, short name) pairs in the page's language, where a part gives one


def fingerprint(spec: FigureSpec, drawing_code: bytes) -> str:
    """What the picture's bytes depend on: its spec and the drawing code (with matplotlib's version)."""
    digest = hashlib.sha256(repr(spec).encode("utf-8"))
    digest.update(drawing_code)
    return digest.hexdigest()


def svg_digest(svg: str) -> str:
    return hashlib.sha256(svg.encode("utf-8")).hexdigest()


def render(spec: FigureSpec) -> str:
    """Draw one picture (imports matplotlib: slow the first time)."""
    from derivations import plot

    if spec.kind == "curve":
        return plot.loss_curve_svg(spec.points, spec.labels)
    if spec.kind == "arc":
        return plot.arc_svg(spec.graph, dict(spec.captions), dict(spec.names))
    return plot.loss_bars_svg(spec.points, spec.mean, spec.mean_text, spec.labels)


def read_manifest(text: str) -> dict:
    """The committed manifest; an unreadable one (hand-edited, truncated) is no manifest: every
    picture is then stale, and `build` redraws them and writes a good one."""
    try:
        entries = json.loads(text) if text else {}
    except ValueError:
        return {}
    return entries if isinstance(entries, dict) and all(isinstance(e, dict) for e in entries.values()) else {}


def manifest_text(entries: dict) -> str:
    return json.dumps(dict(sorted(entries.items())), indent=2, sort_keys=True) + "\n"


def up_to_date(path: str, spec: FigureSpec, manifest: dict, current_svg: str | None, drawing_code: bytes) -> bool:
    """Whether the committed picture is what drawing the spec would give, without drawing."""
    entry = manifest.get(path, {})
    if current_svg is None or entry.get("inputs") != fingerprint(spec, drawing_code):
        return False
    return entry.get("svg") == svg_digest(current_svg)


def manifest_entry(spec: FigureSpec, svg: str, drawing_code: bytes) -> dict:
    return {"inputs": fingerprint(spec, drawing_code), "svg": svg_digest(svg)}


def stale_figures(specs: dict, manifest: dict, current: dict, drawing_code: bytes) -> list:
    """The pictures whose committed bytes are not what their spec would draw."""
    return [path for path, spec in specs.items()
            if not up_to_date(path, spec, manifest, current.get(path), drawing_code)]


def redraw(specs: dict, stale: list, manifest: dict, drawing_code: bytes) -> dict:
    """The stale pictures drawn anew, and the manifest that records every picture."""
    entries = {path: entry for path, entry in manifest.items() if path in specs}
    drawn = {}
    for path in stale:
        drawn[path] = render(specs[path])
        entries[path] = manifest_entry(specs[path], drawn[path], drawing_code)
    return {**drawn, MANIFEST: manifest_text(entries)}
