"""Standards from files, folders, texts or mappings: assembled, merged over the standard they
extend, validated and compiled, every problem located; and the standard an assessment names."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .._cells import bad_character
from .._source import Source, format_path, parse_text, read_source, shorten_repr
from ..compilation import compile_standard
from ..errors import Problem, SealError, StandardError
from ..messages import say
from ..models import Assessment, Standard
from ..settings import standards_search_path
from ._raw import (
    STANDARD_FILES,
    SUFFIXES,
    Raw,
    as_standard_error,
    assemble,
    mapping_of,
    merge,
    validation_problems,
)
from .discovery import find_standard

__all__ = ["load_standard", "parse_standard", "standard_for"]


def load_standard(path: str | Path, *, search_path: Iterable[str | Path] | None = None,
                  parents: Sequence[Standard] = ()) -> Standard:
    """Load, validate and compile a standard from a file or a folder.

    Raises :class:`StandardError` (or :class:`RuleError`) listing every problem found, each with
    the file, line, column and field."""
    path = Path(path)
    search = [Path(p) for p in search_path] if search_path else None
    if parents:  # parents in memory: nothing on disk names them
        return _build(_raw_from_path(path, search, parents, ()))
    from .cache import cached, store_standard

    hit = cached(path, search or (), lambda: _raw_from_path(path, search, (), ()))
    if hit is not None:  # the same files read, validated and checked before (see loader.cache)
        standard, raw = hit
        standard._compiled = compile_standard(standard, raw)
        return standard
    raw = _raw_from_path(path, search, parents, ())
    standard = _build(raw)
    store_standard(path, search or (), raw, standard)
    return standard


def parse_standard(source: str | bytes | Mapping[str, Any], name: str = "<standard>", *,
                   search_path: Iterable[str | Path] | None = None,
                   parents: Sequence[Standard] = ()) -> Standard:
    """A standard from memory: YAML or JSON text, a mapping of its fields, or a folder given as
    a mapping of file names to texts (``{"standard.yaml": ..., "leadership.yaml": ...}``).

    ``name`` is what error messages call it (for text: JSON when it ends in ``.json``).  A
    standard that ``extends`` another finds its parent among ``parents`` (loaded standards),
    then on ``search_path`` and the standards search path.  Errors are located as
    :func:`load_standard`'s are."""
    search = [Path(p) for p in search_path] if search_path else None
    raw = _raw_from_memory(source, name)
    raw = _with_parent(raw, search, parents, (), near=None)
    return _build(raw)


# ------------------------------------------------------------------------------ assembly


def _is_file_mapping(source: Mapping) -> bool:
    return bool(source) and all(
        isinstance(k, str) and k.lower().endswith(SUFFIXES) and isinstance(v, (str, bytes))
        for k, v in source.items())


def _raw_from_memory(source: Any, name: str) -> Raw:
    try:
        if isinstance(source, (str, bytes, bytearray)):
            src = parse_text(source, name)
            text = source if isinstance(source, str) else bytes(source).decode("utf-8")
            return assemble(mapping_of(src, "standard"), [], {name: text})
        if isinstance(source, Mapping) and _is_file_mapping(source):
            return _raw_from_files(source, name)
        if isinstance(source, Mapping):
            return Raw(dict(source), {}, name, [name])
    except SealError as e:
        raise as_standard_error(e) from None
    raise StandardError(Problem(
        f"a standard is given as YAML or JSON text, a mapping of its fields, or a mapping of "
        f"file names to texts; got {type(source).__name__}", file=name))


