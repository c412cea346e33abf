"""What every import preview dialog shares: the file read on a worker again after each choice (the newest read
wins), a "found" line, a prompt for a choice still to make, every problem with its row, and Import / Cancel.

A dialog builds its own form and table, calls ``build_layout`` with them, and says in ``show_read`` what a read
found; ``read_in_background`` starts a read with the current choices.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListView,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from smoplanner.formats.errors import ImportProblem
from smoplanner.ui.calendar.common import problem_red
from smoplanner.ui.calendar.models import ProblemListModel


class _ReadSignals(QObject):
    done = Signal(int, object)  # generation, what the read returned or the exception it raised


class _ReadJob(QRunnable):
    def __init__(self, generation: int, read: Callable[[], object], signals: _ReadSignals) -> None:
        super().__init__()
        self.generation = generation
        self.read = read
        self.signals = signals

    def run(self) -> None:
        try:
            outcome = self.read()
        except Exception as exc:  # shown in the dialog as a problem, never lost on the worker
            outcome = exc
        self.signals.done.emit(self.generation, outcome)


class FilePreviewDialog(QDialog):
    """The shared half of an import preview; subclasses add the choices, the table and ``show_read``."""

    preview_ready = Signal()

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._generation = 0
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _ReadSignals(self)
        self._signals.done.connect(self._on_read)

        self.found = QLabel()
        self.found.setWordWrap(True)
        self.choice_label = QLabel()  # a choice still to make here: a plain prompt, not an error
        self.choice_label.setWordWrap(True)
        self.choice_label.setAccessibleName("Still to choose")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumHeight(12)
        self.progress.setTextVisible(False)
        self.problem_model = ProblemListModel(self)
        self.problem_view = QListView()
        self.problem_view.setModel(self.problem_model)
        self.problem_view.setAccessibleName("Problems")
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet(f"color: {problem_red(self)};")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton("&Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def build_layout(self, form: QFormLayout, table: QWidget, above: Sequence[QWidget] = ()) -> None:
        """Lay the dialog out: the form, ``above`` (e.g. a box of choices), what was found, the table, problems."""
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        for widget in above:
            layout.addWidget(widget)
        layout.addWidget(self.found)
        layout.addWidget(self.choice_label)
        layout.addWidget(self.progress)
        layout.addWidget(table, 3)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.problem_view, 1)
        layout.addStretch()  # keeps the lines together when there is no table or list to show
        layout.addWidget(self.buttons)

    def read_in_background(self, read: Callable[[], object]) -> None:
        """Run ``read`` (plain values only: no Session) on a worker; ``show_read`` gets what it returns."""
        self._generation += 1
        self.import_button.setEnabled(False)
        self.progress.show()
        self.choice_label.hide()
        self.found.setText("Reading the file…")
        self._pool.start(_ReadJob(self._generation, read, self._signals))

    def _on_read(self, generation: int, outcome: object) -> None:
        if generation != self._generation:
            return  # a choice changed meanwhile; a newer read is on its way
        self.progress.hide()
        self.show_read(outcome)
        self.preview_ready.emit()

    def show_read(self, outcome: object) -> None:
        """Show what a read returned (or the exception it raised)."""
        raise NotImplementedError

    def show_needs_and_problems(
        self, needs: Sequence[str], prompts: dict[str, str], problems: Sequence[ImportProblem]
    ) -> None:
        """The choices still to make, in words, and every problem with its row (nothing imports until fixed)."""
        self.choice_label.setText("\n".join(prompts.get(need, need) for need in needs))
        self.choice_label.setVisible(bool(needs))
        self.problem_model.set_problems(list(problems))
        count = len(problems)
        if count:
            self.problem_label.setText(
                f"{count} problem{'s' if count != 1 else ''}: nothing is imported until "
                f"{'they are' if count != 1 else 'it is'} fixed in the file."
            )
        self.problem_label.setVisible(bool(count))
        self.problem_view.setVisible(bool(count))

    def done(self, result: int) -> None:
        self._generation += 1  # a read still running is not shown
        self._pool.waitForDone()
        super().done(result)
