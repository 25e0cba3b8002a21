"""Password-protected Office files are refused in one line that says so."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from build_graph.document import detect

FILES = Path(__file__).parent / "files"


def extract(path: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """``sdgkg extract`` as a user runs it: its own process, exit code and stderr."""
    return subprocess.run(
        [sys.executable, "-m", "build_graph.cli", "extract", str(path), "--out", str(out)],
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize("name", ["password-protected.docx", "password-protected.xlsx"])
def test_a_password_protected_file_is_refused_as_such(name, tmp_path):
    """Regression: an encrypted DOCX or XLSX is an OLE compound file, which was taken for a
    Word 97-2003 .doc and sent to LibreOffice (or refused as "a .doc: install LibreOffice")."""
    path = FILES / name
    assert path.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    assert detect.detect_format(path, path.read_bytes()) == detect.ENCRYPTED
    out = tmp_path / "out"
    out.mkdir()
    (out / "MARKER").write_text("kept", encoding="utf-8")
    done = extract(path, out)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert lines == [
        f"sdgkg: error: {path}: a password-protected Office file: save a copy without a "
        "password and read that"
    ]
    assert [p.name for p in out.iterdir()] == ["MARKER"]


def test_a_damaged_zip_with_no_office_name_is_not_told_to_be_unpacked(tmp_path):
    """Regression: a DOCX cut in half and saved as "plan" (no extension) was refused as "a ZIP
    archive that is no DOCX, XLSX or ODT: unpack it first", which it cannot be."""
    whole = (FILES / "plain.docx").read_bytes()
    path = tmp_path / "plan"
    path.write_bytes(whole[: len(whole) // 2])
    done = extract(path, tmp_path / "o")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"sdgkg: error: {path}: a damaged ZIP package (cut short?): no DOCX, XLSX or ODT can be "
        "read from it"
    ]
    assert not (tmp_path / "o").exists()
