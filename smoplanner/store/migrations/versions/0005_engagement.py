"""File format 5: engagement items, saved replies, response-time targets, business hours and holidays.

Revision ID: 0005_engagement
Revises: 0004_checksum
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_engagement"
down_revision = "0004_checksum"
branch_labels = None
depends_on = None


#: The queue's order and the overdue count read from indexes (see store/engagement.py).
_TWO_COLUMN_INDEXES = {
    "ix_engagement_items_due_at_received_at": ["due_at", "received_at"],
    "ix_engagement_items_status_due_at": ["status", "due_at"],
}


def upgrade() -> None:
    op.create_table(
        "business_hours",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("opens", sa.Integer(), nullable=False),
        sa.Column("closes", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "opens BETWEEN 0 AND 1439 AND closes BETWEEN 1 AND 1440 AND closes > opens",
            name=op.f("ck_business_hours_span"),
        ),
        sa.CheckConstraint("weekday BETWEEN 0 AND 6", name=op.f("ck_business_hours_weekday")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_business_hours")),
    )
    op.create_table(
        "holidays",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_holidays")),
    )
    op.create_table(
        "response_targets",
        sa.Column("platform", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.CheckConstraint("minutes > 0", name=op.f("ck_response_targets_minutes")),
        sa.PrimaryKeyConstraint("platform", "kind", name=op.f("pk_response_targets")),
    )
    op.create_table(
        "saved_replies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_replies")),
        sa.UniqueConstraint("name", name=op.f("uq_saved_replies_name")),
    )
    op.create_table(
        "engagement_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("author", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.Column("assignee", sa.String(length=100), nullable=False),
        sa.Column("sentiment", sa.String(length=10), nullable=False),
        sa.Column("tags", sa.Text(), nullable=False),
        sa.Column("link", sa.Text(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=True),
        sa.Column("reply_used", sa.String(length=100), nullable=False),
        sa.Column("source_key", sa.String(length=64), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=True),
        sa.Column("response_minutes", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('comment', 'message', 'mention', 'review', 'question')", name=op.f("ck_engagement_items_kind")
        ),
        sa.CheckConstraint(
            "sentiment IN ('', 'positive', 'neutral', 'negative')", name=op.f("ck_engagement_items_sentiment")
        ),
        sa.CheckConstraint(
            "status IN ('new', 'in_progress', 'answered', 'no_reply', 'escalated')",
            name=op.f("ck_engagement_items_status"),
        ),
        sa.ForeignKeyConstraint(
            ["post_id"], ["posts.id"], name=op.f("fk_engagement_items_post_id_posts"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_engagement_items")),
    )
    for column in ("received_at", "source_key"):
        op.create_index(op.f(f"ix_engagement_items_{column}"), "engagement_items", [column], unique=False)
    for name, columns in _TWO_COLUMN_INDEXES.items():
        op.create_index(name, "engagement_items", columns, unique=False)


def downgrade() -> None:
    for name in _TWO_COLUMN_INDEXES:
        op.drop_index(name, table_name="engagement_items")
    for column in ("received_at", "source_key"):
        op.drop_index(op.f(f"ix_engagement_items_{column}"), table_name="engagement_items")
    op.drop_table("engagement_items")
    op.drop_table("saved_replies")
    op.drop_table("response_targets")
    op.drop_table("holidays")
    op.drop_table("business_hours")
