"""queue_blobs and queue_tasks: the distributed ingestion queue (issue 16, app/queue)

queue_blobs holds the bytes of queued files (content-addressed by sha256) where every worker reaches them;
queue_tasks one row per queued document: batch, position, deliveries (bounded redelivery of a task whose worker
died) and the outcome, written in the same transaction as the document.

Revision ID: 0008_queue
Revises: 0006
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0008_queue"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "queue_blobs",
        sa.Column("sha256", sa.String(length=64), primary_key=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "queue_tasks",
        sa.Column("id", sa.String(length=36), primary_key=True),
        sa.Column("batch_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("deliveries", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_queue_tasks_batch_id", "queue_tasks", ["batch_id"])
    op.create_index("ix_queue_tasks_sha256", "queue_tasks", ["sha256"])
    op.create_index("ix_queue_tasks_status", "queue_tasks", ["status"])


def downgrade() -> None:
    op.drop_table("queue_tasks")
    op.drop_table("queue_blobs")
