"""The Budget tab in the main window: its File menu entries, and the post editor offering its campaigns."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import make_plan_file

from smoplanner.store import budget as store
from smoplanner.ui.budget.tab import BudgetTab
from smoplanner.ui.calendar.tab import CalendarTab
from smoplanner.ui.mainwindow import MainWindow


@pytest.fixture
def window(qtbot, tmp_path: Path):
    path = make_plan_file(tmp_path / "sonne.smoplan")
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    assert win.open_plan(path)
    yield win
    win.close_plan()


def test_the_budget_tab_and_its_menu_entries_are_in_the_window(window: MainWindow) -> None:
    assert isinstance(window.tab_content("&Budget"), BudgetTab)
    assert window.area_actions["import_spend"].text() == "Import Spen&d…"
    assert window.area_actions["export_budget"].text() == "Export &Budget…"
    assert window.area_actions["import_spend"].isEnabled()


def test_the_post_editor_offers_the_plans_campaigns(window: MainWindow) -> None:
    document = window.document
    assert document is not None
    with document.plan.session() as s:
        store.save_campaign(s, store.Campaign("Spring sale"))
    calendar = window.tab_content("&Calendar")
    assert isinstance(calendar, CalendarTab)
    assert "Spring sale" in calendar._editor_setup().campaigns
