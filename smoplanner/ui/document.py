"""An open plan as the window sees it: the PlanFile, its undo stack, the commands that change it, its signals."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from smoplanner.store.errors import PlanError
from smoplanner.ui.changes import Change

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from smoplanner.store.planfile import PlanFile

log = logging.getLogger(__name__)

# Failures whose own text is a message for the user (the store's plain messages, a full disk, a lost file);
# a KeyError or IndexError is a slip in the code, whose text ("'pillar_id'") means nothing to a user.
_PLAIN_FAILURES = (ValueError, LookupError, OSError, PlanError)
_CODE_SLIPS = (KeyError, IndexError)


class PlanDocument(QObject):
    """Signals: ``changed(changes)`` after any edit, undo or redo, with the ``Change`` flags of what it
    touched; ``commit_requested`` before the plan is saved or closed: a view holding typed text it has
    not stored yet (waiting for a pause in typing) stores it now; ``edit_failed(message)`` when a change
    could not be made (the plan is left as it was and the change is not kept for undo).
    """

    changed = Signal(object)
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
        """Do ``command`` and keep it for undo.

        A ``PlanCommand`` is done here first: if it fails it is reported and not pushed at all, so the redo
        history stays as it was (``QUndoStack.push`` clears it even for a command it then drops).
        """
        if isinstance(command, PlanCommand) and not command.do_first():
            return
        self.undo_stack.push(command)


class PlanCommand(QUndoCommand):
    """An undoable change to the plan: ``apply`` writes it, ``revert`` takes it back.

    Each direction runs in one short Session, committed at once, so the working copy always holds exactly
    what the user sees. When the work raises, the Session rolls back (nothing is half-done), the failure is
    reported once through ``document.edit_failed``, and the command is made obsolete so that QUndoStack
    drops it: Undo never offers a change that did not happen. After success, ``document.changed`` carries
    ``changes``, the parts of the plan the command touches.
    """

    changes: Change = Change(0)

    def __init__(self, document: PlanDocument, text: str, changes: Change | None = None) -> None:
        super().__init__(text)
        self.document = document
        if changes is not None:
            self.changes = changes
        self._done_by_push = False

    # -- what a command does (subclasses) ----------------------------------------------------------

    def apply(self, s: Session) -> None:
        """Make the change (every redo, the first included)."""
        raise NotImplementedError

    def revert(self, s: Session) -> None:
        """Take the change back (undo)."""
        raise NotImplementedError

    def problem(self) -> str | None:
        """What would stop the change, read from the plan without writing (None: nothing known).

        Views ask before pushing, to show the message where the user is working."""
        return None

    def done(self) -> None:
        """Called after each successful redo or undo, before ``changed`` is emitted."""

    # -- the undo framework ------------------------------------------------------------------------

    def do_first(self) -> bool:
        """The first redo, run by ``PlanDocument.push`` before the stack takes the command."""
        self._done_by_push = self._run(self.apply, "")
        return self._done_by_push

    def redo(self) -> None:
        if self._done_by_push:
            self._done_by_push = False  # done already; the stack's push calls redo once more
            return
        self._run(self.apply, "")

    def undo(self) -> None:
        self._run(self.revert, "Undo of ")

    def _run(self, work: Callable[[Session], None], prefix: str) -> bool:
        try:
            with self.document.plan.session() as s:
                work(s)
        except Exception as exc:
            self.setObsolete(True)
            self.document.edit_failed.emit(self.failure_message(exc, prefix))
            return False
        self.done()
        self.document.changed.emit(self.changes)
        return True

    def failure_message(self, exc: Exception, prefix: str = "") -> str:
        what = f"{prefix}“{self.text()}”"
        if isinstance(exc, _PLAIN_FAILURES) and not isinstance(exc, _CODE_SLIPS):
            return f"{what} could not be done: {exc}"
        log.error("%s failed", what, exc_info=exc)
        return f"{what} could not be done because of an unexpected error; the details are in the log."
