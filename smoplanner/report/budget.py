"""The report's "budget" section (the month's split against its spend) and "paid" section (what ads did)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy.orm import Session

from smoplanner.core.money import Currency, currency, format_amount, from_minor
from smoplanner.report.context import ReportContext
from smoplanner.store.budget import month_overview, paid_totals

#: ROAS is a ratio, shown with this many decimals.
RATIO_PLACES = Decimal("0.0001")


def _money(minor: int, cur: Currency) -> str:
    return format_amount(from_minor(minor, cur), cur)


def _cost(spend_minor: int, count: int, cur: Currency, per: int = 1) -> str | None:
    """Spend per ``per`` of ``count`` as money text, None when ``count`` is zero."""
    if not count:
        return None
    return format_amount(from_minor(spend_minor, cur) * per / count, cur)


@dataclass(frozen=True)
class BudgetLineFigures:
    tactic: str
    platform: str | None
    campaign: str | None
    planned_minor: int
    spent_minor: int


@dataclass(frozen=True)
class BudgetSection:
    """The month's total, what its lines take of it, what was spent (ads, expenses, paid fees) and what is left.

    ``remaining`` is the total less the spend, negative when the month overspent.
    """

    currency: str
    total_minor: int
    allocated_minor: int
    spent_minor: int
    lines: tuple[BudgetLineFigures, ...]

    @property
    def remaining_minor(self) -> int:
        return self.total_minor - self.spent_minor

    def to_json(self) -> dict[str, Any]:
        cur = currency(self.currency)
        return {
            "total": _money(self.total_minor, cur),
            "allocated": _money(self.allocated_minor, cur),
            "spent": _money(self.spent_minor, cur),
            "remaining": _money(self.remaining_minor, cur),
            "lines": [
                {
                    "tactic": line.tactic,
                    "platform": line.platform,
                    "campaign": line.campaign,
                    "planned": _money(line.planned_minor, cur),
                    "spent": _money(line.spent_minor, cur),
                }
                for line in self.lines
            ],
        }


def build_budget_section(session: Session, context: ReportContext) -> BudgetSection:
    overview = month_overview(session, context.month)
    return BudgetSection(
        currency=context.settings.currency,
        total_minor=overview.total_minor,
        allocated_minor=overview.allocation.allocated_minor,
        spent_minor=overview.spent_minor,
        lines=tuple(
            BudgetLineFigures(
                s.line.tactic, s.line.platform, s.line.campaign, s.compared.planned_minor, s.compared.spent_minor
            )
            for s in overview.lines
        ),
    )


@dataclass(frozen=True)
class PaidSection:
    """The month's paid results added up; costs are per link click, per thousand impressions and per result."""

    currency: str
    spend_minor: int
    impressions: int
    reach: int
    clicks: int
    conversions: int
    revenue_minor: int

    @property
    def roas(self) -> Decimal | None:
        if not self.spend_minor:
            return None
        return (Decimal(self.revenue_minor) / Decimal(self.spend_minor)).quantize(RATIO_PLACES, ROUND_HALF_UP)

    def to_json(self) -> dict[str, Any]:
        cur = currency(self.currency)
        roas = self.roas
        return {
            "spend": _money(self.spend_minor, cur),
            "impressions": self.impressions,
            "reach": self.reach,
            "clicks": self.clicks,
            "conversions": self.conversions,
            "revenue": _money(self.revenue_minor, cur),
            "cpc": _cost(self.spend_minor, self.clicks, cur),
            "cpm": _cost(self.spend_minor, self.impressions, cur, per=1000),
            "cpa": _cost(self.spend_minor, self.conversions, cur),
            # A ratio, not money: a JSON number (from its exact four-decimal value).
            "roas": None if roas is None else float(roas),
        }


def build_paid_section(session: Session, context: ReportContext) -> PaidSection:
    totals = paid_totals(session, context.month)
    return PaidSection(
        currency=context.settings.currency,
        spend_minor=totals.spend_minor,
        impressions=totals.impressions,
        reach=totals.reach,
        clicks=totals.clicks,
        conversions=totals.conversions,
        revenue_minor=totals.revenue_minor,
    )
