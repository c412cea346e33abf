"""What a first-time user trips over (issue 9): the window keeps work and says what it does."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import make_plan_file

from smoplanner.ui import dialogs
from smoplanner.ui.mainwindow import MainWindow


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
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


def test_a_failed_open_keeps_the_current_plan_open(window: MainWindow, tmp_path: Path, errors: list[str]) -> None:
    path = make_plan_file(tmp_path / "sonne.smoplan")
    assert window.open_plan(path)
    bad = tmp_path / "notes.smoplan"
    bad.write_text("shopping list: milk, flour\n", encoding="utf-8")
    assert not window.open_plan(bad)
    assert errors and errors[0].startswith("Cannot Open Plan: ")
    assert window.document is not None and window.document.plan.path == path
    assert window.stack.currentWidget() is window.plan_page
    # The plan still works: it can be saved and closed as before.
    assert window.close_plan()


def test_opening_another_plan_replaces_the_current_one(window: MainWindow, tmp_path: Path) -> None:
    first = make_plan_file(tmp_path / "a.smoplan", name="Client A")
    second = make_plan_file(tmp_path / "b.smoplan", name="Client B")
    assert window.open_plan(first)
    assert window.open_plan(second)
    assert window.document is not None and window.document.plan.path == second
    from smoplanner.store.lock import lock_path_for

    assert not lock_path_for(first).exists()


# --- 2: a dialog with changes asks before it throws them away -------------------------------------------


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The answer the next "unsaved changes" question gets (last item), and what was asked is recorded."""
    given: list[object] = [None]
    asked: list[str] = []

    def fake(_parent, what: str):
        asked.append(what)
        return given[-1]

    monkeypatch.setattr(dialogs, "ask_unsaved_edits", fake)
    given.append(asked)  # type: ignore[arg-type]
    return given


def _asked(answers: list[object]) -> list[str]:
    return next(a for a in answers if isinstance(a, list))  # type: ignore[return-value]


def _editor(qtbot):
    from datetime import date, time

    from helpers import sample_settings

    from smoplanner.ui.calendar.common import CalendarContext
    from smoplanner.ui.calendar.editor import EditorSetup, PostEditor

    editor = PostEditor(EditorSetup(ctx=CalendarContext(settings=sample_settings())), None, date(2026, 11, 12), time(9))
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()  # the keys typed go to it, not to a window an earlier test left active
    qtbot.waitUntil(editor.isActiveWindow)
    return editor


def test_escape_in_an_unchanged_editor_closes_it_without_asking(qtbot, answers) -> None:
    from PySide6.QtCore import Qt

    editor = _editor(qtbot)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not editor.isVisible() and _asked(answers) == []


def test_escape_in_the_post_editor_with_typed_text_asks_keep_discard_or_save(qtbot, answers) -> None:
    from PySide6.QtCore import Qt

    editor = _editor(qtbot)
    editor.main_text.setPlainText("Fresh croissants from 7 am")
    answers.append(None)  # keep editing
    assert editor.is_dirty()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert editor.isVisible() and _asked(answers) == ["the new post"]
    assert editor.main_text.toPlainText() == "Fresh croissants from 7 am"
    answers.append("save")
    editor.buttons.button(editor.buttons.StandardButton.Cancel).click()
    assert not editor.isVisible()
    result = editor.result_value()
    assert result is not None and result.record.text == "Fresh croissants from 7 am"


def test_discarding_closes_the_editor_without_a_result(qtbot, answers) -> None:
    editor = _editor(qtbot)
    editor.title_edit.setText("Advent")
    answers.append("discard")
    editor.close()
    assert not editor.isVisible() and editor.result_value() is None


