"""The ideas backlog: posts without a date, dragged onto a day to plan them or back here to take the date away."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QGroupBox, QLabel, QListView, QPushButton, QVBoxLayout, QWidget

from smoplanner.store import posts as store
from smoplanner.ui.calendar.common import CalendarContext, ids_from_mime
from smoplanner.ui.calendar.models import PostListModel


class BacklogView(QListView):
    """The ideas list: drag an idea onto a day; drop a post here to take its date away."""

    posts_dropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editable = True
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAccessibleName("Ideas without a date")

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.editable and event.source() is not self and ids_from_mime(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self.editable and event.source() is not self and ids_from_mime(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        ids = ids_from_mime(event.mimeData())
        if ids and self.editable and event.source() is not self:
            self.posts_dropped.emit(ids)
            event.acceptProposedAction()
        else:
            event.ignore()

    def startDrag(self, supported: Qt.DropAction) -> None:
        if self.editable:
            super().startDrag(supported)


class BacklogPanel(QGroupBox):
    """The "Ideas" box: the backlog, a word on what it is for while it is empty, and New Idea."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Ideas", parent)
        self.model = PostListModel(self)
        self.view = BacklogView()
        self.view.setModel(self.model)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setIconSize(QSize(10, 10))  # the pillar's colour as a small swatch
        self.empty = QLabel(
            "No ideas yet. A post saved with “No date: keep in ideas” waits here until you drag it onto a "
            "day. Drag a post here to take its date away."
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.new_idea_button = QPushButton("New &Idea")
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.new_idea_button)

    def set_rows(self, ctx: CalendarContext, rows: Sequence[store.PostRow]) -> None:
        self.model.set_rows(ctx, rows)
        has_ideas = bool(rows)
        self.view.setVisible(has_ideas)
        self.empty.setVisible(not has_ideas)
        self.setTitle(f"Ideas ({len(rows)})" if has_ideas else "Ideas")
