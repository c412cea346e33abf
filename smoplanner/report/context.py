"""What every section of the month's report is built for: the month and the plan's settings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from smoplanner.core.dates import Month
from smoplanner.core.plan_settings import PlanSettingsData


@dataclass(frozen=True)
class ReportContext:
    month: Month
    settings: PlanSettingsData

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.settings.timezone)

    def utc_span(self) -> tuple[datetime, datetime]:
        """The month as [start, end) in UTC, its days being the plan's (its time zone's)."""
        return self.month.utc_span(self.tz)
