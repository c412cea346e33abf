"""The post editor's strip of pictures and videos: thumbnails in order, Add…, Remove, move left and right, files
dropped on it, and the alt text of the selected item."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QIcon,
    QImageReader,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smoplanner.core.media import MAX_ALT_TEXT, MediaItem
from smoplanner.store.posts.media import MediaError, picture_item, video_item
from smoplanner.ui.calendar.common import problem_red
from smoplanner.ui.calendar.media_thumbs import PictureBytes, film_icon, picture_image, placeholder_icon
from smoplanner.ui.itemmodels import RowListModel

PICTURE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp")
VIDEO_SUFFIXES = (".mp4", ".mov")
FILE_FILTER = (
    "Pictures and videos (*.png *.jpg *.jpeg *.gif *.webp *.mp4 *.mov);;"
    "Pictures (*.png *.jpg *.jpeg *.gif *.webp);;Videos (*.mp4 *.mov)"
)
THUMB = QSize(88, 66)


def _size_text(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{max(1, round(size / 1000)):,} KB"


def read_media_file(path: str) -> MediaItem:
    """A picture or video file as an item to attach; MediaError naming the file and saying why it cannot be."""
    name = Path(path).name
    suffix = Path(path).suffix.lower()
    if suffix in VIDEO_SUFFIXES:
        try:
            size = os.stat(path).st_size
        except OSError as exc:
            raise MediaError(f"{name}: cannot be read ({exc.strerror or exc}).") from None
        if size <= 0:
            raise MediaError(f"{name}: the file is empty.")
        return video_item(os.path.abspath(path), size)
    if suffix not in PICTURE_SUFFIXES:
        raise MediaError(f"{name}: not a picture or video smoplanner can attach (PNG, JPEG, GIF, WebP, MP4 or MOV).")
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise MediaError(f"{name}: cannot be read ({exc.strerror or exc}).") from None
    try:
        item = picture_item(data)
    except MediaError as exc:
        raise MediaError(f"{name}: {exc}") from None
    reader = QImageReader(path)
    dimensions = reader.size()
    if dimensions.isValid():  # decoding small proves the file whole, and is fast for a large photo
        reader.setScaledSize(dimensions.scaled(256, 256, Qt.AspectRatioMode.KeepAspectRatio))
    if not reader.canRead() or reader.read().isNull():
        raise MediaError(f"{name}: the picture is damaged and cannot be shown ({reader.errorString()}).")
    if dimensions.isValid() and dimensions.width() > 0 and dimensions.height() > 0:
        item = dataclasses.replace(item, width=dimensions.width(), height=dimensions.height())
    return item


@dataclasses.dataclass(frozen=True)
class MediaEntry:
    """How one attached item shows in the strip."""

    item: MediaItem
    text: str
    tip: str
    icon: QIcon
    missing: bool


class MediaListModel(RowListModel[MediaEntry]):
    """The strip's thumbnails, one per attached item, in posting order."""

    def __init__(self, missing_color: QColor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.missing_color = missing_color

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.row_at(index.row())
        if entry is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.text
        if role == Qt.ItemDataRole.DecorationRole:
            return entry.icon
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.tip + "\nAlt text: " + (entry.item.alt_text or "none yet")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return entry.text.replace("·", "").replace("×", " by ")
        if role == Qt.ItemDataRole.ForegroundRole and entry.missing:
            return self.missing_color
        return None

    def set_alt_text(self, row: int, item: MediaItem) -> None:
        """``item`` (the same picture or video with new alt text) at ``row``: its tooltip changes."""
        self.rows[row] = dataclasses.replace(self.rows[row], item=item)
        self.dataChanged.emit(self.index(row), self.index(row), [Qt.ItemDataRole.ToolTipRole])


class _DropList(QListView):
    """The thumbnails; files dropped on them are attached."""

    files_dropped = Signal(list)
    EMPTY_TEXT = "No pictures or videos yet: Add… them, or drop files here."

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setDragDropMode(QListView.DragDropMode.DropOnly)

    def count(self) -> int:
        model = self.model()
        return model.rowCount() if model is not None else 0

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.count() == 0:  # say what goes here instead of an empty box
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
            painter.drawText(self.viewport().rect().adjusted(8, 4, -8, -4), flags, self.EMPTY_TEXT)
            painter.end()

    @staticmethod
    def _paths(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[str]:
        mime = event.mimeData()
        if mime is None or not mime.hasUrls():
            return []
        return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._paths(event)
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.files_dropped.emit(paths)


class MediaStrip(QWidget):
    """A post's pictures and videos, in the order they are posted. ``changed`` fires on every change."""

    changed = Signal()

    def __init__(self, picture_bytes: PictureBytes | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picture_bytes = picture_bytes
        self._items: list[MediaItem] = []
        self.read_only = False

        self.list = _DropList()
        self.list.setAccessibleName("Pictures and videos")
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setFlow(QListView.Flow.LeftToRight)
        self.list.setWrapping(False)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setIconSize(THUMB)
        # Two lines under each thumbnail: a video's long file name wraps instead of losing its middle.
        self.list.setGridSize(QSize(THUMB.width() + 36, THUMB.height() + self.fontMetrics().lineSpacing() * 2 + 12))
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.list.setWordWrap(True)
        self.list.setFixedHeight(
            self.list.gridSize().height() + self.list.horizontalScrollBar().sizeHint().height() + 6
        )
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.model = MediaListModel(_red(self), self)
        self.list.setModel(self.model)
        self.list.selectionModel().currentRowChanged.connect(lambda *_: self._selected())
        self.list.files_dropped.connect(self.add_files)

        self.add_button = QPushButton("A&dd…")
        self.add_button.setToolTip("Attach pictures (PNG, JPEG, GIF, WebP) or videos (MP4, MOV); several at once")
        self.add_button.clicked.connect(self.choose_files)
        self.remove_button = QPushButton("Remo&ve")
        self.remove_button.setToolTip("Take the selected picture or video off the post")
        self.remove_button.clicked.connect(self.remove_selected)
        self.left_button = QPushButton("◀")
        self.left_button.setToolTip("Move the selected item left (posted earlier)")
        self.left_button.setAccessibleName("Move left")
        self.left_button.clicked.connect(lambda: self.move_selected(-1))
        self.right_button = QPushButton("▶")
        self.right_button.setToolTip("Move the selected item right (posted later)")
        self.right_button.setAccessibleName("Move right")
        self.right_button.clicked.connect(lambda: self.move_selected(1))
        half = (self.add_button.sizeHint().width() - 4) // 2
        for button in (self.left_button, self.right_button):
            button.setFixedWidth(max(half, button.fontMetrics().horizontalAdvance("◀") + 16))

        self.alt_edit = QLineEdit()
        self.alt_edit.setAccessibleName("Alt text of the selected item")
        self.alt_edit.setMaxLength(MAX_ALT_TEXT)
        self.alt_edit.setPlaceholderText("What it shows, for people who cannot see it")
        self.alt_edit.textEdited.connect(self._alt_edited)
        self.alt_label = QLabel("Alt te&xt:")
        self.alt_label.setBuddy(self.alt_edit)
        self.hint_label = QLabel()
        self.hint_label.setWordWrap(True)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setAccessibleName("Media message")
        self.message_label.hide()

        moves = QHBoxLayout()
        moves.setSpacing(4)
        moves.addWidget(self.left_button)
        moves.addWidget(self.right_button)
        buttons = QVBoxLayout()
        buttons.setSpacing(4)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addLayout(moves)
        buttons.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.list, 1)
        top.addLayout(buttons)
        alt_row = QHBoxLayout()
        alt_row.addWidget(self.alt_label)
        alt_row.addWidget(self.alt_edit, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addLayout(top)
        layout.addLayout(alt_row)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.message_label)
        self._refresh()

    # -- the items -------------------------------------------------------------------------------

    def items(self) -> tuple[MediaItem, ...]:
        return tuple(self._items)

    def set_items(self, items: Sequence[MediaItem]) -> None:
        self._items = list(items)
        self._refresh(0 if self._items else -1)

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.list.setAcceptDrops(not read_only)
        self._update_buttons()

    def selected_row(self) -> int:
        row = self.list.currentIndex().row()
        return row if 0 <= row < len(self._items) else -1

    def select(self, row: int) -> None:
        self.list.setCurrentIndex(self.model.index(row))

    def _icon(self, item: MediaItem) -> QIcon:
        if item.kind == "video":
            return QIcon(film_icon(THUMB.width(), THUMB.height(), _red(self), missing=not os.path.exists(item.path)))
        image = picture_image(item, THUMB.height() * 2, self.picture_bytes)
        if image.isNull():
            return QIcon(placeholder_icon(THUMB.width(), THUMB.height(), "not in the plan"))
        return QIcon(QPixmap.fromImage(image))

    def _entry(self, number: int, item: MediaItem) -> MediaEntry:
        missing = item.kind == "video" and not os.path.exists(item.path)
        if item.kind == "video":
            file_name = Path(item.path).name
            shown = self.fontMetrics().elidedText(
                file_name, Qt.TextElideMode.ElideMiddle, self.list.gridSize().width() - 10
            )
            text = f"{number} · {'missing' if missing else 'video'}\n{shown}"
            tip = f"Video {file_name}\n{item.path}\n{_size_text(item.byte_size)} when attached"
            if missing:
                tip += "\nThe file is not there any more: move it back or attach it again."
        else:
            text = f"{number} · {item.width}×{item.height}"
            tip = f"Picture {item.width}×{item.height} pixels, {_size_text(item.byte_size)}"
        return MediaEntry(item, text, tip, self._icon(item), missing)

    def _refresh(self, select: int | None = None) -> None:
        keep = self.selected_row() if select is None else select
        self.list.selectionModel().blockSignals(True)
        self.model.reset_rows(self._entry(number, item) for number, item in enumerate(self._items, start=1))
        if self._items:
            self.select(min(max(keep, 0), len(self._items) - 1))
        self.list.selectionModel().blockSignals(False)
        self._selected()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_labels()

    def _fit_labels(self) -> None:
        """Reserve the height a wrapped hint or message needs at this width, so the strip never overlaps itself
        (a layout sizes a wrapped label for one line)."""
        width = max(self.width(), 240)
        # The hint keeps two lines whichever item is selected, so the editor does not jump as the user clicks.
        self.hint_label.setMinimumHeight(
            max(self.hint_label.fontMetrics().lineSpacing() * 2, self.hint_label.heightForWidth(width))
        )
        text = self.message_label.text()
        self.message_label.setMinimumHeight(self.message_label.heightForWidth(width) if text else 0)

    def _update_buttons(self) -> None:
        row = self.selected_row()
        editable = not self.read_only
        self.add_button.setEnabled(editable)
        self.remove_button.setEnabled(editable and row >= 0)
        self.left_button.setEnabled(editable and row > 0)
        self.right_button.setEnabled(editable and 0 <= row < len(self._items) - 1)
        self.alt_edit.setEnabled(row >= 0)
        self.alt_edit.setReadOnly(self.read_only)

    def _selected(self, _row: int = -1) -> None:
        row = self.selected_row()
        self.alt_edit.setText(self._items[row].alt_text if row >= 0 else "")
        self._update_buttons()
        self._update_hint()

    def _update_hint(self) -> None:
        row = self.selected_row()
        item = self._items[row] if row >= 0 else None
        if item is None:
            text = (
                "Select a picture or video to write its alt text."
                if self._items
                else "Each picture or video you attach gets its own alt text here."
            )
            style = ""
        elif item.alt_text.strip():
            text, style = f"Alt text of item {row + 1}; screen readers read it out.", ""
        else:
            what = "picture" if item.kind == "picture" else "video"
            text = (
                f"Item {row + 1} has no alt text: screen readers need it to tell people who cannot see the "
                f"{what} what it shows."
            )
            style = f"color: {problem_red(self)};"
        self.hint_label.setText(text)
        self.hint_label.setStyleSheet(style)
        self._fit_labels()

    def _alt_edited(self, text: str) -> None:
        row = self.selected_row()
        if row < 0 or self.read_only:
            return
        self._items[row] = dataclasses.replace(self._items[row], alt_text=text[:MAX_ALT_TEXT])
        self.model.set_alt_text(row, self._items[row])
        self._update_hint()
        self.changed.emit()

    # -- changes ---------------------------------------------------------------------------------

    def choose_files(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(self, "Attach Pictures or Videos", "", FILE_FILTER)
        if paths:
            self.add_files(paths)

    def add_files(self, paths: Sequence[str]) -> bool:
        """Attach the files in order; if any cannot be attached, a message names it and nothing is added."""
        if self.read_only:
            return False
        new: list[MediaItem] = []
        problems: list[str] = []
        for path in paths:
            try:
                item = read_media_file(path)
            except MediaError as exc:
                problems.append(str(exc))
                continue
            if any(item.same_content(other) for other in (*self._items, *new)):
                problems.append(f"{Path(path).name}: already attached to this post.")
                continue
            new.append(item)
        if problems:
            self.show_message("Nothing was attached. " + " ".join(problems))
            return False
        self.show_message("")
        if not new:
            return False
        self._items.extend(new)
        self._refresh(len(self._items) - len(new))
        self.changed.emit()
        return True

    def remove_selected(self) -> None:
        row = self.selected_row()
        if row < 0 or self.read_only:
            return
        del self._items[row]
        self._refresh(min(row, len(self._items) - 1))
        self.changed.emit()

    def move_selected(self, step: int) -> None:
        row = self.selected_row()
        to = row + step
        if row < 0 or not 0 <= to < len(self._items) or self.read_only:
            return
        self._items[row], self._items[to] = self._items[to], self._items[row]
        self._refresh(to)
        self.changed.emit()

    def show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setStyleSheet(f"color: {problem_red(self)};" if text else "")
        self.message_label.setVisible(bool(text))
        self._fit_labels()


def _red(widget: QWidget) -> QColor:
    return QColor(problem_red(widget))
