"""The Budget tab's item models: the month's lines (plan against actual), campaigns and influencers."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from smoplanner.core.budget import MARKS, TACTICS, BudgetLine, PlanVsActual, campaign_kpis
from smoplanner.core.locale_format import PlanLocale
from smoplanner.core.money import Currency, MoneyEntryError, parse_money_field, to_minor
from smoplanner.store.budget import CampaignStatus, Expense, Influencer, PaidEntry
from smoplanner.ui.itemmodels import RowTableModel, _Rows

_Index = QModelIndex | QPersistentModelIndex
_Role = Qt.ItemDataRole
OVER_RED = QColor("#C62828")
WARNING_AMBER = QColor("#B26A00")
OVER_RED_ON_DARK = QColor("#FF8A80")
WARNING_AMBER_ON_DARK = QColor("#FFCC80")


class _Marks:
    """The colours that go with the marks (▲ over, ⚠ warning), readable on a light or a dark palette."""

    dark = False  # set by the tab from its palette
    fmt = PlanLocale.of("en_US")  # how the plan's locale writes money and dates; set by the tab

    @property
    def over_colour(self) -> QColor:
        return OVER_RED_ON_DARK if self.dark else OVER_RED

    @property
    def warning_colour(self) -> QColor:
        return WARNING_AMBER_ON_DARK if self.dark else WARNING_AMBER


TACTIC_NAMES = {
    "paid_ads": "Paid ads",
    "boosted_posts": "Boosted posts",
    "influencers": "Influencers",
    "content_production": "Content production",
    "tools": "Tools",
    "reserve": "Reserve",
}


def tactic_name(tactic: str) -> str:
    return TACTIC_NAMES.get(tactic, tactic)


def tactic_code(text: str) -> str:
    """The tactic a typed name means (a known tactic by its name or code, else the text as a custom one)."""
    text = " ".join(text.split())
    for code, name in TACTIC_NAMES.items():
        if text.lower() in (code, name.lower()):
            return code
    return text


def money_text(minor: int, cur: Currency, fmt: PlanLocale) -> str:
    """An amount as the plan's locale writes it, grouped, with the currency where the locale puts it:
    ``1.234,50 €`` in a German plan, ``€1,234.50`` in an American one."""
    return fmt.money(minor, cur)


def percent_text(value: Decimal, fmt: PlanLocale) -> str:
    """A percentage with the decimals it has, as the plan's locale writes it (``12,5 %``, ``12.5%``)."""
    places = max(0, -int(value.as_tuple().exponent))
    return fmt.percent(value, places)


def used_text(compared: PlanVsActual, fmt: PlanLocale) -> str:
    """Percent used in words and marks, not only colour."""
    status = compared.status
    if compared.percent_used is None:
        return "▲ spent, not planned" if status == "over" else "–"
    text = percent_text(compared.percent_used, fmt)
    if status == "over":
        return f"▲ {text} over"
    if status == "warning":
        return f"⚠ {text}"
    return text


@dataclass(frozen=True, slots=True)
class LineView:
    """A line as the table shows it."""

    line: BudgetLine
    compared: PlanVsActual
    over: bool  # one of the lines claiming more than the total


