"""The form for a plan's settings, shared by the New Plan and Plan Settings dialogs."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smoplanner.core.plan_settings import (
    KNOWN_PLATFORMS,
    PlanSettingsData,
    PlatformEntry,
    SettingsError,
    custom_platform,
    parse_keywords,
    platform_entry,
    system_locale,
    validate,
)
from smoplanner.ui.itemmodels import RowListModel
from smoplanner.ui.plan_locale import fill_locale_picker
from smoplanner.ui.platform_icons import platform_entry_data

_Index = QModelIndex | QPersistentModelIndex


class PlatformChoiceModel(RowListModel[PlatformEntry]):
    """Every known platform plus the plan's custom ones, each with a check box for "in use"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = [platform_entry(code) for code in KNOWN_PLATFORMS]
        self._checked: set[str] = set()

    def set_selection(self, chosen: tuple[PlatformEntry, ...]) -> None:
        # The plan's platforms first, in the plan's order, then the others it could add.
        codes = {e.code for e in chosen}
        self._checked = set(codes)
        self.reset_rows([*chosen, *(platform_entry(code) for code in KNOWN_PLATFORMS if code not in codes)])

    def selection(self) -> tuple[PlatformEntry, ...]:
        return tuple(e for e in self.rows if e.code in self._checked)

    def add_custom(self, entry: PlatformEntry) -> QModelIndex:
        for row, existing in enumerate(self.rows):
            if existing.code == entry.code:
                self._checked.add(entry.code)
                idx = self.index(row)
                self.dataChanged.emit(idx, idx, [Qt.ItemDataRole.CheckStateRole])
                return idx
        row = len(self.rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self.rows.append(entry)
        self._checked.add(entry.code)
        self.endInsertRows()
        return self.index(row)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.row_at(index.row()) if index.isValid() else None
        if entry is None:
            return None
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if entry.code in self._checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.UserRole:
            return entry.code
        return platform_entry_data(entry, role)

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        entry = self.row_at(index.row()) if index.isValid() else None
        if entry is None or role != Qt.ItemDataRole.CheckStateRole:
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        if checked:
            self._checked.add(entry.code)
        else:
            self._checked.discard(entry.code)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable


def _currency_codes() -> list[str]:
    from smoplanner.core.money import all_currencies

    return [f"{c.code} – {c.name}" for c in all_currencies()]


def _timezones() -> list[str]:
    from zoneinfo import available_timezones

    return sorted(z for z in available_timezones() if "/" in z and not z.startswith(("Etc/", "SystemV/")))


def _contains_completion(combo: QComboBox) -> None:
    """Typing "berl" offers Europe/Berlin: match anywhere in the entry, in a popup."""
    completer = combo.completer()
    if completer is not None:
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)


