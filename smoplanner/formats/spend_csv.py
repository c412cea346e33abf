"""Reads smoplanner's generic spend CSV: paid results from any ad platform, one row per day or period.

The header names the columns, in any order (case and extra spaces do not matter)::

    date,platform,campaign,spend,impressions,reach,clicks,results,revenue

``date`` may be replaced by ``start`` and ``end`` for a reporting period; ``date`` (or ``start``),
``campaign`` and ``spend`` are required, every other column is optional (empty, ``-`` or ``--`` is
zero). ``platform`` is a platform code (``tiktok``, ``linkedin``, …) or empty. Amounts are in the
plan's currency, written as exports write them (``1,234.56``, ``1.234,56``, ``12,50 €``); a
``currency`` column, when present, must hold the plan's currency on every row. A row starting with
``Total`` is a summary: it is skipped, and when it gives the spend the rows must add up to it.
All or nothing: every bad cell is named by row and column.
"""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from smoplanner.core.budget import PaidResult, paid_result_key
from smoplanner.core.money import Currency, format_amount, from_minor, parse_amount, to_minor
from smoplanner.formats.csvread import Table, TableError, detect_date_order, parse_date, read_table
from smoplanner.formats.errors import ImportProblem
from smoplanner.formats.meta_ads import SpendPreview, detect, header_hints, read_meta_ads_table

__all__ = ["SPEND_COLUMNS", "looks_like_spend_csv", "read_any_spend", "read_spend_csv", "read_spend_table"]

SPEND_COLUMNS = ("date", "start", "end", "platform", "campaign", "spend", "impressions", "reach", "clicks")
_OPTIONAL_COUNTS = {"impressions": "impressions", "reach": "reach", "clicks": "link_clicks", "results": "results"}


