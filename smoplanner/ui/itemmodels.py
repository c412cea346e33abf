"""What the app's flat item models share: a list of rows shown one per line, and titled columns.

A subclass says what a row shows (``data``); the row list, counts, column titles and refreshes live here.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

_Index = QModelIndex | QPersistentModelIndex
_Role = Qt.ItemDataRole

R = TypeVar("R")


class _Rows(Generic[R]):
    """The row list of a flat model (mixed into a Qt model class, which provides the signals)."""

    rows: list[R]

    def row_at(self, row: int) -> R | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def reset_rows(self, rows: Iterable[R]) -> None:
        """Replace every row (views forget their selection)."""
        self.beginResetModel()  # type: ignore[attr-defined]
        self.rows = list(rows)
        self.endResetModel()  # type: ignore[attr-defined]

    def refresh_rows(
        self, rows: Iterable[R], key: Callable[[R], Hashable], also: Callable[[], None] | None = None
    ) -> None:
        """Replace the rows, in place when they are the same rows by ``key`` (so views keep their
        selection and scroll position), else with a reset. ``also`` changes any other state the rows
        are shown with, at the moment the rows change."""
        rows = list(rows)
        if rows and [key(r) for r in rows] == [key(r) for r in self.rows]:
            self.rows = rows
            if also is not None:
                also()
            self.dataChanged.emit(  # type: ignore[attr-defined]
                self.index(0, 0),  # type: ignore[attr-defined]
                self.index(len(rows) - 1, self._last_column()),  # type: ignore[attr-defined]
            )
            return
        self.beginResetModel()  # type: ignore[attr-defined]
        self.rows = rows
        if also is not None:
            also()
        self.endResetModel()  # type: ignore[attr-defined]

    def _last_column(self) -> int:
        return 0

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)


class RowListModel(_Rows[R], QAbstractListModel):
    """A list over ``rows``, one item per row."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows = []


class RowTableModel(_Rows[R], QAbstractTableModel):
    """A table over ``rows``, one item per row, with the columns titled by ``COLUMNS``."""

    COLUMNS: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows = []

    def _last_column(self) -> int:
        return len(self.COLUMNS) - 1

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _Role.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == _Role.DisplayRole and 0 <= section < len(self.COLUMNS):
            return self.COLUMNS[section]
        return None
