"""Pages laid out before they are painted: text that flows across pages, tables that repeat their header.

Laying out first (measuring with the device's own fonts) tells how many pages there are, so every footer
can say "Page N of M"; painting then replays each page's drawing on the device (a QPdfWriter on a worker
thread, or the QPrinter of the print preview on the GUI thread). Lengths are the device's pixels;
``Pager.pt`` converts points.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPen,
    QTextLayout,
    QTextOption,
)

Draw = Callable[[QPainter], object]

#: Margins of every page, in points.
MARGIN_PT = 36.0
HEADER_PT = 26.0
FOOTER_PT = 22.0
FONT_FAMILY = "DejaVu Sans"  # a font with the accents of every locale, embedded in the PDF

PAPERS = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}


@dataclass
class Page:
    landscape: bool
    ops: list[Draw] = field(default_factory=list)


class Pager:
    """Lays out the document page by page; ``paint`` then draws the pages on the device."""

    def __init__(self, device: QPagedPaintDevice, paper: str, resolution: int, header: str) -> None:
        self.device = device
        self.paper = paper
        self.resolution = resolution
        self.pt = resolution / 72.0
        self.header = header
        self.pages: list[Page] = []
        self.y = 0.0
        self._size = QPageSize(PAPERS[paper]).sizePoints()

    # -- fonts and measures ---------------------------------------------------------------------

    def font(self, size: float, bold: bool = False, italic: bool = False) -> QFont:
        font = QFont(FONT_FAMILY)
        font.setPointSizeF(size)
        font.setBold(bold)
        font.setItalic(italic)
        return font

    def metrics(self, font: QFont) -> QFontMetricsF:
        return QFontMetricsF(font, self.device)

    @property
    def page(self) -> Page:
        return self.pages[-1]

    @property
    def width(self) -> float:
        """The width the content may take on the current page."""
        w, h = self._size.width(), self._size.height()
        if self.pages and self.page.landscape:
            w, h = h, w
        return (w - 2 * MARGIN_PT) * self.pt

    @property
    def bottom(self) -> float:
        """Where the content of the current page must end (above the footer)."""
        w, h = self._size.width(), self._size.height()
        if self.pages and self.page.landscape:
            w, h = h, w
        return (h - 2 * MARGIN_PT - FOOTER_PT) * self.pt

    @property
    def top(self) -> float:
        return HEADER_PT * self.pt

    # -- flow ------------------------------------------------------------------------------------

    def new_page(self, landscape: bool = False) -> None:
        self.pages.append(Page(landscape))
        self.y = self.top

    def ensure(self, height: float) -> None:
        """Start a new page (same orientation) unless ``height`` still fits on this one."""
        if self.y + height > self.bottom and self.y > self.top:
            self.new_page(self.page.landscape)

    def skip(self, points: float) -> None:
        self.y += points * self.pt

    def add(self, op: Draw) -> None:
        self.page.ops.append(op)

    def wrap(self, text: str, font: QFont, width: float) -> list[str]:
        """``text`` broken into the lines that fit ``width`` (every character kept; paragraphs kept)."""
        lines: list[str] = []
        for paragraph in text.split("\n"):
            if not paragraph.strip():
                lines.append("")
                continue
            layout = QTextLayout(paragraph, font, self.device)
            option = QTextOption()
            option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
            layout.setTextOption(option)
            layout.beginLayout()
            while True:
                line = layout.createLine()
                if not line.isValid():
                    break
                line.setLineWidth(width)
                lines.append(paragraph[line.textStart() : line.textStart() + line.textLength()].rstrip())
            layout.endLayout()
        return lines

    def text(
        self,
        text: str,
        font: QFont,
        *,
        indent: float = 0.0,
        width: float | None = None,
        color: QColor | None = None,
        keep: int = 1,
    ) -> None:
        """Text that flows on, across pages when it must: no line is lost or cut.

        ``keep``: how many of its first lines must stay together with what comes before them.
        """
        width = (width if width is not None else self.width - indent) - 1
        metrics = self.metrics(font)
        step = metrics.lineSpacing()
        lines = self.wrap(text, font, width)
        self.ensure(step * min(keep, len(lines)))
        for line in lines:
            self.ensure(step)
            if line:
                self.add(_text_op(QRectF(indent, self.y, width + 1, step), line, font, color))
            self.y += step

    def line(self, color: QColor | None = None, weight: float = 0.5) -> None:
        y, w = self.y, self.width
        pen = QPen(color or QColor("#9a9a9a"), weight * self.pt)
        self.add(lambda p: (p.setPen(pen), p.drawLine(QPointF(0, y), QPointF(w, y))))

    def heading(self, text: str, size: float = 15.0) -> None:
        font = self.font(size, bold=True)
        step = self.metrics(font).lineSpacing()
        self.ensure(step * 3)  # never a heading alone at the foot of a page
        self.text(text, font)
        self.skip(2)
        self.line(QColor("#333333"), 0.8)
        self.skip(6)

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
        *,
        size: float = 9.0,
        align_right: Sequence[int] = (),
        bold_rows: Sequence[int] = (),
    ) -> None:
        """A table whose cells wrap; split across pages, each page repeats the header row."""
        scale = self.width / sum(widths)
        cols = [w * scale for w in widths]
        pad = 3 * self.pt
        body = self.font(size)
        head = self.font(size, bold=True)

        def measure(cells: Sequence[str], font: QFont) -> tuple[list[list[str]], float]:
            wrapped = [self.wrap(c, font, w - 2 * pad) or [""] for c, w in zip(cells, cols, strict=True)]
            step = self.metrics(font).lineSpacing()
            return wrapped, max(len(w) for w in wrapped) * step + 2 * pad

        head_lines, head_h = measure(header, head)

        def draw_row(wrapped: list[list[str]], height: float, font: QFont, shaded: bool) -> None:
            y = self.y
            step = self.metrics(font).lineSpacing()
            total = self.width
            ops: list[Draw] = []
            if shaded:
                fill = QColor("#e8e8e8")
                ops.append(lambda p: p.fillRect(QRectF(0, y, total, height), fill))
            x = 0.0
            for i, (lines, w) in enumerate(zip(wrapped, cols, strict=True)):
                flags = Qt.AlignmentFlag.AlignRight if i in align_right else Qt.AlignmentFlag.AlignLeft
                for n, text in enumerate(lines):
                    if text:
                        ops.append(
                            _text_op(QRectF(x + pad, y + pad + n * step, w - 2 * pad, step), text, font, None, flags)
                        )
                x += w
            pen = QPen(QColor("#b0b0b0"), 0.5 * self.pt)
            ops.append(lambda p: (p.setPen(pen), p.drawLine(QPointF(0, y + height), QPointF(total, y + height))))
            for op in ops:
                self.add(op)
            self.y += height

        self.ensure(head_h * 2)
        draw_row(head_lines, head_h, head, True)
        for index, row in enumerate(rows):
            font = head if index in bold_rows else body
            wrapped, height = measure(row, font)
            if self.y + height > self.bottom:
                self.new_page(self.page.landscape)
                draw_row(head_lines, head_h, head, True)
            draw_row(wrapped, height, font, False)

    # -- painting ---------------------------------------------------------------------------------

    def paint(self, progress: Callable[[int, int], None] | None = None) -> None:
        """Draw every page on the device, each with its header and "Page N of M"."""
        device = self.device
        device.setPageSize(QPageSize(PAPERS[self.paper]))
        from PySide6.QtCore import QMarginsF

        device.setPageMargins(QMarginsF(MARGIN_PT, MARGIN_PT, MARGIN_PT, MARGIN_PT), QPageLayout.Unit.Point)
        total = len(self.pages)
        painter = QPainter()
        for number, page in enumerate(self.pages, start=1):
            orientation = QPageLayout.Orientation.Landscape if page.landscape else QPageLayout.Orientation.Portrait
            device.setPageOrientation(orientation)
            if number == 1:
                if not painter.begin(device):
                    raise OSError("the document could not be started (is the file writable?)")
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            else:
                device.newPage()
            self._frame(painter, number, total, page.landscape)
            for op in page.ops:
                painter.save()
                op(painter)
                painter.restore()
            if progress:
                progress(number, total)
        painter.end()

    def _frame(self, painter: QPainter, number: int, total: int, landscape: bool) -> None:
        w, h = self._size.width(), self._size.height()
        if landscape:
            w, h = h, w
        width = (w - 2 * MARGIN_PT) * self.pt
        bottom = (h - 2 * MARGIN_PT) * self.pt
        small = self.font(8.5)
        grey = QColor("#555555")
        step = self.metrics(small).lineSpacing()
        painter.save()
        painter.setPen(grey)
        painter.setFont(small)
        painter.drawText(QRectF(0, 0, width, step), int(Qt.AlignmentFlag.AlignLeft), self.header)
        painter.drawText(QRectF(0, 0, width, step), int(Qt.AlignmentFlag.AlignRight), "Monthly plan")
        painter.setPen(QPen(QColor("#9a9a9a"), 0.5 * self.pt))
        painter.drawLine(QPointF(0, step + 3 * self.pt), QPointF(width, step + 3 * self.pt))
        painter.setPen(grey)
        painter.drawText(
            QRectF(0, bottom - step, width, step), int(Qt.AlignmentFlag.AlignRight), f"Page {number} of {total}"
        )
        painter.restore()


def _text_op(
    rect: QRectF,
    text: str,
    font: QFont,
    color: QColor | None,
    flags: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
) -> Draw:
    ink = color or QColor("#111111")

    def draw(p: QPainter) -> None:
        p.setFont(font)
        p.setPen(ink)
        p.drawText(rect, int(flags | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextSingleLine), text)

    return draw


def add_figure(pager: Pager, figure: object, height_pt: float) -> None:
    """A matplotlib Figure at the current position, the page's width wide, as vector paths."""
    from smoplanner.printing.figures import figure_svg, paint_svg

    svg = figure_svg(figure)  # type: ignore[arg-type]
    height = height_pt * pager.pt
    pager.ensure(height)
    rect = QRectF(0, pager.y, pager.width, height)
    pager.add(lambda p: paint_svg(p, svg, rect))
    pager.y += height
