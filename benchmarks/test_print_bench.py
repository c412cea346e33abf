"""Timings of the printed monthly plan: the demo plan's month to PDF, and a busy month (300 posts) to PDF.

Each timing is what the user waits for: the month read from the plan file and drawn into a PDF file.

Figures (2 shared cores, other work running; median of the rounds, the first round importing matplotlib):
the demo month (December 2026, 11 pages with the Results page) 0.63-1.0 s (0.25-0.29 s before the Results
section; the first round of a process, matplotlib's import and first draw included, 1.5-2.6 s; a fresh
`smoplanner print` process 2.6-2.8 s against 1.2 s without the results); the busy month (300 posts, no
results yet, so no chart) 1.0-1.7 s, as before. The Results page alone is about 0.4 s once matplotlib is in.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from smoplanner.core.posts import PostRecord
from smoplanner.store.planfile import PlanFile

TZ = ZoneInfo("Europe/Berlin")


def _demo(folder: Path) -> Path:
    from smoplanner.cli import main

    path = folder / "cafe.smoplan"
    assert main(["new", str(path), "--demo"]) == 0
    return path


@pytest.fixture(scope="module")
def demo_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _demo(tmp_path_factory.mktemp("demo"))


@pytest.fixture(scope="module")
def busy_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo plan with 300 more posts in February 2027, a few long, on every platform mix."""
    from smoplanner.store.posts import create_posts, list_pillars

    path = _demo(tmp_path_factory.mktemp("busy"))
    plan = PlanFile.open(path)
    rng = random.Random(13)
    words = [
        "coffee",
        "brunch",
        "cake",
        "sourdough",
        "croissant",
        "oat",
        "latte",
        "winter",
        "market",
        "cosy",
        "terrace",
        "Kreuzberg",
    ]
    with plan.session() as s:
        pillars = [p.id for p in list_pillars(s)]
        items = []
        for i in range(300):
            when = datetime(2027, 2, 1, 7, tzinfo=TZ) + timedelta(hours=rng.randrange(0, 27 * 24))
            text = " ".join(rng.choice(words) for _ in range(rng.choice((20, 40, 300)))) + " #cafelumen #berlin"
            platforms = tuple(rng.sample(("instagram", "facebook", "tiktok", "pinterest"), rng.randint(1, 3)))
            record = PostRecord(f"Post {i}: {rng.choice(words)}", text, platforms, when, status="scheduled")
            items.append((record, rng.choice(pillars)))
        create_posts(s, items)
    plan.save()
    plan.close()
    return path


def _print(plan_path: Path, month: str, out: Path) -> int:
    from smoplanner.cli import main

    return main(["print", str(plan_path), "--month", month, "-o", str(out)])


def test_demo_month_to_pdf(benchmark, qapp, demo_plan: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert benchmark.pedantic(_print, (demo_plan, "2026-12", tmp_path / "demo.pdf"), rounds=5) == 0


def test_busy_month_to_pdf(benchmark, qapp, busy_plan: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert benchmark.pedantic(_print, (busy_plan, "2027-02", tmp_path / "busy.pdf"), rounds=3) == 0
