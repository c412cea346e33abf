"""File ▸ Import Engagement… and Export Engagement…: the engagement CSV, with a preview before anything is added."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QLabel, QTableView, QVBoxLayout, QWidget

from smoplanner.core.engagement import ItemRecord
from smoplanner.core.plan_settings import KNOWN_PLATFORMS
from smoplanner.formats.engagement_csv import EngagementPreview, read_engagement_csv, write_engagement_csv
from smoplanner.store import engagement as store
from smoplanner.store.settings import get_settings
from smoplanner.ui import dialogs
from smoplanner.ui.document import PlanDocument
from smoplanner.ui.engagement.commands import ImportedItemsCommand
from smoplanner.ui.engagement.models import ItemPreviewModel
from smoplanner.ui.tasks import Task, TaskBusyError, runner_for


def ask_import_path(parent: QWidget) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, "Import Engagement", "", "Spreadsheet files (*.csv *.txt);;All (*)")
    return Path(name) if name else None


def ask_export_path(parent: QWidget, suggested: Path) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, "Export Engagement", str(suggested), "CSV files (*.csv)")
    return Path(name) if name else None


class ImportPreviewDialog(QDialog):
    """What the file holds, or every problem that stops it (row by row)."""

    def __init__(self, preview: EngagementPreview, name: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Import {name}")
        self.resize(720, 440)
        layout = QVBoxLayout(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        if preview.ok:
            layout.addWidget(QLabel(f"{len(preview.records)} items in {name}. Items already in the plan are skipped."))
            self.model = ItemPreviewModel(self)
            self.model.platform_names = dict(KNOWN_PLATFORMS)
            self.model.set_records(preview.records)
            table = QTableView()
            table.setModel(self.model)
            table.horizontalHeader().setStretchLastSection(True)
            layout.addWidget(table, 1)
            ok.setText("&Import")
        else:
            lines = [str(p) for p in preview.problems][:20]
            if preview.needs_date_order:
                lines.insert(0, "The dates could be day-first or month-first; write them as 2026-12-31.")
            label = QLabel("Nothing can be imported from this file:\n" + "\n".join(lines))
            label.setWordWrap(True)
            layout.addWidget(label, 1)
            ok.setEnabled(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def ask_import(dialog: QDialog) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted


def run_import(parent: QWidget, document: PlanDocument, path: Path | None = None) -> store.ImportResult | None:
    """Choose a file, preview it, and import it on the window's task runner as one undoable step."""
    if document.read_only:
        dialogs.show_error(parent, "Read-Only Plan", "This plan is open read-only, so nothing can be imported into it.")
        return None
    path = path or ask_import_path(parent)
    if path is None:
        return None
    with document.plan.session() as s:
        settings = get_settings(s)
    known = set(KNOWN_PLATFORMS) | {p.code for p in settings.platforms}
    try:
        data = path.read_bytes()
    except OSError as exc:
        dialogs.show_error(parent, "Cannot Read File", f"{path.name} cannot be read: {exc.strerror or exc}")
        return None
    preview = read_engagement_csv(data, tz=ZoneInfo(settings.timezone), known_platforms=known)
    dialog = ImportPreviewDialog(preview, path.name, parent)
    try:
        if not ask_import(dialog) or not preview.ok:
            return None
    finally:
        dialog.deleteLater()
    records = preview.records
    plan = document.plan

    def work(progress: Callable[..., None]) -> tuple[store.ImportResult, list[ItemRecord]]:
        progress(0, len(records), f"Importing {len(records):,} items from {path.name}")
        with plan.session() as s:
            result = store.import_items(s, records)
            added = store.get_items(s, result.ids)
            return result, [added[i] for i in result.ids]

    runner = runner_for(parent)
    if runner.writer is not None:
        runner.writer.wait()
    task = Task(f"Import {path.name}", work, writes=True, parent=parent)
    try:
        runner.run(task, parent, label=f"Importing {path.name}…")
    except TaskBusyError as exc:
        task.deleteLater()
        dialogs.show_error(parent, "Import Not Started", str(exc))
        return None
    task.deleteLater()
    if task.error is not None:
        dialogs.show_error(parent, "Could Not Import", f"Nothing was imported: {task.error}")
        return None
    if task.outcome != "ok":
        return None
    result, added = task.result
    if result.added:
        document.push(ImportedItemsCommand(document, added, result.ids, path.name))
    dialogs.show_info(parent, "Import Finished", f"{result.added} new, {result.skipped} already in the plan.")
    return result


def run_export(parent: QWidget, document: PlanDocument, path: Path | None = None) -> int | None:
    """Write every item as an engagement CSV; returns how many were written."""
    folder = document.plan.path.parent if document.plan.path is not None else Path.home()
    path = path or ask_export_path(parent, folder / "engagement.csv")
    if path is None:
        return None
    with document.plan.session() as s:
        tz = ZoneInfo(get_settings(s).timezone)
        records = store.export_items(s)
    try:
        write_engagement_csv(path, records, tz=tz)
    except OSError as exc:
        dialogs.show_error(parent, "Export Failed", f"{path.name} could not be written: {exc.strerror or exc}")
        return None
    return len(records)
