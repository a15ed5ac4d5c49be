"""The assessment team and the award decision (four eyes): each assignment is the team's lead
or a member and records the assessor's declaration of no conflict of interest; the lead's
recommendation is kept on the assessment (recommendation, level, who, when, why); a new state,
recommended, between the review and the programme's decision; a new role, programme_officer,
who decides the award.  Existing assignments: the earliest of each assessment becomes its lead,
and existing reviewers are taken to have declared no conflict when they were assigned.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07 05:10:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_OLD_STATES = ("draft", "submitted", "under_review", "changes_requested", "certified",
               "not_certified")
_NEW_STATES = ("draft", "submitted", "under_review", "changes_requested", "recommended",
               "certified", "not_certified")
_OLD_ROLES = ("focal_point", "assessor", "analyst", "admin")
_NEW_ROLES = ("focal_point", "assessor", "programme_officer", "analyst", "admin")


def _in(column: str, values) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def upgrade() -> None:
    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("team_role", sa.String(length=10), server_default="member",
                                      nullable=False,
                                      comment="lead (recommends the level) or member"))
        batch_op.add_column(sa.Column(
            "no_conflict_at", sa.DateTime(timezone=True), nullable=True,
            comment="When the assessor declared no conflict of interest with the institution"))
        batch_op.add_column(sa.Column("no_conflict_statement", sa.Text(), nullable=True))
        batch_op.create_check_constraint(op.f("ck_assignment_team_role"),
                                         _in("team_role", ("lead", "member")))
    with op.batch_alter_table("assessment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("recommendation", sa.String(length=20), nullable=True,
                                      comment="The team lead's: certify or refuse"))
        batch_op.add_column(sa.Column("recommended_level", sa.String(length=80),
                                      nullable=True))
        batch_op.add_column(sa.Column("recommended_by", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("recommended_at", sa.DateTime(timezone=True),
                                      nullable=True))
        batch_op.add_column(sa.Column("recommendation_reason", sa.Text(), nullable=True))
        batch_op.drop_constraint(op.f("ck_assessment_state"), type_="check")
        batch_op.create_check_constraint(op.f("ck_assessment_state"), _in("state", _NEW_STATES))
    with op.batch_alter_table("role_grant", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_role_grant_role"), type_="check")
        batch_op.create_check_constraint(op.f("ck_role_grant_role"), _in("role", _NEW_ROLES))
    conn = op.get_bind()
    conn.execute(sa.text(
        "UPDATE assignment SET team_role = 'lead' WHERE id IN (SELECT a.id FROM assignment a "
        "WHERE a.assigned_at = (SELECT MIN(b.assigned_at) FROM assignment b "
        "WHERE b.assessment_id = a.assessment_id))"))
    conn.execute(sa.text("UPDATE assignment SET no_conflict_at = assigned_at, "
                         "no_conflict_statement = 'Assigned before declarations were recorded.'"))


def downgrade() -> None:
    conn = op.get_bind()
    conn.execute(sa.text("UPDATE assessment SET state = 'under_review' "
                         "WHERE state = 'recommended'"))
    conn.execute(sa.text("DELETE FROM role_grant WHERE role = 'programme_officer'"))
    with op.batch_alter_table("role_grant", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_role_grant_role"), type_="check")
        batch_op.create_check_constraint(op.f("ck_role_grant_role"), _in("role", _OLD_ROLES))
    with op.batch_alter_table("assessment", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_assessment_state"), type_="check")
        batch_op.create_check_constraint(op.f("ck_assessment_state"), _in("state", _OLD_STATES))
        batch_op.drop_column("recommendation_reason")
        batch_op.drop_column("recommended_at")
        batch_op.drop_column("recommended_by")
        batch_op.drop_column("recommended_level")
        batch_op.drop_column("recommendation")
    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_assignment_team_role"), type_="check")
        batch_op.drop_column("no_conflict_statement")
        batch_op.drop_column("no_conflict_at")
        batch_op.drop_column("team_role")
