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
from ..models import ActionArea, Standard
from ..render.markdown import escape, md_table
from .check import check_plan
from .columns import MAX_ROWS, SHEET_COLUMNS, cell_text
from .model import AREA_TITLES, ActionPlan
from .reading import Record, header_fields

__all__ = ["plan_markdown", "read_markdown"]

_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")
_HEADER = re.compile(r"^- (Assessment|Plan period|Level reached|Target level): (.*)$")


def _level(plan_level: str | None, titles: dict[str, str], none: str) -> str:
    return titles.get(plan_level, plan_level) if plan_level else none


def plan_markdown(plan: ActionPlan, standard: Standard | None = None) -> str:
    """The plan as Markdown text."""
    titles = {lv.id: lv.title for lv in standard.levels} if standard else {}
    out = [f"# Gender equality action plan: {escape(plan.institution.name)}", "",
           f"- Standard: {escape(f'{plan.standard.id} v{plan.standard.version}')}",
           f"- Assessment: {escape(plan.assessment)}",
           f"- Plan period: {escape(f'{plan.start} – {plan.end}')}",
           f"- Level reached: {escape(_level(plan.level, titles, 'no level'))}",
           f"- Target level: {escape(_level(plan.target, titles, 'none'))}",
           ""]
    out += [escape(n) for n in plan.notes] + ([""] if plan.notes else [])
    if plan.uncovered:
        out += [escape(f"Gaps with no proposed library action: {', '.join(plan.uncovered)}; "
                       "add an action of your own for each."), ""]
    for area, title in AREA_TITLES.items():
        rows = [r for r in plan.rows if r.area is area]
        out += [f"## {title}", ""]
        if not rows:
            out += ["No actions in this area.", ""]
            continue
        out.append(md_table([c.title for c in SHEET_COLUMNS],
                            [[cell_text(r, c.field) for c in SHEET_COLUMNS] for r in rows]))
        out.append("")
    if plan.answer_first:
        out += ["## Answer first", "",
                escape("These benchmarks are not answered yet: no action is proposed for them "
                       "until the self-assessment can tell whether they are met."), ""]
        out += [f"- {escape(f'{x.benchmark} {x.title}: {x.note}')}" for x in plan.answer_first]
        out.append("")
    if plan.set_aside:
        out += ["## Library actions not in this plan", ""]
        out += [f"- {escape(f'{s.action} {s.title}: {s.note}')}" for s in plan.set_aside]
        out.append("")
    issues = check_plan(plan, standard)
    out += ["## SMART check", "", *([f"- {escape(str(i))}" for i in issues]
                                    or ["Every row is SMART."]), ""]
    return "\n".join(out)


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
    """The records of a plan in Markdown, and what its header says (assessment, plan period,
    level reached, target level)."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = content[:e.start].count(b"\n") + 1
        raise PlanError(Problem(f"the file is not UTF-8 text (byte {e.start + 1} cannot be "
                                "read); save it as UTF-8", file=name, line=line)) from None
    lines = text.splitlines()
    by_title = {t.lower(): a for a, t in AREA_TITLES.items()}
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
        if m and not found:
            header[m.group(1)] = _unescape(m.group(2))
        if ln.startswith("## "):
            section = _unescape(ln[3:].strip())
            area = by_title.get(section.lower())
        elif ln.lstrip().startswith("|") and i + 1 < len(lines) and _RULE.match(lines[i + 1]):
            head = _cells(ln)
            if "action id" not in [" ".join(h.split()).lower() for h in head]:
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
                    problems.append(Problem(
                        f"the row has {len(cells)} cells and the header {len(head)}; a '|' typed "
                        "in a cell must be written '\\|'", file=name, line=i + 1))
                values = {f: cells[j] if j < len(cells) else None for j, f in mapping.items()}
                where_area = section if area is not None else None
                out.append(Record(values, lambda f, n=i + 1, s=where_area, cols=cols,
                                  titles=titles: {
                    "file": name, "line": n, "column": cols.get(f),
                    "field": f"{s} › {titles.get(f, f)}" if s else titles.get(f, f),
                    "sheet": s}, area))
                if len(out) > MAX_ROWS:
                    raise PlanError(Problem(f"the file has more than {MAX_ROWS:,} rows; a plan "
                                            "has far fewer", file=name, line=i + 1))
                i += 1
            continue
        i += 1
    if not found:
        raise PlanError(Problem("no plan table with an 'Action id' column found; keep the "
                                "tables as exported", file=name))
    if problems:
        raise PlanError(problems[:100])
    return out, header
