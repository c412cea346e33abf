"""The post editor: text with a variant per platform, live counters counted each platform's way, and the details."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, QSize, Qt, QTime, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPixmap,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from smoplanner.core.media import MORE, MediaItem, check_post_media, feed_preview
from smoplanner.core.money import Currency, MoneyEntryError, currency, to_minor
from smoplanner.core.plan_settings import PlatformEntry
from smoplanner.core.post_checks import Measure, Problem, check_post_text, measure, unit_word
from smoplanner.core.posts import STATUSES, PostRecord, text_for
from smoplanner.core.recurrence import Recurrence, describe
from smoplanner.core.results import PostResult
from smoplanner.core.textcount import extract_hashtags
from smoplanner.core.utm import utm_for_post
from smoplanner.store.posts import HashtagGroup, Pillar, PostRow
from smoplanner.ui.calendar.best_times import BestTimesBar, BestTimesByPlatform
from smoplanner.ui.calendar.common import (
    DEFAULT_TIME,
    PROBLEM_RED,
    STATUS_LABELS,
    CalendarContext,
    pillar_qcolor,
    problem_red,
)
from smoplanner.ui.calendar.media_strip import MediaStrip
from smoplanner.ui.calendar.media_thumbs import PictureBytes
from smoplanner.ui.calendar.post_results import HowItDidBox
from smoplanner.ui.fitting import resize_within_screen
from smoplanner.ui.plan_locale import set_date_format, set_money_field, set_time_format
from smoplanner.ui.platform_icons import platform_icon

OVER_COLOR = PROBLEM_RED


@dataclass(frozen=True)
class EditorResult:
    record: PostRecord
    pillar_id: int | None
    rule: Recurrence | None = None


@dataclass(frozen=True)
class EditorSetup:
    """What the editor needs from the plan."""

    ctx: CalendarContext
    pillars: tuple[Pillar, ...] = ()
    hashtag_groups: tuple[HashtagGroup, ...] = ()
    campaigns: tuple[str, ...] = ()
    read_only: bool = False
    series_text: str = ""  # "Every week until 1 Jun 2026" for a post in a repeat
    picture_bytes: PictureBytes | None = None  # a stored picture's bytes by content hash, for thumbnails
    best_times: BestTimesByPlatform = ()  # from the plan's post results (report.results.best_posting_times)
    results: tuple[PostResult, ...] = ()  # how the edited post did, one per platform (store.results)


class KeywordHighlighter(QSyntaxHighlighter):
    """Marks the plan's keywords (whole words, any case) and hashtags in a post's text."""

    def __init__(self, document: QTextDocument, keywords: Sequence[str]) -> None:
        super().__init__(document)
        self.keyword_format = QTextCharFormat()
        self.keyword_format.setBackground(QColor(255, 213, 79, 110))
        self.keyword_format.setFontWeight(QFont.Weight.DemiBold)
        self.hashtag_format = QTextCharFormat()
        self.hashtag_format.setForeground(QColor(30, 110, 200))
        self.set_keywords(keywords)

    def set_keywords(self, keywords: Sequence[str]) -> None:
        words = sorted({k.strip() for k in keywords if k.strip()}, key=len, reverse=True)
        self._pattern = (
            re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.IGNORECASE)
            if words
            else None
        )
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        for m in re.finditer(r"(?<!\w)#\w+", text):
            self.setFormat(m.start(), m.end() - m.start(), self.hashtag_format)
        if self._pattern is not None:
            for m in self._pattern.finditer(text):
                self.setFormat(m.start(), m.end() - m.start(), self.keyword_format)


def counter_text(m: Measure) -> str:
    """ "212 / 2,200 characters · 3 / 5 hashtags · 1 link" """
    unit = unit_word(m.unit, m.count)
    parts = [f"{m.count:,} / {m.limit:,} {unit}" if m.limit is not None else f"{m.count:,} {unit}"]
    if m.hashtag_limit is not None:
        parts.append(f"{m.hashtags} / {m.hashtag_limit} hashtags")
    else:
        parts.append(f"{m.hashtags} hashtag{'s' if m.hashtags != 1 else ''}")
    parts.append(f"{m.links} link{'s' if m.links != 1 else ''}")
    return " · ".join(parts)


class CounterLabel(QLabel):
    """A platform's live counter; ``over_limit`` is True (and the text red) past a limit."""

    def __init__(self, code: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = code
        self.name = name
        self.over_limit = False
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)  # a long counter wraps instead of widening the editor

    def show_measure(self, m: Measure) -> None:
        over = (m.limit is not None and m.count > m.limit) or (
            m.hashtag_limit is not None and m.hashtags > m.hashtag_limit
        )
        self.over_limit = over
        self.setProperty("over_limit", over)
        prefix = "Too long: " if m.limit is not None and m.count > m.limit else ""
        self.setText(f"{self.name}: {prefix}{counter_text(m)}")
        self.setStyleSheet(f"color: {problem_red(self)}; font-weight: bold;" if over else "")
        self.setAccessibleDescription("over the limit" if over else "")


