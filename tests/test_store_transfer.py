"""`import_assessments` takes the files `seal score` reads, all or nothing, errors located as
`seal validate` locates them; `export_assessments` writes them back, and export, import,
export gives the same bytes."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

import seal_engine as se
import seal_engine.store as st

from .conftest import ROOT, open_test_store

EXAMPLES = ROOT / "assessments"


def _counts(store) -> dict:
    with store.read() as conn:
        return {t: conn.execute(sa.text(f"SELECT COUNT(*) FROM {t}")).scalar()
                for t in ("institution", "assessment", "answer", "evidence", "workforce_file",
                          "audit_log", "standard", "result_assessment")}


def _tree(folder) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_import_the_bundled_examples_as_seal_score_scores_them(tmp_store):
    report = st.import_assessments(tmp_store, st.SYSTEM, [EXAMPLES])
    assert len(report.assessments) == 9 and len(report.institutions) == 7
    for path in sorted(EXAMPLES.rglob("*.yaml")):
        a = se.load_assessment(path)
        expected = se.score(se.standard_for(a), a, se.load_workforce_for(a))
        found = st.find_assessment(tmp_store, st.SYSTEM, a.id)
        assert st.score_assessment(tmp_store, st.SYSTEM, found.id).model_dump() == \
            expected.model_dump()
        assert found.state == ("submitted" if a.status == "submitted" else "draft")


def test_a_bad_file_imports_nothing_and_says_where(tmp_store, tmp_path):
    good = (EXAMPLES / "starter" / "riverton-water-agency-2025.yaml").read_text("utf-8")
    (tmp_path / "good.yaml").write_text(good, "utf-8")
    (tmp_path / "bad.yaml").write_text(good.replace("id: riverton-water-agency-2025",
                                                    "id: bad-2025").replace(
        "ST-LC-02.meetings: 3", "ST-LC-02.meetings: many"), "utf-8")
    before = _counts(tmp_store)
    with pytest.raises(st.StoreError) as e:
        st.import_assessments(tmp_store, st.SYSTEM, [tmp_path])
    first = e.value.problems[0]
    assert first.file.endswith("bad.yaml") and first.line is not None
    assert first.field == "answers.ST-LC-02.meetings"
    assert "nothing was imported" in str(e.value)
    assert _counts(tmp_store) == before


def test_an_assessment_already_stored_imports_nothing(tmp_store):
    st.import_assessments(tmp_store, st.SYSTEM, [EXAMPLES / "starter"])
    before = _counts(tmp_store)
    with pytest.raises(st.StoreError, match="already in the database"):
        st.import_assessments(tmp_store, st.SYSTEM, [EXAMPLES])
    assert _counts(tmp_store) == before


def test_export_import_export_is_byte_identical(demo_store, tmp_path):
    aid = st.find_assessment(demo_store, st.SYSTEM, "valdoria-civil-aviation-authority-2025").id
    focal = st.create_user(demo_store, st.SYSTEM, email="caa@test.seal", display_name="CAA",
                           password="a test password")
    st.grant_role(demo_store, st.SYSTEM, focal.id, "focal_point",
                  institution_id=st.get_institution(demo_store, st.SYSTEM, "VAL-CAA").id)
    actor = st.authenticate(demo_store, "caa@test.seal", "a test password")
    st.add_evidence_file(demo_store, actor, aid, "LC-01.policy_doc", "Draft policy",
                         b"%PDF-1.7\n the draft\n", "../../Gender policy (draft).pdf")
    first, second = tmp_path / "first", tmp_path / "second"
    st.export_assessments(demo_store, st.SYSTEM, first)
    assert (first / "VAL-CAA" / "evidence").is_dir()
    again = open_test_store(f"sqlite:///{tmp_path / 'again.db'}")
    st.import_assessments(again, st.SYSTEM, [first])
    st.export_assessments(again, st.SYSTEM, second)
    assert _tree(first) == _tree(second)
    item = next(e for e in st.get_assessment(again, st.SYSTEM, st.find_assessment(
        again, st.SYSTEM, "valdoria-civil-aviation-authority-2025").id).evidence
        if e.title == "Draft policy")
    assert item.original_name == "Gender-policy-draft-.pdf" and item.media_type == \
        "application/pdf"
    assert not any(".." in p for p in _tree(first))


def test_export_refuses_a_folder_that_is_not_empty(tmp_store, tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "keep.txt").write_text("mine", "utf-8")
    with pytest.raises(st.StoreError, match="not empty"):
        st.export_assessments(tmp_store, st.SYSTEM, tmp_path / "out")


def test_an_import_killed_midway_leaves_the_database_as_it_was(tmp_path):
    """A process killed (SIGKILL) in the middle of an import: nothing of it is in the
    database, which still verifies and takes the same import again."""
    import os
    import signal
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'seal.db'}"
    store = open_test_store(url)
    st.import_assessments(store, st.SYSTEM, [EXAMPLES / "starter"])
    before = _counts(store)
    store.close()
    folders = [str(EXAMPLES / "valdoria-ministry-of-labour"),
               str(EXAMPLES / "highlands-provincial-health")]
    script = (
        "import os, signal, sys\n"
        "import seal_engine.store as st\n"
        "import seal_engine.store.transfer as t\n"
        "done = []\n"
        "def hook(path):\n"
        "    done.append(path)\n"
        "    if len(done) == 3:\n"
        "        print('killing', flush=True)\n"
        "        os.kill(os.getpid(), signal.SIGKILL)\n"
        "t.after_each = hook\n"
        f"store = st.open_store({url!r})\n"
        f"st.import_assessments(store, st.SYSTEM, {folders!r})\n"
        "print('not reached')\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert "killing" in done.stdout and "not reached" not in done.stdout
    store = open_test_store(url)
    assert _counts(store) == before
    assert st.verify_audit(store).ok
    with store.read() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    st.import_assessments(store, st.SYSTEM, [EXAMPLES / "valdoria-ministry-of-labour"])
    assert _counts(store)["assessment"] == before["assessment"] + 2


@pytest.mark.postgres
def test_import_and_export_on_postgres(pg_url, tmp_path):
    store = open_test_store(pg_url)
    st.import_assessments(store, st.SYSTEM, [EXAMPLES])
    st.export_assessments(store, st.SYSTEM, tmp_path / "out")
    sqlite = open_test_store(f"sqlite:///{tmp_path / 'x.db'}")
    st.import_assessments(sqlite, st.SYSTEM, [EXAMPLES])
    st.export_assessments(sqlite, st.SYSTEM, tmp_path / "out2")
    assert _tree(tmp_path / "out") == _tree(tmp_path / "out2")
    assert st.verify_audit(store).ok
