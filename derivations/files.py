"""The only module that touches the disk: reading the data file, writing and comparing pages.

Owns the paths (relative to the project root), atomic writes of changed pages only, and the
unified diff of a stale page. It decides nothing about content and no exit code.
"""
import difflib
import os
import sys
import tempfile
from pathlib import Path

from derivations.table import DataError

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "data"
DATA_FILE = DATA_DIR / "part5.toml"
DOCS_DIR = ROOT / "docs"
NAVIGATION = ROOT / "mkdocs.nav.yml"  # generated; mkdocs.yml inherits its nav from it


def display_path(path: Path) -> str:
    """A path as users see it: relative to the project root where possible."""
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def data_texts(names: list, worked_example: Path = DATA_FILE) -> dict:
    """Each named data file under data/ as (text, path shown in messages); `worked_example`
    stands in for data/part5.toml (the `--data` option)."""
    texts = {}
    for name in names:
        path = worked_example if name == DATA_FILE.name else DATA_DIR / name
        texts[name] = (read_data(path), display_path(path))
    return texts


def read_data(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DataError(display_path(path), f"cannot be read: {error}") from None


DRAWING_CODE = ROOT / "derivations" / "plot.py"


def drawing_code() -> bytes:
    """What a picture's bytes depend on besides its numbers and words: the drawing module's
    source and the installed matplotlib's version. Part of every picture's fingerprint."""
    return DRAWING_CODE.read_bytes() + installed_version("matplotlib").encode("ascii")


def installed_version(distribution: str) -> str:
    """The version of an installed distribution, from its `<name>-<version>.dist-info` folder.

    What importlib.metadata.version does for an installed wheel, at a tenth of the cost
    (importing importlib.metadata alone takes 5% of `check`); it remains the fallback.
    """
    for folder in sys.path:
        found = sorted(Path(folder or ".").glob(f"{distribution}-[0-9]*.dist-info"))
        if found:
            return found[0].name[len(distribution) + 1:-len(".dist-info")]
    from importlib.metadata import version

    return version(distribution)


def read_optional(docs: Path, names: list) -> dict:
    """The current text of each generated file under docs/, or None where it is missing."""
    return {name: (docs / name).read_text(encoding="utf-8") if (docs / name).exists() else None for name in names}


def stale_pages(pages: dict, docs: Path) -> dict:
    """For each page whose file differs from what it should be, a unified diff."""
    diffs = {}
    for name, text in pages.items():
        path = docs / name
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != text:
            diff = difflib.unified_diff(current.splitlines(True), text.splitlines(True),
                                        f"{display_path(path)} (committed)", f"{display_path(path)} (generated)")
            diffs[name] = "".join(diff)
    return diffs


def write_pages(pages: dict, docs: Path) -> list:
    """Write the pages whose content changed, each atomically; return the names written."""
    changed = sorted(stale_pages(pages, docs))
    for name in changed:
        _write_atomically(docs / name, pages[name])
    return changed


def _write_atomically(path: Path, text: str) -> None:
    # Write beside the target and rename over it: a reader never sees half a page.
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
