"""Long work off the GUI thread: progress, cancel, the result back by signal, and one writer at a time.

In the manner of Anki's ``CollectionOp`` and Picard's ``run_task``: the work is a plain function
``work(progress)`` that runs on a worker thread and opens its own Session there (``with
plan.session() as s:``); no Session or ORM object crosses a thread. It calls ``progress(done,
total)`` now and then; that reports how far it is and raises :class:`Cancelled` once the user has
cancelled, so the work stops where it is and its transaction is rolled back. The outcome comes back
on the GUI thread as a signal: ``succeeded(result)``, ``failed(exception)`` or ``cancelled()``, and
``finished()`` after any of them.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QEventLoop,
    QObject,
    QRunnable,
    QThreadPool,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QProgressDialog, QWidget

log = logging.getLogger(__name__)

#: How long a task may run before its progress dialog appears (a quick one never flashes a dialog).
PROGRESS_DELAY_MS = 400


class Cancelled(Exception):
    """Raised inside a task's work by ``progress()`` once the task was cancelled."""


class TaskBusyError(Exception):
    """A second writing task was started while one runs."""


class _Relay(QObject):
    """Carries the worker's reports to the GUI thread (queued: the Task lives in the GUI thread)."""

    progressed = Signal(int, int, str)
    ended = Signal(str, object)  # "ok" | "error" | "cancelled", result or exception


class _Runnable(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the Task keeps it; Qt must not delete a Python-owned object
        self._task = task

    def run(self) -> None:
        task = self._task
        try:
            result = task._work(task.progress)
        except Cancelled:
            task._relay.ended.emit("cancelled", None)
        except Exception as exc:  # reported to the GUI thread, never lost on the worker
            log.exception("Task %r failed", task.title)
            task._relay.ended.emit("error", exc)
        else:
            task._relay.ended.emit("ok", result)
        finally:
            task._ran.set()


class Task(QObject):
    """One piece of work for a worker thread; ``TaskRunner.start`` runs it.

    ``writes``: the work changes the plan (or its file); only one such task runs at a time.
    """

    progress_changed = Signal(int, int, str)  # done, total, text
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    finished = Signal()

    def __init__(
        self,
        title: str,
        work: Callable[[Callable[..., None]], Any],
        *,
        writes: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.title = title
        self.writes = writes
        self._work = work
        self._cancel = threading.Event()
        self._ran = threading.Event()  # set on the worker when the work has returned
        # Qt's namespace is imported here, not with the module: the main window imports this module
        # before its first frame, which builds none of Qt's enums (see smoplanner.ui.mainwindow).
        from PySide6.QtCore import Qt

        self._relay = _Relay()
        self._relay.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._relay.ended.connect(self._on_ended, Qt.ConnectionType.QueuedConnection)
        self._runnable = _Runnable(self)
        self.running = False
        self.done = False
        self.outcome = ""  # "ok", "error" or "cancelled" once done
        self.result: Any = None
        self.error: BaseException | None = None
        self.last_progress: tuple[int, int, str] = (0, 0, "")

    # -- on the worker thread -----------------------------------------------------------------

    def progress(self, done: int, total: int, text: str = "") -> None:
        """Report how far the work is; raises Cancelled once the task was cancelled."""
        if self._cancel.is_set():
            raise Cancelled
        self._relay.progressed.emit(done, total, text)

    # -- on the GUI thread ----------------------------------------------------------------------

    def cancel(self) -> None:
        """Ask the work to stop at its next ``progress()`` call (thread-safe)."""
        self._cancel.set()

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, text: str) -> None:
        if self.done:
            return
        self.last_progress = (done, total, text)
        self.progress_changed.emit(done, total, text)

    @Slot(str, object)
    def _on_ended(self, outcome: str, value: object) -> None:
        self.running = False
        self.done = True
        self.outcome = outcome
        if outcome == "ok":
            self.result = value
            self.succeeded.emit(value)
        elif outcome == "error":
            assert isinstance(value, BaseException)
            self.error = value
            self.failed.emit(value)
        else:
            self.cancelled.emit()
        self.finished.emit()

    def wait(self) -> None:
        """Process events until the task is done (the window keeps repainting meanwhile)."""
        if self.done:
            return
        loop = QEventLoop()
        self.finished.connect(loop.quit)
        try:
            if not self.done:  # it may have finished while connecting
                loop.exec()
        finally:
            self.finished.disconnect(loop.quit)
        if not self.done:
            # The application is quitting, where a new event loop returns at once: wait for the worker
            # and deliver its outcome here.
            self._ran.wait()
            QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall)


