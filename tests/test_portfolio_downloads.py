"""The portfolio downloads as an analyst gets them from the app's database: the About sheet
names the database without its server path or credentials, its counts add up (what is kept and
what is left out make what was read, whatever the filter), and every sheet writes a level the
same way (its title: "Silver", never "silver")."""

from __future__ import annotations

import io

import pytest

import seal_engine.store as st
from seal_engine.render.tabular import about_lines, comparison_xlsx
from seal_engine.store.engine import public_name

from .conftest import demo_actors

FILTERS = [{}, {"scope": "national"}, {"scope": "subnational"}, {"basis": "self"},
           {"basis": "reviewed"}, {"periods": ["2024"]}, {"sector": "health"}]


def _about(c) -> dict[str, str]:
    return dict(about_lines(c))


def _sheets(c) -> dict[str, list[tuple]]:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.load_workbook(io.BytesIO(comparison_xlsx(c)))
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}


def test_the_about_sheet_names_the_database_without_its_path(demo_store):
    c = st.compare_stored(demo_store, demo_actors(demo_store)["analyst"])
    about = " ".join(str(v) for row in _sheets(c)["About"] for v in row if v is not None)
    path = demo_store.engine.url.database
    assert path and path not in about and "sqlite:" not in about and "/" not in c.source
    assert c.source == "the app's database (SQLite, seal.db)"


@pytest.mark.parametrize("url, shown", [
    ("postgresql+psycopg://seal:s3cret@db.internal:5432/seal_prod",
     "the app's database (PostgreSQL, seal_prod)"),
    ("postgresql://admin:p%40ss@10.0.0.5/seal?sslmode=require",
     "the app's database (PostgreSQL, seal)"),
    ("sqlite:////root/.local/share/seal-engine/seal.db", "the app's database (SQLite, seal.db)"),
    ("sqlite://", "the app's database (SQLite)"),
])
def test_a_database_is_named_without_server_path_or_credentials(url, shown):
    assert public_name(url) == shown


def test_the_counts_add_up_whatever_the_filter(demo_store):
    analyst = demo_actors(demo_store)["analyst"]
    read = set()
    for kw in FILTERS:
        c = st.compare_stored(demo_store, analyst, **kw)
        total = c.assessments + sum(c.left_out.values())
        read.add(total)
        about = _about(c)
        assert about["Institutions"].startswith(f"{c.institutions}, each shown by its latest "
                                                "result, from the ")
        if c.left_out:
            assert f"{c.assessments} results kept of the {total} read" in about["Institutions"]
            assert about["Left out"].startswith(f"{sum(c.left_out.values())} of the {total} "
                                                "read: ")
    assert len(read) == 1, read  # every filter reads the same results and drafts


def test_the_changes_sheet_writes_levels_as_the_other_sheets_do(demo_store):
    c = st.compare_stored(demo_store, demo_actors(demo_store)["analyst"])
    assert c.changes, "the demo has institutions with two periods"
    sheets = _sheets(c)
    head, *rows = sheets["Changes"]
    words = {lv.title for lv in c.levels} | {"no level"}
    for row in rows:
        for col in ("level before", "level after"):
            assert row[head.index(col)] in words, (col, row)
    rhead, *ranking = sheets["Ranking"]
    assert {r[rhead.index("level")] for r in ranking} <= words
    assert any(row[head.index("level after")] != "no level" for row in rows)


def test_the_changes_sheet_writes_benchmark_statuses_in_words(demo_store):
    import re

    c = st.compare_stored(demo_store, demo_actors(demo_store)["analyst"])
    head, *rows = _sheets(c)["Changes"]
    moved = [row[head.index("benchmarks changed")] for row in rows]
    assert any(moved), "the demo has benchmarks that changed between periods"
    for text in moved:
        assert "_" not in text, text  # no status codes such as partially_met
        for step in filter(None, (t.strip() for t in text.split(";"))):
            assert re.fullmatch(r"\S+ (met|partially met|not met|not answered|n/a) → "
                                r"(met|partially met|not met|not answered|n/a)", step), step
