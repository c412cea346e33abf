"""Timings of the Engagement tab on a 50,000-item plan: opening the tab, a text filter, a status change and the
month's statistics (targets: filter and statistics under 50 ms, median). Run with `pytest benchmarks`."""

from __future__ import annotations

import os
import random
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.orm import Session

from smoplanner.core.dates import Month
from smoplanner.core.engagement import KINDS, SENTIMENTS, ItemRecord
from smoplanner.core.plan_settings import PlanSettingsData, platform_entry
from smoplanner.store.planfile import PlanFile

ITEMS = 50_000
PLATFORMS = ("instagram", "facebook", "google_business", "tiktok")
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
    "open",
    "sunday",
    "vegan",
    "price",
    "table",
    "dog",
]
TZ = ZoneInfo("Europe/Berlin")


def _records(now: datetime) -> list[ItemRecord]:
    rng = random.Random(20261129)
    records = []
    span = 2 * 365 * 24 * 60
    for index in range(ITEMS):
        received = now - timedelta(minutes=rng.randrange(span))
        roll = rng.random()
        status = "answered" if roll < 0.9 else rng.choice(("new", "in_progress", "escalated", "no_reply"))
        answered = received + timedelta(minutes=rng.randint(5, 3000)) if status == "answered" else None
        records.append(
            ItemRecord(
                platform=rng.choice(PLATFORMS),
                kind=rng.choice(KINDS),
                author=f"Author {index % 3000}",
                text=" ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 25))),
                received_at=received,
                status=status,
                answered_at=min(answered, now) if answered else None,
                assignee=rng.choice(("", "Mara", "Jonas")),
                sentiment=rng.choice(("", *SENTIMENTS)),
                tags=(rng.choice(WORDS),),
            )
        )
    return records


@pytest.fixture(scope="module")
def engagement_plan(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PlanFile]:
    """A saved plan with 50,000 items over the two years before now, business hours Tue–Sun 8–18."""
    base = tmp_path_factory.mktemp("engagement-bench")
    os.environ["SMOPLANNER_CACHE_DIR"] = str(base / "cache")
    os.environ["SMOPLANNER_CONFIG_DIR"] = str(base / "config")
    from smoplanner.store.engagement import create_items, set_business_hours, set_targets

    settings = PlanSettingsData(
        business_name="Large Plan GmbH",
        website="https://example.com",
        keywords=("coffee",),
        currency="EUR",
        timezone="Europe/Berlin",
        locale="de_DE",
        platforms=tuple(platform_entry(code) for code in PLATFORMS),
    )
    now = datetime.now(UTC)

    def fill(session: Session) -> None:
        set_business_hours(session, {day: ((time(8), time(18)),) for day in range(1, 7)}, {})
        set_targets(session, {("", kind): 24 * 60 for kind in KINDS})
        assert len(create_items(session, _records(now))) == ITEMS

    path = Path(base) / "engagement.smoplan"
    PlanFile.create(path, settings, fill=fill).close()
    plan = PlanFile.open(path)
    yield plan
    plan.close(save=False)


def test_open_the_tab(benchmark, engagement_plan: PlanFile, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Building the tab: the queue's ids, the month's statistics, the overdue count, the first rows painted."""
    from smoplanner.ui.document import PlanDocument
    from smoplanner.ui.engagement.tab import EngagementTab

    document = PlanDocument(engagement_plan)

    def open_tab() -> int:
        tab = EngagementTab(document)
        tab.resize(1366, 700)
        tab.show()
        tab.table.viewport().repaint()
        rows = tab.model.rowCount()
        tab.close()
        tab.deleteLater()
        return rows

    assert benchmark.pedantic(open_tab, rounds=5, iterations=1) > 1000


def test_text_filter(benchmark, engagement_plan: PlanFile, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Typing in the search box over all items: the matching ids, in order, and the first page of rows.

    Each search is a new word (the worst case): typing on narrows the last result and is quicker still."""
    from smoplanner.store.engagement import ItemFilter
    from smoplanner.ui.engagement.models import EngagementItemModel

    model = EngagementItemModel(engagement_plan)
    words = iter(["vegan", "cake", "oat flat", "sunday", "espresso"] * 1000)

    def type_filter() -> int:
        model.set_filter(ItemFilter(queue=False, text=next(words)))
        model.data(model.index(0, 4))  # the first visible page is read
        return model.rowCount()

    type_filter()  # the first search reads the items' texts once; what is timed is each search after it
    assert benchmark.pedantic(type_filter, rounds=40, iterations=1) > 0


def test_status_change(benchmark, engagement_plan: PlanFile, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Pressing A in the queue: the edit as an undoable command, then the tab's refresh (queue, statistics, title)."""
    from smoplanner.store import engagement as store
    from smoplanner.ui.document import PlanDocument
    from smoplanner.ui.engagement.commands import EditItemsCommand
    from smoplanner.ui.engagement.tab import EngagementTab

    document = PlanDocument(engagement_plan)
    tab = EngagementTab(document)
    qtbot.addWidget(tab)
    with engagement_plan.session() as s:
        queue = store.item_ids(s, store.ItemFilter())
    state = {"i": 0}

    def answer() -> None:
        item_id = queue[state["i"]]
        state["i"] += 1
        with engagement_plan.session() as s:
            record = store.get_item(s, item_id)
        now = datetime.now(UTC)
        changed = replace(record, status="answered", answered_at=max(now, record.received_at))
        document.push(EditItemsCommand(document, "Mark Answered", {item_id: changed}))

    benchmark.pedantic(answer, rounds=20, iterations=1)


def test_month_statistics(benchmark, engagement_plan: PlanFile) -> None:  # type: ignore[no-untyped-def]
    """The statistics above the table for one month (about 2,000 items)."""
    from smoplanner.store.engagement import month_figures

    month = Month.of(datetime.now(UTC).astimezone(TZ).date()).previous()

    def figures() -> int:
        with engagement_plan.session() as s:
            return month_figures(s, *month.utc_span(TZ)).figures.received

    assert benchmark(figures) > 1000
