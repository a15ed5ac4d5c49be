"""Scoring many assessment files, and comparing them: the files found, batched, scored where
the executor says (all cores by default), streamed back in order."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem, SealError
from ..models import Standard
from ._workforce import DEFAULT_MIN_GROUP, PARITY_BAND
from .build import Selection, check_by, finish, select
from .executors import cores, run_batches
from .models import Comparison, ScoredRow, StandardShape
from .rows import score_file, shape_of

__all__ = ["Scored", "assessment_files", "compare_files", "score_many"]

#: Fewer files than this are scored in this process: starting workers would cost more.
SERIAL_BELOW = 200


def assessment_files(paths: Iterable[str | Path]) -> list[tuple[str, bool]]:
    """The files to score: each file given, and the YAML and JSON files below each folder
    given (standard folders and names starting with '_' or '.' left out), as ``(path,
    found)`` where ``found`` says it was found in a folder.  A path that does not exist, or a
    folder with nothing to score, is a :class:`SealError`."""
    from ..validation import files_under

    out: list[tuple[str, bool]] = []
    problems = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = [f for f in files_under(path) if f.is_file()]
            if not found:
                problems.append(Problem("no assessments (.yaml, .yml, .json) in this folder",
                                        file=str(path)))
            out.extend((str(f), True) for f in found)
        elif path.exists():
            out.append((str(path), False))
        else:
            problems.append(Problem(f"no such file or folder {str(path)!r}", file=str(path)))
    if problems:
        raise SealError(problems)
    return out


@dataclass(frozen=True)
class Scored:
    """One file scored: its row, or the error that stopped it."""

    file: str
    row: ScoredRow | None
    error: SealError | None


_SHAPES: dict[str, StandardShape] = {}
# The standards a worker found for the assessments of one run (by id, version and the
# standards folder near the files), looked up once per run and process.
_RESOLVED: dict = {}


def _score_batch(job: tuple) -> tuple[list[tuple[str, ScoredRow | SealError | None]],
                                      dict[str, StandardShape]]:
    """A worker's job: score a batch of files; the standards' shapes come back along."""
    items, standard, parity, run = job
    from .. import standard_for  # noqa: F401  (loaded once per process)
    from .rows import _SENT

    out = []
    shapes: dict[str, StandardShape] = {}
    if _RESOLVED.get("run") != run:  # standards are looked up afresh for each run
        _RESOLVED.clear()
        _RESOLVED["run"] = run
    resolved = _RESOLVED
    for path, found in items:
        r = score_file(path, standard, found=found, parity=parity, resolved=resolved)
        out.append((path, r))
        if isinstance(r, ScoredRow):
            key = r.standard_key
            if key not in shapes:
                shape = _SHAPES.get(key)
                if shape is None:
                    s = standard or _SENT.get((r.standard, r.version)) or next(
                        (v for k, v in resolved.items()
                         if isinstance(k, tuple) and k[:2] == (r.standard, r.version)), None)
                    if s is None:  # pragma: no cover - every row's standard was resolved
                        from .. import load_assessment

                        s = standard_for(load_assessment(path))
                    shape = _SHAPES[key] = shape_of(s)
                shapes[key] = shape
    return out, shapes


def _compare_batch(job: tuple) -> tuple[Selection, dict[str, StandardShape], list[Scored]]:
    """A worker's job for a comparison: score a batch and reduce it to its partial."""
    items, standard, parity, run, options = job
    out, shapes = _score_batch((items, standard, parity, run))
    rows, failed = [], []
    for path, r in out:
        if isinstance(r, SealError):
            failed.append(Scored(path, None, r))
        elif r is not None:
            rows.append(r)
    return select(rows, **options), shapes, failed


