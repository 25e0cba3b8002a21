"""The same plan in every format it is published in gives the same tables.

The bundled plan, as our own extraction reads it from the text, is rendered back
(bench/renderings.py) as a legal site's HTML page (rowspans, site chrome), a DOCX (w:vMerge), an
XLSX workbook (merged ranges, a sheet per appendix), text copied from Word (tab-separated, a
merged cell's rows left empty), a PDF made from the DOCX by LibreOffice, a DOC (LibreOffice),
and the one-table layout with a lead column. ``sdgkg extract`` on each must give the text's
tasks, partners, agencies and targets, apart from the source-reference columns (the line a fact
cites is a position in reading order there, with its place in source_refs.csv).
"""

from __future__ import annotations

import csv
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from build_graph.cli import main

from ..conftest import ROOT

REFERENCE_COLUMNS = {
    "tasks": {"source_line", "text_lines", "partner_source_line", "period_source_line"},
    "task_partners": {"cell_line"},
    "task_leads": {"cell_line"},
    "targets": {"source_line"},
    "agencies": set(),
}
STRUCTURED = ["html", "docx", "xlsx", "tsv"]


def renderings_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("renderings", ROOT / "bench" / "renderings.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def rows(folder: Path, table: str) -> list[dict[str, str]]:
    with (folder / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def content(folder: Path, table: str) -> list[tuple]:
    drop = REFERENCE_COLUMNS[table]
    return sorted(tuple((k, v) for k, v in r.items() if k not in drop) for r in rows(folder, table))


def soffice() -> str | None:
    from build_graph.document.convert import soffice as find

    program = find()
    if program is None and os.environ.get("SDGKG_REQUIRE_LIBREOFFICE"):
        pytest.fail(
            "LibreOffice is required (make test installs it: scripts/ensure-libreoffice.sh)"
        )
    return program


@pytest.fixture(scope="session")
def rendered(plan, registry, tmp_path_factory) -> dict[str, Path]:
    """The bundled plan rendered from our own extraction, in every format and both layouts."""
    module = renderings_module()
    folder = tmp_path_factory.mktemp("renderings")
    layout = module.appendix_layout(plan)
    files = module.write(layout, folder, "plan", tuple(STRUCTURED))
    one_sheet = module.write(module.on_one_sheet(layout), folder, "one-sheet", ("xlsx",))
    files["xlsx-one-sheet"] = one_sheet["xlsx"]
    one = module.write(module.one_table_layout(plan, registry), folder, "one-table", ("html",))
    files["one-table"] = one["html"]
    return files


@pytest.fixture(scope="session")
def text_tables(tmp_path_factory, source_path) -> Path:
    out = tmp_path_factory.mktemp("text") / "out"
    assert main(["extract", str(source_path), "--out", str(out), "-q"]) == 0
    return out


def extract(path: Path, out: Path) -> Path:
    assert main(["extract", str(path), "--out", str(out), "-q"]) == 0
    return out


@pytest.mark.parametrize("fmt", STRUCTURED)
def test_every_format_gives_the_texts_tables(fmt, rendered, text_tables, tmp_path):
    out = extract(rendered[fmt], tmp_path / fmt)
    for table in REFERENCE_COLUMNS:
        assert content(out, table) == content(text_tables, table), f"{fmt}: {table}.csv differs"
    cited = {int(r["source_line"]) for r in rows(out, "tasks")}
    refs = {int(r["line"]): r["ref"] for r in rows(out, "source_refs")}
    assert cited <= set(refs), "every line a task cites has its place in the file"
    places = {refs[n] for n in cited}
    pattern = {
        "html": r"^table \d+, row \d+, column 1$",
        "docx": r"^table \d+, row \d+, column 1$",
        "xlsx": r"^sheet 'PL\d\d', cell A\d+$",
        "tsv": r"^line \d+, table \d+, row \d+, column 1$",
    }[fmt]
    assert all(re.match(pattern, place) for place in places), sorted(places)[:3]


def test_the_text_cites_its_own_lines(text_tables):
    """Task 1.1.2.1 of appendix 06 stands on line 1174 of the text: "1.1.2.1", its TT cell."""
    task = next(r for r in rows(text_tables, "tasks") if r["task_id"] == "A06-T1.1.2.1")
    assert task["source_line"] == "1174"
    refs = {r["line"]: r["ref"] for r in rows(text_tables, "source_refs")}
    assert refs["1174"] == "line 1174"


def test_a_task_cites_its_cell_in_the_html_page(rendered, tmp_path):
    """In the HTML page, task 1.1 of appendix 01 is the first task row of the first task table
    after the appendix list: its TT cell is table 2 (the list is table 1), row 4 (header, group
    row, sub-target row, then the task), column 1."""
    out = extract(rendered["html"], tmp_path / "html")
    task = next(r for r in rows(out, "tasks") if r["task_id"] == "A01-T1.1")
    refs = {r["line"]: r["ref"] for r in rows(out, "source_refs")}
    assert refs[task["source_line"]] == "table 2, row 4, column 1"
    assert refs[task["partner_source_line"]] == "table 2, row 4, column 3"


def test_one_table_with_a_lead_column_gives_each_task_its_lead(rendered, text_tables, tmp_path):
    out = extract(rendered["one-table"], tmp_path / "one")
    key = lambda r: (r["text_vi"], r["subtarget"] or r["target"])  # noqa: E731
    text_tasks = {key(r): r for r in rows(text_tables, "tasks")}
    one_tasks = {key(r): r for r in rows(out, "tasks")}
    assert set(one_tasks) == set(text_tasks)
    leads = [one_tasks[k]["lead_agency_id"] == text_tasks[k]["lead_agency_id"] for k in text_tasks]
    assert sum(leads) / len(leads) == 1.0
    by_id = lambda folder, tasks: {  # noqa: E731
        (key(tasks[r["task_id"]]), r["agency_id"]) for r in rows(folder, "task_partners")
    }
    text_ids = {r["task_id"]: r for r in rows(text_tables, "tasks")}
    one_ids = {r["task_id"]: r for r in rows(out, "tasks")}
    assert by_id(out, one_ids) == by_id(text_tables, text_ids)
    assert {r["how"] for r in rows(out, "task_leads")} <= {"alias", "list-expansion"}
    assert all(r["lead_agency_id"] for r in rows(out, "tasks"))
    plan = __import__("json").loads((out / "plan.json").read_text(encoding="utf-8"))
    assert plan["appendix_list"] == []


SAME_TABLES = ["tasks", "task_partners", "agencies", "targets"]


def test_a_plan_inside_a_layout_table_reads_as_the_page(rendered, tmp_path):
    """Old legal sites put the menu and the document side by side in one table: the plan's own
    tables, nested in its cell, are tables of the document, not text of that cell."""
    page = rendered["html"].read_text(encoding="utf-8")
    start = page.index('<div class="noi-dung">')
    end = page.index("</div>", start) + len("</div>")
    menu = "<td><p>Trang chủ</p><p>Văn bản pháp luật</p><p>Tra cứu</p></td>"
    wrapped = tmp_path / "wrapped.html"
    wrapped.write_text(
        f"{page[:start]}<table><tr>{menu}<td>{page[start:end]}</td></tr></table>{page[end:]}",
        encoding="utf-8",
    )
    out, plain = extract(wrapped, tmp_path / "wrapped"), extract(rendered["html"], tmp_path / "p")
    for table in SAME_TABLES:
        assert content(out, table) == content(plain, table), f"{table}.csv differs"


def test_a_workbook_with_every_appendix_on_one_sheet(rendered, text_tables, tmp_path, capsys):
    """The docs promise a sheet per appendix or one for all: on one sheet, each appendix's
    title, lead and intro end the table before them and start the next appendix."""
    out = extract(rendered["xlsx-one-sheet"], tmp_path / "one-sheet")
    assert capsys.readouterr().err == ""  # no "appendix NN has no task table"
    for table in SAME_TABLES:
        assert content(out, table) == content(text_tables, table), f"{table}.csv differs"
    places = {r["ref"] for r in rows(out, "source_refs")}
    assert any(re.match(r"^sheet 'Kế hoạch', cell A\d+$", place) for place in places)


def test_tt_numbers_excel_stored_as_numbers_are_read_from_their_sequence(
    rendered, text_tables, tmp_path
):
    """Excel keeps "4.10" typed in a cell as the number 4.1: after 4.9 it is read as 4.10."""
    import openpyxl

    book = openpyxl.load_workbook(rendered["xlsx"])
    for sheet in book.worksheets:
        for (cell,) in sheet.iter_rows(min_col=1, max_col=1):
            if isinstance(cell.value, str) and re.fullmatch(r"\d+\.\d+", cell.value):
                cell.value = float(cell.value)  # as Excel stores a number typed in a cell
    typed = tmp_path / "typed.xlsx"
    book.save(typed)
    out = extract(typed, tmp_path / "typed")
    for table in SAME_TABLES:
        assert content(out, table) == content(text_tables, table), f"{table}.csv differs"
    tens = [r for r in rows(text_tables, "tasks") if re.fullmatch(r"\d+\.\d*0", r["task_no"])]
    notes = [r["message"] for r in rows(out, "irregularities") if "repaired from" in r["message"]]
    assert len(notes) == len(tens) == 7
    assert any("the number 4.1 is read as 4.10" in note and "is 4.9" in note for note in notes)


def test_a_pdf_made_from_the_docx_reads_nearly_whole(rendered, text_tables, tmp_path):
    program = soffice()
    if program is None:
        pytest.skip("LibreOffice is not installed (make test installs it)")
    pdf = convert(program, rendered["docx"], "pdf", tmp_path)
    out = extract(pdf, tmp_path / "pdf")
    ref = {(r["task_id"], r["text_vi"]) for r in rows(text_tables, "tasks")}
    got = {(r["task_id"], r["text_vi"]) for r in rows(out, "tasks")}
    recall = len(ref & got) / len(ref)
    pairs = lambda folder: {(r["task_id"], r["agency_id"]) for r in rows(folder, "task_partners")}  # noqa: E731
    a, b = pairs(out), pairs(text_tables)
    precision, found = len(a & b) / len(a), len(a & b) / len(b)
    f1 = 2 * precision * found / (precision + found)
    assert recall >= 0.95, recall
    assert f1 >= 0.93, f1
    refs = {r["ref"] for r in rows(out, "source_refs")}
    assert any(re.match(r"^page \d+, table \d+, row \d+, column \d+, box \(", r) for r in refs)


def test_a_doc_is_read_through_libreoffice(rendered, text_tables, tmp_path):
    program = soffice()
    if program is None:
        pytest.skip("LibreOffice is not installed (make test installs it)")
    doc = convert(program, rendered["docx"], "doc", tmp_path)
    out = extract(doc, tmp_path / "doc")
    for table in REFERENCE_COLUMNS:
        assert content(out, table) == content(text_tables, table), f"doc: {table}.csv differs"


def convert(program: str, source: Path, target: str, folder: Path) -> Path:
    profile = folder / "lo-profile"
    subprocess.run(
        [
            program,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return folder / f"{source.stem}.{target}"


if __name__ == "__main__":
    sys.exit(pytest.main([__file__]))
