"""The ZIP members deflated ahead in a worker thread (``archive.Packer``) are the bytes zipfile
writes itself, and a file changed after it was packed goes in as it is now."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import zipfile
from pathlib import Path

import pytest

from build_graph.publish import archive as bundle_zip
from build_graph.publish.archive import Packer, deflate_level, write_zip
from build_graph.publish.facts import CATALOG, Release
from build_graph.publish.files import inventory

RELEASE = Release(dt.datetime(2017, 10, 30, tzinfo=dt.UTC), False)


@pytest.fixture(scope="module")
def dist(hp_dist, tmp_path_factory) -> Path:
    """A copy of the session's build, without its ZIP and catalogue."""
    out = tmp_path_factory.mktemp("zip-parallel") / "dist"
    shutil.copytree(hp_dist, out)
    for stale in out.glob("*.zip"):
        stale.unlink()
    (out / CATALOG).unlink()
    return out


@pytest.fixture(autouse=True)
def small_fast_deflate(monkeypatch):
    """Level 1 from 64 KiB on, so that the Hải Phòng graph files take the national path."""
    monkeypatch.setattr(bundle_zip, "FAST_DEFLATE_BYTES", 64 << 10)


def packed_zip(folder: Path, name: str) -> tuple[bytes, dict[str, str]]:
    files = inventory(folder, hashes=False)
    packer = Packer()
    try:
        packer.add(folder, [info.path for info in files])
        path, digests = write_zip(folder, name, files, RELEASE, "top", packer)
    finally:
        packer.close()
    data = path.read_bytes()
    path.unlink()
    return data, digests


def test_packed_members_are_the_bytes_zipfile_writes(dist, tmp_path):
    files = inventory(dist, hashes=False)
    assert {1, 6} <= {deflate_level(info.size) for info in files}
    plain, plain_digests = write_zip(dist, "plain.zip", files, RELEASE, "top")
    expected = plain.read_bytes()
    plain.unlink()
    packed, digests = packed_zip(dist, "packed.zip")
    assert packed == expected
    sha256 = {info.path: hashlib.sha256((dist / info.path).read_bytes()) for info in files}
    assert digests == plain_digests == {path: h.hexdigest() for path, h in sha256.items()}
    (tmp_path / "packed.zip").write_bytes(packed)
    with zipfile.ZipFile(tmp_path / "packed.zip") as archive:
        assert archive.testzip() is None
        assert archive.read("top/graph.nt") == (dist / "graph.nt").read_bytes()


def test_a_file_changed_after_packing_goes_in_as_it_is_now(dist, tmp_path):
    folder = tmp_path / "copy"
    shutil.copytree(dist, folder)
    files = inventory(folder, hashes=False)
    packer = Packer()
    try:
        packer.add(folder, [info.path for info in files])
        packer._pool.submit(lambda: None).result()  # every file packed
        changed = folder / "validation-summary.md"
        changed.write_text(changed.read_text(encoding="utf-8") + "one more line\n", "utf-8")
        files = inventory(folder, hashes=False)
        path, digests = write_zip(folder, "out.zip", files, RELEASE, "top", packer)
    finally:
        packer.close()
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        assert archive.read("top/validation-summary.md") == changed.read_bytes()
    assert digests["validation-summary.md"] == hashlib.sha256(changed.read_bytes()).hexdigest()
