"""The Results tab's Enter results page: organic results typed into a grid, written through the store, undoable."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from helpers import demo_plan_file
from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QLineEdit

from smoplanner.core.dates import Month
from smoplanner.core.locale_format import PlanLocale
from smoplanner.core.results import OrganicDay
from smoplanner.store.demo import demo_settings
from smoplanner.store.planfile import PlanFile
from smoplanner.store.results import organic_days
from smoplanner.ui.document import PlanDocument
from smoplanner.ui.results.grid import COLUMNS, OrganicGridPage, parse_count
from smoplanner.ui.results.tab import ResultsTab
from smoplanner.ui.tasks import runner_for

REACH = next(n for n, (name, _) in enumerate(COLUMNS) if name == "reach")
FOLLOWERS = 0
REVENUE = len(COLUMNS) - 1
LAST_DAY = date(2026, 12, 5)  # the demo plan's last day with results (its organic days run July to 5 December)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_plan_file(tmp_path_factory)


@pytest.fixture
def plan_path(demo_file: Path, tmp_path: Path) -> Path:
    """A copy of the demo plan (de_DE, Europe/Berlin, euros) of the test's own, to write into."""
    return Path(shutil.copy(demo_file, tmp_path / "demo.smoplan"))


@pytest.fixture
def tab(qtbot, plan_path: Path) -> Iterator[ResultsTab]:
    """The Results tab on the plan, open for writing, at 1100×720, on its Enter results page."""
    plan = PlanFile.open(plan_path)
    tab = ResultsTab(PlanDocument(plan))
    qtbot.addWidget(tab)
    tab.resize(1100, 720)
    tab.show()
    qtbot.waitUntil(lambda: tab.artists is not None and not tab.loading)
    tab.pages.setCurrentWidget(tab.grid_page)
    qtbot.waitUntil(lambda: tab.grid_page.loaded)
    try:
        yield tab
    finally:
        runner_for(tab).wait_all()
        tab.close()
        plan.close(save=False)


@pytest.fixture
def page(tab: ResultsTab) -> OrganicGridPage:
    return tab.grid_page


def stored(page: OrganicGridPage, day: date, platform: str = "instagram") -> list[OrganicDay]:
    with page.document.plan.session() as s:
        return organic_days(s, day, day, [platform])


def month_stored(page: OrganicGridPage, platform: str = "instagram") -> list[OrganicDay]:
    month = page.model.month
    with page.document.plan.session() as s:
        return organic_days(s, month.first_day, month.last_day, [platform])


def type_into(qtbot, page: OrganicGridPage, day: date, column: int, text: str) -> None:
    """Type ``text`` into a cell as a person does (the cell's editor, then Enter)."""
    view = page.view
    index = page.model.index(day.day - 1, column)
    view.setCurrentIndex(index)
    view.edit(index)
    (editor,) = [e for e in view.viewport().findChildren(QLineEdit) if e.isVisible()]  # not one being deleted
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)  # the delegate ends it queued


def select_only(view: QAbstractItemView, index: QModelIndex) -> None:
    view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)


def choose_platform(page: OrganicGridPage, code: str) -> None:
    page.platform_box.setCurrentIndex(page.platform_box.findData(code))


def test_the_page_opens_on_the_last_month_with_results_in_the_plans_locale(page: OrganicGridPage) -> None:
    model = page.model
    assert model.month == Month(2026, 12) and page.month_label.text() == "Dezember 2026"
    assert [page.platform_box.itemData(i) for i in range(page.platform_box.count())] == [
        p.code for p in demo_settings().platforms
    ]
    assert model.rowCount() == 31
    assert model.headerData(2, Qt.Orientation.Vertical) == "Do., 3. Dez."
    assert model.headerData(REVENUE, Qt.Orientation.Horizontal) == "Revenue (EUR)"
    (last,) = stored(page, LAST_DAY)
    row = LAST_DAY.day - 1
    assert model.index(row, REACH).data() == PlanLocale.of("de_DE").number(last.reach)
    assert model.index(row, REVENUE).data() == "16,00"  # 1600 cents as German writes amounts
    assert model.index(row + 1, REACH).data() == ""  # a day without results: empty cells
    assert not page.empty_hint.isVisible()
    assert page.view.currentIndex().row() == LAST_DAY.day  # typing goes on after the last day with results


