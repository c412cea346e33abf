"""Timing of the post editor's best times on three years of post results for six platforms (one post a day
on each): what opening the editor adds (target: well under 100 ms).
Run: python benchmarks/best_times.py"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

PLATFORMS = ("instagram", "facebook", "x", "tiktok", "linkedin", "youtube")


def main() -> None:
    from smoplanner.core.plan_settings import PlanSettingsData, platform_entry
    from smoplanner.core.results import PostResult
    from smoplanner.report.results import best_posting_times
    from smoplanner.store.planfile import PlanFile
    from smoplanner.store.results import import_post_results

    settings = PlanSettingsData(
        business_name="Bench", currency="EUR", timezone="Europe/Berlin", locale="de_DE",
        platforms=tuple(platform_entry(code) for code in PLATFORMS),
    )  # fmt: skip
    rnd = random.Random(7)
    first = datetime(2024, 1, 1, 6, tzinfo=UTC)
    results = [
        PostResult(
            code,
            first + timedelta(days=day, hours=rnd.randrange(14)),
            reach=rnd.randrange(100, 5000),
            engagements=rnd.randrange(300),
            external_id=f"{code}-{day}",
        )
        for day in range(3 * 365)
        for code in PLATFORMS
    ]
    path = Path(tempfile.mkdtemp()) / "bench.smoplan"
    plan = PlanFile.create(path, settings)
    try:
        with plan.session() as s:
            import_post_results(s, results)
        timings = []
        for _ in range(10):
            start = time.perf_counter()
            with plan.session() as s:
                best_posting_times(s, PLATFORMS)
            timings.append((time.perf_counter() - start) * 1000)
    finally:
        plan.close(save=False)
    median, slowest = statistics.median(timings), max(timings)
    print(f"{len(results)} post results, {len(PLATFORMS)} platforms: median {median:.0f} ms, slowest {slowest:.0f} ms")


if __name__ == "__main__":
    main()
