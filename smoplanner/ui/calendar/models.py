"""Item models of the Calendar tab: the post table and its filter, the ideas list, the import preview."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from smoplanner.core.locale_format import PlanLocale
from smoplanner.core.post_filter import PostQuery, matches
from smoplanner.core.posts import PostRecord
from smoplanner.formats.errors import ImportProblem
from smoplanner.store.posts import PostRow
from smoplanner.ui.calendar.common import (
    POST_MIME,
    STATUS_LABELS,
    WARNING_MARK,
    CalendarContext,
    boost_text,
    is_past_due,
    pillar_qcolor,
    platforms_text,
    post_ids_mime,
    post_tooltip,
    status_mark,
    status_text,
)
from smoplanner.ui.calendar.post_results import ResultsByPost, ResultTotals, rate_text, summary_line, totals
from smoplanner.ui.itemmodels import RowListModel, RowTableModel
from smoplanner.ui.platform_icons import platform_icon

_Index = QModelIndex | QPersistentModelIndex
_Role = Qt.ItemDataRole

#: The post id of a row.
PostIdRole = Qt.ItemDataRole.UserRole + 1
#: A value that sorts the column the way a person expects (dates by time, not by text).
SortRole = Qt.ItemDataRole.UserRole + 2

_NEVER = datetime.max.replace(tzinfo=UTC)
_NO_RESULTS, _NO_AUDIENCE = Decimal(-2), Decimal(-1)


def _when_text(ctx: CalendarContext | None, row: PostRow) -> str:
    if row.scheduled_at is None:
        return "No date (idea)"
    if ctx is None:
        return row.scheduled_at.strftime("%Y-%m-%d %H:%M UTC")
    return ctx.fmt.when(ctx.local(row.scheduled_at))


class PostTableModel(RowTableModel[PostRow]):
    """Every post of the plan as a row: when, title, platforms, status, how it did (its engagement rate over
    all its platforms, once its results are imported), pillar, campaign, warnings, boost."""

    # How a post did sits beside its status, so it stays in sight when a narrow window scrolls the list sideways.
    COLUMNS = ("When", "Title", "Platforms", "Status", "Engagement", "Pillar", "Campaign", "Warnings", "Boost")
    WHEN, TITLE, PLATFORMS, STATUS, ENGAGEMENT, PILLAR, CAMPAIGN, WARNINGS, BOOST = range(9)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx: CalendarContext | None = None
        self._when_cache: dict[int, str] = {}
        #: Each post's results over all its platforms, by post id (posts without results have none).
        self.totals: dict[int, ResultTotals] = {}
        self.results: ResultsByPost = {}
        self._result_cache: dict[int, tuple[str, str]] = {}

    def set_rows(self, ctx: CalendarContext, rows: Sequence[PostRow], results: ResultsByPost | None = None) -> None:
        self.beginResetModel()
        self.ctx = ctx
        self.rows = list(rows)
        self._when_cache = {}
        self.results = results or {}
        self.totals = {post_id: totals(found) for post_id, found in self.results.items() if found}
        self._result_cache = {}
        self.endResetModel()

    def _result_texts(self, post_id: int) -> tuple[str, str]:
        """The engagement cell and the tooltip line of a post ("" and "" without results)."""
        cached = self._result_cache.get(post_id)
        if cached is None:
            t = self.totals.get(post_id)
            if t is None or self.ctx is None:
                cached = ("", "")
            else:
                fmt = self.ctx.fmt
                cached = (rate_text(t.rate, fmt), summary_line(fmt, self.results[post_id]))
            self._result_cache[post_id] = cached
        return cached

    def _engagement_key(self, post_id: int) -> Decimal:
        """What the Engagement column sorts by: the rate; below every rate a post whose results reached no
        one ("–"), and below that a post without results."""
        t = self.totals.get(post_id)
        if t is None:
            return _NO_RESULTS
        rate = t.rate
        return _NO_AUDIENCE if rate is None else rate

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def sort_key(self, column: int) -> Any:
        """A plain-Python key for ``column``: sorting 10,000 rows in Python takes milliseconds, while
        a proxy comparing through ``data()`` would cross into Python for every comparison."""
        if column == self.WHEN:
            return lambda r: (r.scheduled_at is None, r.scheduled_at or _NEVER, r.id)
        if column == self.STATUS:
            order = list(STATUS_LABELS)
            return lambda r: (order.index(r.status) if r.status in order else 9, r.id)
        if column == self.WARNINGS:
            return lambda r: (not r.has_problems, r.id)
        if column == self.BOOST:
            return lambda r: (r.boost_minor if r.boosted else -1, r.id)
        if column == self.ENGAGEMENT:
            return lambda r: (self._engagement_key(r.id), r.id)
        if column == self.PLATFORMS:
            return lambda r: (platforms_text(self.ctx, r.platforms).lower() if self.ctx else "", r.id)
        field = {self.TITLE: "title", self.PILLAR: "pillar_name", self.CAMPAIGN: "campaign"}.get(column, "title")
        return lambda r: (getattr(r, field).casefold(), r.id)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        kept = [(self.rows[i.row()].id, i.column()) for i in persistent]
        self.rows.sort(key=self.sort_key(column), reverse=order == Qt.SortOrder.DescendingOrder)
        where = {r.id: n for n, r in enumerate(self.rows)}
        self.changePersistentIndexList(persistent, [self.index(where[pid], col) for pid, col in kept])
        self.layoutChanged.emit()

    def data(self, index: _Index, role: int = _Role.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role == _Role.DisplayRole:
            if col == self.WHEN:
                text = self._when_cache.get(row.id)
                if text is None:
                    text = self._when_cache[row.id] = _when_text(self.ctx, row)
                return text
            if col == self.TITLE:
                return row.title or "(no title)"
            if col == self.PLATFORMS:
                return platforms_text(self.ctx, row.platforms) if self.ctx else ", ".join(row.platforms)
            if col == self.STATUS:
                return status_text(row)
            if col == self.PILLAR:
                return row.pillar_name
            if col == self.CAMPAIGN:
                return row.campaign
            if col == self.WARNINGS:
                return f"{WARNING_MARK} Breaks a rule" if row.has_problems else ""
            if col == self.BOOST:
                return boost_text(self.ctx, row) if self.ctx else ""
            if col == self.ENGAGEMENT:
                return self._result_texts(row.id)[0]
            return None
        if role == SortRole:
            if col == self.WHEN:
                return (row.scheduled_at or _NEVER).timestamp()
            if col == self.WARNINGS:
                return int(row.has_problems)
            if col == self.BOOST:
                return row.boost_minor if row.boosted else -1
            if col == self.ENGAGEMENT:
                return int(self._engagement_key(row.id) * 1_000_000)
            if col == self.STATUS:
                return list(STATUS_LABELS).index(row.status) if row.status in STATUS_LABELS else 9
            return self.data(index, _Role.DisplayRole)
        if role == PostIdRole:
            return row.id
        if role == _Role.DecorationRole:
            if col == self.PLATFORMS and row.platforms:
                return platform_icon(row.platforms[0])
            if col == self.PILLAR and row.pillar_name:
                return pillar_qcolor(row.pillar_color)
            return None
        if role == _Role.ForegroundRole and (
            (col == self.WARNINGS and row.has_problems) or (col == self.STATUS and is_past_due(row))
        ):
            return QColor(200, 110, 0)
        if role == _Role.TextAlignmentRole and col in (self.BOOST, self.ENGAGEMENT):
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == _Role.ToolTipRole and self.ctx is not None:
            return post_tooltip(self.ctx, row, self._result_texts(row.id)[1])
        if role == _Role.AccessibleTextRole and col == self.WARNINGS:
            return "Breaks a platform rule" if row.has_problems else "No problems"
        return None


def row_matches(row: PostRow, query: PostQuery) -> bool:
    """Whether a post passes the list's filters (the pure rule lives in core.post_filter)."""
    return matches(
        row.title,
        row.text,
        row.platforms,
        row.status,
        row.pillar_name,
        row.campaign,
        query,
        extra_text="\n".join(v for _c, v in row.variants),
    )


