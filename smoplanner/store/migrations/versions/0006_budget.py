"""File format 6: the month's budget and its lines, campaigns, influencers, paid results and other expenses.

Revision ID: 0006_budget
Revises: 0005_engagement
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_budget"
down_revision = "0005_engagement"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "budget_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("tactic", sa.String(length=60), nullable=False),
        sa.Column("platform", sa.String(length=40), nullable=False),
        sa.Column("campaign", sa.String(length=200), nullable=False),
        sa.Column("percent_hundredths", sa.Integer(), nullable=True),
        sa.Column("fixed_minor", sa.Integer(), nullable=True),
        sa.Column("locked", sa.Boolean(), nullable=False),
        sa.Column("locked_minor", sa.Integer(), nullable=True),
        sa.Column("mark", sa.String(length=20), nullable=False),
        sa.Column("weight", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "percent_hundredths IS NULL OR percent_hundredths BETWEEN 0 AND 10000", name=op.f("ck_budget_lines_percent")
        ),
        sa.CheckConstraint("weight >= 0", name=op.f("ck_budget_lines_weight")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget_lines")),
    )
    with op.batch_alter_table("budget_lines", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_budget_lines_month"), ["month"], unique=False)

    op.create_table(
        "budget_months",
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("total_minor", sa.Integer(), nullable=False),
        sa.CheckConstraint("total_minor >= 0", name=op.f("ck_budget_months_total_minor")),
        sa.PrimaryKeyConstraint("month", name=op.f("pk_budget_months")),
    )
    op.create_table(
        "campaigns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("objective", sa.String(length=20), nullable=False),
        sa.Column("start", sa.Date(), nullable=True),
        sa.Column("end", sa.Date(), nullable=True),
        sa.Column("budget_minor", sa.Integer(), nullable=False),
        sa.Column("target_results", sa.Integer(), nullable=True),
        sa.Column("target_cost_minor", sa.Integer(), nullable=True),
        sa.Column("platforms", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "objective IN ('', 'awareness', 'traffic', 'engagement', 'leads', 'sales')",
            name=op.f("ck_campaigns_objective"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaigns")),
        sa.UniqueConstraint("name", name=op.f("uq_campaigns_name")),
    )
    op.create_table(
        "expenses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("tactic", sa.String(length=60), nullable=False),
        sa.Column("vendor", sa.String(length=200), nullable=False),
        sa.Column("amount_minor", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(length=40), nullable=False),
        sa.Column("campaign", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expenses")),
    )
    with op.batch_alter_table("expenses", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_expenses_day"), ["day"], unique=False)

    op.create_table(
        "influencers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("platform", sa.String(length=40), nullable=False),
        sa.Column("handle", sa.String(length=200), nullable=False),
        sa.Column("followers", sa.Integer(), nullable=False),
        sa.Column("fee_minor", sa.Integer(), nullable=False),
        sa.Column("deliverables", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("start", sa.Date(), nullable=True),
        sa.Column("end", sa.Date(), nullable=True),
        sa.Column("campaign", sa.String(length=200), nullable=False),
        sa.CheckConstraint(
            "status IN ('contacted', 'agreed', 'delivered', 'paid')", name=op.f("ck_influencers_status")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_influencers")),
    )
    op.create_table(
        "paid_results",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=False),
        sa.Column("platform", sa.String(length=40), nullable=False),
        sa.Column("campaign", sa.String(length=200), nullable=False),
        sa.Column("ad_set", sa.Text(), nullable=False),
        sa.Column("ad", sa.Text(), nullable=False),
        sa.Column("spend_minor", sa.Integer(), nullable=False),
        sa.Column("impressions", sa.Integer(), nullable=False),
        sa.Column("reach", sa.Integer(), nullable=False),
        sa.Column("link_clicks", sa.Integer(), nullable=False),
        sa.Column("results", sa.Integer(), nullable=False),
        sa.Column("revenue_minor", sa.Integer(), nullable=False),
        sa.Column("source_key", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_paid_results")),
    )
    with op.batch_alter_table("paid_results", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_paid_results_source_key"), ["source_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_paid_results_start"), ["start"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("paid_results", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_paid_results_start"))
        batch_op.drop_index(batch_op.f("ix_paid_results_source_key"))

    op.drop_table("paid_results")
    op.drop_table("influencers")
    with op.batch_alter_table("expenses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_expenses_day"))

    op.drop_table("expenses")
    op.drop_table("campaigns")
    op.drop_table("budget_months")
    with op.batch_alter_table("budget_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_budget_lines_month"))

    op.drop_table("budget_lines")
