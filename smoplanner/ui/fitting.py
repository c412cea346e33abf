"""Making views fit the window: the window's first size, columns sized to their content, and the whole
value of a cut cell in its tooltip.

A view elides what its model gives it; ``FullTextTips`` shows the whole text when a cell is cut (before the
model's own tooltip, when that does not already hold it), so nothing is lost on a narrow window.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QModelIndex, QObject, QRect, QSize, QTimer
from PySide6.QtGui import QGuiApplication, QHelpEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyleOptionViewItem, QTableView, QToolTip, QWidget

#: The window's size on first start when the screen has room: wide enough for the calendar's month grid,
#: its list columns and the consistency matrix; on a smaller screen, what the screen has.
PREFERRED_SIZE = QSize(1320, 760)
#: The narrowest a column gets when the table's columns do not all fit (its values, when they are shorter).
READABLE = 100
#: What a window frame (title bar and borders) takes around the window's contents.
FRAME_ALLOWANCE = QSize(16, 40)


def default_window_size(available: QSize) -> QSize:
    """The window's first size on a screen whose free area (without task bars) is ``available``:
    ``PREFERRED_SIZE``, or the free area less the window frame when that is smaller."""
    return QSize(
        min(PREFERRED_SIZE.width(), available.width() - FRAME_ALLOWANCE.width()),
        min(PREFERRED_SIZE.height(), available.height() - FRAME_ALLOWANCE.height()),
    )


def place_on_screen(widget: QWidget, preferred: QSize | None = None) -> None:
    """Give a top-level ``widget`` its first size: ``preferred`` (or ``default_window_size``), never more than
    the free area of its screen, centred there."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        widget.resize(preferred or PREFERRED_SIZE)
        return
    area = screen.availableGeometry()
    size = default_window_size(area.size())
    if preferred is not None:
        size = size.boundedTo(preferred)
    size = size.expandedTo(widget.minimumSize())
    widget.resize(size)
    frame = QRect(0, 0, size.width(), size.height())
    frame.moveCenter(area.center())
    widget.move(max(area.left(), frame.left()), max(area.top(), frame.top() - FRAME_ALLOWANCE.height() // 2))


def resize_within_screen(widget: QWidget, preferred: QSize) -> None:
    """Give a dialog its ``preferred`` size, or less when its screen's free area (less a window frame) is
    smaller, so its buttons are never below the task bar."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    size = preferred if screen is None else preferred.boundedTo(default_window_size(screen.availableGeometry().size()))
    widget.resize(size)


def content_height(view: QAbstractItemView) -> int:
    """The height that shows every row of a list ``view`` and no more: no empty band below the last row."""
    model = view.model()
    rows = 0 if model is None else model.rowCount()
    body = sum(max(0, view.sizeHintForRow(r)) for r in range(rows)) or view.fontMetrics().height() + 6
    spacing = view.spacing() * 2 * rows if hasattr(view, "spacing") else 0
    return body + spacing + 2 * view.frameWidth()


def cell_is_cut(view: QAbstractItemView, index: QModelIndex) -> bool:
    """Whether the cell at ``index`` shows less than its whole text (elided, or wrapped past its height)."""
    from PySide6.QtCore import Qt  # here: the window's first frame comes before Qt's namespace is built

    text = index.data(Qt.ItemDataRole.DisplayRole)
    rect = view.visualRect(index)
    if text is None or str(text) == "" or not rect.isValid():
        return False
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    option.rect = rect
    hint = view.itemDelegateForIndex(index).sizeHint(option, index)
    return hint.width() > rect.width() or hint.height() > rect.height() + 1


def full_text_tooltip(view: QAbstractItemView, index: QModelIndex) -> str:
    """The tooltip a cell shows: the model's own, led by the cell's whole text when the cell is cut and the
    model's tooltip does not hold it already."""
    from PySide6.QtCore import Qt

    own = index.data(Qt.ItemDataRole.ToolTipRole)
    own_text = "" if own is None else str(own)
    if not cell_is_cut(view, index):
        return own_text
    text = str(index.data(Qt.ItemDataRole.DisplayRole))
    if text in own_text:
        return own_text
    return f"{text}\n\n{own_text}" if own_text else text


class FullTextTips(QObject):
    """Shows ``full_text_tooltip`` for the cell under the mouse of an item view (install with ``watch``)."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.view = view
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.view.indexAt(event.pos())
            tip = full_text_tooltip(self.view, index) if index.isValid() else ""
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.view.viewport(), self.view.visualRect(index))
            else:
                QToolTip.hideText()
            return True
        return super().eventFilter(watched, event)


def full_text_tips(view: QAbstractItemView) -> FullTextTips:
    """Let ``view`` show the whole text of any cut cell in its tooltip."""
    return FullTextTips(view)


def fit_columns(
    view: QTableView,
    stretch: int,
    *,
    keep: Iterable[int] = (),
    min_stretch: int | None = None,
    room: int | None = None,
) -> dict[int, int]:
    """Size ``view``'s columns to their content and give ``stretch`` the rest (at least ``min_stretch``,
    by default a quarter of the width and no less than 160 pixels).

    When the content does not fit, the widest columns give way first, all down to the same width, except
    the ``keep`` columns (short values that must be read whole, such as dates). Returns the widths set.
    """
    model = view.model()
    header = view.horizontalHeader()
    if model is None:
        return {}
    room = view.viewport().width() if room is None else room
    if min_stretch is None:
        min_stretch = max(160, room // 4)
    keep = set(keep)
    columns = [c for c in range(model.columnCount()) if c != stretch and not view.isColumnHidden(c)]
    wants = {c: max(view.sizeHintForColumn(c), header.sectionSizeHint(c)) + 2 for c in columns}
    fixed = sum(w for c, w in wants.items() if c in keep)
    flexible = {c: w for c, w in wants.items() if c not in keep}
    left = room - min_stretch - fixed
    widths = dict(wants)
    if sum(flexible.values()) > left and flexible:
        cap = _water_level(sorted(flexible.values()), max(left, header.minimumSectionSize() * len(flexible)))
        for c, w in flexible.items():
            # A column never gets narrower than its title, nor than a short value (a word or two): past
            # that the table scrolls sideways.
            widths[c] = min(w, max(cap, header.sectionSizeHint(c), header.minimumSectionSize(), READABLE))
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    if 0 <= stretch < model.columnCount():
        if room - sum(widths.values()) >= min(min_stretch, 160):  # the stretched column gives way a little
            header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        else:  # more columns than the width holds even cut to their titles: the table scrolls sideways
            view.setColumnWidth(stretch, min_stretch)
            widths[stretch] = min_stretch
    for c, w in widths.items():
        if c != stretch:
            view.setColumnWidth(c, w)
    return widths


class ColumnFitter(QObject):
    """Keeps a table's columns fitted (``fit_columns``) as the view is resized and its rows change."""

    def __init__(
        self, view: QTableView, stretch: int, *, keep: Iterable[int] = (), min_stretch: int | None = None
    ) -> None:
        super().__init__(view)
        self.view = view
        self.stretch = stretch
        self.keep = tuple(keep)
        self.min_stretch = min_stretch
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        view.viewport().installEventFilter(self)
        model = view.model()
        if model is not None:
            for signal in (model.modelReset, model.layoutChanged, model.rowsInserted, model.dataChanged):
                signal.connect(self._timer.start)
        view.horizontalHeader().setStretchLastSection(False)
        self.fit()

    def fit(self) -> dict[int, int]:
        return fit_columns(self.view, self.stretch, keep=self.keep, min_stretch=self.min_stretch)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._timer.start()
        return super().eventFilter(watched, event)


def keep_fitted(
    view: QTableView, stretch: int, *, keep: Iterable[int] = (), min_stretch: int | None = None
) -> ColumnFitter:
    """Size ``view``'s columns to their content now and whenever it is resized or its rows change, and
    show the whole value of a cut cell in its tooltip."""
    full_text_tips(view)
    return ColumnFitter(view, stretch, keep=keep, min_stretch=min_stretch)


def _water_level(wants: list[int], room: int) -> int:
    """The width ``cap`` such that sum(min(w, cap)) fills ``room``: the widest give way first."""
    total = 0
    for i, w in enumerate(wants):
        rest = len(wants) - i
        if total + w * rest >= room:
            return max(1, (room - total) // rest)
        total += w
    return wants[-1] if wants else room
