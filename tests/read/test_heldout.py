"""Held-out check of the reader against a HAND reading of four appendices (02, 10, 11, 14).

``tests/heldout/key.json`` was keyed by hand from ``data/sources/haiphong-2894-QD-UBND-2017.txt``
(see ``tests/heldout/README.md``); the documents in ``tests/heldout/`` were rendered from that
key by an independent writer (``tests/heldout/make_renderings.py``), not from the reader's own
extraction. Each document is read only through the command line
(``python -m build_graph.cli extract FILE --out DIR -q``) and its tables are compared with the
key:

* task recall (tasks of the key found; matched by appendix and task number, in the one-table
  layout by the task's text) and spurious tasks;
* lead accuracy per task (``tasks.csv`` ``lead_agency_id``; several leads are joined by ";");
* partner F1 over task x agency_id pairs (``task_partners.csv``);
* target, sub-target and period accuracy;
* the ``inherited`` flag of each partner (merged cells), and the task texts.

Run ``python tests/read/test_heldout.py`` for a table of the measures per format.
"""

from __future__ import annotations

import difflib
import functools
import importlib.util
import json
import re
import shutil
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.read.heldout_checks import (
    extract_tables,
    lead_differs,
    period_differs,
    target_differs,
)

ROOT = Path(__file__).resolve().parents[2]
HELDOUT = ROOT / "tests" / "heldout"
KEY = json.loads((HELDOUT / "key.json").read_text(encoding="utf-8"))
KEY_TASKS = {(int(t["appendix"]), t["task_no"]): t for t in KEY["tasks"]}
ONE_TABLE_MAP = json.loads((HELDOUT / "onetable-map.json").read_text(encoding="utf-8"))

# format -> (file, layout)
RENDERINGS = {
    "html": ("heldout-appendices.html", "appendices"),
    "docx": ("heldout-appendices.docx", "appendices"),
    "xlsx": ("heldout-appendices.xlsx", "appendices"),
    "tsv": ("heldout-appendices.txt", "appendices"),
    "onetable-html": ("heldout-onetable.html", "onetable"),
    "onetable-docx": ("heldout-onetable.docx", "onetable"),
    "pdf": ("heldout-appendices.pdf", "appendices"),
}
EXACT = dict(recall=1.0, lead=1.0, partner_f1=1.0, target=1.0, period=1.0)
THRESHOLDS = {fmt: EXACT for fmt in RENDERINGS}
THRESHOLDS["pdf"] = dict(recall=0.95, lead=0.95, partner_f1=0.93, target=0.95, period=0.95)
EXACT_FORMATS = [f for f in RENDERINGS if f != "pdf"]
APPENDIX_FORMATS = [f for f, (_, layout) in RENDERINGS.items() if layout == "appendices"]


def norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\xa0", " ")
    return re.sub(r"\s+", " ", text).strip()


def loose(text: str) -> str:
    """For matching texts whatever their line breaks, hyphens or final stop."""
    return re.sub(r"[\s\-–­.]+", "", norm(text).casefold())


# ---- running the reader ------------------------------------------------------------------------


def _pdf_file(tmp: Path) -> Path | None:
    pdf = HELDOUT / RENDERINGS["pdf"][0]
    if pdf.exists():
        return pdf
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        return None
    spec = importlib.util.spec_from_file_location("heldout_writer", HELDOUT / "make_renderings.py")
    assert spec and spec.loader
    writer = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = writer  # its dataclasses look their module up
    spec.loader.exec_module(writer)
    out = tmp / "heldout-appendices.pdf"
    writer.write_pdf(HELDOUT / RENDERINGS["docx"][0], out)
    return out


@dataclass
class Extraction:
    fmt: str
    tasks: list[dict]
    partners: dict[str, list[dict]]  # task_id -> rows of task_partners.csv
    appendices: list[dict]
    plan: dict
    stderr: str


