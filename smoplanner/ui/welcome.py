"""The page shown when no plan is open: new, open, sample, and the recent plans."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

_Index = QModelIndex | QPersistentModelIndex


class RecentPlansModel(QAbstractListModel):
    """The recent plan files, newest first; a missing file is shown as such."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._paths: list[Path] = []
        self._exists: list[bool] = []

    def set_paths(self, paths: list[str]) -> None:
        self.beginResetModel()
        self._paths = [Path(p) for p in paths]
        self._exists = [p.exists() for p in self._paths]
        self.endResetModel()

    def path_at(self, row: int) -> Path:
        return self._paths[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._paths)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._paths):
            return None
        path = self._paths[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            missing = "" if self._exists[index.row()] else "   (not found: moved, or on a drive that is not plugged in)"
            return f"{path.stem}\n{path.parent}{missing}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(path)
        if role == Qt.ItemDataRole.ForegroundRole and not self._exists[index.row()]:
            from PySide6.QtGui import QPalette
            from PySide6.QtWidgets import QApplication

            return QApplication.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        return None


class WelcomePage(QWidget):
    """Signals: ``new_requested``, ``open_requested``, ``sample_requested``, ``recent_chosen(Path)``."""

    new_requested = Signal()
    open_requested = Signal()
    sample_requested = Signal()
    recent_chosen = Signal(Path)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel("smoplanner")
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        title.setFont(font)
        subtitle = QLabel(
            "Plan your social media offline: complete, consistent profiles and a content calendar, "
            "all in one file per business that you can carry anywhere."
        )
        subtitle.setWordWrap(True)

        self.new_button = QPushButton("&New Plan…")
        self.new_button.setToolTip("Start a plan for a business (Ctrl+N)")
        self.open_button = QPushButton("&Open Plan…")
        self.open_button.setToolTip("Open a .smoplan file, e.g. from a USB stick (Ctrl+O)")
        self.sample_button = QPushButton("Open &Sample Plan")
        self.sample_button.setToolTip("A café's plan filled with realistic data, to look around")
        for button in (self.new_button, self.open_button, self.sample_button):
            button.setMinimumHeight(36)
        self.new_button.setDefault(True)
        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self.open_requested)
        self.sample_button.clicked.connect(self.sample_requested)

        buttons = QVBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.sample_button)
        buttons.addStretch(1)

        self.recent_model = RecentPlansModel(self)
        self.recent = QListView()
        self.recent.setModel(self.recent_model)
        self.recent.setAccessibleName("Recent plans")
        self.recent.setAlternatingRowColors(True)
        self.recent.setSpacing(2)
        self.recent.activated.connect(self._activated)
        self.recent_label = QLabel("&Recent plans")
        self.recent_label.setBuddy(self.recent)
        self.empty_label = QLabel("No recent plans yet. Create one, or open the sample plan to look around.")
        self.empty_label.setWordWrap(True)
        recent_box = QVBoxLayout()
        recent_box.addWidget(self.recent_label)
        recent_box.addWidget(self.recent, 1)
        recent_box.addWidget(self.empty_label)
        recent_box.addStretch(0)
        self._recent_box = recent_box

        columns = QHBoxLayout()
        columns.addLayout(buttons, 1)
        columns.addSpacing(24)
        columns.addLayout(recent_box, 2)

        inner = QVBoxLayout()
        inner.addWidget(title)
        inner.addWidget(subtitle)
        inner.addSpacing(18)
        inner.addLayout(columns, 1)
        box = QWidget()
        box.setLayout(inner)
        box.setMaximumWidth(860)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 6)
        outer.addStretch(1)
        outer.setContentsMargins(24, 36, 24, 24)

    def set_recent(self, paths: list[str]) -> None:
        self.recent_model.set_paths(paths)
        has = bool(paths)
        self.recent.setVisible(has)
        self.empty_label.setVisible(not has)
        # With no list to fill the column, keep the label and the hint at the top.
        self._recent_box.setStretch(self._recent_box.count() - 1, 0 if has else 1)

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.recent_chosen.emit(self.recent_model.path_at(index.row()))
