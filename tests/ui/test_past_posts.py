"""Scheduled posts whose time has passed: marked, counted on the Overview, marked published in one step."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from helpers import new_plan

from smoplanner.core.posts import PostRecord
from smoplanner.store import posts as store
from smoplanner.ui.calendar import common
from smoplanner.ui.calendar.common import PAST_MARK, STATUS_MARKS
from smoplanner.ui.calendar.models import PostTableModel
from smoplanner.ui.calendar.tab import LIST, CalendarTab
from smoplanner.ui.document import PlanDocument
from smoplanner.ui.overview.tab import OverviewTab

BERLIN = ZoneInfo("Europe/Berlin")
DAY = date(2026, 11, 29)
NOW = datetime(2026, 11, 29, 15, 40, tzinfo=BERLIN).astimezone(UTC)  # "today at 15:40"


@pytest.fixture
def plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(common, "utc_now", lambda: NOW)
    plan = new_plan(tmp_path / "cafe.smoplan")
    yield plan
    if not plan.closed:
        plan.close(save=False)


def add(plan, title: str, hour: int, status: str = "scheduled", day: date = DAY) -> int:
    when = datetime.combine(day, time(hour), BERLIN)
    with plan.session() as s:
        return store.create_post(s, PostRecord(title, f"{title} text", ("instagram",), when, status=status))


def make_tab(qtbot, document: PlanDocument) -> CalendarTab:
    tab = CalendarTab(document)
    qtbot.addWidget(tab)
    tab.resize(1100, 760)
    tab.go_to(DAY)
    return tab


def test_the_store_finds_scheduled_posts_whose_time_has_passed(plan) -> None:
    morning = add(plan, "Morning bake", 9)
    add(plan, "Evening", 18)
    add(plan, "Draft at 8", 8, status="draft")
    add(plan, "Done", 7, status="published")
    with plan.session() as s:
        assert store.past_scheduled_posts(s, NOW) == [morning]
        store.mark_published(s, [morning])
        assert store.get_post(s, morning).status == "published"
        assert store.past_scheduled_posts(s, NOW) == []


def test_a_past_scheduled_post_is_marked_on_its_chip_in_the_list_and_in_words(plan, qtbot) -> None:
    past = add(plan, "Morning bake", 9)
    ahead = add(plan, "Evening", 18)
    tab = make_tab(qtbot, PlanDocument(plan))
    grid = tab.month_grid
    assert grid.chip_layout(past).mark_text == PAST_MARK
    assert grid.chip_layout(ahead).mark_text == STATUS_MARKS["scheduled"]
    rows = {row.id: row for row in grid.posts_on(DAY)}
    assert common.status_mark(rows[past]) == PAST_MARK
    assert common.status_mark(rows[ahead]) == STATUS_MARKS["scheduled"]
    assert "Its time has passed but it is still scheduled" in common.post_tooltip(tab.ctx, rows[past])
    assert "time has passed" not in common.post_tooltip(tab.ctx, rows[ahead])
    tab.set_view(LIST)
    model = tab.list_panel.model
    texts = {model.rows[i].id: model.index(i, PostTableModel.STATUS).data() for i in range(model.rowCount())}
    assert texts[past] == f"{PAST_MARK} Past its time"
    assert texts[ahead] == f"{STATUS_MARKS['scheduled']} Scheduled"


def test_mark_as_published_from_the_calendar_is_one_undoable_step(plan, qtbot) -> None:
    past = add(plan, "Morning bake", 9)
    document = PlanDocument(plan)
    tab = make_tab(qtbot, document)
    tab.month_grid.select_day(DAY, past)
    actions = tab.post_menu_actions()
    assert tab.mark_published_action in actions and tab.mark_published_action.isEnabled()
    tab.mark_published_action.trigger()
    with plan.session() as s:
        assert store.get_post(s, past).status == "published"
    assert document.undo_stack.undoText() == "Mark 1 Post as Published"
    document.undo_stack.undo()
    with plan.session() as s:
        assert store.get_post(s, past).status == "scheduled"


def test_dragging_a_scheduled_post_into_the_past_says_so(plan, qtbot) -> None:
    post = add(plan, "Evening", 18, day=date(2026, 11, 30))
    idea_day = add(plan, "Draft", 18, status="draft", day=date(2026, 11, 30))
    tab = make_tab(qtbot, PlanDocument(plan))
    tab.drop_on_day([idea_day], date(2026, 11, 27))
    assert tab.last_note == ""  # a draft in the past is not going out anyway
    tab.drop_on_day([post], date(2026, 11, 27))
    assert tab.last_note.startswith("“Evening” is now at a time that has passed but still scheduled")
    tab.last_note = ""
    tab.drop_on_day([post], date(2026, 12, 2))
    assert tab.last_note == ""


def test_the_overview_counts_them_and_marks_them_published_in_one_step(plan, qtbot) -> None:
    add(plan, "Morning bake", 9)
    add(plan, "Lunch", 12)
    add(plan, "Evening", 18)
    document = PlanDocument(plan)
    overview = OverviewTab(document)
    qtbot.addWidget(overview)
    overview.show()  # counted once the tab has painted, so a plan opens without waiting for it
    qtbot.waitUntil(lambda: overview.past_box.isVisibleTo(overview))
    assert overview.past_label.text() == (
        "⚠ 2 scheduled posts are past their time: mark them published, or move them in the Calendar."
    )
    overview.mark_published_button.click()
    qtbot.waitUntil(lambda: not overview.past_box.isVisibleTo(overview))
    with plan.session() as s:
        assert [p.status for p in store.all_posts(s)] == ["published", "published", "scheduled"]
    document.undo_stack.undo()
    qtbot.waitUntil(lambda: overview.past_box.isVisibleTo(overview))
    assert "2 scheduled posts" in overview.past_label.text()
