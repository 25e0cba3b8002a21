"""The corpus of bad inputs: every case ends the same way as the clean document, as a partial
result with warnings saying what is missing, or as a refusal (one line, exit code 2)."""

from __future__ import annotations

import csv
import os
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from build_graph.cli.main import main

HERE = Path(__file__).parents[1] / "bad_inputs"
SAME, PARTIAL, REFUSED = "same", "partial", "refused"


def lines_of(text: str) -> list[str]:
    return text.split("\n")


def cut_block(text: str, start: str, end: str) -> str:
    lines = lines_of(text)
    i, j = lines.index(start), lines.index(end)
    return "\n".join(lines[:i] + lines[j:])


def duplicate_appendix(text: str) -> str:
    lines = lines_of(text)
    i, j = lines.index("PHỤ LỤC 04"), lines.index("PHỤ LỤC 05")
    return "\n".join(lines[:j] + lines[i:j] + lines[j:])


def appendix_without_table(text: str) -> str:
    lines = lines_of(text)
    i, j = lines.index("PHỤ LỤC 10"), lines.index("PHỤ LỤC 11")
    header = next(k for k in range(i, j) if lines[k] == "TT")
    return "\n".join(lines[:header] + lines[j:])


def table_without_header(text: str) -> str:
    lines = lines_of(text)
    i = lines.index("PHỤ LỤC 04")
    k = lines.index("TT", i)
    assert lines[k + 2 : k + 7 : 2] == ["Nhiệm vụ", "Đơn vị phối hợp", "Giai đoạn thực hiện"]
    return "\n".join(lines[:k] + lines[k + 7 :])


def huge_line(text: str) -> str:
    lines = lines_of(text)
    # A 3 MB paragraph in the decision's preamble (after line 99), as a Word paste can produce.
    return "\n".join([*lines[:99], "Phát triển bền vững. " * 150_000, *lines[99:]])


def windows_mojibake(text: str) -> bytes:
    out = []
    for byte in text.encode("utf-8"):
        try:
            out.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out).encode("utf-8")


