"""Post chips as the month and week grids show them: how a chip is laid out and painted, and dragging
chips onto another day (and time)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDrag,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPalette,
)
from PySide6.QtWidgets import QApplication, QWidget

from smoplanner.ui.calendar.common import (
    WARNING_MARK,
    CalendarContext,
    ids_from_mime,
    is_past_due,
    pillar_qcolor,
    post_ids_mime,
    post_tooltip,
    small_platform_pixmap,
    status_mark,
)
from smoplanner.ui.calendar.media_thumbs import PictureBytes, with_first_picture
from smoplanner.ui.calendar.post_results import ResultsByPost, summary_line
from smoplanner.ui.platform_icons import platform_color

WARNING_COLOR = QColor(200, 110, 0)


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
    mark_text: str = ""  # the status mark (PAST_MARK for a scheduled post whose time has passed)
    title_lines: tuple[str, ...] = ()  # the title as painted, one string a line (two when it wraps)


class ChipPainter:
    """Draws one post as a chip: pillar strip, status mark, time, platform badges, warning, title.

    A chip tall enough for two lines puts the title on a line of its own, with the badges side by side
    (as many as fit, then "+N"). A one-line chip is the compact form of a busy day: it shows at most the
    first platform's badge and "+N" for the others, and none when that would leave the title less than
    ``MIN_TITLE``. Badges never overlap; every platform is in the tooltip.
    """

    MIN_TITLE = 48  # pixels the title keeps on a one-line chip; badges give way first
    MAX_BADGES = 4  # badges on a two-line chip before "+N"

    def __init__(self, widget: QWidget) -> None:
        self.widget = widget

    @staticmethod
    def two_line_height(fm: QFontMetrics) -> int:
        return 2 * fm.height() + 6

    @staticmethod
    def three_line_height(fm: QFontMetrics) -> int:
        """A two-line chip whose title wraps onto a second line."""
        return 3 * fm.height() + 6

    @staticmethod
    def title_width(rect: QRect) -> int:
        """How wide the title's own line is on a two-line chip of ``rect``."""
        return rect.right() - 3 - (rect.left() + 7)

    @staticmethod
    def title_wraps(fm: QFontMetrics, rect: QRect, post: Any) -> bool:
        """Whether ``post``'s title is too long for one line of a two-line chip as wide as ``rect``."""
        return fm.horizontalAdvance(post.title or "(no title)") > ChipPainter.title_width(rect)

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
        mark_text = status_mark(post)
        mark = QRect(x, top, fm.horizontalAdvance(mark_text) + 3, line_h)
        x += mark.width() + 1
        time_text, time_rect = "", QRect()
        # A narrow one-line chip keeps its title readable; the time is in the tooltip and the week view.
        if show_time and post.scheduled_at is not None and (two_lines or rect.width() >= 120):
            stamp = ctx.fmt.time(ctx.local(post.scheduled_at))
            w = fm.horizontalAdvance(stamp) + 4
            if x + w <= right:
                time_text, time_rect = stamp, QRect(x, top, w, line_h)
                x += w + 1
        icon = max(8, min(14, line_h - 4))
        most = self.MAX_BADGES if two_lines else 1
        title_room = 0 if two_lines else self.MIN_TITLE + 3
        badges, more, more_rect, x = self._badges(
            fm, post.platforms, x, top, line_h, icon, right - x - title_room, most
        )
        text = post.title or "(no title)"
        if two_lines:
            rows = 2 if rect.height() >= self.three_line_height(fm) else 1
            title_rect = QRect(rect.left() + 7, top + line_h, self.title_width(rect), line_h + (rows - 1) * fm.height())
            lines = self._wrap(fm, text, title_rect.width(), rows)
        else:
            x += 3
            title_rect = QRect(x, top, max(0, right - x), line_h)
            lines = (fm.elidedText(text, Qt.TextElideMode.ElideRight, title_rect.width()),)
        return ChipLayout(
            two_lines,
            mark,
            time_text,
            time_rect,
            badges,
            more,
            more_rect,
            warning,
            " ".join(lines),
            title_rect,
            mark_text,
            lines,
        )

    @staticmethod
    def _wrap(fm: QFontMetrics, text: str, width: int, rows: int) -> tuple[str, ...]:
        """``text`` on at most ``rows`` lines of ``width``, broken between words (inside a word only when
        one is wider than a line), the last line elided."""
        lines: list[str] = []
        rest = text
        while rest and len(lines) < rows - 1 and fm.horizontalAdvance(rest) > width:
            words = rest.split(" ")
            n = len(words)
            while n > 1 and fm.horizontalAdvance(" ".join(words[:n])) > width:
                n -= 1
            line = " ".join(words[:n])
            if fm.horizontalAdvance(line) > width:  # one word wider than the line: break inside it
                cut = len(line)
                while cut > 1 and fm.horizontalAdvance(line[:cut]) > width:
                    cut -= 1
                line = line[:cut]
            lines.append(line)
            rest = rest[len(line) :].lstrip(" ")
        lines.append(fm.elidedText(rest, Qt.TextElideMode.ElideRight, width))
        return tuple(lines)

    @staticmethod
    def _badges(
        fm: QFontMetrics, codes: Sequence[str], x: int, top: int, line_h: int, icon: int, room: int, most: int
    ) -> tuple[tuple[tuple[str, QRect], ...], str, QRect, int]:
        """Up to ``most`` badges side by side, then "+N" for the rest; fewer when ``room`` is short, none
        when not even one badge (with its "+N") fits. Badges never overlap."""
        n = len(codes)
        step = icon + 2

        def width(shown: int) -> int:
            more = f"+{n - shown}" if shown < n else ""
            return shown * step + (fm.horizontalAdvance(more) + 2 if more else 0)

        shown = min(n, most)
        while shown > 0 and width(shown) > room:
            shown -= 1
        if shown == 0:
            return (), "", QRect(), x
        y = top + (line_h - icon) // 2
        placed = tuple((code, QRect(x + i * step, y, icon, icon)) for i, code in enumerate(codes[:shown]))
        x += shown * step
        more = f"+{n - shown}" if shown < n else ""
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
        past = is_past_due(post)
        painter.setPen(text_color if selected or not past else WARNING_COLOR)
        painter.drawText(lay.mark, center, lay.mark_text)
        painter.setPen(text_color)
        if lay.time_text:
            painter.drawText(lay.time, center, lay.time_text)
        base = pal.color(QPalette.ColorRole.Base)
        dark_base = base.lightness() < 128
        for code, badge in lay.badges:
            # A ring sets each badge off the chip: the background colour, or a light one around a
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
            if len(lay.title_lines) > 1:
                box = lay.title_rect
                for i, line in enumerate(lay.title_lines):
                    row = QRect(box.left(), box.top() + 1 + i * fm.height(), box.width(), fm.height())
                    painter.drawText(row, Qt.AlignmentFlag.AlignLeft | center, line)
            else:
                painter.drawText(lay.title_rect, center, lay.title)
        painter.restore()
        return lay