def test_typing_a_value_writes_it_to_the_plan(qtbot, tab: ResultsTab, page: OrganicGridPage, plan_path) -> None:
    day = date(2026, 12, 9)
    type_into(qtbot, page, day, REACH, "1.234")  # a German grouping mark
    assert stored(page, day) == [OrganicDay(day, "instagram", reach=1234)]
    assert page.model.index(day.day - 1, REACH).data() == "1.234"
    assert page.view.currentIndex().row() == day.day  # Enter moved on to the next day
    type_into(qtbot, page, day, REVENUE, "1.234,50")
    assert stored(page, day) == [OrganicDay(day, "instagram", reach=1234, revenue_minor=123450)]
    assert page.document.undo_stack.count() == 2
    qtbot.waitUntil(lambda: not tab.loading)
    page.document.plan.save()
    reopened = PlanFile.open(plan_path, lock="none")
    try:
        with reopened.session() as s:
            assert organic_days(s, day, day, ["instagram"]) == [
                OrganicDay(day, "instagram", reach=1234, revenue_minor=123450)
            ]
    finally:
        reopened.close(save=False)


def test_undo_restores_the_previous_value_and_redo_sets_it_again(qtbot, page: OrganicGridPage) -> None:
    (before,) = stored(page, LAST_DAY)
    type_into(qtbot, page, LAST_DAY, REACH, "4242")
    assert stored(page, LAST_DAY) == [replace(before, reach=4242)]
    stack = page.document.undo_stack
    stack.undo()
    assert stored(page, LAST_DAY) == [before]
    assert page.model.index(LAST_DAY.day - 1, REACH).data() == PlanLocale.of("de_DE").number(before.reach)
    stack.redo()
    assert stored(page, LAST_DAY) == [replace(before, reach=4242)]
    assert page.model.index(LAST_DAY.day - 1, REACH).data() == "4.242"


def test_undo_leaves_no_row_where_there_was_none(qtbot, page: OrganicGridPage) -> None:
    choose_platform(page, "pinterest")  # no results at all
    assert page.empty_hint.isVisible() and "No results for Pinterest in Dezember 2026" in page.empty_hint.text()
    day = date(2026, 12, 1)
    type_into(qtbot, page, day, FOLLOWERS, "310")
    assert stored(page, day, "pinterest") == [OrganicDay(day, "pinterest", followers=310)]
    assert not page.empty_hint.isVisible()
    page.document.undo_stack.undo()
    assert stored(page, day, "pinterest") == []
    assert page.model.index(0, FOLLOWERS).data() == ""
    assert page.empty_hint.isVisible()


@pytest.mark.parametrize(
    ("entry", "reason"),
    [("-5", "negative"), ("abc", "not a number"), ("1.5", "not a whole number"), ("1,5", "not a whole number")],
)
def test_a_bad_entry_is_refused_naming_the_day_and_the_column(qtbot, page: OrganicGridPage, entry, reason) -> None:
    before = month_stored(page)
    type_into(qtbot, page, date(2026, 12, 3), REACH, entry)
    message = page.message.text()
    assert page.message.isVisible()
    assert f"Reach on Do., 3. Dez.: “{entry}” is {reason}" in message and "nothing was changed" in message
    assert month_stored(page) == before
    assert page.document.undo_stack.count() == 0
    assert page.view.currentIndex().row() == 2  # stays on the cell to be typed again
    type_into(qtbot, page, date(2026, 12, 3), REACH, "7")  # a good entry clears the message
    assert not page.message.isVisible()


