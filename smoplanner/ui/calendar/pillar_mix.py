"""The bar under the month and week views: the month's posts per content pillar against each pillar's target."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from smoplanner.core.locale_format import PlanLocale
from smoplanner.store import posts as store
from smoplanner.ui.calendar.common import pillar_qcolor


class PillarMixBar(QWidget):
    """The month's posts per pillar against each pillar's target, as labelled bars that wrap into rows.

    Each item reads "Offers  3 · 12% / 15%" (posts, share, target); the name gives way before the
    figures when room is short, and the tooltip says it in a full sentence.
    """

    MIN_ITEM_W = 150
    MAX_ITEM_W = 260

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shares: list[store.PillarShare] = []
        self.total = 0
        self.fmt = PlanLocale.of("en_US")
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)  # items wrap into more rows when the window is narrow
        self.setSizePolicy(policy)
        self.setAccessibleName("Pillar mix this month")

    def set_shares(self, shares: Sequence[store.PillarShare], fmt: PlanLocale | None = None) -> None:
        """Show ``shares``, the percentages written as ``fmt`` (the plan's locale) writes them."""
        self.fmt = fmt or self.fmt
        self.shares = list(shares)
        self.total = sum(s.post_count for s in shares)
        self.setToolTip("")
        self.setAccessibleDescription("; ".join(self.lines()))
        self.updateGeometry()
        self.update()

    @staticmethod
    def _name(share: store.PillarShare) -> str:
        return share.pillar.name if share.pillar is not None else "No pillar"

    @staticmethod
    def _target(share: store.PillarShare) -> int:
        return share.pillar.target_percent if share.pillar is not None and share.pillar.target_percent else 0

    def lines(self) -> list[str]:
        """Full sentences, for the tooltip and screen readers."""
        out = []
        for s in self.shares:
            posts = f"{s.post_count} post{'' if s.post_count == 1 else 's'}"
            text = f"{self._name(s)}: {posts} of this month's {self.total} ({self._percent(s.share * 100)})"
            target = self._target(s)
            text += f"; the target is {self._percent(target)} of the month" if target else "; no target set"
            out.append(text)
        return out

    def figures(self, share: store.PillarShare) -> str:
        """ "3 · 12% / 15%": posts, share of the month, target (when there is one)."""
        text = f"{share.post_count} · {self._percent(share.share * 100)}"
        return text + (f" / {self._percent(self._target(share))}" if self._target(share) else "")

    def _percent(self, value: float) -> str:
        return self.fmt.percent(round(value))

    def short_labels(self) -> list[str]:
        return [f"{self._name(s)}  {self.figures(s)}" for s in self.shares]

    def _item_w(self) -> int:
        fm = self.fontMetrics()
        widest = max((fm.horizontalAdvance(t) for t in self.short_labels()), default=0) + 28
        return max(self.MIN_ITEM_W, min(self.MAX_ITEM_W, widest))

    def _columns(self) -> int:
        return max(1, min(len(self.shares) or 1, self.width() // self._item_w()))

    def _row_h(self) -> int:
        return self.fontMetrics().height() + 12

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        cols = max(1, min(len(self.shares) or 1, width // self._item_w()))
        rows = max(1, -(-len(self.shares) // cols)) if self.shares else 1
        return rows * self._row_h() + 2

    def sizeHint(self) -> QSize:
        return QSize(600, self.heightForWidth(max(self.width(), 600)))

    def item_rect(self, i: int) -> QRect:
        cols = self._columns()
        w = self.width() / cols
        x = round((i % cols) * w)
        return QRect(x, (i // cols) * self._row_h(), round(w), self._row_h())

    def _label_rect(self, item: QRect) -> QRect:
        return QRect(item.left() + 16, item.top() + 1, item.width() - 24, self.fontMetrics().height())

    def item_texts(self, i: int) -> tuple[str, str]:
        """What item ``i`` shows: the pillar's name (elided only when the figures need the room), the figures."""
        fm = self.fontMetrics()
        figures = self.figures(self.shares[i])
        name_w = max(0, self._label_rect(self.item_rect(i)).width() - fm.horizontalAdvance(figures) - 8)
        return fm.elidedText(self._name(self.shares[i]), Qt.TextElideMode.ElideRight, name_w), figures

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            lines = self.lines()
            for i in range(len(self.shares)):
                if self.item_rect(i).contains(event.pos()):
                    QToolTip.showText(event.globalPos(), lines[i], self)
                    return True
            QToolTip.hideText()
            event.ignore()
            return True
        return super().event(event)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        pal = self.palette()
        fm = self.fontMetrics()
        if not self.shares:
            painter.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                self.rect().adjusted(4, 0, 0, 0),
                Qt.AlignmentFlag.AlignVCenter,
                fm.elidedText(
                    "Pillar mix: no posts this month. Give posts a content pillar to compare the month "
                    "with your targets.",
                    Qt.TextElideMode.ElideRight,
                    self.width() - 8,
                ),
            )
            painter.end()
            return
        text_color = pal.color(QPalette.ColorRole.WindowText)
        track = QColor(text_color)
        track.setAlpha(45)  # a faint track in light and dark palettes alike
        for i, s in enumerate(self.shares):
            item = self.item_rect(i)
            x, y, w = item.left(), item.top(), item.width()
            color = pillar_qcolor(s.pillar.color if s.pillar else None)
            painter.fillRect(QRect(x + 2, y + 3, 10, fm.height() - 2), color)
            painter.setPen(text_color)
            label_rect = self._label_rect(item)
            name, figures = self.item_texts(i)
            painter.drawText(label_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, figures)
            painter.drawText(label_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, name)
            bar = QRect(x + 16, y + fm.height() + 3, w - 24, 5)
            painter.fillRect(bar, track)
            painter.fillRect(QRect(bar.left(), bar.top(), round(bar.width() * min(1.0, s.share)), bar.height()), color)
            if self._target(s):
                tx = bar.left() + round(bar.width() * self._target(s) / 100)
                painter.setPen(text_color)
                painter.drawLine(tx, bar.top() - 2, tx, bar.bottom() + 2)
        painter.end()
