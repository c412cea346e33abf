"""The Overview tab: the business, the platforms in use, and what the plan holds."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from smoplanner.core.locale_format import PlanLocale, locale_display_name
from smoplanner.core.plan_settings import PlanSettingsData, PlatformEntry
from smoplanner.store.settings import describe_holdings, get_settings, table_counts
from smoplanner.ui.changes import Change
from smoplanner.ui.document import PlanDocument
from smoplanner.ui.fitting import content_height
from smoplanner.ui.itemmodels import RowListModel
from smoplanner.ui.platform_icons import platform_entry_data, platform_name

_Index = QModelIndex | QPersistentModelIndex


class PlatformListModel(RowListModel[PlatformEntry]):
    """The platforms in use, with their badges."""

    def set_entries(self, entries: tuple[PlatformEntry, ...]) -> None:
        self.reset_rows(entries)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.row_at(index.row()) if index.isValid() else None
        return None if entry is None else platform_entry_data(entry, role)


def _glance_text(report: dict[str, Any], month_label: str, counts: dict[str, int], locale: str = "en_US") -> str:
    """A few lines on where the plan stands: this month's posts and how good the profiles are, the
    percentages written as the plan's ``locale`` writes them."""
    fmt = PlanLocale.of(locale)
    lines = []
    posts = report.get("posts")
    if posts is not None:
        by_status = posts["by_status"]
        parts = [f"{n} {status}" for status, n in by_status.items() if n]
        detail = f" ({', '.join(parts)})" if parts else ""
        lines.append(f"<b>{month_label}:</b> {posts['total']} posts planned{detail}.")
    profiles = report.get("profiles")
    if profiles is not None and profiles["by_platform"]:
        weakest = min(profiles["by_platform"].items(), key=lambda item: item[1]["score"])
        lines.append(
            f"<b>Profiles:</b> {fmt.percent(round(profiles['score'] * 100))} complete overall; "
            f"the weakest is {platform_name(weakest[0])} at {fmt.percent(round(weakest[1]['score'] * 100))} "
            f"({len(weakest[1]['failed'])} things to fix)."
        )
    elif profiles is not None:
        lines.append("<b>Profiles:</b> none filled in yet. Start on the Profiles tab.")
    return "<br>".join(lines)


def past_text(count: int) -> str:
    """ "2 scheduled posts are past their time: mark them published, or move them in the Calendar." """
    if count == 1:
        return "⚠ 1 scheduled post is past its time: mark it published, or move it in the Calendar."
    return f"⚠ {count} scheduled posts are past their time: mark them published, or move them in the Calendar."


