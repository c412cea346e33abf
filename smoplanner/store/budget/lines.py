"""A month's budget: its total and its lines, read and written as a whole (so undo is one snapshot)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from smoplanner.core.budget import Allocation, BudgetLine, allocate
from smoplanner.core.dates import Month
from smoplanner.core.money import split_exactly
from smoplanner.store.budget.tables import BudgetLineRow, BudgetMonth

#: Weights a preset computes (by return: exact ratios) are stored scaled to this sum, so they fit a column.
WEIGHT_SCALE = 1_000_000


@dataclass(frozen=True, slots=True)
class MonthBudget:
    """A month's total (minor units) and its lines, in order."""

    month: Month
    total_minor: int = 0
    lines: tuple[BudgetLine, ...] = ()

    def allocation(self) -> Allocation:
        return allocate(self.total_minor, self.lines)

    @property
    def is_empty(self) -> bool:
        return self.total_minor == 0 and not self.lines


def _to_line(row: BudgetLineRow) -> BudgetLine:
    percent = None if row.percent_hundredths is None else Decimal(row.percent_hundredths) / 100
    return BudgetLine(
        tactic=row.tactic,
        platform=row.platform or None,
        campaign=row.campaign or None,
        percent=percent,
        fixed_minor=row.fixed_minor,
        locked=row.locked,
        locked_minor=row.locked_minor,
        mark=row.mark or None,
        weight=row.weight,
    )


def _hundredths(percent: Decimal) -> int:
    scaled = percent * 100
    if scaled != scaled.to_integral_value():
        raise ValueError(f"{percent} % has more than two decimals")
    return int(scaled)


def storable_lines(lines: Sequence[BudgetLine]) -> tuple[BudgetLine, ...]:
    """``lines`` with weights a column holds: whole numbers, scaled to ``WEIGHT_SCALE`` when they are not
    (or are huge), keeping their proportions to within one part in a million. Call it before showing a
    preset's preview, so the preview is what is stored."""
    if all(isinstance(line.weight, int) and line.weight <= WEIGHT_SCALE for line in lines):
        return tuple(lines)
    weighted = [i for i, line in enumerate(lines) if line.kind == "weighted"]
    weights = [Decimal(lines[i].weight) for i in weighted]
    scaled = dict(zip(weighted, split_exactly(WEIGHT_SCALE, weights), strict=True)) if sum(weights) else {}
    out = []
    for i, line in enumerate(lines):
        if i in weighted:
            out.append(replace(line, weight=scaled.get(i, 0)))
        else:  # the weight of a locked, fixed or percentage line is not used
            out.append(replace(line, weight=line.weight if isinstance(line.weight, int) else 1))
    return tuple(out)


def get_month_budget(session: Session, month: Month) -> MonthBudget:
    key = str(month)
    total = session.scalar(select(BudgetMonth.total_minor).where(BudgetMonth.month == key))
    rows = session.scalars(
        select(BudgetLineRow).where(BudgetLineRow.month == key).order_by(BudgetLineRow.position, BudgetLineRow.id)
    )
    return MonthBudget(month, total or 0, tuple(_to_line(row) for row in rows))


def set_month_budget(session: Session, month: Month, total_minor: int, lines: Sequence[BudgetLine]) -> None:
    """Replace the month's total and lines (an empty month with no lines leaves no row behind)."""
    allocate(total_minor, lines)  # the core's checks: amounts are whole minor units, never negative
    key = str(month)
    rows = []
    for position, line in enumerate(lines):
        weight = line.weight
        if not isinstance(weight, int):
            if Decimal(weight) != Decimal(weight).to_integral_value():
                raise ValueError("a stored weight is a whole number (use storable_lines)")
            weight = int(weight)
        rows.append(
            BudgetLineRow(
                month=key,
                position=position,
                tactic=line.tactic.strip(),
                platform=line.platform or "",
                campaign=(line.campaign or "").strip(),
                percent_hundredths=None if line.percent is None else _hundredths(line.percent),
                fixed_minor=line.fixed_minor,
                locked=line.locked,
                locked_minor=line.locked_minor,
                mark=line.mark or "",
                weight=weight,
            )
        )
    session.execute(delete(BudgetLineRow).where(BudgetLineRow.month == key))
    session.execute(delete(BudgetMonth).where(BudgetMonth.month == key))
    if total_minor or rows:
        session.add(BudgetMonth(month=key, total_minor=total_minor))
        session.add_all(rows)
    session.flush()


def months_with_budget(session: Session) -> list[Month]:
    return [Month.parse(key) for key in session.scalars(select(BudgetMonth.month).order_by(BudgetMonth.month))]
