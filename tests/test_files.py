"""The disk edge: a build writes the changed files only, all or none, with ordinary permissions;
the temporaries of a killed build are found and removed; stale pages come with a diff."""
import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from derivations import files
from derivations.outline import Committed, Computed
from derivations.table import DataError

ROOT = Path(__file__).resolve().parents[1]


def _listing(folder: Path) -> dict:
    """Every file and folder under `folder` (hidden ones too), with a file's bytes."""
    return {path.relative_to(folder).as_posix(): path.read_bytes() if path.is_file() else "folder"
            for path in sorted(folder.rglob("*"))}


def test_only_files_whose_content_changed_are_written(tmp_path):
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    assert files.write_files({a: "A\n", b: "B\n"}) == [a, b]
    before = os.stat(a).st_mtime_ns
    assert files.write_files({a: "A\n", b: "B2\n"}) == [b]
    assert os.stat(a).st_mtime_ns == before
    assert b.read_text(encoding="utf-8") == "B2\n"


def test_writing_leaves_no_temporary_file_behind(tmp_path):
    files.write_files({tmp_path / "a.md": "A\n"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]


def test_a_failed_rename_keeps_the_old_file_whole_and_leaves_no_temporary(tmp_path, monkeypatch):
    files.write_files({tmp_path / "a.md": "old\n"})

    def refuse(*_):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", refuse)
    with pytest.raises(files.CannotWrite, match="a.md: No space left on device"):
        files.write_files({tmp_path / "a.md": "new\n"})
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]


def test_one_file_that_cannot_be_written_stops_the_whole_build_before_any_rename(tmp_path):
    files.write_files({tmp_path / "a.md": "old\n"})
    (tmp_path / "b.md").mkdir()  # a folder where a page should be: unwritable, even for root
    before = _listing(tmp_path)
    with pytest.raises(files.CannotWrite, match="b.md: Is a directory"):
        files.write_files({tmp_path / "a.md": "new\n", tmp_path / "b.md": "B\n", tmp_path / "c" / "c.md": "C\n"})
    assert _listing(tmp_path) == before


def test_an_interrupted_build_removes_its_temporaries_and_the_folders_it_made(tmp_path, monkeypatch):
    made = []
    original = files._temporary_beside

    def interrupted_at_the_second(path, text):
        if made:
            raise KeyboardInterrupt
        made.append(original(path, text))
        return made[-1]

    monkeypatch.setattr(files, "_temporary_beside", interrupted_at_the_second)
    with pytest.raises(KeyboardInterrupt):
        files.write_files({tmp_path / "new" / "a.md": "A\n", tmp_path / "new" / "b.md": "B\n"})
    assert made and list(tmp_path.iterdir()) == []


def test_a_folder_below_a_regular_file_cannot_be_written_and_names_the_path(tmp_path):
    (tmp_path / "file").write_text("not a folder\n", encoding="utf-8")
    with pytest.raises(files.CannotWrite, match="file/docs/a.md: Not a directory"):
        files.write_files({tmp_path / "file" / "docs" / "a.md": "A\n"})
    assert [p.name for p in tmp_path.iterdir()] == ["file"]


def test_a_build_writes_pages_and_navigation_in_one_transaction(tmp_path):
    docs = tmp_path / "docs"
    (tmp_path / "nav.yml").mkdir()  # the navigation file cannot be written: no page is either
    with pytest.raises(files.CannotWrite, match="nav.yml"):
        files.write_site({"a.md": "A\n"}, docs, {"nav.yml": "nav\n"}, root=tmp_path)
    assert not docs.exists()
    (tmp_path / "nav.yml").rmdir()
    done = files.write_site({"a.md": "A\n"}, docs, {"nav.yml": "nav\n"}, root=tmp_path)
    assert done == files.Written((docs / "a.md", tmp_path / "nav.yml"), ())


FILE_MODE = """
import os, sys
from pathlib import Path
from derivations import files
files.write_files({Path(sys.argv[1]): "A\\n"})
print(oct(os.stat(sys.argv[1]).st_mode & 0o777))
"""


