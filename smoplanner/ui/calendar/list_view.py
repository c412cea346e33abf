"""The list view: every post in a sortable table with filters, a search box and changes to many posts at once."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from smoplanner.core.post_filter import PostQuery
from smoplanner.core.posts import STATUSES
from smoplanner.store.posts import Pillar, PostRow
from smoplanner.ui.calendar.common import STATUS_LABELS, STATUS_MARKS, CalendarContext
from smoplanner.ui.calendar.models import PostFilterProxy, PostTableModel
from smoplanner.ui.calendar.post_results import ResultsByPost
from smoplanner.ui.fitting import keep_fitted
from smoplanner.ui.platform_icons import platform_icon

SEARCH_DELAY_MS = 120


class PostListPanel(QWidget):
    """Signals: ``edit_requested(int)``, ``status_requested(list[int], str)``,
    ``pillar_requested(list[int], object)`` (pillar id or None)."""

    edit_requested = Signal(int)
    status_requested = Signal(list, str)
    pillar_requested = Signal(list, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = PostTableModel(self)
        self.proxy = PostFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.ctx: CalendarContext | None = None
        self.editable = True

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search titles, texts, campaigns…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search posts")
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())

        self.platform_filter = QComboBox()
        self.platform_filter.setAccessibleName("Platform filter")
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName("Status filter")
        self.status_filter.addItem("All statuses", "")
        for status in STATUSES:
            self.status_filter.addItem(f"{STATUS_MARKS[status]} {STATUS_LABELS[status]}", status)
        self.pillar_filter = QComboBox()
        self.pillar_filter.setAccessibleName("Pillar filter")
        self.campaign_filter = QComboBox()
        self.campaign_filter.setAccessibleName("Campaign filter")
        for combo in (self.platform_filter, self.status_filter, self.pillar_filter, self.campaign_filter):
            combo.currentIndexChanged.connect(self.apply_filters)
            # Long pillar or campaign names must not squeeze the search box on a small screen.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(9)

        self.status_button = QToolButton()
        self.status_button.setText("Set Status")
        self.status_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.status_menu = QMenu(self.status_button)
        for status in STATUSES:
            action = self.status_menu.addAction(f"{STATUS_MARKS[status]} {STATUS_LABELS[status]}")
            action.triggered.connect(lambda _c=False, s=status: self.status_requested.emit(self.selected_ids(), s))
        self.status_button.setMenu(self.status_menu)
        self.pillar_button = QToolButton()
        self.pillar_button.setText("Set Pillar")
        self.pillar_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.pillar_menu = QMenu(self.pillar_button)
        self.pillar_button.setMenu(self.pillar_menu)

        self.count_label = QLabel()

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(PostTableModel.WHEN, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setStretchLastSection(False)
        # Columns as wide as their content, the title takes the rest. On a narrow window the date and
        # status keep their width (short, and read whole) and the widest others give way; a cut cell shows
        # its whole value in its tooltip.
        self.columns = keep_fitted(self.table, PostTableModel.TITLE, keep=(PostTableModel.WHEN, PostTableModel.STATUS))
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.activated.connect(self._double_clicked)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.table.setAccessibleName("Posts")

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.platform_filter)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.pillar_filter)
        filters.addWidget(self.campaign_filter)
        actions = QHBoxLayout()
        actions.addWidget(self.count_label, 1)
        actions.addWidget(self.status_button)
        actions.addWidget(self.pillar_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        self._update_buttons()

    def set_data(
        self,
        ctx: CalendarContext,
        rows: Sequence[PostRow],
        pillars: Sequence[Pillar],
        results: ResultsByPost | None = None,
    ) -> None:
        """Show ``rows`` (every post) with ``results``: how they did, by post id (the Engagement column)."""
        selected = set(self.selected_ids())
        self.ctx = ctx
        self._fill_combo(
            self.platform_filter,
            "All platforms",
            [(p.name, p.code) for p in ctx.settings.platforms],
            icons=True,
        )
        self._fill_combo(self.pillar_filter, "All pillars", [(p.name, p.name) for p in pillars])
        campaigns = sorted({r.campaign for r in rows if r.campaign}, key=str.lower)
        self._fill_combo(self.campaign_filter, "All campaigns", [(c, c) for c in campaigns])
        self.pillar_menu.clear()
        none = self.pillar_menu.addAction("No pillar")
        none.triggered.connect(lambda _c=False: self.pillar_requested.emit(self.selected_ids(), None))
        for p in pillars:
            action = self.pillar_menu.addAction(p.name)
            action.triggered.connect(lambda _c=False, pid=p.id: self.pillar_requested.emit(self.selected_ids(), pid))
        self.model.set_rows(ctx, rows, results)
        self.proxy.invalidate_rows()
        # A filter whose choice went away (a platform removed in Plan Settings) shows "All…": filter so too.
        self.proxy.set_query(self.query())
        if selected:
            self.select_ids(selected)
        self._update_buttons()

    def _fill_combo(self, combo: QComboBox, everything: str, items: list[tuple[str, str]], icons: bool = False) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, "")
        for label, value in items:
            if icons:
                combo.addItem(platform_icon(value, label), label, value)
            else:
                combo.addItem(label, value)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def query(self) -> PostQuery:
        platform = self.platform_filter.currentData() or ""
        status = self.status_filter.currentData() or ""
        return PostQuery(
            text=self.search.text(),
            platforms=frozenset({platform}) if platform else frozenset(),
            statuses=frozenset({status}) if status else frozenset(),
            pillar=self.pillar_filter.currentData() or "",
            campaign=self.campaign_filter.currentData() or "",
        )

    def apply_filters(self) -> None:
        self._search_timer.stop()
        self.proxy.set_query(self.query())
        self._update_buttons()

    # Ids are read from the rows, not through data(): fewer crossings into Python per row.
    def selected_ids(self) -> list[int]:
        rows = self.table.selectionModel().selectedRows()
        return [self.model.rows[self.proxy.mapToSource(index).row()].id for index in rows]

    def select_ids(self, ids: set[int] | Sequence[int]) -> None:
        wanted = set(ids)
        selection = QItemSelection()
        for n, row in enumerate(self.model.rows):
            if row.id in wanted:
                index = self.proxy.mapFromSource(self.model.index(n, 0))
                if index.isValid():
                    selection.select(index, index)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().select(selection, flags)

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.edit_requested.emit(self.model.rows[self.proxy.mapToSource(index).row()].id)

    def _update_buttons(self) -> None:
        n = len(self.table.selectionModel().selectedRows())
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        n_text = self.ctx.fmt.number if self.ctx is not None else str
        text = f"{n_text(shown)} of {n_text(total)} posts" if shown != total else f"{n_text(total)} posts"
        if n > 1:
            text += f" · {n} selected"
        self.count_label.setText(text)
        self.status_button.setEnabled(n > 0 and self.editable)
        self.pillar_button.setEnabled(n > 0 and self.editable)
