"""The fast path for large CSV files of one row per person: pyarrow's C reader and numpy.

A file of one row per person of at least :data:`FAST_FROM` bytes is read by pyarrow's
streaming CSV reader, its columns checked and summed into groups with numpy, when both are
installed; the result is handed to the same :class:`~seal_engine.workforce.per_person.
PersonBuilder` that the row-by-row path fills, whose ``finish`` builds the data, so both paths
give the same :class:`~seal_engine.workforce.data.WorkforceData`.

The fast path only says yes: a file it cannot read to the letter as the row-by-row path
would is left to that path, which reads it again from its first data row and locates every
problem (file, line, column).  It leaves a file to it when it has quotes, lone carriage
returns, a NUL byte, a row of another width, a blank or comment row after the header, a cell
longer than :data:`_LONG_CELL` bytes, more rows than ``SEAL_MAX_DATA_ROWS``, or when any
check of any row fails (an unknown code, an empty or repeated ``person_id``, a number written
otherwise than ``123`` or ``123.45``, the checks across a row's cells).  Codes (sex, grade,
scope, flags, record, the free-text breakdowns and exit reasons) are converted by the
parser's own converters, once per distinct value.
"""

from __future__ import annotations

import itertools
from array import array
from collections import Counter
from typing import Any

from ..settings import get_int_setting
from .columns import MAX_PAY, RECORDS
from .parser import BAD, EMPTY, Parser, Problems
from .per_person import _FLAG_COUNTS, _HOURS_IN_A_YEAR, _MAX_FTE, _SEX_NAMES, PersonBuilder
from .reading import forget_pages

__all__ = ["FAST_FROM", "fast_person_rows"]

#: CSV files of one row per person at least this large (bytes) take the fast path when pyarrow
#: and numpy are installed.
FAST_FROM = 2_000_000
#: A cell longer than this (bytes) sends the file to the row-by-row path, which checks the
#: limits of a cell and of a line.
_LONG_CELL = 4000
#: Bytes of CSV read and checked at a time.
_BLOCK = 2 << 20
_PIECE = 8 << 20  # bytes of the file parsed at once
_NUMBER = r"^[0-9]+(\.[0-9]+)?$"
# an identifier the row-by-row path keeps as it is: no space or control character at
# either end (what str.strip() would remove)
_ID = r"^[^\pZ\pC](.*[^\pZ\pC])?$"


class _Decline(Exception):
    """The file is left to the row-by-row path."""


def _modules():
    try:
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc
        import pyarrow.csv as pcsv
    except ImportError:
        return None
    return np, pa, pc, pcsv


def fast_person_rows(content: Any, path: Any, delimiter: str | None, p: Parser,
                     builder: PersonBuilder, hline: int, width: int) -> int | None:
    """Fill ``builder`` from the data rows of ``content`` (the whole CSV file, its header on
    line ``hline``; bytes, or the mmap of the file ``path``, which pyarrow then maps itself)
    and return how many there were; ``None`` (``builder`` untouched, ``p`` as it was) when
    the file is left to the row-by-row path."""
    if content is None or len(content) < FAST_FROM or delimiter is None or len(delimiter) != 1:
        return None
    mods = _modules()
    if mods is None:
        return None
    np = mods[0]
    with memoryview(content) as raw:
        state = _guarded(mods, np, raw, content, path, delimiter, p, builder, hline, width)
    if state is None:
        return None
    n, index, counts, pay, no_pay, reasons = state
    builder.index = index
    for name, arr in counts.items():
        builder.counts[name] = Counter(dict(enumerate(arr)))
    builder.pay_group, builder.pay_basic, builder.pay_comp, builder.pay_time = pay
    builder.no_pay = no_pay
    builder.reasons = reasons
    return n


