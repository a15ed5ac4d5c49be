"""The core commands through typer's CliRunner, on the bundled files."""

from __future__ import annotations

import json

import pytest
import yaml
from typer.testing import CliRunner

import seal_engine
from seal_engine.cli import app

from .conftest import ROOT, STARTER, STARTER_EXAMPLE

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_validate_ok():
    r = run("validate", STARTER, STARTER_EXAMPLE)
    assert r.exit_code == 0, r.output
    assert (f"ok: {STARTER}: standard seal-starter v2, 2 dimensions, 8 benchmarks, 8 actions"
            in r.output)
    assert "assessment riverton-water-agency-2025 of Riverton National Water Agency" in r.output


def test_validate_reports_every_error_a_line(write):
    text = STARTER_EXAMPLE.read_text().replace("ST-LC-02.committee: yes", "ST-LC-02.committee: 7")
    text = text.replace("ST-WE-02.senior_women: 24", "ST-WE-02.senior_women: 140")
    bad = write("bad.yaml", text)
    r = run("validate", bad, "--standard", STARTER)
    assert r.exit_code == 1
    lines = [ln for ln in r.stderr.splitlines() if ln]
    assert lines == [
        f"error: {bad}:21:3: [ST-LC-02.committee] answers.ST-LC-02.committee: expected yes or no "
        "(true/false), got 7",
        f"error: {bad}:26:3: [ST-WE-02.senior_women] answers.ST-WE-02.senior_women: 140 is above "
        "the maximum 100 (percentages are written 0-100)",
    ]


def test_validate_unknown_type(write):
    r = run("validate", write("x.yaml", "type: recipe\n"))
    assert r.exit_code == 1
    assert "type is 'recipe'; expected 'standard' or 'assessment'" in r.stderr


def test_score_table():
    r = run("score", STARTER_EXAMPLE)
    assert r.exit_code == 0, r.output
    # seal-starter v2 is a teaching standard: its first step is Getting started, and its
    # percentage is a share of weighted points, which the output names
    assert ("Level reached: Getting started   Overall score: 77.3 % of points (8.5 of 11)"
            in r.output)
    assert "Basis: weighted points, each benchmark worth its weight; partially met earns 50 %" \
        in " ".join(r.output.split())
    assert "Mandatory benchmarks not yet met: ST-LC-02" in r.output


def test_score_json_contract():
    r = run("score", STARTER_EXAMPLE, "--format", "json")
    data = json.loads(r.output)
    assert data["level"] == "getting_started"
    assert data["basis"]["kind"] == "weighted_points"
    assert data["next_level"]["blocking"] == ["ST-LC-02"]
    assert data["next_level"]["pending_claims"] == []
    assert len(data["benchmarks"]) == 8


def test_score_markdown():
    r = run("score", STARTER_EXAMPLE, "-f", "markdown")
    assert r.output.startswith("# Riverton National Water Agency — seal-starter v2, 2025")
    assert ("| ST-LC-02 | A gender equality committee that meets | partially met | 0.5/1 "
            "| Building |") in r.output


def test_score_bad_format():
    r = run("score", STARTER_EXAMPLE, "--format", "pdf")
    assert r.exit_code == 2


def test_score_unknown_standard_version(write):
    a = write("a.yaml", STARTER_EXAMPLE.read_text().replace(
        "standard: {id: seal-starter, version: 2}", "standard: {id: seal-starter, version: 9}"))
    r = run("score", a)
    assert r.exit_code == 1
    assert "standard 'seal-starter' version 9 was not found on the standards path " \
           "(versions found: v2)" in r.stderr


def test_explain():
    r = run("explain", STARTER_EXAMPLE, "ST-LC-02")
    assert r.exit_code == 0, r.output
    assert "Status: partially met (0.5 of 1 point)" in r.output
    assert "✗ “How many times did the committee meet in the period?” (ST-LC-02.meetings) is 3; " \
           "needs at least 4" in r.output
    assert "ST-A-02 Set up the gender equality committee" in r.output


def test_explain_unknown_benchmark():
    r = run("explain", STARTER_EXAMPLE, "XX-99")
    assert r.exit_code == 2
    assert "'XX-99' is not a benchmark of seal-starter v2" in r.output