def _raw_from_files(files: Mapping[str, str | bytes], name: str) -> Raw:
    headers = [k for k in files if k.rsplit("/", 1)[-1] in STANDARD_FILES]
    if len(headers) != 1:
        raise StandardError(Problem(
            "a standard given as files needs exactly one standard.yaml (or .yml, .json) "
            f"header, found {len(headers)}", file=name))
    header = headers[0]
    texts = {k: (v if isinstance(v, str) else bytes(v).decode("utf-8", "replace"))
             for k, v in files.items()}

    def shown(k: str) -> str:
        return f"{name}/{k}" if name else k

    parts = [parse_text(files[k], shown(k)) for k in sorted(files)
             if k != header and not k.rsplit("/", 1)[-1].startswith(("_", "."))]
    return assemble(parse_text(files[header], shown(header)), parts, texts)


def _raw_from_path(path: Path, search, parents, seen: tuple) -> Raw:
    try:
        if path.is_dir():
            header = next((path / n for n in STANDARD_FILES if (path / n).is_file()), None)
            if header is None:
                raise StandardError(
                    Problem("folder has no standard.yaml (or .yml, .json) header",
                            file=str(path)))
            others = sorted(
                p for p in path.rglob("*") if p.suffix in SUFFIXES and p != header
                and p.is_file() and not p.name.startswith(("_", "."))
                and not any(part.startswith(("_", ".")) for part in
                            p.relative_to(path).parts[:-1]))
            raw = assemble(_read(header), [_read(p) for p in others])
        else:
            raw = assemble(_read(path), [])
    except SealError as e:
        raise as_standard_error(e) from None
    return _with_parent(raw, search, parents, seen + (str(path),), near=path)


def _read(path: Path) -> Source:
    return read_source(path)


def _with_parent(raw: Raw, search, parents: Sequence[Standard], seen: tuple,
                 near: Path | None) -> Raw:
    ref = raw.data.get("extends")
    if not ref:
        return raw
    file, line, col = raw.locate(["extends"])
    if (not isinstance(ref, dict) or not isinstance(ref.get("id"), str)
            or isinstance(ref.get("version"), bool) or not isinstance(ref.get("version"), int)):
        raise StandardError(Problem("extends needs {id: ..., version: ...} (an id and a whole "
                                    "version number)", file=file, line=line, column=col,
                                    field="extends"))
    given = next((p for p in parents if (p.id, p.version) == (ref["id"], ref["version"])), None)
    if given is not None:
        from ..compilation import compiled

        source = compiled(given).raw
        if source is None:
            raise StandardError(Problem(
                f"the parent {ref['id']} v{ref['version']} given was not parsed from text, so "
                "it cannot be extended", file=file, line=line, column=col, field="extends"))
        parent = source.copy()
    else:
        folders = ([near.parent] if near is not None else []) + list(search or [])
        try:
            parent_path = find_standard(ref["id"], ref["version"],
                                        folders + standards_search_path())
        except StandardError as e:
            raise StandardError(Problem(e.problems[0].message, file=file, line=line,
                                        column=col, field="extends")) from None
        if str(parent_path) in seen:
            raise StandardError(Problem(f"extends loops back to {parent_path}", file=file,
                                        line=line, column=col, field="extends"))
        parent = _raw_from_path(parent_path, search, parents, seen)
    positions = dict(parent.positions)
    positions.update(raw.positions)
    merged = merge(parent.data, raw.data, positions)
    merged["extends"] = raw.data["extends"]
    return Raw(merged, positions, raw.file, parent.files + raw.files, raw.texts)


# ------------------------------------------------------------------------------ validation


def _build(raw: Raw) -> Standard:
    """The standard from its merged data, validated, its links and characters checked and
    compiled."""
    if not isinstance(raw.data, dict):  # pragma: no cover - assemble checks it
        raise StandardError(Problem("a standard must hold a mapping of fields", file=raw.file))
    if raw.data.get("type", "standard") != "standard":
        file, line, col = raw.locate(["type"])
        kind = raw.data.get("type")
        raise StandardError(Problem(f"type is {kind!r}; expected 'standard'"
                                    + _other_kind_hint(kind),
                                    file=file, line=line, column=col, field="type"))
    problems = control_characters(raw)
    if problems:
        raise StandardError(problems)
    try:
        standard = Standard.model_validate(raw.data)
    except ValidationError as e:
        raise StandardError(validation_problems(e, raw)) from None
    problems = check_links(standard, raw)
    if problems:
        raise StandardError(problems)
    for b in standard.benchmarks():
        if b.id in standard.not_applicable:
            b.applicable = False
    standard._compiled = compile_standard(standard, raw)
    return standard


