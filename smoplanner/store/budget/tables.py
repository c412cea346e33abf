"""The Budget tab's tables: month totals and lines, campaigns, influencers, paid results, other expenses."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, CheckConstraint, Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from smoplanner.store.models import Base

OBJECTIVES: tuple[str, ...] = ("awareness", "traffic", "engagement", "leads", "sales")
INFLUENCER_STATUSES: tuple[str, ...] = ("contacted", "agreed", "delivered", "paid")


def _one_of(column: str, values: tuple[str, ...], *, empty: bool = False) -> str:
    allowed = ([""] if empty else []) + list(values)
    return f"{column} IN (" + ", ".join(f"'{v}'" for v in allowed) + ")"


class BudgetMonth(Base):
    """A month's budget: the total to split (``month`` is ``YYYY-MM``)."""

    __tablename__ = "budget_months"
    __table_args__ = (CheckConstraint("total_minor >= 0", name="total_minor"),)

    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    total_minor: Mapped[int] = mapped_column(Integer, default=0, info={"money": True})


class BudgetLineRow(Base):
    """One line of a month's split (see ``core.budget.BudgetLine``); a percentage is kept in hundredths."""

    __tablename__ = "budget_lines"
    __table_args__ = (
        CheckConstraint("percent_hundredths IS NULL OR percent_hundredths BETWEEN 0 AND 10000", name="percent"),
        CheckConstraint("weight >= 0", name="weight"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    month: Mapped[str] = mapped_column(String(7), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    tactic: Mapped[str] = mapped_column(String(60))
    platform: Mapped[str] = mapped_column(String(40), default="")
    campaign: Mapped[str] = mapped_column(String(200), default="")
    percent_hundredths: Mapped[int | None] = mapped_column(Integer, nullable=True)
    fixed_minor: Mapped[int | None] = mapped_column(Integer, nullable=True, info={"money": True})
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    locked_minor: Mapped[int | None] = mapped_column(Integer, nullable=True, info={"money": True})
    mark: Mapped[str] = mapped_column(String(20), default="")
    weight: Mapped[int] = mapped_column(Integer, default=1)


class CampaignRow(Base):
    """A campaign: its objective, dates, budget and target (say, 200 leads at most 5.00 each)."""

    __tablename__ = "campaigns"
    __table_args__ = (CheckConstraint(_one_of("objective", OBJECTIVES, empty=True), name="objective"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    objective: Mapped[str] = mapped_column(String(20), default="")
    start: Mapped[date | None] = mapped_column(Date, nullable=True)
    end: Mapped[date | None] = mapped_column(Date, nullable=True)
    budget_minor: Mapped[int] = mapped_column(Integer, default=0, info={"money": True})
    target_results: Mapped[int | None] = mapped_column(Integer, nullable=True)
    target_cost_minor: Mapped[int | None] = mapped_column(Integer, nullable=True, info={"money": True})
    platforms: Mapped[str] = mapped_column(Text, default="")  # platform codes, comma-separated


class InfluencerRow(Base):
    """An influencer the business works with; agreed fees are planned spend, paid fees actual spend."""

    __tablename__ = "influencers"
    __table_args__ = (CheckConstraint(_one_of("status", INFLUENCER_STATUSES), name="status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    platform: Mapped[str] = mapped_column(String(40), default="")
    handle: Mapped[str] = mapped_column(String(200), default="")
    followers: Mapped[int] = mapped_column(Integer, default=0)
    fee_minor: Mapped[int] = mapped_column(Integer, default=0, info={"money": True})
    deliverables: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(12), default="contacted")
    start: Mapped[date | None] = mapped_column(Date, nullable=True)
    end: Mapped[date | None] = mapped_column(Date, nullable=True)
    campaign: Mapped[str] = mapped_column(String(200), default="")


class PaidResultRow(Base):
    """What paid ads did in a period (a day when start = end) for one campaign, typed in or imported."""

    __tablename__ = "paid_results"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    start: Mapped[date] = mapped_column(Date, index=True)
    end: Mapped[date] = mapped_column(Date)
    platform: Mapped[str] = mapped_column(String(40), default="")
    campaign: Mapped[str] = mapped_column(String(200), default="")
    ad_set: Mapped[str] = mapped_column(Text, default="")
    ad: Mapped[str] = mapped_column(Text, default="")
    spend_minor: Mapped[int] = mapped_column(Integer, default=0, info={"money": True})
    impressions: Mapped[int] = mapped_column(Integer, default=0)
    reach: Mapped[int] = mapped_column(Integer, default=0)
    link_clicks: Mapped[int] = mapped_column(Integer, default=0)
    results: Mapped[int] = mapped_column(Integer, default=0)
    revenue_minor: Mapped[int] = mapped_column(Integer, default=0, info={"money": True})
    source_key: Mapped[str] = mapped_column(String(64), default="", index=True)


class ExpenseRow(Base):
    """Money spent outside the ad platforms: content production, tools, an influencer's invoice, …"""

    __tablename__ = "expenses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    tactic: Mapped[str] = mapped_column(String(60))
    vendor: Mapped[str] = mapped_column(String(200), default="")
    amount_minor: Mapped[int] = mapped_column(Integer, default=0, info={"money": True})
    platform: Mapped[str] = mapped_column(String(40), default="")
    campaign: Mapped[str] = mapped_column(String(200), default="")
