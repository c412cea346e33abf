"""The list of all posts of one day, opened from a month cell's "+N more"."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListView, QVBoxLayout, QWidget

from smoplanner.store import posts as store
from smoplanner.ui.calendar.common import CalendarContext
from smoplanner.ui.calendar.models import PostIdRole, PostListModel


class DayPostsDialog(QDialog):
    """All posts of one day (opened from "+N more"); double-click or Enter edits one."""

    edit_requested = Signal(int)

    def __init__(
        self, ctx: CalendarContext, day: date, posts: Sequence[store.PostRow], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Posts on {ctx.fmt.day(day)}")
        self.model = PostListModel(self, draggable=False)
        self.model.show_time = True
        self.model.set_rows(ctx, posts)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.activated.connect(self._activated)
        self.view.doubleClicked.connect(self._activated)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"{len(posts)} posts. Double-click one to open it."))
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(420, 360)

    def _activated(self, index: Any) -> None:
        post_id = self.model.data(index, PostIdRole)
        if post_id is not None:
            self.edit_requested.emit(int(post_id))