def _guarded(mods, np, raw, content, path, delimiter: str, p: Parser, builder: PersonBuilder,
             hline: int, width: int):
    """``_read`` of the data rows, with the checks of the whole file first; None when the
    file is left to the row-by-row path (``p`` as it was)."""
    whole = np.frombuffer(raw, dtype=np.uint8)
    carriage = crlf = 0
    found: list = []
    odd = False  # a quote or a NUL byte: the row-by-row path's
    before = -1  # the byte before the block
    for at in range(0, len(whole), _BLOCK):  # a block at a time: no array as long as the file
        part = whole[at:at + _BLOCK]
        odd = odd or bool(np.count_nonzero((part == 34) | (part == 0)))
        carriage += int(np.count_nonzero(part == 13))
        nl = np.flatnonzero(part == 10)
        if len(nl):
            crlf += int(np.count_nonzero(part[nl[nl > 0] - 1] == 13)) + int(
                nl[0] == 0 and before == 13)
        found.append(nl + at)
        before = int(part[-1])
        forget_pages(content, at, len(part))
    breaks = np.concatenate(found) if found else np.empty(0, dtype=np.intp)
    del found
    refused = (odd or len(breaks) >= get_int_setting("SEAL_MAX_DATA_ROWS")
               or len(breaks) < hline or (carriage and carriage != crlf))
    if refused:
        return None
    start = int(breaks[hline - 1]) + 1
    end = len(whole)
    # the data rows in pieces of about _PIECE bytes, each ending at a line break: pyarrow
    # parses one piece at a time, so no more than one piece is ever held (its streaming reader
    # reads ahead as far as it can: most of a file by the time the first rows are summed)
    cuts = [start]
    for target in range(start + _PIECE, end, _PIECE):
        at = int(np.searchsorted(breaks, target)) - 1
        if at >= 0 and int(breaks[at]) + 1 > cuts[-1]:
            cuts.append(int(breaks[at]) + 1)
    cuts.append(end)
    del whole, breaks
    problems = p.problems
    memo = {k: dict(v) for k, v in p._memo.items()}
    spelling = {k: dict(v) for k, v in p._spelling.items()}

    def pieces():
        if path is not None:  # read from the file: our map is never held by pyarrow
            with open(path, "rb") as f:
                for a, b in itertools.pairwise(cuts):
                    f.seek(a)
                    yield f.read(b - a)
        else:
            for a, b in itertools.pairwise(cuts):
                yield bytes(content[a:b])

    try:
        return _read(mods, pieces(), delimiter, p, builder, width, hline)
    except _Decline:
        p.problems, p._memo, p._spelling = problems, memo, spelling
        return None


