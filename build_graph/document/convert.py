"""Word 97-2003, OpenDocument and RTF files, converted to DOCX (or XLSX) by LibreOffice.

No Python library reads ``.doc`` faithfully; LibreOffice does. When it is installed
(``soffice`` on the PATH, or the program named by ``SDGKG_SOFFICE``), the file is converted in a
temporary folder and read as the format it became; otherwise the user is told what to do.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from build_graph.errors import InputError

_NAMES = {
    "doc": "a Word 97-2003 document (.doc)",
    "odt": "an OpenDocument text (.odt)",
    "rtf": "an RTF document",
    "xls": "an Excel 97-2003 workbook (.xls)",
}
TIMEOUT = 180.0


def soffice() -> str | None:
    """LibreOffice's command, or None when it is not installed."""
    named = os.environ.get("SDGKG_SOFFICE")
    if named is not None:
        return shutil.which(named) if named else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(path: str, data: bytes, kind: str) -> tuple[str, bytes]:
    """(format, bytes) of the file converted by LibreOffice: ``docx``, or ``xlsx`` for XLS."""
    target = "xlsx" if kind == "xls" else "docx"
    program = soffice()
    if program is None:
        raise InputError(
            path,
            f"{_NAMES.get(kind, kind)}: install LibreOffice to have it converted, or save it "
            f"as {target.upper()} and read that",
        )
    with tempfile.TemporaryDirectory(prefix="sdgkg-convert-") as folder:
        source = Path(folder) / f"plan.{kind}"
        source.write_bytes(data)
        profile = Path(folder) / "profile"
        command = [
            program,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            folder,
            str(source),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise InputError(path, f"LibreOffice could not convert it: {exc}") from None
        result = Path(folder) / f"plan.{target}"
        if not result.is_file():
            raise InputError(
                path, f"LibreOffice could not convert {_NAMES.get(kind, kind)} (damaged?)"
            )
        return target, result.read_bytes()
