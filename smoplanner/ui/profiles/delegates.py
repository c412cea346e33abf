"""Delegates of the Profiles tab: the score bar beside each platform's name."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from smoplanner.ui.profiles.models import FAIL_COLOR, OK_COLOR, WARN_COLOR, ScoreRole, ScoreTextRole, percent

_BAR_WIDTH = 44
_TEXT_WIDTH = 38
_WIDE_ENOUGH = 200


def score_color(score: float):
    if score >= 0.8:
        return OK_COLOR
    if score >= 0.5:
        return WARN_COLOR
    return FAIL_COLOR


class ScoreBarDelegate(QStyledItemDelegate):
    """Draws the item as usual, then a small bar and the percentage at its right edge."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        score = index.data(ScoreRole)
        if score is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, opt.widget)
        full = QRect(option.rect)
        view = opt.widget
        if view is not None and hasattr(view, "viewport"):
            # The bar sits at the visible right edge, however long the name is.
            full.setRight(min(full.right(), view.viewport().width() - 1))
        # In a narrow list the bar gives way to the name; the percentage always stays.
        show_bar = full.width() >= _WIDE_ENOUGH
        reserved = _BAR_WIDTH + _TEXT_WIDTH + 12 if show_bar else _TEXT_WIDTH + 8
        opt.rect = QRect(full.adjusted(0, 0, -reserved, 0))
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)

        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        right = full.right() - 6
        text_rect = QRect(right - _TEXT_WIDTH, option.rect.top(), _TEXT_WIDTH, option.rect.height())
        bar = QRect(text_rect.left() - _BAR_WIDTH - 4, option.rect.center().y() - 3, _BAR_WIDTH, 7)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Active
        text_color = opt.palette.color(
            group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        track = opt.palette.color(group, QPalette.ColorRole.Mid)
        if show_bar:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(track)
            painter.drawRoundedRect(bar, 3, 3)
            filled = QRect(bar)
            filled.setWidth(max(0, round(bar.width() * float(score))))
            if filled.width():
                painter.setBrush(score_color(float(score)))
                painter.drawRoundedRect(filled, 3, 3)
        painter.setPen(text_color)
        painter.drawText(
            text_rect,
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            index.data(ScoreTextRole) or percent(float(score)),
        )
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + _BAR_WIDTH + _TEXT_WIDTH + 16, max(size.height(), 28))
