"""Make the bad inputs in other formats than text (run once; the files are committed).

scanned.pdf: an image and no text layer; encrypted.pdf: a document opened only with a password
(LibreOffice's PDF export with DocumentOpenPassword); corrupt.docx: a ZIP header and garbage;
no-table.html: a news page about a plan, without its table; no-task-table.xlsx: a sheet of
figures with no task table; old.doc: a Word 97-2003 file (LibreOffice's DOC export).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    import docx
    import matplotlib
    import numpy as np
    import openpyxl

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(2, 2), dpi=50)
    fig.figimage(np.random.default_rng(1).random((60, 60)), cmap="gray")
    fig.savefig(HERE / "scanned.pdf")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Số liệu"
    for row in (["Năm", "Chỉ tiêu", "Giá trị"], [2017, "Tỷ lệ hộ nghèo", 3.2]):
        sheet.append(row)
    book.save(HERE / "no-task-table.xlsx")
    (HERE / "corrupt.docx").write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    (HERE / "no-table.html").write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Tin tức</title></head><body>"
        "<nav>Trang chủ</nav><h1>Hải Phòng triển khai Kế hoạch hành động</h1><p>Ngày "
        "30/10/2017, Ủy ban nhân dân thành phố ban hành Kế hoạch hành động thực hiện Chương "
        "trình nghị sự 2030.</p><p>Xem toàn văn tại trang văn bản pháp luật.</p></body></html>",
        encoding="utf-8",
    )
    source = HERE / "old-source.docx"
    word = docx.Document()
    for text in ("ỦY BAN NHÂN DÂN", "THÀNH PHỐ HẢI PHÒNG", "Văn bản cũ, định dạng Word 97-2003."):
        word.add_paragraph(text)
    word.save(source)
    export = (
        'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
        '"DocumentOpenPassword":{"type":"string","value":"secret"}}'
    )
    for target, name in (("doc", "old.doc"), (export, "encrypted.pdf")):
        subprocess.run(
            ["soffice", "--headless", "--convert-to", target, "--outdir", str(HERE), str(source)],
            check=True,
            capture_output=True,
        )
        made = source.with_suffix(".pdf" if target.startswith("pdf") else ".doc")
        made.rename(HERE / name)
    source.unlink()


if __name__ == "__main__":
    sys.exit(main())
