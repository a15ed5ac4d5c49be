"""Write the shipped DOCX report templates and the sample reports uploads are checked against.

    python scripts/make_docx_templates.py            # both
    python scripts/make_docx_templates.py --check    # exit 1 if a template would change

The templates (``seal_engine/reports/templates/<kind>.docx``) are written with python-docx:
A4 pages, headings, tables whose rows repeat with docxtpl's ``{%tr for ... %}`` and whose header
row repeats on every page, and paragraphs shown with ``{%p if ... %}``.  They are the
starting point an administrator downloads, edits in Word and uploads again; what a template
may use is described in ``docs/reports.md``.  Their bytes are made reproducible (fixed
document properties and ZIP dates) so that ``--check`` can compare them.

The samples (``seal_engine/reports/templates/samples/<kind>-<name>.json``) are what the
templates of reports built from the demo (``seal db init --demo`` in a temporary folder) get:
every uploaded template must fill each sample of its kind without an error.  They are rebuilt
with ``--samples`` (after a change to the report models or to what templates get).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "seal_engine" / "reports" / "templates"
SAMPLES = TEMPLATES / "samples"

sys.path.insert(0, str(Path(__file__).resolve().parent))
from docx_blocks import Doc  # noqa: E402  (the script's own folder)

# ------------------------------------------------------------------------------ shared parts

H = "report.header"


def t(text: str, **params: str) -> str:
    """``text`` in the report's language: the ``word`` filter looks it up in the reports
    catalogue (``seal_engine/reports/locale``), then fills its ``{name}`` placeholders with
    ``params``, Jinja expressions.  ``seal_engine/reports/_pot.py`` finds these in the shipped
    templates, so every fixed word of a template is a message translators see."""
    if '"' in text:
        raise ValueError(f"a template's word may not hold a double quote: {text!r}")
    args = ", ".join(f"{k}={v}" for k, v in params.items())
    return '{{ "' + text + '"|word' + (f"({args})" if args else "") + " }}"


#: A colon after a value, as the report's language writes it (a no-break space before it in
#: French).
COLON = t(": ")


def ts(*texts: str) -> list[str]:
    """Column headings, each through the catalogue (:func:`t`)."""
    return [t(x) for x in texts]


def _heading(doc: Doc, what: str) -> None:
    doc.title(t(what))
    doc.p(("b", "{{ " + H + ".institution.name }}"),
          " · {{ " + H + ".institution.country }} · {{ " + H + ".institution.scope|scope }}")
    doc.fields([
        (t("Standard"), "{{ " + H + ".standard_title }} ({{ " + H + ".standard.id }} "
                        + t("version") + " {{ " + H + ".standard.version }})"),
        (t("Period"), "{{ text.period }}"),
        (t("Assessment"), "{{ " + H + ".assessment }}{% if " + H + ".state %} · "
                          "{{ " + H + ".state|state }}{% endif %}"),
        (t("Written"), "{{ " + H + ".generated_at|datetime }}{% if " + H + ".generated_by %} "
                       + t("by {name}", name=H + ".generated_by|word") + "{% endif %} · "
                       + t("from {source}", source=H + ".source_name")),
    ])


# ------------------------------------------------------------------------------ results


def results_template() -> bytes:
    doc = Doc("Results report", "{{ report.header.institution.name }} · "
              + t("Results report"))
    _heading(doc, "Results report")
    r = "report.result"

    doc.h1(t("Level reached"))
    doc.p(("b", "{{ " + r + ".level_title|level }}"), " · " + t("score") + " ",
          ("b", "{{ text.score }}"), " ({{ text.counted }}) · "
          + t("{kind} result", kind=r + ".kind|result_kind"))
    doc.tag("{%p if text.next_level %}")
    doc.p("{{ text.next_level }}")
    doc.tag("{%p endif %}")
    doc.note("{{ text.basis }}")
    c = "report.certificate"
    doc.tag("{%p if " + c + " %}")
    doc.p(("b", t("Certificate {id}:", id=c + ".id")),
          " {{ " + c + ".level_title }}, " + t("issued {date}", date=c + ".issued_on|date")
          + "{% if " + c + ".valid_until %}, "
          + t("valid until {date}", date=c + ".valid_until|date") + "{% endif %}; "
          + t("the award decision is audit entry {seq} ({hash}…).", seq=c + ".audit_seq",
              hash=c + ".audit_hash[:16]")
          + "{% if " + c + ".revoked %} "
          + t("Revoked: {reason}.", reason=c + ".revoked_reason") + "{% endif %}")
    doc.tag("{%p endif %}")
    doc.tag("{%p if report.self_result %}")
    doc.h2(t("Self-assessed and reviewed"))
    doc.fields([
        (t("Self-assessed"), "{{ report.self_result.level_title|level }} · "
                             "{{ text.self_score }} ({{ text.self_counted }})"),
        (t("Reviewed"), "{{ " + r + ".level_title|level }} · {{ text.score }} "
                        "({{ text.counted }})"),
    ])
    doc.tag("{%p endif %}")
    doc.h2(t("Levels of the standard"))
    doc.table(ts("Level", "Threshold", "Reached"),
              ["{{ l.title }}", "{{ l.min_score|pct }}", "{{ l.reached|yesno }}"],
              "l in report.levels", [60, 40, 40])

    doc.h1(t("Dimensions"))
    doc.chart("dimensions")
    doc.table(ts("Dimension", "Score", "Self-assessed", "Met", "Partly", "Not met", "N/A",
                 "Not answered"),
              ["{% if d.ref %}{{ d.ref }} {% endif %}{{ d.title }}", "{{ d.score|pct }}",
               "{{ d.self_score|pct }}", "{{ d.counts.met }}", "{{ d.counts.partially_met }}",
               "{{ d.counts.not_met }}", "{{ d.counts.not_applicable }}",
               "{{ d.counts.not_answered }}"],
              "d in report.dimensions", [40, 15, 30, 19, 16, 18, 11, 25])
    doc.tag("{%p if report.results_levels %}")
    doc.h2(t("The results the programme seeks"))
    doc.table(ts("Result", "Dimensions", "Score", "Self-assessed", "Met", "Partly", "Not met"),
              ["{{ x.title }}", "{{ x.dimensions|join(', ') }}", "{{ x.score|pct }}",
               "{{ x.self_score|pct }}", "{{ x.counts.met }}", "{{ x.counts.partially_met }}",
               "{{ x.counts.not_met }}"],
              "x in report.results_levels", [38, 26, 17, 30, 19, 18, 26])
    doc.tag("{%p endif %}")

    doc.h1(t("Benchmarks"))
    doc.note(t("Each benchmark with its status and why; mandatory benchmarks name the lowest "
               "level that requires them."))
    doc.table(ts("Benchmark", "Status", "Mandatory from", "Why"),
              ["{{ b.ref or b.id }} {{ b.title }}",
               "{{ b.status|status }}{% if b.self_status and b.self_status != b.status %} "
               "(" + t("self-assessed: {status}", status="b.self_status|status") + ")"
               "{% endif %}"
               "{% if b.decision and b.decision.decision %}\n{{ b.decision.decision|decision }}"
               "{% if b.decision.justification %}" + COLON
               + "{{ b.decision.justification }}{% endif %}"
               "{% endif %}{% if b.claim %}\n"
               + t("Not-applicable claim: {verdict}", verdict="b.claim|verdict") + "{% endif %}",
               "{{ b.mandatory_title or '–' }}",
               "{{ b.reason|join('\\n') }}"],
              "b in report.benchmarks", [42, 24, 21, 87])

    doc.h2(t("Evidence"))
    doc.table(ts("Benchmark", "Evidence", "Reference", "Date", "Assessor's verdict"),
              ["{{ e.benchmark }}", "{{ e.title }}{% if e.requirement_title %} "
               "({{ e.requirement_title }}){% endif %}",
               "{{ e.reference or '–' }}{% if e.kind == 'file' and not e.uploaded %} ("
               + t("named only") + "){% elif e.kind == 'link' %} (" + t("link") + "){% endif %}",
               "{{ e.date|date }}",
               "{{ e.verdict|verdict }}{% if e.verdict_reason %}" + COLON + "{{ e.verdict_reason }}"
               "{% endif %}"],
              "e in evidence", [23, 55, 44, 22, 30])

    doc.tag("{%p if report.differences %}")
    doc.h2(t("Where the review differs from the self-assessment"))
    doc.table(ts("Benchmark", "Self-assessed", "Reviewed", "Why"),
              ["{{ x.benchmark }} {{ x.title }}", "{{ x.self_status|status }}",
               "{{ x.reviewed_status|status }}", "{{ x.reason }}"],
              "x in report.differences", [55, 25, 25, 69])
    doc.tag("{%p endif %}")

    doc.h1(t("Gaps and the path to the next level"))
    doc.tag("{%p if report.paths %}")
    doc.tag("{%p for path in report.paths %}")
    doc.p(("b", "{{ path.title }}"), " ({{ path.min_score|pct }})" + COLON
          + "{% if path.already_reached %}" + t("reached.") + "{% elif not path.reachable %}"
          + t("out of reach: {reasons}", reasons="path.reasons|join('; '|word)") + "{% else %}"
          + t("{count} benchmarks to meet, giving {score}:",
              count="(path.mandatory + path.extra)|length", score="path.score_after|pct")
          + " {% for b in path.mandatory + path.extra %}{{ b }} {{ titles[b] }}"
          "{% if not loop.last %}{{ '; '|word }}{% endif %}{% endfor %}.{% endif %}")
    doc.tag("{%p endfor %}")
    doc.tag("{%p endif %}")
    doc.tag("{%p if report.gaps %}")
    doc.table(ts("#", "Benchmark", "Status", "Blocks", "Gain", "Effort", "Why"),
              ["{{ g.priority }}", "{{ g.ref or g.id }} {{ g.title }}", "{{ g.status|status }}",
               "{{ g.blocks }}", "{{ g.gain|points }}", "{{ g.effort|effort }}",
               "{{ g.reason }}{% if g.missing_evidence %}; "
               + t("evidence missing: {items}", items="g.missing_evidence|join('; '|word)")
               + "{% endif %}"],
              "g in report.gaps", [8, 48, 20, 21, 13, 17, 47])
    doc.tag("{%p else %}")
    doc.p(t("No gaps: every applicable benchmark is met."))
    doc.tag("{%p endif %}")

    doc.h1(t("Action plan"))
    # the level aimed at by its title (the plan holds its id), else "the next level"
    aim = ("(report.levels|selectattr('id', 'equalto', report.plan.target)"
              "|map(attribute='title')|first or report.plan.target) if report.plan.target "
              "else 'the next level'|word")
    doc.tag("{%p if report.plan %}")
    doc.p("{% if report.plan_is_draft %}"
          + t("A draft from the standard's action library (the institution has not saved a "
              "plan yet), {start} to {end}, aiming at {target}.", start="report.plan.start",
              end="report.plan.end",
              target=aim)
          + "{% else %}"
          + t("The institution's plan, {start} to {end}, aiming at {target}.",
              start="report.plan.start", end="report.plan.end",
              target=aim)
          + "{% endif %}")
    doc.table(ts("#", "Action", "Benchmarks", "Indicator and target", "When", "Who", "Status"),
              ["{{ a.no }}", "{{ a.activity or a.action }}", "{{ a.benchmarks|join(', ') }}",
               "{{ a.indicator or '–' }}{% if a.target is not none %}" + COLON
               + "{{ a.baseline|number(1) }}"
               " → {{ a.target|number(1) }}{% endif %}",
               "{{ a.start or '–' }} – {{ a.end or '–' }}", "{{ a.responsible or '–' }}",
               "{{ a.status|plan_status }}{% if a.progress %} ({{ a.progress }} %){% endif %}"],
              "a in report.plan.rows", [8, 46, 23, 34, 18, 24, 21])
    doc.tag("{%p else %}")
    doc.p(t("No action plan."))
    doc.tag("{%p endif %}")

    doc.h1(t("Workforce"))
    doc.tag("{%p if report.workforce %}")
    w = "report.workforce"
    doc.p(t("From {file}", file=w + ".file") + "{% if " + w + ".year %} ({{ " + w
          + ".year }}){% endif %}" + COLON
          + t("{staff} staff, {women} women and {men} men", staff=w + ".staff.headcount|number",
              women=w + ".staff.women|number", men=w + ".staff.men|number")
          + "{% if " + w + ".staff.other %}, "
          + t("{other} other or undisclosed", other=w + ".staff.other|number")
          + "{% endif %}. "
          + t("Parity is {band}; groups under {min} people are suppressed.",
              band="text.band", min=w + ".min_group"))
    doc.tag("{%p for t in " + w + ".tables %}")
    doc.h2(t("By {breakdown}", breakdown="t.by|breakdown|lower"))
    doc.table(ts("Group", "Staff", "Women", "Men", "Women's share", "Parity",
                 "Needed for 50/50", "Pay gap (mean)", "Pay gap (median)"),
              ["{{ row.group|group }}", "{{ row.headcount|number }}", "{{ row.women|number }}",
               "{{ row.men|number }}", "{{ row.women_share|share(row.share_decimals) }}",
               "{{ row.parity|parity(report.workforce.band_kind) }}",
               "{{ row.parity_needed|needed(row.parity_needed_sex, row.parity) }}",
               "{{ row.pay_gap_mean|share }}", "{{ row.pay_gap_median|share }}"],
              "row in t.rows", [20, 17, 18, 16, 19, 18, 24, 21, 21])
    doc.tag("{%p if t.largest_drop %}")
    doc.note(t("The largest fall in women's share is from {start} to {end}: {drop}.",
               start="t.largest_drop['from']", end="t.largest_drop['to']",
               drop="t.largest_drop['drop']|share"))
    doc.tag("{%p endif %}")
    doc.tag("{%p if ('share_' ~ t.by) in charts %}")
    doc.d.add_paragraph("{{ charts['share_' ~ t.by] }}")
    doc.tag("{%p endif %}")
    doc.tag("{%p endfor %}")
    doc.tag("{%p if " + w + ".pay %}")
    doc.h2(t("Pay"))
    doc.chart("pay_gap")
    doc.p(t("The pay gap of all staff is {mean} (mean) and {median} (median), on {basis}. The "
            "pay transparency report gives every figure of Article 9.",
            mean="text.pay_gap_mean", median="text.pay_gap_median",
            basis=w + ".pay.bases[0].title"))
    doc.tag("{%p endif %}")
    doc.tag("{%p if " + w + ".pay_note %}")
    doc.note("{{ " + w + ".pay_note }}")
    doc.tag("{%p endif %}")
    doc.tag("{%p else %}")
    doc.p(t("The assessment has no workforce data."))
    doc.tag("{%p endif %}")

    doc.tag("{%p if report.notes %}")
    doc.h1(t("Notes"))
    doc.tag("{%p for n in report.notes %}")
    doc.bullet("{{ n }}")
    doc.tag("{%p endfor %}")
    doc.tag("{%p endif %}")
    return doc.bytes()


# ------------------------------------------------------------------------------ review


def review_template() -> bytes:
    doc = Doc("Assessment team's report", "{{ report.header.institution.name }} · "
              + t("Assessment team's report"))
    _heading(doc, "Assessment team's report")
    doc.h1(t("Results"))
    doc.fields([
        (t("Self-assessed"), "{{ report.self_result.level_title|level }} · "
                             "{{ text.self_score }} ({{ text.self_counted }})"),
        (t("Reviewed"), "{% if report.reviewed_result %}{{ report.reviewed_result.level_title"
                        "|level }} · {{ text.score }} ({{ text.counted }}){% else %}"
                        + t("the review has not started") + "{% endif %}"),
    ])
    doc.note("{{ text.basis }}")
    doc.h2(t("Recommendation"))
    doc.p(("b", "{{ report.recommendation.recommendation|recommendation }}"),
          "{% if report.recommendation.level_title %} "
          + t("at {level}", level="report.recommendation.level_title")
          + "{% endif %}{% if report.recommendation.by %}, "
          + t("by {name}", name="report.recommendation.by|word")
          + "{% endif %}{% if report.recommendation.reason %}" + COLON
          + "{{ report.recommendation.reason }}{% endif %}")
    doc.tag("{%p if report.missing %}")
    doc.p(t("A final decision still needs:"))
    doc.tag("{%p for m in report.missing %}")
    doc.bullet("{{ m }}")
    doc.tag("{%p endfor %}")
    doc.tag("{%p endif %}")
    doc.h2(t("The team"))
    doc.tag("{%p if report.team %}")
    doc.table(ts("Assessor", "Role", "No conflict of interest declared", "Verdicts given"),
              ["{{ m.name }}", "{{ m.role|role }}", "{{ m.no_conflict|yesno }}",
               "{{ m.verdicts }}"],
              "m in report.team", [60, 40, 44, 30])
    doc.tag("{%p else %}")
    doc.p(t("No assessor is assigned yet."))
    doc.tag("{%p endif %}")

    doc.h1(t("Verdicts on the benchmarks"))
    doc.note(t("Every benchmark in the standard's order: the status computed on the evidence "
               "as the assessors marked it, the verdict and, for an override, its "
               "justification."))
    doc.table(ts("Benchmark", "Mandatory from", "Computed", "Verdict", "Status", "Justification"),
              ["{{ d.benchmark }} {{ d.title }}",
               "{{ d.mandatory_title or '–' }}",
               "{{ d.computed_status|status }}",
               "{{ d.decision|decision }}{% if d.outdated %} (" + t("to confirm again")
               + "){% endif %}",
               "{{ d.status|status }}", "{{ d.justification or '' }}"],
              "d in report.decisions", [46, 21, 23, 22, 23, 39])

    doc.h1(t("Evidence"))
    doc.table(ts("Benchmark", "Evidence", "Reference", "Declared", "Verdict"),
              ["{{ e.benchmark }}", "{{ e.title }}",
               "{{ e.reference or '–' }}{% if e.kind == 'file' and not e.uploaded %} ("
               + t("named only") + "){% elif e.kind == 'link' %} (" + t("link") + "){% endif %}",
               "{{ e.declared|verdict }}",
               "{{ e.verdict|verdict }}{% if e.verdict_reason %}" + COLON + "{{ e.verdict_reason }}"
               "{% endif %}"],
              "e in report.evidence", [23, 50, 43, 22, 36])

    doc.h1(t("Not-applicable claims"))
    doc.tag("{%p if report.claims %}")
    doc.table(ts("Benchmark", "The institution's reason", "Decision", "Why"),
              ["{{ c.benchmark }} {{ c.title }}", "{{ c.reason }}", "{{ c.decision|verdict }}",
               "{{ c.decision_reason or '' }}"],
              "c in report.claims", [45, 57, 22, 50])
    doc.tag("{%p else %}")
    doc.p(t("The institution made no not-applicable claim."))
    doc.tag("{%p endif %}")

    doc.h1(t("Requests to the institution"))
    doc.tag("{%p if report.requests %}")
    doc.table(ts("Benchmark", "Request", "Sent", "Answered"),
              ["{{ q.benchmark }} {{ q.title }}", "{{ q.message }}{% if q.requested_by %} "
               "({{ q.requested_by }}){% endif %}", "{{ q.requested_at|datetime }}",
               "{% if q.answered_at %}{{ q.answered_at|datetime }}{% else %}" + t("not yet")
               + "{% endif %}"],
              "q in report.requests", [45, 65, 32, 32])
    doc.tag("{%p else %}")
    doc.p(t("No request was sent."))
    doc.tag("{%p endif %}")

    doc.tag("{%p if report.differences %}")
    doc.h1(t("Where the review differs from the self-assessment"))
    doc.table(ts("Benchmark", "Self-assessed", "Reviewed", "Why"),
              ["{{ x.benchmark }} {{ x.title }}", "{{ x.self_status|status }}",
               "{{ x.reviewed_status|status }}", "{{ x.reason }}"],
              "x in report.differences", [55, 25, 25, 69])
    doc.tag("{%p endif %}")
    return doc.bytes()


# ------------------------------------------------------------------------------ pay


def pay_template() -> bytes:
    doc = Doc("Pay transparency report", "{{ report.header.institution.name }} · "
              + t("Pay transparency report"))
    _heading(doc, "Pay transparency report")
    pay = "report.pay"
    doc.p(t("As Article 9 of Directive (EU) 2023/970 lists its indicators, from {file}",
            file=pay + ".file")
          + "{% if " + pay + ".year %} ({{ " + pay + ".year }}){% endif %}" + COLON
          + t("{women} women and {men} men with pay", women=pay + ".women_with_pay|number",
              men=pay + ".men_with_pay|number")
          + "{% if " + pay + ".staff_without_pay %}, "
          + t("{staff} staff without", staff=pay + ".staff_without_pay|number")
          + "{% endif %}. "
          + t("Groups under {min} people are not published.", min=pay + ".min_group"))
    doc.note("{{ " + pay + ".pay_level }}")
    doc.h2(t("How pay is counted"))
    doc.table(ts("Basis", "Worked out from", "How"),
              ["{{ b.title }}", "{{ b.columns|join(', ') }}",
               "{{ b.derivation }}{% if b.lacking %} ("
               + t("no figure: {why}", why="b.lacking") + "){% endif %}"],
              "b in " + pay + ".bases", [35, 40, 99])

    doc.h1(t("Indicators (a) to (f): all staff"))
    doc.tag("{%p for g in pay_groups %}")
    doc.tag("{%p if g.group %}")
    doc.h2("{% for k, v in g.group.items() %}{{ k|breakdown }} {{ v }}{% if not loop.last %}, "
           "{% endif %}{% endfor %}")
    doc.tag("{%p endif %}")
    doc.p(t("{women} women, {men} men.", women="g.women|number", men="g.men|number"))
    doc.table(ts("Article", "Indicator", "Basis", "Figure"),
              ["{{ i.article }}", "{{ i.title }}", "{{ labels[f.basis] }}",
               "{% if i.key == 'bonus_share' %}{% if f.bonus_share_women is none and "
               "f.bonus_share_men is none %}{{ f.lacking.bonus_share_women or '–' }}{% else %}"
               + t("women {women}, men {men}", women="f.bonus_share_women|share",
                   men="f.bonus_share_men|share")
               + "{% endif %}{% elif i.key == 'quartiles' %}"
               "{% for q in f.quartiles %}Q{{ q.quartile }}" + COLON
               + t("women {women}, men {men}", women="q.women_share|share",
                   men="q.men_share|share")
               + "{% if not loop.last %}{{ '; '|word }}{% endif %}{% else %}"
               "{{ f.lacking.quartiles or '–' }}{% endfor %}{% elif f[i.key] is none %}"
               "{{ f.lacking[i.key] or '–' }}{% else %}{{ f[i.key]|share }}{% endif %}"],
              "i, f in g.rows", [18, 62, 26, 68])
    doc.tag("{%p endfor %}")

    doc.h1(t("Indicator (g): by category of workers"))
    doc.tag("{%p if " + pay + ".categories %}")
    doc.p(t("Categories from the column {column}; a category's mean gap of {threshold} or more "
            "not justified by objective, gender-neutral criteria calls for a joint pay "
            "assessment (Article 10).", column=pay + ".category_column",
            threshold=pay + ".threshold|share(0)"))
    doc.table(ts("Category", "Women", "Men", "Basis", "Pay gap (mean)", "Basic pay gap",
                 "Variable pay gap", "Status"),
              ["{{ c.category }}", "{{ c.women|number }}", "{{ c.men|number }}",
               "{{ labels[c.basis] }}{% set f = c.figures|selectattr('basis', 'equalto', "
               "c.basis)|first %}", "{{ f.pay_gap_mean|share }}",
               "{{ f.basic_pay_gap_mean|share }}", "{{ f.bonus_gap_mean|share }}",
               "{{ c.status|word }}" + COLON
               + "{{ c.why }}{% if c.justification %} ({{ c.justification }})"
               "{% endif %}"],
              "c in " + pay + ".categories", [22, 17, 18, 19, 24, 24, 24, 26])
    doc.tag("{%p else %}")
    doc.p(t("The workforce file names no category of workers."))
    doc.tag("{%p endif %}")

    doc.h1(t("Joint pay assessment (Article 10)"))
    j = pay + ".joint_pay_assessment"
    doc.p(("b", "{% if " + j + ".needed %}" + t("Needed") + "{% else %}" + t("Not needed")
           + "{% endif %}"),
          COLON + "{{ " + j + ".summary }}")
    doc.tag("{%p for c in " + j + ".categories %}")
    doc.bullet("{{ c.category }}" + COLON + t("mean gap {gap}", gap="c.pay_gap_mean|share")
               + " ({{ c.why }})")
    doc.tag("{%p endfor %}")
    doc.note("{{ " + j + ".definition }} {{ " + j + ".note }}")
    doc.tag("{%p if " + pay + ".note %}")
    doc.note("{{ " + pay + ".note }}")
    doc.tag("{%p endif %}")
    return doc.bytes()


# ------------------------------------------------------------------------------ portfolio


def portfolio_template() -> bytes:
    doc = Doc("Portfolio report", t("Portfolio report") + " · {{ text.audience }}")
    c = "report.comparison"
    doc.title(t("Portfolio report"))
    doc.p(("b", "{{ text.audience }}"), " · "
          + t("{institutions} institutions, {assessments} assessments",
              institutions=c + ".institutions", assessments=c + ".assessments"))
    doc.fields([
        (t("Results shown"), "{{ " + c + ".basis_note }}"),
        (t("Left out"), "{% for k, v in " + c + ".left_out.items() %}{{ v }} {{ k|word }}"
                        "{% if not loop.last %}, {% endif %}{% else %}" + t("none")
                        + "{% endfor %}"),
        (t("Standards"), "{{ " + c + ".standards_note or '' }}{% for s in " + c + ".standards %}"
                         "{% if not loop.first or " + c + ".standards_note %}"
                         "{{ '; '|word }}{% endif %}"
                         "{{ s.title }} v{{ s.version }} ({{ s.institutions }}){% endfor %}"),
        (t("Written"), "{{ report.header.generated_at|datetime }}"
                       "{% if report.header.generated_by %} "
                       + t("by {name}", name="report.header.generated_by|word")
                       + "{% endif %} · " + t("from {source}", source=c + ".source")),
    ])
    doc.h1(t("Levels reached"))
    doc.chart("levels")
    doc.tag("{%p for g in " + c + ".distribution %}")
    doc.p(("b", "{% for k, v in g.group.items() %}{{ v }}{% if not loop.last %}, {% endif %}"
                "{% else %}" + t("All institutions") + "{% endfor %}"),
          COLON + t("{institutions} institutions, mean score {score}, {reviewed} with a reviewed "
                   "result.", institutions="g.institutions", score="g.mean_score|pct",
                   reviewed="g.reviewed"))
    doc.tag("{%p endfor %}")
    doc.table(ts("Level", "Institutions"),
              ["{{ l.title }}", "{{ " + c + ".distribution[0].levels.get(l.id, 0) }}"],
              "l in levels_shown", [80, 40])
    doc.tag("{%p if " + c + ".scopes %}")
    doc.h2(t("National and subnational"))
    doc.table(ts("Scope", "Institutions", "Mean score", "Levels", "Reviewed"),
              ["{{ g.group.scope|scope }}", "{{ g.institutions }}", "{{ g.mean_score|pct }}",
               "{% for k, v in g.levels.items() %}{{ level_titles.get(k, k) }} {{ v }}"
               "{% if not loop.last %}, {% endif %}{% endfor %}", "{{ g.reviewed }}"],
              "g in " + c + ".scopes", [28, 26, 24, 72, 24])
    doc.tag("{%p endif %}")

    doc.h1(t("Ranking"))
    doc.chart("ranking")
    doc.table(ts("#", "Institution", "Country", "Period", "Level", "Score", "Result"),
              ["{{ r.rank }}", "{{ r.name }} ({{ r.institution }})", "{{ r.country }}",
               "{{ r.period }}", "{{ r.level_title }}", "{{ r.score|pct }}",
               "{{ r.kind|result_kind }}"],
              "r in " + c + ".ranking", [8, 56, 30, 16, 20, 18, 26])

    doc.h1(t("Benchmarks failed most"))
    doc.tag("{%p if " + c + ".benchmarks %}")
    doc.table(ts("Benchmark", "Mandatory", "Applicable", "Met", "Partly", "Not met",
                 "Pass rate"),
              ["{{ b.id }} {{ b.title }}", "{{ b.mandatory_from or '–' }}",
               "{{ b.applicable }}", "{{ b.met }}", "{{ b.partially_met }}", "{{ b.not_met }}",
               "{{ b.pass_rate|share }}"],
              "b in " + c + ".benchmarks[:25]", [58, 22, 22, 14, 16, 18, 24])
    doc.tag("{%p else %}")
    doc.p(t("The institutions shown are assessed against different standards with no "
            "benchmark in common, so no benchmark is compared."))
    doc.tag("{%p endif %}")

    doc.h1(t("Parity"))
    doc.tag("{%p if " + c + ".parity %}")
    par = c + ".parity"
    doc.p(t("{count} institutions have an overall women's share in {band}.",
            count=par + ".at_parity", band="text.band") + " "
          + t("Groups under {min} people are suppressed.", min=par + ".min_group")
          + "{% if " + par + ".without_data %} "
          + t("Without workforce data: {names}.", names=par + ".without_data|join(', ')")
          + "{% endif %}")
    doc.table(ts("Breakdown", "Group", "Institutions", "Staff", "Women's share", "Parity",
                 "Needed for 50/50"),
              ["{{ f.breakdown|breakdown }}", "{{ f.value or '–' }}", "{{ f.institutions }}",
               "{{ f.headcount|number }}", "{{ f.women_share|share(f.share_decimals) }}",
               "{{ f.parity|parity(report.comparison.parity.band_kind) }}",
               "{{ f.needed|needed(f.needed_sex, f.parity) }}"],
              "f in " + par + ".portfolio", [22, 30, 25, 18, 24, 25, 30])
    doc.tag("{%p else %}")
    doc.p(t("No workforce data."))
    doc.tag("{%p endif %}")

    doc.h1(t("Change between periods"))
    doc.tag("{%p if " + c + ".changes %}")
    doc.table(ts("Institution", "From", "To", "Score change", "Newly met", "No longer met"),
              ["{{ x.name }}", "{{ x.before_period }}" + COLON + "{{ x.before_level_title }} "
               "({{ x.before_score|pct }})",
               "{{ x.after_period }}" + COLON + "{{ x.after_level_title }} "
               "({{ x.after_score|pct }})",
               t("{change} points", change="x.change|number(1)"),
               "{{ x.newly_met }}", "{{ x.no_longer_met }}"],
              "x in " + c + ".changes", [46, 32, 32, 22, 20, 22])
    doc.tag("{%p else %}")
    doc.p(t("No institution has results in two periods."))
    doc.tag("{%p endif %}")
    doc.chart("trend")
    doc.tag("{%p if report.trends %}")
    doc.h2(t("Every result by period"))
    doc.table(ts("Institution", "Country", "Period", "Result", "Level", "Score"),
              ["{{ t.name }}", "{{ t.country }}", "{{ t.period }}", "{{ t.kind|result_kind }}",
               "{{ t.level_title|level }}", "{{ t.score|pct }}"],
              "t in report.trends", [52, 32, 18, 30, 22, 20])
    doc.tag("{%p endif %}")
    doc.tag("{%p if " + c + ".notes %}")
    doc.h2(t("Notes"))
    doc.tag("{%p for n in " + c + ".notes %}")
    doc.bullet("{{ n }}")
    doc.tag("{%p endfor %}")
    doc.tag("{%p endif %}")
    return doc.bytes()


BUILDERS = {"results": results_template, "review": review_template, "pay": pay_template,
            "portfolio": portfolio_template}


# ------------------------------------------------------------------------------ samples

#: The reports uploads are checked against: (kind, name, assessment code or None).
SAMPLE_SOURCES = (
    ("results", "reviewed", "valdoria-ministry-of-labour-2024"),
    ("results", "starter", "riverton-water-agency-2025"),
    ("review", "decided", "valdoria-ministry-of-labour-2024"),
    ("review", "open", "valdoria-national-statistics-office-2025"),
    ("pay", "aggregated", "valdoria-ministry-of-labour-2024"),
    ("pay", "per-person", "valdoria-ministry-of-labour-2025"),
    ("portfolio", "all", None),
)


def write_samples() -> list[Path]:
    """Build the sample reports from a fresh demo and write what their templates get."""
    import json
    import os
    import warnings

    os.environ.setdefault("SEAL_PASSWORD_PROFILE", "CHEAPEST")
    import seal_engine.store as st
    from seal_engine.reports.build import report_from_store
    from seal_engine.reports.docx import sample_context

    SAMPLES.mkdir(parents=True, exist_ok=True)
    for old in SAMPLES.glob("*.json"):
        old.unlink()
    written = []
    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with st.open_store(f"sqlite:///{Path(tmp) / 'demo.db'}") as store:
            st.init_demo(store)
            for kind, name, code in SAMPLE_SOURCES:
                aid = st.find_assessment(store, st.SYSTEM, code).id if code else None
                report = report_from_store(store, st.SYSTEM, kind, aid)
                report.header.source_name = "the demo database"
                report.header.generated_at = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
                if getattr(report, "comparison", None) is not None:
                    report.comparison.source = "the demo database"
                path = SAMPLES / f"{kind}-{name}.json"
                path.write_text(json.dumps(sample_context(report), indent=1, ensure_ascii=False)
                                + "\n", encoding="utf-8")
                written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="Change nothing; exit 1 if a template differs from this script's.")
    parser.add_argument("--samples", action="store_true",
                        help="Also rebuild the sample reports from a fresh demo database.")
    args = parser.parse_args(argv)
    differ = []
    for kind, build in BUILDERS.items():
        path = TEMPLATES / f"{kind}.docx"
        data = build()
        if args.check:
            if not path.is_file() or path.read_bytes() != data:
                differ.append(path)
            continue
        TEMPLATES.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"wrote {path.relative_to(ROOT)}")
    if args.check:
        for path in differ:
            print(f"{path.relative_to(ROOT)} differs: run python scripts/make_docx_templates.py",
                  file=sys.stderr)
        return 1 if differ else 0
    if args.samples:
        for path in write_samples():
            print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