class OverviewTab(QWidget):
    """Signals: ``edit_settings_requested``."""

    edit_settings_requested = Signal()

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self.title = QLabel()
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.website = QLabel()
        self.website.setOpenExternalLinks(True)
        self.keywords = QLabel()
        self.keywords.setWordWrap(True)
        self.currency = QLabel()
        self.timezone = QLabel()
        self.locale_label = QLabel()
        self.file = QLabel()
        self.file.setWordWrap(True)
        self.file.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel()
        self.status.setWordWrap(True)

        business = QGroupBox("Business")
        form = QFormLayout(business)
        form.addRow("Website:", self.website)
        form.addRow("Keywords:", self.keywords)
        form.addRow("Currency:", self.currency)
        form.addRow("Time zone:", self.timezone)
        form.addRow("Locale:", self.locale_label)
        self.edit_button = QPushButton("Edit &Settings…")
        self.edit_button.clicked.connect(self.edit_settings_requested)
        button_row = QHBoxLayout()
        button_row.addWidget(self.edit_button)
        button_row.addStretch(1)
        form.addRow("", button_row)

        glance = QGroupBox("At a glance")
        self.glance = QLabel("Adding up this month…")
        self.glance.setWordWrap(True)
        self.glance.setTextFormat(Qt.TextFormat.RichText)
        # Scheduled posts whose time has passed: said here, with the one step that settles them.
        self.past_label = QLabel()
        self.past_label.setWordWrap(True)
        self.mark_published_button = QPushButton("&Mark as Published")
        self.mark_published_button.setToolTip("They went out: mark them all published (Edit ▸ Undo takes it back)")
        self.mark_published_button.clicked.connect(self.mark_past_published)
        past_row = QHBoxLayout()
        past_row.addWidget(self.past_label, 1)
        past_row.addWidget(self.mark_published_button, 0, Qt.AlignmentFlag.AlignTop)
        self.past_box = QWidget()
        self.past_box.setLayout(past_row)
        past_row.setContentsMargins(0, 0, 0, 0)
        self.past_box.hide()  # until the posts past their time are counted
        self.past_ids: list[int] = []
        glance_layout = QVBoxLayout(glance)
        glance_layout.addWidget(self.past_box)
        glance_layout.addWidget(self.glance)

        platforms = QGroupBox("Platforms in use")
        self.platform_model = PlatformListModel(self)
        self.platform_list = QListView()
        self.platform_list.setModel(self.platform_model)
        self.platform_list.setIconSize(QSize(20, 20))
        self.platform_list.setAccessibleName("Platforms in use")
        self.no_platforms = QLabel("No platforms yet. Add the ones the business uses in Edit ▸ Plan Settings.")
        self.no_platforms.setWordWrap(True)
        pl = QVBoxLayout(platforms)
        pl.addWidget(self.platform_list)
        pl.addWidget(self.no_platforms)
        pl.setAlignment(Qt.AlignmentFlag.AlignTop)
        platforms.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)  # no empty band

        holds = QGroupBox("This plan holds")
        self.holdings = QLabel()
        self.holdings.setWordWrap(True)
        hl = QVBoxLayout(holds)
        hl.addWidget(self.holdings)
        hl.addWidget(self.file)
        hl.addWidget(self.status)
        hl.addStretch(1)

        columns = QHBoxLayout()
        # Two columns of about the same height, so the page has no tall empty half.
        left = QVBoxLayout()
        left.addWidget(business)
        left.addWidget(glance)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(platforms)
        right.addWidget(holds)
        right.addStretch(1)
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)

        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.addWidget(self.title)
        layout.addLayout(columns, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        # The month's numbers and the posts past their time are worked out once the tab has been painted
        # ("Adding up this month…" seen), so opening a plan shows it without waiting for them.
        self._numbers_due = False
        self._page = inner  # the page, some of which is on the screen whenever the tab is
        self._page.installEventFilter(self)
        self._clock = QTimer(self)  # a post's time passes while the plan is open
        self._clock.setInterval(60_000)
        self._clock.timeout.connect(self.refresh_past)
        self._clock.start()
        document.changed.connect(self.refresh)
        self.refresh()

    def refresh(self, changes: Change = Change.ALL) -> None:
        # The overview shows a little of everything (settings, what the plan holds, the month, the file).
        if self._document.plan.closed or not changes & Change.ALL:
            return
        with self._document.plan.session() as s:
            settings = get_settings(s)
            counts = table_counts(s)
        self._show(settings, counts)
        self._numbers_due = True
        self._page.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._page and event.type() == QEvent.Type.Paint and self._numbers_due:
            self._numbers_due = False
            QTimer.singleShot(0, self, self._refresh_numbers)  # once this frame is on the screen
        return False

    def _refresh_numbers(self) -> None:
        self.refresh_past()
        self._refresh_glance()

    def refresh_past(self) -> None:
        """Count the scheduled posts whose time has passed."""
        from smoplanner.store.posts import past_scheduled_posts
        from smoplanner.ui.calendar.common import utc_now

        if self._document.plan.closed:
            return
        with self._document.plan.session() as s:
            self.past_ids = past_scheduled_posts(s, utc_now())
        self.past_label.setText(past_text(len(self.past_ids)))
        self.past_box.setVisible(bool(self.past_ids))
        self.mark_published_button.setEnabled(not self._document.read_only)

    def mark_past_published(self) -> None:
        """Every scheduled post whose time has passed is marked published, in one undoable step."""
        from smoplanner.ui.calendar.commands import MarkPublishedCommand

        self.refresh_past()
        if self.past_ids and not self._document.read_only:
            self._document.push(MarkPublishedCommand(self._document, self.past_ids))

    def _refresh_glance(self) -> None:
        from smoplanner.core.dates import Month
        from smoplanner.report.summary import month_report

        if self._document.plan.closed:
            return
        with self._document.plan.session() as s:
            settings = get_settings(s)
            counts = table_counts(s)
            month = Month.of(datetime.now(ZoneInfo(settings.timezone)).date())
            report = month_report(s, month)
        self.glance.setText(_glance_text(report, month.label(settings.locale), counts, settings.locale))

    def _show(self, settings: PlanSettingsData, counts: dict[str, int]) -> None:
        plan = self._document.plan
        self.title.setText(settings.business_name)
        if settings.website:
            self.website.setText(f'<a href="{settings.website}">{settings.website}</a>')
        else:
            self.website.setText("<i>none yet</i>")
        self.keywords.setText(", ".join(settings.keywords) or "none yet: add the words people search for")
        self.currency.setText(settings.currency)
        self.timezone.setText(settings.timezone)
        self.locale_label.setText(locale_display_name(settings.locale))
        self.platform_model.set_entries(settings.platforms)
        self.platform_list.setFixedHeight(content_height(self.platform_list))
        self.platform_list.setVisible(bool(settings.platforms))
        self.no_platforms.setVisible(not settings.platforms)
        self.holdings.setText("<br>".join(describe_holdings(counts)))
        where = str(plan.path) if plan.path else "not saved yet (use File ▸ Save As)"
        self.file.setText(f"<b>File:</b> {where}")
        notes = []
        if plan.read_only:
            notes.append(
                f"Read-only: {plan.read_only_reason}. Nothing can be changed; File ▸ Save As makes an editable copy."
            )
        elif plan.path is None:
            notes.append("Changes are kept until you save the plan with File ▸ Save As.")
        else:
            notes.append("Changes are saved automatically." if plan.autosave else "Autosave is off: save with Ctrl+S.")
        self.status.setText(" ".join(notes))
        self.edit_button.setText("View &Settings…" if plan.read_only else "Edit &Settings…")
