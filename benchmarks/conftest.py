"""A generated large plan for the benchmarks: 10,000 posts over three years (run with `pytest benchmarks`)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # the widget timings need no screen

import random
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from smoplanner.core.plan_settings import PlanSettingsData, platform_entry
from smoplanner.core.posts import STATUSES, PostRecord
from smoplanner.store.planfile import PlanFile

POSTS = 10_000
PLATFORMS = ("instagram", "facebook", "google_business", "tiktok", "pinterest", "linkedin")
WORDS = [
    "coffee",
    "brunch",
    "cake",
    "sourdough",
    "croissant",
    "oat",
    "flat",
    "white",
    "espresso",
    "filter",
    "roast",
    "team",
    "neighbours",
    "market",
    "winter",
    "spring",
    "summer",
    "autumn",
    "offer",
    "discount",
    "gift",
    "card",
    "opening",
    "hours",
    "cinnamon",
    "latte",
    "art",
    "barista",
    "event",
]


def _records(count: int, start: datetime) -> list[tuple[PostRecord, str]]:
    rng = random.Random(20261201)  # fixed seed: the same plan on every run
    span_minutes = 3 * 365 * 24 * 60
    records = []
    for index in range(count):
        when = start + timedelta(minutes=rng.randrange(span_minutes) // 5 * 5)
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 60)))
        platforms = tuple(rng.sample(PLATFORMS, rng.randint(1, 3)))
        status = rng.choice(STATUSES[1:]) if index % 40 else "idea"
        records.append(
            (
                PostRecord(
                    title=f"Post {index}: {' '.join(text.split()[:4])}",
                    text=text,
                    platforms=platforms,
                    scheduled_at=None if status == "idea" else when,
                    status=status,
                    campaign=rng.choice(("", "", "black_friday", "veganuary", "brunch")),
                    variants=((platforms[0], text.upper()),) if index % 7 == 0 else (),
                    boosted=index % 11 == 0,
                    boost_minor=2500 if index % 11 == 0 else 0,
                ),
                rng.choice(("Behind the bar", "New on the menu", "Community", "Offers", "Tips")),
            )
        )
    return records


@pytest.fixture(scope="session")
def large_plan(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PlanFile]:
    """A saved plan holding 10,000 posts from January 2025 to December 2027, open for reading."""
    base = tmp_path_factory.mktemp("bench")
    os.environ["SMOPLANNER_CACHE_DIR"] = str(base / "cache")
    os.environ["SMOPLANNER_CONFIG_DIR"] = str(base / "config")
    from smoplanner.store.posts import create_pillar, import_records

    settings = PlanSettingsData(
        business_name="Large Plan GmbH",
        website="https://example.com",
        keywords=("coffee",),
        currency="EUR",
        timezone="Europe/Berlin",
        locale="de_DE",
        platforms=tuple(platform_entry(code) for code in PLATFORMS),
    )
    records = _records(POSTS, datetime(2025, 1, 1, tzinfo=UTC))
    colours = ("#8D6E63", "#E07A5F", "#3D85C6", "#F2B134", "#81B29A")

    def fill(session: Session) -> None:
        for name, colour in zip(
            ("Behind the bar", "New on the menu", "Community", "Offers", "Tips"), colours, strict=True
        ):
            create_pillar(session, name, colour, 20)
        result = import_records(session, [replace(record, pillar=pillar) for record, pillar in records])
        assert result.added == POSTS

    path = Path(base) / "large.smoplan"
    PlanFile.create(path, settings, fill=fill).close()
    plan = PlanFile.open(path, lock="none")
    yield plan
    plan.close(save=False)
