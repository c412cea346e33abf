"""The chart's data and "what worked" from the sample plan: periods, totals, the period before, rankings."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from smoplanner.report.results import load_results_source, previous_span, results_data, what_worked
from smoplanner.store.demo import demo_settings, fill_demo
from smoplanner.store.planfile import PlanFile


def test_previous_span_is_whole_months_or_the_same_number_of_days():
    assert previous_span(date(2026, 10, 1), date(2026, 12, 31)) == (date(2026, 7, 1), date(2026, 9, 30))
    assert previous_span(date(2026, 11, 10), date(2026, 11, 19)) == (date(2026, 10, 31), date(2026, 11, 9))


def test_the_sample_plans_chart_data_and_what_worked(tmp_path: Path) -> None:
    plan = PlanFile.create(tmp_path / "demo.smoplan", demo_settings(), fill=fill_demo)
    try:
        with plan.session() as s:
            source = load_results_source(s)
            assert source.first_day is not None and source.last_day is not None
            weekly = results_data(source, source.first_day, source.last_day, granularity="week", metric="reach")
            monthly = results_data(source, source.first_day, source.last_day, granularity="month", metric="reach")
            assert weekly.total_organic == monthly.total_organic == sum(d.reach for d in source.organic)
            assert weekly.total_spend == monthly.total_spend > 0
            kpis = {k.key: k for k in monthly.kpis}
            assert kpis["organic_reach"].value == monthly.total_organic
            worked = what_worked(s, ZoneInfo("Europe/Berlin"))
    finally:
        plan.close(save=False)
    rates = [p.engagement_rate for p in worked.top_posts]
    assert rates and rates == sorted(rates, reverse=True)
    assert sum(g.posts for g in worked.by_platform) == sum(g.posts for g in worked.by_hour) > 0
    costs = [c.cost_per_result for c in worked.campaigns if c.cost_per_result is not None]
    assert costs == sorted(costs) and len(costs) >= 2


def test_the_kpis_are_computed_once_per_period_and_platforms(tmp_path: Path) -> None:
    """A change of metric or granularity reuses the period's KPIs; they equal those of a source read afresh."""
    plan = PlanFile.create(tmp_path / "demo.smoplan", demo_settings(), fill=fill_demo)
    try:
        with plan.session() as s:
            source, fresh = load_results_source(s), load_results_source(s)
    finally:
        plan.close(save=False)
    assert source.first_day is not None and source.last_day is not None
    start, end = source.first_day, source.last_day
    reach = results_data(source, start, end, granularity="week", metric="reach")
    clicks = results_data(source, start, end, granularity="day", metric="clicks")
    assert clicks.kpis is reach.kpis
    assert reach.kpis == results_data(fresh, start, end, granularity="month", metric="conversions").kpis
    instagram = results_data(source, start, end, metric="reach", platforms=["instagram"])
    assert instagram.kpis != reach.kpis
    assert instagram.kpis == results_data(fresh, start, end, metric="reach", platforms=["instagram"]).kpis
    shorter = results_data(source, start, start + (end - start) / 2, metric="reach")
    assert shorter.kpis != reach.kpis and len(source.kpi_memo) == 3
