"""Bad input: one line on stderr naming the file (and line), exit code 2, nothing half-written."""

from __future__ import annotations

import codecs
import filecmp
import io
import random
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest

from build_graph.cli.main import main


def run(args: list[str], capsys) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def assert_refused(code: int, err: str, path: Path, line: int | None = None) -> None:
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    assert str(path) in lines[0]
    if line is not None:
        assert f"{path}:{line}:" in lines[0]


def source_lines(source_text: str) -> list[str]:
    return source_text.split("\n")


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "transform"),
    [
        ("nfd", lambda text: unicodedata.normalize("NFD", text).encode("utf-8")),
        ("crlf", lambda text: text.replace("\n", "\r\n").encode("utf-8")),
        ("bom", lambda text: codecs.BOM_UTF8 + text.encode("utf-8")),
        ("utf16", lambda text: text.encode("utf-16")),
        ("utf16le", lambda text: text.encode("utf-16-le")),
    ],
)
def test_encoded_copies_give_identical_tables(
    name, transform, source_path, source_text, tmp_path, capsys
):
    copy_dir = tmp_path / name
    copy_dir.mkdir()
    copy = copy_dir / source_path.name
    copy.write_bytes(transform(source_text))
    assert run(["extract", str(source_path), "--out", str(tmp_path / "a"), "-q"], capsys)[0] == 0
    assert run(["extract", str(copy), "--out", str(tmp_path / "b"), "-q"], capsys)[0] == 0
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "b").iterdir())
    _match, mismatch, errors = filecmp.cmpfiles(
        tmp_path / "a", tmp_path / "b", names, shallow=False
    )
    assert mismatch == [] and errors == []


def test_empty_file(tmp_path, capsys):
    path = write(tmp_path, "empty.txt", b"")
    code, _, err = run(["extract", str(path), "--out", str(tmp_path / "o")], capsys)
    assert_refused(code, err, path)
    assert "empty" in err