def test_template_round_trip(tmp_path):
    out = tmp_path / "blank.yaml"
    r = run("template", "seal-starter", "-o", out)
    assert r.exit_code == 0, r.output
    text = out.read_text()
    assert "  # What is the state of the institution's gender equality policy?" in text
    assert "  #   one of: none, draft, approved" in text
    assert "  ST-LC-01.policy: null" in text
    # the blank validates and scores: everything not answered, no level
    assert run("validate", out).exit_code == 0
    data = json.loads(run("score", out, "-f", "json").stdout)
    assert data["level"] is None
    statuses = {b["status"] for b in data["benchmarks"]}
    assert statuses == {"not_answered"}
    # every question of the standard is there
    filled = yaml.safe_load(text)
    standard = seal_engine.load_standard(STARTER)
    assert set(filled["answers"]) == set(standard.questions())


def test_template_to_stdout_and_bad_standard():
    r = run("template", STARTER)
    assert r.exit_code == 0 and "type: assessment" in r.output
    r = run("template", "no-such-standard")
    assert r.exit_code == 2
    assert "is not a file or folder, and standard 'no-such-standard' was not found" in r.output


def test_standards_lists_bundled():
    r = run("standards")
    assert r.exit_code == 0
    assert "seal-starter" in r.output


def test_diff_of_adaptation(write):
    write("parent.yaml", STARTER.read_text())
    child = write("child.yaml", """\
type: standard
id: starter-adapted
version: 1
title: Adapted
extends: {id: seal-starter, version: 2}
parameters: {leadership_target: {value: 0.25}}
levels: [{id: getting_started, min_score: 55}]
not_applicable: [ST-LC-03]
""")
    r = run("diff", STARTER, child)
    assert r.exit_code == 0, r.output
    assert r.output.splitlines() == [
        "Differences from seal-starter v2 to starter-adapted v1:",
        "  ~ ST-LC-03: applicable yes -> no",
        "  ~ level getting_started: min_score 60 -> 55",
        "  ~ parameter leadership_target: value 0.3 -> 0.25",
    ]
    r = run("validate", child)
    assert r.exit_code == 0, r.output
    assert "extends seal-starter v2" in r.output
    assert "  ~ level getting_started: min_score 60 -> 55" in r.output


def test_schema_check(tmp_path):
    assert run("schema", "--check").exit_code == 0
    r = run("schema", "--check", "-o", tmp_path)
    assert r.exit_code == 1 and "out of date" in r.stderr


def test_version():
    r = run("--version")
    assert r.exit_code == 0 and r.output.startswith("seal-engine ")


def test_diff_lists_added_parameters_and_actions(write):
    write("parent.yaml", STARTER.read_text())
    child = write("child.yaml", """\
type: standard
id: starter-more
version: 2
title: More
extends: {id: seal-starter, version: 2}
parameters: {budget_target: {value: 0.01, unit: share}}
actions:
  - {id: ST-A-09, title: Publish the budget tags, benchmarks: [ST-LC-03],
     area: monitoring_evaluation}
translations: {fr: {ST-LC-01: {title: Une politique d'égalité approuvée}}}
""")
    r = run("diff", STARTER, child)
    assert r.output.splitlines()[1:] == [
        "  + added parameter budget_target = 0.01",
        "  + added action ST-A-09",
        "  ~ translations fr: added, 1 record",
    ]


def test_locale_shows_translated_texts(write):
    text = STARTER.read_text().replace("languages: [en]", "languages: [en, fr]") + """\
translations:
  fr:
    ST-LC-02: {title: Un comité d'égalité qui se réunit}
    ST-LC-02.meetings: {text: Combien de fois le comité s'est-il réuni ?}
"""
    std = write("s.yaml", text)
    r = run("explain", STARTER_EXAMPLE, "ST-LC-02", "--standard", std, "--locale", "fr")
    assert r.exit_code == 0, r.output
    assert r.output.startswith("ST-LC-02 Un comité d'égalité qui se réunit")
    assert "✗ “Combien de fois le comité s'est-il réuni ?” (ST-LC-02.meetings) is 3" in r.output
    r = run("score", STARTER_EXAMPLE, "--standard", std, "--locale", "de")
    assert r.exit_code == 2 and "has no texts in 'de' (languages: en, fr)" in r.output
    r = run("template", std, "--locale", "fr")
    assert "  # Combien de fois le comité s'est-il réuni ?" in r.output


def test_missing_extra_is_one_line_not_a_traceback(monkeypatch, tmp_path):
    import sys

    from .conftest import ROOT

    monkeypatch.setitem(sys.modules, "pandas", None)  # workforce data needs no pandas
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    example = ROOT / "assessments" / "port-aurel-municipality" / "2025.yaml"
    for args in (("score", example), ("validate", example), ("gaps", example)):
        assert run(*args).exit_code == 0, args
    r = run("workforce-template", "-o", tmp_path / "staff.xlsx")
    assert r.exit_code == 1, r.output
    assert r.exception is None or isinstance(r.exception, SystemExit)
    assert "need openpyxl" in r.stderr and "pip install 'seal-engine[xlsx]'" in r.stderr


