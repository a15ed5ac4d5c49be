"""The fast paths for large workforce files give what the row-by-row path gives.

* Reading (``seal_engine/workforce/fast.py``, pyarrow and numpy): the same data to the last
  float on files it takes, and on files it leaves (bad rows, quotes, comments...) the row-by-row
  path's located problems, unchanged.
* Pay blocks (``WorkforceData.sorted_pay``): the sorted pay of every breakdown value, made
  at once in plain Python or with numpy, equal to gathering each selection's people and
  sorting them; groups of several filters equal to intersecting each filter's groups.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

import seal_engine.workforce.data as data_mod
import seal_engine.workforce.fast as fast
from seal_engine import WorkforceError
from seal_engine.rules import Missing
from seal_engine.workforce import METRICS, full_report, load_workforce, pay_report

GRADES = ("support", "professional", "manager", "senior")
HEADER = ["person_id", "record", "sex", "grade", "unit", "location", "scope", "category",
          "basic_pay", "complementary_pay", "hours", "recruited", "eligible_for_promotion",
          "promoted", "exited", "exit_reason", "trained", "on_leave", "returned"]


def _rows(n: int, seed: int = 11) -> list[list[str]]:
    rnd = random.Random(seed)
    rows = []
    for i in range(n):
        applicant = rnd.random() < 0.1
        g = rnd.randrange(4)
        # spellings that differ only in case and spaces: the first one seen is kept
        unit = rnd.choice(["Unit 01", "unit 01", "Unit  02", "Finance", "FINANCE", ""])
        sex = rnd.choice(["F", "f", "female", "M", "male", "Man", "undisclosed", "W"])
        grade = GRADES[g] if rnd.random() < 0.7 else GRADES[g].upper()
        row = {"person_id": f"{'A' if applicant else 'P'}{i:05d}",
               "record": "applicant" if applicant else rnd.choice(["staff", "", "Staff"]),
               "sex": sex, "grade": grade, "unit": unit,
               "location": rnd.choice(["North", "South", "Capital"]),
               "scope": rnd.choice(["national", "Subnational", ""]),
               "category": ["Clerks", "Officers", "Heads", "Directors"][g]}
        if not applicant:
            exited = rnd.random() < 0.1
            eligible = rnd.random() < 0.3
            leave = rnd.random() < 0.1
            pay = rnd.choice(["", f"{rnd.randint(9000, 90000)}",
                              f"{rnd.randint(9000, 90000)}.{rnd.randint(0, 99):02d}", "0"])
            basic = pay if rnd.random() > 0.05 else ""
            row.update(basic_pay=basic,
                       complementary_pay=rnd.choice(["", "0", f"{rnd.randint(1, 900)}"])
                       if basic else "",
                       hours=rnd.choice(["1720", "860", "1720.5"]),
                       recruited=rnd.choice(["0", "1", "", "yes"]),
                       eligible_for_promotion="1" if eligible else "0",
                       promoted="1" if eligible and rnd.random() < 0.3 else "0",
                       exited="1" if exited else "0",
                       exit_reason=rnd.choice(["retirement", "Retirement ", ""]) if exited
                       else "",
                       trained=rnd.choice(["1", "0", "Y", "n"]),
                       on_leave="1" if leave else "0",
                       returned="1" if leave and rnd.random() < 0.8 else "0")
        rows.append([row.get(c, "") for c in HEADER])
    return rows


def _write(path: Path, rows: list[list[str]], *, preamble: str = "# year: 2025\n",
           delimiter: str = ",") -> Path:
    lines = [delimiter.join(HEADER)] + [delimiter.join(r) for r in rows]
    path.write_text(preamble + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def _snapshot(d) -> tuple:
    g, pt = d.groups, d.people
    pay = None if pt is None else [
        None if getattr(pt, a) is None else list(getattr(pt, a))
        for a in ("group", "annual", "rate", "basic", "basic_rate", "complementary",
                  "complementary_rate")]
    return (g.sex, g.dims, g.counts, {k: sorted(v) for k, v in g.missing.items()},
            g.applicant_rows, pay, d.exit_reasons, d.rows, d.staff_without_pay,
            sorted(d.pay), d.pay_basis, sorted(d.reported), d.breakdowns, d.justifications,
            d.year, d.grades)


def _figures(d) -> str:
    out = []
    for name, info in METRICS.items():
        out.append(repr(d.metric(name)))
        for col in info.filters:
            for value in d.values(col):
                out.append(repr(d.metric(name, ((col, value),))))
    out.append(json.dumps([full_report(d, by=(b,)) for b in d.breakdowns], default=repr,
                          sort_keys=True))
    out.append(pay_report(d, by=("unit",)).model_dump_json())
    return "\n".join(out)


@pytest.fixture
def spy(monkeypatch):
    """Records what the fast path answered for each file (rows read, or None: declined)."""
    answers: list = []
    real = fast.fast_person_rows

    def wrapped(*args, **kwargs):
        n = real(*args, **kwargs)
        answers.append(n)
        return n

    monkeypatch.setattr(fast, "fast_person_rows", wrapped)
    return answers


def _both(path: Path, monkeypatch, spy):
    """(fast result, row-by-row result): data or the WorkforceError's problems."""
    out = []
    for threshold in (0, 10 ** 15):
        monkeypatch.setattr(fast, "FAST_FROM", threshold)
        try:
            out.append(load_workforce(path))
        except WorkforceError as e:
            out.append([(p.message if isinstance(p.message, str) else repr(p.message),
                         p.file, p.line, p.column, p.field) for p in e.problems])
    return out