Make = Callable[[str], bytes | str]
CASES: list[tuple[str, Make, str, str]] = [
    # (name, how the input is made from the clean text, outcome, warning kind or error text)
    ("utf-16 with BOM", lambda t: t.encode("utf-16"), SAME, ""),
    ("utf-16-le without BOM", lambda t: t.encode("utf-16-le"), SAME, ""),
    ("utf-8 with BOM", lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"), SAME, ""),
    ("NFD", lambda t: unicodedata.normalize("NFD", t), SAME, ""),
    ("CRLF", lambda t: t.replace("\n", "\r\n"), SAME, ""),
    ("mojibake via Latin-1", lambda t: t.encode("utf-8").decode("latin-1"), PARTIAL, "mojibake"),
    ("mojibake via Windows-1252", windows_mojibake, PARTIAL, "mojibake"),
    (
        "windows-1258",
        lambda t: t.encode("cp1258", errors="replace"),
        REFUSED,
        "not UTF-8 or UTF-16",
    ),
    ("utf-32", lambda t: t.encode("utf-32"), REFUSED, "binary data"),
    ("cut mid-table", lambda t: "\n".join(lines_of(t)[:2092]), REFUSED, "mid-table"),
    (
        "missing appendix",
        lambda t: cut_block(t, "PHỤ LỤC 05", "PHỤ LỤC 06"),
        PARTIAL,
        "appendix 05 (Sở Giáo dục và Đào tạo) is listed but absent",
    ),
    ("duplicated appendix", duplicate_appendix, PARTIAL, "appendix 04 appears again"),
    ("appendix without table", appendix_without_table, PARTIAL, "appendix 10 has no task table"),
    (
        "table without header row",
        table_without_header,
        PARTIAL,
        "appendix 04: the table has no header row",
    ),
    ("multi-megabyte line", huge_line, SAME, ""),
]
# Inputs with lines added or removed: the facts are the same, their line numbers are not.
LINES_MOVED = {"duplicated appendix", "table without header row", "multi-megabyte line"}
STATIC = [
    ("empty file", HERE / "empty.txt", "file is empty"),
    ("binary data", HERE / "image.png", "binary data"),
    ("plain text with no plan", HERE / "no-plan.txt", "holds no plan"),
    ("a directory", HERE, "is a directory"),
    ("a missing path", HERE / "does-not-exist.txt", "no such file"),
]


@pytest.fixture(scope="module")
def clean(tmp_path_factory, source_path) -> Path:
    out = tmp_path_factory.mktemp("clean") / "out"
    assert main(["extract", str(source_path), "--out", str(out), "-q"]) == 0
    return out


TABLES = ["tasks.csv", "task_partners.csv", "targets.csv", "headings.csv"]


def tables(out: Path) -> dict[str, str]:
    return {name: (out / name).read_text(encoding="utf-8") for name in TABLES}


def content(out: Path) -> dict[str, list[dict]]:
    """The tables without their line-number columns: for inputs whose lines moved."""
    result = {}
    for name in TABLES:
        with (out / name).open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        result[name] = [
            {k: v for k, v in row.items() if not k.endswith(("line", "lines"))} for row in rows
        ]
    return result


@pytest.mark.parametrize(("name", "make", "outcome", "expect"), CASES, ids=[c[0] for c in CASES])
def test_generated_bad_input(
    name, make, outcome, expect, source_text, source_path, clean, tmp_path, capsys
):
    data = make(source_text)
    path = tmp_path / source_path.name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    out = tmp_path / "out"
    code = main(["extract", str(path), "--out", str(out), "-q"])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    if outcome == REFUSED:
        assert code == 2
        assert len(err.strip().splitlines()) == 1 and str(path) in err and expect in err
        assert not out.exists()
        return
    assert code == 0
    if outcome == SAME:
        assert err == ""
        if name in LINES_MOVED:
            assert content(out) == content(clean)
        else:
            assert tables(out) == tables(clean)  # byte for byte, line numbers included
        return
    warnings = [line for line in err.splitlines() if "warning" in line]
    assert any(expect in line and str(path) in line for line in warnings), err
    if name.startswith("mojibake"):
        assert tables(out) == tables(clean)
    elif name in LINES_MOVED:
        assert content(out) == content(clean)  # nothing was lost


@pytest.mark.parametrize(("name", "path", "expect"), STATIC, ids=[c[0] for c in STATIC])
def test_static_bad_input(name, path, expect, tmp_path, capsys):
    code = main(["extract", str(path), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and str(path) in err and expect in err
    assert "Traceback" not in err


# Files in the formats plans are published in that cannot be read as a plan: each a one-line
# error naming the file and the reason, exit code 2, and an existing output folder left as it
# was (made by tests/bad_inputs/make_format_inputs.py).
FORMATS = [
    ("scanned PDF", "scanned.pdf", "a PDF without a text layer (a scan): run OCR"),
    ("encrypted PDF", "encrypted.pdf", "an encrypted PDF: save a copy without a password"),
    ("corrupt DOCX (bad ZIP)", "corrupt.docx", "not a readable DOCX"),
    ("HTML with no table", "no-table.html", "an HTML page with no table"),
    ("XLSX with no task table", "no-task-table.xlsx", "an XLSX workbook with no task table"),
    ("DOC with no LibreOffice", "old.doc", "a Word 97-2003 document (.doc): install LibreOffice"),
]


@pytest.mark.parametrize("command", ["extract", "build"])
@pytest.mark.parametrize(("name", "file", "expect"), FORMATS, ids=[c[0] for c in FORMATS])
def test_format_bad_input(name, file, expect, command, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SDGKG_SOFFICE", "")  # as on a machine without LibreOffice
    out = tmp_path / "out"
    out.mkdir()
    (out / "kept.txt").write_text("an earlier run's output", encoding="utf-8")
    path = HERE / file
    code = main([command, str(path), "--out", str(out), "-q"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and str(path) in err and expect in err, err
    assert "Traceback" not in err
    assert [p.name for p in out.iterdir()] == ["kept.txt"]
    assert (out / "kept.txt").read_text(encoding="utf-8") == "an earlier run's output"


def test_doc_is_converted_when_libreoffice_is_installed(tmp_path, capsys):
    """With LibreOffice the DOC is read (its text holds no plan: that is the one-line error)."""
    from build_graph.document.convert import soffice

    if soffice() is None:
        if os.environ.get("SDGKG_REQUIRE_LIBREOFFICE"):
            pytest.fail("LibreOffice is required (make test installs it)")
        pytest.skip("LibreOffice (soffice) is not installed: make test installs it")
    path = HERE / "old.doc"
    code = main(["extract", str(path), "--out", str(tmp_path / "out"), "-q"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "install LibreOffice" not in err
    assert str(path) in err and "no table" in err
