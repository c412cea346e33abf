"""Every modal question the Calendar tab asks, each in one small function that tests replace."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal, Protocol, TypeVar

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

# show_error and show_info are the window's messages, named here too: the Calendar tab calls them (and tests
# replace them) as asks.show_error and asks.show_info.
from smoplanner.ui.dialogs import ask_choice
from smoplanner.ui.dialogs import show_error as show_error
from smoplanner.ui.dialogs import show_info as show_info

SeriesScope = Literal["this", "following"] | None
_R = TypeVar("_R", covariant=True)


# The dialogs are described by what is asked of them, so that this module imports none of the modules
# that ask (they import it).
class _Modal(Protocol):
    def exec(self) -> int: ...


class _EditorDialog(_Modal, Protocol[_R]):
    def result_value(self) -> _R: ...


class _ChoiceDialog(_Modal, Protocol[_R]):
    def choice(self) -> _R: ...


def ask_edit_post(editor: _EditorDialog[_R]) -> _R | None:
    """Show the post editor; its result when the user saved, None when cancelled."""
    if editor.exec() == QDialog.DialogCode.Accepted:
        return editor.result_value()
    return None


def ask_series_scope(parent: QWidget) -> SeriesScope:
    """The post repeats: change only this one, or this and all following?"""
    choices: list[tuple[str, QMessageBox.ButtonRole, SeriesScope]] = [
        ("&Only This One", QMessageBox.ButtonRole.AcceptRole, "this"),
        ("This and &All Following", QMessageBox.ButtonRole.AcceptRole, "following"),
    ]
    return ask_choice(
        parent,
        QMessageBox.Icon.Question,
        "Repeating Post",
        "This post repeats. Change only this one, or this one and all the following?",
        choices,
    )


def ask_date(parent: QWidget, current: date) -> date | None:
    """A day to go to, picked on a calendar."""
    dialog = QDialog(parent)
    dialog.setWindowTitle("Go to Date")
    picker = QCalendarWidget(dialog)
    picker.setSelectedDate(QDate(current.year, current.month, current.day))
    picker.setGridVisible(True)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    picker.activated.connect(dialog.accept)
    layout = QVBoxLayout(dialog)
    layout.addWidget(picker)
    layout.addWidget(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    chosen = picker.selectedDate()
    return date(chosen.year(), chosen.month(), chosen.day())


def ask_text(parent: QWidget, title: str, label: str, text: str = "") -> str | None:
    value, ok = QInputDialog.getText(parent, title, label, text=text)
    return value.strip() if ok and value.strip() else None


def ask_import_path(parent: QWidget, folder: str = "") -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent, "Import Posts", folder, "Spreadsheet files (*.csv *.txt *.tsv);;All files (*)"
    )
    return Path(name) if name else None


def ask_export_path(parent: QWidget, suggested: Path, file_filter: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, "Export Posts", str(suggested), file_filter)
    return Path(name) if name else None


def ask_import(dialog: _Modal) -> bool:
    """Show the import preview; True when the user chose Import."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def ask_export(dialog: _ChoiceDialog[_R]) -> _R | None:
    """Show the export choices; what to export, or None when cancelled."""
    if dialog.exec() == QDialog.DialogCode.Accepted:
        return dialog.choice()
    return None


def ask_manage_pillars(dialog: QDialog) -> None:
    dialog.exec()