def test_a_bad_amount_of_revenue_is_refused(qtbot, page: OrganicGridPage) -> None:
    before = month_stored(page)
    type_into(qtbot, page, date(2026, 12, 2), REVENUE, "zwanzig")
    assert page.message.text().startswith("▲ Revenue (EUR) on Mi., 2. Dez.:")
    assert month_stored(page) == before


def test_tab_stores_a_value_and_moves_right(qtbot, page: OrganicGridPage) -> None:
    day = date(2026, 12, 12)
    view = page.view
    index = page.model.index(day.day - 1, REACH)
    view.setCurrentIndex(index)
    view.edit(index)
    (editor,) = [e for e in view.viewport().findChildren(QLineEdit) if e.isVisible()]
    qtbot.keyClicks(editor, "75")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: view.currentIndex().column() == REACH + 1)
    assert view.currentIndex().row() == day.day - 1
    assert stored(page, day) == [OrganicDay(day, "instagram", reach=75)]


def test_enter_on_a_cell_starts_typing_into_it(qtbot, page: OrganicGridPage) -> None:
    view = page.view
    view.setFocus()
    view.setCurrentIndex(page.model.index(LAST_DAY.day - 1, REACH))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert view.state() == QAbstractItemView.State.EditingState


def test_emptying_the_last_value_of_a_day_removes_the_day(qtbot, page: OrganicGridPage) -> None:
    day = date(2026, 12, 20)
    type_into(qtbot, page, day, REACH, "50")
    type_into(qtbot, page, day, REACH, "")
    assert stored(page, day) == []
    assert page.document.undo_stack.count() == 2


def test_delete_clears_the_selected_days_in_one_undoable_step(qtbot, page: OrganicGridPage) -> None:
    first, second = stored(page, date(2026, 12, 1)), stored(page, date(2026, 12, 2))
    assert first and second
    view = page.view
    view.setFocus()
    view.selectionModel().clearSelection()
    view.setCurrentIndex(page.model.index(0, REACH))
    view.selectionModel().select(page.model.index(1, FOLLOWERS), view.selectionModel().SelectionFlag.Select)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert stored(page, date(2026, 12, 1)) == stored(page, date(2026, 12, 2)) == []
    assert page.model.index(0, REACH).data() == page.model.index(1, FOLLOWERS).data() == ""
    assert page.document.undo_stack.count() == 1
    page.document.undo_stack.undo()
    assert stored(page, date(2026, 12, 1)) == first and stored(page, date(2026, 12, 2)) == second


def test_a_pasted_block_is_one_undoable_step(qtbot, page: OrganicGridPage) -> None:
    choose_platform(page, "pinterest")
    view = page.view
    view.setFocus()
    select_only(view, page.model.index(9, REACH))
    QGuiApplication.clipboard().setText("1.200\t1.800\r\n900\t\r\n")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert stored(page, date(2026, 12, 10), "pinterest") == [
        OrganicDay(date(2026, 12, 10), "pinterest", reach=1200, impressions=1800)
    ]
    assert stored(page, date(2026, 12, 11), "pinterest") == [OrganicDay(date(2026, 12, 11), "pinterest", reach=900)]
    assert page.document.undo_stack.count() == 1
    page.document.undo_stack.undo()
    assert month_stored(page, "pinterest") == []


def test_a_bad_paste_is_refused_and_writes_nothing(qtbot, page: OrganicGridPage) -> None:
    before = month_stored(page)
    view = page.view
    view.setFocus()
    select_only(view, page.model.index(0, REACH))
    QGuiApplication.clipboard().setText("100\t200\n300\t-4\n")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert "Impressions on Mi., 2. Dez.: “-4” is negative" in page.message.text()
    select_only(view, page.model.index(30, REACH))
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)  # two rows from the 31st
    assert "has only 1 day from Do., 31. Dez. on" in page.message.text()
    assert month_stored(page) == before and page.document.undo_stack.count() == 0


