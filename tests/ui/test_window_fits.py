"""The window and its views fit a laptop screen (issue 9, point 12): the first size comes from the screen's
free area, month chips wrap a long title onto a second line, list columns fit their content or show the
whole value in a tooltip, and the consistency matrix shows whole values (or has them in the tooltip)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from helpers import new_plan
from PySide6.QtCore import QEvent, QModelIndex, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QHelpEvent
from PySide6.QtWidgets import QApplication, QTableView, QToolTip

from smoplanner.core.posts import PostRecord
from smoplanner.store import posts as store
from smoplanner.ui import dialogs
from smoplanner.ui.calendar.chips import ChipPainter
from smoplanner.ui.calendar.tab import LIST, CalendarTab
from smoplanner.ui.document import PlanDocument
from smoplanner.ui.engagement.models import COLUMNS as ENGAGEMENT_COLUMNS
from smoplanner.ui.fitting import default_window_size
from smoplanner.ui.mainwindow import MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise", "propagateSizeHints")

ROOT = Path(__file__).resolve().parents[2]
LAPTOP_FREE = QSize(1366, 768 - 40)  # a 1366×768 screen less a 40-pixel task bar
TITLE_BAR = 32  # what a window manager's frame adds above the window's contents, about


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, title, text: shown.append(f"{title}: {text}"))
    monkeypatch.setattr(dialogs, "show_info", lambda _p, title, text: shown.append(f"{title}: {text}"))
    return shown


@pytest.fixture
def sample(qtbot, errors: list[str]):
    """The sample plan open in a window of 1100×720, the smallest size the views must be read at."""
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    win.open_sample()
    win.resize(1100, 720)
    yield win
    win.close_plan()


def show_tab(win: MainWindow, name: str):
    """Bring the tab whose title starts with ``name`` to the front, as a click on it does; its content."""
    for i in range(win.tabs.count()):
        if win.tabs.tabText(i).replace("&", "").startswith(name):
            win.tabs.setCurrentIndex(i)
            return win.tab_content(win.tabs.tabText(i))
    raise KeyError(name)


# --- the first size -------------------------------------------------------------------------------------


def test_the_first_size_fits_a_laptop_screen_less_its_task_bar() -> None:
    size = default_window_size(LAPTOP_FREE)
    assert size.width() <= LAPTOP_FREE.width() - 8
    assert size.height() + TITLE_BAR <= LAPTOP_FREE.height()
    # …and uses what that screen has: wider than the old fixed 1100 pixels, as tall as the screen lets it.
    assert size.width() >= 1300 and size.height() >= LAPTOP_FREE.height() - 48
    big = default_window_size(QSize(2560, 1400))
    assert big.width() < 2560 // 1.5 and big.height() < 1000  # not a wall of white on a big screen


def test_the_window_opens_at_that_size_on_first_start_and_the_plan_fits_in_it(tmp_path: Path) -> None:
    """On a 1366×768 screen and no remembered geometry, the window takes the default size within the
    screen's free area, and the sample plan's tabs need no more than that (nothing forces it larger)."""
    screens = tmp_path / "screens.json"
    screens.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768}]}))
    script = (
        "import json\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from smoplanner.ui.mainwindow import MainWindow\n"
        "w = MainWindow()\n"
        "w.show()\n"
        "app.processEvents()\n"
        "first = w.geometry()\n"
        "w.open_sample()\n"
        "need = w.minimumSizeHint()\n"
        "for i in range(w.tabs.count()):\n"
        "    w.tabs.setCurrentIndex(i)\n"
        "    app.processEvents()\n"
        "    need = need.expandedTo(w.minimumSizeHint())\n"
        "free = w.screen().availableGeometry()\n"
        "print(json.dumps({'window': [first.x(), first.y(), first.width(), first.height()],\n"
        "    'free': [free.width(), free.height()], 'need': [need.width(), need.height()]}))\n"
        "w.close_plan()\n"
    )
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = f"offscreen:configfile={screens}"
    env["SMOPLANNER_CONFIG_DIR"] = str(tmp_path / "config")
    env["SMOPLANNER_CACHE_DIR"] = str(tmp_path / "cache")
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    x, y, width, height = seen["window"]
    expected = default_window_size(QSize(*seen["free"]))
    assert (width, height) == (expected.width(), expected.height())
    assert x >= 0 and y >= 0 and x + width <= 1366 and y + height <= 768
    # The contents of every tab fit the default size on a laptop with a task bar.
    laptop = default_window_size(LAPTOP_FREE)
    assert seen["need"][0] <= laptop.width() and seen["need"][1] <= laptop.height()


# --- month chips ----------------------------------------------------------------------------------------


def test_a_long_title_wraps_onto_a_second_line_of_its_month_chip(tmp_path: Path, qtbot) -> None:
    plan = new_plan(tmp_path / "p.smoplan")
    try:
        title = "Christmas market stand at the square"
        day = date(2026, 11, 12)
        with plan.session() as s:
            when = datetime(2026, 11, 12, 9, tzinfo=ZoneInfo("Europe/Berlin"))
            long_id = store.create_post(s, PostRecord(title, "text", ("instagram",), when, status="draft"))
            short_id = store.create_post(
                s, PostRecord("Rye", "text", ("instagram",), when.replace(day=13), status="draft")
            )
        tab = CalendarTab(PlanDocument(plan))
        qtbot.addWidget(tab)
        tab.resize(1100, 720)
        tab.show()
        tab.go_to(day)
        grid = tab.month_grid
        fm = QFontMetrics(grid.chip_font())
        lay, short = grid.chip_layout(long_id), grid.chip_layout(short_id)
        assert lay is not None and short is not None
        assert fm.horizontalAdvance(title) > lay.title_rect.width()  # too long for one line at this size
        assert len(lay.title_lines) == 2
        assert " ".join(lay.title_lines) == title  # the whole title, on two lines
        # The chip is painted a line taller than a chip whose title fits one line, and its hit area too.
        rect = grid.chip_rect(long_id)
        assert rect.height() >= ChipPainter.three_line_height(fm)
        assert grid.chip_rect(short_id).height() < rect.height() and short.title_lines == ("Rye",)
        assert grid.hit(QPoint(rect.center().x(), rect.bottom() - 2)).post_id == long_id
        # The second line is painted: text pixels below the first title line.
        image = grid.grab().toImage()
        second = QRect(lay.title_rect.left(), lay.title_rect.top() + fm.height() + 2, lay.title_rect.width(), 6)
        base = image.pixelColor(second.right(), second.top())
        assert any(
            image.pixelColor(x, y) != base
            for x in range(second.left(), second.left() + fm.horizontalAdvance(lay.title_lines[1]))
            for y in range(second.top(), second.bottom())
        )
    finally:
        plan.close(save=False)


# --- list columns ---------------------------------------------------------------------------------------


def tooltip_at(view: QTableView, index: QModelIndex) -> str:
    """What the user sees when pointing at a cell: the view's tooltip for it."""
    QToolTip.hideText()
    rect = view.visualRect(index)
    event = QHelpEvent(QEvent.Type.ToolTip, rect.center(), view.viewport().mapToGlobal(rect.center()))
    QApplication.sendEvent(view.viewport(), event)
    return QToolTip.text() if QToolTip.isVisible() else ""


