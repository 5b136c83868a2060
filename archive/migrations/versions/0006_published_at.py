"""rulings.published_at: when a ruling became public in this archive (feeds, new in the archive, alert digests)

Existing published rulings get their creation time: the moment they were first stored, which was also when they
went public (every ruling was published on ingest until now).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("rulings") as batch_op:
        batch_op.add_column(sa.Column("published_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index("ix_rulings_published_at", ["published_at"])
    op.execute("UPDATE rulings SET published_at = created_at WHERE status = 'published'")


def downgrade() -> None:
    with op.batch_alter_table("rulings") as batch_op:
        batch_op.drop_index("ix_rulings_published_at")
        batch_op.drop_column("published_at")
