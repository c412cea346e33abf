"""A dismissible line above an open plan's tabs, for what the user should know (read-only, upgraded, recovered)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget


class NoticeBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("NoticeBar")
        self.setStyleSheet(
            "#NoticeBar { background: palette(tool-tip-base); border: 1px solid palette(mid); border-radius: 4px; }"
            "#NoticeBar QLabel { color: palette(tool-tip-text); }"
        )
        self.label = QLabel()
        self.label.setWordWrap(True)
        close = QToolButton()
        close.setText("✕")
        close.setAccessibleName("Dismiss notice")
        close.setAutoRaise(True)
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_notices(self, notices: list[str]) -> None:
        if not notices:
            self.hide()
            return
        self.label.setText("\n".join(notices))
        self.show()
