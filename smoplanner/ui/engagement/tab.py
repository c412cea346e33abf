"""The Engagement tab: the month's statistics, filters, quick entry and the queue, worked from the keyboard."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from fractions import Fraction
from zoneinfo import ZoneInfo

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from smoplanner.core.dates import Month
from smoplanner.core.engagement import KIND_NAMES, SENTIMENT_NAMES, STATUS_NAMES, ItemRecord, fill_reply, parse_received
from smoplanner.core.locale_format import PlanLocale
from smoplanner.core.plan_settings import KNOWN_PLATFORMS
from smoplanner.store import engagement as store
from smoplanner.store.settings import get_settings
from smoplanner.ui.changes import Change
from smoplanner.ui.document import PlanDocument
from smoplanner.ui.engagement import dialogs, models, title_text
from smoplanner.ui.engagement.commands import (
    AddItemsCommand,
    DeleteItemsCommand,
    DeleteReplyCommand,
    EditItemsCommand,
    SaveReplyCommand,
)
from smoplanner.ui.engagement.models import COLUMNS, EngagementItemModel, span_text
from smoplanner.ui.fitting import keep_fitted

READ_ONLY_TEXT = "Read-only: you can look at the items but not change them."
KEYS_TEXT = (
    "Keys in the queue: A answered · N no reply needed · E escalated · I in progress · T assign · "
    "+ / 0 / − sentiment · R copy a saved reply · Enter open · Delete · Ctrl+Z undo.  "
    "Ctrl+F search · Ctrl+J new item · Ctrl+K the queue"
)
#: Single keys of the queue and what they set.
STATUS_KEYS = {
    Qt.Key.Key_A: "answered",
    Qt.Key.Key_N: "no_reply",
    Qt.Key.Key_E: "escalated",
    Qt.Key.Key_I: "in_progress",
}
SENTIMENT_KEYS = {Qt.Key.Key_Plus: "positive", Qt.Key.Key_0: "neutral", Qt.Key.Key_Minus: "negative"}


class TriageView(QTableView):
    """The table; single keys act on the current item (``key_action``), arrows move as usual."""

    key_action = Signal(str)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        plain = not event.modifiers() & ~(Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier)
        if plain and key in STATUS_KEYS:
            self.key_action.emit("status:" + STATUS_KEYS[key])
        elif plain and key in SENTIMENT_KEYS:
            self.key_action.emit("sentiment:" + SENTIMENT_KEYS[key])
        elif plain and key == Qt.Key.Key_T:
            self.key_action.emit("assign")
        elif plain and key == Qt.Key.Key_R:
            self.key_action.emit("reply")
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.key_action.emit("open")
        elif key == Qt.Key.Key_Delete:
            self.key_action.emit("delete")
        else:
            super().keyPressEvent(event)


class EngagementTab(QWidget):
    """Signals: ``title_changed(text)``, the tab's title with the count of overdue items."""

    title_changed = Signal(str)

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.plan = document.plan
        with self.plan.session() as s:
            settings = get_settings(s)
        self.tz = settings.timezone
        self.plan_locale = settings.locale
        self.business = settings.business_name
        self.platforms = [(p.code, p.name) for p in settings.platforms]
        self.month = Month.of(models.current_time().astimezone(ZoneInfo(self.tz)).date())

        # statistics
        self.prev_month = QToolButton()
        self.prev_month.setText("◀")
        self.prev_month.setToolTip("Previous month")
        self.next_month = QToolButton()
        self.next_month.setText("▶")
        self.next_month.setToolTip("Next month")
        self.month_label = QLabel()
        self.month_label.setMinimumWidth(110)
        self.month_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stats = QLabel()
        self.stats.setWordWrap(True)
        self.stats.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.breakdown = QLabel()
        self.breakdown.setWordWrap(True)
        self.breakdown.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.hours_button = QPushButton("&Hours && Targets…")
        self.hours_button.setToolTip("Business hours, holidays and response-time targets")
        self.replies_button = QPushButton("Saved &Replies…")
        self.replies_button.setToolTip("Add, change or delete the saved replies (R in the queue copies one)")
        stats_row = QHBoxLayout()
        stats_row.addWidget(self.prev_month)
        stats_row.addWidget(self.month_label)
        stats_row.addWidget(self.next_month)
        stats_row.addWidget(self.stats, 1)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.breakdown, 1)
        buttons_row.addWidget(self.replies_button)
        buttons_row.addWidget(self.hours_button)

        # filters
        self.status_filter = QComboBox()
        self.status_filter.addItem("Queue (waiting)", "queue")
        self.status_filter.setToolTip("The queue: items still waiting for an answer, most overdue first")
        self.status_filter.addItem("All items", "")
        for key, name in STATUS_NAMES.items():
            self.status_filter.addItem(name, key)
        self.platform_filter = self._choices("All platforms", self.platforms)
        self.kind_filter = self._choices("All kinds", list(KIND_NAMES.items()))
        self.assignee_filter = QComboBox()
        self.sentiment_filter = self._choices("Any sentiment", [(k, v) for k, v in SENTIMENT_NAMES.items() if k])
        self.tag_filter = QLineEdit()
        self.tag_filter.setPlaceholderText("#tag")
        self.tag_filter.setMaximumWidth(110)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search author, text, tags")
        self.search.setClearButtonEnabled(True)
        for combo in (self.platform_filter, self.kind_filter, self.sentiment_filter):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(9)
        self.search.setMinimumWidth(150)
        filter_row = QHBoxLayout()
        for widget in (
            self.status_filter,
            self.platform_filter,
            self.kind_filter,
            self.assignee_filter,
            self.sentiment_filter,
            self.tag_filter,
        ):
            filter_row.addWidget(widget)
        filter_row.addWidget(self.search, 1)

        # quick entry
        self.entry_platform = QComboBox()
        for code, name in self.platforms:
            self.entry_platform.addItem(name, code)
        self.entry_kind = QComboBox()
        for key, name in KIND_NAMES.items():
            self.entry_kind.addItem(name, key)
        self.entry_received = QLineEdit()
        self.entry_received.setPlaceholderText("Received: now")
        self.entry_received.setToolTip(
            "When it came in: empty for now, or 14:30, yesterday 14:30, 2026-12-08 14:30.\n"
            "It is kept for the next item, so a batch from yesterday needs it once; clear it to go back to now."
        )
        self.entry_received.setClearButtonEnabled(True)
        self.entry_received.setMinimumWidth(self.fontMetrics().horizontalAdvance("yesterday 18:30") + 34)
        self.entry_received.setMaximumWidth(self.entry_received.minimumWidth() + 20)
        self.entry_author = QLineEdit()
        self.entry_author.setPlaceholderText("Author")
        self.entry_author.setMaximumWidth(180)
        self.entry_text = QLineEdit()
        self.entry_text.setPlaceholderText("What they wrote (Enter adds it)")
        self.entry_text.setMinimumWidth(150)
        for combo in (self.entry_platform, self.entry_kind):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(9)
        self.add_button = QPushButton("&Add")
        self.paste_button = QPushButton("&Paste Lines…")
        self.paste_button.setToolTip("Add several items at once from the clipboard, one per line")
        entry_row = QHBoxLayout()
        entry_row.addWidget(QLabel("New:"))
        for widget in (self.entry_platform, self.entry_kind, self.entry_received, self.entry_author):
            entry_row.addWidget(widget)
        entry_row.addWidget(self.entry_text, 1)
        entry_row.addWidget(self.add_button)
        entry_row.addWidget(self.paste_button)

        # the table
        self.model = EngagementItemModel(self.plan, self)
        self.model.tz = ZoneInfo(self.tz)
        self.model.fmt = PlanLocale.of(self.plan_locale)
        self.model.platform_names = {code: name for code, name in self.platforms} | {
            code: name for code, name in KNOWN_PLATFORMS.items() if code not in dict(self.platforms)
        }
        self.table = TriageView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        names = [name for _key, name in COLUMNS]
        # Columns as wide as their content, the text takes the rest; a cut cell shows its whole value.
        self.columns = keep_fitted(
            self.table, names.index("Text"), keep=[names.index(n) for n in ("Due", "Received", "Status")]
        )
        self.empty_label = QLabel()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.keys_label = QLabel(KEYS_TEXT)
        self.keys_label.setWordWrap(True)
        self.keys_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.read_only_label = QLabel(READ_ONLY_TEXT)
        self.read_only_label.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(stats_row)
        layout.addLayout(buttons_row)
        layout.addLayout(filter_row)
        layout.addLayout(entry_row)
        layout.addWidget(self.read_only_label)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.keys_label)

        self.prev_month.clicked.connect(lambda: self._move_month(-1))
        self.next_month.clicked.connect(lambda: self._move_month(1))
        for combo in (
            self.status_filter,
            self.platform_filter,
            self.kind_filter,
            self.assignee_filter,
            self.sentiment_filter,
        ):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.tag_filter.textChanged.connect(self.apply_filter)
        self.search.textChanged.connect(self.apply_filter)
        self.entry_text.returnPressed.connect(self.add_from_entry)
        self.entry_author.returnPressed.connect(self.entry_text.setFocus)
        self.entry_received.returnPressed.connect(self.entry_author.setFocus)
        self.add_button.clicked.connect(self.add_from_entry)
        self.paste_button.clicked.connect(self.paste_lines)
        self.hours_button.clicked.connect(self.edit_hours)
        self.replies_button.clicked.connect(self.manage_replies)
        self.table.key_action.connect(self.triage)
        self.table.doubleClicked.connect(lambda _index: self.triage("open"))
        document.changed.connect(self.refresh)
        # From anywhere in the tab: Ctrl+F to the search, Ctrl+J to the new-item line, Ctrl+K to the queue.
        for keys, target in (("Ctrl+F", self.search), ("Ctrl+J", self.entry_author), ("Ctrl+K", self.table)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(target.setFocus)

        self._fill_assignees()
        self._apply_read_only()
        self.apply_filter()
        self.refresh_statistics()

    def _choices(self, everything: str, pairs: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox()
        combo.addItem(everything, "")
        for key, name in pairs:
            combo.addItem(name, key)
        return combo

    def _fill_assignees(self) -> None:
        current = self.assignee_filter.currentData() or ""
        with self.plan.session() as s:
            names = store.assignees(s)
        self.assignee_filter.blockSignals(True)
        self.assignee_filter.clear()
        self.assignee_filter.addItem("Anyone", "")
        for name in names:
            self.assignee_filter.addItem(name, name)
        self.assignee_filter.setCurrentIndex(max(0, self.assignee_filter.findData(current)))
        self.assignee_filter.blockSignals(False)

    # -- read-only -------------------------------------------------------------------------------

    def _apply_read_only(self) -> None:
        read_only = self.document.read_only
        self.read_only_label.setVisible(read_only)
        for widget in (
            self.entry_platform,
            self.entry_kind,
            self.entry_received,
            self.entry_author,
            self.entry_text,
            self.add_button,
            self.paste_button,
            self.hours_button,
            self.replies_button,
        ):
            widget.setEnabled(not read_only)

    def tell_read_only(self, what: str) -> None:
        text = f"{what} is not possible: this plan is open read-only, so it cannot be changed."
        self.read_only_label.setText(f"<b>{text}</b> You can look at the items.")
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 8000)

    # -- filtering and refreshing ----------------------------------------------------------------

    def current_filter(self) -> store.ItemFilter:
        status = self.status_filter.currentData() or ""
        return store.ItemFilter(
            queue=status == "queue",
            status="" if status == "queue" else status,
            platform=self.platform_filter.currentData() or "",
            kind=self.kind_filter.currentData() or "",
            assignee=self.assignee_filter.currentData() or "",
            sentiment=self.sentiment_filter.currentData() or "",
            tag=self.tag_filter.text(),
            text=self.search.text(),
        )

    def apply_filter(self) -> None:
        current = self.current_item_id()
        self.model.set_filter(self.current_filter())
        self._select(current)
        self._update_empty()

    def _update_empty(self) -> None:
        empty = self.model.rowCount() == 0
        self.empty_label.setVisible(empty)
        if empty:
            queue = self.status_filter.currentData() == "queue"
            with self.plan.session() as s:
                anything = bool(store.item_ids(s, store.ItemFilter(queue=False)))
            if not anything:
                self.empty_label.setText(
                    "No comments, messages or reviews yet. Type one in the line above, paste several, "
                    "or use File ▸ Import Engagement…"
                )
            elif queue and self.current_filter() == store.ItemFilter():
                self.empty_label.setText("Nothing waiting for an answer. Well done!")
            else:
                self.empty_label.setText("No items match the filters.")

    def refresh(self, changes: Change = Change.ALL) -> None:
        if changes & Change.FILE:
            self._apply_read_only()
        if not changes & (Change.ENGAGEMENT | Change.SETTINGS | Change.POSTS):
            return
        if changes & Change.SETTINGS:
            with self.plan.session() as s:
                settings = get_settings(s)
            self.business = settings.business_name
            self.plan_locale = settings.locale
            self.model.fmt = PlanLocale.of(settings.locale)
        self._fill_assignees()
        current = self.current_item_id()
        row = self.table.currentIndex().row()
        self.model.reload()
        if not self._select(current) and self.model.rowCount():
            self._select_row(min(max(row, 0), self.model.rowCount() - 1))
        self._update_empty()
        self.refresh_statistics()

    def current_item_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.item_id(index.row()) if index.isValid() else None

    def _select(self, item_id: int | None) -> bool:
        row = self.model.row_of(item_id) if item_id is not None else None
        if row is None:
            return False
        self._select_row(row)
        return True

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )

    # -- statistics and title --------------------------------------------------------------------

    def _move_month(self, step: int) -> None:
        self.month = self.month.next() if step > 0 else self.month.previous()
        self.refresh_statistics()

    def refresh_statistics(self) -> None:
        now = models.current_time()
        with self.plan.session() as s:
            result = store.month_figures(s, *self.month.utc_span(ZoneInfo(self.tz)), now=now)
            overdue_now = store.overdue_count(s, now)
        f = result.figures
        self.month_label.setText(f"<b>{self.month.label(self.plan_locale)}</b>")
        parts = [f"Received <b>{f.received}</b>", f"Answered <b>{f.answered}</b>"]
        fmt = PlanLocale.of(self.plan_locale)
        parts.append(f"Response rate <b>{_percent(f.response_rate, fmt)}</b>")
        median = "–" if f.median_response_minutes is None else span_text(round(f.median_response_minutes))
        p90 = "–" if f.p90_response_minutes is None else span_text(round(f.p90_response_minutes))
        parts.append(f"Median time to answer <b>{median}</b> ({fmt.percent(90)}: {p90})")
        parts.append(f"Within target <b>{_percent(f.within_target, fmt)}</b>")
        parts.append(f"Overdue now <b>{f.overdue}</b>")
        self.stats.setToolTip(
            "Items received in the month; times count business hours only. Overdue now: the month's items "
            "still waiting past their target (the tab's title counts every overdue item)."
        )
        self.stats.setText(" · ".join(parts))
        names = dict(self.platforms)
        bits = []
        if result.by_platform:
            bits.append("By platform: " + ", ".join(f"{names.get(k, k)} {v}" for k, v in result.by_platform.items()))
        if result.by_kind:
            bits.append("by kind: " + ", ".join(f"{KIND_NAMES[k].lower()} {v}" for k, v in result.by_kind.items()))
        if result.by_sentiment:
            bits.append("sentiment: " + ", ".join(f"{k} {v}" for k, v in result.by_sentiment.items()))
        nothing = f"Nothing received in {self.month.label(self.plan_locale)}."
        self.breakdown.setText(" · ".join(bits) if bits else nothing)
        self.refresh_title(overdue_now)

    def refresh_title(self, count: int | None = None) -> None:
        if count is None:
            with self.plan.session() as s:
                count = store.overdue_count(s, models.current_time())
        self.title_changed.emit(title_text(count))

    # -- editing ---------------------------------------------------------------------------------

    def _can_edit(self, what: str) -> bool:
        if self.document.read_only:
            self.tell_read_only(what)
            return False
        return True

    def add_from_entry(self) -> None:
        if not self._can_edit("Adding an item"):
            return
        author, text = self.entry_author.text().strip(), self.entry_text.text().strip()
        if not (author or text):
            self.entry_author.setFocus()
            return
        received = self._entry_received()
        if received is None:
            return
        record = ItemRecord(
            self.entry_platform.currentData() or "", self.entry_kind.currentData(), author, text, received
        )
        self.document.push(AddItemsCommand(self.document, [record], "Add Item"))
        self.entry_author.clear()
        self.entry_text.clear()
        self.entry_author.setFocus()  # the next item: platform, kind and received time kept

    def _entry_received(self) -> datetime | None:
        """The quick entry's received time (now when empty); None, after saying why, when it does not read."""
        try:
            return parse_received(self.entry_received.text(), models.current_time(), self.tz)
        except ValueError as error:
            dialogs.show_error(self, "Received", str(error))
            self.entry_received.setFocus()
            self.entry_received.selectAll()
            return None

    def paste_lines(self) -> None:
        if not self._can_edit("Pasting items"):
            return
        received = self._entry_received()
        if received is None:
            return
        text = QGuiApplication.clipboard().text()
        platform, kind = self.entry_platform.currentData() or "", self.entry_kind.currentData()
        typed = self.tz if self.entry_received.text().strip() else ""  # the dialog says the time when one was typed
        records = dialogs.ask_paste(self, text, platform, kind, received, typed, self.plan_locale)
        if records:
            self.document.push(AddItemsCommand(self.document, records, f"Paste {len(records)} Items"))

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        return [self.model.item_id(row) for row in rows]

    def triage(self, action: str) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        if action == "open":
            self.open_item(ids[0])
            return
        if not self._can_edit("Deleting an item" if action == "delete" else "Changing an item"):
            return
        if action == "delete":
            self.document.push(DeleteItemsCommand(self.document, ids))
            return
        with self.plan.session() as s:
            records = store.get_items(s, ids)
            known = store.assignees(s)
        now = models.current_time()
        what, field_, value = action.partition(":")[0], "", action.partition(":")[2]
        if what == "status":
            changed = {
                i: replace(
                    r,
                    status=value,
                    answered_at=(r.answered_at or max(now, r.received_at)) if value == "answered" else None,
                )
                for i, r in records.items()
            }
            text = f"Mark {STATUS_NAMES[value]}"
        elif what == "sentiment":
            changed = {i: replace(r, sentiment=value) for i, r in records.items()}
            text = f"Set Sentiment {SENTIMENT_NAMES[value]}"
        elif what == "assign":
            first = records[ids[0]]
            who = dialogs.ask_assignee(self, first.assignee, known)
            if who is None:
                return
            changed = {i: replace(r, assignee=who) for i, r in records.items()}
            text = f"Assign to {who}" if who else "Unassign"
        elif what == "reply":
            self.copy_reply(ids[0], records[ids[0]])
            return
        else:
            return
        del field_
        self.document.push(EditItemsCommand(self.document, text, changed))

    def open_item(self, item_id: int) -> None:
        with self.plan.session() as s:
            record = store.get_item(s, item_id)
            posts = store.posts_near(s, record.platform, record.received_at)
        platforms = self.platforms
        if record.platform not in dict(platforms):
            platforms = [*platforms, (record.platform, record.platform)]
        answer = dialogs.ask_item(self, record, platforms, self.tz, posts, self.plan_locale)
        if answer is None or answer == record:
            return
        if not self._can_edit("Changing an item"):
            return
        self.document.push(EditItemsCommand(self.document, "Edit Item", {item_id: answer}))

    def copy_reply(self, item_id: int, record: ItemRecord) -> None:
        with self.plan.session() as s:
            replies = store.saved_replies(s)
        if not replies:
            self.tell("No saved replies yet: add one with Saved Replies….")
            return
        reply = dialogs.ask_reply(self, replies)
        if reply is None:
            return
        platform = self.model.platform_names.get(record.platform, record.platform)
        filled = fill_reply(reply.text, name=record.author.lstrip("@"), business=self.business, platform=platform)
        QGuiApplication.clipboard().setText(filled)
        self.tell(f"“{reply.name}” is on the clipboard, ready to paste.")
        if not self.document.read_only and record.reply_used != reply.name:
            changed = {item_id: replace(record, reply_used=reply.name)}
            self.document.push(EditItemsCommand(self.document, f"Use Reply “{reply.name}”", changed))

    def manage_replies(self) -> None:
        if not self._can_edit("Changing the saved replies"):
            return

        def replies() -> list[store.Reply]:
            with self.plan.session() as s:
                return store.saved_replies(s)

        def save(name: str, text: str, reply_id: int | None) -> bool:
            failed: list[str] = []
            self.document.edit_failed.connect(failed.append)
            try:
                self.document.push(SaveReplyCommand(self.document, name, text, reply_id))
            finally:
                self.document.edit_failed.disconnect(failed.append)
            return not failed

        def delete(reply: store.Reply) -> None:
            self.document.push(DeleteReplyCommand(self.document, reply))

        dialog = dialogs.RepliesDialog(replies(), save, delete, replies, self)
        try:
            dialogs.ask_manage_replies(dialog)
        finally:
            dialog.deleteLater()

    def edit_hours(self) -> None:
        if not self._can_edit("Changing the business hours"):
            return
        from smoplanner.ui.engagement.commands import SetHoursAndTargetsCommand

        with self.plan.session() as s:
            week, holidays, targets = store.get_week(s), store.get_holiday_names(s), store.get_targets(s)
        answer = dialogs.ask_hours(self, week, holidays, targets, self.platforms, self.plan_locale)
        if answer is not None:
            self.document.push(SetHoursAndTargetsCommand(self.document, *answer))

    def tell(self, text: str) -> None:
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 6000)


def _percent(value: object, fmt: PlanLocale) -> str:
    """A 0..1 rate as a whole percentage in the plan's locale ("83 %" in German); "–" for none."""
    if value is None:
        return "–"
    return fmt.percent(round(Fraction(value) * 100))  # type: ignore[call-overload]