def test_plan_settings_and_new_plan_ask_before_dropping_changes(qtbot, answers, tmp_path: Path) -> None:
    from helpers import sample_settings

    from smoplanner.ui.plan_dialogs import NewPlanDialog, PlanSettingsDialog

    dialog = PlanSettingsDialog(sample_settings(), read_only=False)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.form.name.setText("Sonne am Hafen")
    answers.append(None)
    dialog.reject()
    assert dialog.isVisible()
    answers.append("save")
    dialog.reject()
    assert not dialog.isVisible() and dialog.result_value is not None
    assert dialog.result_value.business_name == "Sonne am Hafen"

    new = NewPlanDialog(sample_settings(""), tmp_path)
    qtbot.addWidget(new)
    new.show()
    new.reject()  # nothing typed: closes without a question
    assert not new.isVisible() and _asked(answers) == ["the plan settings", "the plan settings"]


def test_a_typed_pillar_is_not_lost_on_close(qtbot, answers, tmp_path: Path) -> None:
    from helpers import new_plan

    from smoplanner.store import posts as store
    from smoplanner.ui.calendar.pillars import PillarsDialog
    from smoplanner.ui.document import PlanDocument

    plan = new_plan(tmp_path / "p.smoplan")
    try:
        dialog = PillarsDialog(PlanDocument(plan))
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.name.setText("Behind the scenes")
        answers.append(None)
        dialog.reject()
        assert dialog.isVisible()
        answers.append("save")
        dialog.reject()
        assert not dialog.isVisible()
        with plan.session() as s:
            assert [p.name for p in store.list_pillars(s)] == ["Behind the scenes"]
    finally:
        plan.close(save=False)


def test_a_typed_checklist_item_is_not_lost_on_escape(qtbot, answers) -> None:
    from smoplanner.ui.profiles.tab import ItemLabelDialog

    dialog = ItemLabelDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.setTextValue("Pin the opening hours post")
    answers.append("discard")
    dialog.reject()
    assert not dialog.isVisible() and _asked(answers) == ["the new item"]


# --- 5: recovered changes are saved by autosave ---------------------------------------------------------


def test_recovered_changes_are_saved_by_autosave(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, errors
) -> None:
    from helpers import crash_after_edit

    from smoplanner import app
    from smoplanner.store.planfile import PlanFile
    from smoplanner.store.settings import get_settings

    path = make_plan_file(tmp_path / "a.smoplan")
    crash_after_edit(path, "Recovered Name")
    monkeypatch.setattr(dialogs, "ask_recover", lambda *_a: True)
    win = MainWindow()
    qtbot.addWidget(win)
    win.app_settings.autosave = True
    assert app._offer_recovery(win)
    assert win.document is not None
    qtbot.waitUntil(lambda: not win.document.plan.is_dirty, timeout=10000)  # type: ignore[union-attr]
    # Saved to the file while the plan is still open.
    copy = PlanFile.open(path, lock="none")
    try:
        with copy.session() as s:
            assert get_settings(s).business_name == "Recovered Name"
    finally:
        copy.close(save=False)
    win.close_plan()


# --- 15: a new post shows problems once the user writes or saves; an idea needs no platforms -----------


def _new_editor(qtbot, day):
    from datetime import time

    from helpers import sample_settings

    from smoplanner.ui.calendar.common import CalendarContext
    from smoplanner.ui.calendar.editor import EditorSetup, PostEditor

    editor = PostEditor(EditorSetup(ctx=CalendarContext(settings=sample_settings())), None, day, time(9))
    qtbot.addWidget(editor)
    return editor


def test_a_new_post_opens_without_problems_and_shows_them_once_text_is_written(qtbot) -> None:
    from datetime import date

    editor = _new_editor(qtbot, date(2026, 12, 3))
    assert editor.checked_platforms() == ("instagram", "facebook")
    assert editor.problems() != []  # the text is empty on both platforms…
    assert "is empty" not in editor.problems_label.text()  # …but nothing red is shown yet
    assert editor.problems_label.styleSheet() == ""
    editor.main_text.setPlainText("#a " * 40)  # typing: now the checks speak
    assert "Instagram allows 5 hashtags" in editor.problems_label.text()


def test_saving_an_untouched_new_post_shows_why_it_cannot_be_saved(qtbot) -> None:
    from datetime import date

    editor = _new_editor(qtbot, date(2026, 12, 3))
    editor.try_accept()
    assert editor.result_value() is None
    assert editor.error_label.text() == "Write a title or some text for the post."
    assert "is empty" in editor.problems_label.text()


