"""The profile form: one platform's profile fields, the live bio counter and the pictures."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smoplanner.core.locale_format import PlanLocale
from smoplanner.core.platforms import PlatformRules
from smoplanner.core.profile_rules import ProfileInput
from smoplanner.core.textcount import count_for_unit
from smoplanner.store.profiles import ImageRef, ProfileData
from smoplanner.ui.plan_locale import set_date_format

BIO_DEBOUNCE_MS = 600
_NEVER = QDate(2000, 1, 1)

FIELD_LABELS = {
    "handle": "handle",
    "display_name": "display name",
    "profile_url": "profile address",
    "bio": "bio",
    "website": "website link",
    "category": "category",
    "email": "e-mail",
    "phone": "phone",
    "address": "address",
    "notes": "notes",
    "last_reviewed": "review date",
    "picture": "picture",
    "banner": "banner",
}


class _PictureBox(QWidget):
    """A thumbnail with its size and buttons to choose or remove the picture."""

    def __init__(self, which: str, thumb_w: int, thumb_h: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.which = which
        self.thumb = QLabel(self)
        self.thumb.setFixedSize(thumb_w, thumb_h)
        self.thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumb.setStyleSheet("QLabel { border: 1px solid palette(mid); }")
        self.info = QLabel(self)
        self.info.setWordWrap(True)
        self.choose = QPushButton("Choose…", self)
        self.remove = QPushButton("Remove", self)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.choose)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.thumb)
        top.addWidget(self.info, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(buttons)

    def show_image(self, ref: ImageRef | None, data: bytes | None, note: str) -> None:
        if ref is None or data is None:
            self.thumb.setPixmap(QPixmap())
            self.thumb.setText("none")
            self.info.setText(note or f"No {self.which} yet.")
            self.remove.setEnabled(False)
            return
        pixmap = QPixmap()
        pixmap.loadFromData(data)
        self.thumb.setText("")
        self.thumb.setPixmap(
            pixmap.scaled(
                self.thumb.size(), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        )
        self.info.setText(f"{ref.width}×{ref.height} pixels, {ref.byte_size / 1024:,.0f} KB. {note}".strip())


class ProfileForm(QWidget):
    """Signals: ``draft_changed()`` on every keystroke; ``field_committed(field, value)`` when a field is
    finished; ``choose_image(which)`` / ``remove_image(which)`` for "picture" and "banner"."""

    draft_changed = Signal()
    field_committed = Signal(str, object)
    choose_image = Signal(str)
    remove_image = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stored: ProfileData | None = None
        self._rules: PlatformRules | None = None
        self._read_only = False

        self.handle = QLineEdit(self)
        self.handle.setPlaceholderText("@yourname")
        self.display_name = QLineEdit(self)
        self.profile_url = QLineEdit(self)
        self.profile_url.setPlaceholderText("https://…")
        self.bio = QPlainTextEdit(self)
        self.bio.setTabChangesFocus(True)
        self.bio.setFixedHeight(90)
        self.bio_count = QLabel(self)
        self.bio_count.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.bio_count.setWordWrap(True)
        self.website = QLineEdit(self)
        self.website.setPlaceholderText("https://your-site.example")
        self.category = QLineEdit(self)
        self.email = QLineEdit(self)
        self.phone = QLineEdit(self)
        self.address = QLineEdit(self)
        self.picture_box = _PictureBox("picture", 72, 72, self)
        self.banner_box = _PictureBox("banner", 144, 54, self)
        self.reviewed = QDateEdit(self)
        self.reviewed.setCalendarPopup(True)
        self.reviewed.setMinimumDate(_NEVER)
        self.reviewed.setSpecialValueText("Never")
        self._locale = ""
        self.set_locale("en_US")
        self.reviewed_today = QPushButton("Reviewed today", self)
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(70)

        self._lines: dict[str, QLineEdit] = {
            "handle": self.handle,
            "display_name": self.display_name,
            "profile_url": self.profile_url,
            "website": self.website,
            "category": self.category,
            "email": self.email,
            "phone": self.phone,
            "address": self.address,
        }
        self._texts: dict[str, QPlainTextEdit] = {"bio": self.bio, "notes": self.notes}

        bio_box = QVBoxLayout()
        bio_box.setContentsMargins(0, 0, 0, 0)
        bio_box.setSpacing(2)
        bio_box.addWidget(self.bio)
        bio_box.addWidget(self.bio_count)
        review_row = QHBoxLayout()
        review_row.setContentsMargins(0, 0, 0, 0)
        review_row.addWidget(self.reviewed)
        review_row.addWidget(self.reviewed_today)
        review_row.addStretch(1)

        bio_label = QLabel("&Bio:", self)
        bio_label.setBuddy(self.bio)
        reviewed_label = QLabel("&Last reviewed:", self)
        reviewed_label.setBuddy(self.reviewed)
        outer = QVBoxLayout(self)
        self.form = QFormLayout()
        outer.addLayout(self.form)
        outer.addStretch(1)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.addRow("&Handle:", self.handle)
        self.form.addRow("&Display name:", self.display_name)
        self.form.addRow("Profile &address:", self.profile_url)
        self.form.addRow(bio_label, bio_box)
        self.form.addRow("&Website link:", self.website)
        self.form.addRow("&Category:", self.category)
        self.form.addRow("&E-mail:", self.email)
        self.form.addRow("&Phone:", self.phone)
        self.form.addRow("Add&ress:", self.address)
        self.form.addRow("Picture:", self.picture_box)
        self.form.addRow("Banner:", self.banner_box)
        self.form.addRow(reviewed_label, review_row)
        self.form.addRow("&Notes:", self.notes)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(BIO_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.commit_pending)

        for name, edit in self._lines.items():
            edit.textEdited.connect(self.draft_changed)
            edit.editingFinished.connect(lambda name=name: self._commit(name))
        for text_edit in self._texts.values():
            text_edit.textChanged.connect(self._text_changed)
            text_edit.installEventFilter(self)
        self.reviewed.editingFinished.connect(lambda: self._commit("last_reviewed"))
        self.reviewed.dateChanged.connect(self.draft_changed)
        self.reviewed_today.clicked.connect(self._reviewed_today)
        for box in (self.picture_box, self.banner_box):
            box.choose.clicked.connect(lambda _=False, which=box.which: self.choose_image.emit(which))
            box.remove.clicked.connect(lambda _=False, which=box.which: self.remove_image.emit(which))
        self.setEnabled(False)

    # -- showing ---------------------------------------------------------------------------------

    @property
    def platform(self) -> str | None:
        return self._stored.platform if self._stored is not None else None

    def set_profile(self, profile: ProfileData, rules: PlatformRules) -> None:
        """Show a stored profile; fields already showing the same text are left alone (cursor kept)."""
        old = self._stored
        switching = old is None or old.platform != profile.platform
        self._stored, self._rules = profile, rules
        self.setEnabled(True)

        def changed(name: str) -> bool:
            # A field the user is still editing keeps its text unless the plan's value itself changed.
            return switching or getattr(old, name) != getattr(profile, name)

        for name, edit in self._lines.items():
            value = getattr(profile, name)
            if changed(name) and edit.text() != value:
                with QSignalBlocker(edit):
                    edit.setText(value)
                    edit.setCursorPosition(0)
        for name, text_edit in self._texts.items():
            value = getattr(profile, name)
            if changed(name) and text_edit.toPlainText() != value:
                with QSignalBlocker(text_edit):
                    text_edit.setPlainText(value)
        if switching:
            self._debounce.stop()
        if changed("last_reviewed"):
            with QSignalBlocker(self.reviewed):
                self.reviewed.setDate(self._qdate(profile.last_reviewed))
        # A platform without handles (Google Business Profile) hides the row, unless old data sits in it.
        self.form.setRowVisible(self.handle, rules.has_handle or bool(profile.handle))
        for name in ("email", "phone", "address"):
            visible = rules.custom or name in rules.contact_fields or bool(getattr(profile, name))
            self.form.setRowVisible(self._lines[name], visible)
        self.form.setRowVisible(self.banner_box, rules.has_banner or profile.banner is not None)
        self.update_counter()

    def show_images(self, picture: bytes | None, banner: bytes | None) -> None:
        profile, rules = self._stored, self._rules
        if profile is None or rules is None:
            return
        min_px = rules.limits.get("picture_min_px")
        note = f"At least {min_px.value}×{min_px.value} recommended." if min_px else ""
        if profile.picture is not None and min_px and min(profile.picture.width, profile.picture.height) < min_px.value:
            note = f"Too small: {rules.name} wants at least {min_px.value}×{min_px.value}."
        self.picture_box.show_image(profile.picture, picture, note)
        width, height = rules.limits.get("banner_width_px"), rules.limits.get("banner_height_px")
        bnote = f"At least {width.value}×{height.value} recommended." if width and height else ""
        if (
            profile.banner is not None
            and width
            and height
            and (profile.banner.width < width.value or profile.banner.height < height.value)
        ):
            bnote = f"Too small: {rules.name} wants at least {width.value}×{height.value}."
        self.banner_box.show_image(profile.banner, banner, bnote)
        self._apply_read_only()

    def set_locale(self, code: str) -> None:
        """Write the review date (and its calendar's weeks) as the plan's locale does."""
        if code != self._locale:
            self._locale = code
            set_date_format(self.reviewed, PlanLocale.of(code))
            self.update_counter()

    def set_picture_message(self, which: str, message: str) -> None:
        box = self.picture_box if which == "picture" else self.banner_box
        box.info.setText(message)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self._apply_read_only()

    def _apply_read_only(self) -> None:
        ro = self._read_only
        for edit in self._lines.values():
            edit.setReadOnly(ro)
        for text_edit in self._texts.values():
            text_edit.setReadOnly(ro)
        self.reviewed.setReadOnly(ro)
        self.reviewed_today.setEnabled(not ro)
        for box, ref in (
            (self.picture_box, self._stored.picture if self._stored else None),
            (self.banner_box, self._stored.banner if self._stored else None),
        ):
            box.choose.setEnabled(not ro)
            box.remove.setEnabled(not ro and ref is not None)

    def update_counter(self) -> None:
        rules = self._rules
        if rules is None:
            return
        n = PlanLocale.of(self._locale or "en_US").number
        text = self.bio.toPlainText().strip()
        limit = rules.limits.get("bio")
        if limit is None:
            self.bio_count.setText(f"{n(count_for_unit(text, rules, 'characters'))} characters (no limit known)")
            self.bio_count.setStyleSheet("")
            return
        count = count_for_unit(text, rules, limit.unit)
        over = count - limit.value
        if over > 0:
            self.bio_count.setText(f"{n(count)} / {n(limit.value)} — {n(over)} too long")
            self.bio_count.setStyleSheet("QLabel { color: #d32f2f; font-weight: bold; }")
        else:
            self.bio_count.setText(f"{n(count)} / {n(limit.value)}")
            self.bio_count.setStyleSheet("")

    # -- the draft and committing ----------------------------------------------------------------

    def draft(self) -> ProfileInput | None:
        """The profile as the form shows it now, typed but not yet stored."""
        profile = self._stored
        if profile is None:
            return None
        return ProfileInput(
            platform=profile.platform,
            handle=self.handle.text(),
            display_name=self.display_name.text(),
            profile_url=self.profile_url.text(),
            bio=self.bio.toPlainText(),
            website=self.website.text(),
            category=self.category.text(),
            email=self.email.text(),
            phone=self.phone.text(),
            address=self.address.text(),
            picture=profile.picture.info if profile.picture else None,
            banner=profile.banner.info if profile.banner else None,
            last_reviewed=self._date_value(),
        )

    def commit_pending(self) -> None:
        """Store every field that differs from the plan (before switching profile, on a pause in typing)."""
        self._debounce.stop()
        for name in (*self._lines, *self._texts, "last_reviewed"):
            self._commit(name)

    def has_pending(self) -> bool:
        """Whether some field holds typed text not stored yet."""
        stored = self._stored
        if stored is None or self._read_only:
            return False
        return any(self._value(name) != getattr(stored, name) for name in (*self._lines, *self._texts, "last_reviewed"))

    def _value(self, name: str) -> object:
        if name in self._lines:
            return self._lines[name].text()
        if name in self._texts:
            return self._texts[name].toPlainText()
        return self._date_value()

    def _commit(self, name: str) -> None:
        if self._stored is None or self._read_only:
            return
        value = self._value(name)
        if value != getattr(self._stored, name):
            self.field_committed.emit(name, value)

    def _text_changed(self) -> None:
        self.update_counter()
        self.draft_changed.emit()
        if not self._read_only:
            self._debounce.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and watched in self._texts.values():
            self.commit_pending()
        return super().eventFilter(watched, event)

    def _reviewed_today(self) -> None:
        self.reviewed.setDate(self._qdate(date.today()))
        self._commit("last_reviewed")
        self.draft_changed.emit()

    def _date_value(self) -> date | None:
        qdate = self.reviewed.date()
        if qdate == _NEVER:
            return None
        return date(qdate.year(), qdate.month(), qdate.day())

    @staticmethod
    def _qdate(value: date | None) -> QDate:
        return _NEVER if value is None else QDate(value.year, value.month, value.day)