def next_post_id(ids: Sequence[int], current: int | None) -> int:
    """The post after ``current`` among a day's ``ids`` (the first when ``current`` is not one of them),
    so Space walks through a day's posts without a mouse."""
    return ids[0] if current not in ids else ids[(ids.index(current) + 1) % len(ids)]


class ChipGrid(QWidget):
    """A calendar grid whose posts are chips that can be dragged, as post ids, onto a drop target.

    A subclass says where a post's chip is (``chip_rect``), what drop target lies under a point
    (``drop_target``: a day, or a day and a time) and what a drop onto a target does (``take_drop``).
    While a drag hovers, ``_drop`` holds its target, for painting.

    Signals: ``drag_refused`` when the user tries to drag a chip while the grid is not editable.
    """

    drag_refused = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAcceptDrops(True)
        self.ctx: CalendarContext | None = None
        self.editable = True
        self.selected_post: int | None = None
        self._press: tuple[QPoint, int] | None = None
        self._drop: Any | None = None
        self._chips = ChipPainter(self)
        #: Reads a stored picture's bytes by content hash, for the first picture in a chip's tooltip.
        self.picture_bytes: PictureBytes | None = None
        #: How the shown posts did, by post id (read with the posts), for the chips' tooltips.
        self.results: ResultsByPost = {}

    def tooltip_for(self, post: Any) -> str:
        """A chip's tooltip, made when it is hovered: the post in words, with its first picture small."""
        assert self.ctx is not None
        line = summary_line(self.ctx.fmt, self.results.get(post.id, ()))
        return with_first_picture(post_tooltip(self.ctx, post, line), getattr(post, "media", ()), self.picture_bytes)

    # -- what a subclass provides --------------------------------------------------------------

    def chip_rect(self, post_id: int) -> QRect:
        raise NotImplementedError

    def drop_target(self, pos: QPoint) -> Any | None:
        raise NotImplementedError

    def take_drop(self, ids: list[int], target: Any) -> None:
        raise NotImplementedError

    def drag_hotspot(self, start: QPoint, chip: QRect) -> QPoint:
        """Where the dragged chip's picture hangs from the pointer."""
        return start - chip.topLeft()

    # -- shared --------------------------------------------------------------------------------

    def chip_font(self) -> QFont:
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.9))
        return small

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None:
            return
        start, post_id = self._press
        if (event.position().toPoint() - start).manhattanLength() < QApplication.startDragDistance():
            return
        self._press = None
        if not self.editable:
            self.drag_refused.emit()
            return
        drag = QDrag(self)
        drag.setMimeData(post_ids_mime([post_id]))
        rect = self.chip_rect(post_id)
        if not rect.isNull():
            drag.setPixmap(self.grab(rect))
            drag.setHotSpot(self.drag_hotspot(start, rect))
        drag.exec(Qt.DropAction.MoveAction)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._press = None
        super().mouseReleaseEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.editable and ids_from_mime(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        target = self.drop_target(event.position().toPoint())
        if target is None or not self.editable:
            event.ignore()
            return
        if target != self._drop:
            self._drop = target
            self.update()
        event.acceptProposedAction()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._drop = None
        self.update()
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self._drop = None
        if self.drop_mime(event.mimeData(), event.position().toPoint()):
            event.acceptProposedAction()
        else:
            event.ignore()
        self.update()

    def drop_mime(self, mime: Any, pos: QPoint) -> bool:
        """Handle dropped post ids at ``pos``; True when they were taken."""
        ids = ids_from_mime(mime)
        target = self.drop_target(pos)
        if not ids or target is None or not self.editable:
            return False
        self.take_drop(ids, target)
        return True
