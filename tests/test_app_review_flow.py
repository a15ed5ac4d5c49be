"""The review flows (issue 21, item 5), driven by ``AppTest`` as the demo assessor: previous
and next benchmark, the filters read from the store's review status, the review's progress,
one summary message for a bulk confirmation, what the institution changed since the last
submission (per benchmark and as a list), evidence read in place (a PDF's pages drawn on the
server, a Word document's text, a workbook's rows), and the focal point's submit section
listing the assessor's requests and whether each was answered."""

from __future__ import annotations

import io

import seal_engine.store as st
from seal_engine.store.demo import demo_pdf

from .appkit import (
    ML25,
    NSO25,
    actor,
    assessment,
    button,
    no_failure,
    open_app,
    store,
    texts,
)


def _status(code: str):
    return st.review_status(store(), actor("assessor"), assessment(code).id)


def _current(at, code: str) -> str:
    return at.selectbox(key=f"rb:{assessment(code).id}").value


def test_next_and_previous_walk_the_benchmarks_in_the_standards_order(app_db):
    at = open_app("assessor", "review", a=NSO25)
    no_failure(at)
    ids = [v.benchmark_id for v in _status(NSO25).benchmarks]
    first_open = _status(NSO25).matching(["not_reviewed"])[0]
    assert _current(at, NSO25) == first_open  # opens on the first benchmark left to review
    aid = assessment(NSO25).id
    at.button(key=f"next:{aid}").click().run()
    no_failure(at)
    assert _current(at, NSO25) == ids[ids.index(first_open) + 1]
    assert at.query_params["b"] == ids[ids.index(first_open) + 1]  # a reload stays there
    at.button(key=f"prev:{aid}").click().run()
    assert _current(at, NSO25) == first_open
    at.button(key=f"next:end:{aid}").click().run()  # the same below the benchmark
    assert _current(at, NSO25) == ids[ids.index(first_open) + 1]
    at.button(key=f"prev:end:{aid}").click().run()
    at.selectbox(key=f"rb:{aid}").set_value(ids[0]).run()
    assert at.button(key=f"prev:{aid}").disabled  # nothing before the first
    at.selectbox(key=f"rb:{aid}").set_value(ids[-1]).run()
    assert at.button(key=f"next:{aid}").disabled


def _shown(at, code: str) -> list[str]:
    return list(at.selectbox(key=f"rb:{assessment(code).id}").options)


def _filter(at, code: str, *names: str):
    at.pills(key=f"rf:{assessment(code).id}").set_value(list(names)).run()
    no_failure(at)
    return at


def _labels_to_ids(at, code: str) -> list[str]:
    """The benchmark ids of the picker's options (each label starts with a mark and the id)."""
    ids = [v.benchmark_id for v in _status(code).benchmarks]
    return [next(b for b in ids if label.lstrip("✓! ").startswith(b + " "))
            for label in _shown(at, code)]


def test_the_review_progress_is_always_in_view(app_db):
    at = open_app("assessor", "review", a=NSO25)
    status = _status(NSO25)
    wanted = f"Reviewed: {status.reviewed_count} of {len(status.benchmarks)} benchmarks"
    assert status.reviewed_count == 20  # the demo's half-done review
    assert [p.text for p in at.sidebar.progress] == [wanted]  # in the sidebar, on every scroll
    assert at.sidebar.progress[0].value == round(100 * 20 / len(status.benchmarks))
    assert (f"of the {len(status.benchmarks)} shown · 20 of {len(status.benchmarks)} reviewed"
            in texts(at))  # and beside the benchmark picker
    button(at, f"Confirm {_verdict_word(_current(at, NSO25))}").click().run()
    assert at.sidebar.progress[0].text == wanted.replace("20 of", "21 of")