def test_fast_reading_gives_the_same_data_and_figures(tmp_path, monkeypatch, spy):
    path = _write(tmp_path / "staff.csv", _rows(3000))
    quick, slow = _both(path, monkeypatch, spy)
    assert spy[0] == 3000, "the fast path read the file"
    assert spy[1] is None, "the row-by-row path read it the second time"
    assert _snapshot(quick) == _snapshot(slow)
    assert _figures(quick) == _figures(slow)
    assert quick.canonical("unit", "UNIT 01") == slow.canonical("unit", "unit 01")


def test_fast_reading_in_several_batches(tmp_path, monkeypatch, spy):
    monkeypatch.setattr(fast, "_BLOCK", 1 << 14)  # batches of a few hundred rows
    path = _write(tmp_path / "staff.csv", _rows(4000, seed=5), delimiter=";")
    quick, slow = _both(path, monkeypatch, spy)
    assert spy[0] == 4000
    assert _snapshot(quick) == _snapshot(slow)


@pytest.mark.parametrize("damage", [
    "unknown sex", "repeated id", "empty id", "number with separators", "applicant with pay",
    "promoted not eligible", "no hours with pay", "reason without exit", "bad grade",
    "bad flag", "bad scope", "negative pay"])
def test_bad_rows_are_located_as_the_row_by_row_path_locates_them(tmp_path, monkeypatch,
                                                                   spy, damage):
    rows = _rows(2000, seed=3)
    staff = [r for r in rows if r[1] != "applicant" and r[14] == "0" and r[8]]
    col = HEADER.index
    for r in staff[100:125]:  # more rows than a check lists: the summary line too
        if damage == "unknown sex":
            r[col("sex")] = "robot"
        elif damage == "repeated id":
            r[0] = staff[0][0]
        elif damage == "empty id":
            r[0] = "  "
        elif damage == "number with separators":
            r[col("basic_pay")] = "12,500.00" if r is staff[100] else "12 500"
        elif damage == "applicant with pay":
            r[1] = "applicant"
        elif damage == "promoted not eligible":
            r[col("promoted")], r[col("eligible_for_promotion")] = "1", "0"
        elif damage == "no hours with pay":
            r[col("hours")] = "" if r is staff[101] else "0"
        elif damage == "reason without exit":
            r[col("exit_reason")] = "resignation"
        elif damage == "bad grade":
            r[col("grade")] = "intern"
        elif damage == "bad flag":
            r[col("trained")] = "maybe"
        elif damage == "bad scope":
            r[col("scope")] = "regional"
        elif damage == "negative pay":
            r[col("basic_pay")] = "-5"
    path = _write(tmp_path / "bad.csv", rows)
    quick, slow = _both(path, monkeypatch, spy)
    assert spy[0] is None, "the fast path leaves a file with bad rows to the row-by-row path"
    assert isinstance(slow, list) and slow, "the damage is a problem"
    assert quick == slow
    assert all(line for _m, _f, line, _c, _fld in slow)  # located


@pytest.mark.parametrize("oddity", ["quotes", "comment row", "blank row", "short row",
                                    "lone carriage return", "long cell"])
