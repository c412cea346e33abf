"""The Results tab's widget: period, granularity, metric and platform choices over the chart, its table
and the KPIs. matplotlib is imported the first time the tab is shown, never at start-up."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from smoplanner.core.dates import Month
from smoplanner.core.results import CHART_METRICS, Kpi
from smoplanner.report.results import METRIC_LABELS, ResultsData, ResultsSource, load_results_source, results_data
from smoplanner.ui.changes import Change
from smoplanner.ui.document import PlanDocument

PERIODS = (("month", "This month"), ("quarter", "This quarter"), ("year", "Last 12 months"), ("all", "All results"))
GRANULARITIES = (("day", "Day"), ("week", "Week"), ("month", "Month"))

_Index = QModelIndex | QPersistentModelIndex


def _number(value: int | Decimal) -> str:
    return f"{value:,}" if isinstance(value, int) else f"{value:,.2f}"


def kpi_text(kpi: Kpi, currency_code: str) -> str:
    """A KPI's value as the tab shows it; "–" when its denominator is zero."""
    value = kpi.value
    if value is None:
        return "–"
    if kpi.kind == "rate" or kpi.kind == "percent":
        return f"{Decimal(value) * 100:.1f} %"
    if kpi.kind == "money":
        return f"{Decimal(value):,.2f} {currency_code}"
    if kpi.kind == "ratio":
        return f"{Decimal(value):.2f}"
    return f"{value:+,}" if kpi.key == "follower_growth" else f"{value:,}"


def change_text(kpi: Kpi) -> str:
    moved = kpi.change
    if moved is None:
        return "–"
    return f"{moved * 100:+.0f} % on the period before"


class ResultsTableModel(QAbstractTableModel):
    """The chart's numbers, one row per period: the same figures as the bars and the line."""

    HEADERS = ("Period", "Organic", "Paid", "Ad spend")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_: ResultsData | None = None

    def set_data(self, data: ResultsData) -> None:
        self.beginResetModel()
        self.data_ = data
        self.endResetModel()

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

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.data_ is None:
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.data_.period_label(row) if column == 0 else _number(self.value(row, column))
        if role == Qt.ItemDataRole.TextAlignmentRole and column:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ResultsTab(QWidget):
    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.source: ResultsSource | None = None
        self.data: ResultsData | None = None
        self.figure: Any = None
        self.canvas: Any = None
        self.artists: Any = None
        self.today = date.today()

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
            controls.addSpacing(8)
        controls.addStretch(1)

        self.chart_area = QWidget()
        self.chart_layout = QVBoxLayout(self.chart_area)
        self.chart_layout.setContentsMargins(0, 0, 0, 0)
        self.empty_label = QLabel(
            "No results yet. Import them with File ▸ Import… or `smoplanner import PLAN FILE --kind metrics`."
        )
        self.empty_label.setWordWrap(True)
        self.chart_layout.addWidget(self.empty_label)

        self.table_model = ResultsTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.table_model)
        self.table.setAccessibleName("The chart's numbers")
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumWidth(380)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.chart_area)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)

        self.kpi_labels: dict[str, tuple[QLabel, QLabel]] = {}
        kpi_row = QHBoxLayout()
        for group, title in (("organic", "Organic (SMO)"), ("goal", "Goals (SMM)")):
            group_box = QGroupBox(title)
            grid = QGridLayout(group_box)
            kpi_row.addWidget(group_box, 1 if group == "organic" else 3)
            self._kpi_group(grid, group)

        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(splitter, 1)
        layout.addLayout(kpi_row)

        for box in (self.period_box, self.granularity_box, self.metric_box, self.platform_box):
            box.currentIndexChanged.connect(self.redraw)
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
            column = (n % 5) * 2 if group == "goal" else 0
            row = n // 5 if group == "goal" else n
            grid.addWidget(name, row, column)
            grid.addWidget(value, row, column + 1)
            self.kpi_labels[key] = (value, name)

    # --- loading and drawing -------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.canvas is None:
            self._make_canvas()
            self.reload()

    def _make_canvas(self) -> None:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg, NavigationToolbar2QT
        from matplotlib.figure import Figure

        self.figure = Figure(figsize=(8, 4), layout=None)
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setAccessibleName("Organic and paid results chart")
        self.canvas.setMinimumHeight(240)
        self.toolbar = NavigationToolbar2QT(self.canvas, self)
        self.chart_layout.addWidget(self.toolbar)
        self.chart_layout.addWidget(self.canvas, 1)
        self.canvas.mpl_connect("motion_notify_event", self._hover)

    def _on_changed(self, changes: object) -> None:
        if self.canvas is not None and isinstance(changes, Change):
            self.reload()

    def reload(self) -> None:
        """Read the plan's results again (after an import or an edit) and redraw."""
        with self.document.plan.session() as s:
            self.source = load_results_source(s)
            from smoplanner.store.settings import get_settings

            platforms = [(p.code, p.name) for p in get_settings(s).platforms]
        current = self.platform_box.currentData()
        self.platform_box.blockSignals(True)
        self.platform_box.clear()
        self.platform_box.addItem("All platforms", None)
        for code, name in platforms:
            self.platform_box.addItem(name, code)
        found = self.platform_box.findData(current)
        self.platform_box.setCurrentIndex(max(found, 0))
        self.platform_box.blockSignals(False)
        self.redraw()

    def span(self) -> tuple[date, date]:
        """The chosen period: it ends on the last day with results (or today) and goes back from there."""
        assert self.source is not None
        end = min(self.source.last_day or self.today, self.today) if self.source.last_day else self.today
        kind = self.period_box.currentData()
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
        return (self.source.first_day or end - timedelta(days=30)), end

    def redraw(self) -> None:
        if self.source is None or self.canvas is None:
            return
        from smoplanner.report.results_chart import DARK, LIGHT, build_results_figure

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
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        self.artists = build_results_figure(self.figure, self.data, palette=DARK if dark else LIGHT)
        self.canvas.draw_idle()
        self.empty_label.setVisible(self.source.first_day is None)
        self.table_model.set_data(self.data)
        for kpi in self.data.kpis:
            value, _name = self.kpi_labels[kpi.key]
            value.setText(kpi_text(kpi, self.data.currency))
            value.setToolTip(f"{kpi.formula}\n{change_text(kpi)}")
            value.setAccessibleDescription(change_text(kpi))

    def _hover(self, event: Any) -> None:
        if self.data is None or event.inaxes is None or event.xdata is None:
            self.canvas.setToolTip("")
            return
        from matplotlib.dates import num2date

        day = num2date(event.xdata).date()
        for i, first in enumerate(self.data.periods):
            if first <= day <= self.data.period_end(i):
                self.canvas.setToolTip(
                    f"{self.data.period_label(i)}\nOrganic: {self.data.organic[i]:,}\nPaid: {self.data.paid[i]:,}\n"
                    f"Ad spend: {self.data.spend[i]:,.2f} {self.data.currency}"
                )
                return
        self.canvas.setToolTip("")
