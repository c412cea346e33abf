"""A matplotlib Figure drawn into the printed plan as vector paths (not a picture), so it prints sharp.

matplotlib writes the figure as SVG (its text as text, drawn with the PDF's embedded font) and Qt's SVG
renderer draws that SVG with the painter: on a QPdfWriter or QPrinter every line and bar becomes a PDF
path. matplotlib is imported by the caller that made the figure, never here at start-up.
"""

from __future__ import annotations

import io
import itertools
import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QRectF
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgRenderer

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: A shape with no fill and no stroke (the transparent figure's and axes' backgrounds): it draws nothing
#: in SVG, but Qt's renderer outlines it on a PDF (a black frame around the chart), so it is left out.
_INVISIBLE = re.compile(rb'<path d="[^"]*" style="fill: none"/>')
#: matplotlib's hatching: a pattern tile (a background and the hatch's lines or dots) filling a shape.
_PATTERN = re.compile(
    r'<pattern id="(?P<id>[\w-]+)" patternUnits="userSpaceOnUse" x="0" y="0" width="(?P<w>[\d.]+)" '
    r'height="(?P<h>[\d.]+)">\s*<rect [^>]*fill="(?P<bg>[^"]+)"/>\s*<path d="(?P<d>[^"]*)" '
    r'style="(?P<style>[^"]*)"/>\s*</pattern>'
)
_HATCHED = re.compile(
    r'<path d="(?P<d>[^"]*)"(?P<clip> clip-path="[^"]*")? style="fill: url\(#(?P<id>[\w-]+)\);?(?P<rest>[^"]*)"/>'
)
_TOKEN = re.compile(r"[MLCQz]|-?\d+(?:\.\d*)?(?:e-?\d+)?")


def figure_svg(figure: Figure) -> bytes:
    """The figure as SVG, its text as text (Qt's SVG renderer cannot follow the glyph links of text as paths)."""
    import matplotlib

    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "smoplanner"}):
        figure.savefig(buffer, format="svg", transparent=True)
    return _INVISIBLE.sub(b"", _vector_hatching(buffer.getvalue()))


Subpath = tuple[bool, list[tuple[float, float]]]  # (only straight lines?, its points)


def _subpaths(d: str) -> list[Subpath]:
    out: list[Subpath] = []
    command = ""
    numbers: list[float] = []
    for token in _TOKEN.findall(d):
        if token in "MLCQz":
            if token == "M":
                out.append((True, []))
            elif token in "CQ" and out:
                out[-1] = (False, out[-1][1])
            command = token
            continue
        numbers.append(float(token))
        if len(numbers) == 2 and command and out:
            out[-1][1].append((numbers[0], numbers[1]))
            numbers = []
    return out


def _clip(a: tuple[float, float], b: tuple[float, float], box: tuple[float, float, float, float]):  # type: ignore[no-untyped-def]
    """The part of the segment a–b inside ``box`` (x0, y0, x1, y1), or None (Liang–Barsky)."""
    x0, y0, x1, y1 = box
    dx, dy = b[0] - a[0], b[1] - a[1]
    low, high = 0.0, 1.0
    for p, q in ((-dx, a[0] - x0), (dx, x1 - a[0]), (-dy, a[1] - y0), (dy, y1 - a[1])):
        if p == 0:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return None
    return (a[0] + low * dx, a[1] + low * dy), (a[0] + high * dx, a[1] + high * dy)


#: Qt's SVG reader cuts a path's data past a length: a hatch is written as paths of this many parts.
HATCH_PARTS_PER_PATH = 200


@dataclass(frozen=True)
class _Tile:
    """A hatch pattern's tile: its line segments, its dots (as the squares around them), its extent."""

    width: float
    height: float
    segments: tuple[tuple[tuple[float, float], tuple[float, float]], ...]
    dots: tuple[tuple[float, float, float, float], ...]  # left, top, right, bottom

    @classmethod
    def of(cls, d: str, width: float, height: float) -> _Tile:
        segments: list[tuple[tuple[float, float], tuple[float, float]]] = []
        dots: list[tuple[float, float, float, float]] = []
        for lines, pts in _subpaths(d):
            if lines:
                segments.extend(itertools.pairwise(pts))
            elif pts:
                xs, ys = [x for x, _ in pts], [y for _, y in pts]
                dots.append((min(xs), min(ys), max(xs), max(ys)))
        return cls(width, height, tuple(segments), tuple(dots))

    def extent(self) -> tuple[float, float, float, float] | None:
        xs = [x for a, b in self.segments for x in (a[0], b[0])] + [x for d in self.dots for x in (d[0], d[2])]
        ys = [y for a, b in self.segments for y in (a[1], b[1])] + [y for d in self.dots for y in (d[1], d[3])]
        return (min(xs), min(ys), max(xs), max(ys)) if xs else None


