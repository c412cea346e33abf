"""Timings of the Calendar on a 10,000-post plan: a month switch, a list filter, loading the list."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from smoplanner.core.dates import Month
from smoplanner.core.post_filter import PostQuery, matches
from smoplanner.store.planfile import PlanFile
from smoplanner.store.posts import all_posts, count_posts, posts_between, posts_by_day

TZ = ZoneInfo("Europe/Berlin")


def test_month_switch(benchmark, large_plan: PlanFile) -> None:  # type: ignore[no-untyped-def]
    """The month view moving to the next month: that month's posts, grouped into its days."""
    months = [Month(2026, 1)]
    for _ in range(11):
        months.append(months[-1].next())
    state = {"i": 0}

    def switch() -> int:
        month = months[state["i"] % len(months)]
        state["i"] += 1
        with large_plan.session() as s:
            rows = posts_between(s, *month.utc_span(TZ))
        return sum(len(day) for day in posts_by_day(rows, TZ).values())

    shown = benchmark(switch)
    assert 150 < shown < 500  # ~10,000 posts over 36 months


def test_list_filter(benchmark, large_plan: PlanFile) -> None:  # type: ignore[no-untyped-def]
    """Typing in the list view's search box: every row through the proxy model's filter function."""
    with large_plan.session() as s:
        rows = all_posts(s)
    query = PostQuery(
        text="cinnamon latte", platforms=frozenset({"instagram"}), statuses=frozenset({"scheduled", "draft"})
    )

    def filter_rows() -> int:
        return sum(
            1
            for row in rows
            if matches(
                row.title,
                row.text,
                row.platforms,
                row.status,
                row.pillar_name,
                row.campaign,
                query,
                extra_text=" ".join(text for _, text in row.variants),
            )
        )

    found = benchmark(filter_rows)
    assert 0 < found < len(rows)


def test_all_posts(benchmark, large_plan: PlanFile) -> None:  # type: ignore[no-untyped-def]
    """Loading the list view: all 10,000 rows."""

    def load() -> int:
        with large_plan.session() as s:
            return len(all_posts(s))

    with large_plan.session() as s:
        total = count_posts(s)
    assert benchmark(load) == total == 10_000
