"""Months, and moving between the plan's time zone and UTC."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

#: The years a plan's dates may fall in: wide enough for any real post, and far enough from year 1 and
#: 9999 that converting between time zones, or going to the next month, can never overflow.
PLANNING_YEARS = range(1900, 3000)
YEARS_TEXT = f"{PLANNING_YEARS.start} to {PLANNING_YEARS.stop - 1}"


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        """``2026-12`` -> Month(2026, 12); ValueError with a plain message otherwise."""
        match = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", text)
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise ValueError(f"“{text}” is not a month; write it as YYYY-MM, like 2026-12.")
        year = int(match.group(1))
        if year not in PLANNING_YEARS:
            raise ValueError(f"“{text}” is outside the years smoplanner plans ({YEARS_TEXT}).")
        return cls(year, int(match.group(2)))

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return self.next().first_day - timedelta(days=1)

    def next(self) -> Month:
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def previous(self) -> Month:
        return Month(self.year - (self.month == 1), 12 if self.month == 1 else self.month - 1)

    def utc_span(self, tz: ZoneInfo) -> tuple[datetime, datetime]:
        """The month's start and end (exclusive) as UTC instants, midnight to midnight in ``tz``."""
        start = datetime.combine(self.first_day, time(0), tz)
        end = datetime.combine(self.next().first_day, time(0), tz)
        return start.astimezone(UTC), end.astimezone(UTC)

    def label(self, locale: str = "en_US") -> str:
        """The month and year as ``locale`` writes them: ``December 2026``, ``Dezember 2026``."""
        from smoplanner.core.locale_format import PlanLocale

        return PlanLocale.of(locale).month(self.year, self.month)


def day_text(day: date, *, weekday: bool = True, year: bool = True, locale: str = "en_US") -> str:
    """A date as the window writes every date, in ``locale``: "Thu, Dec 3, 2026", "Do., 3. Dez. 2026"."""
    from smoplanner.core.locale_format import PlanLocale

    return PlanLocale.of(locale).day(day, weekday=weekday, year=year)