def control_characters(raw: Raw, most: int = 50) -> list[Problem]:
    """A located problem for each text of the standard holding a character that no text may
    hold: a control character other than tab, line feed and carriage return, a lone surrogate,
    U+FFFE or U+FFFF.  The YAML reader refuses them written as they are; these came in through
    an escape (``"\\a"``, ``"\\x07"``), and would otherwise reach plans and workbooks, which
    cannot hold them, far from the file they came from."""
    problems: list[Problem] = []

    def add(text: str, loc: list, record_id: str | None) -> None:
        ch = bad_character(text)
        if ch is not None and len(problems) < most:
            file, line, col = raw.locate(loc)
            problems.append(Problem(
                f"{shorten_repr(text, 60)} holds the control character {ch!r}, which a "
                "standard's texts may not hold; remove it", file=file, line=line, column=col,
                field=format_path(loc), record_id=record_id))

    def walk(node: Any, loc: list, record_id: str | None) -> None:
        if isinstance(node, str):
            add(node, loc, record_id)
        elif isinstance(node, dict):
            rid = node.get("id")
            rid = rid if isinstance(rid, str) else record_id
            for key, value in node.items():
                if isinstance(key, str):
                    add(key, [*loc, key], rid)
                walk(value, [*loc, key], rid)
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, [*loc, i], record_id)

    walk(raw.data, [], None)
    return problems


def _other_kind_hint(kind: Any) -> str:
    from .kinds import what_is

    hint = what_is(kind)
    return f" ({hint})" if hint else ""


