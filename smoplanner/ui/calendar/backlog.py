"""The ideas backlog: posts without a date, dragged onto a day to plan them or back here to take the date away."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from smoplanner.ui.calendar.common import ids_from_mime


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
