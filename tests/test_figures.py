"""Pictures as values: fingerprints, the manifest, and which pictures are stale."""
import dataclasses
import math

import pytest

from derivations import figures
from derivations.figures import FigureSpec, Labels, SamplePoint
from derivations.files import DOCS_DIR, drawing_code, read_optional
from derivations.pages import figure_specs

LABELS = Labels("curve", "ours", "printed", "x", "y", "mean", "title")
SPEC = FigureSpec("curve", (SamplePoint("E_{1}", 0.33, 1.1, -0.48),), LABELS)


def test_the_fingerprint_changes_with_the_numbers_the_words_and_the_code():
    base = figures.fingerprint(SPEC, b"code")
    moved = dataclasses.replace(SPEC, points=(SamplePoint("E_{1}", 0.34, 1.1, -0.48),))
    reworded = dataclasses.replace(SPEC, labels=dataclasses.replace(LABELS, curve="曲線"))
    assert len({base, figures.fingerprint(moved, b"code"), figures.fingerprint(reworded, b"code"),
                figures.fingerprint(SPEC, b"other code")}) == 4


def test_a_picture_is_up_to_date_only_when_inputs_and_bytes_match_the_manifest():
    manifest = {"f.svg": figures.manifest_entry(SPEC, "<svg/>", b"code")}
    assert figures.up_to_date("f.svg", SPEC, manifest, "<svg/>", b"code")
    assert not figures.up_to_date("f.svg", SPEC, manifest, "<svg>edited</svg>", b"code")
    assert not figures.up_to_date("f.svg", SPEC, manifest, None, b"code")
    assert not figures.up_to_date("f.svg", SPEC, manifest, "<svg/>", b"changed code")
    assert not figures.up_to_date("f.svg", SPEC, {}, "<svg/>", b"code")


def test_the_committed_pictures_are_up_to_date(site):
    specs = figure_specs(site)
    current = read_optional(DOCS_DIR, [*specs, figures.MANIFEST])
    manifest = figures.read_manifest(current.pop(figures.MANIFEST) or "")
    assert figures.stale_figures(specs, manifest, current, drawing_code()) == []


def test_there_is_a_diagram_a_curve_and_a_bar_chart_in_each_language(site):
    assert sorted(figure_specs(site)) == [
        "figures/arc-en.svg", "figures/arc-ja.svg", "figures/loss-bars-en.svg", "figures/loss-bars-ja.svg",
        "figures/loss-curve-en.svg", "figures/loss-curve-ja.svg"]


def test_the_figures_show_the_articles_printed_values_beside_ours(site):
    curve = figure_specs(site)["figures/loss-curve-ja.svg"]
    assert [p.printed for p in curve.points] == [-0.481486, -0.443697, -0.49485, -0.46852]


def test_redrawing_records_every_picture_in_a_sorted_manifest(monkeypatch):
    monkeypatch.setattr(figures, "render", lambda spec: f"<svg>{spec.kind}</svg>")
    out = figures.redraw({"b.svg": SPEC, "a.svg": SPEC}, ["b.svg"], {"a.svg": {"inputs": "x", "svg": "y"}}, b"c")
    assert out["b.svg"] == "<svg>curve</svg>"
    assert list(figures.read_manifest(out[figures.MANIFEST])) == ["a.svg", "b.svg"]


@pytest.mark.parametrize("text", ["{not json", "[1, 2]", '{"arc-en.svg": 3}'])
def test_an_unreadable_manifest_counts_as_no_manifest_so_every_picture_is_stale(text):
    assert figures.read_manifest(text) == {}


def test_the_bar_chart_draws_the_mean_of_the_four_losses_computed_by_hand(site):
    mean = -(math.log(0.33) + math.log(0.36) + math.log(0.32) + math.log(0.33)) / 4
    bars = [spec for path, spec in figure_specs(site).items() if "loss-bars" in path]
    assert len(bars) == 2 and all(math.isclose(spec.mean, mean, rel_tol=1e-12) for spec in bars)
    assert {spec.mean_text for spec in bars} == {f"{mean:.6f}"}
