"""Checking files the way ``seal validate`` does: standards (and what an adaptation changes),
assessments against their standard (answers, evidence, the workforce file they name), and every
such file under a folder."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ._source import Source, read_regular, read_source
from .errors import Problem, SealError
from .loader._raw import STANDARD_FILES, SUFFIXES
from .loader.kinds import sniff_bytes, sniff_data
from .messages import say
from .models import Assessment, Standard

if TYPE_CHECKING:  # pragma: no cover
    from .diff import StandardDiff
    from .workforce import WorkforceData

__all__ = ["Checked", "check_file", "check_paths"]


@dataclass
class Checked:
    """What one valid file is: a standard (with its differences from the standard it extends)
    or an assessment (with its standard, how many answers, how many staff its workforce file
    holds), and the warnings found."""

    path: Path
    kind: str  # "standard" or "assessment"
    standard: Standard
    assessment: Assessment | None = None
    answers: int = 0
    staff: float | None = None
    differences: StandardDiff | None = None
    warnings: list[Problem] = field(default_factory=list)


def _kind(path: Path) -> tuple[str, Source | None]:
    """What the file is, and an assessment's source as read (not read again to load it)."""
    if path.is_dir():
        return "standard", None
    head = read_regular(path, 7)  # a pipe or a device is refused before it is opened
    hint = sniff_bytes(head, path.name)
    if hint:
        raise SealError(Problem(say("load.not_standard_or_assessment", hint=hint),
                                file=str(path)))
    src = read_source(path)
    data = src.data
    kind = data.get("type") if isinstance(data, dict) else None
    if kind in ("standard", "assessment"):
        return kind, src if kind == "assessment" else None
    if kind in ("dimension", "action_library"):
        raise SealError(Problem(
            say("load.part_of_folder", kind=kind, folder=str(path.parent)), file=str(path),
            field="type"))
    hint = sniff_data(data)
    raise SealError(Problem(
        say("load.type_not_either_hint", kind=kind, hint=hint) if hint else
        say("load.type_not_either", kind=kind), file=str(path), field="type"))


def check_file(path: Path, standard: Standard | None = None, *,
               workforce: Callable[[Assessment], WorkforceData | None] | None = None,
               warnings: bool = True, _found: dict | None = None) -> Checked:
    """Check one standard (file or folder) or assessment; raise :class:`SealError` listing its
    problems.  ``standard`` overrides the one an assessment names; ``workforce`` reads an
    assessment's workforce data in place of :func:`~seal_engine.loader.files.load_workforce_for`
    (``seal db import`` reads the file's bytes once, to check them and to store them);
    ``warnings=False`` leaves out the warnings (``seal db import`` shows none).  ``_found``:
    the standards found for other files of the same check (:func:`check_paths`)."""
    from .answers import answer_warnings, normalise_answers
    from .loader import find_standard, load_standard
    from .loader.assessment import _build
    from .loader.files import load_workforce_for

    path = Path(path)
    if not path.exists():
        raise SealError(Problem(say("load.no_such_path", path=str(path)), file=str(path)))
    kind, src = _kind(path)
    if kind == "standard":
        s = load_standard(path)
        checked = Checked(path, "standard", s)
        if s.extends:
            from .diff import diff_standards
            from .settings import standards_search_path

            parent = load_standard(find_standard(
                s.extends.id, s.extends.version,
                [path.parent if path.is_file() else path.parent, *standards_search_path()]))
            checked.differences = diff_standards(parent, s)
        return checked
    a = _build(src)  # as load_assessment builds it, from the source read once
    s = standard if standard is not None else _standard_for(a, _found)
    answers, problems = normalise_answers(s, a)
    staff = None
    try:
        data = (workforce or load_workforce_for)(a)
    except SealError as e:
        problems.extend(e.problems)
        data = None
    if data is not None:
        count = data.metric("headcount", ())
        staff = count if isinstance(count, (int, float)) else None
    if problems:
        raise SealError(problems)
    return Checked(path, "assessment", s, a, len(answers), staff,
                   warnings=answer_warnings(s, a) if warnings else [])


def _standard_for(a: Assessment, found: dict | None) -> Standard:
    """:func:`~seal_engine.loader.standard_for`, looked up once per standard and set of
    ``standards`` folders near the file in one check of many files (it searches the folders,
    lists a folder standard's files and reads the time of each): the files of a portfolio, one
    folder an institution, share the ``standards`` folder at its top.  Which standard the
    lookup finds depends only on the ``standards`` folders there are beside the file and up to
    three folders above it (one that is not a folder adds nothing) and on the search path,
    the same for the whole check."""
    from .loader import standard_for

    if found is None or a.origin is None or a.origin.path is None:
        return standard_for(a)
    folder = a.origin.path.resolve().parent  # a link's target's folders, as standard_for
    near = found.get(("near", folder))
    if near is None:  # as standard_for looks for them
        near = found[("near", folder)] = tuple(str(p) for p in [
            q / "standards" for q in (folder, *folder.parents)][:4] if p.is_dir())
    key = (a.standard.id, a.standard.version, near)
    s = found.get(key)
    if s is None:
        s = found[key] = standard_for(a)
    return s


def files_under(folder: Path) -> list[Path]:
    """Standard folders and YAML/JSON files under ``folder`` (a folder holding a
    ``standard.yaml`` counts as one standard; names starting with '_' or '.' are skipped)."""
    out: list[Path] = []

    def walk(d: Path) -> None:
        for p in sorted(d.iterdir()):
            if p.name.startswith(("_", ".")):
                continue
            if p.is_dir():
                if any((p / n).is_file() for n in STANDARD_FILES):
                    out.append(p)
                else:
                    walk(p)
            elif p.suffix.lower() in SUFFIXES:
                out.append(p)

    walk(folder)
    return out


def check_paths(paths: Iterable[Path], standard: Standard | None = None, *,
                workforce: Callable[[Assessment], WorkforceData | None] | None = None,
                warnings: bool = True
                ) -> Iterator[tuple[Path, Checked | SealError | ImportError]]:
    """Check each path; a folder that is not itself a standard is searched for standards and
    assessments.  Yields ``(path, Checked)`` or ``(path, error)`` per file, in order
    (``workforce``, ``warnings``: as :func:`check_file` takes them)."""
    found: dict = {}
    for path in paths:
        path = Path(path)
        if path.is_dir() and not any((path / n).is_file() for n in STANDARD_FILES):
            targets = files_under(path)
            if not targets:
                yield path, SealError(Problem(say("load.empty_folder"), file=str(path)))
        else:
            targets = [path]
        for target in targets:
            try:
                yield target, check_file(target, standard, workforce=workforce,
                                         warnings=warnings, _found=found)
            except (SealError, ImportError) as e:
                yield target, e
