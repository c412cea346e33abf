"""The sample plan: every area's demo data, alive whenever the sample is made."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from smoplanner.store.planfile import PlanFile
from smoplanner.store.posts import all_posts, list_hashtag_groups, list_pillars
from smoplanner.store.schema import schema_differences

BERLIN = ZoneInfo("Europe/Berlin")


def test_demo_plan_has_three_months_of_posts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from smoplanner.store.demo import demo_settings, fill_demo
    from smoplanner.store.demo import posts as demo_posts

    monkeypatch.setattr(demo_posts, "_demo_today", lambda: date(2026, 12, 8))
    plan = PlanFile.create(tmp_path / "demo.smoplan", demo_settings(), fill=fill_demo)
    try:
        with plan.session() as s:
            rows = all_posts(s)
            assert 60 <= len(rows) <= 80
            assert {r.status for r in rows} == {"idea", "draft", "scheduled", "published"}
            assert all(r.published_url for r in rows if r.status == "published")
            assert len(list_pillars(s)) == 5 and list_hashtag_groups(s)
            assert sum(r.series_id is not None for r in rows) >= 14
            assert any(r.variants for r in rows) and any(r.boosted and r.boost_minor for r in rows)
            problems = {r.title for r in rows if r.has_problems}
            assert {"Winter hashtags", "Winter menu in full"} <= problems
            dated = [r.scheduled_at for r in rows if r.scheduled_at]
            assert min(dated) >= datetime(2026, 11, 1, tzinfo=BERLIN)
            assert max(dated) < datetime(2027, 2, 1, tzinfo=BERLIN)
            assert "nebenan" in {p for r in rows for p in r.platforms}
        assert schema_differences(plan.engine) == []
    finally:
        plan.close(save=False)


@pytest.mark.parametrize("today", [date(2026, 11, 26), date(2027, 6, 9), date(2025, 3, 3)])
def test_demo_posts_are_alive_whenever_the_sample_is_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, today: date
) -> None:
    from smoplanner.store.demo import demo_settings, fill_demo
    from smoplanner.store.demo import posts as demo_posts

    monkeypatch.setattr(demo_posts, "_demo_today", lambda: today)
    plan = PlanFile.create(tmp_path / "demo.smoplan", demo_settings(), fill=fill_demo)
    try:
        with plan.session() as s:
            rows = [r for r in all_posts(s) if r.scheduled_at]
    finally:
        plan.close(save=False)
    start = datetime.combine(today, datetime.min.time(), BERLIN)
    local_days = {r.scheduled_at.astimezone(BERLIN).date() for r in rows}
    assert min(local_days) <= today - timedelta(days=14) and max(local_days) >= today + timedelta(days=28)
    assert all(r.status == "published" for r in rows if r.scheduled_at < start)
    assert all(r.status in ("scheduled", "draft") for r in rows if r.scheduled_at >= start)
    brunch = [r for r in rows if r.title == "Sunday brunch"]
    assert brunch and all(r.scheduled_at.astimezone(BERLIN).weekday() == 6 for r in brunch)
