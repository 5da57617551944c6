"""The only module that touches the disk: reading the data files and the files the parts read
back, writing and comparing pages.

Owns the paths (relative to the project root), the build's writes, and the unified diff of a
stale page. A build writes only the files whose content changed, as one transaction: each
into a temporary file beside it (`.<name>.<random>.tmp`), renamed into place only once all
are written, so a failure leaves every file as it was. Written files get the mode an ordinary
write would give (0o666 less the umask). Temporaries a killed build left are found here
(`check` reports them) and removed by the next build. It decides nothing about content and
no exit code.
"""
import contextlib
import difflib
import functools
import glob
import itertools
import os
import re
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from derivations import limits
from derivations.outcomes import CANNOT_WRITE, Failure
from derivations.fields import DataError
from derivations.outline import Committed

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "data"
DOCS_DIR = ROOT / "docs"
NAVIGATION = ROOT / "mkdocs.nav.yml"  # generated; mkdocs.yml inherits its nav from it


def display_path(path: Path) -> str:
    """A path as users see it: relative to the project root where possible."""
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def data_texts(names: list, replacements: Sequence[Path] = ()) -> dict:
    """Each named data file under data/ as (text, path shown in messages); a replacement (the
    `--data` option) stands in for the file of its name. A replacement whose name is not among
    `names`, or two of one name, is a DataError."""
    chosen = {}
    for path in replacements:
        if path.name not in names:
            raise DataError(display_path(path), f"--data: no part reads a data file named {path.name!r} "
                            f"(the data files are {', '.join(names)})")
        if path.name in chosen:
            raise DataError(display_path(path), f"--data: {path.name!r} is given twice")
        chosen[path.name] = path
    paths = {name: chosen.get(name, DATA_DIR / name) for name in names}
    return {name: (read_data(path), display_path(path)) for name, path in paths.items()}


def read_data(path: Path) -> str:
    """A data or claims file's text, read up to the size limit (a device that never ends costs
    no more); UTF-8, with a leading byte order mark read as the start of the text."""
    shown = display_path(path)
    try:
        with open(path, "rb") as stream:
            content = stream.read(limits.MAX_FILE_BYTES + 1)
    except OSError as error:
        raise DataError(shown, f"cannot be read: {error.strerror or error}") from None
    if len(content) > limits.MAX_FILE_BYTES:
        raise DataError(shown, f"the file is too large to check: the limit is {limits.MAX_FILE_BYTES:,} bytes",
                        line=1)
    try:
        return content.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = content.count(b"\n", 0, error.start) + 1
        raise DataError(shown, f"the text is not UTF-8: byte 0x{content[error.start]:02x} cannot be read",
                        line=line) from None


# The diagram's layout (layout.py) is part of its drawing; dot's own version is not: reading it
# would mean running dot on every check, and the layout is only redone when a picture is redrawn.
DRAWING_CODE = (ROOT / "derivations" / "plot.py", ROOT / "derivations" / "layout.py")


def drawing_code() -> bytes:
    """What a picture's bytes depend on besides its numbers and words: the drawing modules'
    source and the installed matplotlib's version. Part of every picture's fingerprint."""
    return b"".join(path.read_bytes() for path in DRAWING_CODE) + installed_version("matplotlib").encode("ascii")


def computing_code(module: Path, distribution: str) -> bytes:
    """What a computed file's values depend on besides its inputs: the computing module's source
    and the installed version of the library it computes with (read without importing it)."""
    return module.read_bytes() + installed_version(distribution).encode("ascii")


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


def read_computed(docs: Path, declared: Sequence) -> dict:
    """Each file the parts compute and read back (`outline.Computed`), as committed under `docs`:
    path -> `outline.Committed` (its text, None where it is missing or unreadable; its computing code)."""
    texts = read_optional(docs, [computed.path for computed in declared])
    return {c.path: Committed(texts[c.path], computing_code(c.module, c.library)) for c in declared}


def read_optional(docs: Path, names: list) -> dict:
    """The current text of each generated file under docs/, or None where it is missing (or unreadable)."""
    return {name: _text_or_empty(docs / name) or None for name in names}


def stale_pages(pages: dict, docs: Path) -> dict:
    """For each page whose file differs from what it should be, a unified diff."""
    diffs = {}
    for name, text in pages.items():
        path = docs / name
        current = _text_or_empty(path)
        if current != text:
            diff = difflib.unified_diff(current.splitlines(True), text.splitlines(True),
                                        f"{display_path(path)} (committed)", f"{display_path(path)} (generated)")
            diffs[name] = "".join(diff)
    return diffs


def _text_or_empty(path: Path) -> str:
    # Missing, unreadable or a folder: stale all the same; `build` says why it cannot write it.
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


@dataclass(frozen=True)
class Written:
    """What a build did on the disk."""

    written: tuple  # the files renamed into place (Paths), in order
    removed: tuple  # temporary files an interrupted build had left, removed after the writes


