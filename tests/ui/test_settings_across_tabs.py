"""Plan settings changed while the Profiles and Calendar tabs are open, undo across tabs, read-only plans."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from helpers import sample_settings
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest

from smoplanner.core.plan_settings import PlanSettingsData, custom_platform, platform_entry
from smoplanner.core.posts import PostRecord
from smoplanner.store import posts as store
from smoplanner.store.planfile import PlanFile
from smoplanner.store.profiles import get_profile, update_profile
from smoplanner.store.settings import get_settings
from smoplanner.ui import dialogs, plan_dialogs
from smoplanner.ui.calendar import asks, transfer
from smoplanner.ui.calendar.common import post_ids_mime
from smoplanner.ui.calendar.editor import PostEditor
from smoplanner.ui.calendar.tab import LIST, MONTH, WEEK, CalendarTab
from smoplanner.ui.mainwindow import MainWindow
from smoplanner.ui.profiles.tab import ProfilesTab

BERLIN = ZoneInfo("Europe/Berlin")
DAY = date(2026, 11, 12)
NEBENAN = custom_platform("nebenan.de")


def _settings() -> PlanSettingsData:
    return sample_settings().with_changes(platforms=(platform_entry("instagram"), platform_entry("facebook"), NEBENAN))


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    messages: list[str] = []
    for module in (dialogs, asks):
        monkeypatch.setattr(module, "show_error", lambda _p, title, text: messages.append(f"{title}: {text}"))
        monkeypatch.setattr(module, "show_info", lambda _p, title, text: messages.append(f"{title}: {text}"))
    return messages


@pytest.fixture
def plan_path(tmp_path: Path) -> Path:
    path = tmp_path / "sonne.smoplan"
    plan = PlanFile.create(path, _settings())
    with plan.session() as s:
        update_profile(s, NEBENAN.code, bio="Eure Bäckerei im Kiez", handle="sonne")
        store.create_post(
            s,
            PostRecord(
                title="Brunch",
                text="Sunday brunch from 9",
                platforms=("instagram", NEBENAN.code),
                scheduled_at=datetime.combine(DAY, time(9), BERLIN),
                status="draft",
                variants=((NEBENAN.code, "Liebe Nachbarn: Brunch ab 9"),),
            ),
        )
    plan.close()
    return path


@pytest.fixture
def window(qtbot, shown: list[str], plan_path: Path):
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    assert win.open_plan(plan_path)
    yield win
    win.close_plan()


def _calendar(win: MainWindow) -> CalendarTab:
    tab = win.tab_content("&Calendar")
    assert isinstance(tab, CalendarTab)
    return tab


def _profiles(win: MainWindow) -> ProfilesTab:
    tab = win.tab_content("&Profiles")
    assert isinstance(tab, ProfilesTab)
    return tab


def _stored_settings(win: MainWindow) -> PlanSettingsData:
    assert win.document is not None
    with win.document.plan.session() as s:
        return get_settings(s)


def _change_settings(win: MainWindow, monkeypatch: pytest.MonkeyPatch, new: PlanSettingsData) -> None:
    monkeypatch.setattr(plan_dialogs, "ask_plan_settings", lambda *_a: new)
    win.settings_action.trigger()


def _codes(tab: ProfilesTab) -> list[str | None]:
    return [tab.platform_model.code_at(i) for i in range(tab.platform_model.rowCount())]


def _the_post(win: MainWindow) -> store.PostRow:
    assert win.document is not None
    with win.document.plan.session() as s:
        (row,) = store.all_posts(s)
    return row


def test_a_removed_platform_stays_on_its_posts_when_they_are_edited_and_its_profile_comes_back(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    calendar, profiles = _calendar(window), _profiles(window)
    calendar.go_to(DAY)
    old = _stored_settings(window)
    _change_settings(window, monkeypatch, old.with_changes(platforms=old.platforms[:2]))

    # Every view draws the post, which still targets the platform the plan no longer uses.
    for view in (MONTH, WEEK, LIST):
        calendar.set_view(view)
        calendar.grab()
    calendar.set_view(MONTH)
    assert [p.title for p in calendar.month_grid.posts_on(DAY)] == ["Brunch"]
    assert _codes(profiles) == ["instagram", "facebook"]

    # Opened and saved unchanged, the post keeps the removed platform and its own text there.
    seen: list[str] = []

    def save_unchanged(editor: PostEditor):
        check = editor.platform_checks[NEBENAN.code]
        seen.append(check.text())
        assert check.isChecked()
        editor.title_edit.setText("Brunch on Sunday")
        editor.try_accept()
        return editor.result_value()

    monkeypatch.setattr(asks, "ask_edit_post", save_unchanged)
    calendar.edit_post(_the_post(window).id)
    assert seen and "not in use" in seen[0]
    row = _the_post(window)
    assert row.title == "Brunch on Sunday"
    assert row.platforms == ("instagram", NEBENAN.code)
    assert dict(row.variants) == {NEBENAN.code: "Liebe Nachbarn: Brunch ab 9"}

    # Unticking it is how the user takes it off the post.
    def untick(editor: PostEditor):
        editor.platform_checks[NEBENAN.code].setChecked(False)
        editor.try_accept()
        return editor.result_value()

    monkeypatch.setattr(asks, "ask_edit_post", untick)
    calendar.edit_post(row.id)
    assert _the_post(window).platforms == ("instagram",)

    # The profile was kept in the file: adding the platform back shows it again.
    _change_settings(window, monkeypatch, old)
    assert _codes(profiles) == ["instagram", "facebook", NEBENAN.code]
    profiles.select_platform(NEBENAN.code)
    assert profiles.form.bio.toPlainText() == "Eure Bäckerei im Kiez"


def test_the_list_filter_on_a_removed_platform_is_dropped_not_left_hidden(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    calendar = _calendar(window)
    calendar.set_view(LIST)
    panel = calendar.list_panel
    panel.platform_filter.setCurrentIndex(panel.platform_filter.findData("facebook"))
    assert panel.proxy.rowCount() == 0  # the only post is not on Facebook
    old = _stored_settings(window)
    _change_settings(window, monkeypatch, old.with_changes(platforms=(old.platforms[0], NEBENAN)))
    assert panel.platform_filter.currentText() == "All platforms"
    assert panel.proxy.rowCount() == 1


def test_undo_from_the_overview_restores_each_tab_in_turn(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    old = _stored_settings(window)
    # Settings changed and undone before the Calendar was ever built.
    _change_settings(window, monkeypatch, old.with_changes(timezone="Europe/London"))
    window.undo_action.trigger()
    window.redo_action.trigger()
    window.undo_action.trigger()

    window.tabs.setCurrentIndex(1)
    profiles = _profiles(window)
    profiles.select_platform(NEBENAN.code)
    profiles.form.bio.setPlainText("Neu im Kiez")
    profiles.form.commit_pending()
    window.tabs.setCurrentIndex(2)
    calendar = _calendar(window)
    assert calendar.ctx is not None and calendar.ctx.settings.timezone == "Europe/Berlin"
    calendar.go_to(DAY)
    target = date(2026, 11, 19)
    grid = calendar.month_grid
    assert grid.drop_mime(post_ids_mime([_the_post(window).id]), grid.day_rect(target).center())
    window.tabs.setCurrentIndex(0)
    _change_settings(window, monkeypatch, old.with_changes(timezone="Europe/London", platforms=old.platforms[:2]))

    window.undo_action.trigger()
    assert _stored_settings(window) == old
    assert calendar.ctx.settings == old and _codes(profiles)[-1] == NEBENAN.code
    window.undo_action.trigger()
    assert [p.title for p in calendar.month_grid.posts_on(DAY)] == ["Brunch"]
    window.undo_action.trigger()
    window.tabs.setCurrentIndex(1)
    assert profiles.current_platform() == NEBENAN.code
    assert profiles.form.bio.toPlainText() == "Eure Bäckerei im Kiez"
    window.tabs.setCurrentIndex(2)
    assert [p.title for p in calendar.month_grid.posts_on(target)] == []
    assert calendar.ctx.local(_the_post(window).scheduled_at).time() == time(9)


@pytest.fixture
def read_only_window(qtbot, shown: list[str], plan_path: Path, monkeypatch: pytest.MonkeyPatch):
    holder = PlanFile.open(plan_path)  # someone else has it open: the user chooses Open Read-Only
    monkeypatch.setattr(dialogs, "ask_locked", lambda *_a: "readonly")
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    assert win.open_plan(plan_path)
    assert win.document is not None and win.document.read_only
    yield win
    win.close_plan()
    holder.close(save=False)


def _drag(grid, start: QPoint, end: QPoint) -> None:  # type: ignore[no-untyped-def]
    left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    grid.mousePressEvent(QMouseEvent(QEvent.Type.MouseButtonPress, QPointF(start), QPointF(start), left, left, none))
    grid.mouseMoveEvent(
        QMouseEvent(QEvent.Type.MouseMove, QPointF(end), QPointF(end), Qt.MouseButton.NoButton, left, none)
    )


def test_a_read_only_plan_refuses_every_change_in_calendar_and_profiles_and_says_so(
    read_only_window: MainWindow, shown: list[str], monkeypatch: pytest.MonkeyPatch, plan_path: Path
) -> None:
    win = read_only_window
    assert win.document is not None
    before = _the_post(win)
    status = win.statusBar()

    win.tabs.setCurrentIndex(2)
    calendar = _calendar(win)
    calendar.go_to(DAY)
    grid = calendar.month_grid
    assert calendar.read_only_label.isVisibleTo(calendar)
    grid.select_day(DAY, before.id)
    grid.setFocus()
    for key, modifier, what in (
        (Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier, "Deleting a post"),
        (Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier, "Duplicating a post"),
        (Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier, "A new post"),
    ):
        status.clearMessage()
        QTest.keyClick(grid, key, modifier)
        assert status.currentMessage().startswith(what) and "read-only" in status.currentMessage()
        assert what in calendar.read_only_label.text()

    status.clearMessage()
    chip = grid.chip_rect(before.id).center()
    _drag(grid, chip, grid.day_rect(date(2026, 11, 19)).center())
    assert status.currentMessage().startswith("Moving a post")
    assert not grid.drop_mime(post_ids_mime([before.id]), grid.day_rect(date(2026, 11, 19)).center())

    def try_to_save(editor: PostEditor):
        editor.title_edit.setText("Changed")
        editor.try_accept()
        return editor.result_value()

    monkeypatch.setattr(asks, "ask_edit_post", try_to_save)
    calendar.edit_post(before.id)
    assert not win.area_actions["import_posts"].isEnabled()
    transfer.run_import(win, win.document)  # reached another way, it still refuses and says why
    assert shown == ["Read-Only Plan: This plan is open read-only, so nothing can be imported into it."]

    win.tabs.setCurrentIndex(1)
    profiles = _profiles(win)
    assert profiles.read_only_label.isVisibleTo(profiles) and "Read-only" in profiles.read_only_label.text()
    profiles.select_platform(NEBENAN.code)
    QTest.keyClicks(profiles.form.bio, "xyz")
    profiles.form.commit_pending()
    assert profiles.form.bio.toPlainText() == "Eure Bäckerei im Kiez"
    status.clearMessage()
    profiles._tick("highlights", True)
    assert "read-only" in status.currentMessage()
    for attempt in (
        lambda: profiles._choose_image("picture"),
        profiles._add_item,
        lambda: profiles._override("bio", 5),
    ):
        status.clearMessage()
        attempt()
        assert "read-only" in status.currentMessage()

    assert win.document.undo_stack.count() == 0
    assert not win.document.plan.is_dirty
    assert _the_post(win) == before
    with win.document.plan.session() as s:
        assert get_profile(s, NEBENAN.code).bio == "Eure Bäckerei im Kiez"


def test_saving_a_read_only_plan_as_a_copy_makes_every_tab_editable(
    read_only_window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    win = read_only_window
    calendar, profiles = _calendar(win), _profiles(win)
    assert not calendar.new_button.isEnabled() and profiles.read_only_label.isVisibleTo(profiles)
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_a: tmp_path / "copy.smoplan")
    assert win.save_as()
    assert win.document is not None and not win.document.read_only
    assert calendar.new_button.isEnabled() and not calendar.read_only_label.isVisibleTo(calendar)
    assert not profiles.read_only_label.isVisibleTo(profiles)
    assert not profiles.form.bio.isReadOnly()
