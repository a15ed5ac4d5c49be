"""changes_since_submission: what the institution changed after the last send-back, read from
the audit trail; values put back as they were, items added and removed again and a staff file
uploaded again unchanged are not changes; who may read it."""

from __future__ import annotations

import pytest

import seal_engine.store as st
from seal_engine.store.demo import demo_pdf

from .conftest import assessment_id, demo_actors

ML25 = "valdoria-ministry-of-labour-2025"
NSO25 = "valdoria-national-statistics-office-2025"


def _version(store, aid: str) -> int:
    return st.find_assessment(store, st.SYSTEM, aid).version


def _kinds(changes) -> list[tuple[str, str | None]]:
    return [(c.kind, c.benchmark_id) for c in changes.changes]


def test_before_any_send_back_there_is_nothing_to_compare_with(demo_store):
    changes = st.changes_since_submission(demo_store, st.SYSTEM,
                                          assessment_id(demo_store, NSO25))
    assert (changes.sent_back, changes.since, changes.changes) == (False, None, [])


def test_what_was_changed_after_the_send_back_and_what_was_not(demo_store):
    people = demo_actors(demo_store)
    focal, assessor = people["focal_point"], people["assessor"]
    aid = assessment_id(demo_store, ML25)
    fresh = st.changes_since_submission(demo_store, focal, aid)
    assert fresh.sent_back and fresh.since is not None and fresh.changes == []
    info = st.get_assessment(demo_store, focal, aid)
    standard = st.get_standard(demo_store, info.standard_id, info.standard_version)
    # not changes: an item added and removed again, the same staff file again, a claim made
    # and withdrawn
    requirement = standard.benchmark("RI-01").evidence[0].id
    tried = st.add_evidence_file(demo_store, focal, aid, requirement, "Draft",
                                 demo_pdf("Draft"), "draft.pdf")
    st.remove_evidence(demo_store, focal, tried, 1)
    name, staff = st.workforce_content(demo_store, focal, aid)
    st.upload_workforce(demo_store, focal, aid, staff, name, info.workforce.version)
    st.claim_not_applicable(demo_store, focal, aid, "PC-06", "We buy nothing.", 0)
    st.withdraw_not_applicable(demo_store, focal, aid, "PC-06", 1)
    assert st.changes_since_submission(demo_store, focal, aid).changes == []
    # changes: an answer, an item added, one removed, a claim, the staff file reordered
    answer = info.answers["CK-01.forms_reviewed"]
    st.save_answer(demo_store, focal, aid, "CK-01.forms_reviewed",
                   "yes" if answer.value == "no" else "no", answer.version)
    added = st.add_evidence_file(demo_store, focal, aid, requirement, "Monitoring report",
                                 demo_pdf("Monitoring report"), "monitoring.pdf")
    removed = next(e for e in info.evidence if e.benchmark_id != "RI-01")
    st.remove_evidence(demo_store, focal, removed.id, removed.version)
    st.claim_not_applicable(demo_store, focal, aid, "PC-06", "We buy nothing at all.", 0)
    head, *rows = staff.decode("utf-8").splitlines(keepends=True)
    reordered = (head + "".join([rows[1], rows[0], *rows[2:]])).encode("utf-8")
    st.upload_workforce(demo_store, focal, aid, reordered, name,
                        st.get_assessment(demo_store, focal, aid).workforce.version)
    changes = st.changes_since_submission(demo_store, focal, aid)
    assert sorted(_kinds(changes)) == sorted([
        ("answer", "CK-01"), ("evidence_added", "RI-01"),
        ("evidence_removed", removed.benchmark_id), ("claim", "PC-06"), ("workforce", None)])
    new = next(c for c in changes.changes if c.kind == "evidence_added")
    assert (new.subject, new.title, new.requirement_id) == (added, "Monitoring report",
                                                            requirement)
    gone = next(c for c in changes.changes if c.kind == "evidence_removed")
    assert (gone.subject, gone.requirement_id) == (removed.id, removed.requirement_id)
    assert {c.by for c in changes.changes} == {"Farah Focal (demo)"}
    assert changes.workforce_changed and changes.resubmitted_at is None
    assert [c.kind for c in changes.benchmarks["RI-01"]] == ["evidence_added"]
    # submitted again: the same changes, with the new submission; the assessor reads them
    st.submit_assessment(demo_store, focal, aid, _version(demo_store, aid))
    seen = st.changes_since_submission(demo_store, assessor, aid)
    assert seen.changes == changes.changes and seen.resubmitted_at is not None
    assert seen.since == changes.since


def test_an_answer_put_back_as_it_was_submitted_is_not_a_change(demo_store):
    people = demo_actors(demo_store)
    focal, assessor = people["focal_point"], people["assessor"]
    aid = assessment_id(demo_store, ML25)
    qid = "CK-01.forms_reviewed"
    first = st.get_assessment(demo_store, focal, aid).answers[qid]
    other = "yes" if first.value == "no" else "no"
    version = st.save_answer(demo_store, focal, aid, qid, other, first.version)
    st.submit_assessment(demo_store, focal, aid, _version(demo_store, aid))  # round two
    st.start_review(demo_store, assessor, aid, _version(demo_store, aid))
    st.request_evidence(demo_store, assessor, aid, "CK-01", "Which forms were reviewed?")
    st.request_changes(demo_store, assessor, aid, _version(demo_store, aid))
    assert st.changes_since_submission(demo_store, focal, aid).changes == []
    version = st.save_answer(demo_store, focal, aid, qid, first.value, version)
    assert _kinds(st.changes_since_submission(demo_store, focal, aid)) == [("answer", "CK-01")]
    st.save_answer(demo_store, focal, aid, qid, other, version)  # as it was submitted
    assert st.changes_since_submission(demo_store, focal, aid).changes == []


def test_only_those_who_may_read_the_answers_see_the_changes(demo_store):
    people = demo_actors(demo_store)
    aid = assessment_id(demo_store, ML25)
    with pytest.raises(st.NotFoundError):
        st.changes_since_submission(demo_store, people["analyst"], aid)