def test_a_new_idea_needs_no_platforms(qtbot) -> None:
    editor = _new_editor(qtbot, None)
    assert editor.windowTitle() == "New Idea"
    assert editor.checked_platforms() == ()
    assert editor.problems() == []
    editor.title_edit.setText("Decaf myths")
    editor.try_accept()
    result = editor.result_value()
    assert result is not None and result.record.platforms == () and result.record.scheduled_at is None


# --- 16: one meaning per shortcut, a Calendar menu, unique mnemonics ------------------------------------


def _mnemonic(text: str) -> str | None:
    i = text.replace("&&", "").find("&")
    return text.replace("&&", "")[i + 1].lower() if i >= 0 else None


def _walk(menu) -> list:
    """Every menu below ``menu`` (its submenus too), ``menu`` first."""
    menu.aboutToShow.emit()  # Open Recent fills itself when shown
    found = [menu]
    for action in menu.actions():
        if action.menu() is not None:
            found += _walk(action.menu())
    return found


def test_every_menu_has_unique_mnemonics_and_every_shortcut_one_meaning(window: MainWindow, tmp_path: Path) -> None:
    from PySide6.QtGui import QAction, QKeySequence

    assert window.open_plan(make_plan_file(tmp_path / "a.smoplan"))
    calendar = window.tab_content("&Calendar")  # its own keys (Delete, Ctrl+D, Page Up/Down) count too
    # The menu bar and the tabs share Alt+letter.
    bar = [a.text() for a in window.menuBar().actions()]
    tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    letters = [_mnemonic(t) for t in bar + tabs]
    assert None not in letters and len(set(letters)) == len(letters), bar + tabs
    menus = [m for top in window.menuBar().actions() for m in _walk(top.menu())]
    for menu in menus:
        texts = [a.text() for a in menu.actions() if a.text() and not a.isSeparator()]
        marks = [_mnemonic(t) for t in texts if _mnemonic(t)]
        assert len(set(marks)) == len(marks), (menu.title(), texts)
    meaning: dict[str, str] = {}
    for action in [*window.findChildren(QAction), *calendar.findChildren(QAction)]:
        for key in action.shortcuts():
            name = key.toString(QKeySequence.SequenceFormat.PortableText)
            what = action.text().replace("&", "")
            if what in ("Previous", "Next"):  # Page Up/Down on the month and on the week: one meaning
                continue
            assert meaning.setdefault(name, what) == what, (name, meaning[name], what)
    assert meaning["Ctrl+N"] == "New Plan…"
    assert meaning["Ctrl+Shift+N"] == "New Post…"


def test_the_calendar_menu_does_the_calendars_actions(window: MainWindow, tmp_path: Path, monkeypatch) -> None:
    from smoplanner.ui.calendar import asks

    assert window.open_plan(make_plan_file(tmp_path / "a.smoplan"))
    titles = [a.text() for a in window.calendar_menu.actions() if not a.isSeparator()]
    assert titles == [
        "&New Post…",
        "New &Idea…",
        "&Today",
        "&Go to Date…",
        "&Month",
        "&Week",
        "&List",
        "Mark as &Published",
    ]
    asked: list[object] = []
    monkeypatch.setattr(asks, "ask_edit_post", lambda editor: asked.append(editor.windowTitle()))
    window.new_idea_action.trigger()
    assert window.tabs.tabText(window.tabs.currentIndex()) == "&Calendar"
    assert asked == ["New Idea"]
    window.new_post_action.trigger()
    assert asked == ["New Idea", "New Post"]
    calendar = window.tab_content("&Calendar")
    next(a for a in window.calendar_menu.actions() if a.text() == "&List").trigger()
    assert calendar.stack.currentIndex() == 2
    window.close_plan()
    assert not window.new_post_action.isEnabled()


