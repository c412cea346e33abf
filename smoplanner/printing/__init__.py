"""The printed monthly plan: one QPainter layout for the print preview, the printer and the PDF.

Only Qt's GUI classes (QtGui, QtSvg, QtPrintSupport's QPrinter is handed in by the window), never widgets:
the command line writes a PDF with no window and no display. The data comes from
``smoplanner.report.month_plan``.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QPagedPaintDevice, QPdfWriter

from smoplanner.printing.layout import Pager
from smoplanner.report.month_plan import PLAN_SECTIONS, MonthPlan

__all__ = ["PDF_RESOLUTION", "lay_out", "paint_plan", "write_pdf"]

#: The PDF's own resolution: where text and lines may sit (1/600 inch), not a picture's.
PDF_RESOLUTION = 600

Progress = Callable[[int, int, str], None]


def lay_out(plan: MonthPlan, device: QPagedPaintDevice, paper: str, resolution: int) -> Pager:
    """The plan's pages, laid out for ``device`` (nothing drawn yet)."""
    from smoplanner.areas import resolve

    pager = Pager(device, paper, resolution, header=plan.title)
    for section in PLAN_SECTIONS:
        if section.key in plan.sections:
            resolve(section.painter)(pager, plan)
    return pager


def paint_plan(
    plan: MonthPlan, device: QPagedPaintDevice, paper: str, resolution: int, progress: Progress | None = None
) -> int:
    """Lay the plan out and draw it on ``device``; returns the number of pages."""
    pager = lay_out(plan, device, paper, resolution)
    total = len(pager.pages)
    pager.paint(lambda done, _total: progress(done, total, f"Drawing page {done} of {total}…") if progress else None)
    return total


def write_pdf(plan: MonthPlan, path: Path, paper: str, progress: Progress | None = None) -> int:
    """Write the plan as a PDF at ``path`` (whole or not at all); returns the number of pages.

    OSError when the folder cannot be written to. Runs on any thread (QPdfWriter needs no window).
    """
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(fd)
    try:
        writer = QPdfWriter(temp)
        writer.setResolution(PDF_RESOLUTION)
        writer.setTitle(plan.title)
        writer.setCreator("smoplanner")
        pages = paint_plan(plan, writer, paper, PDF_RESOLUTION, progress)
        del writer  # closes the file
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return pages
