"""Repeating posts land on the days and local times a shop owner expects."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from smoplanner.core.recurrence import MAX_OCCURRENCES, Recurrence, describe, occurrences

BERLIN = ZoneInfo("Europe/Berlin")


def test_weekly_until_is_inclusive():
    first = datetime(2026, 11, 3, 9, 0, tzinfo=BERLIN)
    dates = occurrences(first, Recurrence("weekly", until=date(2026, 11, 24)))
    assert [d.day for d in dates] == [3, 10, 17, 24]


def test_every_two_weeks():
    first = datetime(2026, 1, 5, 12, 0, tzinfo=BERLIN)
    dates = occurrences(first, Recurrence("weekly", 2, until=date(2026, 2, 28)))
    assert [d.date() for d in dates] == [
        date(2026, 1, 5),
        date(2026, 1, 19),
        date(2026, 2, 2),
        date(2026, 2, 16),
    ]


def test_weekly_keeps_local_time_across_the_october_change():
    first = datetime(2026, 10, 18, 9, 0, tzinfo=BERLIN)  # summer time
    dates = occurrences(first, Recurrence("weekly", until=date(2026, 11, 8)))
    assert [(d.hour, d.minute) for d in dates] == [(9, 0)] * 4
    assert dates[0].utcoffset() == timedelta(hours=2)
    assert dates[-1].utcoffset() == timedelta(hours=1)
    # The real gap across the change (25 October, 03:00) is a week plus one hour.
    assert dates[1].astimezone(UTC) - dates[0].astimezone(UTC) == timedelta(days=7, hours=1)
    assert dates[2].astimezone(UTC) - dates[1].astimezone(UTC) == timedelta(days=7)


def test_a_time_skipped_in_spring_moves_forward():
    first = datetime(2026, 3, 22, 2, 30, tzinfo=BERLIN)
    dates = occurrences(first, Recurrence("weekly", until=date(2026, 4, 5)))
    assert [d.strftime("%d %H:%M") for d in dates] == ["22 02:30", "29 03:30", "05 02:30"]


def test_monthly_on_the_31st_uses_the_last_day_of_shorter_months():
    first = datetime(2026, 1, 31, 18, 0, tzinfo=BERLIN)
    dates = occurrences(first, Recurrence("monthly", until=date(2026, 6, 30)))
    assert [d.date() for d in dates] == [
        date(2026, 1, 31),
        date(2026, 2, 28),
        date(2026, 3, 31),
        date(2026, 4, 30),
        date(2026, 5, 31),
        date(2026, 6, 30),
    ]
    assert all(d.hour == 18 for d in dates)


def test_monthly_leap_year_and_interval():
    first = datetime(2027, 12, 31, 8, 0, tzinfo=BERLIN)
    dates = occurrences(first, Recurrence("monthly", 2, until=date(2028, 6, 1)))
    assert [d.date() for d in dates] == [date(2027, 12, 31), date(2028, 2, 29), date(2028, 4, 30)]


def test_occurrences_are_capped():
    first = datetime(2026, 1, 1, 9, 0, tzinfo=BERLIN)
    dates = occurrences(first, Recurrence("weekly", until=date(2040, 1, 1)))
    assert len(dates) == MAX_OCCURRENCES == 500


def test_bad_rules_are_refused():
    with pytest.raises(ValueError):
        Recurrence("daily", until=date(2026, 1, 1))
    with pytest.raises(ValueError):
        Recurrence("weekly", 0, until=date(2026, 1, 1))
    with pytest.raises(ValueError, match="ends before"):
        occurrences(datetime(2026, 5, 1, tzinfo=BERLIN), Recurrence("weekly", until=date(2026, 4, 1)))
    with pytest.raises(ValueError, match="time zone"):
        occurrences(datetime(2026, 5, 1), Recurrence("weekly", until=date(2026, 6, 1)))


def test_describe():
    assert describe(Recurrence("weekly", until=date(2026, 12, 31))) == "Every week until 31 Dec 2026"
    assert describe(Recurrence("monthly", 2, until=date(2027, 6, 1))) == "Every 2 months until 1 Jun 2027"
