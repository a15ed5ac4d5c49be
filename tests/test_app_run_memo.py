"""One run of a page reads an assessment's content once: its row, answers, claims, evidence and
staff file are kept for the run (``store.remembered()``, opened by the app's main script) and
shared by every service the page calls; any write that commits forgets them, and the next run
reads afresh, so another session's write and a revoked grant count on the next run."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

import seal_engine.store as st
from seal_engine.errors import NotFoundError

from .appkit import ML25, NSO25, actor, assessment, open_app, store

#: What a statement reads of one assessment: its row, or a table of its content.
_CONTENT = {
    "row": re.compile(r"FROM assessment JOIN institution .* WHERE assessment\.id = \?$"),
    "answers": re.compile(r"^SELECT answer\..* FROM answer WHERE answer\.assessment_id = \?$"),
    "claims": re.compile(r"FROM na_claim WHERE na_claim\.assessment_id = \?$"),
    "evidence": re.compile(r"FROM evidence LEFT OUTER JOIN evidence_review"),
    "staff file": re.compile(r"FROM workforce_file WHERE workforce_file\.assessment_id = \?$"),
}


@pytest.fixture
def statements():
    """The statements the app's store runs, as (SQL on one line, parameters)."""
    seen: list[tuple[str, tuple]] = []

    def count(_conn, _cursor, statement, parameters, _context, _many):
        seen.append((" ".join(statement.split()), tuple(parameters or ())))

    engine = store().engine
    sa.event.listen(engine, "before_cursor_execute", count)
    yield seen
    sa.event.remove(engine, "before_cursor_execute", count)


def _reads(seen: list[tuple[str, tuple]], aid: str) -> dict[str, int]:
    out = dict.fromkeys(_CONTENT, 0)
    for sql, params in seen:
        for name, pattern in _CONTENT.items():
            if pattern.search(sql) and params[:1] == (aid,):
                out[name] += 1
    return out


@pytest.mark.parametrize(("role", "page", "code", "section"), [
    ("focal_point", "assessment", ML25, "WE"), ("focal_point", "assessment", ML25, "_submit"),
    ("focal_point", "results", ML25, None), ("focal_point", "home", ML25, None),
    ("assessor", "review", NSO25, None), ("assessor", "results", NSO25, None)])
def test_a_page_run_reads_an_assessments_content_once(app_db, statements, role, page, code,
                                                      section):
    params = {"a": code} | ({"d": section} if section else {})
    at = open_app(role, page, **params)
    assert not at.exception
    statements.clear()
    at.run()  # warm: what every run of the page reads
    assert not at.exception
    reads = _reads(statements, assessment(code).id)
    assert reads["answers"] == 1, reads
    assert all(n <= 1 for n in reads.values()), reads


def test_without_a_run_every_call_reads_afresh(app_db, statements):
    focal, aid = actor("focal_point"), assessment(ML25).id
    st.get_assessment(store(), focal, aid)
    st.get_assessment(store(), focal, aid)
    assert _reads(statements, aid)["answers"] == 2


def test_a_write_by_another_session_is_seen_on_the_next_run(app_db):
    focal, aid = actor("focal_point"), assessment(ML25).id
    at = open_app("focal_point", "assessment", a=ML25, d="LC")
    key = f"q:{aid}:LC-04.reviews"
    before = at.number_input(key=key).value
    info = st.get_assessment(store(), focal, aid)  # another session: not the page's run
    st.save_answer(store(), focal, aid, "LC-04.reviews", before + 3,
                   info.answers["LC-04.reviews"].version)
    at.run()
    assert not at.exception
    assert at.number_input(key=key).value == before + 3


def test_a_write_in_the_run_forgets_what_the_run_read(app_db):
    focal, aid = actor("focal_point"), assessment(ML25).id
    with st.remembered():
        first = st.get_assessment(store(), focal, aid)
        old = first.answers["LC-04.reviews"]
        st.save_answer(store(), focal, aid, "LC-04.reviews", old.value + 1, old.version)
        again = st.get_assessment(store(), focal, aid)
        assert again.answers["LC-04.reviews"].value == old.value + 1
        assert again.version == first.version + 1
        assert st.score_assessment(store(), focal, aid) is not None


def test_another_sessions_write_waits_for_the_next_run(app_db):
    """Inside one run the page sees one state of the assessment (what it read first); the
    next run sees the other session's write."""
    focal, aid = actor("focal_point"), assessment(ML25).id
    with st.remembered():
        first = st.get_assessment(store(), focal, aid).answers["LC-04.reviews"]
        with st.open_store(app_db) as other:  # another server or session, its own memo
            with st.remembered():
                st.save_answer(other, focal, aid, "LC-04.reviews", first.value + 1,
                               first.version)
        assert st.get_assessment(store(), focal, aid).answers["LC-04.reviews"] == first
    with st.remembered():
        assert st.get_assessment(store(), focal, aid).answers["LC-04.reviews"].value == \
            first.value + 1


def test_what_a_run_keeps_is_still_checked_for_each_caller(app_db):
    """The content kept for the run is the store's, not a user's: whoever asks for it in the
    run is checked as before (a focal point of another institution, an analyst)."""
    aid = assessment(ML25).id
    with st.remembered():
        assert st.get_assessment(store(), actor("focal_point"), aid).answers
        for other in ("analyst", "admin"):
            with pytest.raises(NotFoundError):
                st.get_assessment(store(), actor(other), aid)


def test_a_revoked_assignment_counts_on_the_next_run(app_db):
    aid = assessment(NSO25).id
    assessor = actor("assessor")
    at = open_app("assessor", "review", a=NSO25)
    assert not at.exception and not at.error
    with st.remembered():
        assert st.get_assessment(store(), assessor, aid).id == aid
    with store().engine.begin() as conn:  # the assignment gone, as an administrator does it
        conn.execute(sa.text("DELETE FROM assignment WHERE assessment_id = :a AND "
                             "assessor_id = :u"), {"a": aid, "u": assessor.user_id})
    with st.remembered(), pytest.raises(NotFoundError):
        st.get_assessment(store(), assessor, aid)
    at.run()
    assert not at.exception
    assert NSO25 not in [o for s in at.selectbox for o in s.options]
