"""Small pictures of a post's media: the editor's thumbnails and the picture in a chip's tooltip.

Pictures are decoded from the bytes the plan keeps (scaled while decoding, so a large photo stays fast); a
video has no picture of its own here (no new dependencies to read video frames), so it shows a film icon.
Each thumbnail is made once per content hash and size and kept in a small cache.
"""

from __future__ import annotations

import base64
import html
from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QImageReader, QPainter, QPen, QPixmap

from smoplanner.core.media import MediaItem

#: Reads a stored picture's bytes by its content hash (None: not in the plan).
PictureBytes = Callable[[str], "bytes | None"]

TOOLTIP_SIDE = 96  # the tooltip's picture fits in this square
_CACHE_SIZE = 96
_images: OrderedDict[tuple[str, int], QImage] = OrderedDict()
_tooltip_uris: OrderedDict[str, str] = OrderedDict()


def _remember(cache: OrderedDict, key: object, value: object) -> None:  # type: ignore[type-arg]
    cache[key] = value
    cache.move_to_end(key)
    while len(cache) > _CACHE_SIZE:
        cache.popitem(last=False)


def decode_scaled(data: bytes, side: int) -> QImage:
    """The picture in ``data`` scaled to fit a ``side``×``side`` square (a null image if it cannot be read)."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and (size.width() > side or size.height() > side):
        reader.setScaledSize(size.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    buffer.close()
    if not image.isNull() and (image.width() > side or image.height() > side):
        image = image.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
    return image


def picture_image(item: MediaItem, side: int, picture_bytes: PictureBytes | None) -> QImage:
    """A picture item's thumbnail: from the bytes it carries (just attached) or from the plan."""
    key = (item.sha256, side)
    cached = _images.get(key)
    if cached is not None:
        _images.move_to_end(key)
        return cached
    data = item.data
    if data is None and picture_bytes is not None:
        data = picture_bytes(item.sha256)
    image = decode_scaled(data, side) if data else QImage()
    if not image.isNull():
        _remember(_images, key, image)
    return image


def film_icon(width: int, height: int, color: QColor, missing: bool = False) -> QPixmap:
    """A video's tile: a strip of film with a play mark (crossed out when the file is gone)."""
    pixmap = QPixmap(width, height)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    body = QRect(4, 8, width - 8, height - 16)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(60, 64, 72))
    painter.drawRoundedRect(body, 4, 4)
    painter.setBrush(QColor(235, 235, 235))
    hole = max(3, body.height() // 10)
    for x in range(body.left() + 4, body.right() - hole, hole * 2):
        painter.drawRect(x, body.top() + 3, hole, hole)
        painter.drawRect(x, body.bottom() - 3 - hole, hole, hole)
    centre = body.center()
    r = body.height() // 5
    painter.setBrush(QColor(255, 255, 255))
    painter.drawPolygon(
        [
            QPoint(centre.x() - r, centre.y() - r),
            QPoint(centre.x() - r, centre.y() + r),
            QPoint(centre.x() + r, centre.y()),
        ]
    )
    if missing:
        painter.setPen(QPen(color, 3))
        painter.drawLine(body.topLeft(), body.bottomRight())
        painter.drawLine(body.bottomLeft(), body.topRight())
    painter.end()
    return pixmap


def placeholder_icon(width: int, height: int, text: str) -> QPixmap:
    """A tile for a picture whose bytes cannot be shown."""
    pixmap = QPixmap(width, height)
    pixmap.fill(QColor(200, 200, 200))
    painter = QPainter(pixmap)
    font = QFont(painter.font())
    font.setPointSizeF(max(6.0, font.pointSizeF() * 0.8))
    painter.setFont(font)
    painter.setPen(QColor(60, 60, 60))
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)
    painter.end()
    return pixmap


def tooltip_picture_html(item: MediaItem, picture_bytes: PictureBytes | None) -> str:
    """An ``<img>`` of the picture, small, as a data URI (made once per picture), or "" if it cannot be read."""
    uri = _tooltip_uris.get(item.sha256)
    if uri is None:
        image = picture_image(item, TOOLTIP_SIDE, picture_bytes)
        if image.isNull():
            return ""
        array = QByteArray()
        buffer = QBuffer(array)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs want bytes, Qt wants str
        buffer.close()
        uri = "data:image/png;base64," + base64.b64encode(bytes(array.data())).decode("ascii")
        _remember(_tooltip_uris, item.sha256, uri)
    size = QSize(item.width, item.height).scaled(TOOLTIP_SIDE, TOOLTIP_SIDE, Qt.AspectRatioMode.KeepAspectRatio)
    alt = html.escape(item.alt_text or item.name, quote=True)
    return f'<img src="{uri}" width="{size.width()}" height="{size.height()}" alt="{alt}">'


def with_first_picture(text: str, media: tuple[MediaItem, ...], picture_bytes: PictureBytes | None) -> str:
    """A plain tooltip ``text`` with the post's first picture under it (rich text), or the text unchanged."""
    first = next((item for item in media if item.kind == "picture"), None)
    if first is None:
        return text
    img = tooltip_picture_html(first, picture_bytes)
    if not img:
        return text
    lines = "<br>".join(html.escape(line) for line in text.split("\n"))
    more = len(media) - 1
    extra = f"<br><small>+ {more} more picture{'s' if more != 1 else ''} or video{'s' if more != 1 else ''}</small>"
    return f"<qt><p style='white-space:nowrap'>{lines}</p><p>{img}{extra if more else ''}</p></qt>"
