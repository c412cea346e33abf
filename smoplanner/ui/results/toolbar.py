"""The chart's toolbar (zoom, pan, save as PNG, SVG or PDF) with icons drawn in the palette's text colour,
so they read on a dark window as on a light one. Importing this module imports matplotlib."""

from __future__ import annotations

from typing import Any

from matplotlib import cbook
from matplotlib.backends.backend_qtagg import NavigationToolbar2QT
from PySide6.QtCore import QByteArray, QEvent, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QIconEngine, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QWidget


class PaletteIconEngine(QIconEngine):
    """One of matplotlib's toolbar SVGs, painted in the toolbar's current text colour (greyed when
    disabled); read when painted, so a palette change shows at once."""

    def __init__(self, svg: bytes, toolbar: QWidget) -> None:
        super().__init__()
        self.renderer = QSvgRenderer(QByteArray(svg))
        self.toolbar = toolbar

    def colour(self, mode: QIcon.Mode) -> QColor:
        from PySide6.QtGui import QPalette

        group = QPalette.ColorGroup.Disabled if mode == QIcon.Mode.Disabled else QPalette.ColorGroup.Active
        return self.toolbar.palette().color(group, QPalette.ColorRole.WindowText)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        painter.drawPixmap(rect, self.pixmap(rect.size(), mode, state))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        ratio = self.toolbar.devicePixelRatioF() or 1.0
        pixmap = QPixmap(QSize(round(size.width() * ratio), round(size.height() * ratio)))
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        try:
            self.renderer.render(painter, QRectF(0, 0, pixmap.width(), pixmap.height()))
            # Keep the drawing's shape, take the palette's colour.
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
            painter.fillRect(pixmap.rect(), self.colour(mode))
        finally:
            painter.end()
        pixmap.setDevicePixelRatio(ratio)
        return pixmap

    def clone(self) -> QIconEngine:
        return PaletteIconEngine(b"", self.toolbar)


class ChartToolbar(NavigationToolbar2QT):
    """matplotlib's Qt toolbar with icons that follow the palette (its own invert only a few platforms)."""

    def __init__(self, canvas: Any, parent: QWidget | None = None) -> None:
        super().__init__(canvas, parent)
        self.setIconSize(QSize(20, 20))

    def _icon(self, name: str) -> QIcon:
        path = cbook._get_data_path("images", name).with_suffix(".svg")
        return QIcon(PaletteIconEngine(path.read_bytes(), self))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.update()  # the icons are painted again in the new colour
