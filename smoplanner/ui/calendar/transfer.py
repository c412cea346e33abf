"""File ▸ Import and File ▸ Export for posts: a preview before anything is added, and the three export formats."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from smoplanner.core.dates import Month
from smoplanner.core.money import currency
from smoplanner.core.posts import PostRecord
from smoplanner.formats.csvread import TableError, read_table
from smoplanner.formats.errors import ExportError, ImportPreview, ImportProblem
from smoplanner.formats.hootsuite import MAX_ROWS, read_hootsuite, write_hootsuite
from smoplanner.formats.ics import write_ics
from smoplanner.formats.posts_csv import read_posts_csv, write_posts_csv
from smoplanner.store import posts as store
from smoplanner.store.settings import get_settings
from smoplanner.ui.calendar import asks
from smoplanner.ui.calendar.commands import ImportPostsCommand
from smoplanner.ui.calendar.common import CalendarContext, PillarInfo
from smoplanner.ui.calendar.models import ImportPreviewModel
from smoplanner.ui.document import PlanDocument
from smoplanner.ui.file_preview import FilePreviewDialog
from smoplanner.ui.fitting import keep_fitted
from smoplanner.ui.platform_icons import platform_icon
from smoplanner.ui.tasks import run_writing_task

FORMATS = (
    ("auto", "Find out from the file"),
    ("generic", "Posts CSV (smoplanner columns)"),
    ("hootsuite", "Hootsuite bulk schedule"),
)
DATE_ORDERS = (
    ("auto", "Find out from the file"),
    ("dmy", "Day first (31/12/2026)"),
    ("mdy", "Month first (12/31/2026)"),
    ("ymd", "Year first (2026-12-31)"),
)
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "bar"}
#: What the dialog asks for each choice a reader still needs (``ImportPreview.needs``).
NEED_PROMPTS = {
    "platforms": "Choose the platforms these posts go to.",
    "date_order": "Choose whether dates are day-first or month-first.",
}
ORDER_NAMES = {"dmy": "day first", "mdy": "month first", "ymd": "year first"}


def detect_format(path: Path) -> str:
    """ "generic" when the file has our header row (a text/date/title column), else "hootsuite"."""
    try:
        table = read_table(path, header_names=("text", "date", "title"))
    except TableError:
        return "generic"
    return "generic" if table.header_index is not None else "hootsuite"


@dataclass(frozen=True)
class ParseRequest:
    path: Path
    kind: str  # generic or hootsuite (auto already resolved)
    date_order: str
    platforms: tuple[str, ...]
    timezone: str
    currency: str
    known_platforms: tuple[str, ...]


def parse_file(request: ParseRequest) -> tuple[str, ImportPreview]:
    """Read the file (no Qt, no Session: this runs on a worker thread)."""
    from zoneinfo import ZoneInfo

    kind = detect_format(request.path) if request.kind == "auto" else request.kind
    tz = ZoneInfo(request.timezone)
    if kind == "hootsuite":
        if not request.platforms:
            # Read the file anyway, for its rows, its problems and what else must be chosen: the rows are
            # shown (without platforms) and the import waits for the platforms to be ticked.
            preview = read_hootsuite(request.path, platforms=("?",), tz=tz, date_order=request.date_order)
            preview.records = [replace(record, platforms=()) for record in preview.records]
            preview.needs.insert(0, "platforms")
            return kind, preview
        return kind, read_hootsuite(request.path, platforms=request.platforms, tz=tz, date_order=request.date_order)
    return kind, read_posts_csv(
        request.path,
        tz=tz,
        currency=currency(request.currency),
        date_order=request.date_order,
        known_platforms=request.known_platforms,
    )


class ImportDialog(FilePreviewDialog):
    """Pick how to read the file, see what it holds, then import it (or see every problem with its row)."""

    def __init__(self, ctx: CalendarContext, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.path = path
        self.preview: ImportPreview | None = None
        self.kind = ""
        self.setWindowTitle(f"Import {path.name}")

        self.format_combo = QComboBox()
        for value, label in FORMATS:
            self.format_combo.addItem(label, value)
        self.order_combo = QComboBox()
        for value, label in DATE_ORDERS:
            self.order_combo.addItem(label, value)
        self.platform_box = QGroupBox("Post these to (a Hootsuite file does not say)")
        grid = QGridLayout(self.platform_box)
        self.platform_checks: dict[str, QCheckBox] = {}
        for i, entry in enumerate(ctx.settings.platforms):
            check = QCheckBox(entry.name)
            check.setIcon(platform_icon(entry.code, entry.name))
            check.toggled.connect(self.reparse)
            self.platform_checks[entry.code] = check
            grid.addWidget(check, i // 4, i % 4)
        form = QFormLayout()
        form.addRow("File:", QLabel(str(path)))
        form.addRow("&Kind of file:", self.format_combo)
        form.addRow("&Dates:", self.order_combo)
        self.format_combo.currentIndexChanged.connect(self.reparse)
        self.order_combo.currentIndexChanged.connect(self.reparse)

        self.preview_model = ImportPreviewModel(self)
        self.table = QTableView()
        self.table.setModel(self.preview_model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        # The post's text gets the room that is left; the date and time are read whole; a long title or link
        # gives way first, its whole value in the tooltip. Nothing is off to the side.
        columns = ImportPreviewModel.COLUMNS
        keep_fitted(
            self.table,
            columns.index("Text"),
            keep=(columns.index("Date"), columns.index("Time")),
            min_stretch=200,
        )
        self.build_layout(form, self.table, above=(self.platform_box,))
        self.resize(900, 620)
        self.reparse()

    def set_platforms(self, codes: tuple[str, ...]) -> None:
        for code, check in self.platform_checks.items():
            check.blockSignals(True)
            check.setChecked(code in codes)
            check.blockSignals(False)
        self.reparse()

    def request(self) -> ParseRequest:
        s = self.ctx.settings
        return ParseRequest(
            path=self.path,
            kind=self.format_combo.currentData(),
            date_order=self.order_combo.currentData(),
            platforms=tuple(c for c, check in self.platform_checks.items() if check.isChecked()),
            timezone=s.timezone,
            currency=s.currency,
            known_platforms=tuple(p.code for p in s.platforms),
        )

    def reparse(self) -> None:
        """Read the file again with the current choices, on a worker thread."""
        self.preview = None
        request = self.request()
        self.read_in_background(lambda: parse_file(request))

    def show_read(self, outcome: object) -> None:
        kind, preview = "", ImportPreview(problems=[ImportProblem(0, "", f"The file could not be read: {outcome}")])
        if isinstance(outcome, tuple):  # what parse_file returned: the kind of file and what it holds
            kind, preview = outcome
        self.kind = kind
        self.preview = preview
        self.platform_box.setVisible(kind == "hootsuite")
        parts = []
        if kind:
            parts.append("Hootsuite bulk schedule" if kind == "hootsuite" else "Posts CSV")
        if preview.encoding:
            parts.append(f"encoding {preview.encoding}")
        if preview.delimiter:
            parts.append(f"{DELIMITER_NAMES.get(preview.delimiter, repr(preview.delimiter))}-separated")
        if preview.date_order:
            parts.append(f"dates {ORDER_NAMES.get(preview.date_order, preview.date_order)}")
        n = len(preview.records)
        found = f"Found: {', '.join(parts)}." if parts else ""
        if preview.ok:
            found += f" {n} post{'s' if n != 1 else ''} to import."
            if n > ImportPreviewModel.LIMIT:
                found += f" The first {ImportPreviewModel.LIMIT} are shown."
            pillars = new_pillars_text(new_pillar_names(self.ctx, preview.records))
            if pillars:
                found += f" {pillars[:-1]} (created by the import)."
        elif preview.needs and not preview.problems and n:
            found += f" {n} post{'s' if n != 1 else ''} in the file, shown below."
        elif preview.needs and not preview.problems and preview.rows_read:
            found += f" {preview.rows_read} row{'s' if preview.rows_read != 1 else ''}."
        self.found.setText(found.strip())
        self.preview_model.set_records(self.ctx, preview.records)
        self.show_needs_and_problems(preview.needs, NEED_PROMPTS, preview.problems)
        self.import_button.setEnabled(preview.ok and n > 0)


def run_import(parent: QWidget, document: PlanDocument, path: Path | None = None) -> store.ImportResult | None:
    """File ▸ Import: choose a file, preview it, and import it as one undoable command."""
    if document.read_only:
        asks.show_error(parent, "Read-Only Plan", "This plan is open read-only, so nothing can be imported into it.")
        return None
    if path is None:
        path = asks.ask_import_path(parent)
        if path is None:
            return None
    ctx = _context(document)
    dialog = ImportDialog(ctx, path, parent)
    try:
        if not asks.ask_import(dialog) or dialog.preview is None or not dialog.preview.ok:
            return None
        records = dialog.preview.records
    finally:
        dialog.deleteLater()
    result = import_in_background(parent, document, records, path.name)
    if result is not None:
        if result.added:
            text = f"{result.added} new, {result.skipped} already in the plan."
        else:
            text = f"0 new, {result.skipped} already in the plan: every post in this file is in the plan already."
        if result.new_pillars:
            text += " " + new_pillars_text(result.new_pillars)
        asks.show_info(parent, "Import Finished", text)
    return result


class _ImportedCommand(ImportPostsCommand):
    """An import that already ran (on a worker, in one transaction): its first redo only tells the views;
    undo deletes what it added and redo puts it back, as for any import."""

    def __init__(
        self, document: PlanDocument, records: Sequence[PostRecord], source: str, result: store.ImportResult
    ) -> None:
        super().__init__(document, records, source)
        self.result = result

    def add(self, s: Session) -> None:
        pass  # done already


def import_in_background(
    parent: QWidget, document: PlanDocument, records: Sequence[PostRecord], source: str
) -> store.ImportResult | None:
    """Add ``records`` on a worker thread, with a progress bar and Cancel, then push it as one undoable step.

    The rows go in in one transaction: a cancel (or an error) rolls it back and leaves the plan as it was.
    Returns None when cancelled or failed (the user has been told of a failure).
    """
    plan = document.plan
    records = list(records)

    def work(progress: Callable[..., None]) -> store.ImportResult:
        def report(done: int, total: int) -> None:
            progress(done, total, f"Importing {source}: {done:,} of {total:,} posts")

        with plan.session() as s:
            return store.import_records(s, records, progress=report)

    result: store.ImportResult | None = run_writing_task(
        parent, f"Import {source}", work, label=f"Importing {source}…", show_error=asks.show_error
    )  # an autosave on its way ends first; a cancel rolls the import back
    if result is None:
        return None
    document.push(_ImportedCommand(document, records, source, result))
    return result


def _context(document: PlanDocument) -> CalendarContext:
    with document.plan.session() as s:
        settings = get_settings(s)
        pillars = tuple(PillarInfo(p.id, p.name, p.color, p.target_percent) for p in store.list_pillars(s))
    return CalendarContext(settings=settings, pillars=pillars)


def new_pillar_names(ctx: CalendarContext, records: Sequence[PostRecord]) -> list[str]:
    """The pillars ``records`` name that the plan does not have yet (an import creates them)."""
    have = {p.name.casefold() for p in ctx.pillars}
    found: dict[str, str] = {}
    for record in records:
        name = record.pillar.strip()
        if name and name.casefold() not in have:
            found.setdefault(name.casefold(), name)
    return list(found.values())


def new_pillars_text(names: Sequence[str]) -> str:
    """The words for pillars an import creates ("New pillar: Offres."), or "" for none."""
    if not names:
        return ""
    return f"New pillar{'s' if len(names) > 1 else ''}: {', '.join(names)}."


# --- export -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportChoice:
    kind: str  # csv, hootsuite, ics
    start: date | None
    end: date | None  # inclusive; None with a start: from the start on (Hootsuite's "from now on")


ALL_POSTS_TEXT = "All posts (ideas without a date too)"
FROM_NOW_TEXT = "From now on (every post still to come)"


class ExportDialog(QDialog):
    """What to export: the format and the dates."""

    def __init__(self, month: Month, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self.today = today or date.today()
        self.setWindowTitle("Export Posts")
        self.kinds = QButtonGroup(self)
        self.csv = QRadioButton("Posts CSV: every field, for spreadsheets and for importing again")
        self.hootsuite = QRadioButton(f"Hootsuite bulk schedule: scheduled posts, at most {MAX_ROWS}")
        self.ics = QRadioButton("Calendar (.ics): one event per post and platform, for calendar apps")
        self.csv.setChecked(True)
        for i, button in enumerate((self.csv, self.hootsuite, self.ics)):
            self.kinds.addButton(button, i)
        self.all_dates = QCheckBox("All posts (ideas without a date too)")
        self.all_dates.setChecked(True)
        self.start = QDateEdit(QDate(month.year, month.month, 1))
        self.end = QDateEdit(QDate(month.year, month.month, month.last_day.day))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("ddd d MMM yyyy")
        self._all_dates_wanted = True
        self._from_now_wanted = True
        self.all_dates.toggled.connect(self._all_dates_toggled)
        self.kinds.idToggled.connect(lambda *_: self._update())
        dates = QHBoxLayout()
        dates.addWidget(QLabel("From"))
        dates.addWidget(self.start)
        dates.addWidget(QLabel("to"))
        dates.addWidget(self.end)
        dates.addStretch(1)
        self.note = QLabel()
        self.note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton("&Export…", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.csv)
        layout.addWidget(self.hootsuite)
        layout.addWidget(self.ics)
        layout.addSpacing(6)
        layout.addWidget(self.all_dates)
        layout.addLayout(dates)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self._update()

    def _all_dates_toggled(self, checked: bool) -> None:
        if self.hootsuite.isChecked():
            self._from_now_wanted = checked
        else:
            self._all_dates_wanted = checked
        self._update()

    def _update(self) -> None:
        hootsuite = self.hootsuite.isChecked()
        # One box, two meanings: "All posts" for the spreadsheet and calendar files, "From now on" for a
        # Hootsuite file (every post still to come, so none is left behind in a later month). Each keeps
        # the user's own choice while the other format is chosen.
        self.all_dates.blockSignals(True)
        self.all_dates.setText(FROM_NOW_TEXT if hootsuite else ALL_POSTS_TEXT)
        self.all_dates.setChecked(self._from_now_wanted if hootsuite else self._all_dates_wanted)
        self.all_dates.blockSignals(False)
        self.all_dates.setToolTip(
            "Every scheduled post from today on; untick it to choose the dates." if hootsuite else ""
        )
        ranged = not self.all_dates.isChecked()
        self.start.setEnabled(ranged)
        self.end.setEnabled(ranged)
        self.note.setText(
            "Hootsuite takes times on 5-minute steps, one post per time, and only posts at least 10 minutes "
            "ahead; the export moves posts that clash, leaves out past ones, and tells you."
            if hootsuite
            else ""
        )
        self.note.setVisible(hootsuite)
        self._fit()

    def _fit(self) -> None:
        """Grow to show the whole note (a wrapped label's height depends on the width it gets)."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        width = max(self.width(), layout.sizeHint().width())
        height = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else layout.sizeHint().height()
        self.setMinimumHeight(height)
        if self.height() < height:
            self.resize(width, height)

    def choice(self) -> ExportChoice:
        kind = ("csv", "hootsuite", "ics")[max(0, self.kinds.checkedId())]
        if kind == "hootsuite" and self.all_dates.isChecked():
            return ExportChoice(kind, self.today, None)
        if self.all_dates.isChecked():
            return ExportChoice(kind, None, None)
        s, e = self.start.date(), self.end.date()
        start, end = date(s.year(), s.month(), s.day()), date(e.year(), e.month(), e.day())
        return ExportChoice(kind, min(start, end), max(start, end))


FILTERS = {
    "csv": ("posts.csv", "CSV files (*.csv)"),
    "hootsuite": ("hootsuite.csv", "CSV files (*.csv)"),
    "ics": ("posts.ics", "Calendar files (*.ics)"),
}


def shown_month(parent: QWidget | None) -> Month | None:
    """The month the window's Calendar tab shows (None when that tab was not opened yet)."""
    from smoplanner.ui.calendar.tab import CalendarTab

    if isinstance(parent, CalendarTab):
        return parent.month
    tab = parent.findChild(CalendarTab) if parent is not None else None
    return tab.month if tab is not None else None


def run_export(parent: QWidget, document: PlanDocument, month: Month | None = None) -> Path | None:
    """File ▸ Export: pick the format and dates, then the file; problems are shown in plain words.

    The dates start as ``month``, else the month the Calendar tab shows, else this month.
    """
    month = month or shown_month(parent) or Month.of(date.today())
    dialog = ExportDialog(month, parent)
    try:
        choice = asks.ask_export(dialog)
    finally:
        dialog.deleteLater()
    if choice is None:
        return None
    with document.plan.session() as s:
        settings = get_settings(s)
    ctx = CalendarContext(settings=settings)
    name, file_filter = FILTERS[choice.kind]
    folder = document.plan.path.parent if document.plan.path else Path.home()
    path = asks.ask_export_path(parent, folder / f"{document.plan.name} {name}", file_filter)
    if path is None:
        return None
    try:
        message = export_posts(document, ctx, choice, path)
    except (ExportError, OSError, ValueError) as exc:
        asks.show_error(parent, "Could Not Export", str(exc))
        return None
    asks.show_info(parent, "Export Finished", message)
    return path


def _posts(count: int) -> str:
    return f"{count} post{'' if count == 1 else 's'}"


def export_posts(document: PlanDocument, ctx: CalendarContext, choice: ExportChoice, path: Path) -> str:
    """Write the chosen export; returns a plain summary of what was written (and, for Hootsuite, what was
    left out and why)."""
    start = end = None
    if choice.start is not None:
        start, end = ctx.day_span_utc(choice.start, choice.end or choice.start)
        if choice.kind == "hootsuite":
            end = None  # every later post too: the exporter counts those after the chosen dates as left out
    with document.plan.session() as s:
        pairs = store.export_records(s, start, end)
    records = [record for _id, record in pairs]
    if choice.kind == "csv":
        write_posts_csv(path, records, tz=ctx.tz, currency=currency(ctx.settings.currency))
        return f"{_posts(len(records))} written to {path.name}."
    if choice.kind == "ics":
        ids = [post_id for post_id, _record in pairs]  # parallel to records: equal posts keep their own UIDs
        write_ics(path, records, tz=ctx.tz, calendar_name=ctx.settings.business_name, ids=ids)
        scheduled = sum(1 for r in records if r.scheduled_at is not None)
        return f"{scheduled} scheduled post{'' if scheduled == 1 else 's'} written to {path.name}."
    result = write_hootsuite(path, records, tz=ctx.tz, start=choice.start, end=choice.end)
    text = f"{_posts(result.rows_written)} written to {path.name} for Hootsuite."
    left_out = result.left_out_text()
    text += f"\n{left_out}" if left_out else "\nNo post was left out."
    if result.adjustments:
        text += "\n\nWhat changed or was left out to fit Hootsuite's rules:\n" + "\n".join(
            f"• {a}" for a in result.adjustments[:20]
        )
        if len(result.adjustments) > 20:
            text += f"\n… and {len(result.adjustments) - 20} more."
    return text
