"""indexed_hash carries the index document schema version: widen it

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("rulings") as batch_op:
        batch_op.alter_column("indexed_hash", type_=sa.String(length=100), existing_type=sa.String(length=64),
                              existing_nullable=True)


def downgrade() -> None:
    with op.batch_alter_table("rulings") as batch_op:
        batch_op.alter_column("indexed_hash", type_=sa.String(length=64), existing_type=sa.String(length=100),
                              existing_nullable=True)