def _read(mods, pieces, delimiter: str, p: Parser, b: PersonBuilder, width: int, hline: int):
    np, pa, pc, pcsv = mods
    p.problems = Problems(p.file)  # what converting codes reports is a reason to decline
    names = [c for c, _i in sorted(p.columns.items(), key=lambda kv: kv[1])]
    if len(names) != width:
        raise _Decline
    options = dict(
        read_options=pcsv.ReadOptions(column_names=names, block_size=_BLOCK, use_threads=True),
        parse_options=pcsv.ParseOptions(delimiter=delimiter, quote_char=False,
                                        escape_char=False, newlines_in_values=False,
                                        ignore_empty_lines=True),
        convert_options=pcsv.ConvertOptions(
            column_types={c: pa.string() for c in names}, strings_can_be_null=False,
            quoted_strings_can_be_null=False, null_values=[], check_utf8=True))

    def batches():
        for piece in pieces:
            try:
                table = pcsv.read_csv(pa.py_buffer(piece), **options)
            except (pa.ArrowInvalid, pa.ArrowException):
                raise _Decline from None
            del piece
            yield from table.to_batches()

    limit = get_int_setting("SEAL_MAX_DATA_ROWS")
    index: dict[tuple, int] = {}
    count_names = ("headcount", "exits", "applicant_rows", "recruited", "applicants",
                   *(name for name, flag in _FLAG_COUNTS if flag in b.flag_cols))
    counts = {c: np.zeros(0, dtype=np.int64) for c in count_names}
    pay = (array("q"), array("d"), array("d"), array("d"))
    no_pay = 0
    reasons: dict[tuple[str, str], int] = {}
    ids = []
    n = 0
    for batch in batches():
        rows = batch.num_rows
        if not rows:
            continue
        n += rows
        if hline + n > limit:
            raise _Decline
        cols = {c: batch.column(i) for i, c in enumerate(names)}
        for col in cols.values():
            if pc.max(pc.binary_length(col)).as_py() > _LONG_CELL:
                raise _Decline
        first = cols[names[0]]
        if pc.any(pc.or_(pc.equal(pc.binary_length(first), 0),
                         pc.match_substring_regex(first, r"^[# \t]"))).as_py():
            raise _Decline  # blank cells or comments first: the row-by-row path's odd rows
        pid = cols["person_id"]
        if not pc.all(pc.match_substring_regex(pid, _ID)).as_py():
            raise _Decline
        ids.append(pid)
        state = _batch(np, pa, pc, p, b, cols, rows, index)
        gid, staff, in_post, exited, flags, record, sex = state[:7]
        amounts = state[7]
        groups = len(index)
        masks = {"headcount": in_post, "exits": staff & exited, "applicant_rows": record}
        hired = staff & flags.get("recruited", np.zeros(rows, dtype=bool))
        masks["recruited"] = hired
        masks["applicants"] = record | hired
        for name, flag in _FLAG_COUNTS:
            if flag in flags:
                masks[name] = staff & flags[flag]
        for name in count_names:
            got = np.bincount(gid[masks[name]], minlength=groups)
            have = counts[name]
            if len(have) < groups:
                have = np.concatenate((have, np.zeros(groups - len(have), dtype=np.int64)))
            counts[name] = have + got
        if "exit_reason" in cols:
            _reasons(np, pc, cols["exit_reason"], staff & exited, sex, reasons)
        base = amounts.get(b.base_col) if b.base_col else None
        if base is not None:
            paid = in_post & ~np.isnan(base)
            no_pay += int(in_post.sum()) - int(paid.sum())
            pay[0].frombytes(gid[paid].astype(np.int64).tobytes())
            pay[1].frombytes(base[paid].tobytes())
            comp = amounts.get("complementary_pay")
            if comp is not None:
                pay[2].frombytes(np.nan_to_num(comp[paid], nan=0.0).tobytes())
            t = amounts.get(b.time_col) if b.time_col else None
            if t is not None:
                pay[3].frombytes(t[paid].tobytes())
    if not n or pc.count_distinct(pa.chunked_array(ids)).as_py() != n:
        raise _Decline  # no rows, or a person_id used twice
    out = {c: v.tolist() for c, v in counts.items()}
    return n, index, out, pay, no_pay, reasons


def _codes(np, pc, column, convert) -> Any:
    """``convert`` (a parser's converter of a list of cells) applied to each distinct value of
    ``column``, in order of first appearance, and the result for each row (a numpy array of
    the distinct values' positions, and the converted values)."""
    enc = pc.dictionary_encode(column)
    if hasattr(enc, "combine_chunks"):
        enc = enc.combine_chunks()
    values = enc.dictionary.to_pylist()
    codes = enc.indices.to_numpy(zero_copy_only=False)
    return codes, convert(values)


def _batch(np, pa, pc, p: Parser, b: PersonBuilder, cols, rows: int, index: dict):
    lines = [0] * rows  # never shown: any problem declines

    def check(converted) -> list:
        if p.problems.items or p.problems._seen:
            raise _Decline
        return converted

    record = np.zeros(rows, dtype=bool)
    if "record" in cols:
        codes, conv = _codes(np, pc, cols["record"],
                             lambda vs: [RECORDS.get(v.strip().lower(), BAD) for v in vs])
        if BAD in conv:
            raise _Decline
        record = np.asarray([c == "applicant" for c in conv], dtype=bool)[codes]
    codes, conv = _codes(np, pc, cols["sex"],
                         lambda vs: check(p.sex(vs, lines[:len(vs)], allow_total=False)))
    if BAD in conv or EMPTY in conv:
        raise _Decline
    sex = np.asarray(conv, dtype=np.int64)[codes]
    dims = []
    for col in b.breakdowns:
        codes, conv = _codes(np, pc, cols[col], lambda vs, col=col: check(
            p.breakdown(col, vs, lines[:len(vs)], allow_total=False)))
        dims.append((codes, conv))
    flags = {}
    for col in b.flag_cols:
        codes, conv = _codes(np, pc, cols[col],
                             lambda vs, col=col: check(p.flags(col, vs, lines[:len(vs)])))
        flags[col] = np.asarray(conv, dtype=bool)[codes]
    amounts = {}
    for col in b.amount_cols:
        amounts[col] = _amounts(np, pa, pc, cols[col])
    no = np.zeros(rows, dtype=bool)
    exited = flags.get("exited", no)
    staff = ~record
    in_post = staff & ~exited
    _checks(np, pc, b, cols, record, flags, amounts, exited)
    gid = _group_ids(np, sex, dims, index)
    return gid, staff, in_post, exited, flags, record, sex, amounts