class SettingsForm(QWidget):
    """Business, website, keywords, currency, time zone, locale and platforms; ``value()`` validates.

    Signals: ``name_edited(str)`` as the business name is typed.
    """

    name_edited = Signal(str)

    def __init__(self, *, full: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = full
        self.name = QLineEdit()
        self.name.setPlaceholderText("e.g. Café Lumen")
        self.name.textEdited.connect(self.name_edited)
        self.website = QLineEdit()
        self.website.setPlaceholderText("e.g. cafe-lumen.de")
        self.keywords = QPlainTextEdit()
        self.keywords.setPlaceholderText("One per line: what people search for, e.g. specialty coffee")
        self.keywords.setTabChangesFocus(True)
        self.keywords.setFixedHeight(self.fontMetrics().lineSpacing() * 6 + 12)
        self.currency = QComboBox()
        self.currency.setEditable(True)
        self.currency.addItems(_currency_codes())
        self.currency.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        _contains_completion(self.currency)
        self.timezone = QComboBox()
        self.timezone.setEditable(True)
        self.timezone.addItems(_timezones())
        self.timezone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        _contains_completion(self.timezone)
        self.locale_edit = QComboBox()  # by name ("Deutsch (Deutschland)"); each item holds its code
        self.locale_edit.setEditable(True)
        self.locale_edit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.locale_edit.setToolTip("How dates, times, numbers and money are written, and the day weeks start on")
        fill_locale_picker(self.locale_edit, system_locale())
        _contains_completion(self.locale_edit)

        self.platform_model = PlatformChoiceModel(self)
        self.platforms = QListView()
        self.platforms.setModel(self.platform_model)
        self.platforms.setMinimumHeight(self.fontMetrics().lineSpacing() * 7)
        self.custom_name = QLineEdit()
        self.custom_name.setPlaceholderText("Another platform, e.g. Nextdoor")
        self.custom_name.returnPressed.connect(self._add_custom)
        add = QPushButton("&Add")
        add.clicked.connect(self._add_custom)
        custom_row = QHBoxLayout()
        custom_row.addWidget(self.custom_name, 1)
        custom_row.addWidget(add)
        platforms_box = QVBoxLayout()
        platforms_box.addWidget(self.platforms)
        platforms_box.addLayout(custom_row)

        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #B42318; font-weight: 600;")
        self.error.hide()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Business &name:", self.name)
        form.addRow("&Website:", self.website)
        if full:
            form.addRow("&Keywords:", self.keywords)
        form.addRow("&Currency:", self.currency)
        form.addRow("&Time zone:", self.timezone)
        form.addRow("&Locale:", self.locale_edit)
        platforms_label = QLabel("&Platforms in use:")
        platforms_label.setBuddy(self.platforms)
        form.addRow(platforms_label, platforms_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.error)

        for field in (
            self.name,
            self.website,
            self.currency,
            self.timezone,
            self.platforms,
            self.keywords,
            self.locale_edit,
        ):
            label = form.labelForField(field)
            if isinstance(label, QLabel):
                field.setAccessibleName(label.text().replace("&", "").rstrip(":"))

    def set_value(self, settings: PlanSettingsData) -> None:
        self.name.setText(settings.business_name)
        self.website.setText(settings.website)
        self.keywords.setPlainText("\n".join(settings.keywords))
        idx = self.currency.findText(settings.currency, Qt.MatchFlag.MatchStartsWith)
        if idx >= 0:
            self.currency.setCurrentIndex(idx)
        else:
            self.currency.setEditText(settings.currency)
        idx = self.timezone.findText(settings.timezone)
        if idx >= 0:
            self.timezone.setCurrentIndex(idx)
        else:
            self.timezone.setEditText(settings.timezone)
        fill_locale_picker(self.locale_edit, settings.locale)
        self.platform_model.set_selection(settings.platforms)

    def raw_value(self) -> PlanSettingsData:
        return PlanSettingsData(
            business_name=self.name.text(),
            website=self.website.text(),
            keywords=parse_keywords(self.keywords.toPlainText()),
            currency=self.currency.currentText().split("–")[0].strip().upper(),
            timezone=self.timezone.currentText().strip(),
            locale=self.locale_code(),
            platforms=self.platform_model.selection(),
        )

    def locale_code(self) -> str:
        """The code of the locale picked by name; a name typed without picking is matched to its code."""
        text = self.locale_edit.currentText().strip()
        index = self.locale_edit.findText(text, Qt.MatchFlag.MatchFixedString)
        if index < 0:
            index = self.locale_edit.findData(text)  # a code typed as such (de_DE)
        if index >= 0:
            return str(self.locale_edit.itemData(index))
        return text

    def value(self) -> PlanSettingsData | None:
        """The validated settings, or None after showing what is wrong and focusing that field."""
        try:
            settings = validate(self.raw_value())
        except SettingsError as exc:
            message = exc.message
            if exc.field == "locale":
                typed = self.locale_edit.currentText().strip()
                message = f"“{typed}” is not in the list of locales: type part of a name (like Deutsch) and pick one."
            self.show_error(exc.field, message)
            return None
        self.error.hide()
        return settings

    def show_error(self, field: str, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        widget: QWidget | None = {
            "business_name": self.name,
            "website": self.website,
            "currency": self.currency,
            "timezone": self.timezone,
            "locale": self.locale_edit,
            "platforms": self.custom_name,
        }.get(field)
        if widget is not None:
            widget.setFocus()

    def _add_custom(self) -> None:
        text = self.custom_name.text().strip()
        if not text:
            return
        try:
            entry = custom_platform(text)
        except SettingsError as exc:
            self.show_error(exc.field, exc.message)
            return
        index = self.platform_model.add_custom(entry)
        self.platforms.scrollTo(index)
        self.custom_name.clear()
