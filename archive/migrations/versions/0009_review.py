"""review (issue 17): reviewer accounts, sessions, API tokens, the audit log, the review queue, corrections,
readers' reports and promotions to the reviewed data lists

Rulings gain two statuses without a schema change: ``held`` (waiting for a reviewer under
RULINGS_PUBLICATION=review) and ``withdrawn`` (unpublished by a reviewer; its page answers 410).

Revision ID: 0009_review
Revises: 0006
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0009_review"
down_revision = "0006"
branch_labels = None
depends_on = None


def _ts(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "review_users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("password_hash", sa.String(200)),
        sa.Column("disabled", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("setup_token_hash", sa.String(64)),
        _ts("setup_expires_at"),
        sa.Column("failed_logins", sa.Integer(), nullable=False, server_default="0"),
        _ts("created_at", False),
        _ts("last_login_at"),
    )
    op.create_index("ix_review_users_email", "review_users", ["email"], unique=True)
    op.create_index("ix_review_users_setup_token_hash", "review_users", ["setup_token_hash"])
    op.create_table(
        "review_sessions",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("review_users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("csrf", sa.String(64), nullable=False),
        _ts("created_at", False),
        _ts("last_seen_at", False),
    )
    op.create_index("ix_review_sessions_user_id", "review_sessions", ["user_id"])
    op.create_table(
        "review_api_tokens",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("review_users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("prefix", sa.String(12), nullable=False),
        sa.Column("revoked", sa.Boolean(), nullable=False, server_default=sa.false()),
        _ts("created_at", False),
        _ts("last_used_at"),
    )
    op.create_index("ix_review_api_tokens_user_id", "review_api_tokens", ["user_id"])
    op.create_table(
        "review_audit",
        sa.Column("id", sa.Integer(), primary_key=True),
        _ts("at", False),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("review_users.id", ondelete="SET NULL")),
        sa.Column("ruling_id", sa.Integer()),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("detail", sa.String(200), nullable=False),
    )
    for column in ("at", "user_id", "ruling_id"):
        op.create_index(f"ix_review_audit_{column}", "review_audit", [column])
    op.create_table(
        "review_items",
        sa.Column("ruling_id", sa.Integer(), sa.ForeignKey("rulings.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("approved_hash", sa.String(64)),
        sa.Column("approved_by", sa.Integer(), sa.ForeignKey("review_users.id", ondelete="SET NULL")),
        _ts("approved_at"),
        _ts("updated_at", False),
    )
    op.create_index("ix_review_items_state", "review_items", ["state"])
    op.create_table(
        "review_corrections",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("ruling_id", sa.Integer(), sa.ForeignKey("rulings.id", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("surface", sa.Text()),
        sa.Column("placeholder", sa.String(80)),
        sa.Column("role", sa.String(40)),
        sa.Column("created_by", sa.Integer(), sa.ForeignKey("review_users.id", ondelete="SET NULL")),
        _ts("created_at", False),
    )
    op.create_index("ix_review_corrections_ruling_id", "review_corrections", ["ruling_id"])
    op.create_table(
        "review_reports",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("ruling_id", sa.Integer(), sa.ForeignKey("rulings.id", ondelete="CASCADE"), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        _ts("created_at", False),
        sa.Column("closed_by", sa.Integer(), sa.ForeignKey("review_users.id", ondelete="SET NULL")),
        _ts("closed_at"),
    )
    op.create_index("ix_review_reports_ruling_id", "review_reports", ["ruling_id"])
    op.create_index("ix_review_reports_status", "review_reports", ["status"])
    op.create_table(
        "review_promotions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("value", sa.String(200), nullable=False),
        sa.Column("created_by", sa.Integer(), sa.ForeignKey("review_users.id", ondelete="SET NULL")),
        _ts("created_at", False),
        sa.UniqueConstraint("kind", "value", name="uq_review_promotions"),
    )


def downgrade() -> None:
    for table in ("review_promotions", "review_reports", "review_corrections", "review_items", "review_audit",
                  "review_api_tokens", "review_sessions", "review_users"):
        op.drop_table(table)
