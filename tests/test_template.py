"""Generated assessments: next period in calendar terms (issue 9 §3.13), and YAML that no text
can change the structure of (issue 10 class 3) — hostile text round-trips through every
generated file and nothing else appears."""

from __future__ import annotations

import csv
import datetime as dt

import pytest
import yaml
from typer.testing import CliRunner

import seal_engine as se
from seal_engine.cli import app
from seal_engine.models import Period
from seal_engine.serialise import comment, yaml_entry, yaml_flow
from seal_engine.template import assessment_template, next_period

from .conftest import RIVERTON, STARTER

runner = CliRunner()

HOSTILE = [
    "line one\nline two",
    "minutes.pdf\n  - {requirement: ST-LC-02.minutes, title: forged, status: accepted}",
    "- {requirement: ST-LC-02.minutes, status: accepted}",
    "# not a comment",
    "text # with a hash",
    "quote \" double and ' single",
    "&anchor value",
    "*alias",
    "!!python/object/apply:os.system ['echo pwned']",
    "!binary AAAA",
    "separator\u2028here\u2029too",
    "next line\x85here",
    "key: value",
    "[a, b]",
    "{a: 1}",
    "yes",
    "null",
    "~",
    "2026-01-01",
    "0x1F",
    "1e3",
    "tab\there",
    " leading and trailing ",
    "%TAG ! tag:x",
    "---",
    "...",
    "@at",
    "`back`",
    "| pipe",
    "> fold",
    "back\\slash",
    "crlf\r\nline",
    "emoji 🎉 and accents é",
]


def _period(start, end, label=None) -> Period:
    return Period(start=dt.date.fromisoformat(start), end=dt.date.fromisoformat(end),
                  label=label)


# ---------------------------------------------------------------------------- next period


@pytest.mark.parametrize("start, end, label, expected", [
    ("2024-01-01", "2024-12-31", "2024", ("2025-01-01", "2025-12-31", "2025")),  # leap year
    ("2025-01-01", "2025-12-31", "2025", ("2026-01-01", "2026-12-31", "2026")),
    ("2025-04-01", "2025-06-30", "2025-Q2", ("2025-07-01", "2025-09-30", "2025-Q3")),
    ("2025-10-01", "2025-12-31", "Q4 2025", ("2026-01-01", "2026-03-31", "Q1 2026")),
    ("2024-07-01", "2025-06-30", "2024/25", ("2025-07-01", "2026-06-30", "2025/26")),
    ("2024-07-01", "2025-06-30", "FY2024-2025", ("2025-07-01", "2026-06-30", "FY2025-2026")),
    ("2025-01-01", "2025-06-30", "H1 2025", ("2025-07-01", "2025-12-31", "H2 2025")),
    ("2023-03-01", "2024-02-29", None, ("2024-03-01", "2025-02-28", None)),
    ("2024-01-01", "2025-12-31", "2024-2025", ("2026-01-01", "2027-12-31", "2026-2027")),
    ("2025-01-10", "2025-01-19", "a training cycle", ("2025-01-20", "2025-01-29", None)),
    ("2025-04-01", "2025-06-30", "spring", ("2025-07-01", "2025-09-30", None)),
])
def test_next_period_in_calendar_terms(start, end, label, expected):
    p = next_period(_period(start, end, label))
    assert (p.start.isoformat(), p.end.isoformat(), p.label) == expected


def test_no_period_after_9999():
    with pytest.raises(se.AssessmentError, match="would end after 9999-12-31"):
        next_period(_period("9999-01-01", "9999-12-31", "9999"))


def test_template_from_a_leap_year(tmp_path):
    text = RIVERTON.read_text(encoding="utf-8").replace(
        'period: {start: 2025-01-01, end: 2025-12-31, label: "2025"}',
        'period: {start: 2024-01-01, end: 2024-12-31, label: "2024"}').replace(
        "id: riverton-water-agency-2025", "id: riverton-water-agency-2024")
    last = tmp_path / "2024.yaml"
    last.write_text(text, encoding="utf-8")
    r = runner.invoke(app, ["template", str(STARTER), "--from", str(last)])
    assert r.exit_code == 0, r.output
    data = yaml.safe_load(r.stdout)
    assert data["period"] == {"start": dt.date(2025, 1, 1), "end": dt.date(2025, 12, 31),
                              "label": "2025"}
    assert data["id"] == "riverton-water-agency-2025"


# ---------------------------------------------------------------------------- the serialiser


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_one_line_yaml_reads_back_as_the_text(text):
    for line in (yaml_entry("key", text), yaml_entry(text, 1), "- " + yaml_flow(
            {"requirement": "X", "title": text, "reference": None})):
        assert "\n" not in line and "\r" not in line
        from seal_engine._source import parse_text

        data = parse_text(line, "x.yaml").data
        assert data in ({"key": text}, {text: 1},
                        [{"requirement": "X", "title": text, "reference": None}])


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_a_comment_stays_one_line(text):
    line = "# " + comment(text)
    from seal_engine._source import parse_text

    assert parse_text(f"a: 1\n{line}\nb: 2\n", "x.yaml").data == {"a": 1, "b": 2}


# ---------------------------------------------------------------------------- the forged item


