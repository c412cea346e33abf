"""The bar above the calendar: today, previous, next, go to a date, the period shown, the view, a new post."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QPushButton, QToolButton, QToolTip, QWidget

from smoplanner.ui.calendar.common import legend_html


class CalendarNavBar(QWidget):
    """The buttons and the period's title; the Calendar tab connects the buttons to what they do.

    ``view_buttons`` holds the Month, Week and List buttons with ids 0, 1 and 2.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today_button = QPushButton("&Today")
        self.prev_button = QToolButton()
        self.prev_button.setText("◀")
        self.prev_button.setAccessibleName("Previous")
        self.prev_button.setToolTip("Previous month (Page Up)")
        self.next_button = QToolButton()
        self.next_button.setText("▶")
        self.next_button.setAccessibleName("Next")
        self.next_button.setToolTip("Next month (Page Down)")
        self.goto_button = QPushButton("&Go to…")
        self.title = QLabel()
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.view_buttons = QButtonGroup(self)
        view_row = QHBoxLayout()
        view_row.setSpacing(0)
        for i, name in enumerate(("&Month", "&Week", "&List")):
            button = QToolButton()
            button.setText(name)
            button.setCheckable(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.view_buttons.addButton(button, i)
            view_row.addWidget(button)
        self.new_button = QPushButton("&New Post")
        self.new_button.setToolTip("Plan a post on the selected day (Ctrl+Shift+N)")
        # What the marks mean: in the tooltip, and shown where the button is when it is clicked.
        self.legend_button = QToolButton()
        self.legend_button.setText("?")
        self.legend_button.setAccessibleName("What the marks mean")
        self.legend_button.setToolTip(legend_html())
        self.legend_button.clicked.connect(self.show_legend)

        top = QHBoxLayout(self)
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.today_button)
        top.addWidget(self.prev_button)
        top.addWidget(self.next_button)
        top.addWidget(self.goto_button)
        top.addSpacing(8)
        top.addWidget(self.title, 1)
        top.addLayout(view_row)
        top.addSpacing(8)
        top.addWidget(self.new_button)
        top.addWidget(self.legend_button)

    def show_legend(self) -> None:
        QToolTip.showText(
            self.legend_button.mapToGlobal(self.legend_button.rect().bottomLeft()),
            self.legend_button.toolTip(),
            self.legend_button,
        )

    def show_period(self, title: str, step: str, *, can_step: bool = True) -> None:
        """Show ``title``; previous and next go by ``step`` ("month", "week"), or are off (the list)."""
        self.title.setText(title)
        self.prev_button.setToolTip(f"Previous {step} (Page Up)")
        self.next_button.setToolTip(f"Next {step} (Page Down)")
        for w in (self.prev_button, self.next_button, self.today_button, self.goto_button):
            w.setEnabled(can_step)
