"""Results as plain data: the report's "organic" section, and what the chart and its table draw.

The chart's data is built in two steps so that a redraw is quick: ``load_results_source`` reads the
plan once (a session is needed), and ``results_data`` picks a period, granularity, metric and
platforms from it (pure Python, no session, no Qt). The Results tab and the printed monthly plan both
draw ``ResultsData`` with ``smoplanner.report.results_chart.build_results_figure``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from smoplanner.core.dates import Month
from smoplanner.core.money import currency
from smoplanner.core.results import (
    CHART_METRICS,
    BestTime,
    GroupRate,
    Kpi,
    OrganicDay,
    PaidDay,
    PeriodTotals,
    PostResult,
    best_times,
    bucket_start,
    buckets,
    engagement_by,
    kpis,
    merge_organic,
    top_posts,
)
from smoplanner.report.context import ReportContext
from smoplanner.store.budget import campaign_statuses, list_campaigns
from smoplanner.store.results import (
    organic_days,
    other_cost_days,
    paid_days,
    post_pillars,
    post_result_figures,
    post_results,
)
from smoplanner.store.settings import get_settings

__all__ = [
    "CampaignSpan",
    "OrganicSection",
    "ResultsData",
    "ResultsSource",
    "WhatWorked",
    "build_organic_section",
    "load_results_source",
    "period_kpis",
    "previous_span",
    "results_data",
    "what_worked",
]

RATE_PLACES = Decimal("0.0001")
#: Paid results have no engagement figures (the ad exports' "results" are conversions).
PAID_METRIC = {"reach": "reach", "impressions": "impressions", "engagements": None, "clicks": "clicks",
               "conversions": "conversions"}  # fmt: skip
METRIC_LABELS = {
    "reach": "Reach",
    "impressions": "Impressions",
    "engagements": "Engagements",
    "clicks": "Link clicks",
    "conversions": "Conversions",
}
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _rate_json(value: Decimal | None) -> float | None:
    return None if value is None else float(value.quantize(RATE_PLACES, ROUND_HALF_UP))


# --- the report's organic section ---------------------------------------------------------------------


@dataclass(frozen=True)
class OrganicSection:
    """The month's organic results added up over the platforms (days of the plan's time zone)."""

    reach: int
    impressions: int
    engagements: int
    clicks: int
    follower_growth: int

    @property
    def engagement_rate(self) -> Decimal | None:
        return None if not self.reach else Decimal(self.engagements) / Decimal(self.reach)

    def to_json(self) -> dict[str, Any]:
        return {
            "reach": self.reach,
            "impressions": self.impressions,
            "engagements": self.engagements,
            "clicks": self.clicks,
            "engagement_rate": _rate_json(self.engagement_rate),
            "follower_growth": self.follower_growth,
        }


def build_organic_section(session: Session, context: ReportContext) -> OrganicSection:
    month = context.month
    start_utc, end_utc = context.utc_span()
    # Follower counts before the month are what its growth is measured from.
    days = organic_days(session, None, month.last_day)
    merged = merge_organic(days, post_results(session, start_utc, end_utc), context.tz)
    totals = PeriodTotals.of(merged, (), month.first_day, month.last_day, followers_from=days)
    return OrganicSection(totals.reach, totals.impressions, totals.engagements, totals.clicks, totals.follower_growth)


# --- the chart's data ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CampaignSpan:
    name: str
    start: date
    end: date


@dataclass(frozen=True)
class ResultsSource:
    """Everything the chart and the KPIs read from a plan, read once (redraws use it without the plan)."""

    organic: tuple[OrganicDay, ...]
    followers: tuple[OrganicDay, ...]  # the daily rows alone: follower counts come only from them
    paid: tuple[PaidDay, ...]
    costs: tuple[tuple[date, int], ...]  # other costs by day (expenses, paid influencer fees)
    campaigns: tuple[CampaignSpan, ...]
    currency: str
    timezone: str
    first_day: date | None
    last_day: date | None
    #: The KPIs computed so far, by (start, end, platforms): see ``period_kpis``.
    kpi_memo: dict[tuple[date, date, frozenset[str] | None], tuple[Kpi, ...]] = field(
        default_factory=dict, compare=False, repr=False
    )


def load_results_source(session: Session) -> ResultsSource:
    settings = get_settings(session)
    tz = ZoneInfo(settings.timezone)
    daily = organic_days(session)
    merged = merge_organic(daily, post_results(session), tz)
    paid = paid_days(session)
    spans = [c for c in list_campaigns(session) if c.start is not None and c.end is not None]
    all_days = [d.day for d in merged] + [p.day for p in paid]
    return ResultsSource(
        organic=tuple(merged),
        followers=tuple(daily),
        paid=tuple(paid),
        costs=tuple(other_cost_days(session)),
        campaigns=tuple(CampaignSpan(c.name, c.start, c.end) for c in spans if c.start and c.end),
        currency=settings.currency,
        timezone=settings.timezone,
        first_day=min(all_days, default=None),
        last_day=max(all_days, default=None),
    )


def previous_span(start: date, end: date) -> tuple[date, date]:
    """The period before ``start``..``end`` to compare with: the same number of whole months when the
    period is whole months, else the same number of days."""
    if start.day == 1 and (end + timedelta(days=1)).day == 1:
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        first = Month.of(start)
        for _ in range(months):
            first = first.previous()
        return first.first_day, start - timedelta(days=1)
    length = (end - start).days + 1
    return start - timedelta(days=length), start - timedelta(days=1)


@dataclass(frozen=True)
class ResultsData:
    """What the chart draws and the table lists: one value per period for organic and paid, the spend,
    the campaigns' periods, and the KPIs of the whole span with their change from the span before.

    ``periods`` are the first days of the buckets (days, Mondays or first days of months);
    ``spend`` is in the currency's major units.
    """

    metric: str
    granularity: str
    start: date
    end: date
    platforms: tuple[str, ...]
    periods: tuple[date, ...]
    organic: tuple[int, ...]
    paid: tuple[int, ...]
    spend: tuple[Decimal, ...]
    campaigns: tuple[CampaignSpan, ...]
    kpis: tuple[Kpi, ...]
    currency: str
    paid_has_metric: bool = True

    @property
    def metric_label(self) -> str:
        return METRIC_LABELS[self.metric]

    def period_label(self, index: int, locale: str | None = None) -> str:
        """The period's name: ``Jun 2026``, ``Week of 29 Jun 2026``, ``Mon 29 Jun 2026``; with a plan ``locale``
        (``de_DE``) its dates as that locale writes them (``Juni 2026``, ``Week of 29. Juni 2026``)."""
        first = self.periods[index]
        if locale is not None:
            from smoplanner.core.locale_format import PlanLocale

            fmt = PlanLocale.of(locale)
            if self.granularity == "month":
                return fmt.month_abbreviated(first.year, first.month)
            if self.granularity == "week":
                return f"Week of {fmt.day(first, weekday=False)}"
            return fmt.day(first)
        if self.granularity == "month":
            return first.strftime("%b %Y")
        if self.granularity == "week":
            return f"Week of {first.day} {first:%b %Y}"
        return f"{first:%a} {first.day} {first:%b %Y}"

    def period_end(self, index: int) -> date:
        if index + 1 < len(self.periods):
            return self.periods[index + 1] - timedelta(days=1)
        return self.end

    @property
    def total_organic(self) -> int:
        return sum(self.organic)

    @property
    def total_paid(self) -> int:
        return sum(self.paid)

    @property
    def total_spend(self) -> Decimal:
        return sum(self.spend, Decimal(0))


def _platform_ok(platform: str, chosen: frozenset[str] | None) -> bool:
    if chosen is None:
        return True
    # Meta's ad exports mix Facebook and Instagram in one row, with no platform.
    return platform in chosen or (not platform and bool(chosen & {"facebook", "instagram"}))


def results_data(
    source: ResultsSource,
    start: date,
    end: date,
    *,
    granularity: str = "week",
    metric: str = "reach",
    platforms: Iterable[str] | None = None,
) -> ResultsData:
    """The chart's data for ``start``..``end`` (inclusive) from what ``load_results_source`` read.

    The KPIs depend on the period and the platforms alone: a change of metric or granularity reuses
    those ``source`` has computed already (a redraw stays quick on years of daily results).
    """
    if metric not in CHART_METRICS:
        raise ValueError(f"{metric!r} is not a metric (use {', '.join(CHART_METRICS)})")
    chosen = None if platforms is None else frozenset(platforms)
    periods = buckets(start, end, granularity)
    index = {first: i for i, first in enumerate(periods)}
    bucket_of: dict[date, int] = {}  # each day's bucket, worked out once per day rather than once per row

    def bucket(day: date) -> int:
        found = bucket_of.get(day)
        if found is None:
            found = bucket_of[day] = index[bucket_start(day, granularity)]
        return found

    organic = [0] * len(periods)
    paid = [0] * len(periods)
    spend_minor = [0] * len(periods)
    for d in source.organic:
        if start <= d.day <= end and d.platform and _platform_ok(d.platform, chosen):
            organic[bucket(d.day)] += getattr(d, metric)
    paid_field = PAID_METRIC[metric]
    for p in source.paid:
        if start <= p.day <= end and _platform_ok(p.platform, chosen):
            i = bucket(p.day)
            if paid_field is not None:
                paid[i] += getattr(p, paid_field)
            spend_minor[i] += p.spend_minor
    cur = currency(source.currency)
    return ResultsData(
        metric=metric,
        granularity=granularity,
        start=start,
        end=end,
        platforms=tuple(sorted(chosen)) if chosen is not None else (),
        periods=tuple(periods),
        organic=tuple(organic),
        paid=tuple(paid),
        spend=tuple(Decimal(m).scaleb(-cur.exponent) for m in spend_minor),
        campaigns=tuple(c for c in source.campaigns if c.start <= end and c.end >= start),
        kpis=period_kpis(source, start, end, chosen),
        currency=source.currency,
        paid_has_metric=paid_field is not None,
    )


def period_kpis(source: ResultsSource, start: date, end: date, chosen: frozenset[str] | None) -> tuple[Kpi, ...]:
    """The KPIs of ``start``..``end`` on the ``chosen`` platforms (None: all), each with the period before;
    computed once per period and platforms for a ``source``."""
    key = (start, end, chosen)
    found = source.kpi_memo.get(key)
    if found is not None:
        return found
    prev_start, prev_end = previous_span(start, end)
    organic_now: list[OrganicDay] = []
    organic_before: list[OrganicDay] = []
    for d in source.organic:
        if not d.platform or not _platform_ok(d.platform, chosen):
            continue
        if start <= d.day <= end:
            organic_now.append(d)
        elif prev_start <= d.day <= prev_end:
            organic_before.append(d)
    paid_now: list[PaidDay] = []
    paid_before: list[PaidDay] = []
    for p in source.paid:
        if not _platform_ok(p.platform, chosen):
            continue
        if start <= p.day <= end:
            paid_now.append(p)
        elif prev_start <= p.day <= prev_end:
            paid_before.append(p)
    followers = [d for d in source.followers if _platform_ok(d.platform, chosen) and d.day <= end]
    costs_now = sum(amount for day, amount in source.costs if start <= day <= end)
    costs_before = sum(amount for day, amount in source.costs if prev_start <= day <= prev_end)
    now = PeriodTotals.of(organic_now, paid_now, start, end, other_costs_minor=costs_now, followers_from=followers)
    before = PeriodTotals.of(
        organic_before, paid_before, prev_start, prev_end, other_costs_minor=costs_before, followers_from=followers
    )
    found = source.kpi_memo[key] = kpis(now, before, minor_per_unit=10 ** currency(source.currency).exponent)
    return found


# --- what worked ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RankedCampaign:
    name: str
    spent_minor: int
    results: int
    cost_per_result: Decimal | None


@dataclass(frozen=True)
class WhatWorked:
    """What the business's own posts and campaigns say worked, each figure with the posts behind it."""

    top_posts: tuple[PostResult, ...]
    by_pillar: tuple[GroupRate, ...]
    by_platform: tuple[GroupRate, ...]
    by_weekday: tuple[GroupRate, ...]
    by_hour: tuple[GroupRate, ...]
    campaigns: tuple[RankedCampaign, ...]


