"""Writers racing: two saving one answer from the same version (one wins, the other is told
who changed it), two submitting one assessment, and processes appending to the audit chain at
once, on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest

import seal_engine.store as st

from .conftest import ROOT, assessment_id, demo_actors, open_test_store

ML25 = "valdoria-ministry-of-labour-2025"


def _race(*calls):
    """Run the calls in threads released together; their results or errors, in order."""
    barrier = threading.Barrier(len(calls))
    out: list = [None] * len(calls)

    def run(i, fn):
        barrier.wait()
        try:
            out[i] = fn()
        except Exception as e:  # noqa: BLE001 - the race's loser is what we look at
            out[i] = e

    threads = [threading.Thread(target=run, args=(i, fn)) for i, fn in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def racing(request, demo_store, tmp_path):
    if request.param == "sqlite":
        return demo_store
    store = open_test_store(request.getfixturevalue("pg_url"))
    st.init_demo(store)
    return store


def test_two_writers_on_one_answer_one_wins_the_other_is_told(racing):
    focal = demo_actors(racing)["focal_point"]
    second = st.create_user(racing, st.SYSTEM, email="second@test.seal",
                            display_name="Second Focal", password="a test password")
    st.grant_role(racing, st.SYSTEM, second.id, "focal_point",
                  institution_id=st.get_institution(racing, st.SYSTEM, "VAL-MLSP").id)
    other = st.authenticate(racing, "second@test.seal", "a test password")
    aid = assessment_id(racing, ML25)
    read = st.get_assessment(racing, focal, aid).answers["GA-01.meetings"].version
    results = _race(lambda: st.save_answer(racing, focal, aid, "GA-01.meetings", 5, read),
                    lambda: st.save_answer(racing, other, aid, "GA-01.meetings", 6, read))
    wins = [r for r in results if r == read + 1]
    losses = [r for r in results if isinstance(r, st.StaleWriteError)]
    assert len(wins) == 1 and len(losses) == 1, results
    winner = "Farah Focal (demo)" if results[0] == read + 1 else "Second Focal"
    assert winner in str(losses[0])
    value = st.get_assessment(racing, focal, aid).answers["GA-01.meetings"].value
    assert value == (5 if results[0] == read + 1 else 6)
    assert st.verify_audit(racing).ok


def test_two_submissions_of_one_assessment(racing):
    focal = demo_actors(racing)["focal_point"]
    aid = assessment_id(racing, ML25)
    version = st.find_assessment(racing, focal, aid).version
    results = _race(lambda: st.submit_assessment(racing, focal, aid, version),
                    lambda: st.submit_assessment(racing, focal, aid, version))
    assert sorted(type(r).__name__ for r in results) == ["StaleWriteError", "int"]
    assert st.find_assessment(racing, focal, aid).state == "submitted"
    assert st.verify_audit(racing).ok


def _processes(url: str, count: int = 3, each: int = 20) -> None:
    script = (
        "import sys\n"
        "import seal_engine.store as st\n"
        "store = st.open_store(sys.argv[1])\n"
        "for i in range(int(sys.argv[3])):\n"
        "    st.create_institution(store, st.SYSTEM, code=f'P{sys.argv[2]}-{i}', name='x',\n"
        "                          country='Valdoria', scope='national')\n"
        "store.close()\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", script, url, str(n), str(each)], env=env,
                              stderr=subprocess.PIPE, text=True) for n in range(count)]
    errors = [p.communicate(timeout=300)[1] for p in procs]
    assert all(p.returncode == 0 for p in procs), errors


def test_processes_appending_at_once_keep_one_chain(tmp_path):
    url = f"sqlite:///{tmp_path / 'seal.db'}"
    open_test_store(url).close()
    _processes(url)
    store = open_test_store(url)
    report = st.verify_audit(store)
    assert report.ok and report.entries == 60


@pytest.mark.postgres
def test_processes_appending_at_once_keep_one_chain_on_postgres(pg_url):
    open_test_store(pg_url).close()
    _processes(pg_url)
    report = st.verify_audit(open_test_store(pg_url))
    assert report.ok and report.entries == 60
