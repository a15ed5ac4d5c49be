"""Where commands write: refusing to replace a file without ``force``, to follow a link, or to
write over a file the same command reads; the output format from a file's suffix."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from .errors import Problem, SealError

__all__ = ["check_output", "format_for"]

_NAME_MAX = 255


def check_output(path: Path, *, force: bool = False, inputs: Iterable[Any] = (),
                 field: str = "output") -> None:
    """Raise :class:`SealError` (one line, naming the path) when writing ``path`` would follow
    a symbolic link, replace an existing file without ``force``, replace a file this command
    reads (whatever ``force`` says), or cannot work at all (no such folder, a folder, a name too
    long).

    ``inputs`` are what the command reads: paths of files (an assessment file stands for the
    files it names too, such as its workforce data), folders (the YAML and JSON files below
    them, and the files the assessments there name), and loaded
    :class:`~seal_engine.Assessment` and :class:`~seal_engine.Standard` objects (the files
    they were read from and, for an assessment, the files it names).  ``None`` is skipped.  A
    file is the same as ``path`` when both resolve to one path, or are one file under two names
    (a hard link)."""
    path = Path(path)
    shown = str(path)

    def fail(message: str) -> SealError:
        return SealError(Problem(message, file=shown, field=field))

    if any(len(part.encode()) > _NAME_MAX for part in path.parts):
        raise fail("the file name is too long")
    if path.is_symlink():
        raise fail("is a symbolic link; write to the file itself, not to a link")
    parent = path.parent
    if not parent.exists():
        raise fail(f"folder {str(parent)!r} does not exist; create it first")
    if not parent.is_dir():
        raise fail(f"{str(parent)!r} is not a folder")
    if path.exists() and path.is_dir():
        raise fail("is a folder; give a file name")
    what = _input_named(path, inputs, force)
    if what is not None:
        raise fail("is also an input of this command" + (f" ({what})" if what else "")
                   + "; write to another file")
    if path.exists() and not force:
        raise fail("exists; add --force to replace it")
    if path.exists() and not os.access(path, os.W_OK):
        raise fail("cannot be written (permission denied)")


_DATA_SUFFIXES = (".yaml", ".yml", ".json")


def _input_named(path: Path, inputs: Iterable[Any], force: bool) -> str | None:
    """What ``path`` is among ``inputs``, in words (``""``: one of them as given), or ``None``
    when it is none of them.  Files named inside other files, and the files below a folder,
    are looked for only when ``path`` exists and ``force`` would replace it (else nothing
    would be overwritten)."""
    try:
        target = path.resolve()
        found = os.stat(path) if path.exists() else None
    except (OSError, RuntimeError):
        return None

    def same(candidate: Path) -> bool:
        try:
            if candidate.resolve() == target:
                return True
            if found is None:
                return False
            other = os.stat(candidate)
        except (OSError, RuntimeError, ValueError):
            return False
        return (other.st_dev, other.st_ino) == (found.st_dev, found.st_ino)

    for item in inputs:
        if item is None:
            continue
        try:
            for candidate, what in _files_of(item, path, found is not None and force):
                if same(candidate):
                    return what
        except OSError:  # a folder that cannot be listed: the command cannot read it either
            continue
    return None


def _files_of(item: Any, path: Path, deep: bool) -> Iterator[tuple[Path, str]]:
    """The files ``item`` stands for, each with what it is in words; with ``deep``, the files
    below a folder and those an assessment file names (its workforce data) too."""
    if isinstance(item, (str, os.PathLike)):
        given = Path(item)
        if given.is_dir():
            if not deep:
                return
            from .validation import files_under

            target = path.resolve()
            folder = given.resolve()
            if target.is_relative_to(folder) and target.suffix.lower() in _DATA_SUFFIXES:
                yield target, f"a file of the folder {str(given)!r} it reads"
            for f in files_under(given):
                if f.is_file():
                    yield from _named_in(f, f"named by {str(f)!r}")
            return
        yield given, ""
        if deep and given.suffix.lower() in _DATA_SUFFIXES:
            yield from _named_in(given, f"named by {str(given)!r}")
        return
    from .models import Assessment, Standard

    if isinstance(item, Assessment):
        origin = item.origin
        if origin is not None and origin.path is not None:
            yield origin.path, ""
            yield from _named_by(item, f"named by {origin.file!r}")
    elif isinstance(item, Standard):
        from .compilation import compiled

        raw = compiled(item).raw
        if raw is not None:
            for f in raw.files:
                if f not in raw.texts:
                    yield Path(f), f"a file of the standard {item.id} v{item.version}"


def _named_in(file: Path, what: str) -> Iterator[tuple[Path, str]]:
    """The files an assessment file names (nothing when it is not an assessment)."""
    from .loader import load_assessment

    try:
        assessment = load_assessment(file)
    except SealError:
        return
    yield from _named_by(assessment, what)


def _named_by(assessment: Any, what: str) -> Iterator[tuple[Path, str]]:
    if assessment.workforce and assessment.origin is not None and \
            assessment.origin.path is not None:
        from .loader.files import named_file

        try:
            yield named_file(assessment, assessment.workforce, "workforce"), \
                f"the workforce file {what}"
        except SealError:
            pass


def format_for(path: Path | None, fmt: str | None, choices: Sequence[str],
               default: str) -> str:
    """The output format: ``fmt`` if given (it must be one of ``choices``), else the file's
    suffix (``.xlsx`` → ``xlsx``, ``.md`` → ``markdown``…), else ``default``.  An unknown
    format is an error, never a silent default."""
    if fmt is not None:
        if fmt not in choices:
            raise SealError(Problem(f"unknown format {fmt!r}; choose one of "
                                    f"{', '.join(choices)}", field="format"))
        return fmt
    if path is not None:
        suffix = path.suffix.lower().lstrip(".")
        by_suffix = {"md": "markdown", "markdown": "markdown", "txt": "table", "jsonl": "jsonl",
                     "yml": "yaml"}
        guess = by_suffix.get(suffix, suffix)
        if guess in choices:
            return guess
    return default
