"""Every modal question the window asks, each in one small function that tests replace.

Qt's dialog classes are imported in the functions: the main window imports this module before its
first frame, which needs none of them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeVar

from smoplanner.store.errors import LockInfo
from smoplanner.store.fileformat import EXTENSION

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox, QWidget

    from smoplanner.store.planfile import Recovery

PLAN_FILTER = f"smoplanner plans (*{EXTENSION});;All files (*)"

LockChoice = Literal["readonly", "copy", "break"] | None
T = TypeVar("T")


def ask_choice(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: Sequence[tuple[str, QMessageBox.ButtonRole, T | None]],
    *,
    informative: str = "",
    cancel: bool = True,
) -> T | None:
    """A question answered by one of ``buttons`` (label, role, answer; the first is the default), and
    a Cancel button unless ``cancel`` is False. The clicked button's answer; None when cancelled."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    if informative:
        box.setInformativeText(informative)
    added = [(box.addButton(label, role), answer) for label, role, answer in buttons]
    if cancel:
        box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(added[0][0])
    box.exec()
    clicked = box.clickedButton()
    return next((answer for button, answer in added if button is clicked), None)


def ask_open_path(parent: QWidget, folder: str) -> Path | None:
    from PySide6.QtWidgets import QFileDialog

    name, _ = QFileDialog.getOpenFileName(parent, "Open Plan", folder, PLAN_FILTER)
    return Path(name) if name else None


def ask_save_path(parent: QWidget, suggested: Path) -> Path | None:
    from PySide6.QtWidgets import QFileDialog

    name, _ = QFileDialog.getSaveFileName(parent, "Save Plan As", str(suggested), PLAN_FILTER)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix == EXTENSION else path.with_name(path.name + EXTENSION)


def ask_locked(parent: QWidget, path: Path, info: LockInfo) -> LockChoice:
    from PySide6.QtWidgets import QMessageBox

    choices: list[tuple[str, QMessageBox.ButtonRole, LockChoice]] = [
        ("Open &Read-Only", QMessageBox.ButtonRole.AcceptRole, "readonly"),
        ("Open a &Copy", QMessageBox.ButtonRole.ActionRole, "copy"),
        ("Open &Anyway", QMessageBox.ButtonRole.DestructiveRole, "break"),
    ]
    return ask_choice(
        parent,
        QMessageBox.Icon.Warning,
        "Plan Already Open",
        f"{path.name} is already open by {info.describe()}.",
        choices,
        informative="You can look at it read-only, or open a copy to work on separately. Opening it anyway "
        "means two people may overwrite each other's changes.",
    )


def ask_recover(parent: QWidget | None, recovery: Recovery) -> bool | None:
    """True: recover; False: discard; None: decide later (keep it)."""
    from PySide6.QtWidgets import QMessageBox

    where = f" ({recovery.target})" if recovery.target else ""
    return ask_choice(
        parent,
        QMessageBox.Icon.Question,
        "Recover Unsaved Changes",
        f"smoplanner stopped before saving your changes to {recovery.name}{where}.",
        [
            ("&Recover", QMessageBox.ButtonRole.AcceptRole, True),
            ("&Discard", QMessageBox.ButtonRole.DestructiveRole, False),
            ("&Later", QMessageBox.ButtonRole.RejectRole, None),
        ],
        informative="Recover them now? If you discard them, they are gone for good.",
        cancel=False,
    )


SaveFailedChoice = Literal["save_as", "discard"] | None


def ask_save_failed_close(parent: QWidget, message: str) -> SaveFailedChoice:
    """The plan could not be saved while closing: save it elsewhere, close losing changes, or stay (None)."""
    from PySide6.QtWidgets import QMessageBox

    choices: list[tuple[str, QMessageBox.ButtonRole, SaveFailedChoice]] = [
        ("Save &As…", QMessageBox.ButtonRole.AcceptRole, "save_as"),
        ("&Close Without Saving", QMessageBox.ButtonRole.DestructiveRole, "discard"),
    ]
    return ask_choice(
        parent,
        QMessageBox.Icon.Warning,
        "Could Not Save",
        message,
        choices,
        informative="Save the plan somewhere else, or close it and lose the unsaved changes?",
    )


def ask_save_changes(parent: QWidget, name: str) -> bool | None:
    """Autosave is off and there are changes: True saves, False discards, None cancels."""
    from PySide6.QtWidgets import QMessageBox

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


EditsChoice = Literal["save", "discard"] | None


def ask_unsaved_edits(parent: QWidget, what: str) -> EditsChoice:
    """A dialog with changes is being closed (Escape, Cancel, its close button): "save" the changes,
    "discard" them, or None: keep editing."""
    from PySide6.QtWidgets import QMessageBox

    choices: list[tuple[str, QMessageBox.ButtonRole, EditsChoice]] = [
        ("&Save", QMessageBox.ButtonRole.AcceptRole, "save"),
        ("&Discard", QMessageBox.ButtonRole.DestructiveRole, "discard"),
        ("&Keep Editing", QMessageBox.ButtonRole.RejectRole, None),
    ]
    return ask_choice(
        parent,
        QMessageBox.Icon.Question,
        "Unsaved Changes",
        f"Save the changes to {what}?",
        choices,
        informative="If you discard them, what you typed is gone.",
        cancel=False,
    )


def close_or_ask(
    parent: QWidget, dirty: bool, what: str, save: Callable[[], object], close: Callable[[], object]
) -> None:
    """What a data-editing dialog does when it is closed without Save: ``close()`` straight away when
    nothing changed, else ask (``ask_unsaved_edits``) and ``save()`` (which closes it only when the
    changes are valid), ``close()``, or nothing (keep editing)."""
    if not dirty:
        close()
        return
    choice = ask_unsaved_edits(parent, what)
    if choice == "save":
        save()
    elif choice == "discard":
        close()


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.warning(parent, title, text)


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.information(parent, title, text)
