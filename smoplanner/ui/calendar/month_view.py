"""The month grid: weeks of days, each listing its posts as compact chips that can be dragged to another day."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDrag,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
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
from PySide6.QtWidgets import QApplication, QSizePolicy, QToolTip, QWidget

from smoplanner.ui.calendar.common import (
    STATUS_MARKS,
    WARNING_MARK,
    CalendarContext,
    ids_from_mime,
    pillar_qcolor,
    post_ids_mime,
    post_tooltip,
    small_platform_pixmap,
)
from smoplanner.ui.platform_icons import platform_color

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WARNING_COLOR = QColor(200, 110, 0)


def month_days(year: int, month: int) -> list[list[date]]:
    """The weeks (Monday first) covering the month, with the days of the neighbouring months that fill them."""
    return calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)


@dataclass(frozen=True)
class _Hit:
    day: date | None
    post_id: int | None = None
    more: bool = False


@dataclass(frozen=True)
class ChipLayout:
    """Where each part of a chip goes; ``paint`` draws exactly this, and tests read it."""

    two_lines: bool
    mark: QRect
    time_text: str
    time: QRect
    badges: tuple[tuple[str, QRect], ...]  # platform code and where its badge goes
    more_badges: str  # "+2" when not every platform has a badge
    more_rect: QRect
    warning: QRect  # null when the post breaks no rule
    title: str  # elided to fit
    title_rect: QRect


class ChipPainter:
    """Draws one post as a chip: pillar strip, status mark, time, platform badges, warning, title.

    A chip tall enough for two lines puts the title on a line of its own, so it stays readable next to
    the badges; a one-line chip overlaps the badges when it is short of room.
    """

    MIN_TITLE = 36  # pixels the title keeps on a one-line chip before badges are squeezed

    def __init__(self, widget: QWidget) -> None:
        self.widget = widget

    @staticmethod
    def two_line_height(fm: QFontMetrics) -> int:
        return 2 * fm.height() + 6

    def layout(
        self, fm: QFontMetrics, rect: QRect, post: Any, ctx: CalendarContext, *, show_time: bool = True
    ) -> ChipLayout:
        two_lines = rect.height() >= self.two_line_height(fm)
        line_h = fm.height() + 3 if two_lines else rect.height()
        top = rect.top() + (1 if two_lines else 0)
        x = rect.left() + 7
        right = rect.right() - 3
        warning = QRect()
        if post.has_problems:
            warn_w = fm.horizontalAdvance(WARNING_MARK) + 2
            warning = QRect(right - warn_w, top, warn_w, line_h)
            right -= warn_w + 2
        mark_text = STATUS_MARKS.get(post.status, "?")
        mark = QRect(x, top, fm.horizontalAdvance(mark_text) + 3, line_h)
        x += mark.width() + 1
        time_text, time_rect = "", QRect()
        # A narrow one-line chip keeps its title readable; the time is in the tooltip and the week view.
        if show_time and post.scheduled_at is not None and (two_lines or rect.width() >= 120):
            stamp = ctx.local(post.scheduled_at).strftime("%H:%M")
            w = fm.horizontalAdvance(stamp) + 4
            if x + w <= right:
                time_text, time_rect = stamp, QRect(x, top, w, line_h)
                x += w + 1
        icon = max(8, min(14, line_h - 4))
        title_room = 0 if two_lines else max(self.MIN_TITLE, (right - x) * 3 // 5)
        badges, more, more_rect, x = self._badges(fm, post.platforms, x, top, line_h, icon, right - x - title_room)
        if two_lines:
            title_rect = QRect(rect.left() + 7, top + line_h, rect.right() - 3 - (rect.left() + 7), line_h)
        else:
            x += 3
            title_rect = QRect(x, top, max(0, right - x), line_h)
        title = fm.elidedText(post.title or "(no title)", Qt.TextElideMode.ElideRight, title_rect.width())
        return ChipLayout(two_lines, mark, time_text, time_rect, badges, more, more_rect, warning, title, title_rect)

    @staticmethod
    def _badges(
        fm: QFontMetrics, codes: Sequence[str], x: int, top: int, line_h: int, icon: int, room: int
    ) -> tuple[tuple[tuple[str, QRect], ...], str, QRect, int]:
        """Badges side by side when they fit, else overlapping, else as many as fit and "+N"."""
        n = len(codes)
        if n == 0 or room < icon:
            return (), "", QRect(), x
        y = top + (line_h - icon) // 2
        if n * (icon + 2) <= room:
            step = icon + 2
        else:
            # Overlap them as much as needed, while each stays recognisable (at least two fifths of it shows).
            step = min(icon * 3 // 5, (room - icon) // (n - 1)) if n > 1 else icon
            step = max(step, icon * 2 // 5)
        shown = min(n, 4)
        more = f"+{n - shown}" if shown < n else ""
        while shown > 1 and icon + (shown - 1) * step + (fm.horizontalAdvance(more) + 2 if more else 0) > room:
            shown -= 1
            more = f"+{n - shown}"
        placed = tuple((code, QRect(x + i * step, y, icon, icon)) for i, code in enumerate(codes[:shown]))
        x += icon + (shown - 1) * step + 2
        more_rect = QRect()
        if more:
            w = fm.horizontalAdvance(more) + 2
            more_rect = QRect(x, top, w, line_h)
            x += w
        return placed, more, more_rect, x

    def paint(
        self,
        painter: QPainter,
        rect: QRect,
        post: Any,
        ctx: CalendarContext,
        *,
        selected: bool,
        show_time: bool = True,
    ) -> ChipLayout:
        pal = self.widget.palette()
        fm = QFontMetrics(painter.font())
        pillar = pillar_qcolor(post.pillar_color)
        if selected:
            background = pal.color(QPalette.ColorRole.Highlight)
            text_color = pal.color(QPalette.ColorRole.HighlightedText)
        else:
            background = QColor(pillar)
            background.setAlpha(38)
            text_color = pal.color(QPalette.ColorRole.Text)
        lay = self.layout(fm, rect, post, ctx, show_time=show_time)
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(pal.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(rect, 3, 3)
        painter.setBrush(background)
        painter.drawRoundedRect(rect, 3, 3)
        painter.setBrush(pillar)
        painter.drawRect(QRect(rect.left(), rect.top(), 4, rect.height()))
        center = Qt.AlignmentFlag.AlignVCenter
        if not lay.warning.isNull():
            painter.setPen(text_color if selected else WARNING_COLOR)
            painter.drawText(lay.warning, center, WARNING_MARK)
        painter.setPen(text_color)
        painter.drawText(lay.mark, center, STATUS_MARKS.get(post.status, "?"))
        if lay.time_text:
            painter.drawText(lay.time, center, lay.time_text)
        base = pal.color(QPalette.ColorRole.Base)
        dark_base = base.lightness() < 128
        for code, badge in lay.badges:
            # A ring keeps overlapping badges apart: the background colour, or a light one around a
            # near-black badge (X, TikTok, Threads) on a dark palette, where it would vanish.
            ring = QColor(190, 190, 190) if dark_base and platform_color(code).lightness() < 70 else base
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(ring)
            painter.drawRoundedRect(badge.adjusted(-1, -1, 1, 1), 3, 3)
            painter.drawPixmap(badge.topLeft(), small_platform_pixmap(code, badge.width()))
        painter.setPen(text_color)
        if lay.more_badges:
            painter.drawText(lay.more_rect, center, lay.more_badges)
        if lay.title_rect.width() > 0:
            painter.drawText(lay.title_rect, center, lay.title)
        painter.restore()
        return lay


class MonthGrid(QWidget):
    """A month of days with their posts as chips.

    Signals: ``day_selected(date)``, ``post_selected(int | None)``, ``edit_requested(int)``,
    ``new_requested(date)``, ``day_list_requested(date)``, ``posts_dropped(list[int], date)``,
    ``month_change_requested(date)`` (arrow keys past the month's edge).
    """

    day_selected = Signal(object)
    post_selected = Signal(object)
    edit_requested = Signal(int)
    new_requested = Signal(object)
    day_list_requested = Signal(object)
    posts_dropped = Signal(list, object)
    month_change_requested = Signal(object)

    HEADER_H = 22

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAcceptDrops(True)
        self.setMouseTracking(False)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Month calendar")
        self.ctx: CalendarContext | None = None
        self.editable = True
        self.year = date.today().year
        self.month = date.today().month
        self.weeks: list[list[date]] = month_days(self.year, self.month)
        self.posts_by_day: dict[date, list[Any]] = {}
        self.selected_day: date = date.today()
        self.selected_post: int | None = None
        self.today = date.today()
        self._press: tuple[QPoint, int] | None = None
        self._drop_day: date | None = None
        self._chips = ChipPainter(self)
        self.empty_text = "No posts this month. Double-click a day or press Ctrl+N to plan one."

    # -- data ----------------------------------------------------------------------------------

    def set_month(self, year: int, month: int, selected: date | None = None) -> None:
        self.year, self.month = year, month
        self.weeks = month_days(year, month)
        if selected is not None:
            self.selected_day = selected
        elif not (self.selected_day.year == year and self.selected_day.month == month):
            self.selected_day = date(year, month, 1)
        self.update()

    @property
    def first_shown(self) -> date:
        return self.weeks[0][0]

    @property
    def last_shown(self) -> date:
        return self.weeks[-1][-1]

    def set_posts(self, ctx: CalendarContext, posts: Sequence[Any]) -> None:
        """Show ``posts`` (PostRows of the shown weeks), sorted by time within each day."""
        self.ctx = ctx
        by_day: dict[date, list[Any]] = {}
        for post in posts:
            if post.scheduled_at is None:
                continue
            by_day.setdefault(ctx.local_day(post.scheduled_at), []).append(post)
        for day_posts in by_day.values():
            day_posts.sort(key=lambda p: (p.scheduled_at, p.id))
        self.posts_by_day = by_day
        if self.selected_post is not None and not any(
            p.id == self.selected_post for p in by_day.get(self.selected_day, ())
        ):
            self.selected_post = None
        self.update()

    def posts_on(self, day: date) -> list[Any]:
        return self.posts_by_day.get(day, [])

    def month_post_count(self) -> int:
        return sum(len(v) for d, v in self.posts_by_day.items() if d.month == self.month and d.year == self.year)

    def select_day(self, day: date, post_id: int | None = None) -> None:
        changed = day != self.selected_day
        self.selected_day = day
        self.selected_post = post_id
        if changed:
            self.day_selected.emit(day)
        self.post_selected.emit(post_id)
        self.update()

    def current_post_ids(self) -> list[int]:
        """The post an action applies to: the selected chip, or the day's only post."""
        if self.selected_post is not None:
            return [self.selected_post]
        posts = self.posts_on(self.selected_day)
        return [posts[0].id] if len(posts) == 1 else []

    # -- geometry ------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(760, 560)

    def minimumSizeHint(self) -> QSize:
        return QSize(420, 300)

    def chip_font(self) -> QFont:
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.9))
        return small

    def _chip_height(self, count: int) -> int:
        """Two-line chips (the title on a line of its own) when a day's ``count`` posts all fit that way."""
        one_line = self.fontMetrics().height() + 4
        two_lines = ChipPainter.two_line_height(QFontMetrics(self.chip_font()))
        cell_h = (self.height() - self.HEADER_H) // max(1, len(self.weeks))
        room = cell_h - 3 - (self.fontMetrics().height() + 6)
        return two_lines if 0 < count <= (room + 2) // (two_lines + 2) else one_line

    def chip_layout(self, post_id: int) -> ChipLayout | None:
        """How the chip of ``post_id`` is drawn (None when it is not on screen)."""
        rect = self.chip_rect(post_id)
        post = self._post(post_id)
        if rect.isNull() or post is None or self.ctx is None:
            return None
        return self._chips.layout(QFontMetrics(self.chip_font()), rect, post, self.ctx)

    def _cell_rect(self, row: int, col: int) -> QRect:
        w = self.width() / 7
        h = (self.height() - self.HEADER_H) / max(1, len(self.weeks))
        left = round(col * w)
        top = self.HEADER_H + round(row * h)
        return QRect(left, top, round((col + 1) * w) - left, self.HEADER_H + round((row + 1) * h) - top)

    def day_rect(self, day: date) -> QRect:
        for r, week in enumerate(self.weeks):
            for c, d in enumerate(week):
                if d == day:
                    return self._cell_rect(r, c)
        return QRect()

    def day_at(self, pos: QPoint) -> date | None:
        if pos.y() < self.HEADER_H or not self.rect().contains(pos):
            return None
        col = min(6, int(pos.x() / (self.width() / 7)))
        row = int((pos.y() - self.HEADER_H) / ((self.height() - self.HEADER_H) / max(1, len(self.weeks))))
        if 0 <= row < len(self.weeks):
            return self.weeks[row][col]
        return None

    def _layout_day(self, rect: QRect, count: int) -> tuple[list[QRect], QRect | None]:
        """The chip rectangles that fit the day's cell, and the "+N more" line if some do not."""
        chip_h = self._chip_height(count)
        top = rect.top() + self.fontMetrics().height() + 6
        room = rect.bottom() - 3 - top
        fits = max(0, (room + 2) // (chip_h + 2))
        shown = count if count <= fits else max(0, fits - 1)
        rects = [QRect(rect.left() + 3, top + i * (chip_h + 2), rect.width() - 6, chip_h) for i in range(shown)]
        more = None
        if shown < count:
            more = QRect(rect.left() + 3, top + shown * (chip_h + 2), rect.width() - 6, chip_h)
        return rects, more

    def hit(self, pos: QPoint) -> _Hit:
        day = self.day_at(pos)
        if day is None:
            return _Hit(None)
        posts = self.posts_on(day)
        chips, more = self._layout_day(self.day_rect(day), len(posts))
        for rect, post in zip(chips, posts, strict=False):
            if rect.contains(pos):
                return _Hit(day, post.id)
        if more is not None and more.contains(pos):
            return _Hit(day, more=True)
        return _Hit(day)

    def chip_rect(self, post_id: int) -> QRect:
        for day, posts in self.posts_by_day.items():
            for i, post in enumerate(posts):
                if post.id == post_id:
                    chips, _ = self._layout_day(self.day_rect(day), len(posts))
                    return chips[i] if i < len(chips) else QRect()
        return QRect()

    # -- painting ------------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        pal = self.palette()
        painter.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        grid_pen = pal.color(QPalette.ColorRole.Mid)
        text = pal.color(QPalette.ColorRole.Text)
        dim = pal.color(QPalette.ColorRole.PlaceholderText)
        small = self.chip_font()
        bold = QFont(self.font())
        bold.setBold(True)

        cw = self.width() / 7
        painter.setPen(dim)
        for c, name in enumerate(WEEKDAYS):
            painter.drawText(
                QRect(round(c * cw), 0, round(cw), self.HEADER_H), Qt.AlignmentFlag.AlignCenter, name
            )
        for r, week in enumerate(self.weeks):
            for c, day in enumerate(week):
                rect = self._cell_rect(r, c)
                in_month = day.month == self.month
                if not in_month:
                    painter.fillRect(rect, pal.color(QPalette.ColorRole.AlternateBase))
                if day == self._drop_day:
                    hl = QColor(pal.color(QPalette.ColorRole.Highlight))
                    hl.setAlpha(50)
                    painter.fillRect(rect, hl)
                painter.setPen(grid_pen)
                painter.drawRect(rect.adjusted(0, 0, -1, -1))
                label = str(day.day) if day.day != 1 else day.strftime("%-d %b")
                number_rect = QRect(rect.left() + 5, rect.top() + 3, rect.width() - 10, self.fontMetrics().height())
                if day == self.today:
                    painter.setFont(bold)
                    w = painter.fontMetrics().horizontalAdvance(label) + 10
                    badge = QRect(number_rect.left() - 3, number_rect.top() - 1, w, number_rect.height() + 2)
                    painter.setPen(Qt.PenStyle.NoPen)
                    painter.setBrush(pal.color(QPalette.ColorRole.Highlight))
                    painter.drawRoundedRect(badge, 4, 4)
                    painter.setPen(pal.color(QPalette.ColorRole.HighlightedText))
                    painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, label)
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.setFont(self.font())
                else:
                    painter.setPen(text if in_month else dim)
                    painter.drawText(number_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
                posts = self.posts_on(day)
                if posts and self.ctx is not None:
                    chips, more = self._layout_day(rect, len(posts))
                    painter.setFont(small)
                    for chip_rect, post in zip(chips, posts, strict=False):
                        self._chips.paint(
                            painter, chip_rect, post, self.ctx,
                            selected=post.id == self.selected_post and day == self.selected_day,
                        )
                    if more is not None:
                        painter.setPen(pal.color(QPalette.ColorRole.Link))
                        painter.drawText(
                            more.adjusted(4, 0, 0, 0),
                            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                            f"+{len(posts) - len(chips)} more",
                        )
                    painter.setFont(self.font())
        # The selected day on top, so its frame is not covered by a neighbour's.
        sel = self.day_rect(self.selected_day)
        if not sel.isNull():
            pen_color = pal.color(QPalette.ColorRole.Highlight)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(pen_color, 2 if self.hasFocus() else 1))
            painter.drawRect(sel.adjusted(1, 1, -2, -2))
        if not self.month_post_count():
            painter.setPen(dim)
            area = self.rect().adjusted(20, self.HEADER_H, -20, 0)
            band = QRect(area.left(), area.center().y() - 20, area.width(), 40)
            back = QColor(pal.color(QPalette.ColorRole.Base))
            back.setAlpha(220)
            width = painter.fontMetrics().horizontalAdvance(self.empty_text) + 30
            box = QRect(band.center().x() - width // 2, band.top(), width, band.height())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(back)
            painter.drawRoundedRect(box, 6, 6)
            painter.setPen(dim)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.empty_text)
        painter.end()

    # -- tooltips ------------------------------------------------------------------------------

    def event(self, event: Any) -> bool:
        if event.type() == event.Type.ToolTip and isinstance(event, QHelpEvent):
            found = self.hit(event.pos())
            post = self._post(found.post_id) if found.post_id is not None else None
            if post is not None and self.ctx is not None:
                QToolTip.showText(event.globalPos(), post_tooltip(self.ctx, post), self)
            elif found.more and found.day is not None:
                QToolTip.showText(event.globalPos(), "Show all posts of this day", self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def _post(self, post_id: int) -> Any | None:
        for posts in self.posts_by_day.values():
            for post in posts:
                if post.id == post_id:
                    return post
        return None

    # -- mouse ---------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        found = self.hit(event.position().toPoint())
        if found.day is None:
            return
        if found.more:
            self.select_day(found.day)
            self.day_list_requested.emit(found.day)
            return
        self.select_day(found.day, found.post_id)
        if found.post_id is not None:
            self._press = (event.position().toPoint(), found.post_id)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None or not self.editable:
            return
        start, post_id = self._press
        if (event.position().toPoint() - start).manhattanLength() < QApplication.startDragDistance():
            return
        self._press = None
        drag = QDrag(self)
        drag.setMimeData(post_ids_mime([post_id]))
        rect = self.chip_rect(post_id)
        if not rect.isNull():
            drag.setPixmap(self.grab(rect))
            drag.setHotSpot(start - rect.topLeft())
        drag.exec(Qt.DropAction.MoveAction)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._press = None
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        found = self.hit(event.position().toPoint())
        if found.day is None:
            return
        if found.post_id is not None:
            self.edit_requested.emit(found.post_id)
        elif found.more:
            self.day_list_requested.emit(found.day)
        else:
            self.new_requested.emit(found.day)

    # -- drag and drop -------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.editable and ids_from_mime(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        day = self.day_at(event.position().toPoint())
        if day is None or not self.editable:
            event.ignore()
            return
        if day != self._drop_day:
            self._drop_day = day
            self.update()
        event.acceptProposedAction()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._drop_day = None
        self.update()
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self._drop_day = None
        if self.drop_mime(event.mimeData(), event.position().toPoint()):
            event.acceptProposedAction()
        else:
            event.ignore()
        self.update()

    def drop_mime(self, mime: Any, pos: QPoint) -> bool:
        """Handle dropped post ids at ``pos``; True when they were taken."""
        ids = ids_from_mime(mime)
        day = self.day_at(pos)
        if not ids or day is None or not self.editable:
            return False
        self.select_day(day, ids[0] if len(ids) == 1 else None)
        self.posts_dropped.emit(ids, day)
        return True

    # -- keyboard ------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        steps = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -7, Qt.Key.Key_Down: 7}
        if key in steps and not event.modifiers() & Qt.KeyboardModifier.AltModifier:
            self._move_selection(steps[key])
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.activate_selection()
            return
        if key == Qt.Key.Key_Tab and event.modifiers() == Qt.KeyboardModifier.ControlModifier:
            super().keyPressEvent(event)
            return
        if key in (Qt.Key.Key_Space,):
            self._cycle_post()
            return
        super().keyPressEvent(event)

    def _cycle_post(self) -> None:
        """Space walks through the selected day's posts, so each can be picked without a mouse."""
        posts = self.posts_on(self.selected_day)
        if not posts:
            return
        ids = [p.id for p in posts]
        nxt = ids[0] if self.selected_post not in ids else ids[(ids.index(self.selected_post) + 1) % len(ids)]
        self.select_day(self.selected_day, nxt)

    def _move_selection(self, days: int) -> None:
        target = self.selected_day + timedelta(days=days)
        self.select_day(target)
        if (target.year, target.month) != (self.year, self.month):
            self.month_change_requested.emit(target)

    def activate_selection(self) -> None:
        if self.selected_post is not None:
            self.edit_requested.emit(self.selected_post)
            return
        posts = self.posts_on(self.selected_day)
        if len(posts) == 1:
            self.edit_requested.emit(posts[0].id)
        elif posts:
            self.day_list_requested.emit(self.selected_day)
        else:
            self.new_requested.emit(self.selected_day)