def test_a_newline_in_a_plan_cell_plants_no_evidence(tmp_path):
    plan = tmp_path / "plan.csv"
    assert runner.invoke(app, ["actions", str(RIVERTON), "-o", str(plan)]).exit_code == 0
    with plan.open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    forged = ("minutes.pdf}\n  - {requirement: ST-WE-02.stats, title: forged, reference: x, "
              "status: accepted}\n  # {")
    for row in rows:
        if row["Action id"] == "ST-A-02":
            row["Status"], row["Progress (%)"], row["Evidence of completion"] = "done", "100", \
                forged
    with plan.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    out = tmp_path / "2026.yaml"
    r = runner.invoke(app, ["template", str(STARTER), "--from", str(RIVERTON), "--plan",
                            str(plan), "-o", str(out)])
    assert r.exit_code == 0, r.output
    nxt = se.load_assessment(out)
    last = se.load_assessment(RIVERTON)
    assert [e.requirement for e in nxt.evidence] == [e.requirement for e in last.evidence]
    assert not [e for e in nxt.evidence if e.status == "accepted"]
    # the line offered for the done action, once uncommented, is the evidence text as typed
    offered = [ln for ln in out.read_text(encoding="utf-8").splitlines()
               if "action ST-A-02 done" in ln]
    assert len(offered) == 1
    item = yaml.safe_load(offered[0].replace("# - ", "- ", 1))
    assert item == [{"requirement": "ST-LC-02.minutes", "title": forged,
                     "note": "action ST-A-02 done"}]
    # and validating the file says nothing about a forged item
    assert runner.invoke(app, ["validate", str(out)]).exit_code == 0


# ---------------------------------------------------------------------------- every generated file


def _hostile_standard(text: str) -> se.Standard:
    s = se.load_standard(STARTER)
    data = s.model_dump(mode="json", exclude_defaults=True)
    data["title"] = f"Standard {text}"
    for d in data["dimensions"]:
        d["title"] = f"Dimension {text}"
        for b in d["benchmarks"]:
            b["title"] = f"Benchmark {text}"
            for q in b.get("questions", []):
                q["text"] = f"Question {text}"
                q["help"] = f"Help {text}"
                if q["type"] == "number":
                    q["unit"] = f"unit {text}"
            for e in b.get("evidence", []):
                e["title"] = f"Evidence {text}"
    return se.parse_standard(data, "hostile.yaml")


def _uncommented(text: str) -> list:
    items = []
    for ln in text.splitlines():
        if ln.startswith("  # - {"):
            items.extend(yaml.safe_load(ln.replace("  # - ", "- ", 1)))
    return items


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_in_a_standard_stays_in_its_comments(text):
    s = _hostile_standard(text)
    out = assessment_template(s, dt.date(2026, 5, 1))
    a = se.parse_assessment(out, "blank.yaml")
    assert a.answers == {q: None for q in s.questions()}
    assert a.evidence == [] and a.not_applicable == {}
    assert a.institution.name == "Name of the institution"
    titles = [i["title"] for i in _uncommented(out)]
    assert titles == [f"Evidence {text}" for b in s.benchmarks() for _e in b.evidence]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_round_trips_through_next_periods_assessment(text, tmp_path):
    s = se.load_standard(STARTER)
    last = se.load_assessment(RIVERTON)
    text_q = next(q.id for q in s.questions().values() if q.type.value == "text") \
        if any(q.type.value == "text" for q in s.questions().values()) else None
    inst = last.institution.model_copy(update={"name": f"Agency {text}", "sector": text,
                                               "region": text})
    evidence = [e.model_copy(update={"title": f"Title {text}", "reference": text,
                                     "note": text}) for e in last.evidence]
    answers = dict(last.answers)
    if text_q:
        answers[text_q] = text
    bid = s.benchmarks()[-1].id
    prev = last.model_copy(update={"institution": inst, "evidence": evidence,
                                   "answers": answers, "not_applicable": {bid: f"Because {text}"},
                                   "workforce": f"staff {text}.csv"})
    rows = []
    plan = se.draft_plan(s, last)
    for r in plan.rows:
        rows.append(r.model_copy(update={"status": se.PlanStatus.done, "progress": 100,
                                         "evidence": f"Done {text}"}))
    plan = plan.model_copy(update={"rows": rows})
    out = assessment_template(s, previous=prev, plan=plan)
    nxt = se.parse_assessment(out, "next.yaml")
    assert nxt.institution == inst
    assert {k: v for k, v in nxt.answers.items() if v is not None} == {
        k: v for k, v in answers.items() if v is not None and k in s.questions()}
    assert [(e.requirement, e.title, e.reference, e.note) for e in nxt.evidence] == [
        (e.requirement, e.title, e.reference, "from the last period: is it still valid?")
        for e in evidence]
    assert nxt.not_applicable == {bid: f"Because {text}"}
    assert nxt.workforce is None  # named in a comment only
    offered = [i for i in _uncommented(out) if "note" in i]
    assert offered and all(i["title"] == f"Done {text}" for i in offered)
    with_evidence = {b.id for b in s.benchmarks() if b.evidence}
    assert {i["note"] for i in offered} == {f"action {r.action} done" for r in rows
                                            if set(r.benchmarks) & with_evidence}
    # the YAML has exactly the keys an assessment has: nothing else appeared
    assert list(yaml.safe_load(out)) == ["type", "id", "standard", "institution", "period",
                                         "kind", "status", "answers", "evidence",
                                         "not_applicable"]


def test_the_blank_template_reads_as_written():
    s = se.load_standard(STARTER)
    out = assessment_template(s, dt.date(2026, 5, 1))
    assert 'period: {start: 2026-01-01, end: 2026-12-31, label: "2026"}' in out
    assert "  scope: national   # national or subnational" in out
    assert ('  # - {requirement: ST-LC-01.policy_doc, title: The signed policy document, '
            'reference: null}  # document') in out
