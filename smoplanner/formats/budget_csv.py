"""Writes a month's budget lines (plan against actual) as a spreadsheet-safe CSV."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

from smoplanner.core.budget import BudgetLine, PlanVsActual
from smoplanner.core.money import Currency, format_amount, from_minor
from smoplanner.formats.csvwrite import write_csv

COLUMNS = (
    "month",
    "tactic",
    "platform",
    "campaign",
    "kind",
    "percent",
    "fixed",
    "locked",
    "mark",
    "weight",
    "planned",
    "spent",
    "remaining",
    "percent_used",
)


@dataclass(frozen=True, slots=True)
class BudgetCsvLine:
    month: str
    line: BudgetLine
    compared: PlanVsActual


def _money(minor: int | None, cur: Currency) -> str:
    return "" if minor is None else format_amount(from_minor(minor, cur), cur)


def budget_rows(lines: Sequence[BudgetCsvLine], cur: Currency) -> list[list[str]]:
    rows = []
    for item in lines:
        line, compared = item.line, item.compared
        rows.append(
            [
                item.month,
                line.tactic,
                line.platform or "",
                line.campaign or "",
                line.kind,
                "" if line.percent is None else f"{line.percent.normalize():f}",
                _money(line.fixed_minor, cur),
                _money(line.locked_minor if line.locked else None, cur),
                line.mark or "",
                str(line.weight),
                _money(compared.planned_minor, cur),
                _money(compared.spent_minor, cur),
                _money(compared.remaining_minor, cur),
                "" if compared.percent_used is None else f"{compared.percent_used:f}",
            ]
        )
    return rows


def write_budget_csv(path: str | os.PathLike[str], lines: Sequence[BudgetCsvLine], cur: Currency) -> None:
    """One row per line: how it is set, what it plans and what was spent against it (amounts like 1234.50)."""
    write_csv(path, COLUMNS, budget_rows(lines, cur))
