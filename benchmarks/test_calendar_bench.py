"""Timings of the Calendar on a 10,000-post plan: a month switch, a list filter, loading the list.

The store-level timings show where the time goes; the widget-level ones (``test_month_switch_in_the_tab``,
``test_list_filter_through_the_proxy``) are what a user waits for: the real Calendar tab's month grid
querying, laying out and painting the next month, and the list view's proxy model filtering all rows.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest

from smoplanner.core.dates import Month
from smoplanner.core.post_filter import PostQuery, matches
from smoplanner.store.planfile import PlanFile
from smoplanner.store.posts import all_posts, count_posts, posts_between, posts_by_day

TZ = ZoneInfo("Europe/Berlin")


def shown_calendar(qtbot, plan: PlanFile):  # type: ignore[no-untyped-def]
    """The Calendar tab on ``plan``, shown at 1200×780 on January 2026 (the plan's busy years)."""
    from datetime import date

    from smoplanner.ui.calendar.tab import CalendarTab
    from smoplanner.ui.document import PlanDocument

    tab = CalendarTab(PlanDocument(plan))
    qtbot.addWidget(tab)
    tab.resize(1200, 780)
    tab.show()
    qtbot.waitExposed(tab)
    tab.go_to(date(2026, 1, 15))
    return tab


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


def test_month_switch_in_the_tab(benchmark, large_plan: PlanFile, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Page Down in the month view: query the shown weeks, the pillar mix and the ideas, then paint the grid."""

    tab = shown_calendar(qtbot, large_plan)
    state = {"i": 0}

    def switch() -> int:
        state["i"] += 1
        tab.step(1 if state["i"] % 24 < 12 else -1)  # up and back within the plan's busy years
        tab.month_grid.repaint()  # paint now, not at the next event loop turn
        return tab.month_grid.month_post_count()

    shown = benchmark(switch)
    assert 150 < shown < 500


def test_list_filter_through_the_proxy(benchmark, large_plan: PlanFile, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Typing in the list view's search box: the proxy re-filters all 10,000 rows and the table repaints."""

    from smoplanner.ui.calendar.tab import LIST

    tab = shown_calendar(qtbot, large_plan)
    tab.set_view(LIST)
    panel = tab.list_panel
    assert panel.model.rowCount() == 10_000
    words = ["cinnamon", "cinnamon latte", "brunch", "espresso roast", "gift card", ""]
    state = {"i": 0}

    def type_and_filter() -> int:
        panel.search.setText(words[state["i"] % len(words)])
        state["i"] += 1
        panel.apply_filters()  # what the search timer runs once typing pauses
        panel.table.viewport().repaint()
        return panel.proxy.rowCount()

    benchmark(type_and_filter)
    panel.search.setText("cinnamon latte")
    panel.apply_filters()
    assert 0 < panel.proxy.rowCount() < 10_000


@pytest.fixture(scope="module")
def plan_with_results(large_plan: PlanFile, tmp_path_factory: pytest.TempPathFactory) -> Iterator[PlanFile]:
    """The large plan with post-level results imported for every published post, one per platform."""
    from smoplanner.core.results import PostResult
    from smoplanner.store.results import import_post_results

    assert large_plan.path is not None
    path = tmp_path_factory.mktemp("bench-results") / "results.smoplan"
    shutil.copy(large_plan.path, path)
    plan = PlanFile.open(path)
    with plan.session() as s:
        published = [row for row in all_posts(s) if row.status == "published" and row.scheduled_at is not None]
        results = [
            PostResult(code, row.scheduled_at, 100 + row.id % 900, 80 + row.id % 700, row.id % 60, row.id % 9)
            for row in published
            if row.scheduled_at is not None
            for code in row.platforms
        ]
        import_post_results(s, results)
        s.commit()
    yield plan
    plan.close(save=False)


def test_month_switch_in_the_tab_with_results(benchmark, plan_with_results: PlanFile, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Page Down in the month view of a plan whose published posts have results: the chips' results are read
    with the shown weeks' posts, in one more query."""

    tab = shown_calendar(qtbot, plan_with_results)
    state = {"i": 0}

    def switch() -> int:
        state["i"] += 1
        tab.step(1 if state["i"] % 24 < 12 else -1)
        tab.month_grid.repaint()
        return len(tab._results)

    with_results = benchmark(switch)
    assert with_results > 30  # about a quarter of the month's posts are published


def test_list_load_with_results(benchmark, plan_with_results: PlanFile, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Opening the list view on a plan whose published posts have results: all rows and all their results."""

    from smoplanner.ui.calendar.tab import LIST, MONTH

    tab = shown_calendar(qtbot, plan_with_results)

    def load() -> int:
        tab._list_stale = True
        tab.set_view(LIST)
        tab.list_panel.table.viewport().repaint()
        shown = len(tab.list_panel.model.totals)
        tab.set_view(MONTH)
        return shown

    assert benchmark(load) > 2000


def test_results_for_the_list(benchmark, plan_with_results: PlanFile) -> None:  # type: ignore[no-untyped-def]
    """What the list view reads besides its rows: every matched post's results, in one query."""
    from smoplanner.store.results import results_by_post

    def read() -> int:
        with plan_with_results.session() as s:
            return sum(len(found) for found in results_by_post(s).values())

    assert benchmark(read) > 4000