def test_binary_data(tmp_path, capsys):
    path = write(tmp_path, "image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    code, _, err = run(["extract", str(path), "--out", str(tmp_path / "o")], capsys)
    assert_refused(code, err, path)


def test_other_encoding_is_refused_with_its_line(source_text, tmp_path, capsys):
    # Windows-1258 cannot encode every character of the text; encode what it can.
    data = source_text.encode("cp1258", errors="replace")
    path = write(tmp_path, "cp1258.txt", data)
    code, _, err = run(["extract", str(path), "--out", str(tmp_path / "o")], capsys)
    first_bad = next(i for i, line in enumerate(data.split(b"\n"), 1) if any(b > 127 for b in line))
    assert_refused(code, err, path, first_bad)


def test_text_without_a_plan(tmp_path, capsys):
    path = write(tmp_path, "notes.txt", "Biên bản họp\n\nKhông có kế hoạch nào ở đây.\n")
    code, _, err = run(["extract", str(path), "--out", str(tmp_path / "o")], capsys)
    assert_refused(code, err, path)
    assert "no plan" in err


def test_missing_path_and_directory(tmp_path, capsys):
    missing = tmp_path / "nope.txt"
    code, _, err = run(["extract", str(missing), "--out", str(tmp_path / "o")], capsys)
    assert_refused(code, err, missing)
    code, _, err = run(["extract", str(tmp_path), "--out", str(tmp_path / "o")], capsys)
    assert_refused(code, err, tmp_path)


def test_document_cut_after_a_task_number(source_text, tmp_path, capsys):
    lines = source_lines(source_text)
    # Line 2090 holds "Mục tiêu 10.1: …"; line 2092 holds the TT cell "14.1" of its first task.
    assert lines[2091] == "14.1"
    path = write(tmp_path, "cut.txt", "\n".join(lines[:2092]) + "\n")
    code, _, err = run(["extract", str(path), "--out", str(tmp_path / "o")], capsys)
    assert_refused(code, err, path, 2092)
    assert "mid-table" in err


def test_document_cut_after_a_group_heading(source_text, tmp_path, capsys):
    lines = source_lines(source_text)
    assert lines[3302].startswith("Mục tiêu 14.1:")  # line 3303
    path = write(tmp_path, "cut.txt", "\n".join(lines[:3303]) + "\n")
    code, _, err = run(["extract", str(path), "--out", str(tmp_path / "o")], capsys)
    assert_refused(code, err, path, 3303)


def test_document_cut_between_appendices_without_site_footer(source_text, tmp_path, capsys):
    lines = source_lines(source_text)
    assert lines[2209] == "PHỤ LỤC 10"  # line 2210
    path = write(tmp_path, "cut.txt", "\n".join(lines[:2209]) + "\n")
    code, _, err = run(["extract", str(path), "--out", str(tmp_path / "o")], capsys)
    assert_refused(code, err, path)
    assert "appendix 09 of 20" in err


def test_missing_appendix_is_read_with_a_warning(source_text, tmp_path, capsys):
    lines = source_lines(source_text)
    start, end = lines.index("PHỤ LỤC 05"), lines.index("PHỤ LỤC 06")
    path = write(tmp_path, "no05.txt", "\n".join(lines[:start] + lines[end:]))
    out = tmp_path / "o"
    code, stdout, err = run(["extract", str(path), "--out", str(out)], capsys)
    assert code == 0
    warnings = [line for line in err.splitlines() if "appendix 05" in line]
    assert len(warnings) == 1 and "Sở Giáo dục và Đào tạo" in warnings[0]
    tasks = (out / "tasks.csv").read_text(encoding="utf-8").splitlines()
    assert not [line for line in tasks if line.startswith("A05-")]
    assert [line for line in tasks if line.startswith("A06-")]
    assert "Extracted 19 appendices" in stdout


def test_failed_extraction_leaves_existing_output_untouched(tmp_path, capsys):
    out = tmp_path / "dist"
    out.mkdir()
    (out / "keep.txt").write_text("old build", encoding="utf-8")
    bad = write(tmp_path, "empty.txt", b"")
    code, _, _ = run(["extract", str(bad), "--out", str(out)], capsys)
    assert code == 2
    assert [p.name for p in out.iterdir()] == ["keep.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist", "empty.txt"]


def test_success_replaces_output_whole(source_path, tmp_path, capsys):
    out = tmp_path / "dist"
    out.mkdir()
    (out / "stale.csv").write_text("from an older run", encoding="utf-8")
    assert run(["extract", str(source_path), "--out", str(out), "-q"], capsys)[0] == 0
    assert not (out / "stale.csv").exists()
    assert (out / "tasks.csv").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist"]


def test_process_exit_code_and_no_traceback(tmp_path):
    bad = write(tmp_path, "empty.txt", b"")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "build_graph.cli",
            "extract",
            str(bad),
            "--out",
            str(tmp_path / "o"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


# -- damaged office files: a one-line refusal naming the format, never "internal error" --------
def refused_leaving_output(path: Path, tmp_path: Path, capsys) -> str:
    """Extract ``path`` over an earlier run's output: refused in one line, the output kept."""
    out = tmp_path / "dist"
    out.mkdir()
    (out / "keep.txt").write_text("old build", encoding="utf-8")
    code, _, err = run(["extract", str(path), "--out", str(out)], capsys)
    assert_refused(code, err, path)
    assert "internal error" not in err
    assert [p.name for p in out.iterdir()] == ["keep.txt"]
    assert (out / "keep.txt").read_text(encoding="utf-8") == "old build"
    return err


def with_part(package: bytes, name: str, data: bytes) -> bytes:
    """The ZIP package with one part's bytes replaced."""
    source = zipfile.ZipFile(io.BytesIO(package))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        for member in source.namelist():
            out.writestr(member, data if member == name else source.read(member))
    return buffer.getvalue()


def a_docx() -> bytes:
    import docx

    word = docx.Document()
    word.add_paragraph("ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG")
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def bare_zip(name: str, data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        out.writestr(name, data)
    return buffer.getvalue()


W_DOCUMENT = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'
DAMAGED_DOCX = {
    "empty content types": lambda: bare_zip("[Content_Types].xml", b"<Types/>"),
    "empty package relationships": lambda: with_part(a_docx(), "_rels/.rels", b"<Relationships/>"),
    "document without a body": lambda: with_part(a_docx(), "word/document.xml", W_DOCUMENT),
}


@pytest.mark.parametrize("case", sorted(DAMAGED_DOCX))
def test_damaged_docx_is_refused_in_one_line(case, tmp_path, capsys):
    path = write(tmp_path, "plan.docx", DAMAGED_DOCX[case]())
    err = refused_leaving_output(path, tmp_path, capsys)
    assert "not a readable DOCX (damaged or not Word): " in err


def an_xlsx() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["TT", "Nhiệm vụ", "Đơn vị phối hợp"])
    book.create_sheet("PL02").append(["1", "Giảm nghèo bền vững", "Sở Tài chính"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def cut_in_half(package: bytes, name: str) -> bytes:
    data = zipfile.ZipFile(io.BytesIO(package)).read(name)
    return with_part(package, name, data[: len(data) // 2])


def bad_address(package: bytes) -> bytes:
    sheet = zipfile.ZipFile(io.BytesIO(package)).read("xl/worksheets/sheet2.xml")
    return with_part(package, "xl/worksheets/sheet2.xml", sheet.replace(b'r="A1"', b'r="ZZZZ1"'))


DAMAGED_XLSX = {  # what openpyxl raised: ParseError, XMLSyntaxError, ValueError, OSError
    "a sheet cut in half": lambda: cut_in_half(an_xlsx(), "xl/worksheets/sheet2.xml"),
    "the workbook part cut in half": lambda: cut_in_half(an_xlsx(), "xl/workbook.xml"),
    "a cell with an impossible address": lambda: bad_address(an_xlsx()),
    "empty content types": lambda: with_part(an_xlsx(), "[Content_Types].xml", b"<Types/>"),
}


@pytest.mark.parametrize("case", sorted(DAMAGED_XLSX))
def test_damaged_xlsx_is_refused_in_one_line(case, tmp_path, capsys):
    path = write(tmp_path, "plan.xlsx", DAMAGED_XLSX[case]())
    err = refused_leaving_output(path, tmp_path, capsys)
    assert "not a readable XLSX (damaged or not Excel): " in err


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("plan.docx", "not a readable DOCX (not a ZIP package)"),
        ("plan.xlsx", "not a readable XLSX (not a ZIP package)"),
        ("plan.pdf", "not a readable PDF (no %PDF- header)"),
    ],
)
def test_random_bytes_are_refused_as_the_format_their_name_claims(name, message, tmp_path, capsys):
    """Bytes of no known format and no text: the name says what the file was meant to be."""
    data = random.Random(17).randbytes(4096)
    assert b"\x00" in data  # the text reader alone would call it "binary data"
    path = write(tmp_path, name, data)
    err = refused_leaving_output(path, tmp_path, capsys)
    assert message in err and "binary data" not in err


def test_content_decides_before_the_name(source_text, tmp_path, capsys):
    """The plan's text saved under a .docx name is still read, as text."""
    path = write(tmp_path, "plan.docx", source_text)
    code, _, err = run(["extract", str(path), "--out", str(tmp_path / "o"), "-q"], capsys)
    assert code == 0, err
