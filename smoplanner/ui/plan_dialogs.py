"""The New Plan and Plan Settings dialogs."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smoplanner.core.plan_settings import PlanSettingsData
from smoplanner.store.fileformat import EXTENSION
from smoplanner.ui import dialogs
from smoplanner.ui.dialogs import PLAN_FILTER
from smoplanner.ui.settings_form import SettingsForm


def _file_name_for(business: str) -> str:
    stem = re.sub(r'[\\/:*?"<>|]+', "", business).strip() or "My business"
    return stem + EXTENSION


class NewPlanDialog(QDialog):
    """Asks for the business, its platforms and where to keep the new plan file."""

    def __init__(self, defaults: PlanSettingsData, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New Plan")
        self._folder = folder
        self._path_edited = False
        self.form = SettingsForm(full=False)
        self.form.set_value(defaults)
        self.form.name_edited.connect(self._suggest_path)
        self.path = QLineEdit(str(folder / _file_name_for(defaults.business_name)))
        self.path.textEdited.connect(self._mark_path_edited)
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        where = QFormLayout()
        save_label = QLabel("&Save in:")
        save_label.setBuddy(self.path)
        where.addRow(save_label, row)
        intro = QLabel(
            "A plan is one file that holds everything about one business. You can change all "
            "of this later in Edit ▸ Plan Settings."
        )
        intro.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("C&reate Plan")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addLayout(where)
        layout.addWidget(self.buttons)
        self.result_value: tuple[Path, PlanSettingsData] | None = None
        self._initial = (self.form.raw_value(), self.path.text())
        self.resize(520, 600)

    def reject(self) -> None:
        """Escape, Cancel or the close button after typing: ask whether to create the plan first."""
        dirty = (self.form.raw_value(), self.path.text()) != self._initial
        dialogs.close_or_ask(self, dirty, "the new plan", self.accept, super().reject)

    def _mark_path_edited(self) -> None:
        self._path_edited = True

    def _suggest_path(self, name: str) -> None:
        if not self._path_edited:
            self.path.setText(str(self._folder / _file_name_for(name)))

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "New Plan", self.path.text(), PLAN_FILTER)
        if name:
            self.path.setText(name if name.endswith(EXTENSION) else name + EXTENSION)
            self._path_edited = True

    def accept(self) -> None:
        settings = self.form.value()
        if settings is None:
            return
        text = self.path.text().strip()
        if not text:
            self.form.show_error("", "Choose where to save the plan.")
            self.path.setFocus()
            return
        path = Path(text).expanduser()
        if path.suffix != EXTENSION:
            path = path.with_name(path.name + EXTENSION)
        if path.exists():
            self.form.show_error("", f"{path.name} already exists in that folder; choose another name.")
            self.path.setFocus()
            return
        if not path.parent.is_dir():
            self.form.show_error("", f"The folder {path.parent} does not exist.")
            self.path.setFocus()
            return
        self.result_value = (path, settings)
        super().accept()


class PlanSettingsDialog(QDialog):
    """Edits the open plan's settings; the window turns the result into one undoable change."""

    def __init__(self, settings: PlanSettingsData, *, read_only: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Plan Settings")
        self.form = SettingsForm(full=True)
        self.form.set_value(settings)
        self.form.setEnabled(not read_only)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Close
            if read_only
            else QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.result_value: PlanSettingsData | None = None
        self._initial = self.form.raw_value()
        self._read_only = read_only
        self.resize(520, 640)

    def reject(self) -> None:
        """Escape, Cancel or the close button with changes: ask whether to keep them."""
        dirty = not self._read_only and self.form.raw_value() != self._initial
        dialogs.close_or_ask(self, dirty, "the plan settings", self.accept, super().reject)

    def accept(self) -> None:
        value = self.form.value()
        if value is None:
            return
        self.result_value = value
        super().accept()


def ask_new_plan(
    parent: QWidget | None, defaults: PlanSettingsData, folder: Path
) -> tuple[Path, PlanSettingsData] | None:
    dialog = NewPlanDialog(defaults, folder, parent)
    return dialog.result_value if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_plan_settings(parent: QWidget | None, settings: PlanSettingsData, read_only: bool) -> PlanSettingsData | None:
    dialog = PlanSettingsDialog(settings, read_only=read_only, parent=parent)
    return dialog.result_value if dialog.exec() == QDialog.DialogCode.Accepted else None
