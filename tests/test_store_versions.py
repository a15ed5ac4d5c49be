"""Versions, not silent changes: a stored assessment keeps the version of its standard it was
started on until someone moves it; the move says first what it keeps and drops, refuses to
drop anything unless told, and is audited."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import seal_engine.store as st
from seal_engine.cli import app
from seal_engine.errors import AssessmentError

ROOT = Path(__file__).resolve().parent.parent
LADDER = (ROOT / "tests" / "fixtures" / "ladder.yaml").read_text(encoding="utf-8")

ASSESSMENT = """type: assessment
id: ladder-office-2025
standard: {id: ladder, version: 1}
institution: {id: LAD, name: Ladder Office, country: Testland, scope: national}
period: {start: 2025-01-01, end: 2025-12-31}
answers: {B1.q: true, B2.q: false, B2.draft: true, B3.q: true}
not_applicable: {B4: We run no such service.}
"""


def _v2(text: str) -> str:
    """Version 2 of the ladder: B2 loses its draft question, B4 may no longer be claimed not
    applicable."""
    text = text.replace("version: 1", "version: 2", 1)
    text = text.replace(
        "questions: [{id: B2.q, type: yes_no, text: B2?}, {id: B2.draft, type: yes_no, "
        "text: Draft?, required: false}]\n        rule: {met: \"answer('B2.q')\", "
        "partially_met: \"answer('B2.draft')\"}",
        "questions: [{id: B2.q, type: yes_no, text: B2?}]\n        rule: {met: \"answer('B2.q')\"}")
    assert "B2.draft" not in text.split("id: B3")[0]
    head, tail = text.split("      - id: B4\n", 1)
    return head + "      - id: B4\n        allow_not_applicable: false\n" + tail


@pytest.fixture
def moved(tmp_store, tmp_path):
    (tmp_path / "standards").mkdir()
    (tmp_path / "standards" / "ladder.yaml").write_text(LADDER, encoding="utf-8")
    (tmp_path / "ladder-office-2025.yaml").write_text(ASSESSMENT, encoding="utf-8")
    st.import_assessments(tmp_store, st.SYSTEM, [tmp_path / "standards" / "ladder.yaml",
                                                 tmp_path / "ladder-office-2025.yaml"])
    v2 = tmp_path / "ladder-v2.yaml"
    v2.write_text(_v2(LADDER), encoding="utf-8")
    st.add_standard(tmp_store, st.SYSTEM, v2)
    return tmp_store, st.find_assessment(tmp_store, st.SYSTEM, "ladder-office-2025")


def test_a_stored_assessment_keeps_its_version_when_a_new_one_is_stored(moved):
    store, a = moved
    assert a.standard_version == 1
    assert st.score_assessment(store, st.SYSTEM, a.id).standard.version == 1


def test_the_move_says_first_what_it_keeps_and_drops_and_changes_nothing(moved):
    store, a = moved
    report = st.move_assessment(store, st.SYSTEM, a.id, 2, a.version)
    assert not report.applied and (report.from_version, report.to_version) == (1, 2)
    assert report.kept_answers == 3
    assert [(d.kind, d.record) for d in report.dropped] == [("answer", "B2.draft"),
                                                            ("claim", "B4")]
    assert st.find_assessment(store, st.SYSTEM, a.id).standard_version == 1
    with pytest.raises(AssessmentError, match="would drop the 2 item"):
        st.move_assessment(store, st.SYSTEM, a.id, 2, a.version, apply=True)
    after = st.find_assessment(store, st.SYSTEM, a.id)
    assert (after.standard_version, after.version) == (1, a.version)


def test_the_move_with_drop_moves_and_is_audited(moved):
    store, a = moved
    report = st.move_assessment(store, st.SYSTEM, a.id, 2, a.version, apply=True, drop=True)
    assert report.applied and report.kept_answers == 3
    after = st.find_assessment(store, st.SYSTEM, a.id)
    assert after.standard_version == 2 and after.version == a.version + 1
    info = st.get_assessment(store, st.SYSTEM, a.id)
    assert "B2.draft" not in info.answers and "B4" not in info.not_applicable
    assert st.score_assessment(store, st.SYSTEM, a.id).standard.version == 2
    newest = st.list_audit(store, st.SYSTEM, limit=1)[0]
    assert newest.action == "assessment.move_version"
    assert not st.verify_audit(store).findings


def test_a_stale_move_is_refused(moved):
    store, a = moved
    with pytest.raises(st.StaleWriteError):
        st.move_assessment(store, st.SYSTEM, a.id, 2, a.version - 1, apply=True, drop=True)


def test_a_version_not_stored_is_named(moved):
    store, a = moved
    with pytest.raises(st.NotFoundError, match="version 3 of ladder is not stored"):
        st.move_assessment(store, st.SYSTEM, a.id, 3, a.version)


def test_the_command_line_move(moved, monkeypatch):
    store, a = moved
    monkeypatch.setenv("SEAL_DATABASE_URL", store.url)
    runner = CliRunner()
    dry = runner.invoke(app, ["db", "move", "ladder-office-2025", "--to-version", "2"])
    assert dry.exit_code == 0, dry.output
    assert "would drop answer B2.draft" in dry.output and "nothing was changed" in dry.output
    done = runner.invoke(app, ["db", "move", "ladder-office-2025", "--to-version", "2",
                               "--apply", "--drop"])
    assert done.exit_code == 0, done.output
    assert "moved from ladder v1 to v2" in done.output