class PostFilterProxy(QSortFilterProxyModel):
    """Filters the post table by platform, status, pillar, campaign and a search text.

    The accepted rows are worked out once per filter change in one pass over the plain rows, so
    ``filterAcceptsRow`` (called by Qt for each row) is a set lookup and typing stays smooth at 10,000 posts.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SortRole)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.query = PostQuery()
        self._accepted: set[int] | None = None  # post ids
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is done by the source model in plain Python; the proxy keeps its order and only filters."""
        source = self.sourceModel()
        if isinstance(source, PostTableModel):
            self._sort = (column, order)
            source.sort(column, order)
        else:
            super().sort(column, order)

    def resort(self) -> None:
        """Sort fresh source rows the way the user last chose."""
        if self._sort is not None and isinstance(self.sourceModel(), PostTableModel):
            self.sourceModel().sort(*self._sort)

    def set_query(self, query: PostQuery) -> None:
        if query == self.query:
            return
        self.query = query
        self._recompute()

    def _recompute(self) -> None:
        self.beginFilterChange()
        source = self.sourceModel()
        if self.query.is_empty or not isinstance(source, PostTableModel):
            self._accepted = None
        else:
            q = self.query
            self._accepted = {row.id for row in source.rows if row_matches(row, q)}
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def invalidate_rows(self) -> None:
        """The source rows were replaced: sort them as chosen and apply the current filters."""
        self.resort()
        self._recompute()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if self._accepted is None:
            return True
        rows = self.sourceModel().rows  # type: ignore[attr-defined]
        return 0 <= source_row < len(rows) and rows[source_row].id in self._accepted


