"""File ▸ Print Monthly Plan… and Export Monthly Plan as PDF…: the options dialog, the preview, the PDF.

The month's data is read on a worker (its own Session); the PDF is drawn there too (QPdfWriter needs no
window). The print preview draws on its QPrinter on the GUI thread, as Qt requires, from data already read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from smoplanner.core.dates import Month
from smoplanner.report.month_plan import PLAN_SECTIONS, MonthPlan, build_month_plan, default_paper
from smoplanner.ui.chart_modules import chart_modules
from smoplanner.ui.dialogs import show_error, show_info
from smoplanner.ui.document import PlanDocument
from smoplanner.ui.tasks import Task, runner_for


@dataclass(frozen=True)
class PrintOptions:
    month: Month
    sections: tuple[str, ...]
    paper: str  # "a4" | "letter"


class PrintPlanDialog(QDialog):
    """The month, the sections and the paper of the printed plan."""

    def __init__(self, parent: QWidget | None, title: str, paper: str, today: date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        current = Month.of(today or date.today())
        months = [current]
        for _ in range(12):
            months.insert(0, months[0].previous())
            months.append(months[-1].next())
        self.month_box = QComboBox(self)
        for month in months:
            self.month_box.addItem(month.label(), str(month))
        self.month_box.setCurrentIndex(months.index(current))
        self.paper_box = QComboBox(self)
        self.paper_box.addItem("A4", "a4")
        self.paper_box.addItem("US Letter", "letter")
        self.paper_box.setCurrentIndex(0 if paper == "a4" else 1)
        self.section_boxes: dict[str, QCheckBox] = {}
        form = QFormLayout()
        form.addRow("&Month:", self.month_box)
        form.addRow("&Paper:", self.paper_box)
        column = QVBoxLayout()
        for section in PLAN_SECTIONS:
            box = QCheckBox(section.title, self)
            box.setChecked(True)
            box.toggled.connect(self._update)
            self.section_boxes[section.key] = box
            column.addWidget(box)
        form.addRow("Sections:", column)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.options().sections))

    def options(self) -> PrintOptions:
        return PrintOptions(
            month=Month.parse(self.month_box.currentData()),
            sections=tuple(k for k, box in self.section_boxes.items() if box.isChecked()),
            paper=self.paper_box.currentData(),
        )


def ask_print_options(parent: QWidget, title: str, paper: str) -> PrintOptions | None:
    dialog = PrintPlanDialog(parent, title, paper)
    return dialog.options() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_pdf_path(parent: QWidget, suggested: Path) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, "Export Monthly Plan as PDF", str(suggested), "PDF files (*.pdf)")
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf")


def _locale_paper(document: PlanDocument) -> str:
    from smoplanner.store.settings import get_settings

    with document.plan.session() as s:
        return default_paper(get_settings(s).locale)


def _run(parent: QWidget, title: str, work: Callable[[Callable[..., None]], object]) -> object | None:
    task = Task(title, work, parent=parent)
    runner_for(parent).run(task, parent, label=f"{title}…")
    task.deleteLater()
    if task.error is not None:
        show_error(parent, f"Could Not {title.split()[0]}", str(task.error))
        return None
    return task.result if task.outcome == "ok" else None


def build_in_background(parent: QWidget, document: PlanDocument, options: PrintOptions) -> MonthPlan | None:
    """The month's data, read on a worker with progress (a large plan takes a moment)."""
    plan = document.plan
    modules = chart_modules()

    def work(progress: Callable[..., None]) -> MonthPlan:
        if "results" in options.sections:
            modules.ensure_loaded()  # the preview draws the Results chart on the GUI thread
        with plan.session() as s:
            return build_month_plan(s, options.month, options.sections, progress=progress)

    result = _run(parent, "Prepare Monthly Plan", work)
    return result if isinstance(result, MonthPlan) else None


#: The preview dialog while it is open (tests close it).
open_previews: list[QDialog] = []


def print_monthly_plan(window: QWidget, document: PlanDocument) -> QDialog | None:
    """Ask the options, read the month, then show Qt's print preview (print or save a PDF from there)."""
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    from smoplanner.printing import paint_plan

    options = ask_print_options(window, "Print Monthly Plan", _locale_paper(document))
    if options is None:
        return None
    data = build_in_background(window, document, options)
    if data is None:
        return None
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(data.title)
    preview = QPrintPreviewDialog(printer, window)
    preview.setWindowTitle(f"Print Preview: {data.title}")
    preview.paintRequested.connect(lambda device: paint_plan(data, device, options.paper, device.resolution()))
    preview.finished.connect(lambda _result: open_previews.remove(preview) if preview in open_previews else None)
    open_previews.append(preview)
    preview.open()
    return preview


def export_monthly_plan_pdf(window: QWidget, document: PlanDocument) -> Path | None:
    """Ask the options and the file, then read and draw the PDF on a worker."""
    from smoplanner.printing import write_pdf

    options = ask_print_options(window, "Export Monthly Plan as PDF", _locale_paper(document))
    if options is None:
        return None
    path = ask_pdf_path(window, Path.home() / f"{document.plan.name} {options.month}.pdf")
    if path is None:
        return None
    plan = document.plan
    modules = chart_modules()

    def work(progress: Callable[..., None]) -> int:
        if "results" in options.sections:
            modules.ensure_loaded()  # imported by the loader's thread alone (see chart_modules)
        with plan.session() as s:
            data = build_month_plan(s, options.month, options.sections, progress=progress)
        try:
            return write_pdf(data, path, options.paper, progress)
        except OSError as exc:
            raise OSError(f"Cannot write {path.name}: {exc.strerror or exc}") from None

    pages = _run(window, "Export Monthly Plan", work)
    if not isinstance(pages, int):
        return None
    show_info(window, "Monthly Plan Exported", f"{path.name} is written ({pages} pages).")
    return path
