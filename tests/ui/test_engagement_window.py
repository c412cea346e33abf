"""The Engagement tab in the main window: its title counts overdue items; import and export from the File menu."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from helpers import new_plan

from smoplanner.core.engagement import ItemRecord
from smoplanner.store import engagement as store
from smoplanner.store.planfile import PlanFile
from smoplanner.ui.engagement import transfer
from smoplanner.ui.engagement.tab import EngagementTab
from smoplanner.ui.mainwindow import MainWindow


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    from smoplanner.ui import dialogs

    monkeypatch.setattr(dialogs, "show_info", lambda *_a: None)
    path = tmp_path / "plan.smoplan"
    plan = new_plan(path)
    now = datetime.now(UTC)  # three days before now: overdue at any hour (around the clock, 30 minutes)
    with plan.session() as s:
        store.set_targets(s, {("", "comment"): 30})
        store.create_items(s, [ItemRecord("instagram", "comment", "@ana", "Hi?", now - timedelta(days=3))])
    plan.save()
    plan.close(save=False)
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    assert win.open_plan(path)
    yield win
    win.close_plan()


def _tab_title(win: MainWindow) -> str:
    return next(win.tabs.tabText(i) for i in range(win.tabs.count()) if "ngagement" in win.tabs.tabText(i))


def test_the_tab_title_counts_overdue_items_and_follows_undo(qtbot, window) -> None:
    assert _tab_title(window) == "E&ngagement (1 overdue)"  # before the tab is first shown
    tab = window.tab_content("E&ngagement")
    assert isinstance(tab, EngagementTab)
    qtbot.waitUntil(lambda: _tab_title(window) == "E&ngagement (1 overdue)")
    tab._select_row(0)
    tab.triage("status:answered")
    assert _tab_title(window) == "E&ngagement"
    window.document.undo_stack.undo()
    assert _tab_title(window) == "E&ngagement (1 overdue)"
    assert window.tab_content("E&ngagement") is tab  # still found by its own title


def test_import_from_the_file_menu_with_a_preview_then_export(qtbot, window, tmp_path, monkeypatch) -> None:
    source = tmp_path / "in.csv"
    source.write_text(
        "received_at,platform,kind,author,text,status\n"
        "2026-11-02 10:00 +01:00,facebook,review,Ben,Great cake,new\n"
        "2026-11-03 11:00 +01:00,instagram,message,@cy,Open?,answered\n",
        encoding="utf-8",
    )
    shown = []
    monkeypatch.setattr(transfer, "ask_import_path", lambda _parent: source)
    monkeypatch.setattr(transfer, "ask_import", lambda dialog: shown.append(dialog) or True)
    window.area_actions["import_engagement"].trigger()
    assert shown and shown[0].model.rowCount() == 2
    plan: PlanFile = window.document.plan
    with plan.session() as s:
        assert len(store.export_items(s)) == 3
    window.area_actions["import_engagement"].trigger()  # again: nothing added
    with plan.session() as s:
        assert len(store.export_items(s)) == 3
    window.document.undo_stack.undo()
    with plan.session() as s:
        assert len(store.export_items(s)) == 1
    out = tmp_path / "out.csv"
    monkeypatch.setattr(transfer, "ask_export_path", lambda _parent, _suggested: out)
    window.area_actions["export_engagement"].trigger()
    assert out.read_text("utf-8-sig").splitlines()[0].startswith("received_at,platform,kind")
