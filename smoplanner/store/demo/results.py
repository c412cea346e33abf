"""The sample café's results: six months of organic days, post-level results and one more ad campaign.

Organic reach grows slowly over the six months, a week has its rhythm (weekends are busier), and each
paid campaign lifts organic reach and follower growth while it runs and for two weeks after, so the
chart shows a campaign amplifying organic reach. Every number is made from the day (no randomness),
so the sample is the same each time it is made for the same "today"; nothing is recorded for today
or later.
"""

from __future__ import annotations

from datetime import UTC, date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from smoplanner.core.budget import PaidResult
from smoplanner.core.dates import Month
from smoplanner.core.results import OrganicDay, PostResult
from smoplanner.store.budget import Campaign, import_paid_results, list_campaigns, save_campaign
from smoplanner.store.demo import budget as demo_budget
from smoplanner.store.posts.tables import Post, PostPlatform
from smoplanner.store.results.queries import import_organic, import_post_results

#: platform -> (followers six months ago, daily reach, engagements per 1000 reached, clicks per 1000)
BASELINE: dict[str, tuple[int, int, int, int]] = {
    "instagram": (2150, 900, 52, 9),
    "facebook": (1480, 520, 31, 12),
    "tiktok": (640, 1300, 44, 4),
    "google_business": (0, 260, 18, 35),
}
#: The campaign the results sample adds, in the month three months before "today"'s.
EXTRA_CAMPAIGN = "autumn_brunch"
EXTRA_OFFSET, EXTRA_FIRST_DAY, EXTRA_LAST_DAY, EXTRA_DAILY_SPEND_MINOR = -3, 6, 26, 1250


def _wobble(day: date, salt: int, spread: int) -> int:
    """A percentage 100 ± ``spread`` that is the same for the same day and salt."""
    return 100 - spread + (day.toordinal() * 7919 + salt * 104_729) % (2 * spread + 1)


def _lift(day: date, campaigns: list[tuple[date, date]]) -> int:
    """Percent added to organic reach on ``day``: 35 while a campaign runs, fading over two weeks after."""
    best = 0
    for start, end in campaigns:
        if start <= day <= end:
            best = max(best, 35)
        elif end < day <= end + timedelta(days=14):
            best = max(best, 35 * (14 - (day - end).days) // 14)
    return best


def fill_results_demo(session: Session, demo_json: dict[str, Any]) -> None:
    today = demo_budget._demo_today()
    middle = demo_budget._middle_month(demo_json, today, Month.of(today))
    extra_month = demo_budget._month(middle, EXTRA_OFFSET)
    extra_start = extra_month.first_day.replace(day=EXTRA_FIRST_DAY)
    extra_end = extra_month.first_day.replace(day=EXTRA_LAST_DAY)
    if not any(c.name == EXTRA_CAMPAIGN for c in list_campaigns(session)):
        save_campaign(
            session,
            Campaign(
                name=EXTRA_CAMPAIGN,
                objective="traffic",
                start=extra_start,
                end=extra_end,
                budget_minor=30_000,
                target_results=40,
                platforms=("instagram", "facebook"),
            ),
        )
    paid: list[PaidResult] = []
    day = extra_start
    while day <= extra_end and day < today:
        for platform, share in (("instagram", 65), ("facebook", 35)):
            spend = EXTRA_DAILY_SPEND_MINOR * share // 100 * _wobble(day, 1, 20) // 100
            impressions = spend * 2 * _wobble(day, 2, 25) // 100
            paid.append(
                PaidResult(
                    start=day,
                    end=day,
                    campaign=EXTRA_CAMPAIGN,
                    platform=platform,
                    spend_minor=spend,
                    impressions=impressions,
                    reach=impressions * 3 // 4,
                    link_clicks=impressions * 18 // 1000,
                    results=impressions * 2 // 1000,
                    revenue_minor=impressions * 2 // 1000 * 1450,
                )
            )
        day += timedelta(days=1)
    import_paid_results(session, paid)

    campaigns = [(c.start, c.end) for c in list_campaigns(session) if c.start is not None and c.end is not None]
    first = demo_budget._month(Month.of(today), -5).first_day
    days: list[OrganicDay] = []
    for salt, (platform, (followers, reach, eng_rate, click_rate)) in enumerate(BASELINE.items()):
        count = followers
        day = first
        while day < today:
            growth_pct = 100 + (day - first).days * 30 // 180  # organic reach grows 30 % over six months
            weekend = 125 if day.weekday() >= 5 else 100
            lift = 100 + _lift(day, campaigns)
            day_reach = reach * growth_pct // 100 * weekend // 100 * lift // 100 * _wobble(day, salt + 11, 15) // 100
            engagements = day_reach * eng_rate // 1000
            gained = (day_reach // 400) * lift // 100 if followers else 0
            count += gained
            days.append(
                OrganicDay(
                    day=day,
                    platform=platform,
                    followers=count if followers else None,
                    reach=day_reach,
                    impressions=day_reach * 14 // 10,
                    engagements=engagements,
                    clicks=day_reach * click_rate // 1000,
                    profile_visits=day_reach * 3 // 100,
                    conversions=day_reach * click_rate // 1000 // 12,
                    revenue_minor=day_reach * click_rate // 1000 // 12 * 1600,
                )
            )
            day += timedelta(days=1)
    import_organic(session, days)

    posts = session.execute(
        select(Post.id, Post.scheduled_at, Post.published_url, Post.pillar_id, PostPlatform.platform)
        .join(PostPlatform, PostPlatform.post_id == Post.id)
        .where(Post.status == "published", Post.scheduled_at.is_not(None))
    ).all()
    now = today.toordinal()
    results: list[PostResult] = []
    for post_id, at, url, pillar_id, platform in posts:
        if at is None or at.date().toordinal() >= now or platform not in BASELINE:
            continue
        reach = BASELINE[platform][1] * _wobble(at.date(), post_id, 40) // 100
        evening = 130 if 17 <= at.astimezone(UTC).hour + 1 <= 20 else 100  # the café's crowd engages after work
        pillar = 100 + 10 * ((pillar_id or 0) % 3)
        engagements = reach * BASELINE[platform][2] // 1000 * evening // 100 * pillar // 100
        results.append(
            PostResult(
                platform=platform,
                published_at=at,
                impressions=reach * 13 // 10,
                reach=reach,
                engagements=engagements,
                clicks=reach * BASELINE[platform][3] // 1000,
                external_id=f"demo-{post_id}-{platform}",
                permalink=url,
            )
        )
    import_post_results(session, results)
    session.flush()
