"""e-mail alerts: subscriptions to a search (double opt-in) and the hashed tokens of their links

Revision ID: 0010_alerts
Revises: 0006
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0010_alerts"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "alert_subscriptions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("email_key", sa.String(length=320), nullable=False),
        sa.Column("search", sa.Text(), nullable=False),
        sa.Column("frequency", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("watermark", sa.Integer(), nullable=True),
        sa.Column("last_digest_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_alert_subscriptions_email_key", "alert_subscriptions", ["email_key"])
    op.create_index("ix_alert_subscriptions_status", "alert_subscriptions", ["status"])
    op.create_index("ix_alert_subscriptions_requested_at", "alert_subscriptions", ["requested_at"])
    op.create_table(
        "alert_tokens",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("subscription_id", sa.Integer(),
                  sa.ForeignKey("alert_subscriptions.id", ondelete="CASCADE"), nullable=False),
        sa.Column("purpose", sa.String(length=12), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("token_hash", name="uq_alert_tokens_token_hash"),
    )
    op.create_index("ix_alert_tokens_subscription_id", "alert_tokens", ["subscription_id"])


def downgrade() -> None:
    op.drop_table("alert_tokens")
    op.drop_table("alert_subscriptions")