def check_links(s: Standard, raw: Raw) -> list[Problem]:
    """Problems with ids and links the models cannot see: duplicates, dangling references,
    level ladders, translations of unknown records, shares outside 0..1."""
    problems: list[Problem] = []

    def add(msg: str, loc: list, record_id: str | None = None):
        file, line, col = raw.locate(loc)
        problems.append(Problem(msg, file=file, line=line, column=col,
                                field=format_path(loc), record_id=record_id))

    seen: dict[str, str] = {}

    def unique(kind: str, rid: str, loc: list):
        if rid in seen:
            add(say("standard.duplicate_id", id=rid, kind=say(f"record.{seen[rid]}")),
                loc + ["id"], rid)
        else:
            seen[rid] = kind

    level_ids = set()
    for i, lv in enumerate(s.levels):
        unique("level", lv.id, ["levels", i])
        level_ids.add(lv.id)
    orders = [lv.order for lv in s.levels]
    if len(set(orders)) != len(orders):
        add(say("standard.same_order"), ["levels"])
    ladder = s.levels_in_order()
    for lower, higher in zip(ladder, ladder[1:], strict=False):
        if higher.min_score < lower.min_score:
            i = s.levels.index(higher)
            add(say("standard.ladder", level=higher.id, score=f"{higher.min_score:g}",
                    lower_score=f"{lower.min_score:g}", lower=lower.id),
                ["levels", i, "min_score"], higher.id)
    scale_ids = set()
    for i, sc in enumerate(s.answer_scales):
        unique("answer_scale", sc.id, ["answer_scales", i])
        scale_ids.add(sc.id)
        _unique_choices(sc.choices, ["answer_scales", i, "choices"], add, sc.id)
    results_ids = set()
    for i, rl in enumerate(s.results_levels):
        unique("results_level", rl.id, ["results_levels", i])
        results_ids.add(rl.id)
    bench_ids = set()
    for di, d in enumerate(s.dimensions):
        unique("dimension", d.id, ["dimensions", di])
        if d.results_level is not None and d.results_level not in results_ids:
            add(say("standard.unknown_results_level", id=d.results_level,
                    known=", ".join(sorted(results_ids)) or say("standard.none_defined")),
                ["dimensions", di, "results_level"], d.id)
        for bi, b in enumerate(d.benchmarks):
            bloc = ["dimensions", di, "benchmarks", bi]
            unique("benchmark", b.id, bloc)
            bench_ids.add(b.id)
            if b.mandatory_from is not None and b.mandatory_from not in level_ids:
                add(say("standard.unknown_level", id=b.mandatory_from,
                        known=", ".join(sorted(level_ids))), bloc + ["mandatory_from"], b.id)
            for qi, q in enumerate(b.questions):
                qloc = bloc + ["questions", qi]
                unique("question", q.id, qloc)
                if q.answer_scale and q.answer_scale not in scale_ids:
                    add(say("standard.unknown_scale", id=q.answer_scale),
                        qloc + ["answer_scale"], q.id)
                if q.choices:
                    _unique_choices(q.choices, qloc + ["choices"], add, q.id)
                for ci, col in enumerate(q.columns or []):
                    if col.answer_scale and col.answer_scale not in scale_ids:
                        add(say("standard.unknown_scale", id=col.answer_scale),
                            qloc + ["columns", ci, "answer_scale"], q.id)
                if q.min is not None and q.max is not None and q.min > q.max:
                    add(say("standard.min_above_max", min=f"{q.min:g}", max=f"{q.max:g}"),
                        qloc + ["min"], q.id)
            for ei, ev in enumerate(b.evidence):
                unique("evidence_requirement", ev.id, bloc + ["evidence", ei])
    for ai, a in enumerate(s.actions):
        unique("action", a.id, ["actions", ai])
        for k, bid in enumerate(a.benchmarks):
            if bid not in bench_ids:
                add(say("standard.action_unknown_benchmark", id=bid),
                    ["actions", ai, "benchmarks", k], a.id)
    for k, bid in enumerate(s.not_applicable):
        if bid not in bench_ids:
            add(say("standard.na_unknown_benchmark", id=bid), ["not_applicable", k])
    for locale, translated in s.translations.items():
        problems.extend(translation_problems(s, locale, translated, raw))
    for name, param in s.parameters.items():
        if param.unit == "share" and not (
            isinstance(param.value, (int, float)) and 0 <= param.value <= 1
        ):
            add(say("standard.share_range", value=repr(param.value)),
                ["parameters", name, "value"], name)
    return problems