def test_template_evidence_can_be_uncommented(tmp_path):
    out = tmp_path / "blank.yaml"
    run("template", STARTER, "-o", out)
    text = out.read_text().replace("  # - {requirement: ST-LC-01.policy_doc",
                                   "  - {requirement: ST-LC-01.policy_doc")
    out.write_text(text)
    assert run("validate", out).exit_code == 0
    a = seal_engine.load_assessment(out)
    assert [e.requirement for e in a.evidence] == ["ST-LC-01.policy_doc"]
    assert a.not_applicable == {}


def test_validate_a_part_file_points_to_its_folder():
    from .conftest import ROOT

    part = ROOT / "standards" / "undp-seal-public-institutions" / "01-leadership.yaml"
    r = run("validate", part)
    assert r.exit_code == 1
    assert "a dimension file is part of a standard folder; validate the folder" in r.stderr


def test_did_you_mean_for_benchmark_ids():
    r = run("explain", STARTER_EXAMPLE, "ST-LC-2")
    assert r.exit_code == 2 and "(did you mean 'ST-LC-02'?)" in r.output
    r = run("explain", STARTER_EXAMPLE, "st-lc-02")  # letter case aside, it is that one
    assert r.exit_code == 0 and r.output.startswith("ST-LC-02 ")
    r = run("explain", STARTER_EXAMPLE, "st-lc-2")
    assert r.exit_code == 2 and "(did you mean 'ST-LC-02'?)" in r.output
    r = run("gaps", STARTER_EXAMPLE, "--assume-met", "ST-WE-5")
    assert r.exit_code == 2 and "(did you mean 'ST-WE-05'?)" in r.output


def test_template_from_last_period(tmp_path):
    import csv

    plan = tmp_path / "plan.csv"
    assert run("actions", STARTER_EXAMPLE, "-o", plan).exit_code == 0
    with plan.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        if row["Action id"] == "ST-A-02":
            row["Status"], row["Progress (%)"] = "done", "100"
            row["Evidence of completion"] = "Committee minutes Q1-Q4 2026"
    with plan.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    out = tmp_path / "next.yaml"
    r = run("template", STARTER, "--from", STARTER_EXAMPLE, "--plan", plan, "-o", out)
    assert r.exit_code == 0, r.output
    text = out.read_text()
    assert "id: riverton-water-agency-2026" in text
    assert 'period: {start: 2026-01-01, end: 2026-12-31, label: "2026"}' in text
    assert "  ST-LC-02.meetings: 3   # last period's answer" in text
    assert "  ST-LC-02.committee: yes   # last period's answer" in text
    assert ('  # - {requirement: ST-LC-02.minutes, title: Committee minutes Q1-Q4 2026, '
            'note: action ST-A-02 done}') in text
    nxt = seal_engine.load_assessment(out)
    last = seal_engine.load_assessment(STARTER_EXAMPLE)
    answered = {k: v for k, v in nxt.answers.items() if v is not None}
    assert answered == last.answers and nxt.institution == last.institution
    assert all(e.note == "from the last period: is it still valid?" for e in nxt.evidence)
    assert [e.requirement for e in nxt.evidence] == [e.requirement for e in last.evidence]
    # the carried-over assessment scores as the last one did, until it is updated
    assert json.loads(run("score", out, "-f", "json").output)["score"] == 77.27
    r = run("template", STARTER, "--plan", plan)
    assert r.exit_code == 2 and "--plan needs --from" in r.output


def test_outputs_are_not_replaced_without_force(tmp_path):
    out = tmp_path / "mine.yaml"
    out.write_text("my filled-in answers\n")
    r = run("template", STARTER, "-o", out)
    assert r.exit_code == 2 and "exists; add --force to replace it" in r.output
    assert out.read_text() == "my filled-in answers\n"
    assert run("template", STARTER, "-o", out, "--force").exit_code == 0
    assert "type: assessment" in out.read_text()
    r = run("template", STARTER, "--from", out, "-o", out, "--force")
    assert r.exit_code == 2 and "is also an input of this command" in r.output
    plan = tmp_path / "plan.csv"
    assert run("actions", STARTER_EXAMPLE, "-o", plan).exit_code == 0
    assert run("actions", STARTER_EXAMPLE, "-o", plan).exit_code == 2
    wf = tmp_path / "w.csv"
    assert run("workforce-template", "-o", wf).exit_code == 0
    assert run("workforce-template", "-o", wf).exit_code == 2