@pytest.mark.skipif(not hasattr(os, "umask") or os.name != "posix", reason="file modes are POSIX")
@pytest.mark.parametrize("umask, mode", [(0o022, "0o644"), (0o027, "0o640"), (0o002, "0o664")])
def test_a_written_file_has_the_mode_an_ordinary_write_gives_under_the_umask(tmp_path, umask, mode):
    # In a fresh process with that umask: the module reads the umask once.
    done = subprocess.run([sys.executable, "-c", FILE_MODE, str(tmp_path / "a.md")], cwd=ROOT, umask=umask,
                          capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == mode, done.stderr


def _leftovers(tmp_path: Path) -> tuple:
    """Temporaries a killed build would leave (under docs/ and beside the navigation file) and
    files that merely look alike."""
    docs = tmp_path / "docs"
    (docs / "figures").mkdir(parents=True)
    left = [docs / ".index.md.k2_9xq0a.tmp", docs / "figures" / ".arc-en.svg.abcdefgh.tmp",
            tmp_path / ".nav.yml.12345678.tmp"]
    alike = [docs / "notes.tmp", docs / ".index.md.short.tmp", docs / ".hidden.md", tmp_path / ".other.abcdefgh.tmp"]
    for path in left + alike:
        path.write_text("half a page", encoding="utf-8")
    return docs, left, alike


def test_the_temporaries_a_killed_build_left_are_found_and_nothing_else(tmp_path):
    docs, left, _ = _leftovers(tmp_path)
    assert files.stale_temporaries(docs, [tmp_path / "nav.yml"]) == sorted(left)


def test_a_build_removes_the_temporaries_a_killed_build_left_and_says_which(tmp_path):
    docs, left, alike = _leftovers(tmp_path)
    done = files.write_site({"a.md": "A\n"}, docs, {"nav.yml": "nav\n"}, root=tmp_path)
    assert done.removed == tuple(sorted(left))
    assert not any(path.exists() for path in left) and all(path.exists() for path in alike)


def test_a_build_that_cannot_write_leaves_the_old_temporaries_for_the_next(tmp_path):
    docs, left, _ = _leftovers(tmp_path)
    (docs / "a.md").mkdir()
    with pytest.raises(files.CannotWrite):
        files.write_site({"a.md": "A\n"}, docs, {"nav.yml": "nav\n"}, root=tmp_path)
    assert all(path.exists() for path in left)


def test_a_stale_page_comes_with_a_unified_diff(tmp_path):
    (tmp_path / "a.md").write_text("one\ntwo\n", encoding="utf-8")
    diff = files.stale_pages({"a.md": "one\nthree\n"}, tmp_path)["a.md"]
    assert "-two" in diff and "+three" in diff and "(committed)" in diff


def test_a_missing_page_is_stale(tmp_path):
    assert list(files.stale_pages({"a.md": "x\n"}, tmp_path)) == ["a.md"]


def test_a_folder_where_a_page_should_be_is_stale_not_a_crash(tmp_path):
    (tmp_path / "a.md").mkdir()
    assert list(files.stale_pages({"a.md": "x\n"}, tmp_path)) == ["a.md"]
    assert files.read_optional(tmp_path, ["a.md", "b.md"]) == {"a.md": None, "b.md": None}


def test_an_unreadable_data_file_is_a_data_error_naming_it(tmp_path):
    with pytest.raises(DataError, match="missing.toml"):
        files.read_data(tmp_path / "missing.toml")


def test_pages_are_written_with_unix_newlines_in_utf8(tmp_path):
    files.write_files({tmp_path / "a.md": "交差\n"})
    assert (tmp_path / "a.md").read_bytes() == "交差\n".encode("utf-8")


# --- the files parts read back: read here, never by a part ---------------------------------------


def _imported(path: Path) -> set:
    """Every module a source file imports, and every name it imports from one (as module.name)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def test_no_module_of_a_part_imports_the_disk_edge():
    found = {path.name: sorted(name for name in _imported(path) if name.startswith("derivations.files"))
             for path in sorted((ROOT / "derivations" / "parts").glob("*.py"))}
    assert {name: imports for name, imports in found.items() if imports} == {}


def test_the_import_check_would_see_a_part_that_imports_files(tmp_path):
    module = tmp_path / "reader.py"
    module.write_text("from derivations import files\n", encoding="utf-8")
    assert "derivations.files" in _imported(module)


def test_a_computed_file_is_read_from_the_folder_given_with_its_computing_code(tmp_path):
    module = tmp_path / "computing.py"
    module.write_bytes(b"VALUES = 1\n")
    (tmp_path / "docs" / "computed").mkdir(parents=True)
    (tmp_path / "docs" / "computed" / "there.json").write_text("{}\n", encoding="utf-8")
    declared = [Computed("computed/there.json", module, "pytest"), Computed("computed/missing.json", module, "pytest")]
    read = files.read_computed(tmp_path / "docs", declared)
    code = b"VALUES = 1\n" + pytest.__version__.encode("ascii")
    assert read == {"computed/there.json": Committed("{}\n", code), "computed/missing.json": Committed(None, code)}
