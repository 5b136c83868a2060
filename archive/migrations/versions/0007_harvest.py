"""harvest_marks and harvest_items: incremental, polite harvesting of rechtspraak.nl and publishers' listings

``harvest_marks`` holds, per source, the ``modified`` time of the newest feed entry a harvest processed, so the
next run asks only for what changed since. ``harvest_items`` holds one row per downloaded thing (an ECLI, the URL
of a listed PDF): the sha256 of the stored bytes, the validators of a conditional GET (ETag, Last-Modified) and the
error of a download that failed, which the next run retries and `rulings status` lists.

Revision ID: 0007_harvest
Revises: 0006
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0007_harvest"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "harvest_marks",
        sa.Column("source", sa.String(length=200), primary_key=True),
        sa.Column("mark", sa.String(length=40), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "harvest_items",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("key", sa.String(length=1000), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("modified", sa.String(length=40), nullable=True),
        sa.Column("etag", sa.String(length=300), nullable=True),
        sa.Column("last_modified", sa.String(length=100), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("suffix", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("error_code", sa.String(length=60), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("source", "key", name="uq_harvest_items_source_key"),
    )
    op.create_index("ix_harvest_items_sha256", "harvest_items", ["sha256"])
    op.create_index("ix_harvest_items_status", "harvest_items", ["status"])


def downgrade() -> None:
    op.drop_index("ix_harvest_items_status", table_name="harvest_items")
    op.drop_index("ix_harvest_items_sha256", table_name="harvest_items")
    op.drop_table("harvest_items")
    op.drop_table("harvest_marks")
