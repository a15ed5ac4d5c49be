"""A plan as Markdown: a header, one section and table per area, the benchmarks to answer
first, the actions set aside and the SMART check.  Every value is escaped
(:func:`seal_engine.render.markdown.escape`): an institution's name or a plan cell holding
``<script>``, a link or a newline plus ``##`` shows as text.  The reader reads the tables back,
undoing the escapes; runs of spaces inside a cell read back as one space, line breaks inside a
cell as written (``<br>``)."""

from __future__ import annotations

import html
import re

from ..errors import PlanError, Problem
from ..messages import Ids, say
from ..models import ActionArea, Standard
from ..render.markdown import escape, md_table
from .check import check_plan
from .columns import MAX_ROWS, SHEET_COLUMNS, cell_text, column_of
from .columns import titles as titles_of
from .model import ActionPlan
from .reading import Record, header_fields
from .words import english, in_language, key, meaning, title_of, words

__all__ = ["plan_markdown", "read_markdown"]

_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")
_HEADER = re.compile(r"^- ([^:]{1,60}): (.*)$")  # a header line, its label in any language


def _level(plan_level: str | None, titles: dict[str, str], none: str) -> str:
    return titles.get(plan_level, plan_level) if plan_level else none


def plan_markdown(plan: ActionPlan, standard: Standard | None = None, lang: str = "en") -> str:
    """The plan as Markdown text, its headings, labels and fixed words in ``lang`` (the
    standard's texts from its translation into ``lang``, where it has one)."""
    w = words(lang)
    shown = in_language(standard, lang)
    titles = {lv.id: lv.title for lv in shown.levels} if shown else {}
    lb = w.labels
    period = f"{plan.start} – {plan.end}"
    out = ["# " + w("planfile.title", institution=escape(plan.institution.name)), ""]
    for label, value in (
            ("standard", f"{plan.standard.id} v{plan.standard.version}"),
            ("assessment", plan.assessment), ("period", period),
            ("level", _level(plan.level, titles, w("planfile.no_level"))),
            ("target", _level(plan.target, titles, w("planfile.no_target")))):
        out.append(w("planfile.md.line", label=lb[label], value=escape(value)))
    out.append("")
    out += [escape(n) for n in plan.notes] + ([""] if plan.notes else [])
    if plan.uncovered:
        out += [w("planfile.md.uncovered", ids=Ids(items=[escape(x) for x in plan.uncovered])),
                ""]
    for area, title in w.areas.items():
        rows = [r for r in plan.rows if r.area is area]
        out += [f"## {title}", ""]
        if not rows:
            out += [w("planfile.md.no_actions"), ""]
            continue
        out.append(md_table(titles_of(lang, SHEET_COLUMNS),
                            [[cell_text(r, c.field, lang) for c in SHEET_COLUMNS]
                             for r in rows]))
        out.append("")
    if plan.answer_first:
        out += [f"## {w('planfile.md.answer_first')}", "",
                w("planfile.md.answer_first_why"), ""]
        out += [f"- {escape(f'{x.benchmark} {title_of(shown, x.benchmark, x.title)}: {x.note}')}"
                for x in plan.answer_first]
        out.append("")
    if plan.set_aside:
        out += [f"## {w('planfile.set_aside')}", ""]
        out += [f"- {escape(f'{s.action} {title_of(shown, s.action, s.title)}: {s.note}')}"
                for s in plan.set_aside]
        out.append("")
    issues = check_plan(plan, standard)
    out += [f"## {w('planfile.smart')}", "",
            *([f"- {escape(i.render(w.lang))}" for i in issues]
              or [w("planfile.smart_ok")]), ""]
    return "\n".join(out)


def _area_of(heading: str) -> ActionArea | None:
    """The area a section heading names, in any language; the English file's other sections
    (answer first, set aside, the SMART check) read no catalogue."""
    found = english().areas.get(heading)
    if found is not None:
        return found
    en = words("en")
    if heading in {key(en(c)) for c in ("planfile.md.answer_first", "planfile.set_aside",
                                        "planfile.smart")}:
        return None
    return meaning("areas", heading)


def _cells(line: str) -> list[str]:
    """The cells of a table line, unescaped: split at pipes that are not escaped, '<br>' back
    to a line break, backslash escapes and HTML entities undone."""
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    cells: list[str] = []
    cur: list[str] = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            cur.append(body[i:i + 2])
            i += 2
            continue
        if ch == "|":
            cells.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
        i += 1
    if "".join(cur).strip():
        cells.append("".join(cur))
    return [_unescape(c.strip()) for c in cells]


def _unescape(cell: str) -> str:
    parts = cell.split("<br>")
    return "\n".join(html.unescape(re.sub(r"\\(.)", r"\1", p.strip())) for p in parts)


def read_markdown(content: bytes, name: str) -> tuple[list[Record], dict[str, str]]:
    """The records of a plan in Markdown, and what its header says (``assessment``,
    ``period``, ``level``, ``target``), in any of the programme's languages."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = content[:e.start].count(b"\n") + 1
        raise PlanError(Problem(say("planread.not_utf8", byte=str(e.start + 1)), file=name,
                                line=line)) from None
    lines = text.splitlines()
    area: ActionArea | None = None
    section = None
    out: list[Record] = []
    header: dict[str, str] = {}
    problems: list[Problem] = []
    found = False
    i = 0
    while i < len(lines):
        ln = lines[i]
        m = _HEADER.match(ln)
        label = meaning("labels", key(m.group(1))) if m and not found else None
        if label is not None:
            header[label] = _unescape(m.group(2))
        if ln.startswith("## "):
            section = _unescape(ln[3:].strip())
            area = _area_of(key(section))
        elif ln.lstrip().startswith("|") and i + 1 < len(lines) and _RULE.match(lines[i + 1]):
            head = _cells(ln)
            if not any(getattr(column_of(h), "field", None) == "action" for h in head):
                i += 1
                continue
            found = True
            mapping = header_fields(head, lambda j, n=i + 1: {
                "file": name, "line": n, **({"column": j + 1} if j >= 0 else {})})
            titles = {f: head[j] for j, f in mapping.items()}
            cols = {f: j + 1 for j, f in mapping.items()}
            i += 2
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                cells = _cells(lines[i])
                if len(cells) > len(head):
                    problems.append(Problem(say("planread.md_cells", cells=len(cells),
                                                head=len(head)), file=name, line=i + 1))
                values = {f: cells[j] if j < len(cells) else None for j, f in mapping.items()}
                where_area = section if area is not None else None
                out.append(Record(values, lambda f, n=i + 1, s=where_area, cols=cols,
                                  titles=titles: {
                    "file": name, "line": n, "column": cols.get(f),
                    "field": f"{s} › {titles.get(f, f)}" if s else titles.get(f, f),
                    "sheet": s}, area))
                if len(out) > MAX_ROWS:
                    raise PlanError(Problem(say("planread.file_rows", most=MAX_ROWS), file=name,
                                            line=i + 1))
                i += 1
            continue
        i += 1
    if not found:
        raise PlanError(Problem(say("planread.no_table", title=say(
            "planread.quoted", text=say("planfile.col.action"))), file=name))
    if problems:
        raise PlanError(problems[:100])
    return out, header
