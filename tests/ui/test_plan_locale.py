"""The plan's locale in the window: German dates and decimal commas in a de_DE plan, the week starting on the
locale's day, a locale change re-rendering the open tabs, locales picked by name, money fields that refuse
letters as they are typed."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from helpers import new_plan
from PySide6.QtCore import Qt

from smoplanner.core.posts import PostRecord
from smoplanner.store import posts as store
from smoplanner.store.settings import get_settings
from smoplanner.ui.budget.tab import BudgetTab
from smoplanner.ui.calendar.common import CalendarContext, post_tooltip
from smoplanner.ui.calendar.editor import EditorSetup, PostEditor
from smoplanner.ui.calendar.models import PostTableModel
from smoplanner.ui.calendar.tab import LIST, WEEK, CalendarTab
from smoplanner.ui.commands import ChangeSettingsCommand
from smoplanner.ui.document import PlanDocument
from smoplanner.ui.settings_form import SettingsForm

BERLIN = ZoneInfo("Europe/Berlin")
DAY = date(2026, 11, 12)  # a Thursday


@pytest.fixture
def plan(tmp_path: Path):
    plan = new_plan(tmp_path / "sonne.smoplan")  # a de_DE plan
    with plan.session() as s:
        store.create_post(
            s,
            PostRecord(
                title="Brunch",
                text="Sunday brunch",
                platforms=("instagram",),
                scheduled_at=datetime.combine(DAY, time(9), BERLIN),
                status="scheduled",
                boosted=True,
                boost_minor=123_450,
            ),
        )
    yield plan
    if not plan.closed:
        plan.close(save=False)


def _tab(qtbot, document: PlanDocument) -> CalendarTab:
    tab = CalendarTab(document)
    qtbot.addWidget(tab)
    tab.resize(1100, 760)
    tab.go_to(DAY)
    return tab


def _list_row(tab: CalendarTab) -> dict[str, str]:
    tab.set_view(LIST)
    model = tab.list_panel.table.model()
    return {name: model.index(0, col).data() for col, name in enumerate(PostTableModel.COLUMNS)}


def _set_locale(document: PlanDocument, code: str) -> None:
    with document.plan.session() as s:
        old = get_settings(s)
    document.push(ChangeSettingsCommand(document, old, old.with_changes(locale=code)))


def test_a_german_plan_shows_german_dates_decimal_commas_and_weeks_from_monday(plan, qtbot) -> None:
    tab = _tab(qtbot, PlanDocument(plan))
    grid = tab.month_grid
    assert grid.weekday_names[:2] == ["Mo.", "Di."]
    assert all(week[0].weekday() == 0 for week in grid.weeks)
    assert tab.title.text() == "November 2026"
    row = _list_row(tab)
    assert row["When"] == "Do., 12. Nov. 2026, 09:00"
    assert row["Boost"] == "1.234,50\u00a0€"
    post = tab.list_panel.table.model().index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "Do., 12. Nov. 2026, 09:00" in post and "Boosted: 1.234,50\u00a0€" in post
    tab.set_view(WEEK)
    assert tab.week_grid.first == date(2026, 11, 9)  # Monday
    assert tab.title.text() == "9. Nov. – 15. Nov. 2026"


def test_changing_the_locale_re_renders_the_open_calendar_and_budget(plan, qtbot) -> None:
    document = PlanDocument(plan)
    tab = _tab(qtbot, document)
    budget = BudgetTab(document)
    qtbot.addWidget(budget)
    _set_locale(document, "en_US")
    assert tab.month_grid.weekday_names[:2] == ["Sun", "Mon"]
    assert all(week[0].weekday() == 6 for week in tab.month_grid.weeks)  # Sunday
    row = _list_row(tab)
    assert row["When"] == "Thu, Nov 12, 2026, 9:00\u202fAM"
    assert row["Boost"] == "€1,234.50"
    tab.set_view(WEEK)
    assert tab.week_grid.first == date(2026, 11, 8)  # Sunday
    assert budget.total_edit.placeholderText() == "1,234.50"
    document.undo_stack.undo()
    assert tab.month_grid.weekday_names[0] == "Mo."
    assert budget.total_edit.placeholderText() == "1.234,50"


def test_a_money_field_refuses_letters_as_they_are_typed(plan, qtbot) -> None:
    budget = BudgetTab(PlanDocument(plan))
    qtbot.addWidget(budget)
    budget.total_edit.clear()
    qtbot.keyClicks(budget.total_edit, "1x2.3a45,5q0b0")
    assert budget.total_edit.text() == "12.345,50"  # the letters and a third decimal never got in
    budget.commit_total()
    assert budget.budget.total_minor == 1_234_550


def test_the_post_editor_writes_and_reads_the_boost_as_the_plans_locale(plan, qtbot) -> None:
    with plan.session() as s:
        settings = get_settings(s)
        row = store.all_posts(s)[0]
    editor = PostEditor(EditorSetup(ctx=CalendarContext(settings=settings)), row)
    qtbot.addWidget(editor)
    assert editor.boost_amount.text() == "1.234,50"
    assert editor.date_edit.text() == "Do., 12. Nov. 2026"
    editor.boost_amount.clear()
    qtbot.keyClicks(editor.boost_amount, "2e5,5")
    assert editor.boost_amount.text() == "25,5"
    result = editor.build_result()
    assert not isinstance(result, str) and result.record.boost_minor == 2_550
    us = CalendarContext(settings=settings.with_changes(locale="en_US"))
    assert "Boosted: €1,234.50" in post_tooltip(us, row)


def test_the_locale_is_picked_by_name_and_kept_as_its_code(qtbot, plan) -> None:
    form = SettingsForm(full=False)
    qtbot.addWidget(form)
    with plan.session() as s:
        form.set_value(get_settings(s))
    assert form.locale_edit.currentText() == "Deutsch (Deutschland)"
    form.locale_edit.setCurrentIndex(form.locale_edit.findText("English (United States)"))
    value = form.value()
    assert value is not None and value.locale == "en_US"
    form.locale_edit.setEditText("Klingon")
    assert form.value() is None and "not in the list of locales" in form.error.text()
