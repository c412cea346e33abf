"""Best times to post: weekday-and-hour slots in the plan's time zone, thin samples last and marked."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from smoplanner.core.results import THIN_SAMPLE, PostResult, best_times

BERLIN = ZoneInfo("Europe/Berlin")
AUCKLAND = ZoneInfo("Pacific/Auckland")


def post(at: datetime, engagements: int, reach: int, platform: str = "instagram") -> PostResult:
    return PostResult(platform, at, reach=reach, engagements=engagements)


def test_slots_with_enough_posts_come_first_and_thin_ones_are_marked():
    tuesday = datetime(2026, 11, 3, 8, 0, tzinfo=UTC)  # Tue 09:00 in Berlin
    posts = [post(tuesday + timedelta(weeks=i), 40, 1000) for i in range(THIN_SAMPLE)]  # 4 %, 5 posts
    posts += [post(tuesday + timedelta(days=2, hours=9) + timedelta(weeks=i), 90, 1000) for i in range(2)]  # Thu 18:00
    posts += [post(tuesday + timedelta(days=1), 10, 1000)]  # Wed 09:00, 1 %, one post
    posts += [post(tuesday, 500, 1000, platform="facebook")]  # another platform does not count
    slots = best_times(posts, BERLIN, platform="instagram")
    assert [(s.weekday, s.hour, s.posts, s.thin) for s in slots] == [
        (1, 9, 5, False),
        (3, 18, 2, True),
        (2, 9, 1, True),
    ]
    assert [s.rate for s in slots] == [Decimal("0.04"), Decimal("0.09"), Decimal("0.01")]
    assert len(best_times(posts, BERLIN, platform="instagram", limit=2)) == 2
    assert best_times(posts, BERLIN, platform="tiktok") == []


def test_a_slot_is_the_weekday_and_hour_of_the_plans_time_zone():
    late = datetime(2026, 11, 28, 23, 30, tzinfo=UTC)  # Saturday in UTC
    assert [(s.weekday, s.hour) for s in best_times([post(late, 5, 100)], BERLIN, platform="instagram")] == [(6, 0)]
    early = datetime(2026, 11, 29, 3, 0, tzinfo=UTC)  # Sunday in UTC, Sunday 16:00 in Auckland
    assert [(s.weekday, s.hour) for s in best_times([post(early, 5, 100)], AUCKLAND, platform="instagram")] == [(6, 16)]


def test_posts_with_no_audience_give_no_slot():
    assert best_times([post(datetime(2026, 11, 3, 8, tzinfo=UTC), 0, 0)], BERLIN, platform="instagram") == []
