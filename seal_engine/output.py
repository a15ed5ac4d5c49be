"""Where commands write: refusing to replace a file without ``force``, to follow a link, or to
write over a file the same command reads; the output format from a file's suffix."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from .errors import Problem, SealError

__all__ = ["check_output", "format_for"]

_NAME_MAX = 255


def check_output(path: Path, *, force: bool = False, inputs: Iterable[Path | None] = (),
                 field: str = "output") -> None:
    """Raise :class:`SealError` (one line, naming the path) when writing ``path`` would follow
    a symbolic link, replace an existing file without ``force``, replace a file this command
    reads (whatever ``force`` says), or cannot work at all (no such folder, a folder, a name too
    long)."""
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
    target = path.resolve()
    for source in inputs:
        if source is None:
            continue
        try:
            same = Path(source).resolve() == target
        except OSError:
            same = False
        if same:
            raise fail("is also an input of this command; write to another file")
    if path.exists() and not force:
        raise fail("exists; add --force to replace it")
    if path.exists() and not os.access(path, os.W_OK):
        raise fail("cannot be written (permission denied)")


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
