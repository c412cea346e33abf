"""Every modal question the window asks, each in one small function that tests replace."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from smoplanner.store.errors import LockInfo
from smoplanner.store.fileformat import EXTENSION

if TYPE_CHECKING:
    from smoplanner.store.planfile import Recovery

PLAN_FILTER = f"smoplanner plans (*{EXTENSION});;All files (*)"

LockChoice = Literal["readonly", "copy", "break"] | None


def ask_open_path(parent: QWidget, folder: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, "Open Plan", folder, PLAN_FILTER)
    return Path(name) if name else None


def ask_save_path(parent: QWidget, suggested: Path) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, "Save Plan As", str(suggested), PLAN_FILTER)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix == EXTENSION else path.with_name(path.name + EXTENSION)


def ask_locked(parent: QWidget, path: Path, info: LockInfo) -> LockChoice:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Plan Already Open")
    box.setText(f"{path.name} is already open by {info.describe()}.")
    box.setInformativeText(
        "You can look at it read-only, or open a copy to work on separately. Opening it anyway "
        "means two people may overwrite each other's changes."
    )
    readonly = box.addButton("Open &Read-Only", QMessageBox.ButtonRole.AcceptRole)
    copy = box.addButton("Open a &Copy", QMessageBox.ButtonRole.ActionRole)
    anyway = box.addButton("Open &Anyway", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(readonly)
    box.exec()
    clicked = box.clickedButton()
    if clicked is readonly:
        return "readonly"
    if clicked is copy:
        return "copy"
    if clicked is anyway:
        return "break"
    return None


def ask_recover(parent: QWidget | None, recovery: Recovery) -> bool | None:
    """True: recover; False: discard; None: decide later (keep it)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Recover Unsaved Changes")
    where = f" ({recovery.target})" if recovery.target else ""
    box.setText(f"smoplanner stopped before saving your changes to {recovery.name}{where}.")
    box.setInformativeText("Recover them now? If you discard them, they are gone for good.")
    recover = box.addButton("&Recover", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("&Discard", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("&Later", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(recover)
    box.exec()
    if box.clickedButton() is recover:
        return True
    if box.clickedButton() is discard:
        return False
    return None


SaveFailedChoice = Literal["save_as", "discard"] | None


def ask_save_failed_close(parent: QWidget, message: str) -> SaveFailedChoice:
    """The plan could not be saved while closing: save it elsewhere, close losing changes, or stay (None)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Could Not Save")
    box.setText(message)
    box.setInformativeText("Save the plan somewhere else, or close it and lose the unsaved changes?")
    save_as = box.addButton("Save &As…", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("&Close Without Saving", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save_as)
    box.exec()
    if box.clickedButton() is save_as:
        return "save_as"
    if box.clickedButton() is discard:
        return "discard"
    return None


def ask_save_changes(parent: QWidget, name: str) -> bool | None:
    """Autosave is off and there are changes: True saves, False discards, None cancels."""
    answer = QMessageBox.question(
        parent,
        "Save Changes?",
        f"Save the changes to {name} before closing?",
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Save,
    )
    if answer == QMessageBox.StandardButton.Save:
        return True
    if answer == QMessageBox.StandardButton.Discard:
        return False
    return None


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)
