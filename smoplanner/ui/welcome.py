"""The page shown when no plan is open: new, open, sample, and the recent plans."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QHideEvent, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from smoplanner.ui.itemmodels import RowListModel

_Index = QModelIndex | QPersistentModelIndex


class RecentPlansModel(RowListModel[tuple[Path, bool]]):
    """The recent plan files, newest first, each with whether it is there; a missing one says so."""

    def set_paths(self, paths: list[str]) -> None:
        self.reset_rows((Path(p), Path(p).exists()) for p in paths)

    def path_at(self, row: int) -> Path:
        return self.rows[row][0]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.row_at(index.row()) if index.isValid() else None
        if item is None:
            return None
        path, exists = item
        if role == Qt.ItemDataRole.DisplayRole:
            missing = "" if exists else "   (not found: moved, or on a drive that is not plugged in)"
            return f"{path.stem}\n{path.parent}{missing}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(path)
        if role == Qt.ItemDataRole.ForegroundRole and not exists:
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
        # A plan asked for on the command line (or by a double-click) that is not there says so here.
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice.setAccessibleName("Notice")
        self.notice.setFrameShape(QFrame.Shape.StyledPanel)
        self.notice.setMargin(8)
        self.notice.hide()

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
        inner.addWidget(self.notice)
        inner.addSpacing(18)
        inner.addLayout(columns, 1)
        box = QWidget()
        box.setLayout(inner)
        box.setMaximumWidth(860)
        # As tall as its content, a little above the middle of the window: no empty half page below it.
        box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box, 6)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(2)
        outer.addLayout(row)
        outer.addStretch(3)
        outer.setContentsMargins(24, 24, 24, 24)

    def show_missing(self, path: Path) -> None:
        from html import escape

        self.notice.setText(
            f"<b>{escape(path.name)} was not found.</b> It may have been moved or renamed, or be on a drive "
            f"that is not plugged in.<br>{escape(str(path.absolute()))}"
        )
        self.notice.show()

    def hideEvent(self, event: QHideEvent) -> None:
        if not event.spontaneous():  # the page gave way to a plan (not the window being minimised)
            self.notice.hide()
        super().hideEvent(event)

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