def translation_problems(s: Standard, locale: str, translated: dict, raw: Raw) -> list[Problem]:
    """A located problem for each record, field, choice or column of ``translated`` (the
    texts of one language) that the standard does not have."""
    problems: list[Problem] = []
    records = s.records()

    def add(msg: str, loc: list, record_id: str | None = None):
        file, line, col = raw.locate(["translations", locale, *loc])
        problems.append(Problem(msg, file=file, line=line, column=col,
                                field=format_path(["translations", locale, *loc]),
                                record_id=record_id))

    def check_choices(labels: dict, choices, loc: list, rid: str, what: str):
        values = [c.value for c in choices or []]
        for value in labels:
            if value not in values:
                add(f"{what} has no choice {value!r} (its choices: {', '.join(values)})",
                    [*loc, value], rid)

    for rid, texts in translated.items():
        if s.extends is not None and rid == s.extends.id:
            continue  # the parent's own title, inherited with its translations: not this one's
        if rid == s.id:
            target: Any = s
            kind = "the standard itself"
            allowed = {"title", "description"}
        elif rid in s.parameters:
            target, kind, allowed = s.parameters[rid], f"parameter {rid!r}", {"title"}
        elif rid in records:
            target = records[rid]
            kind = f"{_kind_name(target)} {rid!r}"
            allowed = set(type(target).model_fields)
        else:
            add(f"translation for unknown record {rid!r} (not an id of {s.id} v{s.version}, "
                "its parameters or its records)", [rid], rid)
            continue
        kind_name = _kind_name(target)
        for name, value in texts.given().items():
            if name not in allowed:
                add(f"a {'standard' if target is s else kind_name} has no field {name!r} to "
                    "translate", [rid, name], rid)
            elif name == "choices":
                if getattr(target, "answer_scale", None):
                    add(f"{kind} takes its choices from answer scale "
                        f"{target.answer_scale!r}; translate them there", [rid, name], rid)
                elif not target.choices:
                    add(f"{kind} has no choices to translate", [rid, name], rid)
                else:
                    check_choices(value, target.choices, [rid, name], rid, kind)
            elif name == "columns":
                columns = {c.id: c for c in target.columns or []}
                for cid, ct in value.items():
                    col = columns.get(cid)
                    if col is None:
                        add(f"{kind} has no column {cid!r} (its columns: "
                            f"{', '.join(columns) or 'none'})", [rid, name, cid], rid)
                    elif ct.get("choices"):
                        if col.answer_scale:
                            add(f"column {cid!r} takes its choices from answer scale "
                                f"{col.answer_scale!r}; translate them there",
                                [rid, name, cid, "choices"], rid)
                        elif not col.choices:
                            add(f"column {cid!r} of {kind} has no choices to translate",
                                [rid, name, cid, "choices"], rid)
                        else:
                            check_choices(ct["choices"], col.choices,
                                          [rid, name, cid, "choices"], rid, f"column {cid!r}")
    return problems


def _kind_name(record: Any) -> str:
    """'answer scale' for an AnswerScale, 'evidence requirement' for an EvidenceRequirement."""
    import re

    return re.sub(r"(?<!^)(?=[A-Z])", " ", type(record).__name__).lower()


def _unique_choices(choices, loc, add, rid):
    values = set()
    for i, c in enumerate(choices):
        if c.value in values:
            add(f"duplicate choice {c.value!r}", loc + [i, "value"], rid)
        values.add(c.value)


_LOADED: dict[tuple, Standard] = {}
_LOADED_LOCK = threading.Lock()


def standard_for(assessment: Assessment, *, search_path: Iterable[str | Path] | None = None
                 ) -> Standard:
    """The standard an assessment names (``standard: {id, version}``), looked up in a
    ``standards`` folder beside the assessment file or up to three folders above it, then on
    ``search_path`` and the standards search path.  Loaded standards are kept for the life of
    the process (keyed by path and modification time), so scoring many assessments against
    one standard loads it once.

    Raises :class:`StandardError` located at the assessment's ``standard:`` field."""
    ref = assessment.standard
    near: list[Path] = []
    origin = assessment.origin
    if origin is not None and origin.path is not None:
        here = origin.path.resolve().parent
        near = [p / "standards" for p in (here, *here.parents)][:4]
    extra = [Path(p) for p in search_path] if search_path else []
    try:
        path = find_standard(ref.id, ref.version, [*near, *extra, *standards_search_path()])
    except StandardError as e:
        file = line = col = None
        if origin is not None:
            file, line, col = origin.locate(["standard", "id"])
        raise StandardError(Problem(e.problems[0].message, file=file, line=line, column=col,
                                    field="standard", record_id=assessment.id)) from None
    key = _key(path)
    with _LOADED_LOCK:
        cached = _LOADED.get(key)
    if cached is not None:
        return cached
    standard = load_standard(path, search_path=extra or None)
    with _LOADED_LOCK:
        if len(_LOADED) > 32:
            _LOADED.clear()
        _LOADED[key] = standard
    return standard


def _key(path: Path) -> tuple:
    path = path.resolve()
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    return (str(path), tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files))
