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
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from smoplanner.core.locale_format import PlanLocale
from smoplanner.ui.calendar.chips import ChipGrid, ChipLayout, ChipPainter, next_post_id
from smoplanner.ui.calendar.common import CalendarContext
from smoplanner.ui.calendar.post_results import ResultsByPost


def month_days(year: int, month: int, first_weekday: int = 0) -> list[list[date]]:
    """The weeks covering the month, each starting on ``first_weekday`` (0 Monday, 6 Sunday), with the days
    of the neighbouring months that fill them."""
    return calendar.Calendar(firstweekday=first_weekday).monthdatescalendar(year, month)


@dataclass(frozen=True)
class _Hit:
    day: date | None
    post_id: int | None = None
    more: bool = False


class MonthGrid(ChipGrid):
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
        self.setMouseTracking(False)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Month calendar")
        self.year = date.today().year
        self.month = date.today().month
        self.plan_locale = PlanLocale.of("en_US")
        self.weeks: list[list[date]] = month_days(self.year, self.month)
        self.posts_by_day: dict[date, list[Any]] = {}
        self.selected_day: date = date.today()
        self.today = date.today()
        self.empty_text = "No posts this month. Double-click a day or press Ctrl+Shift+N to plan one."

    # -- data ----------------------------------------------------------------------------------

    def set_locale(self, plan_locale: PlanLocale) -> None:
        """Name the days as ``plan_locale`` does and start each week on its first day."""
        self.plan_locale = plan_locale
        self.weeks = month_days(self.year, self.month, plan_locale.first_weekday)
        self.update()

    @property
    def weekday_names(self) -> list[str]:
        """The column heads, in the order the plan's locale runs a week (``Mo.`` … in German)."""
        return [self.plan_locale.weekday_name(d, "abbreviated") for d in self.plan_locale.weekdays()]

    def set_month(self, year: int, month: int, selected: date | None = None) -> None:
        self.year, self.month = year, month
        self.weeks = month_days(year, month, self.plan_locale.first_weekday)
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

    def set_posts(self, ctx: CalendarContext, posts: Sequence[Any], results: ResultsByPost | None = None) -> None:
        """Show ``posts`` (PostRows of the shown weeks), sorted by time within each day; ``results``: how
        they did, by post id (for the tooltips)."""
        self.ctx = ctx
        self.results = results or {}
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

    def _chip_heights(self, rect: QRect, posts: Sequence[Any]) -> list[int]:
        """Each chip's height in a day cell ``rect``: two lines (the title on a line of its own) when all the
        day's posts fit that way, and then a third line for each title too long for one, as room allows;
        else one line each."""
        chip_fm = QFontMetrics(self.chip_font())
        one_line = self.fontMetrics().height() + 4
        two_lines = ChipPainter.two_line_height(chip_fm)
        three_lines = ChipPainter.three_line_height(chip_fm)
        room = rect.bottom() - 3 - (rect.top() + self.fontMetrics().height() + 6) + 2
        if not posts or len(posts) * (two_lines + 2) > room:
            return [one_line] * len(posts)
        heights = [two_lines] * len(posts)
        left = room - len(posts) * (two_lines + 2)
        chip = QRect(0, 0, rect.width() - 6, two_lines)
        for i, post in enumerate(posts):
            if left >= three_lines - two_lines and ChipPainter.title_wraps(chip_fm, chip, post):
                heights[i] = three_lines
                left -= three_lines - two_lines
        return heights

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

    def _layout_day(self, rect: QRect, posts: Sequence[Any]) -> tuple[list[QRect], QRect | None]:
        """The chip rectangles that fit the day's cell, and the "+N more" line if some do not."""
        heights = self._chip_heights(rect, posts)
        top = rect.top() + self.fontMetrics().height() + 6
        bottom = rect.bottom() - 3
        rects: list[QRect] = []
        y = top
        for i, h in enumerate(heights):
            last = i == len(heights) - 1
            # Keep a line for "+N more" unless this is the last chip.
            if y + h > bottom or (not last and y + h + 2 + h > bottom):
                break
            rects.append(QRect(rect.left() + 3, y, rect.width() - 6, h))
            y += h + 2
        more = None
        if len(rects) < len(posts):
            more = QRect(rect.left() + 3, y, rect.width() - 6, self.fontMetrics().height() + 4)
        return rects, more

    def hit(self, pos: QPoint) -> _Hit:
        day = self.day_at(pos)
        if day is None:
            return _Hit(None)
        posts = self.posts_on(day)
        chips, more = self._layout_day(self.day_rect(day), posts)
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
                    chips, _ = self._layout_day(self.day_rect(day), posts)
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
        for c, name in enumerate(self.weekday_names):
            painter.drawText(QRect(round(c * cw), 0, round(cw), self.HEADER_H), Qt.AlignmentFlag.AlignCenter, name)
        for r, week in enumerate(self.weeks):
            for c, day in enumerate(week):
                rect = self._cell_rect(r, c)
                in_month = day.month == self.month
                if not in_month:
                    painter.fillRect(rect, pal.color(QPalette.ColorRole.AlternateBase))
                if day == self._drop:
                    hl = QColor(pal.color(QPalette.ColorRole.Highlight))
                    hl.setAlpha(50)
                    painter.fillRect(rect, hl)
                painter.setPen(grid_pen)
                painter.drawRect(rect.adjusted(0, 0, -1, -1))
                label = str(day.day) if day.day != 1 else self.plan_locale.day(day, weekday=False, year=False)
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
                    chips, more = self._layout_day(rect, posts)
                    painter.setFont(small)
                    for chip_rect, post in zip(chips, posts, strict=False):
                        self._chips.paint(
                            painter,
                            chip_rect,
                            post,
                            self.ctx,
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
        hint = self.empty_hint_rect()
        if hint is not None:
            back = QColor(pal.color(QPalette.ColorRole.Base))
            back.setAlpha(230)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(back)
            painter.drawRoundedRect(hint, 6, 6)
            painter.setPen(dim)
            painter.drawText(hint, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.empty_text)
        painter.end()

    def day_number_rect(self, day: date) -> QRect:
        """Where ``day``'s number is drawn (null when the day is not shown)."""
        rect = self.day_rect(day)
        if rect.isNull():
            return rect
        return QRect(rect.left() + 2, rect.top() + 2, rect.width() - 4, self.fontMetrics().height() + 2)

    def empty_hint_rect(self) -> QRect | None:
        """Where the "No posts this month" hint goes: only while no post at all is in the grid (the days of
        the months around it too), inside the middle week's cells below their day numbers, so it never
        covers a post or a day number. None when it is not shown."""
        if any(self.posts_by_day.values()) or not self.weeks:
            return None
        row = len(self.weeks) // 2
        first, last = self._cell_rect(row, 0), self._cell_rect(row, 6)
        top = first.top() + self.fontMetrics().height() + 8
        bottom = first.bottom() - 4
        if bottom - top < self.fontMetrics().height() + 4:
            return None  # no room below the numbers: the Ideas box and the New Post button say it too
        area = QRect(first.left() + 8, top, last.right() - first.left() - 16, bottom - top)
        fm = self.fontMetrics()
        width = min(area.width(), fm.horizontalAdvance(self.empty_text) + 30)
        lines = fm.boundingRect(QRect(0, 0, width - 20, 10_000), Qt.TextFlag.TextWordWrap, self.empty_text).height()
        height = min(area.height(), lines + 16)
        return QRect(area.center().x() - width // 2, area.center().y() - height // 2, width, height)

    # -- tooltips ------------------------------------------------------------------------------

    def event(self, event: Any) -> bool:
        if event.type() == event.Type.ToolTip and isinstance(event, QHelpEvent):
            found = self.hit(event.pos())
            post = self._post(found.post_id) if found.post_id is not None else None
            if post is not None and self.ctx is not None:
                QToolTip.showText(event.globalPos(), self.tooltip_for(post), self)
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
        if event.button() == Qt.MouseButton.RightButton:  # the post under the mouse is what its menu is for
            found = self.hit(event.position().toPoint())
            if found.day is not None and not found.more:
                self.select_day(found.day, found.post_id)
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

    def drop_target(self, pos: QPoint) -> date | None:
        return self.day_at(pos)

    def take_drop(self, ids: list[int], target: date) -> None:
        self.select_day(target, ids[0] if len(ids) == 1 else None)
        self.posts_dropped.emit(ids, target)

    # -- keyboard ------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        steps: dict[int, int] = {
            Qt.Key.Key_Left.value: -1,
            Qt.Key.Key_Right.value: 1,
            Qt.Key.Key_Up.value: -7,
            Qt.Key.Key_Down.value: 7,
        }
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
        self.select_day(self.selected_day, next_post_id([p.id for p in posts], self.selected_post))

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
