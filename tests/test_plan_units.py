"""An indicator's unit is shown in words ("yes/no", never the code "yes_no" nor Markdown's
"yes\\_no") in every rendering of a plan, and reads back as the stored code."""

from __future__ import annotations

import zipfile

import pytest

import seal_engine as se
from seal_engine.plans import read_plan, write_plan
from seal_engine.plans.check import check_plan

from .conftest import ROOT

ML = ROOT / "assessments" / "valdoria-ministry-of-labour" / "2025.yaml"


@pytest.fixture(scope="module")
def drafted():
    a = se.load_assessment(ML)
    std = se.load_standard(se.find_standard(a.standard.id, a.standard.version))
    plan = se.draft_plan(std, a, workforce=se.load_workforce_for(a))
    assert "yes_no" in {r.unit for r in plan.rows}  # the stored code
    return std, plan


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "markdown"])
def test_units_are_words_in_every_rendering_and_read_back_as_codes(drafted, tmp_path, fmt):
    std, plan = drafted
    path = write_plan(plan, tmp_path / f"plan.{'md' if fmt == 'markdown' else fmt}", fmt, std)
    if fmt == "xlsx":
        with zipfile.ZipFile(path) as z:
            text = "".join(z.read(n).decode("utf-8") for n in z.namelist()
                           if n.endswith(".xml"))
    else:
        text = path.read_text(encoding="utf-8-sig")
    assert "yes_no" not in text and "yes\\_no" not in text
    assert "yes/no" in text
    back = read_plan(path, std, plan)
    assert [r.unit for r in back.rows] == [r.unit for r in plan.rows]


def test_the_smart_check_names_a_unit_in_words(drafted):
    std, plan = drafted
    row = next(r for r in plan.rows if r.unit == "yes_no")
    bad = plan.model_copy(update={"rows": [row.model_copy(update={"target": 3})]})
    assert any("for a yes/no indicator" in i.message for i in check_plan(bad, std))


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "markdown"])
def test_a_difference_of_shares_is_in_percentage_points_and_reads_back(tmp_path, fmt):
    # the largest fall in women's share from one grade to the next is a difference of shares:
    # "38.4 percentage points", never "38.4 %" or "percent"
    a = se.load_assessment(ROOT / "assessments" / "highlands-provincial-health" / "2025.yaml")
    std = se.standard_for(a)
    plan = se.draft_plan(std, a, workforce=se.load_workforce_for(a))
    row = next(r for r in plan.rows if r.action == "A-WE-04a")
    assert row.unit == "points"
    path = write_plan(plan, tmp_path / f"plan.{'md' if fmt == 'markdown' else fmt}", fmt, std)
    if fmt == "xlsx":
        with zipfile.ZipFile(path) as z:
            text = "".join(z.read(n).decode("utf-8") for n in z.namelist()
                           if n.endswith(".xml"))
    else:
        text = path.read_text(encoding="utf-8-sig")
    assert "percentage points" in text
    back = read_plan(path, std, plan)
    assert next(r for r in back.rows if r.action == "A-WE-04a").unit == "points"
    assert [r.unit for r in back.rows] == [r.unit for r in plan.rows]