def _batches(items: Sequence, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield list(items[i:i + size])


def _plan(n: int, workers: int | None, executor: str) -> tuple[int, int]:
    """(workers, batch size) for ``n`` files."""
    if workers is None:
        workers = 1 if executor == "local" and n < SERIAL_BELOW else cores()
    size = max(1, min(250, n // (workers * 8) or 1))
    return workers, size


def _run(job_fn, paths, *, standard, parity, workers, executor, scheduler, progress,
         options=None):
    files = assessment_files(paths)
    n_workers, size = _plan(len(files), workers, executor)
    sent = [standard] if standard is not None else []
    run = secrets.token_hex(8)
    jobs = ((b, standard, parity, run) if options is None else
            (b, standard, parity, run, options) for b in _batches(files, size))
    done = 0
    for batch, result in zip(_batches(files, size),
                             run_batches(job_fn, jobs, executor=executor, workers=n_workers,
                                         scheduler=scheduler, standards=sent), strict=True):
        done += len(batch)
        if progress is not None:
            progress(done, len(files))
        yield result


def score_many(paths: Iterable[str | Path], *, standard: Standard | None = None,
               workers: int | None = None, executor: str = "local",
               scheduler: str | None = None, parity: bool = False,
               progress: Callable[[int, int], None] | None = None,
               shapes: dict[str, StandardShape] | None = None) -> Iterator[Scored]:
    """Score every assessment file under ``paths`` (files and folders), one :class:`Scored`
    per file in order, streamed.  Each is scored against ``standard`` if given, else the one it
    names.  Many files are scored on all cores (``workers`` processes; ``executor='dask'``
    for a Dask cluster, see :func:`~seal_engine.compare.executors.run_batches`).  Files found in
    folders that are not assessments (a standard's files) are passed over.  ``parity``: read
    the staff counts of the parity dashboard too.  ``progress(done, total)`` is called after
    each batch.  ``shapes``, if given, receives the shape of each standard used."""
    for out, got in _run(_score_batch, paths, standard=standard, parity=parity,
                         workers=workers, executor=executor, scheduler=scheduler,
                         progress=progress):
        if shapes is not None:
            shapes.update(got)
        for path, r in out:
            if r is None:
                continue
            if isinstance(r, SealError):
                yield Scored(path, None, r)
            else:
                yield Scored(path, r, None)


def compare_files(paths: Iterable[str | Path], *, by: Sequence[str] = (),
                  periods: Sequence[str] = (), basis: str = "preferred",
                  standard: str | None = None, drafts: bool = False,
                  parity: bool = True, min_group: int = DEFAULT_MIN_GROUP,
                  parity_band: tuple[float, float] = PARITY_BAND, workers: int | None = None,
                  executor: str = "local", scheduler: str | None = None,
                  progress: Callable[[int, int], None] | None = None,
                  errors: list[Scored] | None = None, lang: str | None = None) -> Comparison:
    """Compare the assessment files under ``paths``: the government view
    (:class:`~seal_engine.Comparison`) of :func:`~seal_engine.compare_portfolio`, scored on
    all cores, or on a Dask cluster with ``executor='dask'``.  Each batch is reduced to its
    partial (:class:`~seal_engine.compare.build.Selection`) where it was scored, and the
    partials are merged, so only the latest results per institution travel back.

    Files that cannot be scored are a :class:`SealError` listing every problem, unless
    ``errors`` is a list: then they are appended to it and the rest is compared.  ``lang``:
    the standards' titles in that language where they have a translation (those found on
    the standards path)."""
    by = check_by(by)
    options = {"basis": basis, "periods": tuple(periods), "standard": standard,
               "drafts": drafts}
    sel = select((), **options)  # checks the options before any work
    shapes: dict[str, StandardShape] = {}
    failed: list[Scored] = []
    for part, got, bad in _run(_compare_batch, paths, standard=None, parity=parity,
                               workers=workers, executor=executor, scheduler=scheduler,
                               progress=progress, options=options):
        shapes.update(got)
        failed.extend(bad)
        sel.update(part)
    if failed:
        if errors is None:
            raise SealError([p for f in failed for p in f.error.problems])
        errors.extend(failed)
    if lang:
        shapes = {k: _in_language(v, lang) for k, v in shapes.items()}
    where = ", ".join(str(p) for p in paths)
    return finish(sel, shapes, by=by, periods=periods, basis=basis, min_group=min_group,
                  parity_band=parity_band, source=f"files: {where}")


def _in_language(shape: StandardShape, lang: str) -> StandardShape:
    """``shape`` with the titles of its standard (found on the standards path by id and
    version) in ``lang``; as it is when that standard is not found there or has no
    translation."""
    from ..loader import find_standard, load_standard, translated_standard
    from ..loader.standard import _key

    try:
        path = find_standard(shape.id, shape.version)
        key = (str(path), lang, _key(path))
        found = _TRANSLATED.get(key)
        if found is None:
            standard = load_standard(path)
            other = translated_standard(standard, lang)
            found = shape_of(other) if other is not standard else shape
            if len(_TRANSLATED) > 32:
                _TRANSLATED.clear()
            _TRANSLATED[key] = found
    except SealError:
        return shape
    same = ([b[0] for b in found.benchmarks] == [b[0] for b in shape.benchmarks]
            and [lv[0] for lv in found.levels] == [lv[0] for lv in shape.levels])
    return found if same else shape  # another content under that id and version: as it is


_TRANSLATED: dict[tuple, StandardShape] = {}