class TaskRunner(QObject):
    """Runs tasks on its own thread pool; refuses a second writing task while one runs."""

    busy_changed = Signal(bool)  # a writing task started (True) or ended (False)
    started = Signal(object)  # a Task, just started

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._running: list[Task] = []
        self.progress_dialog: QProgressDialog | None = None  # while ``run`` waits

    @property
    def writer(self) -> Task | None:
        """The writing task now running, if any."""
        return next((t for t in self._running if t.writes), None)

    @property
    def running(self) -> list[Task]:
        return list(self._running)

    def start(self, task: Task) -> Task:
        """Run ``task`` on a worker thread; raises TaskBusyError when it writes and a writer runs."""
        if task.writes:
            current = self.writer
            if current is not None:
                raise TaskBusyError(f"Wait until “{current.title}” has finished, then try again.")
        task.running = True
        self._running.append(task)
        task.finished.connect(lambda: self._ended(task))
        if task.writes:
            self.busy_changed.emit(True)
        self._pool.start(task._runnable)
        self.started.emit(task)
        return task

    def _ended(self, task: Task) -> None:
        if task in self._running:
            self._running.remove(task)
            if task.writes:
                self.busy_changed.emit(False)

    def run(self, task: Task, parent: QWidget | None = None, *, label: str = "", cancel: bool = True) -> Task:
        """Start ``task`` and wait for it, showing a progress dialog when it takes a while.

        Events keep being processed meanwhile (the window repaints); the dialog is window-modal, so
        the user cannot edit the plan under the running task. Returns the finished task.
        """
        from PySide6.QtCore import Qt

        self.start(task)
        dialog = QProgressDialog(label or f"{task.title}…", "Cancel", 0, 0, parent)
        dialog.setWindowTitle(task.title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if not cancel:
            dialog.setCancelButton(None)  # type: ignore[arg-type]
        dialog.canceled.connect(task.cancel)
        dialog.setMinimumDuration(PROGRESS_DELAY_MS)  # a quick task never flashes a dialog

        def progressed(done: int, total: int, text: str) -> None:
            if dialog.wasCanceled():
                task.cancel()
                return
            if total > 0:
                dialog.setMaximum(total)
                dialog.setValue(min(done, total))
            if text:
                dialog.setLabelText(text)

        task.progress_changed.connect(progressed)
        self.progress_dialog = dialog
        try:
            task.wait()
        finally:
            dialog.hide()
            dialog.deleteLater()
            self.progress_dialog = None
        return task

    def cancel_all(self) -> None:
        for task in self._running:
            task.cancel()

    def wait_all(self) -> None:
        """Wait for every running task to end, delivering their outcome (e.g. before the plan closes)."""
        for task in list(self._running):
            task.wait()


_shared: TaskRunner | None = None


def runner_for(widget: QWidget | None) -> TaskRunner:
    """The task runner of ``widget``'s window (one writer at a time per window), else one shared runner."""
    global _shared
    window = widget.window() if widget is not None else None
    runner = getattr(window, "tasks", None)
    if isinstance(runner, TaskRunner):
        return runner
    if _shared is None:
        _shared = TaskRunner(QCoreApplication.instance())
    return _shared


def run_writing_task(
    parent: QWidget,
    title: str,
    work: Callable[[Callable[..., None]], Any],
    *,
    label: str,
    show_error: Callable[[QWidget | None, str, str], None],
) -> Any | None:
    """Run ``work`` that changes the plan (an import) on a worker, with progress and Cancel, and wait for it.

    A writing task already on its way (an autosave) ends first. Returns what ``work`` returned, or None when
    it was cancelled (its transaction rolled back) or failed; a failure is told with ``show_error``.
    """
    runner = runner_for(parent)
    if runner.writer is not None:
        runner.writer.wait()
    task = Task(title, work, writes=True, parent=parent)
    try:
        runner.run(task, parent, label=label)
    except TaskBusyError as exc:
        show_error(parent, "Import Not Started", str(exc))
        return None
    finally:
        task.deleteLater()
    if task.error is not None:
        show_error(parent, "Could Not Import", f"Nothing was imported: {task.error}")
        return None
    return task.result if task.outcome == "ok" else None
