"""The main window: welcome page, new/open/recent/save as/close, settings with undo, autosave, start-up."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import crash_after_edit, make_plan_file, sample_settings
from PySide6.QtCore import Qt, QTimer

from smoplanner.store.lock import lock_path_for
from smoplanner.store.planfile import PlanFile
from smoplanner.store.settings import get_settings
from smoplanner.ui import dialogs, plan_dialogs
from smoplanner.ui.appsettings import AppSettings
from smoplanner.ui.mainwindow import MainWindow
from smoplanner.ui.overview.tab import OverviewTab, PlatformListModel
from smoplanner.ui.settings_form import PlatformChoiceModel
from smoplanner.ui.welcome import RecentPlansModel


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Collects what the window would show in error and info boxes instead of opening them."""
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, title, text: shown.append(f"{title}: {text}"))
    monkeypatch.setattr(dialogs, "show_info", lambda _p, title, text: shown.append(f"{title}: {text}"))
    return shown


@pytest.fixture
def window(qtbot, errors: list[str]):
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close_plan()


def _overview(win: MainWindow) -> OverviewTab:
    tab = win.tab_content("&Overview")
    assert isinstance(tab, OverviewTab)
    return tab


def test_welcome_page_without_a_plan(window: MainWindow) -> None:
    assert window.stack.currentWidget() is window.welcome
    assert window.windowTitle() == "smoplanner"
    assert not window.save_action.isEnabled() and not window.close_action.isEnabled()
    assert window.welcome.empty_label.isVisibleTo(window.welcome)


