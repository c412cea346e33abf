"""Repeating posts: weekly or monthly dates at the same local time, up to an end date."""

from __future__ import annotations

import calendar
from dataclasses import KW_ONLY, dataclass
from datetime import UTC, date, datetime, timedelta

__all__ = ["FREQUENCIES", "MAX_OCCURRENCES", "Recurrence", "describe", "occurrences"]

FREQUENCIES = ("weekly", "monthly")
MAX_OCCURRENCES = 500  # more than nine years of weekly posts; keeps a typo in the year harmless

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True, slots=True)
class Recurrence:
    freq: str  # "weekly" or "monthly"
    interval: int = 1
    _: KW_ONLY
    until: date  # last day an occurrence may fall on (inclusive, in the plan's time zone)

    def __post_init__(self) -> None:
        if self.freq not in FREQUENCIES:
            raise ValueError(f"{self.freq!r} is not a repeat (use weekly or monthly)")
        if isinstance(self.interval, bool) or not isinstance(self.interval, int) or self.interval < 1:
            raise ValueError("a repeat interval must be a whole number of at least 1")
        if isinstance(self.until, datetime) or not isinstance(self.until, date):
            raise TypeError("until must be a date")


def _settle(local: datetime) -> datetime:
    """The real moment of a wall-clock time; a time skipped by a spring change moves forward."""
    return local.astimezone(UTC).astimezone(local.tzinfo)


def occurrences(first: datetime, rule: Recurrence) -> list[datetime]:
    """All dates of a repeating post, starting with ``first``, in ``first``'s time zone.

    The wall-clock time is kept across daylight-saving changes (09:00 stays 09:00 local). Monthly
    repeats keep the first post's day of the month, or the last day of a shorter month (the 31st gives
    30 April and 28 or 29 February). At most MAX_OCCURRENCES dates are returned.
    """
    if first.tzinfo is None or first.utcoffset() is None:
        raise ValueError("the first post's time must carry its time zone")
    if first.date() > rule.until:
        raise ValueError("the repeat ends before the first post")
    result: list[datetime] = []
    naive = first.replace(tzinfo=None)
    step = 0
    while len(result) < MAX_OCCURRENCES:
        if rule.freq == "weekly":
            local = naive + timedelta(weeks=rule.interval * step)
        else:
            month_index = naive.month - 1 + rule.interval * step
            year, month = naive.year + month_index // 12, month_index % 12 + 1
            day = min(naive.day, calendar.monthrange(year, month)[1])
            local = naive.replace(year=year, month=month, day=day)
        if local.date() > rule.until:
            break
        result.append(_settle(local.replace(tzinfo=first.tzinfo, fold=0)))
        step += 1
    return result


def _long_date(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def describe(rule: Recurrence) -> str:
    """The rule in words, e.g. "Every week until 31 Dec 2026" or "Every 2 months until 1 Jun 2027"."""
    unit = "week" if rule.freq == "weekly" else "month"
    every = f"Every {unit}" if rule.interval == 1 else f"Every {rule.interval} {unit}s"
    return f"{every} until {_long_date(rule.until)}"
