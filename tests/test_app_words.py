"""Words, not codes: every page of every role, run by ``AppTest`` on the demo, is scanned for
what a person would have to decode: answer ids (``RI-01.results``), snake_case codes
(``anti_retaliation``, ``changes_requested``) and raw ids (UUIDs, long hex).  Benchmarks are
named one way everywhere (``PC-06 (3.6)``); the engine's messages are data (a code and its
params) rendered in words; the home page says why a level is or is not reached."""

from __future__ import annotations

import re

import pytest

from .appkit import ML25, open_app, texts

PAGES = {
    "focal_point": ["home", "process", "assessment", "results", "plan", "standards", "account"],
    "assessor": ["home", "review", "results", "standards", "account"],
    "programme_officer": ["home", "awards", "portfolio", "results", "standards"],
    "analyst": ["home", "portfolio", "results", "standards"],
    "admin": ["home", "portfolio", "results", "standards", "account", "admin"],
}
#: What a person would have to decode.
ANSWER_ID = re.compile(r"\b[A-Z]{2,}(?:-[A-Z]+)*-\d{2}\.[a-z][a-z0-9_]*\b")
SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
RAW_ID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}|\b[0-9a-f]{16,}\b")
#: Markup that is not shown as text: Material icons (``:material/check_circle:``).
ICON = re.compile(r":material/[a-z_0-9]+:")


def shown(at) -> str:
    """Every text the page shows a person: texts, the options of every choice, the cells and
    headers of every table, tab and link labels.  Code blocks are left out: the Standards page
    shows a rule "as written" (in a pop-over) for the authors of standards, who write it."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning",
                 "error", "success", "text"):
        parts += [str(e.value).replace("\\", "") for e in getattr(at, kind)]
    parts += [str(m.label) + " " + str(m.value) for m in at.metric]
    parts += [str(e.label).replace("\\", "") for e in at.expander]
    for kind in ("selectbox", "radio", "multiselect"):
        for e in getattr(at, kind):
            parts += [str(e.label)] + [str(o) for o in e.options]
    for kind in ("dataframe", "table"):
        for e in getattr(at, kind):
            parts += _cells(e)
    parts += [str(t.label) for t in at.tabs]
    parts += [str(p.proto.label) for p in at.get("page_link")]
    return ICON.sub("", "\n".join(parts))


def _cells(element) -> list[str]:
    """A table's headers and cells as shown: a grid's column config gives each column's label
    and each choice's label (the data holds the codes; the browser shows the labels)."""
    import json

    config = json.loads(getattr(element.proto, "columns", "") or "{}")
    out = []
    df = element.value
    for col in df.columns:
        conf = config.get(str(col), {})
        out.append(str(conf.get("label", col)))
        options = {o.get("value"): o.get("label") for o in
                   conf.get("type_config", {}).get("options", []) if isinstance(o, dict)}
        for v in df[col].tolist():
            values = list(v) if isinstance(v, (list, tuple)) else [v]
            out += [str(options.get(x, x)) for x in values if isinstance(x, str | int | float)]
    return out


def codes_in(text: str) -> list[str]:
    found = ANSWER_ID.findall(text) + SNAKE.findall(text) + RAW_ID.findall(text)
    return sorted(set(found))


def test_the_scan_finds_what_it_looks_for():
    text = ("“How many…” (RI-01.results) is 1; 'anti_retaliation'; user:bf027ce2-1a2b-4c3d; "
            "assessment:9a232527a3e7b087fa5bccf13824de4a")
    assert codes_in(text) == ["9a232527a3e7b087fa5bccf13824de4a", "RI-01.results",
                              "anti_retaliation", "bf027ce2-1a2b-4c3d"]
    assert codes_in(ICON.sub("", "PC-06 (3.6) :material/check_circle: 78.9 %, e-mail")) == []


@pytest.mark.parametrize("role", sorted(PAGES))
def test_no_page_shows_a_code_a_person_has_to_decode(app_db, role):
    at = open_app(role)
    offences = {}
    for page in PAGES[role]:
        at.switch_page(f"views/{page}.py").run()
        assert not at.exception, (page, [e.value for e in at.exception])
        found = codes_in(shown(at))
        if found:
            offences[page] = found
    assert offences == {}


def _standard(code: str):
    import seal_engine.store as st

    from .appkit import assessment, store

    info = assessment(code)
    return st.get_standard(store(), info.standard_id, info.standard_version)


