"""Loading standards and assessments from YAML or JSON, with located errors.

A standard is one file, or a folder holding ``standard.yaml`` (the header, levels, parameters) and
further files each holding one ``type: dimension`` record or a ``type: action_library`` list of
actions.  A standard may ``extend`` another by id and version: the parent is found on the
standards search path, and the child's records are merged over the parent's by id.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ._source import Source, format_path, locate, read_source
from .errors import AssessmentError, Problem, SealError, StandardError, did_you_mean
from .metrics import METRICS
from .models import Assessment, Question, QuestionType, Standard
from .rules import RuleEnv, compile_rule
from .settings import standards_search_path

__all__ = [
    "StandardInfo",
    "find_standard",
    "list_standards",
    "load_assessment",
    "load_standard",
    "normalise_answers",
]

_STANDARD_FILES = ("standard.yaml", "standard.yml", "standard.json")
_SUFFIXES = (".yaml", ".yml", ".json")


# ------------------------------------------------------------------------------ raw assembly


@dataclass
class _Raw:
    data: dict
    positions: dict
    file: str
    files: list[str]

    def locate(self, loc) -> tuple[str | None, int | None, int | None]:
        return locate(self.data, self.positions, loc, self.file)


def _read_mapping(path: Path, kind: str) -> Source:
    try:
        src = read_source(path)
    except SealError as e:
        raise StandardError(e.problems) from None
    if not isinstance(src.data, dict):
        raise StandardError(
            Problem(f"a {kind} file must hold a mapping of fields, got "
                    f"{type(src.data).__name__}", file=str(path))
        )
    return src


def _raw_standard(path: Path, search: list[Path] | None, seen: tuple = ()) -> _Raw:
    path = Path(path)
    if path.is_dir():
        header = next((path / n for n in _STANDARD_FILES if (path / n).is_file()), None)
        if header is None:
            raise StandardError(
                Problem("folder has no standard.yaml (or .yml, .json) header", file=str(path))
            )
        src = _read_mapping(header, "standard")
        data, positions = src.data, dict(src.positions)
        files = [str(header)]
        others = sorted(
            p for p in path.rglob("*") if p.suffix in _SUFFIXES and p != header and p.is_file()
            and not p.name.startswith(("_", "."))
        )
        for part in others:
            psrc = _read_mapping(part, "standard part")
            positions.update(psrc.positions)
            files.append(str(part))
            kind = psrc.data.get("type")
            if kind == "dimension":
                dims = data.setdefault("dimensions", [])
                dims.append(psrc.data)
                positions[(id(dims), len(dims) - 1)] = (str(part), 1, 1)
            elif kind == "action_library":
                acts = psrc.data.get("actions")
                extra = set(psrc.data) - {"type", "actions"}
                if not isinstance(acts, list) or extra:
                    raise StandardError(Problem(
                        "an action_library file holds 'type: action_library' and an 'actions' "
                        "list, nothing else" + (f" (found {sorted(extra)})" if extra else ""),
                        file=str(part), line=1, column=1))
                target = data.setdefault("actions", [])
                for i, a in enumerate(acts):
                    target.append(a)
                    positions[(id(target), len(target) - 1)] = psrc.positions.get(
                        (id(acts), i), (str(part), 1, 1))
            else:
                raise StandardError(Problem(
                    f"type {kind!r} is not a standard part; expected 'dimension' or "
                    "'action_library'", file=str(part), line=1, column=1, field="type"))
        raw = _Raw(data, positions, str(header), files)
    else:
        src = _read_mapping(path, "standard")
        raw = _Raw(src.data, dict(src.positions), str(path), [str(path)])
    parent_ref = raw.data.get("extends")
    if parent_ref:
        raw = _extend(raw, parent_ref, search, seen + (str(path),), near=path)
    return raw


def _extend(child: _Raw, ref: Any, search, seen: tuple, near: Path) -> _Raw:
    file, line, col = child.locate(["extends"])
    if not isinstance(ref, dict) or "id" not in ref or "version" not in ref:
        raise StandardError(Problem("extends needs {id: ..., version: ...}", file=file,
                                    line=line, column=col, field="extends"))
    folders = [near.parent if near.is_file() else near.parent] + list(search or [])
    try:
        parent_path = find_standard(ref["id"], ref["version"], folders + standards_search_path())
    except StandardError as e:
        raise StandardError(Problem(e.problems[0].message, file=file, line=line, column=col,
                                    field="extends")) from None
    if str(parent_path) in seen:
        raise StandardError(Problem(f"extends loops back to {parent_path}", file=file,
                                    line=line, column=col, field="extends"))
    parent = _raw_standard(parent_path, search, seen)
    positions = dict(parent.positions)
    positions.update(child.positions)
    merged = _merge(parent.data, child.data, positions)
    merged["extends"] = child.data["extends"]
    return _Raw(merged, positions, child.file, parent.files + child.files)


def _merge(base: Any, over: Any, positions: dict) -> Any:
    """Merge ``over`` into ``base``: mappings key by key, lists of records by id."""
    if isinstance(base, dict) and isinstance(over, dict):
        for key, value in over.items():
            if key in base:
                base[key] = _merge(base[key], value, positions)
            else:
                base[key] = value
            if (id(over), key) in positions:
                positions[(id(base), key)] = positions[(id(over), key)]
        return base
    if (
        isinstance(base, list) and isinstance(over, list)
        and all(isinstance(x, dict) and "id" in x for x in base + over)
    ):
        index = {x["id"]: i for i, x in enumerate(base)}
        for j, item in enumerate(over):
            pos = positions.get((id(over), j))
            if item["id"] in index:
                i = index[item["id"]]
                base[i] = _merge(base[i], item, positions)
                target = i
            else:
                base.append(item)
                target = len(base) - 1
            if pos:
                positions[(id(base), target)] = pos
        return base
    return over


# ------------------------------------------------------------------------------ validation


def _validation_problems(e: ValidationError, data, positions, default_file) -> list[Problem]:
    problems = []
    for err in e.errors(include_url=False):
        loc = err["loc"]
        file, line, col = locate(data, positions, loc, default_file)
        path = format_path(k for k in loc if isinstance(k, (int, str)) and not _is_tag(k))
        kind = err["type"]
        if kind == "extra_forbidden":
            msg = f"unknown field {loc[-1]!r}; check its spelling against the schema"
        elif kind == "missing":
            msg = f"required field {loc[-1]!r} is missing"
        elif kind == "value_error":
            msg = err["msg"].removeprefix("Value error, ")
        else:
            msg = f"{err['msg']}, got {err['input']!r}" if "input" in err else err["msg"]
            msg = msg[0].lower() + msg[1:]
        problems.append(Problem(msg, file=file, line=line, column=col, field=path,
                                record_id=_record_id(data, loc)))
    return problems


def _is_tag(k: Any) -> bool:
    return isinstance(k, str) and ("[" in k or k in ("function-after", "function-before"))


def _record_id(data, loc) -> str | None:
    node, found = data, None
    for key in loc:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            found = node["id"]
    return found


def load_standard(path: str | Path, *, search_path: Iterable[str | Path] | None = None) -> Standard:
    """Load, validate and compile a standard from a file or a folder.

    Raises :class:`StandardError` (or :class:`RuleError`) listing every problem found, each with
    the file, line, column and field."""
    search = [Path(p) for p in search_path] if search_path else None
    raw = _raw_standard(Path(path), search)
    if raw.data.get("type", "standard") != "standard":
        file, line, col = raw.locate(["type"])
        raise StandardError(Problem(f"type is {raw.data.get('type')!r}; expected 'standard'",
                                    file=file, line=line, column=col, field="type"))
    try:
        standard = Standard.model_validate(raw.data)
    except ValidationError as e:
        raise StandardError(_validation_problems(e, raw.data, raw.positions, raw.file)) from None
    problems = _check_links(standard, raw)
    if problems:
        raise StandardError(problems)
    for b in standard.benchmarks():
        if b.id in standard.not_applicable:
            b.applicable = False
    standard._source = raw
    env = _rule_env(standard)
    standard._compiled = compile_standard(standard, raw, env)
    standard._measures = compile_measures(standard, raw, env)
    return standard


def _check_links(s: Standard, raw: _Raw) -> list[Problem]:
    problems: list[Problem] = []

    def add(msg: str, loc: list, record_id: str | None = None):
        file, line, col = raw.locate(loc)
        problems.append(Problem(msg, file=file, line=line, column=col,
                                field=format_path(loc), record_id=record_id))

    seen: dict[str, str] = {}

    def unique(kind: str, rid: str, loc: list):
        if rid in seen:
            add(f"duplicate id {rid!r}: already used by a {seen[rid]}", loc + ["id"], rid)
        else:
            seen[rid] = kind

    level_ids = set()
    for i, lv in enumerate(s.levels):
        unique("level", lv.id, ["levels", i])
        level_ids.add(lv.id)
    orders = [lv.order for lv in s.levels]
    if len(set(orders)) != len(orders):
        add("two levels share the same order", ["levels"])
    ladder = s.levels_in_order()
    for lower, higher in zip(ladder, ladder[1:], strict=False):
        if higher.min_score < lower.min_score:
            i = s.levels.index(higher)
            add(f"level {higher.id!r} has min_score {higher.min_score:g}, below the "
                f"{lower.min_score:g} of lower level {lower.id!r}", ["levels", i, "min_score"],
                higher.id)
    scale_ids = set()
    for i, sc in enumerate(s.answer_scales):
        unique("answer scale", sc.id, ["answer_scales", i])
        scale_ids.add(sc.id)
        _unique_choices(sc.choices, ["answer_scales", i, "choices"], add, sc.id)
    bench_ids = set()
    for di, d in enumerate(s.dimensions):
        unique("dimension", d.id, ["dimensions", di])
        for bi, b in enumerate(d.benchmarks):
            bloc = ["dimensions", di, "benchmarks", bi]
            unique("benchmark", b.id, bloc)
            bench_ids.add(b.id)
            if b.mandatory_from is not None and b.mandatory_from not in level_ids:
                add(f"mandatory_from names unknown level {b.mandatory_from!r} (levels: "
                    f"{', '.join(sorted(level_ids))})", bloc + ["mandatory_from"], b.id)
            for qi, q in enumerate(b.questions):
                qloc = bloc + ["questions", qi]
                unique("question", q.id, qloc)
                if q.answer_scale and q.answer_scale not in scale_ids:
                    add(f"answer_scale {q.answer_scale!r} is not defined in answer_scales",
                        qloc + ["answer_scale"], q.id)
                if q.choices:
                    _unique_choices(q.choices, qloc + ["choices"], add, q.id)
                for ci, col in enumerate(q.columns or []):
                    if col.answer_scale and col.answer_scale not in scale_ids:
                        add(f"answer_scale {col.answer_scale!r} is not defined in answer_scales",
                            qloc + ["columns", ci, "answer_scale"], q.id)
                if q.min is not None and q.max is not None and q.min > q.max:
                    add(f"min {q.min:g} is above max {q.max:g}", qloc + ["min"], q.id)
            for ei, ev in enumerate(b.evidence):
                unique("evidence requirement", ev.id, bloc + ["evidence", ei])
    for ai, a in enumerate(s.actions):
        unique("action", a.id, ["actions", ai])
        for k, bid in enumerate(a.benchmarks):
            if bid not in bench_ids:
                add(f"serves unknown benchmark {bid!r}", ["actions", ai, "benchmarks", k], a.id)
    for k, bid in enumerate(s.not_applicable):
        if bid not in bench_ids:
            add(f"not_applicable names unknown benchmark {bid!r}", ["not_applicable", k])
    records = s.records()
    for locale, translated in s.translations.items():
        for rid, fields in translated.items():
            if rid not in records:
                add(f"translation for unknown record {rid!r}", ["translations", locale, rid])
                continue
            for name in fields:
                if name not in type(records[rid]).model_fields:
                    add(f"a {type(records[rid]).__name__.lower()} has no field {name!r} to "
                        "translate", ["translations", locale, rid, name], rid)
    for name, param in s.parameters.items():
        if param.unit == "share" and not (
            isinstance(param.value, (int, float)) and 0 <= param.value <= 1
        ):
            add(f"a share is a fraction between 0 and 1, got {param.value!r}",
                ["parameters", name, "value"], name)
    return problems


def _unique_choices(choices, loc, add, rid):
    values = set()
    for i, c in enumerate(choices):
        if c.value in values:
            add(f"duplicate choice {c.value!r}", loc + [i, "value"], rid)
        values.add(c.value)


def _rule_env(s: Standard) -> RuleEnv:
    questions = s.questions()
    choices = {}
    for qid, q in questions.items():
        cs = s.question_choices(q)
        if cs:
            choices[qid] = {c.value for c in cs}
    evidence = {e.id: e for b in s.benchmarks() for e in b.evidence}
    return RuleEnv(questions, choices, evidence, s.parameters, METRICS)


def compile_standard(s: Standard, raw: _Raw | None = None,
                     env: RuleEnv | None = None) -> dict[str, tuple]:
    """Compile every rule of a standard: benchmark id -> (met, partially_met, applies_when)."""
    env = env or _rule_env(s)
    compiled: dict[str, tuple] = {}
    problems: list[Problem] = []
    for di, d in enumerate(s.dimensions):
        for bi, b in enumerate(d.benchmarks):
            out = []
            for name in ("met", "partially_met", "applies_when"):
                text = getattr(b.rule, name)
                if text is None:
                    out.append(None)
                    continue
                loc = ["dimensions", di, "benchmarks", bi, "rule", name]
                file, line, col = raw.locate(loc) if raw else (None, None, None)
                try:
                    out.append(compile_rule(text, env, file=file, line=line, column=col,
                                            record_id=b.id, field_name=format_path(loc)))
                except SealError as e:
                    problems.extend(e.problems)
                    out.append(None)
            compiled[b.id] = tuple(out)
    if problems:
        from .errors import RuleError

        raise RuleError(problems)
    return compiled


def compile_measures(s: Standard, raw: _Raw | None = None,
                     env: RuleEnv | None = None) -> dict[str, Any]:
    """Compile the ``indicator.measure`` of every action: action id -> compiled expression."""
    env = env or _rule_env(s)
    out: dict[str, Any] = {}
    problems: list[Problem] = []
    for ai, a in enumerate(s.actions):
        if a.indicator is None or a.indicator.measure is None:
            continue
        loc = ["actions", ai, "indicator", "measure"]
        file, line, col = raw.locate(loc) if raw else (None, None, None)
        try:
            rule = compile_rule(a.indicator.measure, env, file=file, line=line, column=col,
                                record_id=a.id, field_name=format_path(loc), expect="value")
        except SealError as e:
            problems.extend(e.problems)
            continue
        if rule.type not in ("number", "share", "points", "bool", "any"):
            problems.append(Problem(
                f"a measure must give a number, a share or yes/no, but this gives {rule.type}",
                file=file, line=line, column=col, field=format_path(loc), record_id=a.id))
            continue
        out[a.id] = rule
    if problems:
        from .errors import RuleError

        raise RuleError(problems)
    return out


# ------------------------------------------------------------------------------ discovery


@dataclass(frozen=True)
class StandardInfo:
    id: str
    version: int
    title: str
    path: Path
    extends: str | None = None


def _candidates(folder: Path) -> Iterable[Path]:
    if not folder.is_dir():
        return
    for p in sorted(folder.iterdir()):
        if p.name.startswith(("_", ".")):
            continue
        if p.is_dir() and any((p / n).is_file() for n in _STANDARD_FILES):
            yield p
        elif p.is_file() and p.suffix in _SUFFIXES:
            yield p


def _header(path: Path) -> dict | None:
    file = path
    if path.is_dir():
        file = next(path / n for n in _STANDARD_FILES if (path / n).is_file())
    try:
        data = read_source(file).data
    except SealError:
        return None
    if isinstance(data, dict) and data.get("type") == "standard" and "id" in data:
        return data
    return None


def list_standards(folders: Iterable[Path] | None = None) -> list[StandardInfo]:
    """Standards found in ``folders`` (default: SEAL_STANDARDS_PATH, then the bundled ones)."""
    found = []
    for folder in folders if folders is not None else standards_search_path():
        for p in _candidates(Path(folder)):
            h = _header(p)
            if h is not None:
                ext = h.get("extends")
                found.append(StandardInfo(
                    str(h["id"]), h.get("version", 0), str(h.get("title", "")), p,
                    f"{ext.get('id')} v{ext.get('version')}" if isinstance(ext, dict) else None))
    return found


def find_standard(standard_id: str, version: int | None = None,
                  folders: Iterable[Path] | None = None) -> Path:
    """The path of a standard by id (and version; the newest if omitted)."""
    infos = [i for i in list_standards(folders) if i.id == standard_id]
    if version is not None:
        exact = [i for i in infos if i.version == version]
        if not exact:
            have = ", ".join(f"v{i.version}" for i in infos) or "none"
            raise StandardError(
                f"standard {standard_id!r} version {version} was not found on the standards "
                f"path (versions found: {have}); add its folder to SEAL_STANDARDS_PATH or give "
                "the standard's file or folder"
            )
        return exact[0].path
    if not infos:
        raise StandardError(f"standard {standard_id!r} was not found on the standards path")
    return max(infos, key=lambda i: i.version).path


# ------------------------------------------------------------------------------ assessments


def load_assessment(path: str | Path) -> Assessment:
    """Load and validate an assessment file (its answers are checked against the standard when
    it is scored, or by :func:`normalise_answers`)."""
    try:
        src = read_source(path)
    except SealError as e:
        raise AssessmentError(e.problems) from None
    if not isinstance(src.data, dict):
        raise AssessmentError(Problem("an assessment file must hold a mapping of fields",
                                      file=src.file))
    if src.data.get("type", "assessment") != "assessment":
        file, line, col = src.locate(["type"])
        raise AssessmentError(Problem(f"type is {src.data.get('type')!r}; expected 'assessment'",
                                      file=file, line=line, column=col, field="type"))
    try:
        assessment = Assessment.model_validate(src.data)
    except ValidationError as e:
        raise AssessmentError(
            _validation_problems(e, src.data, src.positions, src.file)) from None
    assessment._source = src
    return assessment


def assessment_file(assessment: Assessment) -> Path | None:
    src = assessment._source
    return Path(src.file) if src is not None else None


def normalise_answers(standard: Standard, assessment: Assessment) -> tuple[dict, list[Problem]]:
    """Check every answer against its question and convert it to the form rules see:
    yes/no as booleans, percentages as fractions 0..1, dates as dates.  Returns the answers
    (unanswered questions left out) and the problems found."""
    src: Source | None = assessment._source
    questions = standard.questions()
    out: dict[str, Any] = {}
    problems: list[Problem] = []

    def where(loc):
        if src is None:
            return None, None, None
        return src.locate(loc)

    def add(msg, loc, rid=None):
        file, line, col = where(loc)
        problems.append(Problem(msg, file=file, line=line, column=col, field=format_path(loc),
                                record_id=rid))

    for qid, value in assessment.answers.items():
        q = questions.get(qid)
        if q is None:
            add(f"unknown question {qid!r}: {standard.id} v{standard.version} has no such "
                f"question{did_you_mean(qid, questions)}", ["answers", qid], qid)
            continue
        if value is None:
            continue
        ok, converted, why = _convert(standard, q, value)
        if ok:
            out[qid] = converted
        else:
            add(why, ["answers", qid], qid)
    evidence_ids = {e.id for b in standard.benchmarks() for e in b.evidence}
    for i, item in enumerate(assessment.evidence):
        if item.requirement not in evidence_ids:
            add(f"unknown evidence requirement {item.requirement!r}"
                f"{did_you_mean(item.requirement, evidence_ids)}",
                ["evidence", i, "requirement"], item.requirement)
    bench_ids = {b.id for b in standard.benchmarks()}
    for bid in assessment.not_applicable:
        if bid not in bench_ids:
            add(f"unknown benchmark {bid!r}", ["not_applicable", bid], bid)
    ref = assessment.standard
    if (ref.id, ref.version) != (standard.id, standard.version):
        add(f"assessment is for {ref.id} v{ref.version}, not {standard.id} v{standard.version}",
            ["standard"])
    return out, problems


_EXPECT = {
    "yes_no": "yes or no (true/false)",
    "integer": "a whole number",
    "number": "a number",
    "percent": "a percentage between 0 and 100",
    "date": "a date as YYYY-MM-DD",
    "text": "text",
}


def _convert(standard: Standard, q: Question, value: Any) -> tuple[bool, Any, str]:
    t = q.type
    bad = (False, None, f"expected {_EXPECT.get(t.value, t.value)}, got {value!r}")
    if t is QuestionType.yes_no:
        if isinstance(value, bool):
            return True, value, ""
        if isinstance(value, str) and value.lower() in ("yes", "no"):
            return True, value.lower() == "yes", ""
        return bad
    if t in (QuestionType.single_choice, QuestionType.multiple_choice):
        allowed = [c.value for c in standard.question_choices(q) or []]
        values = value if t is QuestionType.multiple_choice else [value]
        if t is QuestionType.multiple_choice and not isinstance(value, list):
            return False, None, f"expected a list of choices from {allowed}, got {value!r}"
        for v in values:
            if not isinstance(v, str) or v not in allowed:
                return (False, None, f"{v!r} is not one of the allowed choices {allowed}"
                        f"{did_you_mean(v, allowed)}")
        if t is QuestionType.multiple_choice and len(set(values)) != len(values):
            return False, None, f"a choice is ticked twice in {value!r}"
        return True, value, ""
    if t is QuestionType.percent and isinstance(value, str):
        m = re.fullmatch(r"\s*(-?\d+(?:\.\d+)?)\s*%\s*", value)
        if m:  # '20%' or '20 %' is 20
            value = float(m.group(1))
            value = int(value) if value.is_integer() else value
    if t in (QuestionType.integer, QuestionType.number, QuestionType.percent):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (
            isinstance(value, float) and not math.isfinite(value)
        ):
            return bad
        if t is QuestionType.integer and not (isinstance(value, int) or value.is_integer()):
            return bad
        lo = 0 if t is QuestionType.percent else q.min
        hi = 100 if t is QuestionType.percent else q.max
        if t is QuestionType.percent:
            lo = q.min if q.min is not None else 0
            hi = q.max if q.max is not None else 100
        if lo is not None and value < lo:
            return False, None, f"{value!r} is below the minimum {lo:g}" + _pct(t)
        if hi is not None and value > hi:
            return False, None, f"{value!r} is above the maximum {hi:g}" + _pct(t)
        if t is QuestionType.percent:
            return True, value / 100, ""
        return True, int(value) if t is QuestionType.integer else value, ""
    if t is QuestionType.date:
        if isinstance(value, dt.date):
            return True, value, ""
        if isinstance(value, str):
            try:
                return True, dt.date.fromisoformat(value), ""
            except ValueError:
                return bad
        return bad
    if t is QuestionType.text:
        return (True, value, "") if isinstance(value, str) else bad
    # table
    if not isinstance(value, list) or not all(isinstance(r, dict) for r in value):
        return False, None, f"expected a list of rows (mappings of column: value), got {value!r}"
    cols = {c.id: c for c in q.columns or []}
    rows = []
    for i, row in enumerate(value):
        new = {}
        for key, cell in row.items():
            col = cols.get(key)
            if col is None:
                return False, None, f"row {i + 1}: unknown column {key!r} (columns: {list(cols)})"
            if cell is None:
                new[key] = None
                continue
            ok, conv, why = _convert(standard, col, cell)  # columns share question semantics
            if not ok:
                return False, None, f"row {i + 1}, column {key!r}: {why}"
            new[key] = conv
        rows.append(new)
    return True, rows, ""


def _pct(t: QuestionType) -> str:
    return " (percentages are written 0-100)" if t is QuestionType.percent else ""
