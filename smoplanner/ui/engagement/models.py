"""The Engagement tab's item models: the items table (ids with a lazy cache of rows) and the paste preview."""

from __future__ import annotations

import operator
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from itertools import compress, repeat
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from smoplanner.core.engagement import KIND_NAMES, SENTIMENT_NAMES, STATUS_NAMES, ItemRecord
from smoplanner.core.locale_format import PlanLocale
from smoplanner.store import engagement as store
from smoplanner.store.planfile import PlanFile

Index = QModelIndex | QPersistentModelIndex

#: (key, header); the key is the store's sort key (``store.engagement.SORT_COLUMNS``).
COLUMNS = (
    ("due", "Due"),
    ("platform", "Platform"),
    ("kind", "Kind"),
    ("author", "Author"),
    ("text", "Text"),
    ("received_at", "Received"),
    ("status", "Status"),
    ("answered_at", "Answered"),
    ("assignee", "Assignee"),
    ("sentiment", "Sentiment"),
    ("tags", "Tags"),
    ("post", "Post"),
    ("reply_used", "Reply used"),
)
PAGE = 200
OVERDUE_MARK = "⚠ "
ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
OVERDUE_COLOR = QColor(214, 69, 65)


def span_text(minutes: int) -> str:
    """``95`` -> ``1 h 35 min``; ``3000`` -> ``2 d 2 h`` (whole days of 24 h)."""
    days, rest = divmod(abs(minutes), 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h" if hours else f"{days} d"
    if hours:
        return f"{hours} h {mins} min" if mins else f"{hours} h"
    return f"{mins} min"


def current_time() -> datetime:
    """Now, for overdue marks, statistics and answer stamps (one place, so tests can fix the clock)."""
    return datetime.now(UTC)


class EngagementItemModel(QAbstractTableModel):
    """The items a filter lets through, in the order chosen: only their ids are held; rows are read a page
    at a time when the view first asks for them, so 50,000 items open and filter at once."""

    def __init__(self, plan: PlanFile, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.plan = plan
        self.filter = store.ItemFilter()
        self.sort_key = "due"
        self.descending = False
        self.now = current_time()
        self.tz = ZoneInfo("UTC")
        self.fmt = PlanLocale.of("en_US")  # how the plan's locale writes dates; set by the tab
        self.platform_names: dict[str, str] = {}
        self._ids: list[int] = []
        self._rows: dict[int, store.ItemRow] = {}
        self._base_ids: list[int] = []
        self._base_key: tuple[store.ItemFilter, str, bool] | None = None
        self._texts: dict[int, str] | None = None
        self._base_texts: list[str] | None = None  # the search texts of _base_ids, in the same order
        self._found: tuple[str, list[int], list[str]] = ("", [], [])  # the last search: needle, ids, texts

    # -- loading ---------------------------------------------------------------------------------

    def set_filter(self, flt: store.ItemFilter) -> None:
        self.filter = flt
        self._show(fresh=False)

    def reload(self) -> None:
        """Read everything again (after a change to the plan); rows are read again when shown."""
        self._show(fresh=True)

    def _show(self, fresh: bool) -> None:
        """The ids the filter lets through, in order. The ids without the text search are kept while only
        the search text changes, and the search runs over the items' texts held in memory (read once)."""
        self.beginResetModel()
        self.now = current_time()
        base_key = (replace(self.filter, text=""), self.sort_key, self.descending)
        with self.plan.session() as s:
            if fresh:
                self._texts = None
            if fresh or base_key != self._base_key:
                self._base_ids = store.item_ids(s, base_key[0], self.sort_key, self.descending)
                self._base_key = base_key
                self._base_texts = None
                self._found = ("", self._base_ids, [])
            needle = " ".join(self.filter.text.split()).casefold()
            if needle:
                if self._base_texts is None:
                    if self._texts is None:
                        self._texts = store.search_texts(s)
                    texts = self._texts
                    self._base_texts = [texts.get(i, "") for i in self._base_ids]
                    self._found = ("", self._base_ids, self._base_texts)
                # Typing on narrows the last result: only the items that matched so far are searched.
                last, ids, texts_of = self._found
                if not last or last not in needle:
                    ids, texts_of = self._base_ids, self._base_texts
                hits = list(map(operator.contains, texts_of, repeat(needle)))  # in C, no Python call per item
                self._ids = list(compress(ids, hits))
                self._found = (needle, self._ids, list(compress(texts_of, hits)))
            else:
                self._ids = list(self._base_ids)
        if fresh:
            self._rows = {}
        self.endResetModel()

    def item_id(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, item_id: int) -> int | None:
        try:
            return self._ids.index(item_id)
        except ValueError:
            return None

    def item(self, row: int) -> store.ItemRow:
        item_id = self._ids[row]
        found = self._rows.get(item_id)
        if found is None:
            start = (row // PAGE) * PAGE
            with self.plan.session() as s:
                self._rows.update(store.item_rows(s, self._ids[start : start + PAGE]))
            found = self._rows[item_id]
        return found

    def is_overdue(self, row: store.ItemRow) -> bool:
        return row.status in ("new", "in_progress", "escalated") and row.due_at is not None and row.due_at < self.now

    # -- Qt --------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section][1]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == ITEM_ID_ROLE:
            return self._ids[index.row()]
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.FontRole,
        ):
            return None
        if self.plan.closed:  # a view painting while its plan closes
            return None
        row = self.item(index.row())
        key = COLUMNS[index.column()][0]
        overdue = self.is_overdue(row)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(OVERDUE_COLOR) if overdue and key == "due" else None
        if role == Qt.ItemDataRole.FontRole:
            if overdue and key == "due":
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "text":
                return row.text
            if key == "due" and row.due_at is not None:
                return f"Target runs out {self.fmt.when(row.due_at.astimezone(self.tz), year=False)} (business hours)"
            return None
        return self._display(row, index.column(), overdue)

    def _display(self, row: store.ItemRow, column: int, overdue: bool) -> str:
        header = COLUMNS[column][1]
        if header == "Due":
            if row.status not in ("new", "in_progress", "escalated"):
                return "" if row.response_minutes is None else f"took {span_text(row.response_minutes)}"
            if row.due_at is None:
                return "no target"
            minutes = int((row.due_at - self.now).total_seconds() // 60)
            return f"{OVERDUE_MARK}{span_text(-minutes)} over" if overdue else f"in {span_text(minutes)}"
        if header == "Platform":
            return self.platform_names.get(row.platform, row.platform)
        if header == "Kind":
            return KIND_NAMES.get(row.kind, row.kind)
        if header == "Author":
            return row.author
        if header == "Text":
            return " ".join(row.text.split())
        if header == "Received":
            return self.fmt.when(row.received_at.astimezone(self.tz), weekday=False, year=False)
        if header == "Status":
            return STATUS_NAMES.get(row.status, row.status)
        if header == "Answered":
            if row.answered_at is None:
                return ""
            return self.fmt.when(row.answered_at.astimezone(self.tz), weekday=False, year=False)
        if header == "Assignee":
            return row.assignee
        if header == "Sentiment":
            return SENTIMENT_NAMES.get(row.sentiment, row.sentiment)
        if header == "Tags":
            return " ".join(f"#{tag}" for tag in row.tags.split())
        if header == "Post":
            return row.post_title
        return row.reply_used

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][0] if 0 <= column < len(COLUMNS) else ""
        self.sort_key = key or "due"
        self.descending = order == Qt.SortOrder.DescendingOrder
        self._show(fresh=False)


class ItemPreviewModel(QAbstractTableModel):
    """Pasted lines as the items they become, before they are added."""

    HEADERS = ("Platform", "Kind", "Author", "Text")

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.records: list[ItemRecord] = []
        self.platform_names: dict[str, str] = {}

    def set_records(self, records: Sequence[ItemRecord]) -> None:
        self.beginResetModel()
        self.records = list(records)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 4:
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole or not 0 <= index.row() < len(self.records):
            return None
        record = self.records[index.row()]
        platform = self.platform_names.get(record.platform, record.platform)
        return (platform, KIND_NAMES[record.kind], record.author, record.text)[index.column()]
