"""Results: organic and paid figures per day and platform, the period's KPIs and what content worked.

Everything here is pure: it works on plain records (``OrganicDay``, ``PostResult``, ``PaidDay``) that the
store reads and the importers write. Rates and costs are ``Decimal`` (money never goes through float);
a rate or cost whose denominator is zero is ``None`` (the window shows "–", the JSON ``null``).

The organic series of a day and platform is its daily row when there is one (typed in, or imported
from a platform's daily insights); a day and platform without one counts the post-level results of the
posts published that day, so importing only post-level exports still draws a chart, and importing both
never counts a day twice.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from operator import attrgetter
from typing import Any
from zoneinfo import ZoneInfo

__all__ = [
    "CHART_METRICS",
    "GRANULARITIES",
    "ORGANIC_FIELDS",
    "THIN_SAMPLE",
    "BestTime",
    "GroupRate",
    "Kpi",
    "OrganicDay",
    "PaidDay",
    "PeriodTotals",
    "PostMatchCandidate",
    "PostResult",
    "best_hours",
    "best_times",
    "bucket_start",
    "buckets",
    "change",
    "engagement_by",
    "follower_growth",
    "kpis",
    "match_posts",
    "merge_organic",
    "post_result_key",
    "ratio",
    "spread_paid",
    "top_posts",
]

#: The metrics the chart draws; "conversions" of organic results are website conversions from social.
CHART_METRICS = ("reach", "impressions", "engagements", "clicks", "conversions")
GRANULARITIES = ("day", "week", "month")
#: The counted metrics of an organic day (followers is a level, not a count, and is kept apart).
ORGANIC_FIELDS = ("new_followers", "reach", "impressions", "engagements", "clicks", "profile_visits", "conversions")
#: Fewer posts than this behind a figure and it is marked as a thin sample.
THIN_SAMPLE = 5
#: How far a post-level result's time may be from a calendar post's time and still be that post.
MATCH_WINDOW = timedelta(minutes=10)


def _check_count(value: int, what: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} must be a whole number, not {type(value).__name__}")
    if value < 0:
        raise ValueError(f"{what} cannot be negative")


@dataclass(frozen=True, slots=True)
class OrganicDay:
    """One platform's organic results on one day of the plan's time zone.

    ``followers`` is the follower count at the end of the day (None when not known); every other
    figure counts what happened that day (``new_followers``: follows gained, as Meta's daily "follows"
    files give them). ``revenue_minor`` is revenue from organic traffic.
    """

    day: date
    platform: str
    followers: int | None = None
    new_followers: int = 0
    reach: int = 0
    impressions: int = 0
    engagements: int = 0
    clicks: int = 0
    profile_visits: int = 0
    conversions: int = 0
    revenue_minor: int = 0

    def __post_init__(self) -> None:
        if not self.platform:
            raise ValueError("a result needs a platform")
        counts = _ORGANIC_COUNTS(self)
        followers = self.followers
        # The usual case in one quick test (years of daily rows are read at once); the messages below.
        if (
            set(map(type, counts)) == _INT
            and min(counts) >= 0
            and (followers is None or (type(followers) is int and followers >= 0))
        ):
            return
        for name in (*ORGANIC_FIELDS, "revenue_minor"):
            _check_count(getattr(self, name), name.replace("_minor", "").replace("_", " "))
        if followers is not None:
            _check_count(followers, "followers")


_ORGANIC_COUNTS = attrgetter(*ORGANIC_FIELDS, "revenue_minor")
_INT = {int}


@dataclass(frozen=True, slots=True)
class PostResult:
    """How one published post did, from a platform's post-level export.

    ``published_at`` is an aware datetime (UTC in the plan). ``post_id`` is the calendar post it was
    matched to, None when none matched (the row is kept and listed as unmatched).
    """

    platform: str
    published_at: datetime
    impressions: int = 0
    reach: int = 0
    engagements: int = 0
    clicks: int = 0
    external_id: str = ""
    permalink: str = ""
    text: str = ""
    post_id: int | None = None
    source_key: str = ""

    def __post_init__(self) -> None:
        if self.published_at.tzinfo is None:
            raise ValueError("a post result's time needs its time zone")
        for name in ("impressions", "reach", "engagements", "clicks"):
            _check_count(getattr(self, name), name)

    @property
    def audience(self) -> int:
        """The engagement rate's denominator: reach, or impressions where the platform gives no reach (X)."""
        return self.reach or self.impressions

    @property
    def engagement_rate(self) -> Decimal | None:
        return ratio(self.engagements, self.audience)