def _names(header: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = " ".join(cell.replace("\ufeff", "").split()).lower()
        columns.setdefault(name, index)
    return columns


def looks_like_spend_csv(table: Table) -> bool:
    """Whether ``table`` has the generic spend header (a spend and a campaign column, and a date or start)."""
    header = table.header
    if header is None:
        return False
    names = _names(header)
    return {"spend", "campaign"} <= names.keys() and bool({"date", "start"} & names.keys())


def read_spend_csv(
    source: str | os.PathLike[str] | bytes, *, plan_currency: Currency, date_order: str = "auto"
) -> SpendPreview:
    try:
        table = read_table(source, header_names=("spend", "campaign"))
    except TableError as exc:
        return SpendPreview(problems=[ImportProblem(0, "", str(exc))])
    return read_spend_table(table, plan_currency=plan_currency, date_order=date_order)


def read_spend_table(table: Table, *, plan_currency: Currency, date_order: str = "auto") -> SpendPreview:
    preview = SpendPreview(encoding=table.encoding, delimiter=table.delimiter, file_currency=plan_currency.code)
    if not looks_like_spend_csv(table):
        preview.problems.append(
            ImportProblem(0, "", "the file has no spend CSV header (date, campaign and spend columns at least)")
        )
        return preview
    assert table.header is not None
    columns = _names(table.header)
    first_day = "date" if "date" in columns else "start"
    rows = []
    total: tuple[int, list[str]] | None = None
    for number, row in table.data_rows():
        cells = [cell.strip() for cell in row if cell.strip()]
        if not cells:
            continue
        if cells[0].lower() in ("total", "totals", "grand total"):
            total = (number, row)
        else:
            rows.append((number, row))
    preview.rows_read = len(rows)
    decimal_comma = table.delimiter == ";"
    order: str | None = None if date_order == "auto" else date_order
    if order is None:
        values = [_cell(row, columns, first_day) for _n, row in rows]
        values += [_cell(row, columns, "end") for _n, row in rows if "end" in columns]
        order = detect_date_order([v for v in values if v])
        if order is None and any(values):
            preview.needs.append("date_order")
            return preview
    preview.date_order = order
    for number, row in rows:
        record = _record(number, row, columns, first_day, order, plan_currency, decimal_comma, preview)
        if record is not None:
            preview.records.append(replace(record, source_key=paid_result_key(record)))
    if total is not None and not preview.problems:
        _check_total(total, columns, plan_currency, decimal_comma, preview)
    if preview.problems:
        preview.records = []
    return preview


def _check_total(
    total: tuple[int, list[str]], columns: dict[str, int], cur: Currency, decimal_comma: bool, preview: SpendPreview
) -> None:
    """A Total row is not a result; when it gives the spend, the rows must add up to it."""
    number, row = total
    preview.total_row = number
    text = _cell(row, columns, "spend")
    if not text:
        return
    try:
        said = to_minor(parse_amount(text, cur, decimal_comma), cur)
    except (ValueError, TypeError) as exc:
        preview.problems.append(ImportProblem(number, "spend", str(exc)))
        return
    summed = sum(record.spend_minor for record in preview.records)
    if said != summed:
        shown = format_amount(from_minor(summed, cur), cur)
        preview.problems.append(
            ImportProblem(number, "spend", f"the Total row says {text} but the rows add up to {shown} {cur.code}")
        )


def _cell(row: list[str], columns: dict[str, int], name: str) -> str:
    index = columns.get(name)
    return row[index].strip() if index is not None and index < len(row) else ""


def _record(
    number: int,
    row: list[str],
    columns: dict[str, int],
    first_day: str,
    order: str | None,
    cur: Currency,
    decimal_comma: bool,
    preview: SpendPreview,
) -> PaidResult | None:
    problems = len(preview.problems)

    def problem(column: str, message: str) -> None:
        preview.problems.append(ImportProblem(number, column, message))

    def day(column: str) -> date | None:
        text = _cell(row, columns, column)
        try:
            return parse_date(text, order)
        except ValueError:
            problem(column, f"{text!r} is not a date" if text else "is empty; give the day")
            return None

    start = day(first_day)
    end = day("end") if "end" in columns else start
    campaign = _cell(row, columns, "campaign")
    if not campaign:
        problem("campaign", "is empty; name the campaign")
    if "currency" in columns and _cell(row, columns, "currency").upper() not in ("", cur.code):
        problem("currency", f"is {_cell(row, columns, 'currency')}, but the plan is in {cur.code}")

    def money(column: str) -> int:
        text = _cell(row, columns, column)
        try:
            return to_minor(parse_amount(text, cur, decimal_comma), cur)
        except (ValueError, TypeError) as exc:
            problem(column, str(exc))
            return 0

    def count(column: str) -> int:
        text = _cell(row, columns, column)
        try:
            value = parse_amount(text, cur, decimal_comma)
        except ValueError:
            value = Decimal(-1)
        if value < 0 or value != value.to_integral_value():
            problem(column, f"{text!r} is not a whole number")
            return 0
        return int(value)

    spend = money("spend")
    revenue = money("revenue")
    counts = {field: count(column) for column, field in _OPTIONAL_COUNTS.items()}
    if spend < 0 or revenue < 0:
        problem("spend" if spend < 0 else "revenue", "cannot be negative")
    if start is not None and end is not None and end < start:
        problem("end", "is before the start")
    if len(preview.problems) > problems or start is None or end is None:
        return None
    return PaidResult(
        start=start,
        end=end,
        campaign=campaign,
        spend_minor=spend,
        revenue_minor=revenue,
        platform=_cell(row, columns, "platform").lower(),
        impressions=counts["impressions"],
        reach=counts["reach"],
        link_clicks=counts["link_clicks"],
        results=counts["results"],
    )


def read_any_spend(
    source: str | os.PathLike[str] | bytes, *, plan_currency: Currency, rate: Decimal | None = None
) -> SpendPreview:
    """A Meta Ads Manager export or a spend CSV, whichever the file is (the window's File ▸ Import Spend)."""
    try:
        data = source if isinstance(source, bytes) else Path(source).read_bytes()
        meta = read_table(data, header_names=header_hints())
        if detect(meta):
            return read_meta_ads_table(meta, plan_currency=plan_currency, rate=rate)
        generic = read_table(data, header_names=("spend", "campaign"))
    except (TableError, OSError) as exc:
        return SpendPreview(problems=[ImportProblem(0, "", str(exc))])
    if not looks_like_spend_csv(generic):
        return SpendPreview(
            problems=[
                ImportProblem(
                    0,
                    "",
                    "this is neither a Meta Ads Manager export nor a spend CSV "
                    "(date, campaign and spend columns at least)",
                )
            ]
        )
    return read_spend_table(generic, plan_currency=plan_currency)
