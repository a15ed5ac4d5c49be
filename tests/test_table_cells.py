"""Empty cells of table answers are no value: a row added to a grid with only some cells filled
is stored without the others (never ``None``, NaN or the text "None"), a row of empty cells is
no row, and rules counting rows "with a baseline" count only rows that have one."""

from __future__ import annotations

import math

import seal_engine as se
import seal_engine.store as st
from seal_engine.answers import normalise_answers
from seal_engine.plans.draft import measured_baselines

from .appkit import ML25, assessment, no_failure, open_app
from .conftest import ROOT, assessment_id, demo_actors

PUBLIC = ROOT / "standards" / "undp-seal-public-institutions"
ML_2025 = ROOT / "assessments" / "valdoria-ministry-of-labour" / "2025.yaml"
ROWS = [{"indicator": "Women placed in jobs (%)", "dimension": "economic", "baseline": 44,
         "latest": 48, "improved": True}]


def _with_results(rows):
    a = se.load_assessment(ML_2025)
    return a.model_copy(update={"answers": {**a.answers, "RI-01.results": rows}})


def test_empty_cells_are_absent_and_empty_rows_dropped_when_answers_are_read():
    std = se.load_standard(PUBLIC)
    rows = ROWS + [{"indicator": "Women elected", "dimension": None, "baseline": float("nan"),
                    "latest": None, "improved": None},
                   {"indicator": None, "dimension": "", "baseline": None, "latest": None,
                    "improved": None}]
    out, problems = normalise_answers(std, _with_results(rows))
    assert not problems
    assert out["RI-01.results"][1] == {"indicator": "Women elected"}
    assert len(out["RI-01.results"]) == 2  # the row of empty cells is no row


def test_a_row_without_a_baseline_is_not_counted_as_an_indicator_with_a_baseline():
    std = se.load_standard(PUBLIC)
    a = _with_results(ROWS + [{"indicator": "Women elected"}, {"indicator": "Women appointed",
                                                                "baseline": None}])
    # the action plan's baseline for A-RI-01a ("autonomy indicators with a baseline")
    assert measured_baselines(std, a, None)["A-RI-01a"] == 1
    # and the rule: RI-01 needs autonomy_indicators_min (2) indicators with a baseline
    result = se.score(std, a, se.load_workforce_for(a))
    assert result.benchmark("RI-01").status.value != "met"
    met = _with_results(ROWS + [dict(ROWS[0], indicator="Women elected", baseline=10,
                                     latest=12)])
    assert se.score(std, met, se.load_workforce_for(met)).benchmark("RI-01").status.value == "met"


def test_the_store_keeps_an_empty_cell_as_absent(demo_store):
    actors = demo_actors(demo_store)
    aid = assessment_id(demo_store, ML25)
    info = st.get_assessment(demo_store, st.SYSTEM, aid)
    version = info.answers["RI-01.results"].version
    rows = ROWS + [{"indicator": "Women elected", "dimension": None, "baseline": None,
                    "latest": float("nan"), "improved": None},
                   {"indicator": " ", "baseline": None}]
    st.save_answer(demo_store, actors["focal_point"], aid, "RI-01.results", rows, version)
    saved = st.get_assessment(demo_store, st.SYSTEM, aid).answers["RI-01.results"].value
    assert saved == ROWS + [{"indicator": "Women elected"}]


def test_a_grid_row_with_only_its_indicator_is_saved_and_shown_without_the_other_cells(app_db):
    at = open_app("focal_point", "assessment", a=ML25, d="RI")
    grid = next(e for e in at.data_editor if "RI-01.results" in e.key)
    at.session_state[grid.key] = {
        "edited_rows": {}, "deleted_rows": [],
        "added_rows": [{"indicator": "Women elected", "dimension": None, "baseline": None,
                        "latest": None, "improved": None}, {}]}
    at.run()
    no_failure(at)
    aid = assessment(ML25).id
    from .appkit import store

    saved = st.get_assessment(store(), st.SYSTEM, aid).answers["RI-01.results"].value
    assert len(saved) == 3 and saved[2] == {"indicator": "Women elected"}
    # reloaded, the row's other cells are empty: None, never NaN or the text "None"
    from seal_engine.app.questions import _frame

    std = se.load_standard(PUBLIC)
    frame = _frame(std.questions()["RI-01.results"], saved)
    dimension = frame["dimension"].tolist()[2]
    assert dimension is None, dimension
    assert not (isinstance(dimension, float) and math.isnan(dimension))
    assert not any(isinstance(v, str) and v in ("None", "nan", "<NA>")
                   for v in frame.iloc[2].tolist())
