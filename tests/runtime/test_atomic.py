"""Outputs are whole or absent: a failure while writing leaves the previous folder as it was."""

from __future__ import annotations

import pytest

from build_graph.runtime.atomic import atomic_directory


def test_failure_midway_keeps_the_old_folder_and_leaves_no_temporary(tmp_path):
    out = tmp_path / "dist"
    out.mkdir()
    (out / "graph.nt").write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_directory(out) as staging:
        (staging / "graph.nt").write_text("new, half", encoding="utf-8")
        raise RuntimeError("disk full")
    assert (out / "graph.nt").read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["dist"]


def test_success_swaps_in_the_new_folder(tmp_path):
    out = tmp_path / "dist"
    out.mkdir()
    (out / "stale.txt").write_text("old", encoding="utf-8")
    with atomic_directory(out) as staging:
        (staging / "graph.nt").write_text("new", encoding="utf-8")
        assert not (out / "graph.nt").exists()  # nothing visible before the swap
    assert sorted(p.name for p in out.iterdir()) == ["graph.nt"]
    assert [p.name for p in tmp_path.iterdir()] == ["dist"]


def test_a_file_in_the_way_is_refused(tmp_path):
    out = tmp_path / "dist"
    out.write_text("not a folder", encoding="utf-8")
    with pytest.raises(NotADirectoryError), atomic_directory(out) as staging:
        (staging / "x").write_text("x", encoding="utf-8")
    assert out.read_text(encoding="utf-8") == "not a folder"
    assert [p.name for p in tmp_path.iterdir()] == ["dist"]


@pytest.mark.parametrize(("mask", "folder", "file"), [(0o022, 0o755, 0o644), (0o077, 0o700, 0o600)])
def test_what_is_swapped_in_gets_the_permissions_the_umask_gives(tmp_path, mask, folder, file):
    """tempfile makes 0700 folders and 0600 files whatever the umask; dist/ must be servable."""
    import os
    import stat

    from build_graph.runtime.atomic import atomic_write_bytes, current_umask

    previous = os.umask(mask)
    try:
        assert current_umask() == mask
        with atomic_directory(tmp_path / "out") as staging:
            (staging / "a.txt").write_text("a", encoding="utf-8")
        atomic_write_bytes(tmp_path / "one" / "b.txt", b"b")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "out").stat().st_mode) == folder
    assert stat.S_IMODE((tmp_path / "one" / "b.txt").stat().st_mode) == file
    assert (tmp_path / "one" / "b.txt").read_bytes() == b"b"
    assert [p.name for p in (tmp_path / "one").iterdir()] == ["b.txt"]
