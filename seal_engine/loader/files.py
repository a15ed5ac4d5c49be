"""Files an assessment names (its workforce data), found beside it and never anywhere else."""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Problem, WorkforceError
from ..models import Assessment
from ..settings import get_setting

if TYPE_CHECKING:  # pragma: no cover
    from ..workforce import WorkforceData

__all__ = ["load_workforce_for", "named_file"]


def _data_folders() -> list[Path]:
    return [Path(p).resolve() for p in get_setting("SEAL_WORKFORCE_PATH").split(os.pathsep) if p]


def named_file(assessment: Assessment, name: str, field: str) -> Path:
    """The file ``name`` that ``assessment`` names in ``field``, resolved against the
    assessment's own folder.

    It must stay inside that folder (or a folder on ``SEAL_WORKFORCE_PATH``) once links
    are followed, and be a regular file: ``../../etc/passwd``, ``/proc/self/mem``, a device
    or a folder are refused with a :class:`WorkforceError` located at the field."""
    origin = assessment.origin

    def fail(message: str) -> WorkforceError:
        # located only when it fails: finding a JSON file's positions parses it again
        file = line = col = None
        if origin is not None:
            file, line, col = origin.locate([field])
        return WorkforceError(Problem(message, file=file, line=line, column=col, field=field,
                                      record_id=assessment.id))

    if origin is None or origin.path is None:
        raise fail(f"{field} {name!r} is a file name, but this assessment was not read from a "
                   "file, so there is no folder to find it in; pass the data itself "
                   "(score(..., workforce=parse_workforce(...)))")
    if "\x00" in name or not name.strip():
        raise fail(f"{field} {name!r} is not a file name")
    base = origin.path.resolve().parent
    allowed = [base, *_data_folders()]
    try:
        target = (base / name).resolve()
    except (OSError, RuntimeError) as e:
        raise fail(f"{field} {name!r} cannot be resolved ({e})") from None
    if not any(target == a or target.is_relative_to(a) for a in allowed):
        where = "the assessment's folder" + (" or a folder on SEAL_WORKFORCE_PATH"
                                              if len(allowed) > 1 else "")
        raise fail(f"{field} {name!r} points outside {where} ({base}); files an assessment "
                   "names must be beside it (add the folder to SEAL_WORKFORCE_PATH to allow "
                   "another)")
    try:
        st = target.stat()
    except FileNotFoundError:
        raise fail(f"no such workforce file {str(Path(origin.file).parent / name)!r}; fix the "
                   "path (it is relative to the assessment file)") from None
    except OSError as e:
        raise fail(f"{field} {name!r} cannot be read ({e.strerror})") from None
    if not stat.S_ISREG(st.st_mode):
        kind = "a folder" if stat.S_ISDIR(st.st_mode) else "not a regular file"
        raise fail(f"{field} {name!r} is {kind}; name a CSV or XLSX file")
    return target


def load_workforce_for(assessment: Assessment, grades: Sequence[str] | None = None
                       ) -> WorkforceData | None:
    """The workforce data an assessment file names (``workforce:``, relative to the assessment
    file), or ``None`` when it names none.  The data's year defaults to the year the assessment
    period ends.  This is the one place an assessment's own text leads to reading a file."""
    if not assessment.workforce:
        return None
    from ..workforce import load_workforce

    path = named_file(assessment, assessment.workforce, "workforce")
    shown = Path(assessment.origin.file).parent / assessment.workforce
    return load_workforce(path, grades=grades, name=str(shown), year=assessment.period.end.year)