class PostEditor(QDialog):
    """Edit one post. ``result_value()`` gives the post as entered (after the dialog was accepted).

    Signals: ``manage_pillars_requested``, ``save_group_requested(name, tags)``.
    """

    manage_pillars_requested = Signal()
    save_group_requested = Signal(str, str)

    def __init__(
        self,
        setup: EditorSetup,
        post: PostRow | None = None,
        day: date | None = None,
        clock: time | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setup = setup
        self.ctx = setup.ctx
        self.post = post
        try:
            self.currency: Currency = currency(self.ctx.settings.currency)
        except ValueError:
            self.currency = currency("EUR")
        self._result: EditorResult | None = None
        #: The post's pictures and videos, kept as they are when the post is saved.
        self.media: tuple[MediaItem, ...] = post.media if post is not None else ()
        # A new post's problems ("Instagram post is empty"…) show once the user writes or tries to save,
        # not as a wall of red on a form not yet filled in.
        self.checks_shown = post is not None
        self.setWindowTitle("Edit Post" if post else ("New Post" if day is not None else "New Idea"))
        self.setObjectName("PostEditor")
        self._build()
        self._load(post, day, clock)
        self._set_read_only(setup.read_only)
        self.refresh_checks()
        self._initial_state = self.edit_state()
        resize_within_screen(self, QSize(1000, 720))

    # -- building ------------------------------------------------------------------------------

    def _platform_entries(self) -> list[PlatformEntry]:
        """The plan's platforms, then any the post targets that the plan no longer uses (kept, not dropped)."""
        entries = list(self.ctx.settings.platforms)
        in_use = {e.code for e in entries}
        post = self.post
        if post is not None:
            for code in (*post.platforms, *(code for code, _text in post.variants)):
                if code not in in_use:
                    in_use.add(code)
                    entries.append(PlatformEntry(code, self.ctx.platform_name(code), custom=True))
                    self.not_in_use.add(code)
        return entries

    def _build(self) -> None:
        ctx = self.ctx
        self.not_in_use: set[str] = set()
        platforms = self._platform_entries()
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("A short name for the calendar, e.g. “Autumn menu launch”")
        self.title_edit.setAccessibleName("Title")

        # Platforms
        platforms_box = QGroupBox("Post to")
        grid = QGridLayout(platforms_box)
        grid.setContentsMargins(8, 4, 8, 4)
        self.platform_checks: dict[str, QCheckBox] = {}
        for i, entry in enumerate(platforms):
            check = QCheckBox(f"{entry.name} (not in use)" if entry.code in self.not_in_use else entry.name)
            if entry.code in self.not_in_use:
                check.setToolTip(
                    f"{entry.name} is no longer one of the plan's platforms (Edit ▸ Plan Settings). "
                    "The post keeps it, with its own text, unless you untick it."
                )
            check.setIcon(platform_icon(entry.code, entry.name))
            check.toggled.connect(self._platforms_changed)
            self.platform_checks[entry.code] = check
            grid.addWidget(check, i // 3, i % 3)
        if not platforms:
            grid.addWidget(QLabel("No platforms yet: add them in Edit ▸ Plan Settings."), 0, 0)

        # Texts
        self.text_tabs = QTabWidget()
        self.text_tabs.setDocumentMode(True)
        self.main_text = self._text_edit("Write the post. Use the platform tabs to change it for one platform.")
        self.main_text.setAccessibleName("Post text")
        self.text_tabs.addTab(self.main_text, "Main text")
        self.variant_edits: dict[str, QPlainTextEdit] = {}
        for entry in platforms:
            edit = self._text_edit(f"Same as the main text. Type here to post something different on {entry.name}.")
            edit.setAccessibleName(f"{entry.name} text")
            self.variant_edits[entry.code] = edit
            self.text_tabs.addTab(edit, platform_icon(entry.code, entry.name), entry.name)
        self.highlighters = [
            KeywordHighlighter(e.document(), ctx.settings.keywords)
            for e in [self.main_text, *self.variant_edits.values()]
        ]

        counters = QWidget()
        counters_layout = QVBoxLayout(counters)
        counters_layout.setContentsMargins(2, 0, 2, 0)
        counters_layout.setSpacing(1)
        self.counters: dict[str, CounterLabel] = {}
        for entry in platforms:
            label = CounterLabel(entry.code, entry.name)
            self.counters[entry.code] = label
            counters_layout.addWidget(label)

        # Hashtag groups
        self.group_combo = QComboBox()
        self.group_combo.setAccessibleName("Hashtag group")
        # A group's tags can be long: the combo shows what fits instead of widening the editor.
        self.group_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.group_combo.setMinimumContentsLength(14)
        self.insert_group = QPushButton("&Insert")
        self.insert_group.setToolTip("Add the group's hashtags to the text you are editing")
        self.insert_group.clicked.connect(self._insert_group)
        self.save_group = QPushButton("Save as Group…")
        self.save_group.setToolTip("Keep this post's hashtags as a group to reuse")
        self.save_group.clicked.connect(self._save_group)
        tags_row = QHBoxLayout()
        tags_row.addWidget(QLabel("Hashtags:"))
        tags_row.addWidget(self.group_combo, 1)
        tags_row.addWidget(self.insert_group)
        tags_row.addWidget(self.save_group)
        self.set_hashtag_groups(self.setup.hashtag_groups)

        self.problems_label = QLabel()
        self.problems_label.setWordWrap(True)
        self.problems_label.setTextFormat(Qt.TextFormat.PlainText)
        self.problems_label.setAccessibleName("Problems")

        # Pictures and videos: thumbnails in posting order, alt text per item, checked live like the text.
        self.media_strip = MediaStrip(self.setup.picture_bytes)
        self.media_strip.set_items(self.media)
        self.media_strip.changed.connect(self._media_changed)
        media_box = QGroupBox("Pictures and videos")
        media_layout = QVBoxLayout(media_box)
        media_layout.setContentsMargins(6, 2, 6, 4)
        media_layout.addWidget(self.media_strip)

        left = QVBoxLayout()
        left.addWidget(platforms_box)
        left.addWidget(self.text_tabs, 1)
        left.addWidget(counters)
        left.addWidget(media_box)
        left.addLayout(tags_row)
        left.addWidget(self.problems_label)

        # Details
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.status_combo = QComboBox()
        for status in STATUSES:
            self.status_combo.addItem(STATUS_LABELS[status], status)
        self.status_combo.currentIndexChanged.connect(self._status_changed)
        self.published_url = QLineEdit()
        self.published_url.setPlaceholderText("https://… where it went live")
        form.addRow("&Status:", self.status_combo)
        form.addRow("Published at:", self.published_url)

        self.pillar_combo = QComboBox()
        self.pillar_combo.setAccessibleName("Content pillar")
        self.manage_pillars = QPushButton("Manage…")
        self.manage_pillars.setToolTip("Add content pillars, or change their colours and targets")
        self.manage_pillars.clicked.connect(self.manage_pillars_requested)
        pillar_row = QHBoxLayout()
        pillar_row.addWidget(self.pillar_combo, 1)
        pillar_row.addWidget(self.manage_pillars)
        form.addRow(_buddy("&Pillar:", self.pillar_combo), pillar_row)
        self.set_pillars(self.setup.pillars)

        self.campaign = QComboBox()
        self.campaign.setEditable(True)
        self.campaign.addItems(["", *self.setup.campaigns])
        campaign_line = self.campaign.lineEdit()
        assert campaign_line is not None  # an editable combo box has one
        campaign_line.setPlaceholderText("e.g. Spring sale")
        self.campaign.currentTextChanged.connect(lambda _t: self.refresh_checks())
        form.addRow("&Campaign:", self.campaign)

        self.link = QLineEdit()
        self.link.setPlaceholderText("https://…")
        self.link.textChanged.connect(lambda _t: self.refresh_checks())
        # A plain-text box, not a label: tracked links are long and must wrap anywhere.
        self.utm_preview = QPlainTextEdit()
        self.utm_preview.setReadOnly(True)
        self.utm_preview.setWordWrapMode(QTextOption.WrapMode.WrapAnywhere)
        self.utm_preview.setFrameShape(QFrame.Shape.NoFrame)
        self.utm_preview.setAccessibleName("Tracked links")
        small = QFont(self.utm_preview.font())
        small.setPointSizeF(small.pointSizeF() * 0.9)
        self.utm_preview.setFont(small)
        self.utm_preview.setFixedHeight(QFontMetrics(small).lineSpacing() * 6 + 8)
        self.utm_preview.viewport().setAutoFillBackground(False)
        form.addRow("&Link:", self.link)
        form.addRow("", self.utm_preview)
        # How the post reads in each chosen platform's feed: cut where the platform cuts it, with "… more".
        # A plain-text box like the tracked links: a long address wraps anywhere instead of widening the form.
        self.feed_preview = QPlainTextEdit()
        self.feed_preview.setReadOnly(True)
        self.feed_preview.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.feed_preview.setAccessibleName("Preview in the feed")
        self.feed_preview.setFont(small)
        self.feed_preview.setFixedHeight(QFontMetrics(small).lineSpacing() * 9 + 8)
        form.addRow("Preview:", self.feed_preview)

        self.media_notes = QPlainTextEdit()
        self.media_notes.setPlaceholderText("Photo or video to use, where it is")
        self.media_notes.setFixedHeight(48)
        self.alt_text = QLineEdit()
        self.alt_text.setPlaceholderText("What the picture shows, for people who cannot see it")
        form.addRow("Media notes:", self.media_notes)
        form.addRow("Alt text:", self.alt_text)

        self.organic = QRadioButton("Organic")
        self.boosted = QRadioButton("Boosted")
        self.organic.setChecked(True)
        self._promotion = QButtonGroup(self)
        self._promotion.addButton(self.organic)
        self._promotion.addButton(self.boosted)
        self.boost_amount = QLineEdit()
        set_money_field(self.boost_amount, self.ctx.fmt, self.currency)
        self.boost_amount.setAccessibleName("Boost amount")
        self.boost_amount.setMaximumWidth(110)
        self.boosted.toggled.connect(self._promotion_changed)
        promo = QHBoxLayout()
        promo.addWidget(self.organic)
        promo.addWidget(self.boosted)
        promo.addWidget(self.boost_amount)
        promo.addWidget(QLabel(self.currency.code))
        promo.addStretch(1)
        form.addRow(_buddy("Pro&motion:", self.organic), promo)

        self.no_date = QCheckBox("No date: keep in ideas")
        self.no_date.toggled.connect(self._date_toggled)
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        set_date_format(self.date_edit, self.ctx.fmt)
        self.date_edit.setAccessibleName("Date")
        self.time_edit = QTimeEdit()
        set_time_format(self.time_edit, self.ctx.fmt)
        self.time_edit.setAccessibleName("Time")
        when = QHBoxLayout()
        when.addWidget(self.date_edit, 1)
        when.addWidget(self.time_edit)
        form.addRow(_buddy("&When:", self.date_edit), when)
        form.addRow("", self.no_date)
        self.tz_label = QLabel(f"Times are in {self.ctx.settings.timezone}")
        self.tz_label.setFont(small)
        form.addRow("", self.tz_label)
        best = dict(self.setup.best_times)
        self.best_times = BestTimesBar(
            best, ctx.platform_names, ctx.fmt, self.platform_checks, self.date_edit, self.time_edit, self
        )
        form.addRow("", self.best_times)

        self.repeat_combo = QComboBox()
        self.repeat_combo.addItem("Does not repeat", "")
        self.repeat_combo.addItem("Every week", "weekly")
        self.repeat_combo.addItem("Every month", "monthly")
        self.repeat_combo.currentIndexChanged.connect(self._repeat_changed)
        self.until_edit = QDateEdit()
        self.until_edit.setCalendarPopup(True)
        set_date_format(self.until_edit, self.ctx.fmt, weekday=False)
        self.until_edit.setAccessibleName("Repeat until")
        repeat = QHBoxLayout()
        repeat.addWidget(self.repeat_combo, 1)
        repeat.addWidget(QLabel("until"))
        repeat.addWidget(self.until_edit)
        self.series_label = QLabel(self.setup.series_text)
        self.series_label.setWordWrap(True)
        form.addRow(_buddy("&Repeat:", self.repeat_combo), repeat)
        form.addRow("", self.series_label)

        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText("Anything to remember (not posted)")
        self.notes.setFixedHeight(56)
        form.addRow("&Notes:", self.notes)

        # How the post did, once its results are imported (read-only; nothing for a post still to come).
        self.how_it_did = HowItDidBox(ctx, self.setup.results, self.post.scheduled_at if self.post else None)

        details = QWidget()
        details_layout = QVBoxLayout(details)
        details_layout.setContentsMargins(0, 0, 4, 0)
        details_layout.addWidget(self.how_it_did)
        details_layout.addLayout(form)
        details_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(details)
        scroll.setMinimumWidth(details.minimumSizeHint().width() + scroll.verticalScrollBar().sizeHint().width() + 4)

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {problem_red(self)};")
        self.error_label.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)

        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addWidget(scroll, 2)
        title_row = QFormLayout()
        title_row.addRow("&Title:", self.title_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(title_row)
        layout.addLayout(columns, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self.main_text.textChanged.connect(self._typed)
        self.title_edit.textEdited.connect(self._typed)
        for edit in self.variant_edits.values():
            edit.textChanged.connect(self._typed)

    def _text_edit(self, placeholder: str) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setPlaceholderText(placeholder)
        edit.setTabChangesFocus(True)
        return edit

    def set_pillars(self, pillars: Sequence[Pillar]) -> None:
        current = self.pillar_combo.currentData()
        self.pillar_combo.blockSignals(True)
        self.pillar_combo.clear()
        self.pillar_combo.addItem("No pillar", None)
        for p in pillars:
            swatch = QPixmap(12, 12)
            swatch.fill(pillar_qcolor(p.color))
            self.pillar_combo.addItem(swatch, p.name, p.id)
        index = self.pillar_combo.findData(current)
        self.pillar_combo.setCurrentIndex(max(0, index))
        self.pillar_combo.blockSignals(False)

    def set_hashtag_groups(self, groups: Sequence[HashtagGroup]) -> None:
        self.group_combo.clear()
        for g in groups:
            self.group_combo.addItem(f"{g.name}: {g.tags}", g.tags)
        has = bool(groups)
        if not has:
            self.group_combo.addItem("No saved groups yet", "")
        self.group_combo.setEnabled(has)
        self.insert_group.setEnabled(has and not self.setup.read_only)

    # -- loading -------------------------------------------------------------------------------

    def _load(self, post: PostRow | None, day: date | None, clock: time | None) -> None:
        ctx = self.ctx
        if post is None:
            # A post starts on every platform of the plan; an idea on none (it needs none until it is planned).
            for check in self.platform_checks.values():
                check.setChecked(day is not None)
            self._platforms_changed()
            self.status_combo.setCurrentIndex(self.status_combo.findData("draft" if day is not None else "idea"))
            self._status_changed()
            when_day = day or date.today()
            self._set_when(when_day, clock or DEFAULT_TIME)
            self.no_date.setChecked(day is None)
            self.until_edit.setDate(_qdate(when_day + timedelta(days=90)))
            self._repeat_changed()
            self.series_label.hide()
            return
        self.title_edit.setText(post.title)
        self.main_text.setPlainText(post.text)
        variants = dict(post.variants)
        for code, edit in self.variant_edits.items():
            edit.setPlainText(variants.get(code, ""))
        for code, check in self.platform_checks.items():
            check.setChecked(code in post.platforms)
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(post.status)))
        self.published_url.setText(post.published_url)
        self.published_url.setCursorPosition(0)  # show where the address starts
        self.pillar_combo.setCurrentIndex(max(0, self.pillar_combo.findData(post.pillar_id)))
        self.campaign.setCurrentText(post.campaign)
        self.link.setText(post.link)
        self.media_notes.setPlainText(post.media_notes)
        self.alt_text.setText(post.alt_text)
        self.boosted.setChecked(post.boosted)
        self.organic.setChecked(not post.boosted)
        if post.boost_minor:
            self.boost_amount.setText(self.ctx.fmt.amount(post.boost_minor, self.currency))
        self.notes.setPlainText(post.notes)
        if post.scheduled_at is not None:
            local = ctx.local(post.scheduled_at)
            self._set_when(local.date(), local.time())
            self.until_edit.setDate(_qdate(local.date() + timedelta(days=90)))
            self.no_date.setChecked(False)
        else:
            self._set_when(day or date.today(), clock or DEFAULT_TIME)
            self.no_date.setChecked(True)
        # A repeat is set up when a post is planned; an existing post shows the repeat it belongs to.
        self.repeat_combo.setEnabled(False)
        self.until_edit.setEnabled(False)
        self.repeat_combo.setToolTip("A repeat is chosen when a post is first planned")
        self.series_label.setText(self.setup.series_text)
        self.series_label.setVisible(bool(self.setup.series_text))
        self._status_changed()
        self._promotion_changed()
        self._date_toggled()

    def _set_when(self, day: date, clock: time) -> None:
        self.date_edit.setDate(_qdate(day))
        self.time_edit.setTime(QTime(clock.hour, clock.minute))

    def _set_read_only(self, read_only: bool) -> None:
        if not read_only:
            return
        self.setWindowTitle("Post (read-only)")
        for w in (self.title_edit, self.published_url, self.link, self.alt_text, self.boost_amount):
            w.setReadOnly(True)
        for e in (self.main_text, *self.variant_edits.values(), self.media_notes, self.notes):
            e.setReadOnly(True)
        for widget in (
            *self.platform_checks.values(),
            self.status_combo,
            self.pillar_combo,
            self.campaign,
            self.organic,
            self.boosted,
            self.no_date,
            self.date_edit,
            self.time_edit,
            self.repeat_combo,
            self.until_edit,
            self.insert_group,
            self.save_group,
            self.manage_pillars,
        ):
            widget.setEnabled(False)
        self.media_strip.set_read_only(True)
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)

    # -- live checks ---------------------------------------------------------------------------

    def checked_platforms(self) -> tuple[str, ...]:
        return tuple(code for code, check in self.platform_checks.items() if check.isChecked())

    def _platforms_changed(self) -> None:
        checked = set(self.checked_platforms())
        for i, code in enumerate(self.variant_edits, start=1):
            self.text_tabs.setTabVisible(i, code in checked)
        self.refresh_checks()

    def _variants(self) -> tuple[tuple[str, str], ...]:
        checked = self.checked_platforms()
        return tuple(
            (code, edit.toPlainText())
            for code, edit in self.variant_edits.items()
            if code in checked and edit.toPlainText().strip()
        )

    def problems(self) -> list[tuple[str, Problem]]:
        """Each checked platform's problems with the text posted there."""
        draft = self._draft_record()
        found: list[tuple[str, Problem]] = []
        locale = self.ctx.settings.locale  # numbers in the messages as the plan writes them
        for code in draft.platforms:
            for problem in check_post_text(text_for(draft, code), code, self.ctx.rulebook, locale=locale):
                found.append((code, problem))
            for problem in check_post_media(self.media, code, self.ctx.rulebook, locale=locale):
                found.append((code, problem))
        return found

    def _draft_record(self) -> PostRecord:
        return PostRecord(
            title=self.title_edit.text().strip(),
            text=self.main_text.toPlainText(),
            platforms=self.checked_platforms(),
            scheduled_at=None,
            variants=self._variants(),
        )

    def _media_changed(self) -> None:
        self.media = self.media_strip.items()
        self.checks_shown = True
        self.refresh_checks()

    def _typed(self) -> None:
        self.checks_shown = True
        self.refresh_checks()

    def refresh_checks(self) -> None:
        draft = self._draft_record()
        checked = set(draft.platforms)
        for code, label in self.counters.items():
            label.setVisible(code in checked)
            if code in checked:
                label.show_measure(measure(text_for(draft, code), code, self.ctx.rulebook))
        for i, code in enumerate(self.variant_edits, start=1):
            counter = self.counters.get(code)
            over = counter is not None and counter.over_limit and code in checked
            name = self.ctx.platform_name(code)
            self.text_tabs.setTabText(i, f"{name} ⚠" if over else name)
        lines = [f"• {problem.message}" for _code, problem in self.problems()]
        link = self.link.text().strip()
        if link and not re.match(r"^https?://[^\s/]+", link, re.IGNORECASE):
            lines.append("• The link must start with http:// or https://")
        if not checked:
            self.problems_label.setText("No platform chosen yet: an idea needs none until it is planned.")
            self.problems_label.setStyleSheet("")
        elif not self.checks_shown:
            self.problems_label.setText("Each platform's rules are checked here as you write.")
            self.problems_label.setStyleSheet("")
        elif lines:
            self.problems_label.setText("Problems (you can still save; the post is marked ⚠):\n" + "\n".join(lines))
            self.problems_label.setStyleSheet(f"color: {problem_red(self)};")
        else:
            self.problems_label.setText("No problems found on the chosen platforms.")
            self.problems_label.setStyleSheet("")
        self._refresh_utm()
        self._refresh_preview(draft)

    def _refresh_preview(self, draft: PostRecord) -> None:
        blocks = []
        link = self.link.text().strip()
        for code in draft.platforms:
            shown = feed_preview(text_for(draft, code), code, self.ctx.rulebook)
            text = shown.shown + (MORE if shown.cut else "")
            if link:
                with contextlib.suppress(ValueError):  # not a web link: the tracked links box says so
                    text += "\nLink: " + utm_for_post(link, code, self.campaign.currentText(), self.boosted.isChecked())
            if self.media:
                text += f"\n[{self.media[0].name}" + (f" + {len(self.media) - 1} more]" if len(self.media) > 1 else "]")
            blocks.append(f"{self.ctx.platform_name(code)}: {text}")
        self.feed_preview.setPlainText("\n\n".join(blocks) or "Choose a platform to see how the post reads there.")

    def _refresh_utm(self) -> None:
        link = self.link.text().strip()
        if not link:
            self.utm_preview.setPlainText("Add a link to see the tracked link for each platform.")
            return
        lines = []
        for code in self.checked_platforms():
            try:
                url = utm_for_post(link, code, self.campaign.currentText(), self.boosted.isChecked())
            except ValueError as exc:
                self.utm_preview.setPlainText(f"Not a web link: {exc}")
                return
            lines.append(f"{self.ctx.platform_name(code)}: {url}")
        self.utm_preview.setPlainText("\n".join(lines) or "Choose a platform to see its tracked link.")

    def _status_changed(self) -> None:
        published = self.status_combo.currentData() == "published"
        self.published_url.setEnabled(published and not self.setup.read_only)

    def _promotion_changed(self) -> None:
        self.boost_amount.setEnabled(self.boosted.isChecked() and not self.setup.read_only)
        self._refresh_utm()

    def _date_toggled(self) -> None:
        on = not self.no_date.isChecked() and not self.setup.read_only
        self.date_edit.setEnabled(on)
        self.time_edit.setEnabled(on)
        self._repeat_changed()

    def _repeat_changed(self) -> None:
        can_repeat = self.post is None and not self.no_date.isChecked() and not self.setup.read_only
        self.repeat_combo.setEnabled(can_repeat)
        self.until_edit.setEnabled(can_repeat and bool(self.repeat_combo.currentData()))

    # -- hashtag groups ------------------------------------------------------------------------

    def _current_edit(self) -> QPlainTextEdit:
        widget = self.text_tabs.currentWidget()
        return widget if isinstance(widget, QPlainTextEdit) else self.main_text

    def _insert_group(self) -> None:
        tags = self.group_combo.currentData()
        if not tags:
            return
        edit = self._current_edit()
        text = edit.toPlainText()
        existing = {t.lower() for t in extract_hashtags(text)}
        new = [t for t in tags.split() if t.lstrip("#").lower() not in existing]
        if not new:
            return
        sep = "" if not text or text.endswith(("\n", " ")) else "\n\n"
        cursor = edit.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        cursor.insertText(sep + " ".join(new))
        edit.setTextCursor(cursor)

    def current_hashtags(self) -> list[str]:
        return [f"#{tag}" for tag in extract_hashtags(self._current_edit().toPlainText())]

    def _save_group(self) -> None:
        from smoplanner.ui.calendar import asks

        tags = self.current_hashtags()
        if not tags:
            self.error_label.setText("Write some #hashtags in the text first, then save them as a group.")
            self.error_label.show()
            return
        name = asks.ask_text(self, "Save Hashtag Group", "Name of the group:")
        if name:
            self.save_group_requested.emit(name, " ".join(tags))

    # -- result --------------------------------------------------------------------------------

    def _fail(self, message: str, widget: QWidget) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        widget.setFocus()

    def build_result(self) -> EditorResult | str:
        """The post as entered, or a plain message naming the field that is wrong."""
        title = self.title_edit.text().strip()
        text = self.main_text.toPlainText()
        if not title and not text.strip():
            return "Write a title or some text for the post."
        boost_minor = 0
        boosted = self.boosted.isChecked()
        if boosted:
            try:
                amount = self.ctx.fmt.parse_money(self.boost_amount.text(), self.currency, "Boost amount")
            except MoneyEntryError as exc:
                return str(exc)
            boost_minor = to_minor(amount, self.currency)
        when: datetime | None = None
        if not self.no_date.isChecked():
            qd, qt = self.date_edit.date(), self.time_edit.time()
            when = self.ctx.to_utc(date(qd.year(), qd.month(), qd.day()), time(qt.hour(), qt.minute()))
        rule: Recurrence | None = None
        freq = self.repeat_combo.currentData()
        if freq and self.post is None and when is not None:
            qu = self.until_edit.date()
            until = date(qu.year(), qu.month(), qu.day())
            if until < self.ctx.local_day(when):
                return "Repeat until: the last date must be on or after the first post."
            rule = Recurrence(freq, until=until)
        status = self.status_combo.currentData()
        pillar_id = self.pillar_combo.currentData()
        record = PostRecord(
            title=title,
            text=text,
            platforms=self.checked_platforms(),
            scheduled_at=when,
            status=status,
            link=self.link.text().strip(),
            pillar=self.pillar_combo.currentText() if pillar_id is not None else "",
            campaign=self.campaign.currentText().strip(),
            variants=self._variants(),
            media_notes=self.media_notes.toPlainText().strip(),
            alt_text=self.alt_text.text().strip(),
            boosted=boosted,
            boost_minor=boost_minor,
            notes=self.notes.toPlainText().strip(),
            published_url=self.published_url.text().strip() if status == "published" else "",
            media=self.media,
        )
        return EditorResult(record, pillar_id, rule)

    def try_accept(self) -> None:
        if self.setup.read_only:
            self.reject()
            return
        if not self.checks_shown:
            self.checks_shown = True
            self.refresh_checks()
        result = self.build_result()
        if isinstance(result, str):
            widget: QWidget = (
                self.boost_amount
                if result.startswith("Boost")
                else (self.until_edit if result.startswith("Repeat") else self.title_edit)
            )
            self._fail(result, widget)
            return
        self._result = result
        self.accept()

    def result_value(self) -> EditorResult | None:
        return self._result

    def edit_state(self) -> tuple[object, ...]:
        """Everything the user can change, to tell whether anything was changed."""
        qd, qt, qu = self.date_edit.date(), self.time_edit.time(), self.until_edit.date()
        return (
            self.title_edit.text(),
            self.main_text.toPlainText(),
            tuple(edit.toPlainText() for edit in self.variant_edits.values()),
            self.checked_platforms(),
            self.status_combo.currentData(),
            self.published_url.text(),
            self.pillar_combo.currentData(),
            self.campaign.currentText(),
            self.link.text(),
            self.media_notes.toPlainText(),
            self.media,
            self.alt_text.text(),
            self.boosted.isChecked(),
            self.boost_amount.text(),
            self.notes.toPlainText(),
            self.no_date.isChecked(),
            (qd.year(), qd.month(), qd.day(), qt.hour(), qt.minute()),
            self.repeat_combo.currentData(),
            (qu.year(), qu.month(), qu.day()),
        )

    def is_dirty(self) -> bool:
        return not self.setup.read_only and self.edit_state() != self._initial_state

    def reject(self) -> None:
        """Escape, Cancel or the close button: with changes, ask whether to save them first."""
        from smoplanner.ui import dialogs

        what = "this post" if self.post is not None else "the new post"
        dialogs.close_or_ask(self, self.is_dirty(), what, self.try_accept, super().reject)


def _buddy(text: str, widget: QWidget) -> QLabel:
    """A form label whose &-key focuses ``widget`` (addRow with a layout cannot set the buddy itself)."""
    label = QLabel(text)
    label.setBuddy(widget)
    return label


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def series_text(rule: Recurrence | None) -> str:
    return f"Part of a repeat: {describe(rule)}." if rule is not None else ""
