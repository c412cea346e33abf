"""Platform badges drawn at run time in the rulebook's colour and letters, crisp at any scale."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from smoplanner.core.plan_settings import PlatformEntry

if TYPE_CHECKING:
    from smoplanner.core.platforms import PlatformRules


def _rules(code: str) -> PlatformRules:
    # The rulebook is read when a badge is first drawn, not when the main window imports this module.
    from smoplanner.core.platforms import load_rulebook

    return load_rulebook().platform(code)


def platform_color(code: str) -> QColor:
    return QColor(_rules(code).brand_color)


def platform_label(code: str, name: str = "") -> str:
    """The letters on a platform's badge: the rulebook's, or a custom platform's first two letters."""
    rules = _rules(code)
    if rules.badge:
        return rules.badge
    base = name or code
    return (base[:2] if len(base) > 1 else base).title()


@cache
def platform_icon(code: str, name: str = "") -> QIcon:
    icon = QIcon()
    for size in (16, 24, 32, 48):
        icon.addPixmap(_badge(code, name, size))
    return icon


def _badge(code: str, name: str, size: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(platform_color(code))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawRoundedRect(QRectF(0.5, 0.5, size - 1, size - 1), size * 0.22, size * 0.22)
    font = QFont()
    font.setBold(True)
    label = platform_label(code, name)
    font.setPixelSize(max(7, int(size * (0.58 if len(label) == 1 else 0.42))))
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, label)
    painter.end()
    return pixmap


def platform_entry_data(entry: PlatformEntry, role: int) -> object:
    """What a list shows for a platform in use: its name (custom ones marked) and its badge."""
    if role == Qt.ItemDataRole.DisplayRole:
        return f"{entry.name} (custom)" if entry.custom else entry.name
    if role == Qt.ItemDataRole.DecorationRole:
        return platform_icon(entry.code, entry.name)
    return None


def platform_name(code: str, fallback: str = "") -> str:
    from smoplanner.core.platforms import load_rulebook

    return load_rulebook().names.get(code, fallback or code)
