"""File format 2: profiles, their pictures, checklist ticks and limit overrides.

Revision ID: 0002_profiles
Revises: 0001_initial
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_profiles"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "images",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("mime", sa.String(length=40), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("byte_size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_images")),
        sa.UniqueConstraint("sha256", name=op.f("uq_images_sha256")),
    )
    op.create_table(
        "profiles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(length=40), nullable=False),
        sa.Column("handle", sa.String(length=300), nullable=False),
        sa.Column("display_name", sa.String(length=300), nullable=False),
        sa.Column("profile_url", sa.String(length=500), nullable=False),
        sa.Column("bio", sa.Text(), nullable=False),
        sa.Column("website", sa.String(length=500), nullable=False),
        sa.Column("category", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=300), nullable=False),
        sa.Column("phone", sa.String(length=60), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("picture_id", sa.Integer(), nullable=True),
        sa.Column("banner_id", sa.Integer(), nullable=True),
        sa.Column("last_reviewed", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["picture_id"], ["images.id"], name=op.f("fk_profiles_picture_id_images"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["banner_id"], ["images.id"], name=op.f("fk_profiles_banner_id_images"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_profiles")),
        sa.UniqueConstraint("platform", name=op.f("uq_profiles_platform")),
    )
    op.create_table(
        "checklist_ticks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(length=40), nullable=False),
        sa.Column("code", sa.String(length=80), nullable=False),
        sa.Column("state", sa.String(length=8), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.CheckConstraint("state IN ('done', 'na', 'open')", name=op.f("ck_checklist_ticks_state")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checklist_ticks")),
        sa.UniqueConstraint("platform", "code", name=op.f("uq_checklist_ticks_platform")),
    )
    op.create_table(
        "limit_overrides",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(length=40), nullable=False),
        sa.Column("field", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_limit_overrides")),
        sa.UniqueConstraint("platform", "field", name=op.f("uq_limit_overrides_platform")),
    )


def downgrade() -> None:
    op.drop_table("limit_overrides")
    op.drop_table("checklist_ticks")
    op.drop_table("profiles")
    op.drop_table("images")
