"""File format 3: the calendar's posts, their platforms, content pillars, repeats and hashtag groups.

Revision ID: 0003_posts
Revises: 0002_profiles
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_posts"
down_revision = "0002_profiles"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "content_pillars",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("color", sa.String(length=7), nullable=False),
        sa.Column("target_percent", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint("target_percent BETWEEN 0 AND 100", name=op.f("ck_content_pillars_target_percent")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_content_pillars")),
        sa.UniqueConstraint("name", name=op.f("uq_content_pillars_name")),
    )
    op.create_table(
        "post_series",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("freq", sa.String(length=10), nullable=False),
        sa.Column("interval", sa.Integer(), nullable=False),
        sa.Column("until", sa.Date(), nullable=False),
        sa.CheckConstraint("freq IN ('weekly', 'monthly')", name=op.f("ck_post_series_freq")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_post_series")),
    )
    op.create_table(
        "posts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("scheduled_at", sa.DateTime(), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("pillar_id", sa.Integer(), nullable=True),
        sa.Column("campaign", sa.Text(), nullable=False),
        sa.Column("link", sa.Text(), nullable=False),
        sa.Column("media_notes", sa.Text(), nullable=False),
        sa.Column("alt_text", sa.Text(), nullable=False),
        sa.Column("boosted", sa.Boolean(), nullable=False),
        sa.Column("boost_minor", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("published_url", sa.Text(), nullable=False),
        sa.Column("series_id", sa.Integer(), nullable=True),
        sa.Column("source_key", sa.String(length=64), nullable=False),
        sa.Column("has_problems", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("status IN ('idea', 'draft', 'scheduled', 'published')", name=op.f("ck_posts_status")),
        sa.ForeignKeyConstraint(
            ["pillar_id"],
            ["content_pillars.id"],
            name=op.f("fk_posts_pillar_id_content_pillars"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["series_id"],
            ["post_series.id"],
            name=op.f("fk_posts_series_id_post_series"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_posts")),
    )
    op.create_index(op.f("ix_posts_scheduled_at"), "posts", ["scheduled_at"], unique=False)
    op.create_index(op.f("ix_posts_source_key"), "posts", ["source_key"], unique=False)
    op.create_table(
        "post_platforms",
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(length=40), nullable=False),
        sa.Column("variant", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["post_id"], ["posts.id"], name=op.f("fk_post_platforms_post_id_posts"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("post_id", "platform", name=op.f("pk_post_platforms")),
    )
    op.create_table(
        "hashtag_groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("tags", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hashtag_groups")),
        sa.UniqueConstraint("name", name=op.f("uq_hashtag_groups_name")),
    )


def downgrade() -> None:
    op.drop_table("hashtag_groups")
    op.drop_table("post_platforms")
    op.drop_index(op.f("ix_posts_source_key"), table_name="posts")
    op.drop_index(op.f("ix_posts_scheduled_at"), table_name="posts")
    op.drop_table("posts")
    op.drop_table("post_series")
    op.drop_table("content_pillars")
