"""The week view: seven days by 24 hours; dragging a post changes its day and time (15-minute steps)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time, timedelta
from typing import Any

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QScrollArea, QToolTip, QVBoxLayout, QWidget

from smoplanner.core.locale_format import PlanLocale
from smoplanner.ui.calendar.chips import ChipGrid, ChipLayout, ChipPainter, next_post_id
from smoplanner.ui.calendar.common import CalendarContext
from smoplanner.ui.calendar.post_results import ResultsByPost

SNAP_MINUTES = 15
GUTTER = 48


def snap(minutes: int) -> int:
    """Minutes since midnight rounded down to the 15-minute step, kept inside the day."""
    return max(0, min(24 * 60 - SNAP_MINUTES, minutes - minutes % SNAP_MINUTES))


def week_start(day: date, first_weekday: int = 0) -> date:
    """The first day of ``day``'s week, for weeks starting on ``first_weekday`` (0 Monday, 6 Sunday)."""
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)


class WeekHeader(QWidget):
    """The day names above the hour grid."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first = week_start(date.today())
        self.selected: date | None = None
        self.today = date.today()
        self.grid_width: int | None = None  # the hour grid's width (narrower by its scroll bar)
        self.plan_locale = PlanLocale.of("en_US")
        self.setFixedHeight(self.fontMetrics().height() + 10)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        pal = self.palette()
        painter.fillRect(self.rect(), pal.color(QPalette.ColorRole.Window))
        w = ((self.grid_width or self.width()) - GUTTER) / 7
        bold = QFont(self.font())
        bold.setBold(True)
        for i in range(7):
            day = self.first + timedelta(days=i)
            rect = QRect(GUTTER + round(i * w), 0, round(w), self.height())
            painter.setFont(bold if day in (self.today, self.selected) else self.font())
            role = QPalette.ColorRole.Highlight if day == self.today else QPalette.ColorRole.WindowText
            painter.setPen(pal.color(role))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.plan_locale.day(day, year=False))
        painter.end()


class WeekGrid(ChipGrid):
    """The hour grid; posts sit at their time, side by side when they share a slot.

    Signals: ``day_selected(date)``, ``post_selected(int | None)``, ``edit_requested(int)``,
    ``new_requested(date, time)``, ``posts_dropped(list[int], date, time)``.
    """

    day_selected = Signal(object)
    post_selected = Signal(object)
    edit_requested = Signal(int)
    new_requested = Signal(object, object)
    posts_dropped = Signal(list, object, object)
    width_changed = Signal(int)

    HOUR_H = 44

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Week calendar")
        self.setMinimumHeight(24 * self.HOUR_H)
        self.first_weekday = 0
        #: The plan's locale: which days are the weekend (shaded) and how hours are written.
        self.plan_locale = PlanLocale.of("en_US")
        self.first = week_start(date.today())
        self.selected_day = date.today()
        self.posts: list[Any] = []
        self._placed: list[tuple[QRect, Any]] = []
        self.today = date.today()

    def sizeHint(self) -> QSize:
        return QSize(760, 24 * self.HOUR_H)

    def chip_layout(self, post_id: int) -> ChipLayout | None:
        """How the chip of ``post_id`` is drawn (None when it is not in the shown week)."""
        for rect, post in self._placed:
            if post.id == post_id and self.ctx is not None:
                return self._chips.layout(QFontMetrics(self.chip_font()), rect, post, self.ctx)
        return None

    def set_week(self, first: date, selected: date) -> None:
        self.first = week_start(first, self.first_weekday)
        self.selected_day = selected
        self.update()

    def set_posts(self, ctx: CalendarContext, posts: Sequence[Any], results: ResultsByPost | None = None) -> None:
        self.ctx = ctx
        self.results = results or {}
        self.posts = [p for p in posts if p.scheduled_at is not None]
        self._layout()
        self.update()

    def resizeEvent(self, event: Any) -> None:
        self._layout()
        self.width_changed.emit(self.width())
        super().resizeEvent(event)

    def _col_w(self) -> float:
        return (self.width() - GUTTER) / 7

    def _layout(self) -> None:
        """Place each post at its time; posts whose chips would overlap share the column width."""
        self._placed = []
        if self.ctx is None:
            return
        # Two lines (time and badges, then the title) when that fits inside an hour; a title too long for
        # the column's width wraps onto a third line, the chip reaching into the next hour.
        fm = QFontMetrics(self.chip_font())
        two_lines = ChipPainter.two_line_height(fm)
        one_line = max(self.fontMetrics().height() + 4, self.HOUR_H // 2 - 2)
        chip_h = two_lines if two_lines <= self.HOUR_H - 4 else one_line
        cw = self._col_w()
        full = QRect(0, 0, max(8, round(cw - 4) - 2), chip_h)

        def height_of(post: Any) -> int:
            if chip_h == two_lines and ChipPainter.title_wraps(fm, full, post):
                return ChipPainter.three_line_height(fm)
            return chip_h

        by_col: dict[int, list[tuple[int, int, Any]]] = {}
        for post in sorted(self.posts, key=lambda p: (p.scheduled_at, p.id)):
            local = self.ctx.local(post.scheduled_at)
            col = (local.date() - self.first).days
            if 0 <= col < 7:
                height = height_of(post)
                # A chip late in the evening is lifted so that it ends before midnight instead of being cut off.
                lowest = 24 * self.HOUR_H - height - 1
                y = min(round((local.hour * 60 + local.minute) * self.HOUR_H / 60), lowest)
                by_col.setdefault(col, []).append((y, height, post))
        for col, items in by_col.items():
            clusters: list[list[tuple[int, int, Any]]] = []
            bottom = -1
            for y, height, post in items:
                if clusters and y < bottom:
                    clusters[-1].append((y, height, post))
                else:
                    clusters.append([(y, height, post)])
                bottom = max(bottom, y + height) if len(clusters[-1]) > 1 else y + height
            for members in clusters:
                lane_w = (cw - 4) / len(members)
                for lane, (y, height, post) in enumerate(members):
                    x = GUTTER + round(col * cw) + 2 + round(lane * lane_w)
                    self._placed.append((QRect(x, y + 1, max(8, round(lane_w) - 2), height), post))

    def at(self, pos: QPoint) -> tuple[date | None, int, Any | None]:
        """The day, the snapped minute of the day and the post under ``pos``."""
        for rect, post in reversed(self._placed):
            if rect.contains(pos):
                local = self.ctx.local(post.scheduled_at) if self.ctx else None
                return (local.date() if local else None), 0, post
        if pos.x() < GUTTER:
            return None, 0, None
        col = int((pos.x() - GUTTER) / self._col_w())
        if not 0 <= col < 7:
            return None, 0, None
        minutes = snap(int(pos.y() * 60 / self.HOUR_H))
        return self.first + timedelta(days=col), minutes, None

    def point_for(self, day: date, clock: time) -> QPoint:
        """The centre of the 15-minute slot of ``day`` at ``clock`` (for tests and keyboard drops)."""
        col = (day - self.first).days
        x = GUTTER + round((col + 0.5) * self._col_w())
        y = round((snap(clock.hour * 60 + clock.minute) + SNAP_MINUTES / 2) * self.HOUR_H / 60)
        return QPoint(x, y)

    def chip_rect(self, post_id: int) -> QRect:
        for rect, post in self._placed:
            if post.id == post_id:
                return rect
        return QRect()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        pal = self.palette()
        painter.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        cw = self._col_w()
        sel_col = (self.selected_day - self.first).days
        for i in range(7):
            day = self.first + timedelta(days=i)
            x = GUTTER + round(i * cw)
            if day.weekday() in self.plan_locale.weekend:
                painter.fillRect(QRect(x, 0, round(cw), self.height()), pal.color(QPalette.ColorRole.AlternateBase))
            if i == sel_col:
                tint = QColor(pal.color(QPalette.ColorRole.Highlight))
                tint.setAlpha(25)
                painter.fillRect(QRect(x, 0, round(cw), self.height()), tint)
        if self._drop is not None:
            day, minutes = self._drop
            col = (day - self.first).days
            tint = QColor(pal.color(QPalette.ColorRole.Highlight))
            tint.setAlpha(90)
            y = round(minutes * self.HOUR_H / 60)
            painter.fillRect(QRect(GUTTER + round(col * cw), y, round(cw), self.HOUR_H // 4), tint)
        light = QColor(pal.color(QPalette.ColorRole.Mid))
        light.setAlpha(90)
        for hour in range(24):
            y = hour * self.HOUR_H
            painter.setPen(pal.color(QPalette.ColorRole.Mid))
            painter.drawLine(GUTTER, y, self.width(), y)
            painter.setPen(light)
            painter.drawLine(GUTTER, y + self.HOUR_H // 2, self.width(), y + self.HOUR_H // 2)
            painter.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                QRect(0, y, GUTTER - 6, self.fontMetrics().height() + 2),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                self.plan_locale.hour(hour),
            )
        painter.setPen(pal.color(QPalette.ColorRole.Mid))
        for i in range(8):
            x = GUTTER + round(i * cw)
            painter.drawLine(x, 0, x, self.height())
        painter.setFont(self.chip_font())
        if self.ctx is not None:
            for rect, post in self._placed:
                self._chips.paint(painter, rect, post, self.ctx, selected=post.id == self.selected_post)
        if self.hasFocus() and 0 <= sel_col < 7:
            painter.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRect(GUTTER + round(sel_col * cw) + 1, 1, round(cw) - 2, self.height() - 2))
        painter.end()

    def event(self, event: Any) -> bool:
        if event.type() == event.Type.ToolTip and isinstance(event, QHelpEvent) and self.ctx is not None:
            _day, _m, post = self.at(event.pos())
            if post is not None:
                QToolTip.showText(event.globalPos(), self.tooltip_for(post), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def select(self, day: date | None, post_id: int | None) -> None:
        if day is not None and day != self.selected_day:
            self.selected_day = day
            self.day_selected.emit(day)
        self.selected_post = post_id
        self.post_selected.emit(post_id)
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() not in (Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton):
            return
        day, _m, post = self.at(event.position().toPoint())
        self.select(day, post.id if post is not None else None)
        if event.button() != Qt.MouseButton.LeftButton:
            return
        if post is not None:
            self._press = (event.position().toPoint(), post.id)

    def drag_hotspot(self, start: QPoint, chip: QRect) -> QPoint:
        return QPoint(start.x() - chip.left(), 0)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        day, minutes, post = self.at(event.position().toPoint())
        if post is not None:
            self.edit_requested.emit(post.id)
        elif day is not None:
            self.new_requested.emit(day, time(minutes // 60, minutes % 60))

    def drop_target(self, pos: QPoint) -> tuple[date, int] | None:
        if pos.x() < GUTTER:
            return None
        col = int((pos.x() - GUTTER) / self._col_w())
        if not 0 <= col < 7:
            return None
        return self.first + timedelta(days=col), snap(int(pos.y() * 60 / self.HOUR_H))

    def take_drop(self, ids: list[int], target: tuple[date, int]) -> None:
        day, minutes = target
        self.select(day, ids[0] if len(ids) == 1 else None)
        self.posts_dropped.emit(ids, day, time(minutes // 60, minutes % 60))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        steps: dict[int, int] = {Qt.Key.Key_Left.value: -1, Qt.Key.Key_Right.value: 1}
        if event.key() in steps:
            day = self.selected_day + timedelta(days=steps[event.key()])
            self.select(day, None)
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.selected_post is not None:
                self.edit_requested.emit(self.selected_post)
            else:
                self.new_requested.emit(self.selected_day, None)
            return
        if event.key() == Qt.Key.Key_Space:
            today = [p for p in self.posts if self.ctx and self.ctx.local_day(p.scheduled_at) == self.selected_day]
            today.sort(key=lambda p: (p.scheduled_at, p.id))
            if today:
                self.select(self.selected_day, next_post_id([p.id for p in today], self.selected_post))
            return
        super().keyPressEvent(event)


class WeekView(QWidget):
    """The header and the scrolling hour grid together."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = WeekHeader(self)
        self.grid = WeekGrid()
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(self.grid)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.scroll_area, 1)
        self.grid.day_selected.connect(self._day_changed)
        self.grid.width_changed.connect(self._grid_width)
        self.first_weekday = 0

    def _grid_width(self, width: int) -> None:
        self.header.grid_width = width
        self.header.update()

    def _day_changed(self, day: date) -> None:
        self.header.selected = day
        self.header.update()

    def set_locale(self, plan_locale: PlanLocale) -> None:
        """Write the day names as ``plan_locale`` does and start weeks on its first day."""
        self.header.plan_locale = plan_locale
        self.first_weekday = plan_locale.first_weekday
        self.grid.first_weekday = plan_locale.first_weekday
        self.grid.plan_locale = plan_locale
        self.header.update()
        self.grid.update()

    def set_week(self, day: date) -> None:
        first = week_start(day, self.first_weekday)
        self.header.first = first
        self.header.selected = day
        self.header.update()
        self.grid.set_week(first, day)

    def scroll_to_morning(self) -> None:
        self.scroll_area.verticalScrollBar().setValue(7 * WeekGrid.HOUR_H)
