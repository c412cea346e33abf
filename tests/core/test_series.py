"""Editing a repeating post "this and all following" carries what changed, and only that, to the later posts."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from smoplanner.core.posts import PostRecord
from smoplanner.core.series import follow_edit, shift_later

BERLIN = ZoneInfo("Europe/Berlin")


def at(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=BERLIN)


def test_a_new_time_of_day_puts_later_posts_at_that_time_on_their_own_dates() -> None:
    later = shift_later(at(3, 9), at(3, 11, 30), at(10, 9), BERLIN)
    assert later == at(10, 11, 30)


def test_a_new_date_moves_later_posts_by_as_many_days_keeping_their_own_time() -> None:
    # the later post was moved to 10:00 on its own; a date change keeps that
    later = shift_later(at(3, 9), at(5, 9), at(10, 10), BERLIN)
    assert later == at(12, 10)


def test_date_and_time_together() -> None:
    assert shift_later(at(3, 9), at(4, 18), at(10, 10), BERLIN) == at(11, 18)


def test_nothing_moves_when_the_time_is_unchanged() -> None:
    own = at(10, 10)
    assert shift_later(at(3, 9), at(3, 9), own, BERLIN) is own


def test_days_and_clocks_are_the_plans_across_daylight_saving() -> None:
    # 9:00 in Berlin is 08:00 UTC in winter and 07:00 UTC in summer; moving the first post
    # from 09:00 to 10:00 in March puts an April post at 10:00 Berlin time too.
    later = shift_later(at(3, 9), at(3, 10), at(7, 9, month=4), BERLIN)
    assert later == at(7, 10, month=4)
    assert later.astimezone(UTC).hour == 8


def test_a_time_the_spring_change_skips_moves_on() -> None:
    # 29 March 2026: Berlin's clocks jump from 02:00 to 03:00
    later = shift_later(at(22, 9), at(22, 2, 30), at(29, 9), BERLIN)
    assert later.astimezone(UTC) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert (later.hour, later.minute) == (3, 30)


def post(when: datetime, **changes: object) -> PostRecord:
    base = PostRecord(
        title="Sunday brunch",
        text="Brunch from 10",
        platforms=("instagram", "facebook"),
        scheduled_at=when,
        status="scheduled",
        campaign="winter",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_only_the_changed_fields_are_carried() -> None:
    before = post(at(1, 10))
    after = post(at(1, 10), text="Brunch from 9", status="draft")
    later = post(at(8, 10), title="Easter brunch", campaign="easter")
    result = follow_edit(before, after, later, BERLIN)
    assert result == post(at(8, 10), title="Easter brunch", campaign="easter", text="Brunch from 9", status="draft")


def test_platforms_and_their_texts_are_carried_when_they_changed() -> None:
    before = post(at(1, 10))
    after = post(at(1, 10), platforms=("instagram",), variants=(("instagram", "Brunch! 🥐"),))
    later = post(at(8, 10), platforms=("facebook",))
    result = follow_edit(before, after, later, BERLIN)
    assert result.platforms == ("instagram",) and result.variants == (("instagram", "Brunch! 🥐"),)
    untouched = follow_edit(before, post(at(1, 10), text="New"), later, BERLIN)
    assert untouched.platforms == ("facebook",)


def test_an_unchanged_edit_leaves_a_later_post_as_it_is() -> None:
    later = post(at(8, 11), title="Own title")
    assert follow_edit(post(at(1, 10)), post(at(1, 10)), later, BERLIN) == later


def test_the_time_moves_with_the_edit() -> None:
    result = follow_edit(post(at(1, 10)), post(at(2, 12)), post(at(8, 10)), BERLIN)
    assert result.scheduled_at == at(9, 12)


def test_a_post_put_back_in_the_backlog_moves_no_later_post() -> None:
    later = post(at(8, 10))
    assert follow_edit(post(at(1, 10)), post(None, status="idea"), later, BERLIN).scheduled_at == at(8, 10)
