"""An open plan as the window sees it: the PlanFile, its undo stack, and a signal when data changes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

if TYPE_CHECKING:
    from smoplanner.store.planfile import PlanFile


class PlanDocument(QObject):
    """Signals: ``changed(area)`` after any edit, undo or redo touching ``area`` ("settings", …);
    ``commit_requested`` before the plan is saved or closed: a view holding typed text it has not
    stored yet (waiting for a pause in typing) stores it now; ``edit_failed(message)`` when a change
    could not be made (the plan is left as it was and the change is not kept for undo).
    """

    changed = Signal(str)
    commit_requested = Signal()
    edit_failed = Signal(str)

    def __init__(self, plan: PlanFile, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.undo_stack = QUndoStack(self)

    @property
    def read_only(self) -> bool:
        return self.plan.read_only

    def commit_pending(self) -> None:
        self.commit_requested.emit()

    def push(self, command: QUndoCommand) -> None:
        self.undo_stack.push(command)


class StoreCommand(QUndoCommand):
    """An undoable edit: ``apply(value)`` writes one state to the plan; undo writes the old one back.

    Each direction is one short Session, committed at once, so the working copy always holds
    exactly what the user sees.
    """

    def __init__(
        self,
        document: PlanDocument,
        text: str,
        area: str,
        apply: Callable[[Any], Any],
        old: Any,
        new: Any,
    ) -> None:
        super().__init__(text)
        self._document = document
        self._area = area
        self._apply = apply
        self._old = old
        self._new = new

    def redo(self) -> None:
        self._run(self._new)

    def undo(self) -> None:
        self._run(self._old)

    def _run(self, value: Any) -> None:
        try:
            self._apply(value)
        except Exception as exc:
            # An obsolete command is dropped from the stack, so Undo never offers a change that
            # did not happen.
            self.setObsolete(True)
            self._document.edit_failed.emit(f"“{self.text()}” could not be done: {exc}")
        finally:
            self._document.changed.emit(self._area)