def test_new_plan_from_the_dialog(window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "sonne.smoplan"
    monkeypatch.setattr(plan_dialogs, "ask_new_plan", lambda *_a: (path, sample_settings()))
    window.new_action.trigger()
    assert path.exists()
    assert window.windowTitle() == "Bäckerei Sonne — sonne.smoplan[*] — smoplanner"
    assert window.windowFilePath() == str(path)
    assert _overview(window).title.text() == "Bäckerei Sonne"
    assert _overview(window).platform_model.rowCount() == 2
    assert AppSettings.load().recent[0] == str(path)


def test_settings_edit_with_undo_and_redo(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:
    path = make_plan_file(tmp_path / "a.smoplan")
    assert window.open_plan(path)
    new = sample_settings().with_changes(business_name="Sonne am Hafen", keywords=("harbour coffee",))
    monkeypatch.setattr(plan_dialogs, "ask_plan_settings", lambda *_a: new)
    window.settings_action.trigger()
    overview = _overview(window)
    assert overview.title.text() == "Sonne am Hafen"
    assert "harbour coffee" in overview.keywords.text()

    window.undo_action.trigger()
    assert overview.title.text() == "Bäckerei Sonne"
    with window.document.plan.session() as s:  # type: ignore[union-attr]
        assert get_settings(s).business_name == "Bäckerei Sonne"
    window.redo_action.trigger()
    assert overview.title.text() == "Sonne am Hafen"

    # Autosave writes the change to the file a moment later.
    qtbot.waitUntil(lambda: not window.document.plan.is_dirty, timeout=5000)  # type: ignore[union-attr]
    window.close_plan()
    plan = PlanFile.open(path, lock="none")
    with plan.session() as s:
        assert get_settings(s).business_name == "Sonne am Hafen"
    plan.close(save=False)


def test_recent_plans_across_runs_and_open_recent(qtbot, tmp_path: Path, errors: list[str]) -> None:
    first = make_plan_file(tmp_path / "client-a.smoplan", name="Client A")
    second = make_plan_file(tmp_path / "client-b.smoplan", name="Client B")
    win = MainWindow()
    qtbot.addWidget(win)
    win.open_plan(first)
    win.open_plan(second)
    win.close()  # quitting saves the settings

    again = MainWindow()
    qtbot.addWidget(again)
    assert again.welcome.recent_model.rowCount() == 2
    assert again.welcome.recent_model.path_at(0) == second
    again.recent_menu.aboutToShow.emit()
    actions = [a for a in again.recent_menu.actions() if a.statusTip() == str(first)]
    actions[0].trigger()
    assert again.document is not None and again.document.plan.path == first
    assert _overview(again).title.text() == "Client A"
    again.close_plan()
    assert not lock_path_for(first).exists()


def test_save_as_then_edits_go_to_the_copy(window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = make_plan_file(tmp_path / "client.smoplan")
    window.open_plan(path)
    copy = tmp_path / "usb" / "client meeting.smoplan"
    copy.parent.mkdir()
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_a: copy)
    window.save_as_action.trigger()
    assert window.document is not None and window.document.plan.path == copy
    assert "client meeting.smoplan" in window.windowTitle() and window.windowFilePath() == str(copy)
    monkeypatch.setattr(
        plan_dialogs, "ask_plan_settings", lambda *_a: sample_settings().with_changes(business_name="Meeting Notes")
    )
    window.settings_action.trigger()
    window.close_action.trigger()
    assert window.stack.currentWidget() is window.welcome
    for target, name in ((copy, "Meeting Notes"), (path, "Bäckerei Sonne")):
        plan = PlanFile.open(target, lock="none")
        with plan.session() as s:
            assert get_settings(s).business_name == name
        plan.close(save=False)


def test_locked_plan_opens_read_only_on_request(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_plan_file(tmp_path / "a.smoplan")
    lock_path_for(path).write_text('{"user": "ali", "host": "laptop-of-ali", "pid": 7, "since": "2026-11-20 10:00"}')
    asked = []

    def choose(_parent, _path, info):
        asked.append(info.host)
        return "readonly"

    monkeypatch.setattr(dialogs, "ask_locked", choose)
    assert window.open_plan(path)
    assert asked == ["laptop-of-ali"]
    assert "(read-only)" in window.windowTitle()
    assert not window.save_action.isEnabled()
    assert "Read-only" in _overview(window).status.text()


def test_bad_file_shows_a_clear_error(window: MainWindow, tmp_path: Path, errors: list[str]) -> None:
    bad = tmp_path / "holiday.smoplan"
    bad.write_text("not a plan")
    assert not window.open_plan(bad)
    assert errors and "not a smoplanner plan" in errors[0]
    assert window.stack.currentWidget() is window.welcome


def test_sample_plan_one_click_away(window: MainWindow, qtbot) -> None:
    window.welcome.sample_button.click()
    assert window.document is not None
    assert _overview(window).title.text() == "Café Lumen"
    assert "sample" in window.notice_bar.label.text()
    holdings = _overview(window).holdings.text()
    assert "profiles" in holdings and "posts" in holdings
    qtbot.waitUntil(lambda: "posts planned" in _overview(window).glance.text())
    glance = _overview(window).glance.text()
    assert "posts planned" in glance and "complete overall" in glance and "the weakest is" in glance


def test_geometry_is_remembered(qtbot, errors: list[str]) -> None:
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    win.resize(730, 510)
    qtbot.waitUntil(lambda: win.width() == 730)
    win.close()
    again = MainWindow()
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (730, 510)


def test_autosave_off_marks_the_title_and_asks_on_close(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_plan_file(tmp_path / "a.smoplan")
    window.autosave_action.setChecked(False)
    window.open_plan(path)
    monkeypatch.setattr(
        plan_dialogs, "ask_plan_settings", lambda *_a: sample_settings().with_changes(business_name="Draft Name")
    )
    window.settings_action.trigger()
    assert window.isWindowModified()
    asked = []
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_a: asked.append(1) or None)
    assert not window.close_plan(), "Cancel keeps the plan open"
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_a: True)
    assert window.close_plan()
    plan = PlanFile.open(path, lock="none")
    with plan.session() as s:
        assert get_settings(s).business_name == "Draft Name"
    plan.close(save=False)
    window.autosave_action.setChecked(True)


def test_read_only_plan_edits_nothing(window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = make_plan_file(tmp_path / "a.smoplan")
    window.show_plan(PlanFile.open(path, lock="readonly"))
    called = []
    monkeypatch.setattr(
        plan_dialogs,
        "ask_plan_settings",
        lambda *_a: called.append(1) or sample_settings().with_changes(business_name="X"),
    )
    window.settings_action.trigger()
    assert window.document is not None and window.document.undo_stack.count() == 0
    assert _overview(window).title.text() == "Bäckerei Sonne"


def test_recovery_is_offered_at_start(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, errors: list[str]
) -> None:
    from smoplanner import app

    make_plan_file(tmp_path / "a.smoplan")
    crash_after_edit(tmp_path / "a.smoplan", "Recovered Name")
    monkeypatch.setattr(dialogs, "ask_recover", lambda *_a: True)
    win = MainWindow()
    qtbot.addWidget(win)
    assert app._offer_recovery(win)
    assert _overview(win).title.text() == "Recovered Name"
    assert any("Recovered" in n for n in win.document.plan.notices)  # type: ignore[union-attr]
    win.close_plan()


def test_item_models(qtmodeltester, tmp_path: Path) -> None:
    recent = RecentPlansModel()
    recent.set_paths([str(make_plan_file(tmp_path / "a.smoplan")), str(tmp_path / "gone.smoplan")])
    qtmodeltester.check(recent)
    assert recent.data(recent.index(1), Qt.ItemDataRole.DisplayRole).count("not found") == 1
    choices = PlatformChoiceModel()
    choices.set_selection(sample_settings().platforms)
    qtmodeltester.check(choices)
    listing = PlatformListModel()
    listing.set_entries(sample_settings().platforms)
    qtmodeltester.check(listing)


def test_settings_form_names_the_wrong_field(qtbot) -> None:
    dialog = plan_dialogs.PlanSettingsDialog(sample_settings(), read_only=False)
    qtbot.addWidget(dialog)
    dialog.form.currency.setEditText("EURO")
    dialog.accept()
    assert dialog.result_value is None
    assert "not a currency code" in dialog.form.error.text()
    dialog.form.currency.setEditText("GBP")
    dialog.form.custom_name.setText("Nextdoor")
    dialog.form._add_custom()
    dialog.accept()
    assert dialog.result_value is not None and dialog.result_value.currency == "GBP"
    assert dialog.result_value.platforms[-1].name == "Nextdoor"


_STARTUP = textwrap.dedent(
    """
    import sys
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from smoplanner.ui.mainwindow import MainWindow
    win = MainWindow()
    win.show()
    assert win.open_plan(__import__("pathlib").Path(sys.argv[1]))
    app.processEvents()
    print("matplotlib" in sys.modules, "alembic" in sys.modules)
    win.close()
    """
)


def test_startup_does_not_load_charts_or_migrations(tmp_path: Path) -> None:
    path = make_plan_file(tmp_path / "a.smoplan")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", _STARTUP, str(path)], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False"]


_WARM_UP = textwrap.dedent(
    """
    import sys, threading
    from pathlib import Path
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from smoplanner.ui import mainwindow
    from smoplanner.ui.chart_modules import chart_modules
    mainwindow.WARM_UP_AFTER_MS = 0  # the window settles at once
    win = mainwindow.MainWindow()
    win.show()
    assert win.open_plan(Path(sys.argv[1]))
    before = "matplotlib" in sys.modules  # the plan is shown; the warm-up waits for the event loop
    while not chart_modules().loaded:
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    on = chart_modules().imported_on
    results = win.tab_content("&Results")
    win.tabs.setCurrentIndex(win.tabs.indexOf(results.parentWidget()))
    win.tasks.wait_all()  # the plan is read: the chart is made then, with no import left to wait for
    print(before, on, on == threading.current_thread().name, results.canvas is not None)
    win.close()
    """
)


def test_once_a_plan_is_shown_matplotlib_is_warmed_up_off_the_gui_thread(tmp_path: Path) -> None:
    path = make_plan_file(tmp_path / "a.smoplan")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", _WARM_UP, str(path)], capture_output=True, text=True, env=env, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "smoplanner-charts", "False", "True"]


def test_tabs_are_built_when_first_shown(window: MainWindow, tmp_path: Path) -> None:
    from smoplanner.ui.mainwindow import LazyTab

    window.open_plan(make_plan_file(tmp_path / "a.smoplan"))
    tabs = [window.tabs.widget(i) for i in range(window.tabs.count())]
    assert all(isinstance(t, LazyTab) for t in tabs)
    assert tabs[0].built and not any(t.built for t in tabs[1:])
    window.tabs.setCurrentIndex(2)
    assert tabs[2].built


def test_plan_given_on_the_command_line_opens(tmp_path: Path) -> None:
    """`smoplanner PLAN` opens that plan in the window, and quitting closes it cleanly."""
    import json

    path = make_plan_file(tmp_path / "by-argument.smoplan")
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        SMOPLANNER_QUIT_WHEN_SHOWN="plan",
        SMOPLANNER_CONFIG_DIR=str(tmp_path / "config"),
        SMOPLANNER_CACHE_DIR=str(tmp_path / "cache"),
    )
    result = subprocess.run(
        [sys.executable, "-m", "smoplanner", str(path)], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    settings = json.loads((tmp_path / "config" / "settings.json").read_text())
    assert settings["recent"][0] == str(path)
    assert not lock_path_for(path).exists(), "the plan was closed on quit"
    assert list((tmp_path / "cache" / "working").iterdir()) == []


def test_text_still_being_typed_is_saved_on_close(window: MainWindow, tmp_path: Path) -> None:
    """A bio typed just before closing (inside the pause the form waits for) is not lost."""
    from smoplanner.store.profiles import get_profile

    path = make_plan_file(tmp_path / "a.smoplan")
    window.open_plan(path)
    tab = window.tab_content("&Profiles")
    tab.select_platform("instagram")  # type: ignore[attr-defined]
    tab.form.bio.setPlainText("Typed a moment before closing")  # type: ignore[attr-defined]
    assert window.close_plan()
    plan = PlanFile.open(path, lock="none")
    with plan.session() as s:
        assert get_profile(s, "instagram").bio == "Typed a moment before closing"
    plan.close(save=False)


def test_a_change_that_fails_is_reported_and_not_kept_for_undo(
    window: MainWindow, tmp_path: Path, errors: list[str]
) -> None:
    from smoplanner.ui.commands import ChangeSettingsCommand

    window.open_plan(make_plan_file(tmp_path / "a.smoplan"))
    doc = window.document
    assert doc is not None

    class DiskFull(ChangeSettingsCommand):
        def apply(self, s: object) -> None:
            raise OSError("No space left on device")

    doc.push(DiskFull(doc, sample_settings(), sample_settings()))
    assert doc.undo_stack.count() == 0
    assert not window.undo_action.isEnabled()
    assert errors and "No space left on device" in errors[-1]


def test_closing_after_the_file_changed_on_disk_says_where_the_work_went(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, errors: list[str]
) -> None:
    import shutil

    path = make_plan_file(tmp_path / "synced.smoplan")
    window.open_plan(path)
    shutil.copyfile(make_plan_file(tmp_path / "theirs.smoplan", name="Theirs"), path)
    monkeypatch.setattr(
        plan_dialogs, "ask_plan_settings", lambda *_a: sample_settings().with_changes(business_name="Mine")
    )
    window.settings_action.trigger()
    window.autosave_timer.stop()
    assert window.close_plan()
    assert any("Conflict Copy" in e for e in errors)
    conflict = Path(AppSettings.load().recent[0])
    assert "conflict" in conflict.name and conflict.exists()


def test_save_failing_on_close_offers_save_as(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_plan_file(tmp_path / "stick.smoplan")
    window.open_plan(path)
    monkeypatch.setattr(
        plan_dialogs, "ask_plan_settings", lambda *_a: sample_settings().with_changes(business_name="Rescued")
    )
    window.settings_action.trigger()
    window.autosave_timer.stop()
    real_replace = os.replace

    def stick_pulled(src: str, dst: str) -> None:
        if Path(dst) == path:
            raise OSError(5, "Input/output error")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", stick_pulled)
    rescue = tmp_path / "laptop" / "rescued.smoplan"
    rescue.parent.mkdir()
    monkeypatch.setattr(dialogs, "ask_save_failed_close", lambda *_a: "save_as")
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_a: rescue)
    assert window.close_plan()
    plan = PlanFile.open(rescue, lock="none")
    with plan.session() as s:
        assert get_settings(s).business_name == "Rescued"
    plan.close(save=False)


def test_the_sample_plan_does_not_become_the_folder_for_new_plans(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from smoplanner.paths import documents_dir

    window.open_sample()
    offered: list[Path] = []
    monkeypatch.setattr(plan_dialogs, "ask_new_plan", lambda _p, _d, folder: offered.append(folder))
    window.new_action.trigger()
    monkeypatch.setattr(dialogs, "ask_save_path", lambda _p, suggested: offered.append(suggested.parent))
    window.save_as_action.trigger()
    assert offered == [documents_dir(), documents_dir()]


def test_read_only_and_copy_say_what_happens_to_changes(window: MainWindow, tmp_path: Path) -> None:
    path = make_plan_file(tmp_path / "a.smoplan")
    window.show_plan(PlanFile.open(path, lock="readonly"))
    status = _overview(window).status.text()
    assert "Read-only" in status and "saved automatically" not in status
    assert window.settings_action.text() == "View Plan &Settings…"
    window.close_plan()
    window.show_plan(PlanFile.open(path, lock="copy"))
    status = _overview(window).status.text()
    assert "Save As" in status and "saved automatically" not in status
    assert "copy, not saved yet" in window.windowTitle()
    assert "copy of a.smoplan" in window.notice_bar.label.text()


def test_the_file_menu_holds_each_areas_entries_from_the_registry(qtbot, tmp_path, monkeypatch) -> None:
    from smoplanner import areas
    from smoplanner.ui.tabhost import MenuEntry

    ran: list[str] = []
    extra = areas.Area(key="notes", title="&Notes", tab="smoplanner.ui.overview:make_tab", menu_actions="x:y")
    monkeypatch.setattr(areas, "AREAS", (*areas.AREAS, extra))
    real_resolve = areas.resolve

    def resolve(ref: str):  # type: ignore[no-untyped-def]
        if ref == "x:y":
            entry = MenuEntry("export_notes", "Export &Notes…", "Notes as text", lambda w, d: ran.append("ran"))
            return lambda: [entry]
        return real_resolve(ref)

    monkeypatch.setattr(areas, "resolve", resolve)
    win = MainWindow()
    qtbot.addWidget(win)
    file_menu = win.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions() if not a.isSeparator()]
    assert {"&Import Posts…", "&Export Posts…", "Export &Notes…"} <= set(texts)
    assert texts.index("&Export Posts…") < texts.index("Export &Notes…") < texts.index("&Close Plan")
    assert not any(a.isEnabled() for a in win.area_actions.values())  # nothing to act on without a plan
    assert win.open_plan(make_plan_file(tmp_path / "p.smoplan"))
    assert all(a.isEnabled() for a in win.area_actions.values())
    win.area_actions["export_notes"].trigger()
    assert ran == ["ran"]
    win.close_plan()


def _wait_for_the_gui(real: Callable[..., object], gui_ran: threading.Event) -> Callable[..., object]:
    """``real``, made to finish only once the GUI thread has handled an event while it runs, and to
    say if it is called on the GUI thread (where it would freeze the window)."""

    def on_a_worker(*args: object, **kwargs: object) -> object:
        assert threading.current_thread() is not threading.main_thread(), "ran on the GUI thread"
        assert gui_ran.wait(timeout=60), "the window handled no event meanwhile"
        return real(*args, **kwargs)

    return on_a_worker


def test_save_as_runs_on_a_worker_while_the_window_repaints(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_plan_file(tmp_path / "client.smoplan")
    window.open_plan(path)
    copy = tmp_path / "copy.smoplan"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_a: copy)
    gui_ran = threading.Event()
    monkeypatch.setattr(PlanFile, "save_as", _wait_for_the_gui(PlanFile.save_as, gui_ran))
    QTimer.singleShot(0, gui_ran.set)  # handled by the GUI thread while the copy is written, or never
    assert window.save_as()
    assert window.document is not None and window.document.plan.path == copy
    assert "copy.smoplan" in window.windowTitle()
    assert window.tasks.running == []


def test_the_save_on_close_runs_on_a_worker_while_the_window_repaints(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_plan_file(tmp_path / "a.smoplan")
    window.autosave_action.setChecked(False)
    window.open_plan(path)
    monkeypatch.setattr(
        plan_dialogs, "ask_plan_settings", lambda *_a: sample_settings().with_changes(business_name="Closed Name")
    )
    window.settings_action.trigger()
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_a: True)
    gui_ran = threading.Event()
    monkeypatch.setattr(PlanFile, "save", _wait_for_the_gui(PlanFile.save, gui_ran))
    QTimer.singleShot(0, gui_ran.set)
    assert window.close_plan()
    window.autosave_action.setChecked(True)
    assert window.document is None
    plan = PlanFile.open(path, lock="none")
    with plan.session() as s:
        assert get_settings(s).business_name == "Closed Name"
    plan.close(save=False)


def test_save_as_waits_for_an_autosave_on_its_way(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:
    path = make_plan_file(tmp_path / "a.smoplan")
    window.open_plan(path)
    monkeypatch.setattr(
        plan_dialogs, "ask_plan_settings", lambda *_a: sample_settings().with_changes(business_name="Saved Twice")
    )
    window.settings_action.trigger()
    window.autosave_timer.stop()
    window.autosave_now()
    assert window.save_task is not None  # the autosave runs on a worker
    copy = tmp_path / "copy.smoplan"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_a: copy)
    assert window.save_as()  # no "wait until the save has finished" refusal
    assert window.save_task is None
    for target in (path, copy):
        plan = PlanFile.open(target, lock="none")
        with plan.session() as s:
            assert get_settings(s).business_name == "Saved Twice"
        plan.close(save=False)