class CannotWrite(Failure):
    """A file could not be written; `written` holds the files already in place (empty unless a
    rename failed after every temporary was written, which only a concurrent change can cause)."""

    outcome, kind = CANNOT_WRITE, "write"

    def __init__(self, path: Path, error: OSError, written: tuple = ()) -> None:
        super().__init__(f"cannot write {display_path(path)}: {error.strerror or error}")
        self.path, self.written = path, written


# tempfile.mkstemp(prefix=".<name>.", suffix=".tmp") names its files so: 8 random characters.
_TEMPORARY = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")


def write_site(pages: dict, docs: Path, navigation: dict, root: Path = NAVIGATION.parent) -> Written:
    """A build's one transaction: the changed pages and pictures (names under `docs`) and the
    navigation file (names under `root`, beside mkdocs.yml), then the stale temporaries removed.
    Raises CannotWrite, having changed nothing, if any file cannot be written."""
    targets = {docs / name: text for name, text in pages.items()}
    targets.update({root / name: text for name, text in navigation.items()})
    leftovers = stale_temporaries(docs, [root / name for name in navigation])
    written = tuple(write_files(targets))
    for path in leftovers:
        try:
            path.unlink(missing_ok=True)
        except OSError as error:
            raise CannotWrite(path, error, written) from None
    return Written(written, tuple(leftovers))


def write_files(targets: dict) -> list:
    """Write each file (Path: text) whose content differs, all or none; the paths written, sorted."""
    changed = [path for path in sorted(targets) if _differs(path, targets[path])]
    return _rename_all(_write_temporaries({path: targets[path] for path in changed}))


def stale_temporaries(docs: Path, beside: Sequence[Path] = (NAVIGATION,)) -> list:
    """The temporary files an interrupted build left: under `docs`, and beside the files named."""
    found = list(docs.rglob(".*.tmp")) if docs.is_dir() else []
    for path in beside:
        found += path.parent.glob(f".{glob.escape(path.name)}.*.tmp")
    return sorted(path for path in found if _TEMPORARY.fullmatch(path.name) and path.is_file())


def _differs(path: Path, text: str) -> bool:
    try:
        return path.read_text(encoding="utf-8") != text
    except (FileNotFoundError, UnicodeDecodeError):
        return True
    except OSError as error:  # a folder where the file should be, a file where a folder should be
        raise CannotWrite(path, error) from None


def _write_temporaries(texts: dict) -> dict:
    """Each text written into a temporary file beside its target: {target: temporary}; on any
    failure, every temporary and folder made so far is removed."""
    temporaries, folders = {}, []
    try:
        for path, text in texts.items():
            _make_folders(path.parent, folders)
            temporaries[path] = _temporary_beside(path, text)
    except BaseException as error:  # Ctrl-C too: nothing of a half-done build may stay
        _discard(temporaries.values(), folders)
        if isinstance(error, OSError):
            raise CannotWrite(path, error) from None
        raise
    return temporaries


def _rename_all(temporaries: dict) -> list:
    """Each temporary renamed over its target (atomic: a reader sees the old file or the new)."""
    done = []
    try:
        for path, temporary in temporaries.items():
            os.replace(temporary, path)
            done.append(path)
    except BaseException as error:
        _discard([temporary for path, temporary in temporaries.items() if path not in done], [])
        if isinstance(error, OSError):
            raise CannotWrite(path, error, tuple(done)) from None
        raise
    return done


def _make_folders(folder: Path, created: list) -> None:
    """The folder and its missing parents, each noted in `created` so that a failure removes it."""
    for missing in reversed(list(itertools.takewhile(lambda f: not f.exists(), (folder, *folder.parents)))):
        missing.mkdir()
        created.append(missing)


def _temporary_beside(path: Path, text: str) -> str:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.chmod(temporary, _file_mode())  # mkstemp's 0600 would otherwise become the file's mode
    except BaseException:
        os.unlink(temporary)
        raise
    return temporary


def _discard(temporaries, folders: list) -> None:
    for temporary in temporaries:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
    for folder in reversed(folders):
        with contextlib.suppress(OSError):
            folder.rmdir()


@functools.cache
def _file_mode() -> int:
    """The mode open() gives a new file: 0o666 less the umask, read once."""
    return 0o666 & ~_umask()


def _umask() -> int:
    # Linux shows the umask in /proc; elsewhere it can only be read by setting it (to the
    # strictest value, in case another thread creates a file meanwhile) and restoring it.
    with contextlib.suppress(OSError, StopIteration, ValueError):
        with open("/proc/self/status", encoding="ascii") as status:
            return int(next(line for line in status if line.startswith("Umask:")).split()[1], 8)
    umask = os.umask(0o077)
    os.umask(umask)
    return umask