def test_each_filter_shows_what_the_store_says_it_matches(app_db):
    aid = assessment(NSO25).id
    assessor = actor("assessor")
    status = _status(NSO25)
    # one benchmark overridden, one with a request, one confirmed then made outdated
    mandatory_open = status.matching(["mandatory", "not_reviewed"])
    over = mandatory_open[0]
    st.review_benchmark(store(), assessor, aid, over, "override", 0, status="not_met",
                        justification="The policy is a draft.")
    st.request_evidence(store(), assessor, aid, "PC-05", "Please add the tagged budget.")
    outdated = _make_outdated(aid)
    status = _status(NSO25)
    at = open_app("assessor", "review", a=NSO25)
    options = {o: o for o in at.pills(key=f"rf:{aid}").options}
    assert any(o.startswith("Not yet reviewed (") for o in options)
    expected = {
        ("not_reviewed",): status.matching(["not_reviewed"]),
        ("overridden",): [over],
        ("open_requests",): ["PC-05"],
        ("mandatory",): [v.benchmark_id for v in status.benchmarks if v.mandatory_from],
        ("outdated",): [outdated],
        ("mandatory", "not_reviewed"): [b for b in mandatory_open if b != over],
    }
    for names, ids in expected.items():
        assert ids, names
        _filter(at, NSO25, *names)
        assert _labels_to_ids(at, NSO25) == ids, names
        assert _current(at, NSO25) in ids
    # the mandatory ones are those the standard makes mandatory at some level
    standard = st.get_standard(store(), assessment(NSO25).standard_id,
                               assessment(NSO25).standard_version)
    assert all(standard.benchmark(b).mandatory_from for b in expected[("mandatory",)])
    _filter(at, NSO25, "overridden", "open_requests")  # nothing is both
    assert "No benchmark matches the filters chosen." in texts(at)


def _make_outdated(aid: str) -> str:
    """Confirm a benchmark, then reject the evidence its status rests on: the confirmation
    is outdated (the computed status changed since)."""
    assessor = actor("assessor")
    info = st.get_assessment(store(), st.SYSTEM, aid)
    for v in _status(NSO25).benchmarks:
        if v.decision or v.computed_status != "met":
            continue
        items = [e for e in info.evidence if e.benchmark_id == v.benchmark_id]
        if not items:
            continue
        st.review_benchmark(store(), assessor, aid, v.benchmark_id, "confirm", v.version)
        for e in items:
            st.review_evidence(store(), assessor, e.id, "rejected", e.verdict_version,
                               reason="Not the document asked for.")
        if next(x for x in _status(NSO25).benchmarks
                if x.benchmark_id == v.benchmark_id).outdated:
            return v.benchmark_id
    raise AssertionError("no benchmark of the demo's statistics office could be outdated")


def test_reviewing_with_a_filter_moves_on_to_the_next_one_left(app_db):
    aid = assessment(NSO25).id
    at = _filter(open_app("assessor", "review", a=NSO25), NSO25, "not_reviewed")
    left = _status(NSO25).matching(["not_reviewed"])
    first = _current(at, NSO25)
    assert first == left[0]
    button(at, f"Confirm {_verdict_word(first)}").click().run()
    no_failure(at)
    assert _current(at, NSO25) == left[1]  # the reviewed one left the list; the next is open
    assert first not in _labels_to_ids(at, NSO25)
    assert at.query_params["b"] == left[1]
    del aid


def _verdict_word(benchmark_id: str) -> str:
    from seal_engine.app.words import status_name

    v = next(x for x in _status(NSO25).benchmarks if x.benchmark_id == benchmark_id)
    return status_name(v.computed_status).lower()


def test_a_bulk_confirmation_leaves_one_summary_message(app_db):
    aid = assessment(NSO25).id
    bulk = _status(NSO25).confirmable_in_bulk
    assert len(bulk) > 10
    at = open_app("assessor", "review", a=NSO25)
    label = f"Confirm the computed status of the {len(bulk)} non-mandatory benchmarks left"
    button(at, label).click().run()
    button(at, "Yes, confirm them").click().run()
    no_failure(at)
    assert _status(NSO25).confirmable_in_bulk == []
    said = [m.value.replace("\\", "") for m in at.success if "confirmed as computed" in m.value]
    assert len(said) == 1 and len(at.toast) == 0  # one message, no stack of toasts
    message = said[0]
    assert message.startswith(f"{len(bulk)} benchmarks confirmed as computed (")
    assert all(b in message for b in bulk)  # each named once, in one message
    again = open_app("assessor", "review", a=NSO25)  # said once, not on every later run
    assert not [m for m in again.success if "confirmed as computed" in m.value]
    del aid


# ------------------------------------------------------------------ changes since submission


def _docx(*paragraphs: str) -> bytes:
    import docx

    d = docx.Document()
    for text in paragraphs:
        d.add_paragraph(text)
    buffer = io.BytesIO()
    d.save(buffer)
    return buffer.getvalue()


