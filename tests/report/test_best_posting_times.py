"""Best times to post read from a plan: per platform, in the plan's time zone, and the unmatched results listed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from helpers import new_plan

from smoplanner.core.results import PostResult
from smoplanner.report.results import best_posting_times
from smoplanner.store.results import import_post_results, unmatched_post_results


def test_each_platform_gets_its_own_best_times_in_the_plans_time_zone(tmp_path: Path) -> None:
    plan = new_plan(tmp_path / "sonne.smoplan")  # Europe/Berlin
    tuesday = datetime(2026, 11, 3, 8, 0, tzinfo=UTC)  # Tue 09:00 in Berlin
    results = [PostResult("instagram", tuesday + timedelta(weeks=i), reach=1000, engagements=60) for i in range(6)]
    results += [PostResult("instagram", tuesday + timedelta(days=3, hours=10), reach=1000, engagements=90)]  # Fri 19:00
    results += [PostResult("facebook", tuesday + timedelta(hours=4), reach=500, engagements=10)]  # Tue 13:00
    try:
        with plan.session() as s:
            import_post_results(s, results)
            best = best_posting_times(s, ["instagram", "facebook", "tiktok"])
            unmatched = unmatched_post_results(s, results[:2])
    finally:
        plan.close(save=False)
    assert [(b.weekday, b.hour, b.posts, b.thin) for b in best["instagram"]] == [(1, 9, 6, False), (4, 19, 1, True)]
    assert [(b.weekday, b.hour, b.posts) for b in best["facebook"]] == [(1, 13, 1)]
    assert best["tiktok"] == ()
    assert [r.published_at for r in unmatched] == [results[0].published_at, results[1].published_at]
