"""File format 4: a digest of the saved content, so a plan changed or damaged outside smoplanner is noticed.

Revision ID: 0004_checksum
Revises: 0003_posts
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_checksum"
down_revision = "0003_posts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "plan_checksum",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_checksum")),
    )


def downgrade() -> None:
    op.drop_table("plan_checksum")
