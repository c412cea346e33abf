"""File ▸ Import Results: a results export previewed row by row, then added on the task runner as one undoable step."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QWidget,
)
from sqlalchemy.orm import Session

from smoplanner.core.locale_format import PlanLocale
from smoplanner.core.money import currency
from smoplanner.core.plan_settings import KNOWN_PLATFORMS, PlanSettingsData
from smoplanner.core.results import OrganicDay, PostResult
from smoplanner.formats.csvread import TableError, read_table
from smoplanner.formats.errors import ImportProblem
from smoplanner.formats.metrics import MetricsPreview, header_hints, read_metrics_table
from smoplanner.store import results as store
from smoplanner.store.settings import get_settings
from smoplanner.ui import dialogs
from smoplanner.ui.changes import Change
from smoplanner.ui.document import PlanCommand, PlanDocument
from smoplanner.ui.file_preview import FilePreviewDialog
from smoplanner.ui.fitting import resize_within_screen
from smoplanner.ui.itemmodels import RowTableModel
from smoplanner.ui.platform_icons import platform_icon
from smoplanner.ui.tasks import run_writing_task

_Index = QModelIndex | QPersistentModelIndex
_Role = Qt.ItemDataRole

FORMATS = (
    ("auto", "Find out from the file"),
    ("x-analytics", "X post analytics"),
    ("meta-content", "Meta Business Suite content (Facebook, Instagram)"),
    ("meta-insights", "Meta insights, one figure a day"),
    ("generic", "Results CSV (smoplanner columns)"),
)
FORMAT_NAMES = dict(FORMATS)
DATE_ORDERS = (
    ("auto", "Find out from the file"),
    ("dmy", "Day first (31/12/2026)"),
    ("mdy", "Month first (12/31/2026)"),
    ("ymd", "Year first (2026-12-31)"),
)
NEED_PROMPTS = {
    "platform": "The file does not say its platform: choose it above.",
    "date_order": "The dates could be day-first or month-first: choose above.",
}
FIGURE_TITLES = {
    "followers": "Followers",
    "new_followers": "New followers",
    "reach": "Reach",
    "impressions": "Impressions",
    "engagements": "Engagements",
    "clicks": "Clicks",
    "profile_visits": "Profile visits",
    "conversions": "Conversions",
    "revenue_minor": "Revenue",
}
POST_FIGURES = ("impressions", "reach", "engagements", "clicks")
#: How many unmatched post results the finishing message names one by one.
UNMATCHED_NAMED = 8


def ask_import_path(parent: QWidget) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent, "Import Results", "", "Results exports (*.csv *.txt *.tsv);;All files (*)"
    )
    return Path(name) if name else None


def ask_import(dialog: QDialog) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    dialogs.show_error(parent, title, text)


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    dialogs.show_info(parent, title, text)


@dataclass(frozen=True, slots=True)
class ReadRequest:
    """What reading a file needs (plain values: it runs on a worker thread, with no Session)."""

    path: Path
    fmt: str
    date_order: str
    platform: str | None
    timezone: str
    currency: str
    platforms: tuple[str, ...]


def read_file(request: ReadRequest) -> MetricsPreview:
    """Read a results file as the CLI does; a file that is not a table is one problem, not a traceback."""
    try:
        data = request.path.read_bytes()
    except OSError as exc:
        return MetricsPreview(problems=[ImportProblem(0, "", f"cannot be read: {exc.strerror or exc}")])
    try:
        table = read_table(data, header_names=header_hints())
    except TableError as exc:
        return MetricsPreview(problems=[ImportProblem(0, "", str(exc))])
    return read_metrics_table(
        table,
        fmt=request.fmt,
        tz=ZoneInfo(request.timezone),
        plan_currency=currency(request.currency),
        platforms=request.platforms,
        platform=request.platform,
        date_order=request.date_order,
    )


class MetricsPreviewModel(RowTableModel[OrganicDay | PostResult]):
    """The first records of a results file as they will be added: days with the figures the file sets,
    or post results."""

    LIMIT = 200

    def __init__(self, settings: PlanSettingsData, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.fmt = PlanLocale.of(settings.locale)
        self.tz = ZoneInfo(settings.timezone)
        self.currency = currency(settings.currency)
        self.names = {**KNOWN_PLATFORMS, **{p.code: p.name for p in settings.platforms}}
        self.figures: tuple[str, ...] = ()
        self.posts = False

    def set_preview(self, preview: MetricsPreview) -> None:
        self.beginResetModel()
        self.posts = bool(preview.posts)
        if self.posts:
            self.figures = POST_FIGURES
            self.COLUMNS = ("Published", "Platform", *(FIGURE_TITLES[f] for f in POST_FIGURES), "Text")
            self.rows = list(preview.posts[: self.LIMIT])
        else:
            self.figures = tuple(f for f in FIGURE_TITLES if f in preview.given)
            self.COLUMNS = ("Day", "Platform", *(FIGURE_TITLES[f] for f in self.figures))
            self.rows = list(preview.organic[: self.LIMIT])
        self.endResetModel()

    def data(self, index: _Index, role: int = _Role.DisplayRole) -> Any:
        record = self.row_at(index.row()) if index.isValid() else None
        if record is None:
            return None
        column = index.column()
        if role == _Role.DecorationRole and column == 1:
            return platform_icon(record.platform, self.names.get(record.platform, record.platform))
        if role == _Role.TextAlignmentRole and 2 <= column < 2 + len(self.figures):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role not in (_Role.DisplayRole, _Role.ToolTipRole):
            return None
        if column == 0:
            if isinstance(record, PostResult):
                local = record.published_at.astimezone(self.tz)
                return f"{self.fmt.day(local.date(), weekday=False)} {self.fmt.time(local)}"
            return self.fmt.day(record.day, weekday=False)
        if column == 1:
            return self.names.get(record.platform, record.platform)
        if column < 2 + len(self.figures):
            name = self.figures[column - 2]
            value = getattr(record, name)
            if value is None:
                return "–"
            return self.fmt.money(value, self.currency) if name == "revenue_minor" else self.fmt.number(value)
        if isinstance(record, PostResult):
            text = " ".join(record.text.split())
            return text if role == _Role.ToolTipRole or len(text) <= 80 else text[:79] + "…"
        return None


class MetricsImportDialog(FilePreviewDialog):
    """Pick how to read a results file, see what it holds and what it would add, or every problem with its row."""

    def __init__(self, settings: PlanSettingsData, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.path = path
        self.preview: MetricsPreview | None = None
        self.setWindowTitle(f"Import {path.name}")

        self.format_combo = QComboBox()
        for value, label in FORMATS:
            self.format_combo.addItem(label, value)
        self.order_combo = QComboBox()
        for value, label in DATE_ORDERS:
            self.order_combo.addItem(label, value)
        self.platform_combo = QComboBox()
        self.platform_combo.addItem("As the file says", None)
        for entry in settings.platforms:
            self.platform_combo.addItem(platform_icon(entry.code, entry.name), entry.name, entry.code)
        file_label = QLabel(str(path))
        file_label.setWordWrap(True)
        form = QFormLayout()
        form.addRow("File:", file_label)
        form.addRow("&Kind of file:", self.format_combo)
        form.addRow("&Dates:", self.order_combo)
        form.addRow("&Platform:", self.platform_combo)
        for combo in (self.format_combo, self.order_combo, self.platform_combo):
            combo.currentIndexChanged.connect(self.reread)

        self.preview_model = MetricsPreviewModel(settings, self)
        self.table = QTableView()
        self.table.setModel(self.preview_model)
        self.table.setAccessibleName("What the file holds")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setMaximumSectionSize(260)
        header.setStretchLastSection(True)
        self.build_layout(form, self.table)
        resize_within_screen(self, QSize(860, 560))
        self.reread()

    def request(self) -> ReadRequest:
        s = self.settings
        return ReadRequest(
            path=self.path,
            fmt=self.format_combo.currentData(),
            date_order=self.order_combo.currentData(),
            platform=self.platform_combo.currentData(),
            timezone=s.timezone,
            currency=s.currency,
            platforms=tuple(p.code for p in s.platforms),
        )

    def reread(self) -> None:
        """Read the file again with the current choices, on a worker thread."""
        self.preview = None
        request = self.request()
        self.read_in_background(lambda: read_file(request))

    def show_read(self, outcome: object) -> None:
        if isinstance(outcome, Exception):
            outcome = MetricsPreview(problems=[ImportProblem(0, "", f"the file could not be read: {outcome}")])
        assert isinstance(outcome, MetricsPreview)
        preview = outcome
        self.preview = preview
        self.found.setText(found_text(preview, self.preview_model.fmt))
        self.preview_model.set_preview(preview)
        self.show_needs_and_problems(preview.needs, NEED_PROMPTS, preview.problems)
        self.table.setVisible(preview.ok)
        self.import_button.setEnabled(preview.ok and preview.count > 0)


def found_text(preview: MetricsPreview, fmt: PlanLocale) -> str:
    """What the file is and what it would add, in one or two sentences."""
    parts = []
    if preview.format:
        parts.append(FORMAT_NAMES[preview.format])
    if preview.encoding:
        parts.append(f"encoding {preview.encoding}")
    text = f"Found: {', '.join(parts)}." if parts else ""
    if preview.rows_read:
        text += f" {fmt.number(preview.rows_read)} row{'s' if preview.rows_read != 1 else ''} read."
    if preview.ok:
        if preview.posts:
            n = len(preview.posts)
            text += (
                f" {fmt.number(n)} post result{'s' if n != 1 else ''} to add, each matched to its calendar post"
                " where one fits; posts already imported get the file's numbers."
            )
        else:
            n = len(preview.organic)
            figures = ", ".join(FIGURE_TITLES[f].lower() for f in FIGURE_TITLES if f in preview.given)
            text += (
                f" {fmt.number(n)} day{'s' if n != 1 else ''} of results to add ({figures});"
                " days already in the plan with the same figures are skipped."
            )
        if preview.count > MetricsPreviewModel.LIMIT:
            text += f" The first {MetricsPreviewModel.LIMIT} are shown."
    return text.strip()


class ImportedMetricsCommand(PlanCommand):
    """A results import that already ran on a worker (one transaction): undo puts the days back as they were
    and removes the post results it added; redo imports the same records again."""

    changes = Change.RESULTS | Change.POSTS  # post results show on their calendar posts

    def __init__(self, document: PlanDocument, preview: MetricsPreview, source: str, result: store.MetricsImportResult):
        super().__init__(document, f"Import {source}")
        self.organic = list(preview.organic)
        self.posts = list(preview.posts)
        self.given = preview.given
        self.result = result
        self._already_done = True

    def apply(self, s: Session) -> None:
        if self._already_done:
            self._already_done = False
            return
        self.result = import_records(s, self.organic, self.posts, self.given)

    def revert(self, s: Session) -> None:
        store.undo_import(s, self.result)


def import_records(
    s: Session,
    organic: Sequence[OrganicDay],
    posts: Sequence[PostResult],
    given: Sequence[str],
    progress: Callable[[int, int], None] | None = None,
) -> store.MetricsImportResult:
    if posts:
        return store.import_post_results(s, posts, progress=progress)
    return store.import_organic(s, organic, given, progress=progress)


@dataclass(frozen=True, slots=True)
class MetricsImportOutcome:
    result: store.MetricsImportResult
    unmatched: tuple[PostResult, ...]


def run_import(parent: QWidget, document: PlanDocument, path: Path | None = None) -> MetricsImportOutcome | None:
    """File ▸ Import Results: choose a file, preview it, and import it on the task runner as one undoable step."""
    if document.read_only:
        show_error(parent, "Read-Only Plan", "This plan is open read-only, so nothing can be imported into it.")
        return None
    if path is None:
        path = ask_import_path(parent)
        if path is None:
            return None
    with document.plan.session() as s:
        settings = get_settings(s)
    dialog = MetricsImportDialog(settings, path, parent)
    try:
        if not ask_import(dialog) or dialog.preview is None or not dialog.preview.ok or not dialog.preview.count:
            return None
        preview = dialog.preview
    finally:
        dialog.deleteLater()
    outcome = import_in_background(parent, document, preview, path.name)
    if outcome is not None:
        show_info(parent, "Import Finished", finished_text(outcome, settings))
    return outcome


def import_in_background(
    parent: QWidget, document: PlanDocument, preview: MetricsPreview, source: str
) -> MetricsImportOutcome | None:
    plan = document.plan
    organic, posts, given = list(preview.organic), list(preview.posts), preview.given

    def work(progress: Callable[..., None]) -> MetricsImportOutcome:
        def report(done: int, total: int) -> None:
            progress(done, total, f"Importing {source}: {done:,} of {total:,} rows")

        with plan.session() as s:
            result = import_records(s, organic, posts, given, progress=report)
            unmatched = store.unmatched_post_results(s, posts) if posts else []
        return MetricsImportOutcome(result, tuple(unmatched))

    outcome: MetricsImportOutcome | None = run_writing_task(
        parent, f"Import {source}", work, label=f"Importing {source}…", show_error=show_error
    )  # an autosave on its way ends first; a cancel rolls the import back
    if outcome is None:
        return None
    result = outcome.result
    if result.added or result.updated:
        document.push(ImportedMetricsCommand(document, preview, source, result))
    return outcome


def finished_text(outcome: MetricsImportOutcome, settings: PlanSettingsData) -> str:
    """How many were added, updated and skipped, and which post results match no calendar post."""
    result = outcome.result
    text = f"{result.added} new, {result.updated} updated, {result.skipped} already in the plan."
    if not outcome.unmatched:
        return text
    fmt, tz = PlanLocale.of(settings.locale), ZoneInfo(settings.timezone)
    names = {**KNOWN_PLATFORMS, **{p.code: p.name for p in settings.platforms}}
    n = len(outcome.unmatched)
    lines = [
        f"{text}\n\n{n} post result{'s match' if n != 1 else ' matches'} no post in the calendar "
        "(kept, and counted in the Results tab):"
    ]
    for r in outcome.unmatched[:UNMATCHED_NAMED]:
        local = r.published_at.astimezone(tz)
        words = " ".join(r.text.split())
        words = words if len(words) <= 50 else words[:49] + "…"
        when = f"{fmt.day(local.date(), weekday=False)} {fmt.time(local)}"
        lines.append(f"• {names.get(r.platform, r.platform)}, {when}: {words or r.permalink or r.external_id}")
    if n > UNMATCHED_NAMED:
        lines.append(f"… and {n - UNMATCHED_NAMED} more")
    return "\n".join(lines)
