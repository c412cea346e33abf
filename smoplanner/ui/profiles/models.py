"""Item models of the Profiles tab: the platform list with scores, the checklist, the matrix, the limits."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont

from smoplanner.core.dates import day_text
from smoplanner.core.locale_format import PlanLocale
from smoplanner.core.platforms import PlatformRules, default_unit
from smoplanner.core.profile_rules import MATRIX_ROW_LABELS, CheckResult, ConsistencyMatrix
from smoplanner.ui.itemmodels import RowListModel, RowTableModel
from smoplanner.ui.platform_icons import platform_icon

_Index = QModelIndex | QPersistentModelIndex
_Role = Qt.ItemDataRole

#: The score (0..1) of a platform row, for the bar delegate.
ScoreRole = Qt.ItemDataRole.UserRole + 1
#: The item code of a checklist row.
CodeRole = Qt.ItemDataRole.UserRole + 2
#: The score of a platform row as the plan's locale writes a percentage ("86 %" in German).
ScoreTextRole = Qt.ItemDataRole.UserRole + 3

# Status colours, drawn as a faint tint over the view's base, so they read in light and dark palettes.
OK_COLOR = QColor(46, 160, 67)
FAIL_COLOR = QColor(220, 60, 50)
WARN_COLOR = QColor(230, 150, 20)
NA_COLOR = QColor(128, 128, 128)


@cache
def _bold_font() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


def tint(color: QColor, alpha: int = 60) -> QColor:
    tinted = QColor(color)
    tinted.setAlpha(alpha)
    return tinted


def percent(score: float, locale: str = "en_US") -> str:
    """A 0..1 score as a whole percentage in ``locale``: "86%", "86 %"."""
    return PlanLocale.of(locale).percent(round(score * 100))


@dataclass(frozen=True)
class PlatformRow:
    code: str
    name: str
    score: float


class PlatformScoreModel(RowListModel[PlatformRow]):
    """The platforms in use, each with its icon, name and profile score."""

    #: The plan's locale, for the percentages.
    locale = "en_US"

    def set_rows(self, rows: list[PlatformRow]) -> None:
        self.refresh_rows(rows, key=lambda r: r.code)

    def code_at(self, row: int) -> str | None:
        found = self.row_at(row)
        return found.code if found is not None else None

    def row_of(self, code: str) -> int:
        return next((i for i, r in enumerate(self.rows) if r.code == code), -1)

    def data(self, index: _Index, role: int = _Role.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        if role == _Role.DisplayRole:
            return row.name
        if role == _Role.DecorationRole:
            return platform_icon(row.code, row.name)
        if role == _Role.ToolTipRole:
            return f"{row.name}: profile score {percent(row.score, self.locale)}"
        if role == _Role.AccessibleDescriptionRole:
            return f"score {percent(row.score, self.locale)}"
        if role == ScoreRole:
            return row.score
        if role == ScoreTextRole:
            return percent(row.score, self.locale)
        return None


_STATUS_MARK = {"ok": "✓", "fail": "✗", "na": "–"}
_STATUS_WORD = {"ok": "OK", "fail": "To do", "na": "N/A"}
_STATUS_TINT = {"ok": tint(OK_COLOR), "fail": tint(FAIL_COLOR), "na": tint(NA_COLOR)}


class ChecklistModel(RowTableModel[CheckResult]):
    """One profile's checklist: status, item, and what to do. Manual items have a tick box.

    Signals: ``tick_requested(code, done)`` when the user ticks or unticks a manual item; the tab
    turns it into an undoable command and the model is refreshed from the plan.
    """

    tick_requested = Signal(str, bool)

    COLUMNS = ("Status", "Item", "What to do")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._custom: frozenset[str] = frozenset()
        self._ticks: dict[str, str] = {}
        self.editable = True

    def set_results(self, results: list[CheckResult], ticks: Mapping[str, str], custom: frozenset[str]) -> None:
        def take_ticks() -> None:
            self._ticks, self._custom = dict(ticks), custom

        self.refresh_rows(results, key=lambda r: r.code, also=take_ticks)

    result_at = RowTableModel.row_at

    def label_of(self, code: str) -> str:
        return next((r.label for r in self.rows if r.code == code), code)

    def is_custom(self, code: str) -> bool:
        return code in self._custom

    def marked_na(self, code: str) -> bool:
        return self._ticks.get(code) == "na"

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        result = self.result_at(index.row())
        if (
            index.column() == 1
            and result is not None
            and not result.automatic
            and self.editable
            and not self.marked_na(result.code)
        ):
            base |= Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: _Index, role: int = _Role.DisplayRole) -> Any:
        if not index.isValid():
            return None
        result = self.result_at(index.row())
        if result is None:
            return None
        column = index.column()
        if role == CodeRole:
            return result.code
        if role == _Role.DisplayRole:
            if column == 0:
                return f"{_STATUS_MARK[result.status]} {_STATUS_WORD[result.status]}"
            if column == 1:
                suffix = " (your item)" if result.code in self._custom else ""
                return result.label + suffix
            if column == 2:
                return result.message
            return None
        if role == _Role.ToolTipRole:
            kind = "Checked by smoplanner" if result.automatic else "You tick this when it is done"
            return f"{result.label}\n{result.message}\n({kind})"
        if role == _Role.CheckStateRole and column == 1 and not result.automatic:
            return Qt.CheckState.Checked if result.status == "ok" else Qt.CheckState.Unchecked
        if role == _Role.BackgroundRole and column == 0:
            return _STATUS_TINT[result.status]
        return None

    def setData(self, index: _Index, value: Any, role: int = _Role.EditRole) -> bool:
        if not index.isValid() or role != _Role.CheckStateRole or index.column() != 1 or not self.editable:
            return False
        result = self.result_at(index.row())
        if result is None or result.automatic:
            return False
        done = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        self.tick_requested.emit(result.code, done)
        return True


_CELL_MARK = {"ok": "✓", "differs": "≠", "missing": "✗", "na": "–"}
_CELL_WORD = {"ok": "matches", "differs": "differs", "missing": "missing", "na": "not applicable"}
_CELL_TINT = {"ok": tint(OK_COLOR), "differs": tint(WARN_COLOR), "missing": tint(FAIL_COLOR), "na": tint(NA_COLOR, 30)}


class ConsistencyMatrixModel(QAbstractTableModel):
    """Rows: name, handle, picture, website, keywords, cross-links; columns: the platforms in use."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._matrix: ConsistencyMatrix | None = None
        self._names: dict[str, str] = {}

    def set_matrix(self, matrix: ConsistencyMatrix, names: dict[str, str]) -> None:
        same = self._matrix is not None and (self._matrix.rows, self._matrix.columns) == (matrix.rows, matrix.columns)
        if same and matrix.columns:
            self._matrix, self._names = matrix, dict(names)
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))
            return
        self.beginResetModel()
        self._matrix, self._names = matrix, dict(names)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._matrix is None else len(self._matrix.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._matrix is None else len(self._matrix.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _Role.DisplayRole) -> Any:
        matrix = self._matrix
        if matrix is None:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(matrix.columns):
            code = matrix.columns[section]
            if role == _Role.DisplayRole:
                return self._names.get(code, code).removesuffix(" Profile")  # "Google Business" fits
            if role == _Role.ToolTipRole:
                return self._names.get(code, code)
            if role == _Role.DecorationRole:
                return platform_icon(code, self._names.get(code, ""))
        if orientation == Qt.Orientation.Vertical and role == _Role.DisplayRole and 0 <= section < len(matrix.rows):
            return MATRIX_ROW_LABELS[matrix.rows[section]]
        return None

    def data(self, index: _Index, role: int = _Role.DisplayRole) -> Any:
        matrix = self._matrix
        if not index.isValid() or matrix is None:
            return None
        if not (0 <= index.row() < len(matrix.rows) and 0 <= index.column() < len(matrix.columns)):
            return None
        cell = matrix.cell(matrix.rows[index.row()], matrix.columns[index.column()])
        if role == _Role.DisplayRole:
            # The whole value: the view wraps it onto three lines and elides what still does not fit; the
            # tooltip holds every platform's whole value side by side.
            return f"{_CELL_MARK[cell.state]} {cell.value or _CELL_WORD[cell.state]}"
        if role == _Role.ToolTipRole:
            return cell.tooltip
        if role == _Role.BackgroundRole:
            return _CELL_TINT[cell.state]
        if role == _Role.AccessibleTextRole:
            return f"{_CELL_WORD[cell.state]}: {cell.value}"
        return None


@dataclass(frozen=True)
class LimitRow:
    field: str
    value: int | None  # None: a limit the user may add (custom platforms), not set yet
    unit: str
    source: str
    verified_on: str
    overridden: bool
    note: str


_LIMIT_NAMES = {
    "post_text": "Post text",
    "bio": "Bio",
    "display_name": "Display name",
    "handle_max": "Handle, longest",
    "handle_min": "Handle, shortest",
    "hashtags": "Hashtags per post",
    "links_in_bio": "Links in bio",
    "links_per_post": "Links per post",
    "picture_min_px": "Picture, smallest side",
    "picture_max_bytes": "Picture file size",
    "banner_width_px": "Banner width",
    "banner_height_px": "Banner height",
    "banner_max_bytes": "Banner file size",
    "title": "Title",
    "tagline": "Tagline",
    "event_title": "Event title",
    "post_bytes": "Post size",
    "text_attachment": "Text attachment",
}


#: The limits a user can add for a custom platform, whose limits nobody knows.
CUSTOM_LIMIT_FIELDS: tuple[str, ...] = ("bio", "post_text")


def limit_name(field_name: str) -> str:
    return _LIMIT_NAMES.get(field_name, field_name.replace("_", " ").capitalize())


class LimitsModel(RowTableModel[LimitRow]):
    """One platform's limits with where each number comes from; the value column is editable.

    Signals: ``override_requested(field, value)`` when the user types a new value.
    """

    override_requested = Signal(str, int)

    COLUMNS = ("Limit", "Value", "Unit", "Source", "Checked on")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editable = True
        self.fmt = PlanLocale.of("en_US")

    def set_rules(self, rules: PlatformRules, locale: str = "en_US") -> None:
        self.fmt = PlanLocale.of(locale)
        rows = [
            LimitRow(
                name,
                rule.value,
                rule.unit,
                rule.source,
                day_text(rule.verified_on, locale=locale),
                rule.overridden,
                rule.note,
            )
            for name, rule in rules.limits.items()
        ]
        if rules.custom:  # nothing is known about it: offer the limits the user is most likely to know
            rows += [
                LimitRow(
                    name,
                    None,
                    default_unit(name, rules.counting),
                    "",
                    "",
                    False,
                    f"No {limit_name(name).lower()} limit is known for {rules.name}. "
                    "Double-click the value and type the one you know; it is saved in this plan.",
                )
                for name in CUSTOM_LIMIT_FIELDS
                if name not in rules.limits
            ]
        self.reset_rows(rows)

    def row_of(self, field_name: str) -> int:
        return next((i for i, row in enumerate(self.rows) if row.field == field_name), -1)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 1 and self.editable:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: _Index, role: int = _Role.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        column = index.column()
        if role == _Role.DisplayRole:
            if row.value is None:
                value = "not set"
            else:
                value = self.fmt.number(row.value) + (" (overridden)" if row.overridden else "")
            return (
                (
                    limit_name(row.field),
                    value,
                    row.unit,
                    "set by you" if row.overridden and not row.source else row.source,
                    row.verified_on,
                )[column]
                if 0 <= column < 5
                else None
            )
        if role == _Role.EditRole and column == 1:
            return row.value if row.value is not None else 0
        if role == _Role.ToolTipRole:
            if row.value is None:
                return row.note
            lines = [f"{limit_name(row.field)}: {self.fmt.number(row.value)} {row.unit}"]
            if row.overridden:
                lines.append("You changed this value for this plan.")
            if row.note:
                lines.append(row.note)
            if row.source:
                lines.append(f"Source: {row.source} (checked on {row.verified_on})")
            return "\n".join(lines)
        if role == _Role.FontRole and row.overridden and column == 1:
            return _bold_font()
        return None

    def setData(self, index: _Index, value: Any, role: int = _Role.EditRole) -> bool:
        if not index.isValid() or role != _Role.EditRole or index.column() != 1 or not self.editable:
            return False
        row = self.row_at(index.row())
        try:
            number = int(value)
        except (TypeError, ValueError):
            return False
        if row is None or number < 0:
            return False
        if row.value is None and number == 0:
            return True  # an added limit of 0 is no limit: nothing was typed
        if number != row.value:
            self.override_requested.emit(row.field, number)
        return True
