"""The institutions' column mappings travel with `seal db export` and `seal db import`: every
version, its number and date; export, import, export gives the same bytes; a bad mapping file
is refused, located, and nothing is imported; API tokens (even their hashes) are not
exported."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

import seal_engine.store as st
from seal_engine.workforce.mapping import ColumnMapping

from .conftest import open_test_store

FIRST = ColumnMapping(columns={"emp_no": "person_id", "full_name": None, "gender": "sex"},
                      values={"sex": {"1": "male", "2": "female"}})
SECOND = ColumnMapping(columns={"emp_no": "person_id", "full_name": None, "gender": "sex",
                                "weekly_hours": "hours", "base_salary": "basic_pay"},
                       hours="per_week", pay="monthly",
                       values={"sex": {"1": "male", "2": "female"}})


def _tree(folder) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _counts(store) -> dict:
    with store.read() as conn:
        return {t: conn.execute(sa.text(f"SELECT COUNT(*) FROM {t}")).scalar()
                for t in ("institution", "assessment", "column_mapping", "audit_log")}


def test_mappings_round_trip_through_export_and_import(demo_store, tmp_path):
    st.save_column_mapping(demo_store, st.SYSTEM, "VAL-MLSP", FIRST, 0)
    st.save_column_mapping(demo_store, st.SYSTEM, "VAL-MLSP", SECOND, 1)
    token, _info = st.create_token(demo_store, st.SYSTEM, "focal@demo.seal", "nightly push")
    first, second = tmp_path / "first", tmp_path / "second"
    st.export_assessments(demo_store, st.SYSTEM, first)
    written = _tree(first)
    assert "VAL-MLSP/_column-mapping.yaml" in written
    assert not any(k.endswith("_column-mapping.yaml") and not k.startswith("VAL-MLSP/")
                   for k in written)  # only institutions with a mapping get a file
    import hashlib

    digest = hashlib.sha256(token.encode()).hexdigest().encode()
    assert not any(token.encode() in b or digest in b for b in written.values())

    again = open_test_store(f"sqlite:///{tmp_path / 'again.db'}")
    report = st.import_assessments(again, st.SYSTEM, [first])
    assert report.mappings == ["VAL-MLSP"]
    before = st.list_column_mappings(demo_store, st.SYSTEM, "VAL-MLSP")
    after = st.list_column_mappings(again, st.SYSTEM, "VAL-MLSP")
    assert [(m.version, m.mapping, m.created_at) for m in after] == \
        [(m.version, m.mapping, m.created_at) for m in before]
    assert st.verify_audit(again).ok
    entry = [e for e in st.list_audit(again, st.SYSTEM)
             if e.action == "institution.column_mapping"]
    assert len(entry) == 1 and entry[0].payload["versions"] == [1, 2]
    st.export_assessments(again, st.SYSTEM, second)
    assert _tree(second) == written
    # the next version is saved on top of the imported ones
    assert st.save_column_mapping(again, st.SYSTEM, "VAL-MLSP", FIRST, 2) == 3
    assert st.list_tokens(again, st.SYSTEM) == []


def test_a_bad_mapping_file_imports_nothing_and_says_where(demo_store, tmp_path):
    st.save_column_mapping(demo_store, st.SYSTEM, "VAL-MLSP", SECOND, 0)
    out = tmp_path / "out"
    st.export_assessments(demo_store, st.SYSTEM, out)
    path = out / "VAL-MLSP" / "_column-mapping.yaml"
    text = path.read_text("utf-8")
    assert "base_salary: basic_pay" in text
    path.write_text(text.replace("base_salary: basic_pay", "base_salary: basic_salary"),
                    "utf-8")
    again = open_test_store(f"sqlite:///{tmp_path / 'again.db'}")
    before = _counts(again)
    with pytest.raises(st.StoreError) as e:
        st.import_assessments(again, st.SYSTEM, [out])
    bad = next(p for p in e.value.problems if p.file == str(path))
    line = text.splitlines().index(next(x for x in text.splitlines()
                                        if "base_salary: basic_pay" in x)) + 1
    assert bad.line == line and bad.field.startswith("versions[0].mapping.columns")
    with pytest.raises(st.StoreError) as e:  # the version's number checked too, located
        path.write_text(text.replace("version: 1", "version: one"), "utf-8")
        st.import_assessments(again, st.SYSTEM, [out])
    (bad,) = [p for p in e.value.problems if p.file == str(path)]
    assert bad.text.code == "mapping_file.bad_version" and bad.text.params == {"value": "'one'"}
    assert bad.render("fr") != bad.render("en")
    assert "nothing was imported" in str(e.value)
    assert _counts(again) == before
    # an institution neither stored nor imported: refused, nothing imported
    path.write_text(text.replace("institution: VAL-MLSP", "institution: NOWHERE"), "utf-8")
    with pytest.raises(st.StoreError, match="NOWHERE"):  # mapping_file.no_institution
        st.import_assessments(again, st.SYSTEM, [out])
    assert _counts(again) == before


def test_an_institution_with_a_mapping_keeps_it(demo_store, tmp_path):
    st.save_column_mapping(demo_store, st.SYSTEM, "VAL-MLSP", SECOND, 0)
    out = tmp_path / "out"
    st.export_assessments(demo_store, st.SYSTEM, out)
    mapping = out / "VAL-MLSP" / "_column-mapping.yaml"
    again = open_test_store(f"sqlite:///{tmp_path / 'again.db'}")
    st.import_assessments(again, st.SYSTEM, [out / "standards"])  # nothing of VAL-MLSP yet
    assert not st.list_institutions(again, st.SYSTEM)
    with pytest.raises(st.StoreError, match="VAL-MLSP"):  # given by itself: no institution
        st.import_assessments(again, st.SYSTEM, [mapping])
    st.import_assessments(again, st.SYSTEM, [p for p in (out / "VAL-MLSP").glob("*.yaml")
                                              if not p.name.startswith("_")])
    st.save_column_mapping(again, st.SYSTEM, "VAL-MLSP", FIRST, 0)
    report = st.import_assessments(again, st.SYSTEM, [mapping])
    assert report.mappings == [] and report.warnings[0].code == "mapping_file.kept"
    assert "kept" in str(report.warnings[0])
    assert [m.mapping for m in st.list_column_mappings(again, st.SYSTEM, "VAL-MLSP")] == [FIRST]