def text_is_cut(view: QTableView, index: QModelIndex) -> bool:
    """Whether a cell's text is wider (or, wrapped, taller) than the room its cell gives it."""
    text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
    rect = view.visualRect(index)
    room = rect.width() - 8  # the cell's margins
    if index.data(Qt.ItemDataRole.DecorationRole) is not None:
        room -= view.iconSize().width() + 4 if view.iconSize().isValid() else 20
    fm = view.fontMetrics()
    if view.wordWrap():
        flags = Qt.TextFlag.TextWordWrap
        return fm.boundingRect(QRect(0, 0, max(1, room), 10_000), flags, text).height() > rect.height() - 2
    return fm.horizontalAdvance(text) > room


def check_cells(view: QTableView, qtbot) -> tuple[int, int]:
    """Every cell on screen shows its whole text or says it in its tooltip; returns (cells, cut cells)."""
    qtbot.waitUntil(lambda: view.model().rowCount() > 0)
    QApplication.processEvents()  # the columns are fitted once the rows are in
    cells = cut = 0
    for row in range(view.model().rowCount()):
        if view.rowViewportPosition(row) < 0 or view.rowViewportPosition(row) > view.viewport().height():
            continue
        for column in range(view.model().columnCount()):
            index = view.model().index(row, column)
            text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
            if not text or view.columnViewportPosition(column) > view.viewport().width():
                continue
            cells += 1
            if text_is_cut(view, index):
                cut += 1
                assert text in tooltip_at(view, index), (row, column, text)
    return cells, cut


