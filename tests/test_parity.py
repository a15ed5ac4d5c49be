"""Parity as UN gender focal points count it: the women (or men) needed to reach the band's
floor and 50/50, at constant headcount and by adding staff; nobody needed one person apart;
shares printed so that they never contradict their verdict; the label following the band; the
band taken from the standard.  Every expected figure is worked out by hand in the comments."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import seal_engine as se
from seal_engine.cli import app
from seal_engine.models import Parameter
from seal_engine.workforce import full_report, load_workforce, workforce_report

ROOT = Path(__file__).parent.parent
DOCS = ROOT / "docs" / "workforce.md"
runner = CliRunner()


def staff(tmp_path: Path, *groups: tuple[str, int, int]) -> Path:
    """A workforce file with ``(grade, women, men)`` groups."""
    lines = [f"# grades: {', '.join(g for g, _w, _m in groups)}", "sex,grade,headcount"]
    for grade, w, m in groups:
        lines += [f"F,{grade},{w}", f"M,{grade},{m}"]
    path = tmp_path / "staff.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def row_of(tmp_path: Path, w: int, m: int, **options) -> dict:
    data = load_workforce(staff(tmp_path, ("field", w, m)))
    return workforce_report(data, by=(), min_group=0, **options)[0]


def metrics_text(path: Path, *args: str) -> str:
    result = runner.invoke(app, ["metrics", str(path), "--min-group", "0", *args],
                           env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    return result.output


# ------------------------------------------------------------------- needed to reach the band


def test_women_needed_to_reach_the_band_floor_at_constant_headcount(tmp_path):
    # Field: 340 women, 660 men (34 %).  The band's floor is 47 % of 1,000 = 470 women:
    # 470 - 340 = 130 women taking men's places, not the 160 that 50/50 needs (500 - 340)
    row = row_of(tmp_path, 340, 660)
    assert row["parity"] == "below band"
    assert (row["band_needed"], row["band_needed_sex"]) == (130, "women")
    assert (row["parity_needed"], row["parity_needed_sex"]) == (160, "women")


def test_women_needed_by_adding_staff(tmp_path):
    # adding a women, nobody leaving: (340 + a) / (1000 + a) >= 0.47
    #   a >= (470 - 340) / 0.53 = 245.28..., so 246: 586 / 1246 = 47.03 %, 585 / 1245 = 46.99 %
    # 50/50 by adding: as many women as there are men, 660 - 340 = 320
    row = row_of(tmp_path, 340, 660)
    assert row["band_needed_added"] == 246
    assert row["parity_needed_added"] == 320


def test_men_needed_when_women_are_above_the_band(tmp_path):
    # 600 women, 400 men (60 %): the band's ceiling is 53 % of 1,000 = 530 women, so 70 men
    # take women's places; adding men: 600 / (1000 + b) <= 0.53, b >= 132.08, so 133
    # (600 / 1133 = 52.96 %, 600 / 1132 = 53.004 %); 50/50: 100 men, or 200 added
    row = row_of(tmp_path, 600, 400)
    assert row["parity"] == "above band"
    assert (row["band_needed"], row["band_needed_added"], row["band_needed_sex"]) == (
        70, 133, "men")
    assert (row["parity_needed"], row["parity_needed_added"], row["parity_needed_sex"]) == (
        100, 200, "men")


def test_inside_the_band_only_50_50_needs_anyone(tmp_path):
    # 48 women, 52 men: 48 % is in the band; 50/50 needs 2 women (or 4 added: 52 / 104)
    row = row_of(tmp_path, 48, 52)
    assert row["parity"] == "in band"
    assert (row["band_needed"], row["band_needed_added"], row["band_needed_sex"]) == (0, 0, None)
    assert (row["parity_needed"], row["parity_needed_added"]) == (2, 4)


def test_the_figures_in_the_text_table(tmp_path):
    text = metrics_text(staff(tmp_path, ("field", 340, 660)), "--by", "grade")
    assert re.search(r"field +34\.0 % +130 women +246 women +160 women +320 women", text)


def test_a_band_out_of_reach_at_constant_headcount(tmp_path):
    # 0 women, 3 men: 1 woman is 33 %, 2 are 67 %: no whole number puts 3 people in 47-53 %;
    # adding women: a >= 0.47 * 3 / 0.53 = 2.66, so 3 (3 / 6 = 50 %)
    row = row_of(tmp_path, 0, 3)
    assert (row["band_needed"], row["band_needed_added"], row["band_needed_sex"]) == (
        None, 3, "women")
    assert "out of reach" in metrics_text(staff(tmp_path, ("field", 0, 3)))


# ---------------------------------------------------------------------- one person apart


@pytest.mark.parametrize(("w", "m"), [(48, 47), (47, 48), (50, 50), (3, 2)])
def test_nobody_is_needed_one_person_apart(tmp_path, w, m):
    # 48 women and 47 men are as near 50/50 as 95 people can be: swapping one gives 47 / 48
    row = row_of(tmp_path, w, m)
    for k in ("band_needed", "band_needed_added", "parity_needed", "parity_needed_added"):
        assert row[k] == 0, k
    assert row["parity_needed_sex"] is None and row["band_needed_sex"] is None
    data = load_workforce(staff(tmp_path, ("field", w, m)))
    assert data.metric("parity_needed") == 0
    assert se.workforce.parity_needed_counts(w, m) == (0, None)


def test_48_women_47_men_never_reads_1_man_needed(tmp_path):
    text = metrics_text(staff(tmp_path, ("field", 48, 47)))
    assert "1 man" not in text
    assert "at parity" in text


# -------------------------------------------------------------- decimals that agree with verdicts


def test_a_share_just_below_the_band_is_printed_below_it(tmp_path):
    # 4,699 women in 10,000: 46.99 % is below 47 %; "47.0 %" would read as inside the band
    path = staff(tmp_path, ("edge", 4699, 5301), ("floor", 4700, 5300), ("top", 5304, 4696))
    rows = {r["grade"]: r for r in workforce_report(load_workforce(path), min_group=0)}
    assert (rows["edge"]["parity"], rows["edge"]["share_decimals"]) == ("below band", 2)
    assert (rows["floor"]["parity"], rows["floor"]["share_decimals"]) == ("in band", 1)
    # 53.04 % is above 53 %: "53.0 %" would read as inside
    assert (rows["top"]["parity"], rows["top"]["share_decimals"]) == ("above band", 2)
    text = metrics_text(path)
    assert "46.99 %  below band" in text and "47.0 %  at parity" in text
    assert "53.04 %  above band" in text
    assert "47.0 %  below band" not in text and "53.0 %  above band" not in text


def test_as_many_decimals_as_the_edge_needs_in_json_and_csv(tmp_path):
    # 46,999 women in 100,000 = 46.999 %: one and two decimals print 47.0 and 47.00, three
    # print 46.999; the JSON and CSV fraction keeps five places (0.46999), not four (0.47)
    path = staff(tmp_path, ("edge", 46_999, 53_001))
    report = full_report(load_workforce(path), min_group=0)
    edge = report["groups"][1]
    assert (edge["parity"], edge["share_decimals"]) == ("below band", 3)
    assert "46.999 %" in se.render_report(report, "table")
    data = json.loads(se.render_report(report, "json"))
    assert data["groups"][1]["women_share"] == 0.46999
    rows = list(csv.DictReader(io.StringIO(se.render_report(report, "csv"))))
    assert rows[1]["women_share"] == "0.46999" and rows[1]["share_decimals"] == "3"
    assert rows[1]["band_needed"] == "1" and rows[1]["band_needed_sex"] == "women"


# ----------------------------------------------------------------------- the label and the band


def test_the_label_follows_the_band(tmp_path):
    path = staff(tmp_path, ("field", 45, 55))
    balanced = metrics_text(path, "--parity-band", "40,60")
    assert "balanced participation 40-60 %" in balanced
    assert "45.0 %  balanced" in balanced and "at parity" not in balanced
    other = metrics_text(path, "--parity-band", "45,55")
    assert "band 45-55 %" in other and "45.0 %  in band" in other
    assert "at parity" not in other and "parity band" not in other
    parity = metrics_text(path)
    assert "parity band 47-53 %" in parity and "45.0 %  below band" in parity
    data = json.loads(metrics_text(path, "--parity-band", "40,60", "--format", "json"))
    assert data["band"] == {"low": 0.4, "high": 0.6, "kind": "balanced", "target": 0.5}
    assert data["groups"][0]["parity"] == "in band"


def _with(standard, **values):
    params = dict(standard.parameters)
    for k, v in values.items():
        params[k] = Parameter(value=v, unit="share")
    return standard.model_copy(update={"parameters": params})


def test_the_band_comes_from_the_standard(tmp_path):
    base = se.load_standard(ROOT / "tests" / "fixtures" / "workforce" / "standard.yaml")
    undp = _with(base, parity_low=0.47, parity_high=0.53, balanced_low=0.40,
                 balanced_high=0.60)  # the parameters of undp-seal-public-institutions
    data = load_workforce(staff(tmp_path, ("field", 340, 660)))
    report = full_report(data, by=(), min_group=0, standard=undp)
    assert report["band"] == {"low": 0.47, "high": 0.53, "kind": "parity", "target": 0.5}
    assert full_report(data, by=(), standard=base)["band"] == report["band"]  # the UN's
    # a standard with a 45-55 % parity band: 450 - 340 = 110 women
    wide = _with(undp, parity_low=0.45, parity_high=0.55)
    row = full_report(data, by=(), min_group=0, standard=wide)["groups"][0]
    assert row["band_needed"] == 110
    # its balanced participation, asked for by its edges, is named so
    report = full_report(data, by=(), min_group=0, standard=wide, parity_band=(0.40, 0.60))
    assert report["band"]["kind"] == "balanced"
    # a target of its own: 45 % of 1,000 = 450 women, 110 at constant headcount
    aimed = _with(undp, parity_target=0.45)
    row = full_report(data, by=(), min_group=0, standard=aimed)["groups"][0]
    assert (row["parity_needed"], row["parity_needed_sex"]) == (110, "women")


def test_each_definition_is_documented_with_its_source():
    text = DOCS.read_text(encoding="utf-8")
    section = text[text.index("## Parity as UN focal points count it"):]
    for words in ("band_needed", "band_needed_added", "parity_needed_added", "share_decimals",
                  "|W − M| ≤ 1", "balanced participation", "parity_low", "parity_target",
                  "domain.md", "340", "130", "246"):
        assert words in section, words


# ------------------------------------------------------------------ the portfolio's dashboard


@pytest.fixture
def portfolio(tmp_path, monkeypatch):
    """Two agencies scored on the workforce test standard: A with 340 W / 660 M
    professionals and 4,699 W / 5,301 M senior staff, B with 48 W / 47 M."""
    std = tmp_path / "standards"
    std.mkdir()
    (std / "standard.yaml").write_text(
        (ROOT / "tests" / "fixtures" / "workforce" / "standard.yaml").read_text("utf-8"),
        encoding="utf-8")
    monkeypatch.setenv("SEAL_STANDARDS_PATH", str(std))
    folder = tmp_path / "institutions"
    for code, rows in (("A", [("professional", 340, 660), ("senior", 4699, 5301)]),
                       ("B", [("professional", 48, 47)])):
        d = folder / code
        d.mkdir(parents=True)
        (d / "2025.yaml").write_text(
            f"type: assessment\nid: {code.lower()}-2025\nstandard: {{id: workforce-test, "
            f"version: 1}}\ninstitution: {{id: {code * 3}, name: Agency {code}, country: "
            "Testland, scope: national}\nperiod: {start: 2025-01-01, end: 2025-12-31}\n"
            "workforce: staff.csv\n", encoding="utf-8")
        (d / "staff.csv").write_text(
            "sex,grade,headcount\n" + "".join(f"F,{g},{w}\nM,{g},{m}\n" for g, w, m in rows),
            encoding="utf-8")
    return se.compare_files([folder], workers=1, min_group=0, drafts=True)


def test_the_dashboard_counts_as_seal_metrics_does(portfolio):
    p = portfolio.parity
    assert (p.band, p.band_kind, p.target) == ((0.47, 0.53), "parity", 0.5)
    a = {f.value or "all": f for f in p.institutions[0].figures}
    prof = a["professional"]  # 340 / 660: 130 women to 47 %, 246 added; 160 and 320 to 50/50
    assert (prof.parity, prof.band_needed, prof.band_needed_added, prof.band_needed_sex) == (
        "below band", 130, 246, "women")
    assert (prof.needed, prof.needed_added, prof.needed_sex) == (160, 320, "women")
    senior = a["senior"]  # 46.99 %: two decimals
    assert (senior.share_decimals, senior.band_needed) == (2, 1)
    b = p.institutions[1].figures[0]  # 48 / 47: in the band, nobody needed
    assert (b.parity, b.needed, b.needed_sex, b.band_needed) == ("in band", 0, None, 0)
    assert p.at_parity == 1


def test_the_dashboard_in_every_output(portfolio):
    text = se.render_comparison(portfolio, "table")
    assert re.search(r"Agency A +2025 +11000 +45\.8 % +below band +131 women +461 women +"
                     r"senior 46\.99 %", text)
    assert re.search(r"Agency B +2025 +95 +50\.5 % +at parity +0 +0 ", text)
    assert "1 man" not in text
    rows = list(csv.DictReader(io.StringIO(se.render_comparison(portfolio, "csv",
                                                                table="parity"))))
    prof = next(r for r in rows if r["institution"] == "AAA" and r["value"] == "professional")
    assert (prof["needed to reach the band"], prof["needed to reach the band by adding"],
            prof["who for the band"], prof["needed for 50/50"],
            prof["needed for 50/50 by adding"]) == ("130", "246", "women", "160", "320")
    data = json.loads(se.render_comparison(portfolio, "json"))
    assert data["parity"]["band_kind"] == "parity"
    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(se.render_comparison(portfolio, "xlsx")))["Parity"]
    head = [c.value for c in sheet[1]]
    col = head.index("women's share")
    senior = next(r for r in sheet.iter_rows(min_row=2) if r[5].value == "senior")
    assert senior[col].value == 0.4699 and senior[col].number_format == "0.00%"  # 46.99%


def test_a_balanced_dashboard_never_says_at_parity(portfolio, tmp_path):
    folder = tmp_path / "institutions"
    c = se.compare_files([folder], workers=1, min_group=0, drafts=True,
                         parity_band=(0.40, 0.60))
    assert c.parity.band_kind == "balanced"
    text = se.render_comparison(c, "table")
    assert "balanced participation 40-60 %" in text and "at parity" not in text
    assert "institutions balanced overall" in text
    rows = list(csv.DictReader(io.StringIO(se.render_comparison(c, "csv", table="parity"))))
    assert {r["parity"] for r in rows} == {"balanced", "below band"}  # 35.4 % < 40 %
