"""The Results tab's widget: period, granularity, metric and platform choices over the chart, its table
and the KPIs. matplotlib is imported on a thread of its own (smoplanner.ui.chart_modules), never at start-up."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QDate, QEvent, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from smoplanner.core.dates import Month
from smoplanner.core.locale_format import PlanLocale
from smoplanner.core.money import currency
from smoplanner.core.results import CHART_METRICS, Kpi
from smoplanner.report.results import (
    METRIC_LABELS,
    ResultsData,
    ResultsSource,
    WhatWorked,
    load_results_source,
    results_data,
    what_worked,
)
from smoplanner.ui.changes import Change
from smoplanner.ui.chart_modules import chart_modules
from smoplanner.ui.document import PlanDocument
from smoplanner.ui.fitting import keep_fitted
from smoplanner.ui.plan_locale import set_date_format
from smoplanner.ui.results.grid import OrganicGridPage
from smoplanner.ui.results.worked import WhatWorkedPanel
from smoplanner.ui.tasks import Task, runner_for

PERIODS = (
    ("month", "This month"),
    ("quarter", "This quarter"),
    ("year", "Last 12 months"),
    ("all", "All results"),
    ("custom", "Custom…"),
)
#: How long the custom period's dates rest before the tab follows them: a date typed key by key is drawn
#: and read once, when it is whole (leaving the field or picking a day in the calendar applies it at once).
CUSTOM_SETTLE_MS = 500
#: The days a custom period can start and end on.
CUSTOM_RANGE = (date(2000, 1, 1), date(2099, 12, 31))
GRANULARITIES = (("day", "Day"), ("week", "Week"), ("month", "Month"))

_Index = QModelIndex | QPersistentModelIndex

#: The changes after which the tab reads the plan again: results, the posts they belong to, their pillars,
#: the campaigns, spend and other costs (the Budget's), the plan's settings (currency, zone) and its file.
REFRESH_ON = Change.RESULTS | Change.POSTS | Change.PILLARS | Change.BUDGET | Change.SETTINGS | Change.FILE


@dataclass(frozen=True)
class Loaded:
    """What a load task read from the plan on its worker (plain data: no Session crosses threads)."""

    source: ResultsSource
    platforms: tuple[tuple[str, str], ...]  # (code, name) as the plan's settings list them
    worked: WhatWorked
    worked_span: tuple[date, date]
    exponent: int
    titles: dict[int, str]  # the calendar titles of the top posts matched to a post
    locale: str = "en_US"  # the plan's locale: the tab writes its numbers, money and dates as it does


def day_span_utc(start: date, end: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """``start``..``end`` (days in the plan's zone, inclusive) as the aware instants [from, to)."""
    return datetime.combine(start, time(), tz), datetime.combine(end + timedelta(days=1), time(), tz)


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def signed(text: str, value: int | Decimal) -> str:
    """``text`` (a number the locale wrote, with its own minus sign) with a "+" before it when ``value`` > 0."""
    return f"+{text}" if value > 0 else text


def kpi_text(kpi: Kpi, currency_code: str, fmt: PlanLocale | None = None) -> str:
    """A KPI's value as the tab shows it, in the plan's locale ``fmt``; "–" when its denominator is zero."""
    fmt = fmt or PlanLocale.of("en_US")
    value = kpi.value
    if value is None:
        return "–"
    if kpi.kind == "rate" or kpi.kind == "percent":
        return fmt.percent(Decimal(value) * 100, 1)
    if kpi.kind == "money":
        return fmt.decimal_money(Decimal(value), currency(currency_code))
    if kpi.kind == "ratio":
        return fmt.number(Decimal(value), 2)
    text = fmt.number(value)
    return signed(text, value) if kpi.key == "follower_growth" else text


def change_percent(kpi: Kpi) -> Decimal | None:
    """A KPI's change from the period before in whole percent (rounded half up); None when there is
    nothing to compare with."""
    moved = kpi.change
    if moved is None:
        return None
    percent = Decimal(moved * 100).quantize(Decimal(1), ROUND_HALF_UP)
    return percent if percent else Decimal(0)  # never "-0 %"


def change_text(kpi: Kpi, fmt: PlanLocale | None = None) -> str:
    fmt = fmt or PlanLocale.of("en_US")
    percent = change_percent(kpi)
    if percent is None:
        return "No period before to compare with"
    return f"{signed(fmt.percent(percent), percent)} on the period before"


def change_label(kpi: Kpi, fmt: PlanLocale | None = None) -> str:
    """A KPI's change as shown beside its value: "▲ +12 %", "▼ -3 %", "0 %", or "–" when there is nothing
    to compare with. The arrow says which way without colour (in print, black and white and dark palettes)."""
    fmt = fmt or PlanLocale.of("en_US")
    percent = change_percent(kpi)
    if percent is None:
        return "–"
    text = signed(fmt.percent(percent), percent)
    if percent > 0:
        return f"▲\u2009{text}"
    if percent < 0:
        return f"▼\u2009{text}"
    return text


class ResultsTableModel(QAbstractTableModel):
    """The chart's numbers, one row per period: the same figures as the bars and the line."""

    HEADERS = ("Period", "Organic", "Paid", "Ad spend")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_: ResultsData | None = None
        self.fmt = PlanLocale.of("en_US")
        self._widest: dict[int, int] = {}  # column -> the row with the longest text, once asked

    def set_data(self, data: ResultsData, fmt: PlanLocale | None = None) -> None:
        self.beginResetModel()
        self.data_ = data
        self.fmt = fmt or self.fmt
        self._widest.clear()
        self.endResetModel()

    def widest_row(self, column: int) -> int:
        """The row whose text in ``column`` is the longest (figures are as wide as each other, so it is
        the widest): what the column's width is measured on. -1 when there are no rows."""
        if column not in self._widest:
            rows = range(self.rowCount())
            self._widest[column] = max(rows, key=lambda row: len(self.text(row, column)), default=-1)
        return self._widest[column]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.data_ is None else len(self.data_.periods)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            if section == 3 and self.data_ is not None:
                return f"Ad spend ({self.data_.currency})"
            return self.HEADERS[section]
        return None

    def value(self, row: int, column: int) -> int | Decimal:
        assert self.data_ is not None
        return (self.data_.organic, self.data_.paid, self.data_.spend)[column - 1][row]

    def text(self, row: int, column: int) -> str:
        """A cell as shown: the period as the plan's locale writes dates, counts and spend as it writes numbers."""
        assert self.data_ is not None
        if column == 0:
            return self.data_.period_label(row, self.fmt.code)
        value = self.value(row, column)
        if column == 3:
            return self.fmt.decimal_amount(Decimal(value), currency(self.data_.currency))
        return self.fmt.number(value)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.data_ is None:
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ResultsTable(QTableView):
    """The table of the chart's numbers; a column's width is measured on its widest row alone, so that
    fitting the columns after a redraw costs the same for three years of days as for a dozen months."""

    def sizeHintForColumn(self, column: int) -> int:
        model = self.model()
        if not isinstance(model, ResultsTableModel):
            return super().sizeHintForColumn(column)
        row = model.widest_row(column)
        if row < 0:
            return -1
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        index = model.index(row, column)
        delegate = self.itemDelegateForIndex(index)
        width = delegate.sizeHint(option, index).width() if delegate is not None else 0
        return width + (1 if self.showGrid() else 0)


def span_of(source: ResultsSource, kind: str, today: date) -> tuple[date, date]:
    """The period ``kind`` names: it ends on the last day with results (or today) and goes back from there."""
    end = min(source.last_day, today) if source.last_day else today
    month = Month.of(end)
    if kind == "month":
        return month.first_day, month.last_day
    if kind == "quarter":
        first = Month(month.year, (month.month - 1) // 3 * 3 + 1)
        return first.first_day, Month(first.year, first.month + 2).last_day
    if kind == "year":
        first = month
        for _ in range(11):
            first = first.previous()
        return first.first_day, month.last_day
    return (source.first_day or end - timedelta(days=30)), end


class ResultsTab(QWidget):
    """Choices over two pages (the chart with its table, and what worked) and the KPIs below them.

    The plan is read on a worker through the window's task runner, when the tab is first shown and after
    every change that touches results; a change of metric, granularity or platform redraws from what was
    read, without the plan.
    """

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.source: ResultsSource | None = None
        self.data: ResultsData | None = None
        self.figure: Any = None
        self.canvas: Any = None
        self.toolbar: Any = None
        self.chart: Any = None  # a ResultsChart, once matplotlib is imported
        self.artists: Any = None
        self.today = date.today()
        self.tz = ZoneInfo("UTC")
        self.platform_names: dict[str, str] = {}
        self.fmt = PlanLocale.of("en_US")  # the plan's locale, once the plan has been read
        self._load: Task | None = None
        self._again: bool | None = None  # a load asked for while one runs: None, or whether it rereads results
        self._worked_timer = QTimer(self)  # what worked is read again after a change of period, once drawn
        self._worked_timer.setSingleShot(True)
        self._worked_timer.setInterval(0)
        self._worked_timer.timeout.connect(partial(self.reload, results=False))
        self._custom: tuple[date, date] | None = None  # the custom period as last applied
        self._custom_moved: QDateEdit | None = None  # the date field changed last (the other one follows it)
        self._custom_timer = QTimer(self)
        self._custom_timer.setSingleShot(True)
        self._custom_timer.setInterval(CUSTOM_SETTLE_MS)
        self._custom_timer.timeout.connect(self._custom_edited)

        self.period_box = QComboBox()
        self.granularity_box = QComboBox()
        self.metric_box = QComboBox()
        self.platform_box = QComboBox()
        for box, items, name in (
            (self.period_box, PERIODS, "Period"),
            (self.granularity_box, GRANULARITIES, "Granularity"),
            (self.metric_box, tuple((m, METRIC_LABELS[m]) for m in CHART_METRICS), "Metric"),
        ):
            for key, text in items:
                box.addItem(text, key)
            box.setAccessibleName(name)
        self.period_box.setCurrentIndex(3)
        self.granularity_box.setCurrentIndex(1)
        self.platform_box.setAccessibleName("Platforms")
        self.platform_box.addItem("All platforms", None)
        # The custom period's first and last days, shown beside the period box when "Custom…" is chosen.
        self.from_edit = QDateEdit()
        self.to_edit = QDateEdit()
        self.from_label = QLabel("From:")
        self.to_label = QLabel("&To:")
        for edit, label, name in ((self.from_edit, self.from_label, "From"), (self.to_edit, self.to_label, "To")):
            label.setBuddy(edit)
            edit.setAccessibleName(f"Custom period: {name.lower()}")
            edit.setCalendarPopup(True)
            edit.setDateRange(qdate(CUSTOM_RANGE[0]), qdate(CUSTOM_RANGE[1]))
            set_date_format(edit, self.fmt, weekday=False)
            edit.dateChanged.connect(partial(self._custom_date_changed, edit))
            edit.editingFinished.connect(self._custom_edited)
            edit.hide()
            label.hide()
        self.custom_note = QLabel()  # says which field followed the other when From came after To
        self.custom_note.setAccessibleName("Custom period note")
        self.custom_note.hide()
        controls = QHBoxLayout()
        for text, box in (
            ("&Period:", self.period_box),
            ("&By:", self.granularity_box),
            ("&Metric:", self.metric_box),
            ("P&latforms:", self.platform_box),
        ):
            label = QLabel(text)
            label.setBuddy(box)
            controls.addWidget(label)
            controls.addWidget(box)
            if box is self.period_box:  # From and To follow the period they belong to
                for widget in (self.from_label, self.from_edit, self.to_label, self.to_edit):
                    controls.addWidget(widget)
            controls.addSpacing(8)
        controls.addStretch(1)

        self.chart_area = QWidget()
        self.chart_layout = QVBoxLayout(self.chart_area)
        self.chart_layout.setContentsMargins(0, 0, 0, 0)
        self.empty_label = QLabel(
            "No results yet. Type them on the Enter results page, or import a platform's export with "
            "File ▸ Import Results…"
        )
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()
        self.chart_layout.addWidget(self.empty_label)
        # Until matplotlib is in (imported off the GUI thread: see smoplanner.ui.chart_modules).
        self.chart_note = QLabel("Drawing the chart…")
        self.chart_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.chart_note.hide()
        self.chart_layout.addWidget(self.chart_note, 1)
        self._chart_asked = False

        self.table_model = ResultsTableModel(self)
        self.table = ResultsTable()
        self.table.setModel(self.table_model)
        self.table.setAccessibleName("The chart's numbers")
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setMinimumWidth(300)
        # The period gives way first (its whole text in the tooltip), so the spend column is never cut.
        self.table_fitter = keep_fitted(self.table, 0, keep=(1, 2, 3), min_stretch=90)

        self.splitter = splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.chart_area)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)

        self.worked_panel = WhatWorkedPanel()
        self.pages = QTabWidget()
        self.pages.setDocumentMode(True)
        self.pages.addTab(splitter, "&Chart")
        self.pages.addTab(self.worked_panel, "&What worked")
        self.grid_page = OrganicGridPage(document)  # organic results typed in, a month of one platform at a time
        self.pages.addTab(self.grid_page, "&Enter results")

        self.kpi_labels: dict[str, tuple[QLabel, QLabel]] = {}
        self.kpi_changes: dict[str, QLabel] = {}  # each KPI's change from the period before, as text
        kpi_row = QHBoxLayout()
        for group, title in (("organic", "Organic (SMO)"), ("goal", "Goals (SMM)")):
            group_box = QGroupBox(title)
            grid = QGridLayout(group_box)
            kpi_row.addWidget(group_box, 1 if group == "organic" else 3)
            self._kpi_group(grid, group)
            if group == "organic":  # a wide window widens the space after the changes, not between
                grid.setColumnStretch(3, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.custom_note)
        layout.addWidget(self.pages, 1)
        layout.addLayout(kpi_row)

        for box in (self.granularity_box, self.metric_box, self.platform_box):
            box.currentIndexChanged.connect(self.redraw)
        self.period_box.currentIndexChanged.connect(self._period_changed)
        document.changed.connect(self._on_changed)

    def _kpi_group(self, grid: QGridLayout, group: str) -> None:
        from smoplanner.core.results import KPI_DEFINITIONS

        for n, (key, label, kpi_group, _kind, formula) in enumerate(d for d in KPI_DEFINITIONS if d[2] == group):
            assert kpi_group == group
            name = QLabel(label)
            value = QLabel("–")
            value.setToolTip(formula)
            name.setToolTip(formula)
            font = value.font()
            font.setBold(True)
            value.setFont(font)
            moved = QLabel("–")
            moved.setToolTip(formula)
            moved.setAccessibleName(f"{label}: change from the period before")
            # The organic group has room beside its values; the goals' five columns put it under them.
            if group == "goal":
                row, column = n // 5 * 2, (n % 5) * 2
                grid.addWidget(moved, row + 1, column + 1)
            else:
                row, column = n, 0
                grid.addWidget(moved, row, column + 2)
            grid.addWidget(name, row, column)
            grid.addWidget(value, row, column + 1)
            self.kpi_labels[key] = (value, name)
            self.kpi_changes[key] = moved

    # --- loading -------------------------------------------------------------------------------------

    @property
    def loading(self) -> bool:
        """Whether the plan is being read on a worker (or is about to be)."""
        return self._load is not None or self._worked_timer.isActive()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.canvas is None and not self._chart_asked:
            self._chart_asked = True
            self.reload()  # a worker reads the plan while matplotlib is imported on the loader's thread
            # The chart gets most of the width; the table's columns fit in the rest.
            width = self.splitter.width()
            self.splitter.setSizes([width * 64 // 100, width - width * 64 // 100])
            self.chart_note.show()
            chart_modules().when_ready(self._modules_ready)

    def _modules_ready(self) -> None:
        """matplotlib is in: the chart is made now if the plan has been read, else as soon as it is (so
        it is drawn once, with its data)."""
        modules = chart_modules()
        if self.document.plan.closed:
            return  # the plan closed while matplotlib was on its way: nothing to draw
        if modules.error is not None:
            self.chart_note.setText(f"The chart could not be drawn: {modules.error}")
        elif self.source is not None and self.canvas is None:
            self._make_canvas()

    def _make_canvas(self) -> None:
        self.chart_note.hide()
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        from smoplanner.report.results_chart import ResultsChart

        self.figure = Figure(figsize=(8, 4), layout=None)
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.chart = ResultsChart(self.figure)
        self.canvas.setAccessibleName("Organic and paid results chart")
        self.canvas.setMinimumHeight(200)
        from smoplanner.ui.results.toolbar import ChartToolbar

        self.toolbar = ChartToolbar(self.canvas, self)
        self.chart_layout.addWidget(self.toolbar)
        self.chart_layout.addWidget(self.canvas, 1)
        self.canvas.mpl_connect("motion_notify_event", self._hover)
        self.redraw()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.redraw()  # the chart follows a switch between light and dark

    def _on_changed(self, changes: object) -> None:
        # Once the tab has been shown it keeps up, chart or no chart yet (matplotlib may still be coming).
        if self._chart_asked and isinstance(changes, Change) and changes & REFRESH_ON:
            self.reload()

    def _period_changed(self) -> None:
        custom = self.period_box.currentData() == "custom"
        if custom:
            self._fill_custom()
        self._custom_timer.stop()
        self.custom_note.hide()
        for widget in (self.from_label, self.from_edit, self.to_label, self.to_edit):
            widget.setVisible(custom)
        self._show_span()

    def _show_span(self) -> None:
        shown = None if self.data is None else (self.data.start, self.data.end)
        self.redraw()
        # What worked follows the period: its posts are read again, on a worker that starts once the new
        # chart is drawn (the two would only slow each other down).
        if self.source is None or self.span() != shown:
            self._worked_timer.start()

    def _fill_custom(self) -> None:
        """Start the custom period as the span shown just before it was chosen."""
        if self.data is not None:
            start, end = self.data.start, self.data.end
        else:
            start, end = self.today - timedelta(days=30), self.today
        low, high = CUSTOM_RANGE
        start, end = min(max(start, low), high), min(max(end, low), high)
        self._custom = (start, end)
        for edit, day in ((self.from_edit, start), (self.to_edit, end)):
            edit.blockSignals(True)
            edit.setDate(qdate(day))
            edit.blockSignals(False)
        self._custom_moved = None

    def _custom_date_changed(self, edit: QDateEdit, _day: QDate) -> None:
        self._custom_moved = edit
        self._custom_timer.start()  # applied once the date rests (or at once when the field is left)

    def _custom_edited(self) -> None:
        """Apply the custom period's dates: From after To moves the other field to the one just changed,
        and a note says so."""
        self._custom_timer.stop()
        if self.period_box.currentData() != "custom":
            return
        start = self.from_edit.date().toPython()
        end = self.to_edit.date().toPython()
        assert isinstance(start, date) and isinstance(end, date)
        if start > end:
            moved_to = self.to_edit is self._custom_moved
            follower, day = (self.from_edit, end) if moved_to else (self.to_edit, start)
            follower.blockSignals(True)
            follower.setDate(qdate(day))
            follower.blockSignals(False)
            start = end = day
            which = "From" if moved_to else "To"
            self.custom_note.setText(
                f"A period cannot end before it starts: “{which}” moved to {self.fmt.day(day, weekday=False)}."
            )
            self.custom_note.show()
        elif self._custom_moved is not None:
            self.custom_note.hide()
        self._custom_moved = None
        if (start, end) != self._custom:
            self._custom = (start, end)
            self._show_span()

    def reload(self, *, results: bool = True) -> None:
        """Read the plan again on a worker (after an import or an edit) and redraw when it has been read;
        ``results=False`` reads only what worked (for another period)."""
        if self.document.plan.closed:
            return
        if self._load is not None:
            self._again = bool(self._again) or results
            return
        plan = self.document.plan
        kind = self.period_box.currentData()
        custom = self._custom if kind == "custom" else None
        today = self.today
        known = None if results else self.source

        def work(_progress: Callable[..., None]) -> Loaded:
            from smoplanner.store.results import post_titles
            from smoplanner.store.settings import get_settings

            with plan.session() as s:
                settings = get_settings(s)
                source = known or load_results_source(s)
                tz = ZoneInfo(settings.timezone)
                span = custom or span_of(source, kind, today)
                worked = what_worked(s, tz, *day_span_utc(*span, tz))
                titles = post_titles(s, (p.post_id for p in worked.top_posts if p.post_id is not None))
                return Loaded(
                    source,
                    tuple((p.code, p.name) for p in settings.platforms),
                    worked,
                    span,
                    currency(settings.currency).exponent,
                    titles,
                    settings.locale,
                )

        task = Task("Read the results", work, parent=self)
        task.succeeded.connect(lambda loaded: self._loaded(loaded, reread=known is None))
        task.finished.connect(lambda: self._load_ended(task))
        self._load = runner_for(self).start(task)

    def _load_ended(self, task: Task) -> None:
        if task.error is not None:
            self.empty_label.setText(f"The results could not be read: {task.error}")
            self.empty_label.show()
            self.chart_note.hide()
        task.deleteLater()
        self._load = None
        again, self._again = self._again, None
        if again is not None:
            self.reload(results=again)

    def _loaded(self, loaded: Loaded, *, reread: bool) -> None:
        if self.document.plan.closed:
            return
        self.tz = ZoneInfo(loaded.source.timezone)
        if loaded.locale != self.fmt.code:
            self.fmt = PlanLocale.of(loaded.locale)
            for edit in (self.from_edit, self.to_edit):
                set_date_format(edit, self.fmt, weekday=False)
        self.platform_names = dict(loaded.platforms)
        if reread:
            self.source = loaded.source
            current = self.platform_box.currentData()
            self.platform_box.blockSignals(True)
            self.platform_box.clear()
            self.platform_box.addItem("All platforms", None)
            for code, name in loaded.platforms:
                self.platform_box.addItem(name, code)
            self.platform_box.setCurrentIndex(max(self.platform_box.findData(current), 0))
            self.platform_box.blockSignals(False)
            if self.canvas is None and chart_modules().loaded:
                self._make_canvas()  # the first chart, drawn once now that both matplotlib and the data are in
            else:
                self.redraw()
        if loaded.worked_span == self.span():  # else the period changed meanwhile: its own load follows
            self.worked_panel.show_worked(
                loaded.worked,
                self.tz,
                self.platform_names,
                loaded.source.currency,
                loaded.exponent,
                loaded.titles,
                self.fmt,
            )

    # --- drawing -------------------------------------------------------------------------------------

    def span(self) -> tuple[date, date]:
        """The chosen period: the custom one's days, else it ends on the last day with results (or today)
        and goes back from there."""
        kind = self.period_box.currentData()
        if kind == "custom" and self._custom is not None:
            return self._custom
        assert self.source is not None
        return span_of(self.source, kind, self.today)

    def redraw(self) -> None:
        """Show the chosen period, granularity, metric and platforms: the table and the KPIs at once, the
        chart once matplotlib is in."""
        if self.source is None:
            return
        start, end = self.span()
        code = self.platform_box.currentData()
        self.data = results_data(
            self.source,
            start,
            end,
            granularity=self.granularity_box.currentData(),
            metric=self.metric_box.currentData(),
            platforms=None if code is None else [code],
        )
        if self.canvas is not None:
            from smoplanner.report.results_chart import DARK, LIGHT

            dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
            self.artists = self.chart.update(self.data, palette=DARK if dark else LIGHT, locale=self.fmt.code)
            self.canvas.draw_idle()
        self.empty_label.setVisible(self.source.first_day is None)
        self.table_model.set_data(self.data, self.fmt)
        for kpi in self.data.kpis:
            value, _name = self.kpi_labels[kpi.key]
            value.setText(kpi_text(kpi, self.data.currency, self.fmt))
            tip = f"{kpi.formula}\n{change_text(kpi, self.fmt)}"
            value.setToolTip(tip)
            value.setAccessibleDescription(change_text(kpi, self.fmt))
            moved = self.kpi_changes[kpi.key]
            moved.setText(change_label(kpi, self.fmt))
            moved.setToolTip(tip)

    def _hover(self, event: Any) -> None:
        if self.data is None or event.inaxes is None or event.xdata is None:
            self.canvas.setToolTip("")
            return
        from matplotlib.dates import num2date

        day = num2date(event.xdata).date()
        for i, first in enumerate(self.data.periods):
            if first <= day <= self.data.period_end(i):
                fmt = self.fmt
                spend = fmt.decimal_money(self.data.spend[i], currency(self.data.currency))
                self.canvas.setToolTip(
                    f"{self.data.period_label(i, fmt.code)}\nOrganic: {fmt.number(self.data.organic[i])}\n"
                    f"Paid: {fmt.number(self.data.paid[i])}\nAd spend: {spend}"
                )
                return
        self.canvas.setToolTip("")
