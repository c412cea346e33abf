"""Response times counted in the business's own open hours, in its time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smoplanner.core.engagement import (
    BusinessHours,
    Handled,
    business_minutes,
    deadline,
    is_overdue,
    parse_received,
    percentile,
    response_figures,
)

BERLIN = ZoneInfo("Europe/Berlin")
SHOP = BusinessHours.weekdays("Europe/Berlin", time(9), time(17), holidays=[date(2026, 12, 25)])


def at(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=BERLIN)


def test_within_one_open_day() -> None:
    assert business_minutes(at(2026, 11, 30, 10), at(2026, 11, 30, 11, 30), SHOP) == 90


def test_over_closing_time_counts_only_open_hours() -> None:
    # Monday 16:00 to Tuesday 10:00: one hour on Monday, one on Tuesday
    assert business_minutes(at(2026, 11, 30, 16), at(2026, 12, 1, 10), SHOP) == 120


def test_over_a_weekend() -> None:
    # Friday 16:30 to Monday 9:45: 30 minutes on Friday, 45 on Monday
    assert business_minutes(at(2026, 12, 4, 16, 30), at(2026, 12, 7, 9, 45), SHOP) == 75


def test_across_a_holiday() -> None:
    # Thursday 24 Dec 16:00 to Monday 28 Dec 10:00; Friday the 25th is a holiday
    assert business_minutes(at(2026, 12, 24, 16), at(2026, 12, 28, 10), SHOP) == 120


def test_received_outside_business_hours_starts_counting_at_opening() -> None:
    assert business_minutes(at(2026, 11, 28, 22), at(2026, 11, 30, 9, 20), SHOP) == 20  # Saturday night
    assert business_minutes(at(2026, 11, 30, 7), at(2026, 11, 30, 8, 59), SHOP) == 0
    assert deadline(at(2026, 11, 28, 22), 60, SHOP) == at(2026, 11, 30, 10)


def test_both_daylight_saving_changes_count_the_hours_that_really_passed() -> None:
    around_the_clock = BusinessHours.always("Europe/Berlin")
    # 29 March 2026: the clocks go from 2:00 to 3:00, the day has 23 hours
    assert business_minutes(at(2026, 3, 29), at(2026, 3, 30), around_the_clock) == 23 * 60
    # 25 October 2026: from 3:00 back to 2:00, the day has 25 hours
    assert business_minutes(at(2026, 10, 25), at(2026, 10, 26), around_the_clock) == 25 * 60
    # an open day keeps its wall-clock hours on both change days (9 to 17 is 8 hours)
    sunday_shop = BusinessHours("Europe/Berlin", {6: ((time(9), time(17)),)})
    assert business_minutes(at(2026, 3, 29), at(2026, 3, 30), sunday_shop) == 8 * 60
    assert business_minutes(at(2026, 10, 25), at(2026, 10, 26), sunday_shop) == 8 * 60


def test_a_deadline_runs_over_nights_weekends_and_holidays() -> None:
    assert deadline(at(2026, 12, 4, 16), 24 * 60, SHOP) == at(2026, 12, 9, 16)  # 3 open days later
    assert deadline(at(2026, 12, 24, 16, 30), 60, SHOP) == at(2026, 12, 28, 9, 30)


def test_overdue_only_while_waiting_and_past_the_target_in_business_time() -> None:
    received = at(2026, 12, 4, 16)  # Friday 16:00, target 4 business hours: Monday 12:00
    assert not is_overdue(received, 240, at(2026, 12, 6, 23), SHOP, "new")  # Sunday night: not yet
    assert is_overdue(received, 240, at(2026, 12, 7, 12, 1), SHOP, "new")
    assert not is_overdue(received, 240, at(2026, 12, 7, 12, 1), SHOP, "answered")
    assert not is_overdue(received, None, at(2027, 1, 1), SHOP, "new")


def test_month_figures_and_an_empty_month() -> None:
    now = at(2026, 12, 10, 12)
    items = [
        Handled(at(2026, 12, 1, 9), "answered", at(2026, 12, 1, 9, 30), 60),  # 30 min, in time
        Handled(at(2026, 12, 1, 9), "answered", at(2026, 12, 1, 12), 60),  # 180 min, late
        Handled(at(2026, 12, 2, 9), "answered", at(2026, 12, 2, 10), 60),  # 60 min, in time
        Handled(at(2026, 12, 3, 9), "no_reply"),
        Handled(at(2026, 12, 9, 9), "new", None, 60),  # overdue now
    ]
    figures = response_figures(items, SHOP, now)
    assert (figures.received, figures.answered, figures.overdue) == (5, 3, 1)
    assert figures.response_rate == Fraction(3, 4)  # the "no reply needed" item asked for no answer
    assert figures.median_response_minutes == 60
    assert figures.p90_response_minutes == pytest.approx(156.0)
    assert figures.within_target == Fraction(2, 3)
    empty = response_figures([], SHOP, now)
    assert empty.received == 0 and empty.response_rate is None and empty.median_response_minutes is None
    assert empty.p90_response_minutes is None and empty.within_target is None


def test_percentiles_interpolate_between_ranks() -> None:
    assert percentile([10, 20, 30, 40], 50) == 25
    assert percentile([5], 90) == 5
    assert percentile([], 90) is None
    with pytest.raises(ValueError):
        percentile([1], 101)


def test_bad_hours_and_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="close before they open"):
        BusinessHours("Europe/Berlin", {0: ((time(17), time(9)),)})
    with pytest.raises(ValueError, match="not a weekday"):
        BusinessHours("Europe/Berlin", {7: ((time(9), time(17)),)})
    with pytest.raises(ValueError, match="time zone"):
        business_minutes(datetime(2026, 12, 1, 9), at(2026, 12, 1, 10), SHOP)
    with pytest.raises(ValueError, match="no open time"):
        deadline(at(2026, 12, 1), 10, BusinessHours("Europe/Berlin"))


@given(
    start=st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31)),
    first=st.integers(0, 5000),
    second=st.integers(0, 5000),
)
def test_deadlines_and_counts_agree(start: datetime, first: int, second: int) -> None:
    received = start.replace(tzinfo=BERLIN)
    due = deadline(received, first, SHOP)
    assert business_minutes(received, due, SHOP) == first
    assert deadline(due, second, SHOP) == deadline(received, first + second, SHOP)
    assert due >= received and (first == 0 or due - received >= timedelta(minutes=first))


def test_known_minutes_and_deadlines_give_the_same_figures() -> None:
    from smoplanner.core.engagement import business_minutes as minutes_between

    received, answered = at(2026, 12, 4, 16), at(2026, 12, 7, 10)
    counted = response_figures([Handled(received, "answered", answered, 120)], SHOP, at(2026, 12, 8))
    known = response_figures(
        [Handled(received, "answered", answered, 120, minutes=minutes_between(received, answered, SHOP))],
        SHOP,
        at(2026, 12, 8),
    )
    assert counted == known
    due = deadline(at(2026, 12, 7, 9), 60, SHOP)
    waiting = [Handled(at(2026, 12, 7, 9), "new", None, 60, due=due)]
    assert response_figures(waiting, SHOP, at(2026, 12, 7, 10, 1)).overdue == 1
    assert response_figures(waiting, SHOP, at(2026, 12, 7, 9, 59)).overdue == 0


def test_tags_replies_and_item_checks() -> None:
    from smoplanner.core.engagement import ItemRecord, fill_reply, import_key, item_problems, parse_tags

    assert parse_tags("#Price, menu  #price vegan") == ("price", "menu", "vegan")
    assert fill_reply("Hi {name}, {business} on {platform} {other}", name="Ana", business="Lumen", platform="X") == (
        "Hi Ana, Lumen on X {other}"
    )
    good = ItemRecord("instagram", "comment", "@ana", "Hi", at(2026, 12, 1, 10))
    assert item_problems(good) == []
    bad = ItemRecord("", "poem", "", "", at(2026, 12, 1, 10), "maybe", at(2026, 11, 1), sentiment="angry")
    assert {field for field, _ in item_problems(bad)} == {
        "kind",
        "status",
        "sentiment",
        "platform",
        "text",
        "answered_at",
    }
    moved = ItemRecord("instagram", "comment", "@ana", "Hi", at(2026, 12, 1, 10).astimezone(ZoneInfo("UTC")))
    assert import_key(good) == import_key(moved)  # the same moment, whatever its zone


def test_parse_received_reads_the_ways_a_time_is_typed() -> None:
    now = datetime(2026, 12, 9, 12, 0, 30, tzinfo=UTC)  # 13:00 in Berlin
    berlin = "Europe/Berlin"
    assert parse_received("", now, berlin) == now and parse_received(" Now ", now, berlin) == now
    assert parse_received("10:15", now, berlin) == datetime(2026, 12, 9, 9, 15, tzinfo=UTC)
    assert parse_received("9.05", now, berlin) == datetime(2026, 12, 9, 8, 5, tzinfo=UTC)
    assert parse_received("18:30", now, berlin) == datetime(2026, 12, 8, 17, 30, tzinfo=UTC)  # not yet today
    assert parse_received("Yesterday 18:30", now, berlin) == datetime(2026, 12, 8, 17, 30, tzinfo=UTC)
    assert parse_received("2026-07-01 08:00", now, berlin) == datetime(2026, 7, 1, 6, 0, tzinfo=UTC)  # summer time
    assert parse_received("13:00", now, berlin) == datetime(2026, 12, 9, 12, 0, tzinfo=UTC)
    for bad in ("today 18:30", "2026-12-10 08:00", "25:00", "9", "12:5", "noon", "tomorrow 9:00", "2026-13-01 9:00"):
        with pytest.raises(ValueError) as caught:
            parse_received(bad, now, berlin)
        assert "\n" not in str(caught.value) and bad in str(caught.value)
