"""Drawing: every committed picture is exactly what matplotlib draws now, on any hash seed."""
import os
import subprocess
import sys

import pytest

from derivations import figures
from derivations.files import DOCS_DIR, ROOT
from derivations.pages import figure_specs


@pytest.fixture(scope="module")
def drawn(site):
    return {path: figures.render(spec) for path, spec in figure_specs(site).items()}


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