def _amounts(np, pa, pc, column):
    """A column of amounts as floats (NaN where empty); only ``123`` or ``123.45`` are read
    here (both readers give the nearest float), 0 to MAX_PAY."""
    empty = pc.equal(pc.binary_length(column), 0)
    if not pc.all(pc.or_(empty, pc.match_substring_regex(column, _NUMBER))).as_py():
        raise _Decline
    filled = pc.if_else(empty, pa.scalar(None, pa.string()), column)
    values = pc.cast(filled, pa.float64()).to_numpy(zero_copy_only=False)
    values = np.asarray(values, dtype=np.float64)
    if np.any(values[~np.isnan(values)] > MAX_PAY):
        raise _Decline
    return values


def _checks(np, pc, b: PersonBuilder, cols, record, flags, amounts, exited) -> None:
    """The checks across a row's cells (``PersonBuilder._checks``): any row failing one sends
    the file to the row-by-row path."""
    if record.any():
        for vals in flags.values():
            if (record & vals).any():
                raise _Decline
        for vals in amounts.values():
            if (record & ~np.isnan(vals)).any():
                raise _Decline
    for a, c in (("promoted", "eligible_for_promotion"), ("returned", "on_leave")):
        if a in flags and c in flags and (flags[a] & ~flags[c]).any():
            raise _Decline
    if "exit_reason" in cols:
        codes, given = _codes(np, pc, cols["exit_reason"], lambda vs: [bool(v.strip())
                                                                         for v in vs])
        if (np.asarray(given, dtype=bool)[codes] & ~exited).any():
            raise _Decline
    base = amounts.get(b.base_col) if b.base_col else None
    comp = amounts.get("complementary_pay")
    if comp is not None and base is not None:
        if ((np.nan_to_num(comp, nan=0.0) != 0) & np.isnan(base) & ~record).any():
            raise _Decline
    t = amounts.get(b.time_col) if b.time_col else None
    if t is not None and base is not None:
        most = _MAX_FTE if b.time_col == "fte" else _HOURS_IN_A_YEAR
        ok = ~np.isnan(t) & (t > 0) & (t <= most)
        if (~np.isnan(base) & ~ok & ~record & ~exited).any():
            raise _Decline


def _group_ids(np, sex, dims, index: dict):
    """Each row's group id: groups numbered in order of first appearance in the file, as
    ``PersonBuilder.add`` numbers them (``index``: (sex, *breakdown values) -> id)."""
    key = sex.astype(np.int64)
    radix = 3
    for codes, conv in dims:
        size = max(len(conv), 1)
        radix *= size
        if radix >= 1 << 62:
            raise _Decline
        key = key * size + codes.astype(np.int64)
    uniq, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")
    rows = first[order]  # the first row of each group, in order of first appearance
    columns = [sex[rows].tolist()]
    for codes, conv in dims:
        columns.append(np.asarray(conv, dtype=object)[codes[rows]].tolist())
    new = index.setdefault
    ids = [new(k, len(index)) for k in zip(*columns, strict=True)]
    gids = np.empty(len(uniq), dtype=np.int64)
    gids[order] = ids
    return gids[inverse.reshape(-1)]


def _reasons(np, pc, column, left, sex, reasons: dict) -> None:
    codes, conv = _codes(np, pc, column, lambda vs: [" ".join(v.split()) for v in vs])
    keep = left & np.asarray([bool(r) for r in conv], dtype=bool)[codes]
    if not keep.any():
        return
    pairs = sex[keep] * len(conv) + codes[keep]
    got, n = np.unique(pairs, return_counts=True)
    for pair, k in zip(got.tolist(), n.tolist(), strict=True):
        s, r = divmod(pair, len(conv))
        key = (_SEX_NAMES[s], conv[r])
        reasons[key] = reasons.get(key, 0) + k