class PostListModel(RowListModel[PostRow]):
    """Posts as a one-column list (the ideas backlog, a day's posts); drags carry the post ids."""

    def __init__(self, parent: QObject | None = None, *, draggable: bool = True) -> None:
        super().__init__(parent)
        self.ctx: CalendarContext | None = None
        self.draggable = draggable
        self.show_time = False

    def set_rows(self, ctx: CalendarContext, rows: Sequence[PostRow]) -> None:
        self.beginResetModel()
        self.ctx = ctx
        self.rows = list(rows)
        self.endResetModel()

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if self.draggable:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        return flags

    def data(self, index: _Index, role: int = _Role.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == _Role.DisplayRole:
            parts = [status_mark(row)]
            if self.show_time and row.scheduled_at is not None and self.ctx is not None:
                parts.append(self.ctx.fmt.time(self.ctx.local(row.scheduled_at)))
            parts.append(row.title or "(no title)")
            if row.has_problems:
                parts.append(WARNING_MARK)
            return " ".join(p for p in parts if p)
        if role == _Role.DecorationRole:
            return pillar_qcolor(row.pillar_color) if row.pillar_name else None
        if role == _Role.ToolTipRole and self.ctx is not None:
            return post_tooltip(self.ctx, row)
        if role == PostIdRole:
            return row.id
        return None

    def mimeTypes(self) -> list[str]:
        return [POST_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids = sorted({self.rows[i.row()].id for i in indexes if i.isValid() and 0 <= i.row() < len(self.rows)})
        return post_ids_mime(ids)

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction


class ImportPreviewModel(RowTableModel[PostRecord]):
    """The first records of a file as they will be imported."""

    COLUMNS = ("Date", "Time", "Title", "Platforms", "Status", "Pillar", "Link", "Text")
    LIMIT = 200

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx: CalendarContext | None = None

    def set_records(self, ctx: CalendarContext, records: Sequence[PostRecord]) -> None:
        self.beginResetModel()
        self.ctx = ctx
        self.rows = list(records[: self.LIMIT])
        self.endResetModel()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _Role.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical and role == _Role.DisplayRole:
            return str(section + 1)
        return super().headerData(section, orientation, role)

    def data(self, index: _Index, role: int = _Role.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        if role not in (_Role.DisplayRole, _Role.ToolTipRole):
            return None
        rec = self.rows[index.row()]
        col = index.column()
        local = rec.scheduled_at.astimezone(self.ctx.tz) if rec.scheduled_at and self.ctx else rec.scheduled_at
        fmt = self.ctx.fmt if self.ctx else PlanLocale.of("en_US")
        if col == 0:
            return fmt.day(local.date()) if local else "No date (idea)"
        if col == 1:
            return fmt.time(local) if local else ""
        if col == 2:
            return rec.title
        if col == 3:
            if not rec.platforms:
                return "(choose above)"
            return platforms_text(self.ctx, rec.platforms) if self.ctx else ", ".join(rec.platforms)
        if col == 4:
            return STATUS_LABELS.get(rec.status, rec.status)
        if col == 5:
            return rec.pillar
        if col == 6:
            return rec.link
        if col == 7:
            text = rec.text if role == _Role.ToolTipRole else " ".join(rec.text.split())
            return text if len(text) <= 120 or role == _Role.ToolTipRole else text[:119] + "…"
        return None


class ProblemListModel(RowListModel[ImportProblem]):
    """Every problem of a file, with its row number."""

    def set_problems(self, problems: Sequence[ImportProblem]) -> None:
        self.reset_rows(problems)

    def data(self, index: _Index, role: int = _Role.DisplayRole) -> Any:
        problem = self.row_at(index.row()) if index.isValid() else None
        if problem is not None and role in (_Role.DisplayRole, _Role.ToolTipRole):
            return str(problem)
        return None


class PillarTableModel(RowTableModel[Any]):
    """The plan's content pillars: name (with its colour), target share."""

    COLUMNS = ("Pillar", "Target")

    def set_pillars(self, pillars: Sequence[Any]) -> None:
        self.reset_rows(pillars)

    def data(self, index: _Index, role: int = _Role.DisplayRole) -> Any:
        p = self.row_at(index.row()) if index.isValid() else None
        if p is None:
            return None
        if role == _Role.DisplayRole:
            if index.column() == 0:
                return p.name
            return f"{p.target_percent}%" if p.target_percent else "no target"
        if role == _Role.DecorationRole and index.column() == 0:
            return pillar_qcolor(p.color)
        if role == PostIdRole:
            return p.id
        return None
