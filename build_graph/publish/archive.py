"""The bundle's ZIP: byte-reproducible, and deflated on both cores.

A national bundle is ~1 GB of files. A worker thread deflates and hashes the files that are
final (zlib and hashlib release the GIL on large chunks) while the bundle's main thread writes
tables and descriptions; the ZIP step then mostly copies finished streams, in sorted order.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from build_graph.publish.facts import Release
    from build_graph.publish.files import FileInfo

FAST_DEFLATE_BYTES = 16 << 20  # from this size on, deflate level 1: 4× faster, 1.4× larger
# Read size of the ZIP: each chunk is a few calls that release the GIL and must take it back,
# up to 5 ms each (the switch interval) while the main thread runs Python; at 1 MiB that
# held the packing thread to ~100 MB/s. The deflate stream does not depend on it.
CHUNK = 8 << 20
SPOOL_BYTES = 1 << 20  # a packed member up to this size stays in memory, above in a temp file


def deflate_level(size: int) -> int:
    return 1 if size >= FAST_DEFLATE_BYTES else 6


@dataclass
class Packed:
    """One file deflated and hashed ahead of the ZIP: the raw stream zipfile would write for
    it, and what its header and the catalogue need."""

    size: int
    mtime_ns: int
    sha256: str
    crc: int
    compress_size: int
    data: IO[bytes] = field(repr=False)


def pack(path: Path) -> Packed:
    """Read ``path`` once for the CRC, the SHA-256 and the deflate stream of its ZIP member.

    zlib and hashlib let go of the GIL on these large chunks, so this runs on the second core
    while the main thread writes tables and descriptions."""
    stat = path.stat()
    compressor = zlib.compressobj(deflate_level(stat.st_size), zlib.DEFLATED, -15)
    digest, crc, size, written = hashlib.sha256(), 0, 0, 0
    sink = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 (returned)
    try:
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(CHUNK), b""):
                digest.update(chunk)
                crc = zlib.crc32(chunk, crc)
                size += len(chunk)
                written += sink.write(compressor.compress(chunk))
        written += sink.write(compressor.flush())
        sink.seek(0)
    except BaseException:
        sink.close()
        raise
    return Packed(size, stat.st_mtime_ns, digest.hexdigest(), crc, written, sink)


class Packer:
    """Packs files in one worker thread, in the order given (the ZIP's order), so that the
    ZIP step mostly copies finished streams. A file the worker has not started when the ZIP
    needs it is left to the caller (``take`` gives None), and a caller waiting for the file
    the worker is on packs the next ones meanwhile: both cores deflate till the end."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="zip-pack")
        self._jobs: dict[str, Future[Packed]] = {}
        self._queue: list[tuple[str, Path]] = []  # in the order given
        self._ahead = 0  # no job before this index of _queue is left to start

    def add(self, out: Path, relatives: list[str]) -> None:
        for relative in relatives:
            if relative not in self._jobs:
                self._jobs[relative] = self._pool.submit(pack, out / relative)
                self._queue.append((relative, out / relative))

    def take(self, out: Path, relative: str) -> Packed | None:
        """The packed file, if the worker has it (waiting for it if it is on it) and the file
        has not changed since; None: the caller deflates the file itself."""
        job = self._jobs.pop(relative, None)
        if job is None or job.cancel():
            return None
        while not job.done() and self._pack_next():
            pass
        try:
            packed = job.result()
        except OSError:  # a temporary file it could not write, say: the caller reads again
            return None
        stat = (out / relative).stat()
        if (stat.st_size, stat.st_mtime_ns) != (packed.size, packed.mtime_ns):
            packed.data.close()
            return None
        return packed

    def _pack_next(self) -> bool:
        """Pack, on the caller's thread, the next file the worker has not started (rather
        than wait idle for the one it is on); False when none is left."""
        while self._ahead < len(self._queue):
            relative, path = self._queue[self._ahead]
            self._ahead += 1
            job = self._jobs.get(relative)
            if job is not None and job.cancel():
                done: Future[Packed] = Future()
                try:
                    done.set_result(pack(path))
                except OSError as exc:
                    done.set_exception(exc)
                self._jobs[relative] = done
                return True
        return False

    def close(self) -> None:
        """Drop what was not taken (an error on the way, or a file no longer listed)."""
        for job in self._jobs.values():
            job.cancel()
        self._pool.shutdown(wait=True)
        for job in self._jobs.values():
            if not job.cancelled() and job.exception() is None:
                job.result().data.close()
        self._jobs.clear()


@contextmanager
def packing() -> Iterator[Packer]:
    packer = Packer()
    try:
        yield packer
    finally:
        packer.close()


def _zip_entry(name: str, size: int, release: Release) -> zipfile.ZipInfo:
    entry = zipfile.ZipInfo(name, date_time=release.zip_time)
    entry.compress_type = zipfile.ZIP_DEFLATED
    # Python 3.13 names it compress_level; 3.11 and 3.12 only have _compresslevel.
    setattr(
        entry,
        "compress_level" if hasattr(entry, "compress_level") else "_compresslevel",
        deflate_level(size),
    )
    entry.create_system = 3
    entry.external_attr = 0o100644 << 16
    return entry


def _write_packed(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, packed: Packed) -> None:
    """Add a member already deflated, as the bytes ``archive.open(entry, "w")`` would end as:
    local header with CRC and sizes (no ZIP64 extra, no data descriptor), then the stream.

    zipfile has no public call for a compressed stream; this does what its ``_open_to_write``
    and ``_ZipWriteFile.close`` do (same in Python 3.11 to 3.13), and ZipFile.close writes the
    central directory from ``filelist`` as for any member. A test compares the bytes."""
    entry.flag_bits = 0
    archive._writecheck(entry)  # type: ignore[attr-defined]  # private, unstubbed; sizes 0 as in _open_to_write
    archive._didModify = True  # type: ignore[attr-defined]  # private, unstubbed: as _open_to_write
    entry.CRC, entry.file_size, entry.compress_size = packed.crc, packed.size, packed.compress_size
    sink = archive.fp
    assert sink is not None
    sink.seek(archive.start_dir)
    entry.header_offset = sink.tell()
    sink.write(entry.FileHeader(False))
    shutil.copyfileobj(packed.data, sink, CHUNK)
    archive.start_dir = sink.tell()
    archive.filelist.append(entry)
    archive.NameToInfo[entry.filename] = entry
    packed.data.close()


def _write_member(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, path: Path) -> str:
    """Deflate ``path`` into the ZIP through zipfile; its SHA-256, from the same reads."""
    digest = hashlib.sha256()
    with path.open("rb") as handle, archive.open(entry, "w") as sink:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
            sink.write(chunk)
    return digest.hexdigest()


def write_zip(
    out: Path,
    name: str,
    files: list[FileInfo],
    release: Release,
    top: str,
    packer: Packer | None = None,
) -> tuple[Path, dict[str, str]]:
    """A byte-reproducible ZIP: sorted entries, one fixed time and mode, fixed compression;
    and the SHA-256 of every file put in (read once for both).

    The graph files of a national build are ~1 GB: at the default level 6 deflating them took
    17 s a GB, at level 1 4.5 s (measured on graph.nt of 63 plans: 4.2 % vs 5.7 % of the size).
    Members ``packer`` deflated already are copied as they are: the same bytes.
    """
    target = out / name
    digests = {}
    with zipfile.ZipFile(target, "w") as archive:
        for info in files:
            entry = _zip_entry(f"{top}/{info.path}", info.size, release)
            packed = packer.take(out, info.path) if packer else None
            if packed is not None and packed.size == info.size:
                _write_packed(archive, entry, packed)
                digests[info.path] = packed.sha256
            else:
                if packed is not None:
                    packed.data.close()
                digests[info.path] = _write_member(archive, entry, out / info.path)
    return target, digests