class BudgetLinesModel(_Marks, _Rows[LineView], QAbstractTableModel):
    """The month's lines; edits are proposed through ``line_edited(row, new_line)`` and made by the tab
    (as undoable commands); a refused entry is told through ``entry_refused(message)``."""

    COLUMNS = ("Tactic", "Platform", "Campaign", "Share", "Weight", "Lock", "Mark", "Planned", "Spent", "Left", "Used")
    TACTIC, PLATFORM, CAMPAIGN, SHARE, WEIGHT, LOCK, MARK, PLANNED, SPENT, LEFT, USED = range(11)

    line_edited = Signal(int, object)
    entry_refused = Signal(str)

    def __init__(self, cur: Currency, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows = []
        self.cur = cur
        self.read_only = False
        self.platform_names: dict[str, str] = {}  # code -> the name the plan gives it

    def platform_name(self, code: str | None) -> str:
        return "all" if not code else self.platform_names.get(code, code)

    def platform_code(self, text: str) -> str | None:
        """The platform a typed name or code means; "" or "all" is every platform."""
        text = text.strip()
        if not text or text.lower() == "all":
            return None
        for code, name in self.platform_names.items():
            if text.lower() in (code, name.lower()):
                return code
        return text.lower()

    def _last_column(self) -> int:
        return len(self.COLUMNS) - 1

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _Role.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == _Role.DisplayRole and 0 <= section < len(self.COLUMNS):
            return self.COLUMNS[section]
        return None

    def share_text(self, line: BudgetLine) -> str:
        if line.locked and line.locked_minor is not None and line.fixed_minor is None:
            return money_text(line.locked_minor, self.cur, self.fmt)
        if line.fixed_minor is not None:
            return money_text(line.fixed_minor, self.cur, self.fmt)
        if line.percent is not None:
            return percent_text(line.percent.normalize(), self.fmt)
        return "the rest"

    def data(self, index: _Index, role: int = _Role.DisplayRole) -> Any:
        view = self.row_at(index.row()) if index.isValid() else None
        if view is None:
            return None
        line, compared, column = view.line, view.compared, index.column()
        if role in (_Role.DisplayRole, _Role.EditRole):
            edit = role == _Role.EditRole
            if column == self.TACTIC:
                return tactic_name(line.tactic)
            if column == self.PLATFORM:
                return (line.platform or "") if edit else self.platform_name(line.platform)
            if column == self.CAMPAIGN:
                return line.campaign or ""
            if column == self.SHARE:
                if edit:
                    if line.percent is not None:
                        return f"{line.percent.normalize():f}%"
                    amount = line.fixed_minor if line.fixed_minor is not None else line.locked_minor
                    return "" if amount is None else self.fmt.amount(amount, self.cur)
                return self.share_text(line)
            if column == self.WEIGHT:
                return str(line.weight) if line.kind == "weighted" or edit else ""
            if column == self.MARK:
                return line.mark or ""
            if column == self.LOCK:
                return "locked" if line.locked and not edit else None
            if column == self.PLANNED:
                return money_text(compared.planned_minor, self.cur, self.fmt) + (" ▲" if view.over else "")
            if column == self.SPENT:
                return money_text(compared.spent_minor, self.cur, self.fmt)
            if column == self.LEFT:
                return money_text(compared.remaining_minor, self.cur, self.fmt)
            if column == self.USED:
                return used_text(compared, self.fmt)
            return None
        if role == _Role.CheckStateRole and column == self.LOCK:
            return Qt.CheckState.Checked if line.locked else Qt.CheckState.Unchecked
        if role == _Role.ForegroundRole:
            if column == self.PLANNED and view.over:
                return self.over_colour
            if column in (self.USED, self.LEFT):
                if compared.status == "over":
                    return self.over_colour
                if compared.status == "warning" and column == self.USED:
                    return self.warning_colour
            return None
        if role == _Role.TextAlignmentRole and column >= self.SHARE and column != self.LOCK and column != self.MARK:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == _Role.ToolTipRole:
            if column == self.SHARE:
                return "Type a percentage (25%), an amount (300), or leave empty to share the rest by weight"
            if column == self.LOCK:
                return "A locked line keeps its amount when the total or the other lines change"
            if column == self.MARK:
                return f"For the 70/20/10 preset: {', '.join(MARKS)}"
            if column == self.PLANNED and view.over:
                return "This line claims money the month does not have: lower it or the other claiming lines"
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.read_only:
            return base
        if index.column() == self.LOCK:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() <= self.MARK:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: _Index, value: Any, role: int = _Role.EditRole) -> bool:
        view = self.row_at(index.row()) if index.isValid() else None
        if view is None:
            return False
        try:
            line = self._edited(view, index.column(), value, role)
        except (ValueError, TypeError) as exc:
            self.entry_refused.emit(str(exc))
            return False
        if line is None or line == view.line:
            return False
        self.line_edited.emit(index.row(), line)
        return True

    def _edited(self, view: LineView, column: int, value: Any, role: int) -> BudgetLine | None:
        line = view.line
        if column == self.LOCK and role == _Role.CheckStateRole:
            checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2)
            return line.locked_at(view.compared.planned_minor) if checked else line.unlocked()
        if role != _Role.EditRole:
            return None
        text = str(value or "").strip()
        if column == self.TACTIC:
            if not text:
                raise ValueError("Tactic: give the line a tactic, such as Paid ads")
            return replace(line, tactic=tactic_code(text))
        if column == self.PLATFORM:
            return replace(line, platform=self.platform_code(text))
        if column == self.CAMPAIGN:
            return replace(line, campaign=text or None)
        if column == self.MARK:
            if text and text.lower() not in MARKS:
                raise ValueError(f"Mark: “{text}” is not a mark; use {', '.join(MARKS)} or leave it empty")
            return replace(line, mark=text.lower() or None)
        if column == self.WEIGHT:
            try:
                weight = int(text or "1")
            except ValueError:
                raise ValueError(f"Weight: “{text}” is not a whole number") from None
            if weight < 0:
                raise ValueError("Weight: a weight is zero or more")
            return replace(line, weight=weight)
        if column == self.SHARE:
            return self.line_with_share(line, text)
        return None

    def line_with_share(self, line: BudgetLine, text: str) -> BudgetLine:
        base = replace(line, percent=None, fixed_minor=None)
        if not text:
            return replace(base, locked=False, locked_minor=None)
        if text.endswith("%"):
            number = text[:-1].strip().replace(",", ".")
            try:
                percent = Decimal(number)
            except InvalidOperation:
                raise ValueError(f"Share: “{text}” is not a percentage") from None
            if not percent.is_finite() or not 0 <= percent <= 100:
                raise ValueError(f"Share: {text} is not a percentage between 0 and 100")
            if percent != percent.quantize(Decimal("0.01")):
                raise ValueError(f"Share: {text} has more than two decimals")
            return replace(base, percent=percent, locked=False, locked_minor=None)
        try:
            minor = parse_money_field(text, self.cur, "Share", self.fmt.decimal_mark == ",")
        except MoneyEntryError as exc:
            raise ValueError(str(exc)) from None
        return replace(base, fixed_minor=minor, locked_minor=minor if line.locked else None)


