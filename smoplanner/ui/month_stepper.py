"""◀ month ▶: the month a page shows, with buttons to the month before and after (Budget, Enter results)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget


class MonthStepper(QWidget):
    """The buttons and the month's name; ``stepped`` says -1 (the month before) or +1 (the month after). The
    page names the month (``set_text``), as its plan's locale writes it."""

    stepped = Signal(int)

    def __init__(self, parent: QWidget | None = None, *, scale: float = 1.0, min_width: int = 130) -> None:
        super().__init__(parent)
        self.previous_button = QToolButton()
        self.next_button = QToolButton()
        for button, text, name, step in ((self.previous_button, "◀", "Previous month", -1),
                                         (self.next_button, "▶", "Next month", 1)):  # fmt: skip
            button.setText(text)
            button.setToolTip(name)
            button.setAccessibleName(name)
            button.clicked.connect(lambda _checked=False, step=step: self.stepped.emit(step))
        self.label = QLabel()
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setMinimumWidth(min_width)
        font = self.label.font()
        font.setPointSizeF(font.pointSizeF() * scale)
        font.setBold(True)
        self.label.setFont(font)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.label)
        layout.addWidget(self.next_button)

    def set_text(self, text: str) -> None:
        self.label.setText(text)
