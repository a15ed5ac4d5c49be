"""The pay transparency report's texts and the workforce report's reasons are messages: the
JSON keeps each English text with its message beside it, and the pay report (HTML, DOCX
context, ``seal metrics --pay-report``) and ``seal metrics`` show none of those English texts
to a reader of Spanish, French or Portuguese."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from seal_engine import full_report, parse_workforce, pay_report
from seal_engine.cli import app
from seal_engine.messages import MESSAGES, has_translation
from seal_engine.workforce.pay import PayReport, in_language, status_in
from seal_engine.workforce.report import Said, words_in

from .conftest import ROOT

FIXTURES = Path(__file__).parent / "fixtures" / "workforce"
LABOUR = ROOT / "assessments" / "valdoria-ministry-of-labour" / "2025.yaml"
LANGS = ("es", "fr", "pt")
# files and options that between them reach every kind of text: no hours (annual test),
# hours (hourly test), aggregated rows, a justified and a flagged category, small groups
CASES = {
    "people": ("people.csv", {}),
    "people-justified": ("people.csv", {"justifications": {"manager": "night-shift pay"}}),
    "hourly": ("pay-annual-hourly.csv", {"min_group": 0}),
    "hourly-small": ("pay-annual-hourly.csv", {}),
    "aggregated": ("people_aggregated.csv", {}),
}
CODES = [c for c in MESSAGES if c.startswith(("pay.", "projection."))
         or c == "staff.pay_note_aggregated"]


def _data(name: str):
    path = FIXTURES / name
    return parse_workforce(path.read_bytes(), str(path))


def _pay(case: str) -> PayReport:
    name, options = CASES[case]
    data = _data(name)
    return pay_report(data, ["grade"] if "grade" in data.breakdowns else [], **options)


def _texts(r: PayReport) -> set[str]:
    """Every English text of the report that a message gives."""
    out = {r.pay_level, r.quartile_rule, r.note or ""}
    for b in r.bases:
        out |= {b.title, b.derivation, b.lacking or ""}
    out |= {i.definition for i in r.indicators}
    for g in [*r.groups, *r.categories]:
        for f in g.figures:
            out |= set(f.lacking.values())
    out |= {c.why for c in r.categories}
    a = r.joint_pay_assessment
    out |= {a.definition, a.summary, a.note, *a.covers, *(c.why for c in a.categories)}
    return {t for t in out if len(t) > 12}


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(text))


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("lang", LANGS)
def test_every_pay_message_is_translated(code, lang):
    assert has_translation(code, lang)


def test_the_json_keeps_the_english_with_the_message_beside_it():
    r = _pay("people-justified")
    d = r.to_dict()
    cats = {c["category"]: c for c in d["categories"]}
    assert cats["professional"]["status"] == "flagged"
    assert cats["professional"]["why"].startswith("women are paid 10.2 % less than men in annual "
                                                  "pay on average (mean pay gap 10.2 %)")
    assert cats["professional"]["why_message"]["code"] == "pay.why.flagged"
    assert cats["manager"]["status"] == "justified"
    assert cats["manager"]["why"].endswith("; justified: night-shift pay")
    assert cats["manager"]["why_message"]["code"] == "pay.why.justified"
    hourly = d["bases"][1]
    assert hourly["title"] == "pay per hour" and hourly["title_message"]["code"] == \
        "pay.basis.hourly"
    assert hourly["lacking_message"]["code"] == "pay.lacking.no_hours"
    annual = d["groups"][0]["figures"][0]
    assert annual["lacking_messages"]["bonus_gap_mean"]["code"] == "figure.pay_unsplit"
    assert annual["lacking"]["bonus_gap_mean"] == str(MESSAGES["figure.pay_unsplit"])
    assert d["joint_pay_assessment"]["summary_message"]["code"] == \
        "pay.summary.unpublished.grade"
    # read back from its JSON, the report gives the same words in Spanish
    again = PayReport.model_validate(json.loads(json.dumps(d)))
    assert in_language(again, "es").to_dict() == in_language(r, "es").to_dict()


def test_a_report_saved_without_messages_keeps_its_english():
    d = _pay("people").to_dict()
    for c in d["categories"]:
        c.pop("why_message")
    old = PayReport.model_validate(d)
    es = in_language(old, "es")
    assert [c.why for c in es.categories] == [c.why for c in old.categories]
    assert es.bases[0].title == "remuneración anual"


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("lang", LANGS)
def test_the_pay_report_in_a_language_has_none_of_the_english(case, lang):
    r = _pay(case)
    english = _texts(r)
    shown = json.dumps(in_language(r, lang).to_dict(), ensure_ascii=False)
    left = [t for t in english if json.dumps(t, ensure_ascii=False)[1:-1] in shown]
    assert not left
    assert english  # the case has texts to check


def test_the_statuses_and_an_english_reader():
    assert status_in("below threshold", "fr") == "sous le seuil"
    assert status_in("flagged", "en") == "flagged"
    r = _pay("people")
    assert in_language(r, "en") is r


@pytest.fixture(scope="module")
def labour_pay():
    from seal_engine.reports.build import report_from_files

    return report_from_files(LABOUR, "pay")


@pytest.mark.parametrize("case", ["people-justified", "hourly", "aggregated"])
@pytest.mark.parametrize("lang", LANGS)
def test_the_html_and_docx_pay_reports_in_a_language(labour_pay, case, lang):
    from seal_engine.reports.docx import report_context
    from seal_engine.reports.html import render_html

    r = _pay(case)
    report = labour_pay.model_copy(update={"pay": r})
    page = _flat(render_html(report, lang).decode("utf-8"))
    context = _flat(json.dumps(report_context(report, lang), ensure_ascii=False))
    for shown in (page, context):
        left = [t for t in _texts(r) if _flat(t) in shown]
        assert not left
    english = _flat(render_html(report, "en").decode("utf-8"))
    assert any(_flat(t) in english for t in _texts(r))  # the check can fail


def _english_reasons(r: dict) -> set[str]:
    out = {r["pay_note"] or ""}
    for row in r["groups"]:
        out |= set(row["lacking"].values()) | set(row["partial"].values())
    out |= {p["outcome"] for p in r["projection"]}
    out.add(r["pipeline"]["missing"] or "")
    return {t for t in out if len(t) > 12}


@pytest.mark.parametrize("name", ["people.csv", "people_aggregated.csv", "pay.csv"])
@pytest.mark.parametrize("lang", LANGS)
def test_seal_metrics_in_a_language_has_none_of_the_english(name, lang):
    r = full_report(_data(name), by=("grade",))
    english = _english_reasons(r)
    assert english
    said = [t for row in r["groups"] for t in row["lacking"].values()]
    assert all(isinstance(t, Said) for t in said)
    result = CliRunner().invoke(app, ["metrics", str(FIXTURES / name)], env={"SEAL_LANG": lang})
    assert result.exit_code == 0, result.output
    shown = _flat(result.output)
    assert not [t for t in english if _flat(t) in shown]
    # and they are there, in the language
    assert [t for t in english if _flat(words_in(t, lang)) in shown]


@pytest.mark.parametrize("lang", LANGS)
def test_seal_metrics_pay_report_in_a_language_has_none_of_the_core_english(lang):
    path = FIXTURES / "pay-annual-hourly.csv"
    english = _texts(_pay("hourly"))
    options = ["metrics", str(path), "--pay-report", "--min-group", "0"]
    result = CliRunner().invoke(app, options, env={"SEAL_LANG": lang})
    assert result.exit_code == 0, result.output
    shown = _flat(result.output)
    assert not [t for t in english if _flat(t) in shown]
    # nor the text report's own words
    fixed = ["Pay transparency report", "Gaps are", "With pay", "in its order",
             "Article 10: joint pay assessment", "Categories flagged", "must cover",
             "quartile pay band", "flagged"]
    assert not [w for w in fixed if w in shown]
    english_out = _flat(CliRunner().invoke(app, options, env={"SEAL_LANG": "en"}).output)
    assert [t for t in english if _flat(t) in english_out]
    assert all(w in english_out for w in fixed)


@pytest.mark.parametrize("lang", LANGS)
def test_a_bad_justifications_file_is_told_in_the_language(lang):
    from seal_engine.errors import WorkforceError
    from seal_engine.messages import render_message
    from seal_engine.workforce.pay import read_justifications

    data = _data("pay.csv")
    content = b"category,justification\n,x\nClerks,\nNurses,too many\nClerks,ok\nClerks,again\n"
    with pytest.raises(WorkforceError) as e:
        read_justifications(content, "reasons.csv", data)
    codes = [p.text.code for p in e.value.problems]
    assert codes == ["justif.empty_category", "justif.empty", "justif.unknown_known.category",
                     "justif.twice"]
    for p in e.value.problems:
        assert render_message(p.text, lang=lang) != p.message
    with pytest.raises(WorkforceError) as e:
        read_justifications(b"category,why\nClerks,x\n", "reasons.csv", data)
    assert [p.text.code for p in e.value.problems] == ["justif.no_column"]
    with pytest.raises(WorkforceError) as e:
        read_justifications(b"# nothing\n", "reasons.csv", data)
    assert [p.text.code for p in e.value.problems] == ["justif.no_header"]