def test_files_the_fast_path_leaves_read_as_before(tmp_path, monkeypatch, spy, oddity):
    rows = _rows(1500, seed=9)
    text = _write(tmp_path / "x.csv", rows).read_text(encoding="utf-8")
    lines = text.split("\n")
    loc = HEADER.index("location")

    def cell(i: int, value) -> None:
        cells = lines[i].split(",")
        cells[loc] = value(cells[loc])
        lines[i] = ",".join(cells)

    if oddity == "quotes":
        cell(40, lambda v: f'"{v}"')
    elif oddity == "comment row":
        lines.insert(50, "# a note")
    elif oddity == "blank row":
        lines.insert(50, "")
    elif oddity == "short row":
        lines[60] = lines[60].rsplit(",", 2)[0]
    elif oddity == "lone carriage return":
        cell(70, lambda v: v[:1] + "\r" + v[1:])
    elif oddity == "long cell":
        cell(80, lambda v: v * 2000)
    path = tmp_path / "odd.csv"
    path.write_bytes("\n".join(lines).encode("utf-8"))
    quick, slow = _both(path, monkeypatch, spy)
    if oddity == "blank row":  # skipped by both readers: the fast path may take the file
        assert spy[0] in (None, 1500)
    else:
        assert spy[:1] in ([], [None]), "left to the row-by-row path (a file with quotes is " \
            "not even offered)"
    if isinstance(slow, list):
        assert quick == slow
    else:
        assert _snapshot(quick) == _snapshot(slow)


def _by_gathering(d, attr, key):
    """The sorted pay of a selection as it was made before the blocks: its people gathered
    group by group, then sorted."""
    sel = d.select(key)
    if isinstance(sel, Missing):
        return sel
    return tuple(sorted(d.people.values_of(attr, len(d.groups), ids)) for ids in sel.ids[:2])


@pytest.mark.parametrize("numpy_from", [0, 10 ** 9], ids=["numpy", "python"])
def test_pay_blocks_equal_each_selection_sorted(tmp_path, monkeypatch, numpy_from):
    monkeypatch.setattr(data_mod, "NUMPY_FROM", numpy_from)
    monkeypatch.setattr(fast, "FAST_FROM", 10 ** 15)
    d = load_workforce(_write(tmp_path / "staff.csv", _rows(2500, seed=21)))
    keys = [()] + [((c, v),) for c in d.breakdowns for v in d.values(c)]
    keys += [(("unit", "FINANCE"),), (("unit", ("Finance", "unit 01")),), (("unit", "nowhere"),)]
    for attr in ("rate", "annual", "basic", "basic_rate", "complementary",
                 "complementary_rate"):
        for key in keys:
            got = d.sorted_pay(attr, key)
            want = _by_gathering(d, attr, key)
            if isinstance(want, Missing):
                assert isinstance(got, Missing) and got.reason == want.reason
            else:
                assert [list(v) for v in got] == [list(v) for v in want], (attr, key)


def test_groups_of_several_filters_equal_the_intersection(tmp_path, monkeypatch):
    monkeypatch.setattr(fast, "FAST_FROM", 10 ** 15)
    d = load_workforce(_write(tmp_path / "staff.csv", _rows(2500, seed=4)))
    index = {c: d.index(c) for c in d.breakdowns}
    checked = 0
    for a in ("unit", "location", "scope"):
        for b in ("grade", "category"):
            for va in [*d.values(a), ("Finance", "Unit 01") if a == "unit" else d.values(a)[0]]:
                for vb in d.values(b):
                    key = tuple(sorted(((a, va), (b, vb))))
                    sel = d.select(key)
                    wanted_a = va if isinstance(va, tuple) else (va,)
                    want = [sorted(set(i for v in wanted_a
                                       for i in index[a][d.canonical(a, v)][s])
                                   & set(index[b][vb][s])) for s in range(3)]
                    if not any(want):
                        assert isinstance(sel, Missing)
                        continue
                    assert [list(x) for x in sel.ids] == want
                    checked += 1
    assert checked > 50
    same_twice = d.select((("unit", ("Finance", "Unit 01")), ("unit", "Finance")))
    assert [list(x) for x in same_twice.ids] == [list(x) for x in
                                                 d.select((("unit", "Finance"),)).ids]