def _xlsx(rows: list[list]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Training"
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _resubmitted_with_changes() -> dict:
    """The Ministry of Labour's 2025 assessment, sent back in the demo, answered by its focal
    point (an answer changed, a PDF, a Word document and a workbook attached), submitted again
    and opened for review."""
    aid = assessment(ML25).id
    focal = actor("focal_point")
    info = st.get_assessment(store(), focal, aid)
    standard = st.get_standard(store(), info.standard_id, info.standard_version)
    answer = info.answers["CK-01.forms_reviewed"]
    st.save_answer(store(), focal, aid, "CK-01.forms_reviewed",
                   "yes" if answer.value == "no" else "no", answer.version)
    with_evidence = [b for b in standard.benchmarks() if b.evidence and b.id != "RI-01"]
    ids = {
        "pdf": st.add_evidence_file(
            store(), focal, aid, standard.benchmark("RI-01").evidence[0].id,
            "Monitoring report 2025", demo_pdf("Monitoring report 2025",
                                               "Women in decision posts: 41 %"),
            "monitoring-2025.pdf"),
        "docx": st.add_evidence_file(
            store(), focal, aid, with_evidence[0].evidence[0].id, "Policy (Word)",
            _docx("Gender equality policy of the Ministry",
                  "Approved by the Minister on 3 March 2025."), "policy.docx"),
        "xlsx": st.add_evidence_file(
            store(), focal, aid, with_evidence[1].evidence[0].id, "Training records",
            _xlsx([["Course", "Women", "Men"], ["Gender budgeting", 14, 9]]), "training.xlsx"),
    }
    st.submit_assessment(store(), focal, aid, assessment(ML25).version)
    st.start_review(store(), actor("assessor"), aid, assessment(ML25).version)
    return {"aid": aid, "benchmarks": ["CK-01", "RI-01", with_evidence[0].id,
                                       with_evidence[1].id], **ids}


def test_changes_since_the_last_submission_are_listed_and_shown_per_benchmark(app_db):
    made = _resubmitted_with_changes()
    changes = st.changes_since_submission(store(), actor("assessor"), made["aid"])
    assert sorted(changes.benchmarks) == sorted(made["benchmarks"])
    at = open_app("assessor", "review", a=ML25, b="RI-01")
    no_failure(at)
    listed = [e for e in at.expander if "changes since the last submission" in e.label]
    assert [e.label for e in listed] == ["4 changes since the last submission"]
    page = texts(at)
    assert "answer to “" in page and "changed" in page
    here = [i.value for i in at.info if "Changed since the last submission" in i.value]
    assert len(here) == 1 and "evidence added: Monitoring report 2025" in here[0]
    assert "New since the last submission" in page  # the new item's badge
    # the filter keeps exactly the changed benchmarks, in the standard's order
    _filter(at, ML25, "changed")
    order = [v.benchmark_id for v in _status(ML25).benchmarks]
    assert _labels_to_ids(at, ML25) == sorted(made["benchmarks"], key=order.index)
    # the answer changed is pointed out beside its question; the list opens its benchmark
    at.button(key="gochg:CK-01").click().run()
    assert _current(at, ML25) == "CK-01"
    assert "Changed since the last submission" in texts(at)


def test_a_pdf_is_read_in_the_page_as_pictures_of_its_pages(app_db):
    made = _resubmitted_with_changes()
    at = open_app("assessor", "review", a=ML25, b="RI-01")
    assert not at.image
    at.toggle(key=f"rview:{made['pdf']}").set_value(True).run()
    no_failure(at)
    assert [i.captions for i in at.image] == [["Page 1 of 1"]]
    assert at.image[0].value[0].endswith(".png")  # a picture the server drew, not the PDF
    assert "download it" not in texts(at)


def test_a_word_document_and_a_workbook_are_read_in_the_page(app_db):
    made = _resubmitted_with_changes()
    docx_benchmark, xlsx_benchmark = made["benchmarks"][2:]
    at = open_app("assessor", "review", a=ML25, b=docx_benchmark)
    at.toggle(key=f"rview:{made['docx']}").set_value(True).run()
    no_failure(at)
    assert "Approved by the Minister on 3 March 2025." in texts(at)
    at.selectbox(key=f"rb:{made['aid']}").set_value(xlsx_benchmark).run()
    at.toggle(key=f"rview:{made['xlsx']}").set_value(True).run()
    no_failure(at)
    table = at.dataframe[-1].value
    assert list(table.columns) == ["Course", "Women", "Men"]
    assert table.values.tolist() == [["Gender budgeting", "14", "9"]]


def test_the_submit_section_lists_the_requests_and_whether_each_was_answered(app_db):
    aid = assessment(ML25).id
    at = open_app("focal_point", "assessment", a=ML25, d="_submit")
    no_failure(at)
    page = texts(at)
    assert "The assessment team’s requests" in page
    assert "Please add the monitoring report" in page
    assert "Not answered yet: nothing changed in this benchmark" in page
    assert "0 of 1 request has a change in its benchmark" in page
    focal = actor("focal_point")
    standard = st.get_standard(store(), assessment(ML25).standard_id,
                               assessment(ML25).standard_version)
    st.add_evidence_file(store(), focal, aid, standard.benchmark("RI-01").evidence[0].id,
                         "Monitoring report 2025", demo_pdf("Monitoring report 2025"),
                         "monitoring-2025.pdf")
    at = open_app("focal_point", "assessment", a=ML25, d="_submit")
    page = texts(at)
    assert "Answered: 1 change since it was sent back" in page
    assert "1 of 1 request has a change in its benchmark" in page
    assert "Not answered yet" not in page


def test_a_long_pdf_has_a_page_picker_and_a_pdf_with_scripts_says_they_were_not_run(app_db):
    from .test_preview import _pdf

    aid = assessment(ML25).id
    focal = actor("focal_point")
    standard = st.get_standard(store(), assessment(ML25).standard_id,
                               assessment(ML25).standard_version)
    eid = st.add_evidence_file(store(), focal, aid, standard.benchmark("RI-01").evidence[0].id,
                               "Monitoring report, five pages", _pdf(5, script=True),
                               "monitoring.pdf")
    st.submit_assessment(store(), focal, aid, assessment(ML25).version)
    st.start_review(store(), actor("assessor"), aid, assessment(ML25).version)
    at = open_app("assessor", "review", a=ML25, b="RI-01")
    at.toggle(key=f"rview:{eid}").set_value(True).run()
    no_failure(at)
    assert [i.captions for i in at.image] == [["Page 1 of 5"], ["Page 2 of 5"], ["Page 3 of 5"]]
    assert any("contains scripts. They were not run" in w.value for w in at.warning)
    assert "Pages 1 to 3 of 5." in texts(at)
    at.number_input(key=f"pvp:{eid}").set_value(4).run()
    no_failure(at)
    assert [i.captions for i in at.image] == [["Page 4 of 5"], ["Page 5 of 5"]]
    assert "Pages 4 to 5 of 5." in texts(at)


def test_a_request_listed_under_the_decision_opens_its_benchmark(app_db):
    aid = assessment(NSO25).id
    rid = st.request_evidence(store(), actor("assessor"), aid, "PC-05",
                              "Please add the tagged budget.")
    at = _filter(open_app("assessor", "review", a=NSO25), NSO25, "mandatory")
    assert _current(at, NSO25) != "PC-05"
    at.button(key=f"goreq:{rid}").click().run()
    no_failure(at)
    assert _current(at, NSO25) == "PC-05" and at.query_params["b"] == "PC-05"
    assert at.pills(key=f"rf:{aid}").value == []  # the filters that hid it are cleared
    inside = [w.value.replace("\\", "") for w in at.warning if "Open requests" in w.value]
    assert inside == ["Open requests to the institution:\n- Please add the tagged budget."]


def test_table_answers_show_choices_by_their_labels_never_their_codes(app_db):
    standard = st.get_standard(store(), assessment(NSO25).standard_id,
                               assessment(NSO25).standard_version)
    q = next(q for q in standard.benchmark("RI-01").questions if q.type.value == "table")
    column = next(c for c in q.columns if c.type.value == "single_choice")
    labels = {c.value: c.label for c in standard.question_choices(column)}
    assert any(code != label for code, label in labels.items())
    at = open_app("assessor", "review", a=NSO25, b="RI-01")
    no_failure(at)
    table = next(d.value for d in at.dataframe if (column.title or column.id) in d.value)
    shown = set(table[column.title or column.id])
    assert shown and shown <= set(labels.values())
    assert not shown & {code for code, label in labels.items() if code != label}