def test_standard_option_takes_an_id():
    r = run("score", STARTER_EXAMPLE, "-s", "seal-starter@2")
    assert r.exit_code == 0 and "Level reached: Getting started" in r.output
    r = run("score", STARTER_EXAMPLE, "-s", "seal-starter@7")
    assert r.exit_code == 2 and "versions found: v2" in r.output


def test_next_level_blocked_only_by_mandatory_benchmarks():
    from .conftest import ROOT

    r = run("score", ROOT / "assessments" / "valdoria-national-statistics-office" / "2025.yaml")
    assert ("Next level: Bronze (needs 60 %) — the score is enough; mandatory benchmarks are not "
            "met\n  Mandatory benchmarks not yet met: WE-10") in r.output


def test_standards_marks_a_shadowed_copy(tmp_path, monkeypatch):
    (tmp_path / "copy.yaml").write_text(STARTER.read_text())
    monkeypatch.setenv("SEAL_STANDARDS_PATH", str(tmp_path))
    lines = [ln for ln in run("standards").output.splitlines() if ln.startswith("seal-starter ")]
    assert len(lines) == 2
    assert "not used" not in lines[0] and str(tmp_path) in lines[0]
    assert lines[1].endswith("(not used: the same id and version is found earlier)")


def test_validate_warns_when_a_mandatory_benchmark_is_not_applicable(write):
    a = write("a.yaml", STARTER_EXAMPLE.read_text() + "not_applicable: {ST-WE-03: we do not "
              "want it}\n")
    r = run("validate", a)
    assert r.exit_code == 0
    # mandatory means met: a claim the institution made itself keeps the level out of reach
    # until an assessor accepts it, and the warning says so
    assert r.stderr.strip() == (f"warning: {a}:40:18: [ST-WE-03] not_applicable.ST-WE-03: "
                                "ST-WE-03 is mandatory from Getting started and is marked not "
                                "applicable ('we do not want it'): no level from Getting started "
                                "up is reached until an assessor accepts that reason")
    r = run("score", a)
    assert "Level reached: no level" in r.stdout
    assert "pending the assessor's decision on the claim: ST-WE-03" in " ".join(r.stdout.split())


def test_the_real_command_in_a_process():
    import subprocess
    import sys
    from importlib.metadata import entry_points

    (seal,) = [e for e in entry_points(group="console_scripts") if e.name == "seal"]
    assert seal.value == "seal_engine.cli:app"
    ok = subprocess.run([sys.executable, "-m", "seal_engine", "score", str(STARTER_EXAMPLE)],
                        capture_output=True, text=True)
    assert ok.returncode == 0 and "Level reached: Getting started" in ok.stdout
    bad = subprocess.run([sys.executable, "-m", "seal_engine", "validate", str(STARTER) + "x"],
                         capture_output=True, text=True)
    assert bad.returncode == 1 and bad.stderr.startswith("error: ")
    assert "Traceback" not in bad.stderr


def test_unknown_standard_id_says_did_you_mean_and_where(write):
    r = run("template", "undp-seal-public-institution")
    assert r.exit_code == 2
    assert "did you mean 'undp-seal-public-institutions'?" in r.output
    assert "known: public-service-adaptation-lpdr, seal-starter" in " ".join(r.output.split())
    a = write("a.yaml", STARTER_EXAMPLE.read_text().replace(
        "standard: {id: seal-starter, version: 2}", "standard: {id: seal-startr, version: 2}"))
    r = run("score", a)
    assert r.exit_code == 1
    assert r.stderr.startswith(f"error: {a}:8:12: [riverton-water-agency-2025] standard: "
                               "standard 'seal-startr' was not found on the standards path "
                               "(did you mean 'seal-starter'?)")


def test_validate_a_folder_checks_everything_under_it():
    r = run("validate", ROOT / "assessments")
    assert r.exit_code == 0, r.output
    oks = [ln for ln in r.stdout.splitlines() if ln.startswith("ok: ")]
    assert len(oks) == len(list((ROOT / "assessments").rglob("*.yaml")))
    r = run("validate", ROOT / "standards")
    assert r.exit_code == 0, r.output
    assert r.stdout.count("ok: ") == 4


