"""The Engagement tab's dialogs, each behind a small ``ask_*`` function that tests replace."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, QLocale, Qt, QTime, QTimeZone
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from smoplanner.core.engagement import (
    KIND_NAMES,
    KINDS,
    SENTIMENT_NAMES,
    STATUS_NAMES,
    Interval,
    ItemRecord,
    parse_tags,
)
from smoplanner.core.locale_format import PlanLocale
from smoplanner.core.plan_settings import KNOWN_PLATFORMS
from smoplanner.store.engagement import Reply
from smoplanner.ui.engagement.models import ItemPreviewModel, current_time
from smoplanner.ui.plan_locale import set_date_time_format


def to_qdatetime(moment: datetime, tz: str) -> QDateTime:
    local = moment.astimezone(ZoneInfo(tz))
    return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute), QTimeZone(tz.encode()))


def _zoned_edit(moment: datetime, tz: str) -> QDateTimeEdit:
    """An editor showing ``moment`` on the plan's clock (not this computer's)."""
    edit = QDateTimeEdit()
    edit.setTimeZone(QTimeZone(tz.encode()))
    edit.setDateTime(to_qdatetime(moment, tz))
    return edit


def from_qdatetime(value: QDateTime) -> datetime:
    return datetime.fromtimestamp(value.toSecsSinceEpoch(), UTC)


# -- one item --------------------------------------------------------------------------------------


class ItemDialog(QDialog):
    """Every field of one item; the answer time can be changed here."""

    def __init__(
        self,
        record: ItemRecord,
        platforms: list[tuple[str, str]],
        tz: str,
        parent: QWidget | None,
        posts: Sequence[tuple[int, str, datetime]] = (),
        locale: str = "en_US",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Item")
        fmt = PlanLocale.of(locale)
        self.record, self.tz = record, tz
        form = QFormLayout(self)
        self.platform = QComboBox()
        for code, name in platforms:
            self.platform.addItem(name, code)
        self.platform.setCurrentIndex(max(0, self.platform.findData(record.platform)))
        self.kind = _combo(KIND_NAMES, record.kind)
        self.author = QLineEdit(record.author)
        self.text = QPlainTextEdit(record.text)
        self.text.setTabChangesFocus(True)
        self.text.setMaximumHeight(self.fontMetrics().lineSpacing() * 6)
        self.setMinimumWidth(480)
        self.received = _zoned_edit(record.received_at, tz)
        set_date_time_format(self.received, fmt)
        self.status = _combo(STATUS_NAMES, record.status)
        self.answered = _zoned_edit(record.answered_at or current_time(), tz)
        set_date_time_format(self.answered, fmt)
        self.answered.setEnabled(record.status == "answered")
        self.status.currentIndexChanged.connect(
            lambda: self.answered.setEnabled(self.status.currentData() == "answered")
        )
        self.assignee = QLineEdit(record.assignee)
        self.sentiment = _combo(SENTIMENT_NAMES, record.sentiment, none="Not judged")
        self.tags = QLineEdit(" ".join(f"#{t}" for t in record.tags))
        self.link = QLineEdit(record.link)
        self.post = QComboBox()
        self.post.addItem("None", None)
        zone = ZoneInfo(tz)
        for post_id, title, when in posts:
            self.post.addItem(f"{fmt.when(when.astimezone(zone), year=False)}  {title or '(no title)'}", post_id)
        if record.post_id is not None and self.post.findData(record.post_id) < 0:
            self.post.addItem("The post linked now", record.post_id)
        self.post.setCurrentIndex(max(0, self.post.findData(record.post_id)))
        self.post.setToolTip("The calendar post it belongs to: the posts on its platform in the two weeks before")
        for label, widget in (
            ("&Platform", self.platform),
            ("&Kind", self.kind),
            ("&Author", self.author),
            ("&Text", self.text),
            ("&Received", self.received),
            ("&Status", self.status),
            ("Ans&wered at", self.answered),
            ("Ass&ignee", self.assignee),
            ("S&entiment", self.sentiment),
            ("Ta&gs", self.tags),
            ("&Link", self.link),
            ("P&ost", self.post),
        ):
            form.addRow(label, widget)
        if record.reply_used:
            form.addRow("Reply used", QLabel(record.reply_used))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def result_record(self) -> ItemRecord:
        status = self.status.currentData()
        return replace(
            self.record,
            platform=self.platform.currentData() or self.record.platform,
            kind=self.kind.currentData(),
            author=self.author.text().strip(),
            text=self.text.toPlainText().strip(),
            received_at=from_qdatetime(self.received.dateTime()),
            status=status,
            answered_at=from_qdatetime(self.answered.dateTime()) if status == "answered" else None,
            assignee=self.assignee.text().strip(),
            sentiment=self.sentiment.currentData(),
            tags=parse_tags(self.tags.text()),
            link=self.link.text().strip(),
            post_id=self.post.currentData(),
        )


def _combo(names: dict[str, str], current: str, none: str = "") -> QComboBox:
    combo = QComboBox()
    for key, name in names.items():
        combo.addItem(name or none, key)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


def ask_item(
    parent: QWidget,
    record: ItemRecord,
    platforms: list[tuple[str, str]],
    tz: str,
    posts: list[tuple[int, str, datetime]],
    locale: str = "en_US",
) -> ItemRecord | None:
    dialog = ItemDialog(record, platforms, tz, parent, posts, locale)
    try:
        return dialog.result_record() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def ask_assignee(parent: QWidget, current: str, known: list[str]) -> str | None:
    """Who answers the item ("" for nobody); None when cancelled."""
    choices = list(dict.fromkeys([current, *known, ""] if current else [*known, ""]))
    text, ok = QInputDialog.getItem(parent, "Assign", "Who answers it (empty for nobody):", choices, 0, True)
    return text.strip() if ok else None


# -- saved replies ---------------------------------------------------------------------------------


class ReplyPicker(QDialog):
    """Search the saved replies as you type; Enter takes the highlighted one."""

    def __init__(self, replies: list[Reply], parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Copy a Saved Reply")
        self.resize(480, 380)
        self.replies = replies
        layout = QVBoxLayout(self)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search saved replies")
        self.list = QListWidget()
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        layout.addWidget(self.preview)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Copy")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.search.textChanged.connect(self._fill)
        self.list.currentRowChanged.connect(self._show)
        self.list.itemActivated.connect(lambda _item: self.accept())
        self._fill("")

    def _fill(self, text: str) -> None:
        self.list.clear()
        needle = text.casefold()
        for reply in self.replies:
            if needle in reply.name.casefold() or needle in reply.text.casefold():
                item = QListWidgetItem(reply.name)
                item.setData(Qt.ItemDataRole.UserRole, reply.id)
                self.list.addItem(item)
        self.list.setCurrentRow(0)

    def _show(self, row: int) -> None:
        reply = self.chosen()
        self.preview.setText(reply.text if reply else "")
        del row

    def chosen(self) -> Reply | None:
        item = self.list.currentItem()
        if item is None:
            return None
        wanted = item.data(Qt.ItemDataRole.UserRole)
        return next((r for r in self.replies if r.id == wanted), None)


def ask_reply(parent: QWidget, replies: list[Reply]) -> Reply | None:
    dialog = ReplyPicker(replies, parent)
    try:
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


class RepliesDialog(QDialog):
    """The saved replies: choose one to change its name or text, add a new one, or delete one.

    Each change goes through ``save(name, text, reply_id)`` and ``delete(reply)`` (undoable commands, given
    by the tab), then ``reload()`` gives the list back as it now is.
    """

    def __init__(
        self,
        replies: list[Reply],
        save: Callable[[str, str, int | None], bool],
        delete: Callable[[Reply], None],
        reload: Callable[[], list[Reply]],
        parent: QWidget | None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Saved Replies")
        self.resize(640, 400)
        self.replies, self._save, self._delete, self._reload = replies, save, delete, reload
        self.list = QListWidget()
        self.name = QLineEdit()
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText("Hi {name}, thank you for … The {business} team")
        form = QFormLayout()
        form.addRow("&Name", self.name)
        form.addRow("&Text", self.text)
        hint = QLabel("Placeholders: {name} (the author), {business}, {platform}. R in the queue copies a reply.")
        hint.setWordWrap(True)
        form.addRow(hint)
        self.new_button = QPushButton("&New")
        self.save_button = QPushButton("&Save")
        self.delete_button = QPushButton("&Delete")
        row = QHBoxLayout()
        for button in (self.new_button, self.save_button, self.delete_button):
            row.addWidget(button)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row.addWidget(close)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addLayout(row)
        layout = QHBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(right, 2)
        self.list.currentRowChanged.connect(self._show)
        self.new_button.clicked.connect(self._new)
        self.save_button.clicked.connect(self._store)
        self.delete_button.clicked.connect(self._remove)
        self._fill(None)

    def _fill(self, select: str | None) -> None:
        self.list.clear()
        for reply in self.replies:
            self.list.addItem(reply.name)
        names = [r.name for r in self.replies]
        self.list.setCurrentRow(names.index(select) if select in names else (0 if names else -1))
        if not names:
            self._new()

    def current(self) -> Reply | None:
        row = self.list.currentRow()
        return self.replies[row] if 0 <= row < len(self.replies) else None

    def _show(self, _row: int) -> None:
        reply = self.current()
        self.name.setText(reply.name if reply else "")
        self.text.setPlainText(reply.text if reply else "")
        self.delete_button.setEnabled(reply is not None)

    def _new(self) -> None:
        self.list.setCurrentRow(-1)
        self.name.clear()
        self.text.clear()
        self.name.setFocus()

    def _store(self) -> None:
        reply = self.current()
        name = self.name.text().strip()
        if name and self._save(name, self.text.toPlainText().strip(), reply.id if reply else None):
            self.replies = self._reload()
            self._fill(name)

    def _remove(self) -> None:
        reply = self.current()
        if reply is not None:
            self._delete(reply)
            self.replies = self._reload()
            self._fill(None)


def ask_manage_replies(dialog: RepliesDialog) -> None:
    dialog.exec()


# -- pasting lines ---------------------------------------------------------------------------------


def parse_lines(text: str, platform: str, kind: str, received: datetime) -> list[ItemRecord]:
    """One item per non-empty line: ``author: text``, ``author<TAB>text``, or the text alone."""
    records = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        author, body = "", line
        for separator in ("\t", ": "):
            head, found, tail = line.partition(separator)
            if found and head.strip() and len(head) <= 60:
                author, body = head.strip(), tail.strip()
                break
        records.append(ItemRecord(platform, kind, author, body, received))
    return records


class PasteDialog(QDialog):
    def __init__(
        self,
        text: str,
        platform: str,
        kind: str,
        received: datetime,
        parent: QWidget | None,
        tz: str = "",
        locale: str = "en_US",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Paste Items")
        self.platform_name = KNOWN_PLATFORMS.get(platform, platform)
        self.resize(640, 420)
        self.platform, self.kind, self.received = platform, kind, received
        layout = QVBoxLayout(self)
        when = f"on {PlanLocale.of(locale).when(received.astimezone(ZoneInfo(tz)))}" if tz else "now"
        intro = QLabel(
            f"One item per line: “author: text”, or the text alone. They are added as "
            f"{KIND_NAMES[kind].lower()}s on {self.platform_name}, received {when}."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.edit = QPlainTextEdit(text)
        self.model = ItemPreviewModel(self)
        self.model.platform_names = {platform: self.platform_name}
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.count = QLabel()
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.count)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.edit.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        records = parse_lines(self.edit.toPlainText(), self.platform, self.kind, self.received)
        self.model.set_records(records)
        self.count.setText(f"{len(records)} item{'' if len(records) == 1 else 's'} will be added")
        self.ok.setText(f"&Add {len(records)}")
        self.ok.setEnabled(bool(records))


def ask_paste(
    parent: QWidget, text: str, platform: str, kind: str, received: datetime, tz: str = "", locale: str = "en_US"
) -> list[ItemRecord] | None:
    dialog = PasteDialog(text, platform, kind, received, parent, tz, locale)
    try:
        return dialog.model.records if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


# -- business hours, holidays and targets ----------------------------------------------------------

HoursAnswer = tuple[dict[int, tuple[Interval, ...]], dict[date, str], dict[tuple[str, str], int]]


class HoursDialog(QDialog):
    """Open hours per weekday, holidays (one per line: ``25.12.2026 Weihnachten``) and targets per kind.

    Days are named and ordered, dates and hours written, as the plan's ``locale`` does.
    """

    def __init__(
        self,
        week: dict[int, tuple[Interval, ...]],
        holidays: dict[date, str],
        targets: dict[tuple[str, str], int],
        parent: QWidget | None,
        platforms: Sequence[tuple[str, str]] = (),
        locale: str = "en_US",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Business Hours and Response Targets")
        self.fmt = fmt = PlanLocale.of(locale)
        layout = QVBoxLayout(self)
        hours_box = QGroupBox("Open hours (time to answer counts only these)")
        grid = QGridLayout(hours_box)
        rows: dict[int, tuple[QCheckBox, QTimeEdit, QTimeEdit]] = {}
        for row, day in enumerate(fmt.weekdays()):  # the week as the locale runs it, in its day names
            name = fmt.weekday_name(day)
            spans = week.get(day, ())
            opens, closes = spans[0] if spans else (time(9), time(17))
            check = QCheckBox(name)
            check.setChecked(bool(spans) or not week)
            start = QTimeEdit(QTime(opens.hour, opens.minute))
            end = QTimeEdit(QTime(closes.hour, closes.minute))
            for edit in (start, end):
                edit.setDisplayFormat("HH:mm")
                edit.setLocale(QLocale(locale))
            if not week:
                start.setTime(QTime(0, 0))
                end.setTime(QTime(0, 0))
            grid.addWidget(check, row, 0)
            grid.addWidget(start, row, 1)
            grid.addWidget(QLabel("to"), row, 2)
            grid.addWidget(end, row, 3)
            rows[day] = (check, start, end)
        #: Each weekday's row, by ``date.weekday()`` number (0 Monday) whatever the order on screen.
        self.days = [rows[day] for day in range(7)]
        grid.addWidget(QLabel("00:00 to 00:00 is the whole day."), 7, 0, 1, 4)
        grid.setColumnStretch(4, 1)  # the times stay next to their day when the targets make the dialog wide
        layout.addWidget(hours_box)
        self.date_example = fmt.short_day(date(2026, 12, 25))
        holiday_box = QGroupBox(f"Holidays (closed; one per line: {self.date_example} Christmas Day)")
        holiday_layout = QVBoxLayout(holiday_box)
        self.holidays = QPlainTextEdit(
            "\n".join(f"{fmt.short_day(day)} {name}".strip() for day, name in sorted(holidays.items()))
        )
        self.holidays.setTabChangesFocus(True)
        holiday_layout.addWidget(self.holidays)
        layout.addWidget(holiday_box)
        target_box = QGroupBox("Response-time targets, in business hours")
        target_grid = QGridLayout(target_box)
        columns = list(dict.fromkeys([*(code for code, _name in platforms), *sorted(p for p, _k in targets if p)]))
        names = dict(platforms)
        self.cells: dict[tuple[str, str], QLineEdit] = {}
        for column, platform in enumerate(["", *columns], start=1):
            head = QLabel(names.get(platform) or KNOWN_PLATFORMS.get(platform, platform) or "All platforms")
            head.setAlignment(Qt.AlignmentFlag.AlignCenter)
            target_grid.addWidget(head, 0, column)
            for row, kind in enumerate(KINDS, start=1):
                cell = QLineEdit(_hours(targets.get((platform, kind)), fmt))
                cell.setAlignment(Qt.AlignmentFlag.AlignRight)
                cell.setMinimumWidth(self.fontMetrics().horizontalAdvance("00000 h"))
                what = names.get(platform) or KNOWN_PLATFORMS.get(platform, platform) or "every platform"
                cell.setToolTip(f"{KIND_NAMES[kind]}s on {what}: hours, such as 24 or {_hours(90, fmt)}")
                target_grid.addWidget(cell, row, column)
                self.cells[(platform, kind)] = cell
        for row, kind in enumerate(KINDS, start=1):
            target_grid.addWidget(QLabel(KIND_NAMES[kind]), row, 0)
            self.cells[("", kind)].textChanged.connect(lambda _text, kind=kind: self._show_inherited(kind))
            self._show_inherited(kind)
        hint = QLabel(f"Hours, such as 24 or {_hours(90, fmt)}. Empty: no target; on a platform, as for all platforms.")
        hint.setWordWrap(True)
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        target_grid.addWidget(hint, len(KINDS) + 1, 0, 1, len(columns) + 2)
        layout.addWidget(target_box)
        self.error = QLabel()
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.answer: HoursAnswer | None = None

    def _accept(self) -> None:
        week: dict[int, tuple[Interval, ...]] = {}
        for day, (check, start, end) in enumerate(self.days):
            if check.isChecked():
                opens = time(start.time().hour(), start.time().minute())
                closes = time(end.time().hour(), end.time().minute())
                if closes != time(0) and closes <= opens:
                    self.error.setText(f"{self.fmt.weekday_name(day)} closes before it opens.")
                    return
                week[day] = ((opens, closes),)
        holidays: dict[date, str] = {}
        for number, line in enumerate(self.holidays.toPlainText().splitlines(), start=1):
            if not line.strip():
                continue
            head, _, name = line.strip().partition(" ")
            try:
                holidays[self.fmt.parse_short_day(head)] = name.strip()
            except ValueError:
                self.error.setText(f"Holiday line {number}: “{head}” is not a date; write it as {self.date_example}.")
                return
        if not week:
            self.error.setText("Tick at least one day the business is open.")
            return
        targets: dict[tuple[str, str], int] = {}
        for (platform, kind), cell in self.cells.items():
            text = cell.text().strip().removesuffix("h").strip().replace(",", ".")
            if not text:
                continue
            try:
                minutes = round(Decimal(text) * 60)
            except (ArithmeticError, ValueError):  # not a number, or NaN or infinity
                minutes = -1
            if minutes <= 0 or minutes > 24 * 60 * 365:
                where = KNOWN_PLATFORMS.get(platform, platform) or "all platforms"
                self.error.setText(
                    f"{KIND_NAMES[kind]}s on {where}: “{cell.text().strip()}” is not a number of hours above 0."
                )
                cell.setFocus()
                return
            targets[(platform, kind)] = minutes
        self.answer = (week, holidays, targets)
        self.accept()

    def _show_inherited(self, kind: str) -> None:
        """A platform's empty cell shows, greyed, the target for all platforms it follows."""
        every = self.cells[("", kind)].text().strip()
        for (platform, cell_kind), cell in self.cells.items():
            if cell_kind == kind:
                cell.setPlaceholderText((f"{every} h" if every else "none") if platform else "none")


def _hours(minutes: int | None, fmt: PlanLocale | None = None) -> str:
    """Minutes as hours for a target cell: 1440 -> "24", 90 -> "1.5" ("1,5" in German), 50 -> "0.83"; None -> ""."""
    if minutes is None:
        return ""
    fmt = fmt or PlanLocale.of("en_US")
    hours = (Decimal(minutes) / 60).quantize(Decimal("0.01"))
    places = len(str(hours).rstrip("0").partition(".")[2])
    return fmt.number(hours, places)


def ask_hours(
    parent: QWidget,
    week: dict[int, tuple[Interval, ...]],
    holidays: dict[date, str],
    targets: dict[tuple[str, str], int],
    platforms: Sequence[tuple[str, str]] = (),
    locale: str = "en_US",
) -> HoursAnswer | None:
    dialog = HoursDialog(week, holidays, targets, parent, platforms, locale)
    try:
        return dialog.answer if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def show_error(parent: QWidget, title: str, text: str) -> None:
    from smoplanner.ui import dialogs

    dialogs.show_error(parent, title, text)
