"""scheduled_jobs: the last run of each job `rulings beat` schedules (harvests, alert digests), for `rulings status`

Revision ID: 0011_schedule
Revises: 0008_queue
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0011_schedule"
down_revision = "0008_queue"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "scheduled_jobs",
        sa.Column("name", sa.String(length=100), primary_key=True),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("runs", sa.Integer(), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("skipped", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_ok_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("error_code", sa.String(length=60), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("summary", sa.JSON(), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("scheduled_jobs")
