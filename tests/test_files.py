"""The disk edge: only changed pages are written, atomically; stale pages come with a diff."""
import os

import pytest

from derivations import files
from derivations.table import DataError


def test_only_pages_whose_content_changed_are_written(tmp_path):
    assert files.write_pages({"a.md": "A\n", "b.md": "B\n"}, tmp_path) == ["a.md", "b.md"]
    before = os.stat(tmp_path / "a.md").st_mtime_ns
    assert files.write_pages({"a.md": "A\n", "b.md": "B2\n"}, tmp_path) == ["b.md"]
    assert os.stat(tmp_path / "a.md").st_mtime_ns == before
    assert (tmp_path / "b.md").read_text(encoding="utf-8") == "B2\n"


def test_writing_leaves_no_temporary_file_behind(tmp_path):
    files.write_pages({"a.md": "A\n"}, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]


def test_a_failed_write_keeps_the_old_page_whole(tmp_path, monkeypatch):
    files.write_pages({"a.md": "old\n"}, tmp_path)

    def refuse(*_):
        raise OSError("disk full")

    monkeypatch.setattr(files.os, "replace", refuse)
    with pytest.raises(OSError):
        files.write_pages({"a.md": "new\n"}, tmp_path)
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]


def test_a_stale_page_comes_with_a_unified_diff(tmp_path):
    (tmp_path / "a.md").write_text("one\ntwo\n", encoding="utf-8")
    diff = files.stale_pages({"a.md": "one\nthree\n"}, tmp_path)["a.md"]
    assert "-two" in diff and "+three" in diff and "(committed)" in diff


def test_a_missing_page_is_stale(tmp_path):
    assert list(files.stale_pages({"a.md": "x\n"}, tmp_path)) == ["a.md"]


def test_an_unreadable_data_file_is_a_data_error_naming_it(tmp_path):
    with pytest.raises(DataError, match="missing.toml"):
        files.read_data(tmp_path / "missing.toml")


def test_pages_are_written_with_unix_newlines_in_utf8(tmp_path):
    files.write_pages({"a.md": "交差\n"}, tmp_path)
    assert (tmp_path / "a.md").read_bytes() == "交差\n".encode("utf-8")