@functools.cache
def extract(fmt: str) -> Extraction:
    tmp = Path(tempfile.mkdtemp(prefix=f"heldout-{fmt}-"))
    try:
        if fmt == "pdf":
            source = _pdf_file(tmp)
            if source is None:
                pytest.skip("no PDF fixture and no soffice to make one")
        else:
            source = HELDOUT / RENDERINGS[fmt][0]
        found = extract_tables(source, fmt)
        return Extraction(
            fmt,
            found.rows("tasks.csv"),
            found.partners_by_task(),
            found.rows("appendices.csv"),
            found.plan,
            found.stderr,
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# ---- matching and measures ---------------------------------------------------------------------


def _appendix_no(value: str) -> int | None:
    m = re.search(r"\d+", value or "")
    return int(m.group()) if m else None


@dataclass
class Measures:
    fmt: str
    matched: dict[tuple[int, str], dict] = field(default_factory=dict)  # key -> tasks.csv row
    extra: list[dict] = field(default_factory=list)  # extracted rows matched to no key task
    n_key: int = len(KEY_TASKS)

    @property
    def recall(self) -> float:
        return len(self.matched) / self.n_key

    @property
    def precision(self) -> float:
        n = len(self.matched) + len(self.extra)
        return len(self.matched) / n if n else 0.0

    def missing(self) -> list[str]:
        return [f"A{a:02d} {no}" for (a, no) in KEY_TASKS if (a, no) not in self.matched]

    # -- per-task accuracies (a task not found counts as wrong) --
    def accuracy(self, ok) -> tuple[float, list[str]]:
        wrong = []
        for k, key in KEY_TASKS.items():
            row = self.matched.get(k)
            verdict = ok(key, row) if row is not None else "not found"
            if verdict is not True:
                wrong.append(f"A{k[0]:02d} {k[1]}: {verdict}")
        return 1 - len(wrong) / self.n_key, wrong

    def lead(self):
        return self.accuracy(lead_differs)

    def target(self):
        return self.accuracy(target_differs)

    def period(self):
        return self.accuracy(period_differs)

    def text(self, min_ratio: float):
        def ok(key, row):
            got, want = norm(row.get("text_vi", "")), norm(key["text"])
            if min_ratio >= 1.0:
                return (
                    True if got == want else f"text {got[:70]!r}… differs from key {want[:70]!r}…"
                )
            r = difflib.SequenceMatcher(None, loose(got), loose(want)).ratio()
            return True if r >= min_ratio else f"text similarity {r:.2f}: {got[:70]!r}…"

        return self.accuracy(ok)

    # -- partners --
    def pairs(self, ex: Extraction) -> tuple[set, set, dict]:
        gold = {(k, a) for k, t in KEY_TASKS.items() for a in t["partners"]}
        pred, flags = set(), {}
        for k, row in self.matched.items():
            for p in ex.partners.get(row["task_id"], []):
                pred.add((k, p["agency_id"]))
                flags[(k, p["agency_id"])] = p.get("inherited", "")
        for row in self.extra:
            for p in ex.partners.get(row["task_id"], []):
                pred.add((("extra", row["task_id"]), p["agency_id"]))
        return gold, pred, flags

    def partner_f1(self, ex: Extraction) -> tuple[float, float, float, list[str], list[str]]:
        gold, pred, _ = self.pairs(ex)
        tp = len(gold & pred)
        p = tp / len(pred) if pred else 0.0
        r = tp / len(gold) if gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        fmt = lambda s: sorted(  # noqa: E731
            f"{k[0] if isinstance(k[0], str) else f'A{k[0]:02d}'} {k[1]} × {a}" for k, a in s
        )
        return p, r, f1, fmt(gold - pred), fmt(pred - gold)


def measure(ex: Extraction) -> Measures:
    m = Measures(ex.fmt)
    layout = RENDERINGS[ex.fmt][1]
    if layout == "appendices":
        for row in ex.tasks:
            k = (_appendix_no(row.get("appendix", "")), (row.get("task_no") or "").strip())
            if k in KEY_TASKS and k not in m.matched:
                m.matched[k] = row
            else:
                m.extra.append(row)
        return m
    # one table: the numbers restart in each goal section, so tasks are matched by their text
    by_text = {loose(t["text"]): k for k, t in KEY_TASKS.items()}
    rest = []
    for row in ex.tasks:
        k = by_text.get(loose(row.get("text_vi", "")))
        if k is not None and k not in m.matched:
            m.matched[k] = row
        else:
            rest.append(row)
    for row in rest:  # near-identical texts (a word cut, a stop lost)
        got = loose(row.get("text_vi", ""))
        best, score = None, 0.0
        for k, t in KEY_TASKS.items():
            if k in m.matched:
                continue
            s = difflib.SequenceMatcher(None, got, loose(t["text"])).ratio()
            if s > score:
                best, score = k, s
        if best is not None and score >= 0.9:
            m.matched[best] = row
        else:
            m.extra.append(row)
    return m


@functools.cache
def measures(fmt: str) -> tuple[Extraction, Measures]:
    ex = extract(fmt)
    return ex, measure(ex)


def _show(items: list[str], n: int = 12) -> str:
    more = f"\n  … and {len(items) - n} more" if len(items) > n else ""
    return "\n  " + "\n  ".join(items[:n]) + more if items else " none"


# ---- the tests ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", list(RENDERINGS))
def test_task_recall(fmt):
    ex, m = measures(fmt)
    want = THRESHOLDS[fmt]["recall"]
    assert m.recall >= want, (
        f"{fmt}: task recall {m.recall:.3f} < {want} ({len(m.matched)}/{m.n_key} key tasks found, "
        f"{len(ex.tasks)} extracted). Missing:{_show(m.missing())}"
    )


@pytest.mark.parametrize("fmt", EXACT_FORMATS)
def test_no_spurious_tasks(fmt):
    _, m = measures(fmt)
    extra = [
        f"{r.get('task_id')} (appendix {r.get('appendix')!r}, no {r.get('task_no')!r}): "
        f"{norm(r.get('text_vi', ''))[:60]!r}"
        for r in m.extra
    ]
    assert not m.extra, (
        f"{fmt}: {len(m.extra)} extracted tasks match no task of the key "
        f"(precision {m.precision:.3f}):{_show(extra)}"
    )


@pytest.mark.parametrize("fmt", list(RENDERINGS))
def test_lead_per_task(fmt):
    _, m = measures(fmt)
    acc, wrong = m.lead()
    want = THRESHOLDS[fmt]["lead"]
    assert acc >= want, f"{fmt}: lead accuracy {acc:.3f} < {want}:{_show(wrong)}"


@pytest.mark.parametrize("fmt", list(RENDERINGS))
def test_partner_f1(fmt):
    ex, m = measures(fmt)
    p, r, f1, missing, extra = m.partner_f1(ex)
    want = THRESHOLDS[fmt]["partner_f1"]
    assert f1 >= want, (
        f"{fmt}: partner F1 {f1:.3f} < {want} (precision {p:.3f}, recall {r:.3f}).\n"
        f"Pairs of the key not extracted:{_show(missing)}\nPairs extracted, not in the key:"
        f"{_show(extra)}"
    )


@pytest.mark.parametrize("fmt", list(RENDERINGS))
def test_targets(fmt):
    _, m = measures(fmt)
    acc, wrong = m.target()
    want = THRESHOLDS[fmt]["target"]
    assert acc >= want, f"{fmt}: target/sub-target accuracy {acc:.3f} < {want}:{_show(wrong)}"


@pytest.mark.parametrize("fmt", list(RENDERINGS))
def test_periods(fmt):
    _, m = measures(fmt)
    acc, wrong = m.period()
    want = THRESHOLDS[fmt]["period"]
    assert acc >= want, f"{fmt}: period accuracy {acc:.3f} < {want}:{_show(wrong)}"


@pytest.mark.parametrize("fmt", EXACT_FORMATS)
def test_partner_inherited_flags(fmt):
    """A partner named in a merged cell printed on an earlier row is `inherited`."""
    ex, m = measures(fmt)
    gold, pred, flags = m.pairs(ex)
    wrong = []
    for k, a in sorted(gold & pred):
        want = "true" if KEY_TASKS[k]["partners_inherited"] else "false"
        got = str(flags.get((k, a), "")).strip().lower()
        if got != want:
            wrong.append(f"A{k[0]:02d} {k[1]} × {a}: inherited={got!r}, key {want}")
    assert not wrong, (
        f"{fmt}: {len(wrong)} partner pairs with the wrong inherited flag:{_show(wrong)}"
    )


@pytest.mark.parametrize("fmt", list(RENDERINGS))
def test_task_texts(fmt):
    _, m = measures(fmt)
    if fmt == "pdf":
        acc, wrong = m.text(min_ratio=0.9)
        assert acc >= 0.95, f"{fmt}: {len(wrong)} task texts unlike the key:{_show(wrong)}"
    else:
        acc, wrong = m.text(min_ratio=1.0)
        assert not wrong, f"{fmt}: {len(wrong)} task texts differ from the key:{_show(wrong)}"


@pytest.mark.parametrize("fmt", [f for f in APPENDIX_FORMATS if f != "pdf"])
def test_appendices(fmt):
    """The four appendices, each with its lead and its declared targets."""
    ex, _ = measures(fmt)
    got = {_appendix_no(r.get("appendix", "")): r for r in ex.appendices}
    problems = []
    for app in KEY["appendices"]:
        n = int(app["number"])
        row = got.pop(n, None)
        if row is None:
            problems.append(f"appendix {app['number']} not found")
            continue
        if row.get("lead_agency_id") != app["lead_agency_id"]:
            problems.append(
                f"appendix {app['number']}: lead {row.get('lead_agency_id')!r}, "
                f"key {app['lead_agency_id']!r}"
            )
        declared = [x for x in (row.get("declared_targets") or "").split(";") if x]
        if declared != app["declared_targets"]:
            problems.append(
                f"appendix {app['number']}: declared targets {declared}, "
                f"key {app['declared_targets']}"
            )
    problems += [f"appendix {n} is not in the document" for n in got]
    assert not problems, f"{fmt}:{_show(problems)}"


FRONT = {  # the front every rendering carries (key.json "front")
    "number": "2894/QĐ-UBND",
    "issuer": "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG",
    "place": "Hải Phòng",
    "date": "2017-10-30",
    "signer": "Nguyễn Văn Thành",
}


@pytest.mark.parametrize("fmt", list(RENDERINGS))
def test_front_facts(fmt):
    """plan.json: the decision's number, issuer, place, date, signer, title and the national
    decision it implements, all printed in every rendering's front."""
    ex, _ = measures(fmt)
    plan = ex.plan
    problems = [
        f"{k}: {plan.get(k)!r}, expected {v!r}"
        for k, v in FRONT.items()
        if norm(str(plan.get(k) or "")).casefold() != v.casefold()
    ]
    if not norm(str(plan.get("title") or "")).startswith("BAN HÀNH KẾ HOẠCH HÀNH ĐỘNG"):
        problems.append(f"title: {plan.get('title')!r}")
    if ((plan.get("implements") or {}).get("number") or "") != "622/QĐ-TTg":
        problems.append(f"implements: {plan.get('implements')!r}, expected 622/QĐ-TTg")
    assert not problems, f"{fmt}: plan.json front facts:{_show(problems)}"


def test_onetable_numbering_is_recorded():
    """The key's mapping of the one-table numbers covers every task of the key once."""
    keys = [(int(t["appendix"]), t["key_task_no"]) for t in ONE_TABLE_MAP["tasks"]]
    assert sorted(keys) == sorted(KEY_TASKS), "onetable-map.json does not cover the key"


# ---- a table of the measures -------------------------------------------------------------------


def summary() -> str:
    head = (
        f"{'format':14} {'tasks':>5} {'recall':>6} {'prec.':>6} {'lead':>6} {'partF1':>6} "
        f"{'(P':>6} {'R)':>6} {'target':>6} {'period':>6} {'inher.':>6} {'text':>6}"
    )
    lines = [head]
    for fmt in RENDERINGS:
        try:
            ex, m = measures(fmt)
        except BaseException as exc:
            lines.append(f"{fmt:14} {type(exc).__name__}: {str(exc)[:80]}")
            continue
        p, r, f1, _, _ = m.partner_f1(ex)
        gold, pred, flags = m.pairs(ex)
        both = sorted(gold & pred)
        inh = sum(
            str(flags.get(x, "")).lower()
            == ("true" if KEY_TASKS[x[0]]["partners_inherited"] else "false")
            for x in both
        ) / (len(both) or 1)
        text = m.text(0.9 if fmt == "pdf" else 1.0)[0]
        lines.append(
            f"{fmt:14} {len(ex.tasks):>5} {m.recall:6.3f} {m.precision:6.3f} {m.lead()[0]:6.3f} "
            f"{f1:6.3f} {p:6.3f} {r:6.3f} {m.target()[0]:6.3f} {m.period()[0]:6.3f} "
            f"{inh:6.3f} {text:6.3f}"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    print(summary())
