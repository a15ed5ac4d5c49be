"""Write the evidence documents the example assessments name (assessments/*/*.yaml), so that
importing an example (and the demo) stores real files an assessor can open, not names of files
that were never uploaded.  Every document is fictional and says so.

    python scripts/make_example_documents.py           # write the missing ones
    python scripts/make_example_documents.py --check   # exit 1 if one is missing

PDFs are written without a PDF library (seal_engine.store.demo.demo_pdf); workbooks with
openpyxl, Word documents with python-docx (both in the test extra); CSV as text.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
NOTE = "Fictional example document for the seal-engine demo: every name and figure is invented."


def _pdf(title: str, institution: str, date: str | None) -> bytes:
    from seal_engine.store.demo import demo_pdf

    return demo_pdf(title, institution, *([f"Dated {date}."] if date else []), NOTE)


def _xlsx(title: str, institution: str, date: str | None) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Data"
    for row in ([title], [institution], [f"Dated {date}" if date else ""], [NOTE], [],
                ["Item", "Women", "Men"], ["Example row", 1, 1]):
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _docx(title: str, institution: str, date: str | None) -> bytes:
    import docx

    d = docx.Document()
    d.add_heading(title, level=1)
    d.add_paragraph(institution + (f", {date}" if date else ""))
    d.add_paragraph(NOTE)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _csv(title: str, institution: str, date: str | None) -> bytes:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["note", title, institution, date or ""])
    w.writerow(["note", NOTE, "", ""])
    return out.getvalue().encode("utf-8")


WRITERS = {".pdf": _pdf, ".xlsx": _xlsx, ".docx": _docx, ".csv": _csv}


def documents() -> list[tuple[Path, str, str, str | None]]:
    """(path, title, institution, date) of every document an example names."""
    found = []
    for path in sorted((ROOT / "assessments").glob("*/*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("type") != "assessment":
            continue
        for item in data.get("evidence") or []:
            ref = item.get("reference")
            if not ref or "://" in ref or Path(ref).suffix not in WRITERS:
                continue
            date = item.get("date")
            found.append((path.parent / ref, item["title"], data["institution"]["name"],
                          str(date) if date else None))
    return found


def main(argv: list[str]) -> int:
    missing = [d for d in documents() if not d[0].exists()]
    if "--check" in argv:
        for path, *_ in missing:
            print(f"missing: {path.relative_to(ROOT)}")
        return 1 if missing else 0
    for path, title, institution, date in missing:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(WRITERS[path.suffix](title, institution, date))
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