def what_worked(
    session: Session, tz: ZoneInfo, start: datetime | None = None, end: datetime | None = None
) -> WhatWorked:
    """Engagement rate by pillar, platform, weekday and hour (plan's time zone) of the posts published in
    [``start``, ``end``), the top posts, and the campaigns ranked by cost per result (cheapest first)."""
    posts = post_results(session, start, end)
    pillars = post_pillars(session, (p.post_id for p in posts if p.post_id is not None))
    cur = currency(get_settings(session).currency)
    ranked = []
    for status in campaign_statuses(session):
        cost = None
        if status.results:
            cost = Decimal(status.spent_minor).scaleb(-cur.exponent) / status.results
        ranked.append(RankedCampaign(status.name, status.spent_minor, status.results, cost))
    ranked.sort(key=lambda c: (c.cost_per_result is None, c.cost_per_result or 0, c.name.lower()))
    return WhatWorked(
        top_posts=tuple(top_posts(posts)),
        by_pillar=tuple(engagement_by(posts, lambda p: pillars.get(p.post_id) if p.post_id else None)),
        by_platform=tuple(engagement_by(posts, lambda p: p.platform)),
        by_weekday=tuple(engagement_by(posts, lambda p: WEEKDAYS[p.published_at.astimezone(tz).weekday()])),
        by_hour=tuple(engagement_by(posts, lambda p: f"{p.published_at.astimezone(tz).hour:02d}:00")),
        campaigns=tuple(ranked),
    )


def best_posting_times(session: Session, platforms: Iterable[str], limit: int = 3) -> dict[str, tuple[BestTime, ...]]:
    """For each of ``platforms``, the weekdays and hours (the plan's time zone) whose posts engaged best, from
    all the post-level results in the plan; thin samples come last and say so. A platform with no results
    gets an empty tuple."""
    codes = list(platforms)
    tz = ZoneInfo(get_settings(session).timezone)
    by_platform: dict[str, list[PostResult]] = {code: [] for code in codes}
    for post in post_result_figures(session, codes):
        by_platform[post.platform].append(post)
    return {code: tuple(best_times(by_platform[code], tz, platform=code, limit=limit)) for code in codes}


def kpis_by_group(values: Sequence[Kpi], group: str) -> list[Kpi]:
    return [k for k in values if k.group == group]
