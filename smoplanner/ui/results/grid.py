"""The Results tab's "Enter results" page: a month of one platform's organic results, typed into a grid.

One row per day of the month, one column per figure; a day without results shows empty cells. Each edit, each
Delete and each paste is one undoable ``OrganicDaysCommand`` that writes through the store
(``set_organic_day`` / ``restore_organic_day``) and announces ``Change.RESULTS``, so the chart, its table and
the KPIs follow. One month of one platform is a few dozen rows: it is read on the GUI thread.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from smoplanner.core.dates import Month
from smoplanner.core.locale_format import PlanLocale
from smoplanner.core.money import Currency, MoneyEntryError, currency
from smoplanner.core.results import OrganicDay
from smoplanner.store.results import organic_days, restore_organic_day, results_span, set_organic_day
from smoplanner.ui.changes import Change
from smoplanner.ui.document import PlanCommand, PlanDocument
from smoplanner.ui.month_stepper import MonthStepper

_Index = QModelIndex | QPersistentModelIndex

#: The grid's columns: OrganicDay's figure and its heading.
COLUMNS = (
    ("followers", "Followers"),
    ("new_followers", "New followers"),
    ("reach", "Reach"),
    ("impressions", "Impressions"),
    ("engagements", "Engagements"),
    ("clicks", "Link clicks"),
    ("profile_visits", "Profile visits"),
    ("conversions", "Conversions"),
    ("revenue_minor", "Revenue"),
)
REVENUE = len(COLUMNS) - 1
#: The changes after which the page reads its month again.
RELOAD_ON = Change.RESULTS | Change.SETTINGS | Change.FILE
#: Larger counts than this are typing slips (and would not fit the plan's integers).
_LARGEST = 10**15


def _digits_pattern(fmt: PlanLocale) -> re.Pattern[str]:
    """A whole number: plain digits, or digits grouped by three with the locale's grouping mark (any space for a
    space-like mark, either apostrophe)."""
    group = fmt.group_mark
    marks = " \u00a0\u202f\u2009" if group in " \u00a0\u202f\u2009" else ("'’" if group in "'’" else group)
    return re.compile(rf"\d+|\d{{1,3}}(?:[{re.escape(marks)}]\d{{3}})+")


def parse_count(text: str, fmt: PlanLocale) -> int | None:
    """A count typed as the plan's locale writes numbers (``1.234`` or ``1234`` in German); None when empty.

    Raises ValueError saying what is wrong with the entry (the caller names the day and the column)."""
    entry = text.strip()
    if not entry:
        return None
    example = fmt.number(1234)
    if _digits_pattern(fmt).fullmatch(entry):
        value = int(re.sub(r"\D", "", entry))
        if value > _LARGEST:
            raise ValueError(f"“{entry}” is too large a count")
        return value
    if entry[0] in ("-", "\u2212", fmt.minus_sign) and any(ch.isdigit() for ch in entry):
        raise ValueError(f"“{entry}” is negative; results are counts of zero or more, like {example}")
    if any(ch.isdigit() for ch in entry) and not any(ch.isalpha() for ch in entry):
        raise ValueError(f"“{entry}” is not a whole number; type a count like {example}")
    raise ValueError(f"“{entry}” is not a number; type a count like {example}")


def is_empty(day: OrganicDay) -> bool:
    """Whether a day holds nothing at all (no follower count, every figure zero)."""
    return day.followers is None and all(getattr(day, name) == 0 for name, _ in COLUMNS[1:])


def with_value(
    existing: OrganicDay | None, day: date, platform: str, name: str, value: int | None
) -> OrganicDay | None:
    """``existing`` (or a new day) with the figure ``name`` set to ``value`` (None: emptied). Emptying the last
    value of a day leaves no day at all (None); an empty entry on a day without results changes nothing."""
    if existing is None and value is None:
        return None
    base = existing or OrganicDay(day, platform)
    figures: dict[str, Any] = {name: value if name == "followers" else value or 0}
    changed = replace(base, **figures)
    return None if value is None and is_empty(changed) else changed


class OrganicDaysCommand(PlanCommand):
    """Give days of one platform new organic results (None: remove the day's results); undo puts back what
    each day held, and no day where there was none."""

    changes = Change.RESULTS

    def __init__(
        self, document: PlanDocument, text: str, platform: str, days: Mapping[date, OrganicDay | None]
    ) -> None:
        super().__init__(document, text)
        self.platform = platform
        self.days = dict(days)
        self._before: dict[date, OrganicDay | None] = {}

    def apply(self, s: Session) -> None:
        before: dict[date, OrganicDay | None] = {}
        for day, new in self.days.items():
            if new is None:
                old = organic_days(s, day, day, [self.platform])
                before[day] = old[0] if old else None
                restore_organic_day(s, (day, self.platform), None)
            else:
                before[day] = set_organic_day(s, new)
        self._before = before

    def revert(self, s: Session) -> None:
        for day, old in self._before.items():
            restore_organic_day(s, (day, self.platform), old)


class OrganicGridModel(QAbstractTableModel):
    """One platform's organic results in one month: a row per day, a column per figure.

    The model does not write: an accepted entry is announced with ``days_edited`` (day -> the day's new
    results, None to remove them) and a refused one with ``entry_refused`` (a message naming the day and the
    column); the page turns the first into an undoable command and reads the month back.
    """

    days_edited = Signal(object)
    entry_refused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.month = Month.of(date.today())
        self.platform = ""
        self.results: dict[date, OrganicDay] = {}
        self.fmt = PlanLocale.of("en_US")
        self.cur: Currency = currency("EUR")
        self.read_only = False
        self.refused = False  # whether the last entry was refused (the view then stays on its cell)

    def show_month(self, month: Month, platform: str, days: list[OrganicDay], fmt: PlanLocale, cur: Currency) -> bool:
        """Show ``days`` (``platform``'s results in ``month``); the same month again keeps the view's place.
        Whether the model was reset (another month, platform, locale or currency)."""
        results = {d.day: d for d in days}
        if (month, platform, fmt.code, cur.code) == (self.month, self.platform, self.fmt.code, self.cur.code):
            self.results = results
            if self.rowCount():
                self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, len(COLUMNS) - 1))
            return False
        self.beginResetModel()
        self.month, self.platform, self.results, self.fmt, self.cur = month, platform, results, fmt, cur
        self.endResetModel()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        return True

    def day_of(self, row: int) -> date:
        return self.month.first_day.replace(day=row + 1)

    def day_label(self, row: int) -> str:
        return self.fmt.day(self.day_of(row), year=False)

    def column_label(self, column: int) -> str:
        name = COLUMNS[column][1]
        return f"{name} ({self.cur.code})" if column == REVENUE else name

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or not self.platform else self.month.last_day.day

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            if role == Qt.ItemDataRole.TextAlignmentRole and orientation == Qt.Orientation.Vertical:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.column_label(section) if 0 <= section < len(COLUMNS) else None
        return self.day_label(section) if 0 <= section < self.rowCount() else None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and not self.read_only:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def text(self, row: int, column: int) -> str:
        """A cell as shown: empty for a day without results (and for an unknown follower count)."""
        day = self.results.get(self.day_of(row))
        if day is None:
            return ""
        value = getattr(day, COLUMNS[column][0])
        if value is None:
            return ""
        return self.fmt.amount(value, self.cur) if column == REVENUE else self.fmt.number(value)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return f"{self.column_label(column)} on {self.day_label(row)}"
        return None

    # --- entries -------------------------------------------------------------------------------------

    def parse(self, row: int, column: int, text: str) -> int | None:
        """The value typed into a cell; ValueError with a message naming the day and the column."""
        what = f"{self.column_label(column)} on {self.day_label(row)}"
        if column == REVENUE:
            if not text.strip():
                return None
            try:
                return self.fmt.parse_money_minor(text, self.cur, what)
            except MoneyEntryError as exc:
                raise ValueError(f"{exc}; nothing was changed.") from None
        try:
            return parse_count(text, self.fmt)
        except ValueError as exc:
            raise ValueError(f"{what}: {exc}; nothing was changed.") from None

    def edited(self, row: int, column: int, text: str, days: dict[date, OrganicDay | None]) -> None:
        """Put the entry ``text`` for a cell into ``days`` (the new results of the days edited so far)."""
        value = self.parse(row, column, text)
        day = self.day_of(row)
        existing = days[day] if day in days else self.results.get(day)
        days[day] = with_value(existing, day, self.platform, COLUMNS[column][0], value)

    def changed_days(self, days: dict[date, OrganicDay | None]) -> dict[date, OrganicDay | None]:
        """``days`` without those that stay as they are."""
        return {day: new for day, new in days.items() if new != self.results.get(day)}

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        self.refused = False
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or self.read_only:
            return False
        days: dict[date, OrganicDay | None] = {}
        try:
            self.edited(index.row(), index.column(), str(value or ""), days)
        except ValueError as exc:
            self.refused = True
            self.entry_refused.emit(str(exc))
            return False
        days = self.changed_days(days)
        if not days:
            return False
        self.days_edited.emit(days)
        return True

    def pasted(self, top: int, left: int, text: str) -> dict[date, OrganicDay | None]:
        """The days a block of tab-separated values pasted at (``top``, ``left``) gives (ValueError when a
        value cannot be read or the block does not fit the grid)."""
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        while lines and not lines[-1].strip():
            lines.pop()
        block = [line.split("\t") for line in lines]
        if not block:
            return {}
        if top + len(block) > self.rowCount():
            left_days = self.rowCount() - top
            raise ValueError(
                f"The pasted block has {len(block)} rows, but {self.fmt.month(self.month.year, self.month.month)} "
                f"has only {left_days} day{'s' if left_days != 1 else ''} from {self.day_label(top)} on; "
                "nothing was changed."
            )
        widest = max(len(cells) for cells in block)
        if left + widest > len(COLUMNS):
            raise ValueError(
                f"The pasted block has {widest} columns, but there are only {len(COLUMNS) - left} from "
                f"{self.column_label(left)} on; nothing was changed."
            )
        days: dict[date, OrganicDay | None] = {}
        for r, cells in enumerate(block):
            for c, cell in enumerate(cells):
                self.edited(top + r, left + c, cell, days)
        return self.changed_days(days)


class OrganicGrid(QTableView):
    """The grid: Enter stores a cell and moves down, Tab moves right; Delete removes the results of the selected
    days; Ctrl+C copies the selected cells and Ctrl+V pastes a block (tab-separated, as spreadsheets copy)."""

    clear_requested = Signal(list)  # the rows whose days lose their results
    paste_requested = Signal(int, int, str)  # top row, left column, the text

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        model = self.model()
        refused = isinstance(model, OrganicGridModel) and model.refused
        current = self.currentIndex()
        super().closeEditor(editor, hint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache and not refused and current.isValid():
            below = current.siblingAtRow(current.row() + 1)
            if below.isValid():
                self.setCurrentIndex(below)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.state() != QAbstractItemView.State.EditingState:
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and event.modifiers() in (
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.KeypadModifier,
            ):
                rows = sorted({index.row() for index in self.selectedIndexes()} or {self.currentIndex().row()})
                if rows and rows[0] >= 0:
                    self.clear_requested.emit(rows)
                event.accept()
                return
            if event.matches(QKeySequence.StandardKey.Paste):
                self._paste()
                event.accept()
                return
            if event.matches(QKeySequence.StandardKey.Copy):
                self._copy()
                event.accept()
                return
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
                self.edit(self.currentIndex())
                event.accept()
                return
        super().keyPressEvent(event)

    def _paste(self) -> None:
        indexes = self.selectedIndexes() or [self.currentIndex()]
        valid = [index for index in indexes if index.isValid()]
        if not valid:
            return
        top = min(index.row() for index in valid)
        left = min(index.column() for index in valid)
        self.paste_requested.emit(top, left, QGuiApplication.clipboard().text())

    def _copy(self) -> None:
        model = self.model()
        indexes = [index for index in self.selectedIndexes() if index.isValid()]
        if not indexes or model is None:
            return
        rows = range(min(i.row() for i in indexes), max(i.row() for i in indexes) + 1)
        columns = range(min(i.column() for i in indexes), max(i.column() for i in indexes) + 1)
        text = "\n".join("\t".join(str(model.index(r, c).data() or "") for c in columns) for r in rows)
        QGuiApplication.clipboard().setText(text + "\n")


class OrganicGridPage(QWidget):
    """A month chooser and a platform chooser over the grid, with a line for refused entries and a word on what
    to do when the month has no results yet."""

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.loaded = False
        self.month: Month | None = None
        self.fmt = PlanLocale.of("en_US")
        self.platform_names: dict[str, str] = {}

        self.stepper = MonthStepper(min_width=140)
        self.previous_button, self.next_button = self.stepper.previous_button, self.stepper.next_button
        self.month_label = self.stepper.label
        self.platform_box = QComboBox()
        self.platform_box.setAccessibleName("Platform")
        self.platform_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        platform_label = QLabel("Plat&form:")
        platform_label.setBuddy(self.platform_box)
        controls = QHBoxLayout()
        controls.addWidget(self.stepper)
        controls.addSpacing(16)
        controls.addWidget(platform_label)
        controls.addWidget(self.platform_box)
        controls.addSpacing(16)
        self.keys_label = QLabel(
            "Enter stores a value and moves down, Tab moves right; Delete clears the selected days; "
            "paste a block copied from a spreadsheet with Ctrl+V."
        )
        self.keys_label.setWordWrap(True)
        self.keys_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        controls.addWidget(self.keys_label, 1)

        self.message = QLabel()  # a refused entry: what was wrong, on which day and in which column
        self.message.setWordWrap(True)
        self.message.setObjectName("GridMessage")
        self.message.setStyleSheet(
            "#GridMessage { background: palette(tool-tip-base); color: palette(tool-tip-text);"
            " border: 1px solid palette(mid); border-radius: 4px; padding: 4px 8px; }"
        )
        self.message.hide()
        self.empty_hint = QLabel()
        self.empty_hint.setWordWrap(True)
        self.empty_hint.hide()

        self.model = OrganicGridModel(self)
        self.view = OrganicGrid()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Organic results by day")
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(True)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(72)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setMinimumWidth(110)

        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.message)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.view, 1)

        self.stepper.stepped.connect(self.go_to_month)
        self.platform_box.currentIndexChanged.connect(self._platform_changed)
        self.model.days_edited.connect(self.write_days)
        self.model.entry_refused.connect(self.refuse)
        self.view.clear_requested.connect(self.clear_rows)
        self.view.paste_requested.connect(self.paste)
        document.changed.connect(self._on_changed)

    # --- reading -------------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.loaded:
            self.reload()

    def _on_changed(self, changes: object) -> None:
        if self.loaded and isinstance(changes, Change) and changes & RELOAD_ON:
            self.reload()

    @property
    def platform(self) -> str | None:
        code = self.platform_box.currentData()
        return code if isinstance(code, str) else None

    def reload(self) -> None:
        """Read the chosen month of the chosen platform (and the plan's platforms, locale and currency)."""
        plan = self.document.plan
        if plan.closed:
            return
        from smoplanner.store.settings import get_settings

        with plan.session() as s:
            settings = get_settings(s)
            if self.month is None:
                span = results_span(s)
                self.month = Month.of(span[1] if span else date.today())
            platforms = tuple((p.code, p.name) for p in settings.platforms)
            if tuple(self.platform_names.items()) != platforms:
                self._set_platforms(platforms)
            code = self.platform
            month = self.month
            days = organic_days(s, month.first_day, month.last_day, [code]) if code else []
        self.loaded = True
        self.fmt = PlanLocale.of(settings.locale)
        self.model.read_only = self.document.read_only
        if self.model.show_month(month, code or "", days, self.fmt, currency(settings.currency)) and days:
            # Another month or platform: the first day after its last results is where typing goes on.
            row = min(days[-1].day.day, self.model.rowCount() - 1)
            self.view.setCurrentIndex(self.model.index(row, 0))
            self.view.scrollTo(self.view.currentIndex())
        self.month_label.setText(self.fmt.month(month.year, month.month))
        self.view.resizeColumnToContents(0)
        self.view.verticalHeader().resizeSections(QHeaderView.ResizeMode.ResizeToContents)
        self._show_hint(code, bool(days))

    def _set_platforms(self, platforms: tuple[tuple[str, str], ...]) -> None:
        current = self.platform
        self.platform_names = dict(platforms)
        self.platform_box.blockSignals(True)
        self.platform_box.clear()
        for code, name in platforms:
            self.platform_box.addItem(name, code)
        self.platform_box.setCurrentIndex(max(self.platform_box.findData(current), 0))
        self.platform_box.blockSignals(False)

    def _show_hint(self, code: str | None, any_days: bool) -> None:
        month = self.month
        assert month is not None
        month_name = self.fmt.month(month.year, month.month)
        if code is None:
            text = "The plan has no platforms yet: add them in Plan ▸ Settings, then type their results here."
        elif any_days:
            text = ""
        elif self.document.read_only:
            text = f"No results for {self.platform_names[code]} in {month_name}; the plan is open read-only."
        else:
            text = (
                f"No results for {self.platform_names[code]} in {month_name} yet: click a day and type its figures "
                "(or paste them from a spreadsheet), or import a platform's export with File ▸ Import Results…"
            )
        self.empty_hint.setText(text)
        self.empty_hint.setVisible(bool(text))

    def _platform_changed(self) -> None:
        self.message.hide()
        self.reload()

    def go_to_month(self, step: int) -> None:
        if self.month is None:
            return
        self.month = self.month.next() if step > 0 else self.month.previous()
        self.message.hide()
        self.reload()

    # --- writing -------------------------------------------------------------------------------------

    def refuse(self, message: str) -> None:
        self.message.setText(f"▲ {message}")
        self.message.show()

    def write_days(self, days: Mapping[date, OrganicDay | None]) -> None:
        """Store the edited days as one undoable command."""
        code = self.platform
        if not days or code is None or self.document.read_only:
            return
        self.message.hide()
        name = self.platform_names.get(code, code)
        if len(days) == 1:
            (day,) = days
            what = "Clear" if next(iter(days.values())) is None else "Enter"
            text = f"{what} {name} Results of {self.fmt.day(day, year=False)}"
        else:
            text = f"Enter {name} Results of {len(days)} Days"
        self.document.push(OrganicDaysCommand(self.document, text, code, days))

    def clear_rows(self, rows: list[int]) -> None:
        """Remove the results of the days at ``rows`` (those that have any)."""
        days = {self.model.day_of(row): None for row in rows if self.model.day_of(row) in self.model.results}
        if days:
            self.write_days(days)

    def paste(self, top: int, left: int, text: str) -> None:
        if self.document.read_only:
            return
        try:
            days = self.model.pasted(top, left, text)
        except ValueError as exc:
            self.refuse(str(exc))
            return
        self.write_days(days)