# --- 17: the empty-month hint ---------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(1100, 720), (1366, 768), (700, 420)])
def test_the_empty_month_hint_never_covers_a_day_number(qtbot, tmp_path: Path, size) -> None:
    from datetime import date, timedelta

    from helpers import new_plan

    from smoplanner.ui.calendar.tab import CalendarTab
    from smoplanner.ui.document import PlanDocument

    plan = new_plan(tmp_path / "p.smoplan")
    try:
        tab = CalendarTab(PlanDocument(plan))
        qtbot.addWidget(tab)
        tab.resize(*size)
        tab.show()
        tab.go_to(date(2026, 11, 12))
        grid = tab.month_grid
        hint = grid.empty_hint_rect()
        if hint is not None:
            day = grid.first_shown
            while day <= grid.last_shown:
                assert not hint.intersects(grid.day_number_rect(day)), day
                day += timedelta(days=1)
            assert grid.rect().contains(hint)
    finally:
        plan.close(save=False)


def test_the_empty_month_hint_hides_while_a_post_is_visible(qtbot, tmp_path: Path) -> None:
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    from helpers import new_plan

    from smoplanner.core.posts import PostRecord
    from smoplanner.store import posts as store
    from smoplanner.ui.calendar.tab import CalendarTab
    from smoplanner.ui.document import PlanDocument

    plan = new_plan(tmp_path / "p.smoplan")
    try:
        tab = CalendarTab(PlanDocument(plan))
        qtbot.addWidget(tab)
        tab.resize(1100, 720)
        tab.show()
        tab.go_to(date(2026, 11, 12))
        assert tab.month_grid.empty_hint_rect() is not None
        # A post on 1 December, shown in November's last week: November has no post, but one is visible.
        with plan.session() as s:
            when = datetime(2026, 12, 1, 9, tzinfo=ZoneInfo("Europe/Berlin"))
            store.create_post(s, PostRecord("Advent", "Advent text", ("instagram",), when, status="draft"))
        tab.load_visible()
        assert tab.month_grid.month_post_count() == 0
        assert tab.month_grid.posts_on(date(2026, 12, 1))
        assert tab.month_grid.empty_hint_rect() is None
    finally:
        plan.close(save=False)


# --- 19: the window title, the welcome page, one date style --------------------------------------------


def test_the_window_title_names_the_file_only_when_it_says_more() -> None:
    from smoplanner.ui.mainwindow import window_title_name

    assert window_title_name("Café Lumen", Path("/x/Café Lumen (sample).smoplan")) == "Café Lumen"
    assert window_title_name("Café Lumen", Path("/x/café lumen.smoplan")) == "Café Lumen"
    assert window_title_name("Bäckerei Sonne", Path("/x/sonne.smoplan")) == "Bäckerei Sonne — sonne.smoplan"
    assert window_title_name("Café Lumen", None) == "Café Lumen — copy, not saved yet"


def test_the_sample_plans_title_says_its_name_once(window: MainWindow) -> None:
    window.open_sample()
    assert window.windowTitle() == "Café Lumen[*] — smoplanner"


def test_the_welcome_page_sits_in_the_middle_not_at_the_top(window: MainWindow, qtbot) -> None:
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.welcome.height() > 600)
    title = window.welcome.findChildren(type(window.welcome.empty_label))[0]
    top = title.mapTo(window.welcome, title.rect().topLeft()).y()
    bottom_gap = (
        window.welcome.height()
        - window.welcome.empty_label.mapTo(window.welcome, window.welcome.empty_label.rect().bottomLeft()).y()
    )
    assert top > window.welcome.height() // 6  # not pinned to the top…
    assert bottom_gap < window.welcome.height() * 2 // 3  # …with most of the page empty below


def test_dates_are_written_one_way() -> None:
    from datetime import date

    from smoplanner.core.dates import day_text

    # one way per locale: the plan's locale decides (en_US when none is given)
    assert day_text(date(2026, 11, 1)) == "Sun, Nov 1, 2026"
    assert day_text(date(2026, 12, 3), year=False) == "Thu, Dec 3"
    assert day_text(date(2026, 12, 3), weekday=False, year=False) == "Dec 3"
    assert day_text(date(2026, 12, 3), locale="de_DE") == "Do., 3. Dez. 2026"
