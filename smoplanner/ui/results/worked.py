"""The Results tab's "What worked" page: the top posts, engagement rate by pillar, platform, weekday and
hour (each with the posts behind it, thin samples marked) and the campaigns ranked by cost per result."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QTableView, QVBoxLayout, QWidget

from smoplanner.core.locale_format import PlanLocale
from smoplanner.core.money import currency
from smoplanner.core.results import THIN_SAMPLE, GroupRate, PostResult
from smoplanner.report.results import WEEKDAYS, RankedCampaign, WhatWorked
from smoplanner.ui.fitting import keep_fitted

_Index = QModelIndex | QPersistentModelIndex

#: What a thin sample's "Posts" cell says after its count.
THIN_MARK = " · few"


_EN = PlanLocale.of("en_US")


def rate_text(rate: Decimal | None, fmt: PlanLocale = _EN) -> str:
    return "–" if rate is None else fmt.percent(rate * 100, 1)


def posts_text(count: int, fmt: PlanLocale = _EN) -> str:
    return f"{fmt.number(count)}{THIN_MARK}" if count < THIN_SAMPLE else fmt.number(count)


@dataclass(frozen=True)
class Row:
    """One shown row: its cells' texts, whether it stands on a thin sample, and its tooltip."""

    cells: tuple[str, ...]
    thin: bool = False
    tip: str = ""


class RowsModel(QAbstractTableModel):
    """A read-only table of ``Row``s under fixed headers; thin samples are in italics with a tooltip."""

    def __init__(self, headers: Sequence[str], right_from: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headers = tuple(headers)
        self.right_from = right_from  # columns from here on are numbers, aligned right
        self.rows: tuple[Row, ...] = ()

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self.rows = tuple(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tip or None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= self.right_from:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and row.thin:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setItalic(True)
            return font
        return None


def group_rows(groups: Sequence[GroupRate], names: Mapping[str, str] | None = None, fmt: PlanLocale = _EN) -> list[Row]:
    rows = []
    for g in groups:
        tip = (
            f"Only {g.posts} post{'s' if g.posts != 1 else ''} behind this figure: too few to trust it yet."
            if g.thin
            else f"{fmt.number(g.engagements)} engagements ÷ {fmt.number(g.audience)} reached, "
            f"over {fmt.number(g.posts)} posts"
        )
        cells = ((names or {}).get(g.key, g.key), rate_text(g.rate, fmt), posts_text(g.posts, fmt))
        rows.append(Row(cells, g.thin, tip))
    return rows


def post_rows(
    posts: Sequence[PostResult],
    tz: ZoneInfo,
    names: Mapping[str, str],
    titles: Mapping[int, str],
    fmt: PlanLocale = _EN,
) -> list[Row]:
    """A post is named by its calendar title when it was matched to one, else by its text or link."""
    rows = []
    for p in posts:
        title = titles.get(p.post_id) if p.post_id is not None else None
        text = title or " ".join(p.text.split()) or p.permalink or "(no text)"
        when = p.published_at.astimezone(tz)
        rows.append(
            Row(
                (
                    text,
                    names.get(p.platform, p.platform),
                    fmt.when(when),
                    rate_text(p.engagement_rate, fmt),
                    fmt.number(p.engagements),
                    fmt.number(p.audience),
                ),
                tip=p.permalink,
            )
        )
    return rows


def campaign_rows(
    campaigns: Sequence[RankedCampaign], currency_code: str, exponent: int, fmt: PlanLocale = _EN
) -> list[Row]:
    """Spent and cost per result as the plan's locale writes money (``1.234,50 €``)."""
    cur = currency(currency_code)
    rows = []
    for c in campaigns:
        spent = fmt.decimal_money(Decimal(c.spent_minor).scaleb(-exponent), cur)
        cost = "–" if c.cost_per_result is None else fmt.decimal_money(c.cost_per_result, cur)
        tip = "" if c.results else "No results recorded for this campaign yet."
        rows.append(Row((c.name, spent, fmt.number(c.results), cost), tip=tip))
    return rows


class WhatWorkedPanel(QWidget):
    """The page: seven small tables, filled from one ``WhatWorked``."""

    GROUPS = (("by_pillar", "Pillar"), ("by_platform", "Platform"), ("by_weekday", "Weekday"), ("by_hour", "Hour"))

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worked: WhatWorked | None = None
        self.models: dict[str, RowsModel] = {}
        self.views: dict[str, QTableView] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        rows = (QHBoxLayout(), QHBoxLayout())
        post_headers = ("Post", "Platform", "Published", "Rate", "Engagements", "Reached")
        rows[0].addWidget(self._table("top_posts", "Top posts by engagement rate", post_headers, 3), 3)
        rows[0].addWidget(self._table("campaigns", "Paid campaigns by cost per result",
                                      ("Campaign", "Spent", "Results", "Per result"), 1), 2)  # fmt: skip
        for key, title in self.GROUPS:
            box = self._table(key, f"Engagement rate by {title.lower()}", (title, "Rate", "Posts"), 1, min_first=70)
            rows[1].addWidget(box, 1)
        for row in rows:
            layout.addLayout(row, 1)
        self.note = QLabel(
            f"Engagement rate = engagements ÷ reach (impressions where a platform gives no reach). "
            f"Figures from fewer than {THIN_SAMPLE} posts are in italics and marked “few”."
        )
        self.note.setWordWrap(True)
        layout.addWidget(self.note)

    def _table(
        self, key: str, title: str, headers: Sequence[str], right_from: int, min_first: int | None = None
    ) -> QGroupBox:
        box = QGroupBox(title)
        model = RowsModel(headers, right_from, self)
        view = QTableView()
        view.setModel(model)
        view.setAccessibleName(title)
        view.verticalHeader().hide()
        view.setWordWrap(False)
        view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        keep_fitted(view, 0, min_stretch=min_first)  # the first column (a post's text, a name) gives way
        layout = QVBoxLayout(box)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(view)
        self.models[key] = model
        self.views[key] = view
        return box

    def show_worked(
        self,
        worked: WhatWorked,
        tz: ZoneInfo,
        names: Mapping[str, str],
        currency_code: str,
        exponent: int,
        titles: Mapping[int, str],
        fmt: PlanLocale = _EN,
    ) -> None:
        self.worked = worked
        self.models["top_posts"].set_rows(post_rows(worked.top_posts, tz, names, titles, fmt))
        self.models["campaigns"].set_rows(campaign_rows(worked.campaigns, currency_code, exponent, fmt))
        labels: dict[str, Mapping[str, str] | None] = {
            "by_pillar": None,
            "by_platform": names,
            "by_weekday": {day: fmt.weekday_name(n, "abbreviated") for n, day in enumerate(WEEKDAYS)},
            "by_hour": {f"{hour:02d}:00": fmt.hour(hour) for hour in range(24)},
        }
        for key, _title in self.GROUPS:
            rows = group_rows(getattr(worked, key), labels[key], fmt)
            self.models[key].set_rows(rows)
