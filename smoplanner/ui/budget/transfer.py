"""File ▸ Import Spend (a Meta Ads export, previewed, then added on the task runner) and Export Budget."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from smoplanner.core.budget import PaidResult
from smoplanner.core.locale_format import PlanLocale
from smoplanner.core.money import currency
from smoplanner.formats.budget_csv import BudgetCsvLine, write_budget_csv
from smoplanner.formats.meta_ads import SpendPreview
from smoplanner.formats.spend_csv import read_any_spend
from smoplanner.store import budget as store
from smoplanner.store.settings import get_settings
from smoplanner.ui.budget.commands import ImportedSpendCommand
from smoplanner.ui.dialogs import show_error, show_info
from smoplanner.ui.document import PlanDocument
from smoplanner.ui.tasks import Task, run_writing_task, runner_for


def ask_spend_path(parent: QWidget) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent, "Import Spend", "", "Meta Ads exports and spend CSV (*.csv *.txt);;All files (*)"
    )
    return Path(name) if name else None


def ask_rate(parent: QWidget, file_currency: str, plan_currency: str) -> Decimal | None:
    text, ok = QInputDialog.getText(
        parent, "Exchange Rate", f"The file is in {file_currency}. How many {plan_currency} is one {file_currency}?"
    )
    if not ok or not text.strip():
        return None
    try:
        rate = Decimal(text.strip().replace(",", "."))
    except ArithmeticError:
        return None
    return rate if rate.is_finite() and rate > 0 else None


def ask_confirm_import(parent: QWidget, text: str) -> bool:
    answer = QMessageBox.question(parent, "Import Spend", text)
    return answer == QMessageBox.StandardButton.Yes


def ask_export_path(parent: QWidget, suggested: Path) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, "Export Budget", str(suggested), "CSV files (*.csv)")
    return Path(name) if name else None


def preview_text(preview: SpendPreview, cur_code: str, fmt: PlanLocale) -> str:
    records = preview.records
    spend = sum(r.spend_minor for r in records)
    days = sorted({r.start for r in records})
    period = f" from {fmt.day(days[0], weekday=False)} to {fmt.day(days[-1], weekday=False)}" if days else ""
    total = f" The Total row (row {preview.total_row}) matches." if preview.total_row else ""
    return f"{fmt.number(len(records))} rows{period}, spend {store_money(spend, cur_code, fmt)}.{total} Import them?"


def store_money(minor: int, code: str, fmt: PlanLocale) -> str:
    return fmt.money(minor, currency(code))


def run_spend_import(
    parent: QWidget, document: PlanDocument, path: Path | None = None
) -> store.SpendImportResult | None:
    """Choose a Meta Ads export, read it, say what it holds, and add it as one undoable step."""
    if document.read_only:
        show_error(parent, "Read-Only Plan", "This plan is open read-only, so nothing can be imported into it.")
        return None
    if path is None:
        path = ask_spend_path(parent)
        if path is None:
            return None
    with document.plan.session() as s:
        settings = get_settings(s)
        code, fmt = settings.currency, PlanLocale.of(settings.locale)
    preview = read_in_background(parent, path, code, None)
    if preview is None:
        return None
    if preview.file_currency and preview.file_currency != code and not preview.ok:
        rate = ask_rate(parent, preview.file_currency, code)
        if rate is None:
            return None
        preview = read_in_background(parent, path, code, rate)
        if preview is None:
            return None
    if not preview.ok:
        problems = "\n".join(str(p) for p in preview.problems[:5]) or "; ".join(preview.needs)
        show_error(parent, "Could Not Import", f"Nothing was imported from {path.name}:\n{problems}")
        return None
    if not ask_confirm_import(parent, preview_text(preview, code, fmt)):
        return None
    return import_in_background(parent, document, preview.records, path.name)


def read_in_background(parent: QWidget, path: Path, code: str, rate: Decimal | None) -> SpendPreview | None:
    """Read the file on a worker (a big export takes a moment), the window painting meanwhile."""

    def work(_progress: Callable[..., None]) -> SpendPreview:
        return read_any_spend(path, plan_currency=currency(code), rate=rate)

    task = Task(f"Read {path.name}", work, parent=parent)
    runner_for(parent).run(task, parent, label=f"Reading {path.name}…")
    task.deleteLater()
    if task.error is not None:
        show_error(parent, "Could Not Import", f"Nothing was imported: {task.error}")
        return None
    if task.outcome != "ok":
        return None
    preview: SpendPreview = task.result
    return preview


def import_in_background(
    parent: QWidget, document: PlanDocument, records: Sequence[PaidResult], source: str
) -> store.SpendImportResult | None:
    plan = document.plan
    records = list(records)

    def work(progress: Callable[..., None]) -> store.SpendImportResult:
        def report(done: int, total: int) -> None:
            progress(done, total, f"Importing {source}: {done:,} of {total:,} rows")

        with plan.session() as s:
            return store.import_paid_results(s, records, progress=report)

    result: store.SpendImportResult | None = run_writing_task(
        parent, f"Import {source}", work, label=f"Importing {source}…", show_error=show_error
    )  # an autosave on its way ends first; a cancel rolls the import back
    if result is None:
        return None
    document.push(ImportedSpendCommand(document, records, source, result))
    names = ", ".join(f"“{name}”" for name in result.new_campaigns)
    created = f" New campaigns: {names}." if result.new_campaigns else ""
    show_info(parent, "Import Finished", f"{result.added} new, {result.skipped} already in the plan.{created}")
    return result


def run_budget_export(parent: QWidget, document: PlanDocument) -> Path | None:
    """Write every month's budget lines (planned and spent) as CSV."""
    path = ask_export_path(parent, Path.home() / f"{document.plan.name} budget.csv")
    if path is None:
        return None
    with document.plan.session() as s:
        cur = currency(get_settings(s).currency)
        lines = [
            BudgetCsvLine(str(month), status.line, status.compared)
            for month in store.months_with_budget(s)
            for status in store.month_overview(s, month).lines
        ]
    try:
        write_budget_csv(path, lines, cur)
    except OSError as exc:
        show_error(parent, "Could Not Export", f"Cannot write {path.name}: {exc.strerror or exc}")
        return None
    return path