class CampaignsModel(_Marks, _Rows[CampaignStatus], QAbstractTableModel):
    COLUMNS = ("Campaign", "Budget", "Boosts", "Spent", "Used", "Results", "Cost per result", "ROAS")

    def __init__(self, cur: Currency, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows = []
        self.cur = cur

    def _last_column(self) -> int:
        return len(self.COLUMNS) - 1

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _Role.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == _Role.DisplayRole and 0 <= section < len(self.COLUMNS):
            return self.COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = _Role.DisplayRole) -> Any:
        c = self.row_at(index.row()) if index.isValid() else None
        if c is None:
            return None
        column = index.column()
        kpis = campaign_kpis(
            c.spent_minor,
            c.results,
            c.revenue_minor,
            self.cur,
            target_results=c.target_results,
            target_cost_minor=c.target_cost_minor,
        )
        if role == _Role.DisplayRole:
            if column == 0:
                return c.name
            if column == 1:
                return money_text(c.budget_minor, self.cur, self.fmt)
            if column == 2:
                return money_text(c.boosts_minor, self.cur, self.fmt)
            if column == 3:
                return money_text(c.spent_minor, self.cur, self.fmt)
            if column == 4:
                return used_text(c.compared, self.fmt)
            if column == 5:
                target_results = f" of {self.fmt.number(c.target_results)}" if c.target_results is not None else ""
                return self.fmt.number(c.results) + target_results
            if column == 6:
                if kpis.cost_per_result is None:
                    return "–"
                cost = kpis.cost_per_result.quantize(self.cur.quantum, ROUND_HALF_UP)
                text = money_text(to_minor(cost, self.cur), self.cur, self.fmt)
                within = kpis.cost_within_target(self.cur)
                if within is None:
                    return text
                target = money_text(c.target_cost_minor or 0, self.cur, self.fmt)
                return f"{text} (target {target}){'' if within else ' ▲'}"
            if column == 7:
                return "–" if kpis.roas is None else f"{self.fmt.number(kpis.roas.quantize(Decimal('0.01')), 2)}×"
            return None
        if role == _Role.ForegroundRole:
            if column == 4 and c.compared.status != "ok":
                return self.over_colour if c.compared.status == "over" else self.warning_colour
            if column == 6 and kpis.cost_within_target(self.cur) is False:
                return self.over_colour
            return None
        if role == _Role.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class InfluencersModel(_Marks, _Rows[Influencer], QAbstractTableModel):
    COLUMNS = ("Name", "Platform", "Handle", "Followers", "Fee", "Status", "Dates", "Deliverables")

    def __init__(self, cur: Currency, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows = []
        self.cur = cur

    def _last_column(self) -> int:
        return len(self.COLUMNS) - 1

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _Role.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == _Role.DisplayRole and 0 <= section < len(self.COLUMNS):
            return self.COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = _Role.DisplayRole) -> Any:
        i = self.row_at(index.row()) if index.isValid() else None
        if i is None:
            return None
        column = index.column()
        if role == _Role.DisplayRole:
            if column == 0:
                return i.name
            if column == 1:
                return i.platform
            if column == 2:
                return i.handle
            if column == 3:
                return self.fmt.number(i.followers)
            if column == 4:
                return money_text(i.fee_minor, self.cur, self.fmt)
            if column == 5:
                return i.status.title()
            if column == 6:
                days = [self.fmt.day(d, weekday=False) for d in (i.start, i.end) if d is not None]
                return " – ".join(days)
            if column == 7:
                return i.deliverables
            return None
        if role == _Role.TextAlignmentRole and column in (3, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class TacticsModel(_Marks, _Rows[tuple[str, PlanVsActual]], QAbstractTableModel):
    """Plan against actual per tactic for the month (spend with no line counts under its tactic too)."""

    COLUMNS = ("Tactic", "Planned", "Spent", "Left", "Used")

    def __init__(self, cur: Currency, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows = []
        self.cur = cur

    def _last_column(self) -> int:
        return len(self.COLUMNS) - 1

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _Role.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == _Role.DisplayRole and 0 <= section < len(self.COLUMNS):
            return self.COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = _Role.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        tactic, compared = row
        column = index.column()
        if role == _Role.DisplayRole:
            if column == 0:
                return tactic_name(tactic)
            if column == 1:
                return money_text(compared.planned_minor, self.cur, self.fmt)
            if column == 2:
                return money_text(compared.spent_minor, self.cur, self.fmt)
            if column == 3:
                return money_text(compared.remaining_minor, self.cur, self.fmt)
            if column == 4:
                return used_text(compared, self.fmt)
            return None
        if role == _Role.ForegroundRole and column in (3, 4) and compared.status != "ok":
            return self.over_colour if compared.status == "over" else (self.warning_colour if column == 4 else None)
        if role == _Role.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ExpensesModel(_Marks, _Rows[Expense], QAbstractTableModel):
    """The month's other expenses (production, tools, invoices): money spent outside the ad platforms."""

    COLUMNS = ("Day", "Tactic", "Vendor", "Amount", "Platform", "Campaign")

    def __init__(self, cur: Currency, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows = []
        self.cur = cur

    def _last_column(self) -> int:
        return len(self.COLUMNS) - 1

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _Role.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == _Role.DisplayRole and 0 <= section < len(self.COLUMNS):
            return self.COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = _Role.DisplayRole) -> Any:
        e = self.row_at(index.row()) if index.isValid() else None
        if e is None:
            return None
        column = index.column()
        if role == _Role.DisplayRole:
            values = (
                self.fmt.day(e.day, weekday=False),
                tactic_name(e.tactic),
                e.vendor,
                money_text(e.amount_minor, self.cur, self.fmt),
                e.platform,
                e.campaign,
            )
            return values[column] if 0 <= column < len(values) else None
        if role == _Role.TextAlignmentRole and column == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def period_text(start: date, end: date, fmt: PlanLocale) -> str:
    """A day (``3. Dez. 2026``) or a period (``1. Dez. – 7. Dez. 2026``) as the plan's locale writes dates."""
    if start == end:
        return fmt.day(start, weekday=False)
    return f"{fmt.day(start, weekday=False, year=False)} – {fmt.day(end, weekday=False)}"


class PaidResultsModel(_Marks, _Rows[PaidEntry], QAbstractTableModel):
    """The month's paid results (what the ads did per day, platform and campaign), typed in or imported."""

    COLUMNS = ("Day", "Platform", "Campaign", "Spend", "Impressions", "Reach", "Clicks", "Results", "Revenue", "From")
    NUMBERS = range(3, 9)

    def __init__(self, cur: Currency, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows = []
        self.cur = cur

    def _last_column(self) -> int:
        return len(self.COLUMNS) - 1

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _Role.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == _Role.DisplayRole and 0 <= section < len(self.COLUMNS):
            return self.COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = _Role.DisplayRole) -> Any:
        entry = self.row_at(index.row()) if index.isValid() else None
        if entry is None:
            return None
        r, column = entry.result, index.column()
        if role == _Role.DisplayRole:
            values = (
                period_text(r.start, r.end, self.fmt),
                r.platform,
                r.campaign,
                money_text(r.spend_minor, self.cur, self.fmt),
                self.fmt.number(r.impressions),
                self.fmt.number(r.reach),
                self.fmt.number(r.link_clicks),
                self.fmt.number(r.results),
                money_text(r.revenue_minor, self.cur, self.fmt),
                "Imported" if entry.imported else "Typed",
            )
            return values[column] if 0 <= column < len(values) else None
        if role == _Role.TextAlignmentRole and column in self.NUMBERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


__all__ = [
    "TACTICS",
    "BudgetLinesModel",
    "CampaignsModel",
    "ExpensesModel",
    "InfluencersModel",
    "LineView",
    "PaidResultsModel",
    "TacticsModel",
]


@dataclass(frozen=True)
class PresetRow:
    """One line of a preset's preview: what the month's total would give it."""

    tactic: str
    platform: str
    amount: str


class PresetPreviewModel(RowTableModel[PresetRow]):
    """The read-only split a preset would make, shown before it is applied."""

    COLUMNS = ("Tactic", "Platform", "Amount")

    def __init__(
        self, lines: list[BudgetLine], parts: list[int], cur: Currency, fmt: PlanLocale, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.rows = [
            PresetRow(
                tactic_name(line.tactic) + (" (locked)" if line.locked else ""),
                line.platform or "all",
                money_text(part, cur, fmt),
            )
            for line, part in zip(lines, parts, strict=True)
        ]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row())
        if row is None or role != Qt.ItemDataRole.DisplayRole:
            if row is not None and role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 2:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        return (row.tactic, row.platform, row.amount)[index.column()]
