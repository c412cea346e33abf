"""The sample café's budget: three months around today, two campaigns, three influencers, spend to match."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from smoplanner.core.dates import Month
from smoplanner.store.budget import (
    list_campaigns,
    list_influencers,
    month_overview,
    months_with_budget,
    paid_results_in,
)
from smoplanner.store.demo import budget as demo_budget
from smoplanner.store.demo import demo_settings, fill_demo
from smoplanner.store.demo import posts as demo_posts
from smoplanner.store.planfile import PlanFile


@pytest.mark.parametrize("today", [date(2026, 12, 8), date(2027, 6, 9)])
def test_the_sample_has_three_months_of_budget_around_its_today(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, today: date
) -> None:
    monkeypatch.setattr(demo_posts, "_demo_today", lambda: today)
    monkeypatch.setattr(demo_budget, "_demo_today", lambda: today)
    plan = PlanFile.create(tmp_path / "demo.smoplan", demo_settings(), fill=fill_demo)
    try:
        with plan.session() as s:
            months = months_with_budget(s)
            middle = Month.of(today)
            assert months == [middle.previous(), middle, middle.next()]
            # the Results sample adds an earlier campaign, so the chart shows one before and after it ran
            assert [c.name for c in list_campaigns(s)] == ["advent_2026", "autumn_brunch", "winter_drinks"]
            assert len(list_influencers(s)) == 3
            for month in months:
                overview = month_overview(s, month)
                assert overview.allocation.allocated_minor == overview.total_minor > 0
                assert not overview.allocation.is_over
            last = month_overview(s, middle.previous())
            assert last.spent_minor > 0 and paid_results_in(s, middle.previous())
            assert all(r.start < today for m in months for r in paid_results_in(s, m))
            assert not paid_results_in(s, middle.next())
    finally:
        plan.close(save=False)
