"""File ▸ Import Results… in the window: preview, numbers that land, one undoable step, no duplicates, refusals."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from helpers import make_plan_file

from smoplanner.core.posts import PostRecord
from smoplanner.store.posts.crud import create_post
from smoplanner.store.results import organic_days, post_results
from smoplanner.ui.mainwindow import MainWindow
from smoplanner.ui.results_import import transfer
from smoplanner.ui.results_import.transfer import MetricsImportDialog

METRICS = Path(__file__).parents[1] / "data" / "metrics"


@pytest.fixture
def window(qtbot, tmp_path: Path):
    path = make_plan_file(tmp_path / "sonne.smoplan")  # Europe/Berlin, instagram and facebook
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    assert win.open_plan(path)
    yield win
    win.close_plan()


class Flow:
    """Stands in for the user: picks the file, waits for the preview, presses Import when it is offered."""

    def __init__(self, qtbot, monkeypatch, path: Path) -> None:
        self.qtbot = qtbot
        self.dialogs: list[MetricsImportDialog] = []
        self.told: list[str] = []
        self.errors: list[str] = []
        monkeypatch.setattr(transfer, "ask_import_path", lambda _parent: path)
        monkeypatch.setattr(transfer, "ask_import", self.press_import)
        monkeypatch.setattr(transfer, "show_info", lambda _p, _t, text: self.told.append(text))
        monkeypatch.setattr(transfer, "show_error", lambda _p, _t, text: self.errors.append(text))

    def press_import(self, dialog: MetricsImportDialog) -> bool:
        self.qtbot.waitUntil(lambda: dialog.preview is not None, timeout=5000)
        self.dialogs.append(dialog)
        self.found = dialog.found.text()
        self.problems = [
            dialog.problem_model.data(dialog.problem_model.index(row, 0))
            for row in range(dialog.problem_model.rowCount())
        ]
        self.shown = [
            [
                dialog.preview_model.data(dialog.preview_model.index(row, col))
                for col in range(len(dialog.preview_model.COLUMNS))
            ]
            for row in range(dialog.preview_model.rowCount())
        ]
        self.columns = dialog.preview_model.COLUMNS
        return dialog.import_button.isEnabled()


def results(window: MainWindow) -> list:
    assert window.document is not None
    with window.document.plan.session() as s:
        return post_results(s)


def days(window: MainWindow) -> list:
    assert window.document is not None
    with window.document.plan.session() as s:
        return organic_days(s)


def test_import_results_is_in_the_file_menu_for_the_results_tab(window: MainWindow) -> None:
    action = window.area_actions["import_results"]
    assert action.text() == "Import Res&ults…"
    assert action.isEnabled()
    file_menu = window.menuBar().actions()[0].menu()
    assert action in file_menu.actions()


def test_x_post_analytics_land_undo_removes_them_and_a_second_import_adds_nothing(
    qtbot, window: MainWindow, monkeypatch
) -> None:
    flow = Flow(qtbot, monkeypatch, METRICS / "x_tweet_activity.csv")
    window.area_actions["import_results"].trigger()
    assert flow.found.startswith("Found: X post analytics")
    assert "3 post results to add" in flow.found
    assert flow.columns[:3] == ("Published", "Platform", "Impressions")
    assert flow.shown[1][0].endswith("00:30")  # 23:30 +0000 is half past midnight in Berlin
    landed = results(window)
    assert (sum(r.impressions for r in landed), sum(r.engagements for r in landed)) == (3500, 137)
    assert flow.told[-1].startswith("3 new, 0 updated, 0 already in the plan.")
    assert "3 post results match no post in the calendar" in flow.told[-1]
    assert "Late night baking fresh cinnamon rolls tomorrow" in flow.told[-1]

    window.area_actions["import_results"].trigger()
    assert flow.told[-1].startswith("0 new, 0 updated, 3 already in the plan.")
    assert len(results(window)) == 3
    document = window.document
    assert document is not None and document.undo_stack.count() == 1  # the second import changed nothing

    document.undo_stack.undo()
    assert results(window) == []
    document.undo_stack.redo()
    assert sum(r.impressions for r in results(window)) == 3500


def test_meta_content_matches_the_calendar_and_lists_the_post_it_could_not_match(
    qtbot, window: MainWindow, monkeypatch
) -> None:
    document = window.document
    assert document is not None
    with document.plan.session() as s:
        post_id = create_post(
            s,
            PostRecord(
                "Reel", "Oat flat white", ("instagram",), datetime(2026, 11, 15, 17, 3, tzinfo=UTC), "published"
            ),
        )
    flow = Flow(qtbot, monkeypatch, METRICS / "meta_content_instagram.csv")
    window.area_actions["import_results"].trigger()
    assert flow.found.startswith("Found: Meta Business Suite content")
    landed = results(window)
    assert (sum(r.reach for r in landed), sum(r.impressions for r in landed)) == (5000, 16420)
    assert {r.external_id: r.post_id for r in landed} == {"17900000000000001": None, "17900000000000003": post_id}
    told = flow.told[-1]
    assert told.startswith("2 new, 0 updated, 0 already in the plan.")
    assert "1 post result matches no post in the calendar" in told
    assert "New autumn menu, out now" in told and "Oat flat white" not in told
    document.undo_stack.undo()
    assert results(window) == []


def test_a_results_csv_sets_days_and_undo_takes_them_back(qtbot, window: MainWindow, monkeypatch) -> None:
    flow = Flow(qtbot, monkeypatch, METRICS / "results_generic.csv")
    window.area_actions["import_results"].trigger()
    assert "3 days of results to add" in flow.found
    assert sum(d.reach for d in days(window)) == 2520
    document = window.document
    assert document is not None
    document.undo_stack.undo()
    assert days(window) == []


def test_a_bad_file_is_refused_with_its_row_named_and_nothing_written(qtbot, window: MainWindow, monkeypatch) -> None:
    document = window.document
    assert document is not None
    flow = Flow(qtbot, monkeypatch, METRICS / "results_generic_bad.csv")
    window.area_actions["import_results"].trigger()
    assert flow.dialogs and not flow.dialogs[-1].import_button.isEnabled()
    assert any(p.startswith("Row 3, platform:") and "myspace" in p for p in flow.problems)
    assert days(window) == [] and results(window) == []
    assert document.undo_stack.count() == 0
    assert flow.told == []

    # Even were Import pressed, a file with problems adds nothing.
    monkeypatch.setattr(transfer, "ask_import", lambda dialog: flow.press_import(dialog) or True)
    window.area_actions["import_results"].trigger()
    assert days(window) == [] and document.undo_stack.count() == 0


def test_a_per_metric_file_asks_for_its_platform_before_it_can_be_imported(qtbot, window: MainWindow) -> None:
    document = window.document
    assert document is not None
    with document.plan.session() as s:
        from smoplanner.store.settings import get_settings

        settings = get_settings(s)
    dialog = MetricsImportDialog(settings, METRICS / "meta_insights_views.csv", window)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=5000)
    assert not dialog.import_button.isEnabled()
    assert "choose it above" in dialog.choice_label.text()
    with qtbot.waitSignal(dialog.preview_ready, timeout=5000):
        dialog.platform_combo.setCurrentIndex(dialog.platform_combo.findData("facebook"))
    assert dialog.import_button.isEnabled()
    assert dialog.preview is not None and {d.platform for d in dialog.preview.organic} == {"facebook"}
    dialog.reject()
    dialog.deleteLater()