def test_the_calendar_lists_columns_fit_or_show_the_whole_value(sample: MainWindow, qtbot) -> None:
    tab = show_tab(sample, "Calendar")
    tab.set_view(LIST)
    table = tab.list_panel.table
    qtbot.waitUntil(lambda: table.isVisible() and table.viewport().width() > 500)
    cells, _cut = check_cells(table, qtbot)
    assert cells > 50
    header = table.horizontalHeader()
    model = table.model()
    # The short columns (date, status) are read whole; the title keeps room, and no column is off to the side.
    for column in (0, 3):
        assert header.sectionSize(column) >= table.sizeHintForColumn(column)
    assert header.sectionSize(1) >= 160
    assert not table.horizontalScrollBar().isVisible()
    assert all(not text_is_cut(table, model.index(r, c)) for r in range(5) for c in (0, 3))


def test_the_engagement_tables_columns_fit_or_show_the_whole_value(sample: MainWindow, qtbot) -> None:
    tab = show_tab(sample, "Engagement")
    table = tab.table
    qtbot.waitUntil(lambda: table.isVisible() and table.viewport().width() > 500)
    cells, cut = check_cells(table, qtbot)
    assert cells > 20 and cut > 0  # at 1100 pixels some values are cut, and their tooltips say them
    header = table.horizontalHeader()
    text = [name for _key, name in ENGAGEMENT_COLUMNS].index("Text")
    assert header.sectionSize(text) >= table.viewport().width() // 4 - 2  # what they wrote stays readable
    for name in ("Due", "Received", "Status"):  # short, and read whole
        column = [n for _key, n in ENGAGEMENT_COLUMNS].index(name)
        assert header.sectionSize(column) >= table.sizeHintForColumn(column)
        assert not any(text_is_cut(table, table.model().index(r, column)) for r in range(table.model().rowCount()))


# --- the consistency matrix -----------------------------------------------------------------------------


def test_matrix_cells_show_whole_values_or_have_them_in_the_tooltip(sample: MainWindow, qtbot) -> None:
    tab = show_tab(sample, "Profiles")
    tab.pages.setCurrentIndex(1)
    view = tab.matrix_view
    qtbot.waitUntil(lambda: view.isVisible() and view.model().rowCount() > 0)
    model = view.model()
    whole = 0
    for r in range(model.rowCount()):
        for c in range(model.columnCount()):
            index = model.index(r, c)
            # What a screen reader says: "matches: <the whole value>".
            value = str(index.data(Qt.ItemDataRole.AccessibleTextRole)).split(": ", 1)[1]
            shown = str(index.data(Qt.ItemDataRole.DisplayRole))
            assert value in shown  # the model gives the whole value; the view elides it if it must
            if text_is_cut(view, index):
                assert value in str(index.data(Qt.ItemDataRole.ToolTipRole))
                assert value in tooltip_at(view, index)
            else:
                whole += 1
    # Wrapped onto more lines, most cells are read whole at 1100×720 (on one line, nearly none were).
    assert whole >= model.rowCount() * model.columnCount() * 2 // 3


# --- dialogs --------------------------------------------------------------------------------------------


def test_the_post_editor_fits_the_screens_free_area(qtbot) -> None:
    """The editor asks for 1000×720; on a screen with less room (the test screen is 800×800, a laptop with
    a task bar has 1366×728) it takes what there is, so Save and Cancel are never below the task bar."""
    from helpers import sample_settings

    from smoplanner.core.plan_settings import platform_entry
    from smoplanner.ui.calendar.common import CalendarContext
    from smoplanner.ui.calendar.editor import EditorSetup, PostEditor

    settings = sample_settings().with_changes(platforms=(platform_entry("instagram"),))
    editor = PostEditor(EditorSetup(ctx=CalendarContext(settings=settings)), None, date(2026, 11, 12))
    qtbot.addWidget(editor)
    editor.show()
    free = editor.screen().availableGeometry()
    room = default_window_size(free.size())
    assert editor.height() == min(720, room.height()) <= room.height()
    assert editor.width() <= max(room.width(), editor.minimumSizeHint().width())  # no wider than needed
    # On a laptop with a task bar the editor's contents fit the height it gets there.
    assert editor.minimumSizeHint().height() <= default_window_size(LAPTOP_FREE).height()
    assert editor.minimumSizeHint().width() <= default_window_size(LAPTOP_FREE).width()
