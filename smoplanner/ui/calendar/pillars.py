"""Managing the content pillars: name, colour and target share of the month's posts."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from smoplanner.store import posts as store
from smoplanner.ui.calendar.commands import PillarCommand
from smoplanner.ui.calendar.common import problem_red
from smoplanner.ui.calendar.models import PillarTableModel, PostIdRole
from smoplanner.ui.document import PlanDocument


def ask_color(parent: QWidget, current: str) -> str | None:
    """A colour picked by the user (None when cancelled). Tests replace this."""
    color = QColorDialog.getColor(QColor(current), parent, "Pillar Colour")
    return color.name().upper() if color.isValid() else None


class PillarsDialog(QDialog):
    """Add, change and delete pillars; every change is one undoable command."""

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setWindowTitle("Content Pillars")
        self.model = PillarTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._load_selected())

        self.name = QLineEdit()
        self.name.setPlaceholderText("e.g. Offers, Behind the scenes, Tips")
        self.color = "#3D85C6"
        self.color_button = QPushButton()
        self.color_button.clicked.connect(self._pick_color)
        self.target = QSpinBox()
        self.target.setRange(0, 100)
        self.target.setSuffix(" %")
        self.target.setSpecialValueText("no target")
        form = QFormLayout()
        form.addRow("&Name:", self.name)
        form.addRow("&Colour:", self.color_button)
        form.addRow("&Target share:", self.target)
        self.add_button = QPushButton("&Add")
        self.save_button = QPushButton("&Save Changes")
        self.delete_button = QPushButton("&Delete")
        self.add_button.clicked.connect(self.add)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.save_button)
        row.addWidget(self.delete_button)
        row.addStretch(1)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {problem_red(self)};")
        self.help = QLabel(
            "Pillars are the themes you post about. Give each a target share of the month's posts; "
            "the calendar shows how the month compares."
        )
        self.help.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.help)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._show_color()
        editable = not document.read_only
        for w in (self.add_button, self.save_button, self.delete_button, self.name, self.target, self.color_button):
            w.setEnabled(editable)
        self.reload()
        self.resize(440, 420)

    def _form_state(self) -> tuple[str, str, int]:
        return (self.name.text().strip(), self.color.upper(), self.target.value())

    def is_dirty(self) -> bool:
        """The form holds something not yet added or saved: differs from the selected pillar, or (nothing
        selected) a name was typed."""
        if self.document.read_only:
            return False
        index = self.table.currentIndex()
        if index.isValid():
            p = self.model.rows[index.row()]
            return self._form_state() != (p.name, p.color.upper(), p.target_percent)
        return bool(self.name.text().strip())

    def _save_and_close(self) -> None:
        saved = self.save() if self.table.currentIndex().isValid() else self.add()
        if saved:
            super().reject()

    def reject(self) -> None:
        """Escape or Close with a pillar typed but not added or saved: ask first."""
        from smoplanner.ui import dialogs

        dialogs.close_or_ask(self, self.is_dirty(), "the pillar", self._save_and_close, super().reject)

    def reload(self) -> None:
        with self.document.plan.session() as s:
            pillars = store.list_pillars(s)
        self.model.set_pillars(pillars)

    def _selected_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.data(self.model.index(index.row(), 0), PostIdRole) if index.isValid() else None

    def _load_selected(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        p = self.model.rows[index.row()]
        self.name.setText(p.name)
        self.color = p.color
        self.target.setValue(p.target_percent)
        self._show_color()

    def _show_color(self) -> None:
        self.color_button.setText(self.color)
        self.color_button.setStyleSheet(
            f"QPushButton {{ border-left: 18px solid {self.color}; padding: 3px 8px; text-align: left; }}"
        )

    def _pick_color(self) -> None:
        picked = ask_color(self, self.color)
        if picked:
            self.color = picked
            self._show_color()

    def _push(self, command: PillarCommand) -> bool:
        problem = command.problem()
        if problem is not None:
            self.error.setText(problem)
            return False
        self.document.push(command)
        self.error.clear()
        self.reload()
        return True

    def add(self) -> bool:
        name = self.name.text().strip()
        return self._push(
            PillarCommand(self.document, f"Add Pillar {name}", create=(name, self.color, self.target.value()))
        )

    def save(self) -> bool:
        pid = self._selected_id()
        if pid is None:
            self.error.setText("Pick a pillar in the list first.")
            return False
        name = self.name.text().strip()
        return self._push(
            PillarCommand(self.document, f"Change Pillar {name}", update=(pid, name, self.color, self.target.value()))
        )

    def delete(self) -> None:
        pid = self._selected_id()
        if pid is None:
            self.error.setText("Pick a pillar in the list first.")
            return
        self._push(PillarCommand(self.document, "Delete Pillar", delete=pid))
