"""File format 7: organic results per day and platform, and post-level results.

Revision ID: 0007_results
Revises: 0006_budget
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_results"
down_revision = "0006_budget"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "organic_results",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("platform", sa.String(length=40), nullable=False),
        sa.Column("followers", sa.Integer(), nullable=True),
        sa.Column("new_followers", sa.Integer(), nullable=False),
        sa.Column("reach", sa.Integer(), nullable=False),
        sa.Column("impressions", sa.Integer(), nullable=False),
        sa.Column("engagements", sa.Integer(), nullable=False),
        sa.Column("clicks", sa.Integer(), nullable=False),
        sa.Column("profile_visits", sa.Integer(), nullable=False),
        sa.Column("conversions", sa.Integer(), nullable=False),
        sa.Column("revenue_minor", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "new_followers >= 0 AND reach >= 0 AND impressions >= 0 AND engagements >= 0 AND clicks >= 0 "
            "AND profile_visits >= 0 "
            "AND conversions >= 0 AND revenue_minor >= 0 AND (followers IS NULL OR followers >= 0)",
            name=op.f("ck_organic_results_not_negative"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organic_results")),
        sa.UniqueConstraint("day", "platform", name=op.f("uq_organic_results_day")),
    )
    with op.batch_alter_table("organic_results", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_organic_results_day"), ["day"], unique=False)

    op.create_table(
        "post_results",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(length=40), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=True),
        sa.Column("external_id", sa.String(length=64), nullable=False),
        sa.Column("permalink", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("impressions", sa.Integer(), nullable=False),
        sa.Column("reach", sa.Integer(), nullable=False),
        sa.Column("engagements", sa.Integer(), nullable=False),
        sa.Column("clicks", sa.Integer(), nullable=False),
        sa.Column("source_key", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["post_id"], ["posts.id"], name=op.f("fk_post_results_post_id_posts"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_post_results")),
    )
    with op.batch_alter_table("post_results", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_post_results_post_id"), ["post_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_post_results_published_at"), ["published_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_post_results_source_key"), ["source_key"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("post_results", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_post_results_source_key"))
        batch_op.drop_index(batch_op.f("ix_post_results_published_at"))
        batch_op.drop_index(batch_op.f("ix_post_results_post_id"))

    op.drop_table("post_results")
    with op.batch_alter_table("organic_results", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organic_results_day"))

    op.drop_table("organic_results")
