"""Results: every KPI formula (zero denominators too), follower growth, periods, best times, matching."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from smoplanner.core.results import (
    THIN_SAMPLE,
    OrganicDay,
    PaidDay,
    PeriodTotals,
    PostMatchCandidate,
    PostResult,
    best_hours,
    buckets,
    change,
    engagement_by,
    follower_growth,
    kpis,
    match_posts,
    merge_organic,
    post_result_key,
    spread_paid,
    top_posts,
)

BERLIN = ZoneInfo("Europe/Berlin")


def by_key(totals: PeriodTotals, previous: PeriodTotals | None = None) -> dict[str, object]:
    return {k.key: k for k in kpis(totals, previous or PeriodTotals())}


def test_every_kpi_formula():
    t = PeriodTotals(
        reach=2000,
        engagements=90,
        clicks=30,
        conversions=2,
        revenue_minor=4000,
        follower_growth=12,
        paid_spend_minor=5000,
        paid_impressions=8000,
        paid_reach=6000,
        paid_clicks=20,
        paid_conversions=4,
        paid_revenue_minor=15000,
        other_costs_minor=5000,
    )
    values = {key: k.value for key, k in by_key(t).items()}  # type: ignore[attr-defined]
    assert values["follower_growth"] == 12
    assert values["engagement_rate"] == Decimal(90) / 2000
    assert values["organic_reach"] == 2000
    assert values["traffic"] == 50
    assert values["conversions"] == 6
    assert values["conversion_rate"] == Decimal(6) / 50
    assert values["paid_reach"] == 6000
    assert values["spend"] == Decimal("50")
    assert values["cpc"] == Decimal("2.5")
    assert values["cpm"] == Decimal("6.25")
    assert values["cpa"] == Decimal("12.5")
    assert values["roas"] == Decimal(3)
    # ROI: (40 + 150 - (50 + 50)) / (50 + 50)
    assert values["roi"] == Decimal("0.9")
    assert all(not isinstance(v, float) for v in values.values())


def test_zero_denominators_give_none():
    values = {key: k.value for key, k in by_key(PeriodTotals(engagements=5, conversions=1)).items()}  # type: ignore[attr-defined]
    for key in ("engagement_rate", "conversion_rate", "cpc", "cpm", "cpa", "roas", "roi"):
        assert values[key] is None, key
    assert values["spend"] == 0


def test_change_from_the_previous_period():
    now = by_key(PeriodTotals(reach=1500), PeriodTotals(reach=1000))
    assert now["organic_reach"].change == Decimal("0.5")  # type: ignore[attr-defined]
    assert change(5, 0) is None and change(None, 3) is None
    assert change(-50, -100) == Decimal("0.5")


def test_follower_growth_from_counts_or_from_follows():
    days = [
        OrganicDay(date(2026, 10, 31), "instagram", followers=1000),
        OrganicDay(date(2026, 11, 10), "instagram", followers=1040),
        OrganicDay(date(2026, 11, 30), "instagram", followers=1100),
        OrganicDay(date(2026, 12, 1), "instagram", followers=1200),  # after the period
        OrganicDay(date(2026, 11, 5), "tiktok", followers=300),  # first count inside the period
        OrganicDay(date(2026, 11, 25), "tiktok", followers=330),
        OrganicDay(date(2026, 11, 2), "facebook", new_followers=14),
        OrganicDay(date(2026, 11, 3), "facebook", new_followers=9),
        OrganicDay(date(2026, 10, 3), "facebook", new_followers=50),  # before the period
    ]
    assert follower_growth(days, date(2026, 11, 1), date(2026, 11, 30)) == 100 + 30 + 23


def test_totals_of_a_period_leave_out_the_days_around_it():
    organic = [OrganicDay(date(2026, 11, d), "x", reach=100, engagements=5) for d in (1, 15, 30)]
    organic.append(OrganicDay(date(2026, 12, 1), "x", reach=999))
    paid = [PaidDay(date(2026, 11, 2), "x", "c", spend_minor=250, clicks=3), PaidDay(date(2026, 10, 31), "x", "c", 999)]
    t = PeriodTotals.of(organic, paid, date(2026, 11, 1), date(2026, 11, 30))
    assert (t.reach, t.engagements, t.paid_spend_minor, t.paid_clicks) == (300, 15, 250, 3)


def test_a_period_spreads_exactly_over_its_days():
    days = spread_paid(
        date(2026, 11, 1), date(2026, 11, 3), platform="facebook", campaign="c",
        spend_minor=1000, impressions=10, reach=7, clicks=2, conversions=1, revenue_minor=101,
    )  # fmt: skip
    assert [d.spend_minor for d in days] == [334, 333, 333]
    assert sum(d.impressions for d in days) == 10 and sum(d.revenue_minor for d in days) == 101
    assert [d.day.day for d in days] == [1, 2, 3]


def test_buckets_by_day_week_and_month():
    assert buckets(date(2026, 11, 27), date(2026, 12, 2), "week") == [date(2026, 11, 23), date(2026, 11, 30)]
    assert buckets(date(2026, 11, 15), date(2027, 1, 3), "month") == [
        date(2026, 11, 1),
        date(2026, 12, 1),
        date(2027, 1, 1),
    ]
    assert len(buckets(date(2026, 1, 1), date(2026, 12, 31), "day")) == 365


def post(at: datetime, engagements: int, reach: int, platform: str = "instagram", **kw: object) -> PostResult:
    return PostResult(platform, at, reach=reach, engagements=engagements, **kw)  # type: ignore[arg-type]


def test_best_hours_mark_thin_samples_and_rank_them_after_solid_ones():
    at = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)  # 09:00 in Berlin
    posts = [post(at + timedelta(days=i), 50, 1000) for i in range(THIN_SAMPLE)]  # 5 % at 09:00, 5 posts
    posts += [post(at + timedelta(days=i, hours=9), 80, 1000) for i in range(2)]  # 8 % at 18:00, only 2 posts
    posts += [post(at + timedelta(hours=3), 1, 1000, platform="facebook")]
    hours = best_hours(posts, BERLIN, platform="instagram")
    assert [(h.key, h.posts, h.thin) for h in hours] == [("09", 5, False), ("18", 2, True)]
    assert hours[0].rate == Decimal("0.05") and hours[1].rate == Decimal("0.08")
    assert [h.key for h in best_hours(posts, BERLIN, platform="facebook")] == ["12"]


def test_engagement_rate_uses_impressions_where_there_is_no_reach():
    at = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
    x = PostResult("x", at, impressions=400, engagements=20)
    assert x.engagement_rate == Decimal("0.05")
    assert PostResult("x", at).engagement_rate is None
    groups = engagement_by([x, post(at, 10, 100)], lambda p: p.platform)
    assert [(g.key, g.rate) for g in groups] == [("instagram", Decimal("0.1")), ("x", Decimal("0.05"))]
    assert [p.platform for p in top_posts([x, post(at, 10, 100), PostResult("x", at)])] == ["instagram", "x"]


def test_post_level_results_fill_the_days_without_a_daily_row():
    late = datetime(2026, 11, 28, 23, 30, tzinfo=UTC)  # 29 Nov in Berlin
    merged = merge_organic(
        [OrganicDay(date(2026, 11, 28), "x", reach=5)],
        [post(late, 3, 100, platform="x"), post(late - timedelta(hours=2), 7, 70, platform="x")],
        BERLIN,
    )
    # The daily row's reach wins; its engagements, left at zero, are the posts' of that day.
    assert [(d.day.day, d.reach, d.engagements) for d in merged] == [(28, 5, 7), (29, 100, 3)]


def test_a_partial_daily_row_never_hides_the_posts_figures():
    """A "follows" daily file gives only new followers: the day's reach and the rest stay the posts'."""
    at = datetime(2026, 10, 5, 9, 0, tzinfo=UTC)
    follows = OrganicDay(date(2026, 10, 5), "instagram", new_followers=12, followers=1_500)
    posts = [post(at, 40, 3_000), post(at + timedelta(hours=3), 25, 700)]
    (merged,) = merge_organic([follows], posts, BERLIN)
    assert (merged.new_followers, merged.followers) == (12, 1_500)
    assert (merged.reach, merged.engagements) == (3_700, 65)
    assert merged.impressions == sum(p.impressions for p in posts) and merged.clicks == sum(p.clicks for p in posts)


def test_results_match_calendar_posts_by_link_else_platform_and_time():
    at = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    candidates = [
        PostMatchCandidate(1, frozenset({"instagram"}), at, "https://www.instagram.com/p/ABC/"),
        PostMatchCandidate(2, frozenset({"facebook", "instagram"}), at + timedelta(minutes=4)),
        PostMatchCandidate(3, frozenset({"facebook"}), at + timedelta(hours=1)),
    ]
    results = [
        post(at + timedelta(days=3), 1, 1, permalink="http://instagram.com/p/ABC?igsh=1"),  # by link
        post(at + timedelta(minutes=5), 1, 1),  # instagram, nearest in time: 2
        post(at + timedelta(minutes=30), 1, 1, platform="facebook"),  # 30 min from 3: too far
    ]
    assert match_posts(results, candidates) == [1, 2, None]


def test_the_import_key_ignores_the_numbers():
    at = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    a = post(at, 1, 10, external_id="17900")
    assert post_result_key(a) == post_result_key(post(at, 99, 1000, external_id="17900"))
    assert post_result_key(a) != post_result_key(post(at, 1, 10, external_id="17901"))


def test_counts_are_whole_and_never_negative():
    with pytest.raises(ValueError, match="negative"):
        OrganicDay(date(2026, 11, 1), "x", reach=-1)
    with pytest.raises(TypeError):
        OrganicDay(date(2026, 11, 1), "x", reach=1.5)  # type: ignore[arg-type]
