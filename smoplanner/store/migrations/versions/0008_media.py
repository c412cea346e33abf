"""File format 8: posts' pictures (kept once per content hash) and videos (by file path), with alt text.

Revision ID: 0008_media
Revises: 0006_budget
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_media"
down_revision = "0007_results"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "media_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("mime", sa.String(length=40), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("byte_size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_media_files")),
        sa.UniqueConstraint("sha256", name=op.f("uq_media_files_sha256")),
    )
    op.create_table(
        "post_media",
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("media_id", sa.Integer(), nullable=True),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("byte_size", sa.Integer(), nullable=False),
        sa.Column("alt_text", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "(kind = 'picture' AND media_id IS NOT NULL) OR (kind = 'video' AND media_id IS NULL AND path != '')",
            name=op.f("ck_post_media_picture_or_video"),
        ),
        sa.CheckConstraint("kind IN ('picture', 'video')", name=op.f("ck_post_media_kind")),
        sa.ForeignKeyConstraint(["media_id"], ["media_files.id"], name=op.f("fk_post_media_media_id_media_files")),
        sa.ForeignKeyConstraint(
            ["post_id"], ["posts.id"], name=op.f("fk_post_media_post_id_posts"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("post_id", "position", name=op.f("pk_post_media")),
    )
    with op.batch_alter_table("post_media", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_post_media_media_id"), ["media_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("post_media", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_post_media_media_id"))

    op.drop_table("post_media")
    op.drop_table("media_files")
