"""The Results tab's periods: quarter and year spans, a custom period (From and To) that the chart, its table,
the KPIs and what worked follow, and each KPI's change from the period before shown beside its value."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from helpers import demo_plan_file, shown_results_tab
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDateTimeEdit, QWidget

from smoplanner.core.results import Kpi
from smoplanner.report.results import ResultsSource, previous_span, results_data, what_worked
from smoplanner.store.settings import get_settings
from smoplanner.ui.results.tab import ResultsTab, day_span_utc, span_of
from smoplanner.ui.tasks import runner_for


def source_ending(last_day: date | None) -> ResultsSource:
    """A source with no rows whose results end on ``last_day`` (all ``span_of`` looks at)."""
    first = None if last_day is None else last_day - timedelta(days=400)
    return ResultsSource((), (), (), (), (), "EUR", "Europe/Berlin", first, last_day)


# --- quarter and year spans ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("last_day", "today", "quarter", "year"),
    [
        # results up to today: the quarter holding today, and the 12 whole months ending with today's
        (date(2026, 11, 20), date(2026, 11, 20), (date(2026, 10, 1), date(2026, 12, 31)),
         (date(2025, 12, 1), date(2026, 11, 30))),
        # the last results before today: the periods end with them, not with today
        (date(2026, 2, 3), date(2026, 6, 1), (date(2026, 1, 1), date(2026, 3, 31)),
         (date(2025, 3, 1), date(2026, 2, 28))),
        # results dated after today (typed ahead): today decides
        (date(2027, 1, 5), date(2026, 9, 30), (date(2026, 7, 1), date(2026, 9, 30)),
         (date(2025, 10, 1), date(2026, 9, 30))),
        # a leap February ends a quarter; the year goes back over a year's end
        (date(2028, 3, 31), date(2028, 4, 2), (date(2028, 1, 1), date(2028, 3, 31)),
         (date(2027, 4, 1), date(2028, 3, 31))),
        # no results yet: today
        (None, date(2026, 5, 15), (date(2026, 4, 1), date(2026, 6, 30)), (date(2025, 6, 1), date(2026, 5, 31))),
    ],
)  # fmt: skip
def test_quarter_and_year_spans(
    last_day: date | None, today: date, quarter: tuple[date, date], year: tuple[date, date]
) -> None:
    source = source_ending(last_day)
    assert span_of(source, "quarter", today) == quarter
    assert span_of(source, "year", today) == year
    # and both are compared with the same number of whole months just before them
    assert previous_span(*quarter)[1] == quarter[0] - timedelta(days=1)
    assert previous_span(*year)[0] == date(year[0].year - 1, year[0].month, 1)


# --- the tab on the demo plan ---------------------------------------------------------------------------------


@pytest.fixture(scope="module", params=["de_DE", "en_US"])
def plan_path(request, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_plan_file(tmp_path_factory, request.param)


@pytest.fixture
def tab(qtbot, plan_path: Path):
    with shown_results_tab(qtbot, plan_path) as tab:
        yield tab


def german_plan(tab: ResultsTab) -> bool:
    with tab.document.plan.session() as s:
        return get_settings(s).locale == "de_DE"


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def choose_custom(qtbot, tab: ResultsTab, start: date, end: date) -> None:
    """Choose "Custom…", set From and To, and wait until the tab has drawn the period and read what worked."""
    tab.period_box.setCurrentIndex(tab.period_box.findData("custom"))
    tab.from_edit.setDate(qdate(start))
    tab.to_edit.setDate(qdate(end))
    qtbot.waitUntil(lambda: tab.data is not None and (tab.data.start, tab.data.end) == (start, end))
    qtbot.waitUntil(lambda: not tab.loading)


def bar_heights(bars) -> list[int]:
    from smoplanner.report.results_chart import bar_heights as heights

    return [round(h) for h in heights(bars)]


def test_custom_starts_from_the_span_shown_and_its_fields_show_only_for_it(qtbot, tab: ResultsTab) -> None:
    tab.period_box.setCurrentIndex(tab.period_box.findData("quarter"))
    qtbot.waitUntil(lambda: not tab.loading)
    shown = tab.span()
    fields = (tab.from_edit, tab.to_edit, tab.from_label, tab.to_label)
    assert not any(w.isVisible() for w in fields)
    tab.period_box.setCurrentIndex(tab.period_box.findData("custom"))
    assert all(w.isVisible() for w in fields)
    assert (tab.from_edit.date().toPython(), tab.to_edit.date().toPython()) == shown == tab.span()
    assert tab.from_edit.calendarPopup() and tab.to_edit.calendarPopup()
    # the dates are written as the plan writes them: "1. Okt. 2026", "Oct 1, 2026"
    first = shown[0]
    if german_plan(tab):
        assert tab.from_edit.text() == f"{first.day}. Okt. {first.year}"
    else:
        assert tab.from_edit.text() == f"Oct {first.day}, {first.year}"
    tab.period_box.setCurrentIndex(tab.period_box.findData("all"))
    assert not any(w.isVisible() for w in fields)
    qtbot.waitUntil(lambda: not tab.loading)


def test_a_custom_period_drives_the_chart_the_table_the_kpis_and_what_worked(qtbot, tab: ResultsTab) -> None:
    start, end = date(2026, 10, 15), date(2026, 11, 20)
    assert tab.source is not None and tab.source.first_day < start < end <= tab.source.last_day
    everything = tab.data
    choose_custom(qtbot, tab, start, end)
    expected = results_data(tab.source, start, end, granularity="week", metric="reach")
    assert tab.data == expected != everything
    # the chart: its bars and its spend line hold the period's figures
    assert bar_heights(tab.artists.organic) == list(expected.organic)
    assert bar_heights(tab.artists.paid) == list(expected.paid)
    assert sum(expected.organic) == sum(d.reach for d in tab.source.organic if start <= d.day <= end)
    assert [round(Decimal(str(v)), 2) for v in tab.artists.spend.get_ydata()] == list(expected.spend)
    # the table: one row per week of the period, the same figures
    model = tab.table_model
    assert model.rowCount() == len(expected.periods)
    for row in range(model.rowCount()):
        assert [model.value(row, c) for c in (1, 2, 3)] == [
            expected.organic[row],
            expected.paid[row],
            expected.spend[row],
        ]
    # the KPIs: the period's, compared with the 37 days before it
    assert previous_span(start, end) == (date(2026, 9, 8), date(2026, 10, 14))
    from smoplanner.ui.results.tab import kpi_text

    for kpi in expected.kpis:
        assert tab.kpi_labels[kpi.key][0].text() == kpi_text(kpi, expected.currency, tab.fmt)
    reach = next(k for k in expected.kpis if k.key == "organic_reach")
    assert reach.value == sum(d.reach for d in tab.source.organic if d.platform and start <= d.day <= end)
    assert reach.previous == sum(
        d.reach for d in tab.source.organic if d.platform and date(2026, 9, 8) <= d.day <= date(2026, 10, 14)
    )
    # what worked: the posts of the period alone
    with tab.document.plan.session() as s:
        tz = ZoneInfo(get_settings(s).timezone)
        worked = what_worked(s, tz, *day_span_utc(start, end, tz))
    assert tab.worked_panel.worked == worked
    # a change of metric keeps the custom period
    tab.metric_box.setCurrentIndex(tab.metric_box.findData("clicks"))
    assert (tab.data.start, tab.data.end) == (start, end)
    assert tab.data == results_data(tab.source, start, end, granularity="week", metric="clicks")


def test_a_date_typed_key_by_key_is_drawn_and_read_once(qtbot, tab: ResultsTab) -> None:
    choose_custom(qtbot, tab, date(2026, 10, 1), date(2026, 11, 5))
    reads: list[object] = []
    runner_for(tab).started.connect(reads.append)
    drawn = tab.data
    edit = tab.to_edit
    edit.setFocus()
    edit.setCurrentSection(QDateTimeEdit.Section.DaySection)
    edit.setSelectedSection(QDateTimeEdit.Section.DaySection)
    qtbot.keyClicks(edit, "20")  # the 2nd, then the 20th
    assert edit.date().toPython() == date(2026, 11, 20)
    assert tab.data is drawn and not reads  # neither drawn nor read while the date is being typed
    qtbot.keyClick(edit, Qt.Key.Key_Return)  # done: the period applies at once
    assert tab.data is not None and (tab.data.start, tab.data.end) == (date(2026, 10, 1), date(2026, 11, 20))
    qtbot.waitUntil(lambda: not tab.loading)
    assert len(reads) == 1
    # a day picked and left to rest applies without leaving the field, once
    tab.from_edit.setDate(qdate(date(2026, 10, 3)))
    tab.from_edit.setDate(qdate(date(2026, 10, 4)))
    qtbot.waitUntil(lambda: tab.data.start == date(2026, 10, 4) and not tab.loading)
    assert len(reads) == 2


def test_from_after_to_moves_the_other_field_and_says_so(qtbot, tab: ResultsTab) -> None:
    choose_custom(qtbot, tab, date(2026, 10, 1), date(2026, 11, 5))
    assert not tab.custom_note.isVisible()
    tab.from_edit.setDate(qdate(date(2026, 11, 12)))  # after To
    tab.from_edit.editingFinished.emit()
    assert tab.to_edit.date().toPython() == date(2026, 11, 12)  # To follows
    assert tab.span() == (date(2026, 11, 12), date(2026, 11, 12))
    assert tab.data is not None and (tab.data.start, tab.data.end) == tab.span()
    note = tab.custom_note.text()
    assert tab.custom_note.isVisible() and "cannot end before it starts" in note and "“To”" in note
    assert ("12. Nov. 2026" if german_plan(tab) else "Nov 12, 2026") in note
    # To before From: From follows
    tab.to_edit.setDate(qdate(date(2026, 9, 30)))
    tab.to_edit.editingFinished.emit()
    assert tab.from_edit.date().toPython() == date(2026, 9, 30)
    assert tab.span() == (date(2026, 9, 30), date(2026, 9, 30))
    assert "“From”" in tab.custom_note.text()
    qtbot.waitUntil(lambda: not tab.loading)
    assert tab.worked_panel.worked is not None
    # a right period takes the note away
    tab.to_edit.setDate(qdate(date(2026, 10, 31)))
    tab.to_edit.editingFinished.emit()
    assert tab.span() == (date(2026, 9, 30), date(2026, 10, 31)) and not tab.custom_note.isVisible()
    qtbot.waitUntil(lambda: not tab.loading)


# --- each KPI's change -----------------------------------------------------------------------------------


def expected_change(kpi: Kpi, german: bool) -> str:
    """The change as the tab must show it: an arrow, the sign and whole percent as the locale writes them."""
    if kpi.change is None:
        return "–"
    percent = (kpi.change * 100).quantize(Decimal(1), ROUND_HALF_UP)
    number = f"{abs(percent):,}"
    if german:
        number = number.replace(",", ".") + "\xa0%"
    else:
        number += "%"
    if percent > 0:
        return f"▲\u2009+{number}"
    if percent < 0:
        return f"▼\u2009-{number}"
    return number


def test_each_kpi_shows_its_change_from_the_period_before(qtbot, tab: ResultsTab) -> None:
    choose_custom(qtbot, tab, date(2026, 10, 15), date(2026, 11, 20))
    german = german_plan(tab)
    assert tab.data is not None
    moves = {k.key: k.change for k in tab.data.kpis}
    assert any(c is not None and c > 0 for c in moves.values())
    assert any(c is not None and c < 0 for c in moves.values())
    for kpi in tab.data.kpis:
        label = tab.kpi_changes[kpi.key]
        assert label.text() == expected_change(kpi, german)
        assert label.isVisible()
        assert kpi.formula in label.toolTip() and kpi.formula in tab.kpi_labels[kpi.key][0].toolTip()
    # the first days with results have nothing before them to compare with: "–"
    first = tab.source.first_day
    choose_custom(qtbot, tab, first, first + timedelta(days=13))
    nothing = [k for k in tab.data.kpis if k.change is None]
    assert len(nothing) >= 3
    for kpi in tab.data.kpis:
        assert tab.kpi_changes[kpi.key].text() == expected_change(kpi, german)
    for kpi in nothing:
        assert tab.kpi_changes[kpi.key].text() == "–"
        assert "No period before to compare with" in tab.kpi_changes[kpi.key].toolTip()


def test_custom_period_and_kpi_changes_fit_at_1100_by_720(qtbot, tab: ResultsTab) -> None:
    """The tab is 1100×720 (as in the smallest window): with the custom fields shown, every control and
    every KPI's name, value and change is shown whole, inside the tab."""
    choose_custom(qtbot, tab, date(2026, 10, 15), date(2026, 11, 20))
    widgets: list[QWidget] = [tab.period_box, tab.from_edit, tab.to_edit, tab.granularity_box, tab.metric_box,
                              tab.platform_box]  # fmt: skip
    for value, name in tab.kpi_labels.values():
        widgets += [value, name]
    widgets += tab.kpi_changes.values()
    inside = tab.rect()
    for widget in widgets:
        assert widget.isVisible()
        corner = widget.mapTo(tab, widget.rect().bottomRight())
        assert inside.contains(widget.mapTo(tab, widget.rect().topLeft())) and inside.contains(corner), widget
        assert widget.width() >= widget.minimumSizeHint().width(), widget
    # the chart keeps most of the height
    assert tab.pages.height() >= tab.height() // 2
