"""A matplotlib Figure drawn into the printed plan as vector paths (not a picture), so it prints sharp.

matplotlib writes the figure as SVG (its text as text, drawn with the PDF's embedded font) and Qt's SVG
renderer draws that SVG with the painter: on a QPdfWriter or QPrinter every line and bar becomes a PDF
path. matplotlib is imported by the caller that made the figure, never here at start-up.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QRectF
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgRenderer

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: A shape with no fill and no stroke (the transparent figure's and axes' backgrounds): it draws nothing
#: in SVG, but Qt's renderer outlines it on a PDF (a black frame around the chart), so it is left out.
_INVISIBLE = re.compile(rb'<path d="[^"]*" style="fill: none"/>')


def figure_svg(figure: Figure) -> bytes:
    """The figure as SVG, its text as text (Qt's SVG renderer cannot follow the glyph links of text as paths)."""
    import matplotlib

    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "smoplanner"}):
        figure.savefig(buffer, format="svg", transparent=True)
    return _INVISIBLE.sub(b"", buffer.getvalue())


def paint_svg(painter: QPainter, svg: bytes, rect: QRectF) -> None:
    """Draw ``svg`` into ``rect``, keeping its proportions (centred)."""
    renderer = QSvgRenderer(QByteArray(svg))
    if not renderer.isValid():
        raise ValueError("the chart could not be drawn (its SVG is not valid)")
    size = renderer.defaultSize()
    if size.width() > 0 and size.height() > 0:
        scale = min(rect.width() / size.width(), rect.height() / size.height())
        w, h = size.width() * scale, size.height() * scale
        rect = QRectF(rect.x() + (rect.width() - w) / 2, rect.y() + (rect.height() - h) / 2, w, h)
    renderer.render(painter, rect)


def paint_figure(painter: QPainter, figure: Figure, rect: QRectF) -> None:
    """Draw a matplotlib ``figure`` into ``rect`` as vector paths."""
    paint_svg(painter, figure_svg(figure), rect)