def _hatch_paths(tile: _Tile, box: tuple[float, float, float, float]) -> list[str]:
    """The tile's lines (clipped) and dots (the whole ones) repeated over ``box``, as SVG paths' data.

    A dot is drawn as the square around it: the same on paper at its size, and a fifth of the PDF that a
    thousand round dots of a campaign's shading would take."""
    extent = tile.extent()
    if extent is None:
        return []
    tx0, ty0, tx1, ty1 = extent
    x0, y0, x1, y1 = box
    parts: list[str] = []
    for i in range(math.floor((x0 - tx1) / tile.width), math.ceil((x1 - tx0) / tile.width) + 1):
        for j in range(math.floor((y0 - ty1) / tile.height), math.ceil((y1 - ty0) / tile.height) + 1):
            ox, oy = i * tile.width, j * tile.height
            for a, b in tile.segments:
                seg = _clip((a[0] + ox, a[1] + oy), (b[0] + ox, b[1] + oy), box)
                if seg is not None and seg[0] != seg[1]:
                    parts.append(f"M {seg[0][0]:.3f} {seg[0][1]:.3f} L {seg[1][0]:.3f} {seg[1][1]:.3f}")
            for left, top, right, bottom in tile.dots:
                left, top, right, bottom = left + ox, top + oy, right + ox, bottom + oy
                if x0 <= left and right <= x1 and y0 <= top and bottom <= y1:
                    parts.append(
                        f"M {left:.3f} {top:.3f} L {right:.3f} {top:.3f} L {right:.3f} {bottom:.3f} "
                        f"L {left:.3f} {bottom:.3f} z"
                    )
    step = HATCH_PARTS_PER_PATH
    return [" ".join(parts[i : i + step]) for i in range(0, len(parts), step)]


def _vector_hatching(svg: bytes) -> bytes:
    """matplotlib's hatch patterns drawn as paths: Qt's SVG renderer would fill a shape with a pattern as a
    picture (a big raster tile per shape in the PDF), so each hatched shape becomes its background, its
    hatch lines clipped to it, and its outline."""
    text = svg.decode("utf-8")
    patterns = {m["id"]: m for m in _PATTERN.finditer(text)}
    if not patterns:
        return svg
    tiles = {key: _Tile.of(m["d"], float(m["w"]), float(m["h"])) for key, m in patterns.items()}

    def expand(m: re.Match[str]) -> str:
        pattern = patterns.get(m["id"])
        if pattern is None:
            return m[0]
        pieces = [pts for _lines, pts in _subpaths(m["d"]) if pts]
        if not pieces:
            return ""
        # Each piece of the shape (one bar of a series drawn as one compound path) is hatched within its own
        # box, never across the gaps between the pieces.
        boxes = [(min(x for x, _ in pts), min(y for _, y in pts), max(x for x, _ in pts), max(y for _, y in pts))
                 for pts in pieces]  # fmt: skip
        rest = m["rest"].strip()
        opacity = "; ".join(p.strip() for p in rest.split(";") if p.strip().startswith("opacity"))
        extra = f"; {opacity}" if opacity else ""
        out = [f"<g{m['clip'] or ''}>", f'<path d="{m["d"]}" style="fill: {pattern["bg"]}{extra}"/>']
        for box in boxes:
            if box[2] > box[0] and box[3] > box[1]:
                for hatch in _hatch_paths(tiles[m["id"]], box):
                    out.append(f'<path d="{hatch}" style="{pattern["style"]}{extra}"/>')
        if "stroke:" in rest:
            out.append(f'<path d="{m["d"]}" style="fill: none; {rest}"/>')
        out.append("</g>")
        return "".join(out)

    text = _HATCHED.sub(expand, text)
    return _PATTERN.sub("", text).encode("utf-8")


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
