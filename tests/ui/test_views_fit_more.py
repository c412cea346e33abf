"""The week view and the Budget tab at 1100×720 (issue 9, point 12): a week chip wraps a long title; the
budget tables fit their columns to the window (no table off to the side), a cut value is said whole in its
tooltip, and the split bar's labels are cut with "…" where a part is narrow, in a colour that reads on it."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from test_window_fits import check_cells, errors, sample, show_tab  # noqa: F401  (fixtures)

from smoplanner.ui.budget.tab import PART_COLOURS, SplitBar, text_colour_on

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise", "propagateSizeHints")


def test_every_budget_table_fits_the_window_or_says_cut_values_in_tooltips(sample, qtbot) -> None:  # noqa: F811
    tab = show_tab(sample, "Budget")
    qtbot.waitUntil(lambda: tab.lines_view.isVisible() and tab.lines_view.viewport().width() > 500)
    cells, _cut = check_cells(tab.lines_view, qtbot)
    assert cells > 30
    assert not tab.lines_view.horizontalScrollBar().isVisible()
    seen = 0
    for page in range(tab.pages.count()):
        tab.pages.setCurrentIndex(page)
        QApplication.processEvents()
        for view in (tab.tactics_view, tab.campaigns_view, tab.influencers_view, tab.expenses_view, tab.paid_view):
            if not view.isVisible() or view.model().rowCount() == 0:
                continue
            seen += 1
            check_cells(view, qtbot)
            header = view.horizontalHeader()
            assert header.length() <= view.viewport().width() + 1, (page, header.length(), view.viewport().width())
    assert seen >= 4


def test_the_split_bars_labels_are_cut_with_an_ellipsis_or_left_out(qtbot) -> None:
    bar = SplitBar()
    qtbot.addWidget(bar)
    bar.resize(600, 34)
    long_name = "Content production and photography"
    bar.set_split(1000, [("Paid ads Instagram: 400", 400), (f"{long_name}: 150", 150), ("Tools: 10", 10)])
    labels = bar.part_labels()
    metrics = bar.fontMetrics()
    assert labels[0][1] == "Paid ads Instagram"
    cut = labels[1][1]
    assert cut.endswith("…") and long_name.startswith(cut[:-1]) and len(cut) > 3
    assert metrics.horizontalAdvance(cut) <= labels[1][0].width() - 4
    assert labels[2][1] == ""  # six pixels wide: no letters squeezed in, the tooltip names it
    assert bar.part_at(labels[2][0].center().x()) == 2


def test_the_split_bars_text_reads_on_every_part_colour() -> None:
    def luminance(colour: QColor) -> float:
        def channel(value: int) -> float:
            c = value / 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(colour.red()) + 0.7152 * channel(colour.green()) + 0.0722 * channel(colour.blue())

    for name in PART_COLOURS:
        back, text = QColor(name), text_colour_on(QColor(name))
        light, dark = sorted((luminance(back), luminance(text)), reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 4.5, name  # WCAG AA for normal text


def test_a_long_title_wraps_onto_a_second_line_of_its_week_chip(tmp_path, qtbot) -> None:
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    from helpers import new_plan
    from PySide6.QtGui import QFontMetrics

    from smoplanner.core.posts import PostRecord
    from smoplanner.store import posts as store
    from smoplanner.ui.calendar.chips import ChipPainter
    from smoplanner.ui.calendar.tab import WEEK, CalendarTab
    from smoplanner.ui.document import PlanDocument

    plan = new_plan(tmp_path / "p.smoplan")
    try:
        title = "Christmas market at the square"
        when = datetime(2026, 11, 12, 9, tzinfo=ZoneInfo("Europe/Berlin"))
        with plan.session() as s:
            long_id = store.create_post(s, PostRecord(title, "text", ("instagram",), when, status="draft"))
            short_id = store.create_post(
                s, PostRecord("Rye", "text", ("instagram",), when.replace(day=13), status="draft")
            )
        tab = CalendarTab(PlanDocument(plan))
        qtbot.addWidget(tab)
        tab.resize(1100, 720)
        tab.show()
        tab.go_to(date(2026, 11, 12))
        tab.set_view(WEEK)
        grid = tab.week_grid
        qtbot.waitUntil(lambda: grid.chip_rect(long_id).isValid())
        fm = QFontMetrics(grid.chip_font())
        lay, short = grid.chip_layout(long_id), grid.chip_layout(short_id)
        assert lay is not None and short is not None
        assert fm.horizontalAdvance(title) > lay.title_rect.width()  # too long for one line of a day's column
        assert len(lay.title_lines) == 2 and " ".join(lay.title_lines) == title
        assert grid.chip_rect(long_id).height() >= ChipPainter.three_line_height(fm)
        assert short.title_lines == ("Rye",) and grid.chip_rect(short_id).height() < grid.chip_rect(long_id).height()
    finally:
        plan.close(save=False)


def test_the_import_preview_shows_every_column_with_room_for_the_text(tmp_path, qtbot) -> None:
    from pathlib import Path

    from helpers import new_plan

    from smoplanner.ui.calendar import transfer
    from smoplanner.ui.calendar.models import ImportPreviewModel
    from smoplanner.ui.document import PlanDocument

    csv_file = Path(__file__).resolve().parents[1] / "data" / "formats" / "hootsuite_iso.csv"
    plan = new_plan(tmp_path / "p.smoplan")
    try:
        document = PlanDocument(plan)
        dialog = transfer.ImportDialog(transfer._context(document), csv_file)
        qtbot.addWidget(dialog)
        dialog.set_platforms(("instagram", "facebook"))
        dialog.show()
        qtbot.waitUntil(lambda: dialog.preview is not None and dialog.preview_model.rowCount() == 2, timeout=5000)
        table = dialog.table
        qtbot.waitUntil(lambda: table.horizontalHeader().length() <= table.viewport().width() + 1)
        text = ImportPreviewModel.COLUMNS.index("Text")
        assert table.columnViewportPosition(text) + 200 <= table.viewport().width() + 1  # the text is on screen
        assert table.horizontalHeader().sectionSize(text) >= 200
        check_cells(table, qtbot)  # a title or link cut short says itself whole in its tooltip
    finally:
        plan.close(save=False)