@pytest.mark.parametrize(("name", "content", "says"), [
    ("result.json", None, "this is a score result (seal score --format json)"),
    ("plan.json", None, "this is an action plan (seal actions)"),
    ("staff.csv", "sex,grade,headcount\nfemale,senior,3\n",
     "this looks like a workforce data file (CSV); seal metrics reads it"),
    ("book.xlsx", b"PK\x03\x04rest", "this is an Excel workbook, not YAML or JSON"),
    ("std.yaml", None, "this is a standard; give it with --standard"),
])
def test_the_wrong_kind_of_file_says_what_it_is(tmp_path, name, content, says):
    path = tmp_path / name
    if name == "result.json":
        content = run("score", STARTER_EXAMPLE, "-f", "json").stdout
    elif name == "plan.json":
        content = run("actions", STARTER_EXAMPLE, "-f", "json").stdout
    elif name == "std.yaml":
        content = STARTER.read_text()
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    r = run("score", path)
    assert r.exit_code == 1
    assert says in r.stderr, r.stderr


def test_a_percentage_written_as_a_fraction_is_warned_and_shown_as_written(write):
    text = (ROOT / "assessments" / "valdoria-ministry-of-labour" / "2025.yaml").read_text()
    assert "GA-04.trained_share: 81" in text
    a = write("labour/2025.yaml", text.replace("GA-04.trained_share: 81",
                                               "GA-04.trained_share: 0.64"))
    (a.parent / "workforce-2025.csv").write_bytes(
        (ROOT / "assessments" / "valdoria-ministry-of-labour" / "workforce-2025.csv").read_bytes())
    r = run("validate", a)
    assert r.exit_code == 0
    assert ("[GA-04.trained_share] answers.GA-04.trained_share: 0.64 means 0.64 %; percentages "
            "are written 0-100, so 64 % is written 64") in r.stderr
    r = run("explain", a, "GA-04")
    assert "(GA-04.trained_share) is 0.64 %" in r.stdout
    assert "answer: 0.64 %" in r.stdout


@pytest.mark.parametrize("make", ["dangling-link", "link-to-file", "folder", "no-folder",
                                  "long-name", "input"])
def test_writes_go_only_where_they_were_asked(tmp_path, make):
    """-o refuses links (even dangling ones, even with --force), folders, missing folders and
    over-long names in one line, and never overwrites an input of the same command."""
    target = tmp_path / "out.yaml"
    if make == "dangling-link":
        target.symlink_to(tmp_path / "nowhere" / "secret.yaml")
    elif make == "link-to-file":
        victim = tmp_path / "victim.txt"
        victim.write_text("keep me\n")
        target.symlink_to(victim)
    elif make == "folder":
        target.mkdir()
    elif make == "no-folder":
        target = tmp_path / "missing" / "out.yaml"
    elif make == "long-name":
        target = tmp_path / ("x" * 300 + ".yaml")
    else:
        target = STARTER_EXAMPLE
    before = STARTER_EXAMPLE.read_text()
    r = run("template", STARTER, "--from", STARTER_EXAMPLE, "-o", target, "--force")
    assert r.exit_code == 2, r.output
    assert "Traceback" not in r.output
    message = " ".join(r.output.split())
    assert {"dangling-link": "is a symbolic link", "link-to-file": "is a symbolic link",
            "folder": "is a folder", "no-folder": "does not exist; create it first",
            "long-name": "the file name is too long",
            "input": "is also an input of this command"}[make] in message
    assert STARTER_EXAMPLE.read_text() == before
    assert not (tmp_path / "nowhere").exists()
    if make == "link-to-file":
        assert (tmp_path / "victim.txt").read_text() == "keep me\n"


@pytest.mark.parametrize(("lang", "head", "level"), [
    ("es", "Diferencias de seal-starter v2 a starter-adapted v1:", "nivel getting_started"),
    ("fr", "Différences de seal-starter v2 à starter-adapted v1\u00a0:", "niveau getting_started"),
    ("pt", "Diferenças de seal-starter v2 para starter-adapted v1:", "nível getting_started"),
])
def test_diff_in_the_readers_language(tmp_path, monkeypatch, lang, head, level):
    child = tmp_path / "child.yaml"
    child.write_text("""type: standard
id: starter-adapted
version: 1
title: Adapted
extends: {id: seal-starter, version: 2}
parameters: {leadership_target: {value: 0.25}}
levels: [{id: getting_started, min_score: 55}]
not_applicable: [ST-LC-03]
""")
    monkeypatch.setenv("SEAL_LANG", lang)
    r = run("diff", STARTER, child)
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert lines[0] == head
    assert {"es": "  ~ ST-LC-03: applicable sí -> no", "fr": "  ~ ST-LC-03\u00a0: applicable oui "
            "-> non", "pt": "  ~ ST-LC-03: applicable sim -> não"}[lang] in lines
    assert any(level in line for line in lines)
    assert not any("Differences" in line or "level " in line or " yes" in line
                   for line in lines)
