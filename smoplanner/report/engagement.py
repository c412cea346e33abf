"""The report's "engagement" section: what came in during the month and how quickly it was answered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from fractions import Fraction
from typing import Any

from sqlalchemy.orm import Session

from smoplanner.report.context import ReportContext
from smoplanner.store.engagement import month_figures


def _rate(value: Fraction | None) -> float | None:
    return None if value is None else round(float(value), 4)


def _minutes(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


@dataclass(frozen=True)
class EngagementSection:
    """Items received in the month (the plan's time zone); times to answer are business minutes.

    ``overdue`` counts the month's items still waiting past their target now.
    """

    received: int
    answered: int
    response_rate: Fraction | None
    median_response_minutes: float | None
    p90_response_minutes: float | None
    within_target: Fraction | None
    overdue: int

    def to_json(self) -> dict[str, Any]:
        return {
            "received": self.received,
            "answered": self.answered,
            "response_rate": _rate(self.response_rate),
            "median_response_minutes": _minutes(self.median_response_minutes),
            "p90_response_minutes": _minutes(self.p90_response_minutes),
            "within_target": _rate(self.within_target),
            "overdue": self.overdue,
        }


def build_engagement_section(
    session: Session, context: ReportContext, now: datetime | None = None
) -> EngagementSection:
    start, end = context.utc_span()
    figures = month_figures(session, start, end, now or datetime.now(UTC)).figures
    return EngagementSection(
        received=figures.received,
        answered=figures.answered,
        response_rate=figures.response_rate,
        median_response_minutes=figures.median_response_minutes,
        p90_response_minutes=figures.p90_response_minutes,
        within_target=figures.within_target,
        overdue=figures.overdue,
    )