def post_result_key(result: PostResult) -> str:
    """A sha256 recognising the same post in an export imported twice: its platform and ID (else permalink,
    else time and text). The numbers are not part of it: a later export updates them."""
    if result.external_id:
        what = ["id", result.external_id.strip()]
    elif result.permalink:
        what = ["link", result.permalink.strip().rstrip("/").lower()]
    else:
        what = ["time", result.published_at.astimezone(UTC).isoformat(), " ".join(result.text.split())[:200]]
    payload = json.dumps([result.platform, *what], ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class PaidDay:
    """Paid results on one day (a multi-day reporting period is spread over its days by ``spread_paid``)."""

    day: date
    platform: str
    campaign: str
    spend_minor: int = 0
    impressions: int = 0
    reach: int = 0
    clicks: int = 0
    conversions: int = 0
    revenue_minor: int = 0


def _spread(total: int, days: int) -> list[int]:
    base, extra = divmod(total, days)
    return [base + (1 if i < extra else 0) for i in range(days)]


def spread_paid(
    start: date,
    end: date,
    *,
    platform: str,
    campaign: str,
    spend_minor: int,
    impressions: int,
    reach: int,
    clicks: int,
    conversions: int,
    revenue_minor: int,
) -> list[PaidDay]:
    """A reporting period's figures shared evenly over its days, exactly (the first days take the remainder)."""
    days = (end - start).days + 1
    if days < 1:
        raise ValueError("a reporting period cannot end before it starts")
    parts = [_spread(value, days) for value in (spend_minor, impressions, reach, clicks, conversions, revenue_minor)]
    return [PaidDay(start + timedelta(days=i), platform, campaign, *(part[i] for part in parts)) for i in range(days)]


#: The figures a post-level export gives, which can stand in for a day's own.
POST_FIGURES = ("reach", "impressions", "engagements", "clicks")


def merge_organic(daily: Iterable[OrganicDay], posts: Iterable[PostResult], tz: ZoneInfo) -> list[OrganicDay]:
    """The organic series: the daily rows, with the post-level results of their day and platform (the day of
    the plan's zone the post was published on) standing in for the figures a daily row does not give.

    A daily figure the file gave wins; one it left at zero (a "follows" file gives only new followers) is
    the sum of that day's posts, so importing a partial daily file never hides the posts' reach.
    """
    out = {(d.day, d.platform): d for d in daily}
    from_posts: dict[tuple[date, str], list[int]] = {}
    for post in posts:
        sums = from_posts.setdefault((post.published_at.astimezone(tz).date(), post.platform), [0, 0, 0, 0])
        sums[0] += post.reach
        sums[1] += post.impressions
        sums[2] += post.engagements
        sums[3] += post.clicks
    for (day, platform), figures in from_posts.items():
        from_posts_only = dict(zip(POST_FIGURES, figures, strict=True))
        own = out.get((day, platform))
        if own is None:
            out[(day, platform)] = OrganicDay(day, platform, **from_posts_only)
            continue
        missing: dict[str, Any] = {n: value for n, value in from_posts_only.items() if not getattr(own, n) and value}
        if missing:
            out[(day, platform)] = replace(own, **missing)
    return sorted(out.values(), key=lambda d: (d.day, d.platform))


# --- periods -------------------------------------------------------------------------------------------


def bucket_start(day: date, granularity: str) -> date:
    """The first day of the day's bucket: the day itself, its week's Monday, or its month's first day."""
    if granularity == "day":
        return day
    if granularity == "week":
        return day - timedelta(days=day.weekday())
    if granularity == "month":
        return day.replace(day=1)
    raise ValueError(f"{granularity!r} is not a granularity (use {', '.join(GRANULARITIES)})")


def buckets(start: date, end: date, granularity: str) -> list[date]:
    """The buckets covering ``start``..``end`` (inclusive), by their first day, in order."""
    if end < start:
        return []
    out = [bucket_start(start, granularity)]
    while True:
        last = out[-1]
        if granularity == "day":
            following = last + timedelta(days=1)
        elif granularity == "week":
            following = last + timedelta(days=7)
        else:
            following = date(last.year + last.month // 12, last.month % 12 + 1, 1)
        if following > end:
            return out
        out.append(following)


# --- KPIs ----------------------------------------------------------------------------------------------


def ratio(numerator: int | Decimal, denominator: int | Decimal) -> Decimal | None:
    """``numerator / denominator`` exactly as a Decimal; None when the denominator is zero."""
    if not denominator:
        return None
    return Decimal(numerator) / Decimal(denominator)


def change(current: int | Decimal | None, previous: int | Decimal | None) -> Decimal | None:
    """The relative change from ``previous`` to ``current`` (0.25 is +25 %); None when either is missing
    or ``previous`` is zero."""
    if current is None or previous is None or not previous:
        return None
    return (Decimal(current) - Decimal(previous)) / abs(Decimal(previous))


def follower_growth(days: Iterable[OrganicDay], start: date, end: date) -> int:
    """Followers gained in ``start``..``end``, added over the platforms.

    Where a platform has follower counts, its growth is its last count in the period less its last
    count before it (a platform first counted inside the period grows from its first count there).
    A platform without counts in the period grows by the follows gained on its days (``new_followers``).
    """
    before: dict[str, tuple[date, int]] = {}
    first: dict[str, tuple[date, int]] = {}
    last: dict[str, tuple[date, int]] = {}
    gained: dict[str, int] = defaultdict(int)
    for d in days:
        if start <= d.day <= end:
            gained[d.platform] += d.new_followers
        if d.followers is None:
            continue
        if d.day < start:
            if d.platform not in before or before[d.platform][0] < d.day:
                before[d.platform] = (d.day, d.followers)
        elif d.day <= end:
            if d.platform not in first or first[d.platform][0] > d.day:
                first[d.platform] = (d.day, d.followers)
            if d.platform not in last or last[d.platform][0] < d.day:
                last[d.platform] = (d.day, d.followers)
    growth = 0
    for platform in set(gained) | set(last):
        if platform in last:
            growth += last[platform][1] - before.get(platform, first[platform])[1]
        else:
            growth += gained[platform]
    return growth


@dataclass(frozen=True, slots=True)
class PeriodTotals:
    """A period's figures added up: organic, paid, and the costs outside the ad platforms."""

    reach: int = 0
    impressions: int = 0
    engagements: int = 0
    clicks: int = 0
    conversions: int = 0
    revenue_minor: int = 0
    follower_growth: int = 0
    paid_spend_minor: int = 0
    paid_impressions: int = 0
    paid_reach: int = 0
    paid_clicks: int = 0
    paid_conversions: int = 0
    paid_revenue_minor: int = 0
    other_costs_minor: int = 0  # the Budget's expenses and paid influencer fees

    @classmethod
    def of(
        cls,
        organic: Iterable[OrganicDay],
        paid: Iterable[PaidDay],
        start: date,
        end: date,
        *,
        other_costs_minor: int = 0,
        followers_from: Iterable[OrganicDay] | None = None,
    ) -> PeriodTotals:
        """The totals of ``start``..``end``; ``followers_from`` (default: ``organic``) holds the follower
        counts, including those before the period that growth is measured from."""
        organic = list(organic)
        sums = dict.fromkeys(("reach", "impressions", "engagements", "clicks", "conversions", "revenue_minor"), 0)
        for d in organic:
            if start <= d.day <= end:
                for name in sums:
                    sums[name] += getattr(d, name)
        paid_sums = [0] * 6
        for p in paid:
            if start <= p.day <= end:
                for i, value in enumerate(
                    (p.spend_minor, p.impressions, p.reach, p.clicks, p.conversions, p.revenue_minor)
                ):
                    paid_sums[i] += value
        growth = follower_growth(organic if followers_from is None else followers_from, start, end)
        return cls(
            **sums,
            follower_growth=growth,
            paid_spend_minor=paid_sums[0],
            paid_impressions=paid_sums[1],
            paid_reach=paid_sums[2],
            paid_clicks=paid_sums[3],
            paid_conversions=paid_sums[4],
            paid_revenue_minor=paid_sums[5],
            other_costs_minor=other_costs_minor,
        )

    def __add__(self, other: PeriodTotals) -> PeriodTotals:
        return PeriodTotals(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})


@dataclass(frozen=True, slots=True)
class Kpi:
    """One KPI of a period, with the previous period's value and the change between them.

    ``kind`` says how to show ``value``: ``count`` (a whole number), ``rate`` (0..1, shown as a percent),
    ``money`` (an amount in major units, a Decimal), ``ratio`` (ROAS: revenue per unit spent) or
    ``percent`` (ROI, may be negative).
    """

    key: str
    label: str
    group: str  # "organic" or "goal"
    kind: str
    value: Decimal | int | None
    previous: Decimal | int | None
    formula: str

    @property
    def change(self) -> Decimal | None:
        return change(self.value, self.previous)


def _kpi_values(t: PeriodTotals, minor_per_unit: int) -> dict[str, Decimal | int | None]:
    def money(minor: int) -> Decimal:
        return Decimal(minor) / minor_per_unit

    spend = money(t.paid_spend_minor)
    traffic = t.clicks + t.paid_clicks
    conversions = t.conversions + t.paid_conversions
    costs = t.paid_spend_minor + t.other_costs_minor
    revenue = t.revenue_minor + t.paid_revenue_minor
    cpm = ratio(spend * 1000, t.paid_impressions)
    return {
        "follower_growth": t.follower_growth,
        "engagement_rate": ratio(t.engagements, t.reach),
        "organic_reach": t.reach,
        "traffic": traffic,
        "conversions": conversions,
        "conversion_rate": ratio(conversions, traffic),
        "paid_reach": t.paid_reach,
        "spend": spend,
        "cpc": ratio(spend, t.paid_clicks),
        "cpm": cpm,
        "cpa": ratio(spend, t.paid_conversions),
        "roas": ratio(t.paid_revenue_minor, t.paid_spend_minor),
        "roi": ratio(revenue - costs, costs),
    }


#: (key, label, group, kind, formula) of every KPI, in the order the tab shows them.
KPI_DEFINITIONS: tuple[tuple[str, str, str, str, str], ...] = (
    ("follower_growth", "Follower growth", "organic", "count", "Followers at the end less followers before"),
    ("engagement_rate", "Engagement rate", "organic", "rate", "Engagements ÷ organic reach"),
    ("organic_reach", "Organic reach", "organic", "count", "People reached without paying, added up by day"),
    ("traffic", "Website traffic", "goal", "count", "Link clicks, organic + paid"),
    ("conversions", "Leads and conversions", "goal", "count", "Conversions, organic + paid"),
    ("conversion_rate", "Conversion rate", "goal", "rate", "Conversions ÷ link clicks"),
    ("paid_reach", "Paid reach", "goal", "count", "People reached by ads, added up by day"),
    ("spend", "Ad spend", "goal", "money", "What the ad platforms charged"),
    ("cpc", "CPC", "goal", "money", "Ad spend ÷ paid link clicks"),
    ("cpm", "CPM", "goal", "money", "Ad spend × 1000 ÷ paid impressions"),
    ("cpa", "CPA", "goal", "money", "Ad spend ÷ paid conversions"),
    ("roas", "ROAS", "goal", "ratio", "Paid revenue ÷ ad spend"),
    ("roi", "ROI", "goal", "percent", "(All revenue − all costs) ÷ all costs; costs are ad spend + other expenses"),
)


def kpis(current: PeriodTotals, previous: PeriodTotals, *, minor_per_unit: int = 100) -> tuple[Kpi, ...]:
    """The period's KPIs with the previous period's, in the order of ``KPI_DEFINITIONS``."""
    now = _kpi_values(current, minor_per_unit)
    before = _kpi_values(previous, minor_per_unit)
    return tuple(
        Kpi(key, label, group, kind, now[key], before[key], formula)
        for key, label, group, kind, formula in KPI_DEFINITIONS
    )


# --- what worked --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GroupRate:
    """The engagement rate of a group of posts (a pillar, a platform, a weekday, an hour)."""

    key: str
    engagements: int
    audience: int
    posts: int
    rate: Decimal | None = field(default=None)

    @property
    def thin(self) -> bool:
        """Too few posts behind the figure to trust it."""
        return self.posts < THIN_SAMPLE


def engagement_by(posts: Iterable[PostResult], key: Callable[[PostResult], str | None]) -> list[GroupRate]:
    """Engagement rate per group (engagements ÷ audience, added over the group's posts), best first;
    groups whose rate is known come first, thin samples after the others with the same standing."""
    sums: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for post in posts:
        group = key(post)
        if group is None:
            continue
        s = sums[group]
        s[0] += post.engagements
        s[1] += post.audience
        s[2] += 1
    out = [GroupRate(k, e, a, n, ratio(e, a)) for k, (e, a, n) in sums.items()]
    out.sort(key=lambda g: (g.rate is None, g.thin, -(g.rate or 0), g.key))
    return out


def best_hours(
    posts: Iterable[PostResult], tz: ZoneInfo, *, platform: str | None = None, limit: int = 3
) -> list[GroupRate]:
    """The hours of the day (``"09"``) whose posts engaged best, in the plan's time zone: hours with
    enough posts first (best rate first), then thin ones; at most ``limit``."""
    chosen = [p for p in posts if platform is None or p.platform == platform]
    groups = engagement_by(chosen, lambda p: f"{p.published_at.astimezone(tz).hour:02d}")
    return [g for g in groups if g.rate is not None][:limit]


@dataclass(frozen=True, slots=True)
class BestTime:
    """A weekday and hour (the plan's time zone) whose posts engaged well, with the posts behind it."""

    weekday: int  # 0 is Monday
    hour: int
    engagements: int
    audience: int
    posts: int
    rate: Decimal

    @property
    def thin(self) -> bool:
        """Too few posts behind the figure to trust it."""
        return self.posts < THIN_SAMPLE


def best_times(posts: Iterable[PostResult], tz: ZoneInfo, *, platform: str, limit: int = 3) -> list[BestTime]:
    """The weekday-and-hour slots whose posts on ``platform`` engaged best (engagements ÷ audience, added
    over the slot's posts): slots with enough posts first, best rate first, then thin ones; at most ``limit``."""

    def slot(post: PostResult) -> str:
        local = post.published_at.astimezone(tz)
        return f"{local.weekday()} {local.hour:02d}"

    groups = engagement_by((p for p in posts if p.platform == platform), slot)
    out = []
    for g in groups:
        if g.rate is None:
            continue
        weekday, hour = g.key.split()
        out.append(BestTime(int(weekday), int(hour), g.engagements, g.audience, g.posts, g.rate))
    return out[:limit]


def top_posts(posts: Iterable[PostResult], limit: int = 10) -> list[PostResult]:
    """The posts with the highest engagement rate (posts with no audience are left out)."""
    rated = [p for p in posts if p.engagement_rate is not None]
    rated.sort(key=lambda p: (-(p.engagement_rate or 0), p.published_at))
    return rated[:limit]


# --- matching post results to the calendar ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PostMatchCandidate:
    """A calendar post a result may belong to: its id, platforms, time (aware) and published URL."""

    post_id: int
    platforms: frozenset[str]
    scheduled_at: datetime | None
    published_url: str = ""


def _url_key(url: str) -> str:
    url = url.strip().lower().split("?", 1)[0].split("#", 1)[0].rstrip("/")
    for prefix in ("https://", "http://"):
        url = url.removeprefix(prefix)
    return url.removeprefix("www.").replace("twitter.com/", "x.com/")


def match_posts(
    results: Sequence[PostResult], candidates: Sequence[PostMatchCandidate], window: timedelta = MATCH_WINDOW
) -> list[int | None]:
    """The calendar post of each result: the one whose published URL is the result's permalink, else the
    one on the same platform published closest in time within ``window``; None when there is none."""
    by_url: Mapping[str, int] = {_url_key(c.published_url): c.post_id for c in candidates if c.published_url}
    by_platform: dict[str, list[PostMatchCandidate]] = defaultdict(list)
    for c in candidates:
        if c.scheduled_at is None:
            continue
        for platform in c.platforms:
            by_platform[platform].append(c)
    out: list[int | None] = []
    for result in results:
        found = by_url.get(_url_key(result.permalink)) if result.permalink else None
        if found is None:
            best: tuple[timedelta, int] | None = None
            for c in by_platform.get(result.platform, ()):
                assert c.scheduled_at is not None
                gap = abs(c.scheduled_at - result.published_at)
                if gap <= window and (best is None or gap < best[0]):
                    best = (gap, c.post_id)
            found = best[1] if best else None
        out.append(found)
    return out