def test_a_request_is_shown_inside_its_benchmark_and_linked_by_its_one_name(app_db):
    from seal_engine import BenchmarkNames

    names = BenchmarkNames(_standard(ML25))
    at = open_app("focal_point", "assessment", a=ML25)
    assert not at.exception
    links = [p.proto for p in at.get("page_link") if "b=" in p.proto.query_string]
    assert links, "the assessor's request links to no benchmark"
    target = dict(kv.split("=") for kv in links[0].query_string.split("&"))
    assert links[0].label == names.heading(target["b"])  # e.g. "RI-01 (7.1) Measurable…"
    assert re.fullmatch(r"[A-Z]{2}-\d{2} \(\d\.\d+\) .+", links[0].label)
    # following the link opens that benchmark, with the request inside it
    at.query_params["d"], at.query_params["b"] = target["d"], target["b"]
    at.run()
    inside = [e for e in at.expander if names.heading(target["b"]) in e.label.replace("\\", "")]
    assert inside, [e.label for e in at.expander]
    assert any("The assessor asks:" in str(w.value).replace("\\", "") for w in at.warning)
    # the home page lists the same request under the same link
    home = open_app("focal_point")
    assert names.heading(target["b"]) in [p.proto.label for p in home.get("page_link")]


def test_the_home_page_says_why_a_level_is_or_is_not_reached(app_db):
    at = open_app("focal_point")
    text = texts(at)
    # the sent-back assessment: the reviewed result and what Gold still needs, in words
    assert re.search(r"As the assessor reviewed it: \d+\.\d %: \w+ reached; for \w+, ", text)
    assert re.search(r"[A-Z]{2}-\d{2} \(\d\.\d+\)(, [A-Z]{2}-\d{2} \(\d\.\d+\))*, "
                     r"mandatory for \w+, (is|are) not met", text)
    assert "Since the assessor's review:" in text
    # the certified one: its result, and its certificate with its validity
    assert re.search(r"Reviewed result: \d+\.\d %: \w+ reached", text)
    assert re.search(r"Certified \*\*\w+\*\*, valid until \d+ \w+ \d{4}", text)


def test_the_audit_trail_names_records_and_leaves_out_digests(app_db):
    from seal_engine.app.audit_words import AuditWords
    from seal_engine.store import SYSTEM, list_users

    from .appkit import assessment, store

    a = assessment(ML25)
    users = list_users(store(), SYSTEM)
    words = AuditWords([a], users)
    assert words.record(f"assessment:{a.id}") == f"{a.institution_name} · {a.period_label}"
    assert words.record(f"user:{users[0].id}") == users[0].display_name
    assert words.action("assessment.request_changes") == "Sent back for changes"
    details = words.details({"assessment": a.id, "from": "under_review",
                             "to": "changes_requested", "reason_sha256": "ab" * 32,
                             "request": "0fa3826a8cf1843de6998a40bf310ab2", "computed": "not_met"})
    assert details == (f"assessment: {a.institution_name} · {a.period_label} · computed: Not met "
                       "· from: Under review · to: Sent back for changes")


def test_every_dimension_of_the_questionnaire_and_results_and_every_reviewed_benchmark(app_db):
    """The pages above show one dimension (or one benchmark) at a time: each of them too."""
    import seal_engine.store as st

    from .appkit import store

    standard = _standard(ML25)
    offences = {}
    questionnaire = open_app("focal_point", "assessment", a=ML25)
    results = open_app("focal_point", "results", a=ML25)
    for d in standard.dimensions:
        questionnaire.query_params["d"] = d.id
        questionnaire.run()
        assert not questionnaire.exception, d.id
        # found again on each run: a choice of an earlier run's page is not set
        next(s for s in results.selectbox if str(s.key).endswith(":dimension")).set_value(d.id)
        for b in d.benchmarks:  # each reason is made only while its benchmark is open
            results.session_state[f"self:why:{b.id}"] = True
        results.run()
        # the reasons' expanders (the parity charts' one, below them, is the staff's)
        reasons = [e for e in results.expander if not str(e.label).startswith("Women by")]
        assert [str(e.label).split(" ")[1][:2] for e in reasons] == [d.id] * len(d.benchmarks)
        assert all(e.children for e in reasons), d.id
        for page, at in (("questionnaire", questionnaire), ("results", results)):
            found = codes_in(shown(at))
            if found:
                offences[f"{page} {d.id}"] = found
    under_review = [a for a in st.list_assessments(store(), st.SYSTEM)
                    if a.state == "under_review"]
    assert under_review
    review = open_app("assessor", "review", a=under_review[0].code)
    for b in _standard(under_review[0].code).benchmarks():
        review.query_params["b"] = b.id
        review.run()
        assert not review.exception, b.id
        found = codes_in(shown(review))
        if found:
            offences[f"review {b.id}"] = found
    assert offences == {}


def test_every_state_has_words():
    """No lifecycle state reaches a page as its code ('recommended' was shown as is)."""
    from seal_engine.app.words import state_name
    from seal_engine.lifecycle import State

    assert [s.value for s in State if state_name(s.value) == s.value] == []