def test_copy_gives_the_cells_as_a_spreadsheet_takes_them(qtbot, page: OrganicGridPage) -> None:
    view = page.view
    view.setFocus()
    select_only(view, page.model.index(4, REACH))
    view.selectionModel().select(page.model.index(5, REACH + 1), view.selectionModel().SelectionFlag.Select)
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    (last,) = stored(page, LAST_DAY)
    fmt = PlanLocale.of("de_DE")
    assert QGuiApplication.clipboard().text() == f"{fmt.number(last.reach)}\t{fmt.number(last.impressions)}\n\t\n"


def test_an_edit_changes_the_chart_and_the_kpis(qtbot, tab: ResultsTab, page: OrganicGridPage) -> None:
    assert tab.data is not None and tab.metric_box.currentData() == "reach"
    total = tab.data.total_organic
    reach_label = tab.kpi_labels["organic_reach"][0]
    reach_text = reach_label.text()
    (before,) = stored(page, LAST_DAY)
    type_into(qtbot, page, LAST_DAY, REACH, str(before.reach + 10_000))
    qtbot.waitUntil(lambda: tab.data is not None and tab.data.total_organic != total and not tab.loading)
    assert tab.data.total_organic == total + 10_000
    assert reach_label.text() != reach_text


def test_the_month_and_platform_choosers(qtbot, page: OrganicGridPage) -> None:
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert page.model.month == Month(2027, 1) and page.month_label.text() == "Januar 2027"
    assert page.model.rowCount() == 31 and page.empty_hint.isVisible()
    assert "type its figures" in page.empty_hint.text()
    qtbot.mouseClick(page.previous_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.previous_button, Qt.MouseButton.LeftButton)
    assert page.model.month == Month(2026, 11) and page.model.rowCount() == 30
    choose_platform(page, "tiktok")
    (tiktok,) = stored(page, date(2026, 11, 14), "tiktok")
    assert page.model.index(13, REACH).data() == PlanLocale.of("de_DE").number(tiktok.reach)


def test_the_grid_model_passes_the_model_tester(page: OrganicGridPage, qtmodeltester) -> None:
    qtmodeltester.check(page.model)


@pytest.mark.parametrize(
    ("code", "text", "value"),
    [
        ("de_DE", "1.234.567", 1234567),
        ("de_DE", " 42 ", 42),
        ("en_US", "1,234", 1234),
        ("fr_FR", "12 345", 12345),  # any space for French's narrow no-break space
        ("de_CH", "12’345", 12345),
        ("en_US", "", None),
    ],
)
def test_counts_are_read_as_the_locale_writes_them(code: str, text: str, value: int | None) -> None:
    assert parse_count(text, PlanLocale.of(code)) == value


@pytest.mark.parametrize(("code", "text"), [("de_DE", "1.23"), ("en_US", "1.5"), ("en_US", "1,23"), ("de_DE", "1e3")])
def test_counts_that_are_not_whole_numbers_are_refused(code: str, text: str) -> None:
    with pytest.raises(ValueError, match=f"“{text}” is not a"):
        parse_count(text, PlanLocale.of(code))


def test_a_read_only_plan_shows_its_results_but_takes_no_entries(qtbot, plan_path: Path) -> None:
    plan = PlanFile.open(plan_path, lock="readonly")
    page = OrganicGridPage(PlanDocument(plan))
    qtbot.addWidget(page)
    try:
        page.show()
        qtbot.waitUntil(lambda: page.loaded)
        index = page.model.index(LAST_DAY.day - 1, REACH)
        assert index.data() != "" and not page.model.flags(index) & Qt.ItemFlag.ItemIsEditable
        assert not page.model.setData(index, "5")
        page.view.setFocus()
        page.view.setCurrentIndex(index)
        qtbot.keyClick(page.view, Qt.Key.Key_Delete)
        assert stored(page, LAST_DAY) != [] and page.document.undo_stack.count() == 0
        choose_platform(page, "pinterest")
        assert "the plan is open read-only" in page.empty_hint.text()
    finally:
        page.close()
        plan.close(save=False)
