"""What the comparison reads, kept with each stored result: its benchmarks' status letters and
its points by dimension in ``result_assessment``, so that comparing a national store reads one
narrow row per result instead of 57 rows of ``result_benchmark`` (issue 24).

Both columns are derived from the result's ``result_benchmark`` rows (filled here for the
results stored before, from those rows) and are left out of the rows' seals, so that the seals
written before keep their hashes (see 0008); the audit verification checks them against the
sealed ``result_benchmark`` rows instead.  Self-contained: the letters and sums are worked out
here, as the engine wrote them on this revision.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 18:40:00.000000
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_LETTER = {"met": "M", "partially_met": "P", "not_met": "N", "not_applicable": "A",
           "not_answered": "U"}


def _fill(conn) -> None:
    rb = sa.table("result_benchmark", sa.column("assessment_id"), sa.column("kind"),
                  sa.column("benchmark_id"), sa.column("dimension_id"), sa.column("status"),
                  sa.column("points"), sa.column("max_points"))
    ra = sa.table("result_assessment", sa.column("assessment_id"), sa.column("kind"),
                  sa.column("statuses"), sa.column("dimension_points"))
    update = (ra.update().where(ra.c.assessment_id == sa.bindparam("a"),
                                ra.c.kind == sa.bindparam("k"))
              .values(statuses=sa.bindparam("s"), dimension_points=sa.bindparam("d")))
    rows = conn.execute(sa.select(rb.c.assessment_id, rb.c.kind, rb.c.benchmark_id,
                                  rb.c.dimension_id, rb.c.status, rb.c.points, rb.c.max_points)
                        .order_by(rb.c.assessment_id, rb.c.kind)
                        .execution_options(yield_per=20_000))  # streamed, not held
    pending: list[dict] = []
    key, letters, dims = None, [], {}

    def flush() -> None:
        if key is not None:
            pending.append({"a": key[0], "k": key[1],
                            "s": "".join(c for _b, c in sorted(letters)),
                            "d": json.dumps({d: [float(p), float(m)] for d, (p, m)
                                             in sorted(dims.items())}, separators=(",", ":"))})

    for r in rows:
        if (r.assessment_id, r.kind) != key:
            flush()
            key, letters, dims = (r.assessment_id, r.kind), [], {}
            if len(pending) >= 1000:
                conn.execute(update, pending)
                pending = []
        letters.append((r.benchmark_id, _LETTER[r.status]))
        acc = dims.setdefault(r.dimension_id, [0.0, 0.0])
        acc[0] += r.points
        acc[1] += r.max_points
    flush()
    if pending:
        conn.execute(update, pending)


def upgrade() -> None:
    op.add_column("result_assessment", sa.Column(
        "statuses", sa.Text(), nullable=True,
        comment="One status letter per benchmark (M met, P partly, N not met, A not "
                "applicable, U not answered), the benchmarks in the order of their ids"))
    op.add_column("result_assessment", sa.Column(
        "dimension_points", sa.Text(), nullable=True,
        comment="JSON: dimension id -> [points, max points], summed over its benchmarks"))
    _fill(op.get_bind())


def downgrade() -> None:
    # not in a batch: on SQLite that copies the table, and dropping the old one would delete
    # its result_benchmark rows (ON DELETE CASCADE); SQLite drops a column itself since 3.35
    op.drop_column("result_assessment", "dimension_points")
    op.drop_column("result_assessment", "statuses")
