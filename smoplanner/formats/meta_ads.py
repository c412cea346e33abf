"""Reads Meta Ads Manager exports (CSV) into paid results: spend, impressions, reach, clicks, results, revenue.

Real exports vary, and all of these are read:

- headers in sentence case (``Amount spent (EUR)``, ``Link clicks``) or the older Title Case
  (``Amount Spent (USD)``, ``Link Clicks``), in any order, with any other columns (ignored), header
  cells holding commas (``"CPM (cost per 1,000 impressions) (USD)"``), and a few French names
  (``Montant dépensé (EUR)``, ``Nom de la campagne``, ``Début des rapports``);
- the file's currency from the bracket after the money columns (or a ``Currency`` column); a file in
  another currency than the plan's is refused unless a rate is given (how many plan units one file
  unit is); amounts are then converted row by row, rounded half up to the plan's minor unit;
- one row per day (a ``Day`` column, or ``Reporting starts`` = ``Reporting ends``) or one row per
  reporting period; the campaign's own ``Starts``/``Ends`` columns (``Ends`` may say "Ongoing") are
  not the reporting period and are ignored;
- campaign names with commas and doubled quotes; empty cells, ``-`` and ``--`` as zero; counts written
  ``1,500``, ``1.500`` or ``424.0``; UTF-8 with or without BOM, UTF-16, cp1252; ``,`` or ``;`` with
  decimal commas (the decimal mark is judged on the file's whole money columns);
- a ``Total`` row (a summary row Meta and spreadsheets add): it is not a result, but when present
  the rows must add up to it (spend, impressions, link clicks, results, revenue; reach is not
  additive and is not checked), else the file is refused naming the Total row.

Clicks are Meta's ``Link clicks`` (``Clicks (all)`` counts any click, on the page name or "see more"
too, so it is not read). Conversions are the ``Results`` column. Revenue is the purchase conversion
value column, else spend times ``Purchase ROAS (return on ad spend)``, else zero.

An import is all or nothing: every bad cell is reported with its row number (as a spreadsheet shows
it) and its column as the file names it, and then no record is returned.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from smoplanner.core.budget import PaidResult, paid_result_key
from smoplanner.core.money import Currency, currency, from_minor, parse_amount, to_minor
from smoplanner.formats.csvread import Table, TableError, detect_date_order, parse_date, read_table
from smoplanner.formats.errors import NEEDS, FileImportError, ImportProblem

__all__ = ["COLUMN_NAMES", "SpendPreview", "detect", "header_hints", "read_meta_ads", "read_meta_ads_table"]

#: The names a column goes by (lower case, without the currency bracket), first the current English one.
COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "day": ("day", "jour"),
    "start": ("reporting starts", "reporting start", "début des rapports"),
    "end": ("reporting ends", "reporting end", "fin des rapports"),
    "campaign": ("campaign name", "nom de la campagne"),
    "ad_set": ("ad set name", "nom de l’ensemble de publicités", "nom de l'ensemble de publicités"),
    "ad": ("ad name", "nom de la publicité"),
    "platform": ("platform", "plateforme"),
    "spend": ("amount spent", "montant dépensé"),
    "impressions": ("impressions",),
    "reach": ("reach", "couverture"),
    "link_clicks": ("link clicks", "clics sur un lien"),
    "results": ("results", "résultats"),
    "revenue": (
        "purchases conversion value",
        "purchase conversion value",
        "website purchases conversion value",
        "website purchase conversion value",
    ),
    "roas": (
        "purchase roas (return on ad spend)",
        "website purchase roas (return on ad spend)",
        "purchase roas",
    ),
    "currency": ("currency", "devise"),
}
_BY_NAME = {name: key for key, names in COLUMN_NAMES.items() for name in names}
_MONEY = ("spend", "revenue")
_COUNTS = ("impressions", "reach", "link_clicks", "results")
_CHECKED = ("spend", "impressions", "link_clicks", "results", "revenue")  # reach is not additive
# Columns whose cells tell the decimal mark (they hold amounts or rates with decimals).
_DECIMAL_HINT = re.compile(r"amount|spent|value|roas|cost|cpm|cpc|ctr|frequency|montant|coût", re.IGNORECASE)
_CURRENCY_SUFFIX = re.compile(r"^(?P<name>.*?)\s*\((?P<code>[A-Z]{3})\)\s*$")
_PLATFORMS = {"facebook": "facebook", "instagram": "instagram", "threads": "threads"}
# A summary row says "Total" (or "Total: campaigns", "Results from 3 campaigns") where a name would be.
_TOTAL = re.compile(r"^\s*(?:(?:grand )?totals?\s*(?::.*)?|results from .*)$", re.IGNORECASE)


@dataclass(slots=True)
class SpendPreview:
    """What reading a spend file found, shown before anything is added to the plan.

    As with every import, ``records`` is empty when there is a problem or a choice still needed.
    Money in the records is in the plan's currency (converted with the rate when the file's differs).
    """

    records: list[PaidResult] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ""
    date_order: str | None = None
    rows_read: int = 0
    needs: list[str] = field(default_factory=list)
    file_currency: str = ""
    total_row: int | None = None  # the row number of the Total row the rows were checked against
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and not self.needs

    def require(self) -> list[PaidResult]:
        """The records, or FileImportError listing every choice still needed, then every problem."""
        if not self.ok:
            raise FileImportError([*(NEEDS[need] for need in self.needs), *self.problems])
        return self.records


def _split_header(cell: str) -> tuple[str, str | None]:
    """A header cell's lower-case name without its currency bracket, and the currency code in it."""
    text = " ".join(cell.replace("\ufeff", "").split())
    match = _CURRENCY_SUFFIX.match(text)
    if match:
        try:
            code = currency(match.group("code")).code
        except ValueError:
            pass
        else:
            return match.group("name").lower(), code
    return text.lower(), None


def _columns(header: list[str]) -> tuple[dict[str, int], list[str]]:
    """Known column -> index (the first of a repeated name wins), and the currency codes in the header."""
    columns: dict[str, int] = {}
    codes: list[str] = []
    for index, cell in enumerate(header):
        name, code = _split_header(cell)
        if code and code not in codes:
            codes.append(code)
        key = _BY_NAME.get(name)
        if key and key not in columns:
            columns[key] = index
    return columns, codes


def detect(table: Table) -> bool:
    """Whether ``table`` looks like a Meta Ads Manager export (an amount-spent column and a campaign or period)."""
    for row in table.rows[:30]:
        columns, _ = _columns(row)
        if "spend" in columns and {"campaign", "start", "day"} & columns.keys():
            return True
    return False


def header_hints() -> Collection[str]:
    """Header names that tell the header row from title lines above it."""
    return [name for key in ("campaign", "start", "day") for name in COLUMN_NAMES[key]]


def read_meta_ads(
    source: str | os.PathLike[str] | bytes,
    *,
    plan_currency: Currency,
    rate: Decimal | None = None,
    date_order: str = "auto",
) -> SpendPreview:
    """Read a Meta Ads Manager export (a path or its bytes) for a plan kept in ``plan_currency``.

    ``rate`` is how many ``plan_currency`` units one unit of the file's currency is; it is needed, and
    only used, when the file is in another currency. ``date_order`` is ``auto`` (judged on the whole
    date column; when it cannot be, the preview ``needs`` the choice), ``dmy``, ``mdy`` or ``ymd``.
    """
    try:
        table = read_table(source, header_names=header_hints())
    except TableError as exc:
        return SpendPreview(problems=[ImportProblem(0, "", str(exc))])
    return read_meta_ads_table(table, plan_currency=plan_currency, rate=rate, date_order=date_order)


def read_meta_ads_table(
    table: Table, *, plan_currency: Currency, rate: Decimal | None = None, date_order: str = "auto"
) -> SpendPreview:
    """Read an already read table (see ``read_meta_ads``)."""
    if rate is not None:
        if isinstance(rate, float) or not isinstance(rate, Decimal):
            raise TypeError("an exchange rate must be a Decimal, never a float")
        if not rate.is_finite() or rate <= 0:
            raise ValueError(f"{rate} is not an exchange rate (give a number above zero)")
    if date_order not in ("auto", "dmy", "mdy", "ymd"):
        raise ValueError(f"{date_order!r} is not a date order (auto, dmy, mdy or ymd)")
    preview = SpendPreview(encoding=table.encoding, delimiter=table.delimiter)
    reader = _Reader(table, preview, plan_currency, rate)
    reader.read(date_order)
    if preview.problems or preview.needs:
        preview.records = []
    return preview


class _Reader:
    def __init__(self, table: Table, preview: SpendPreview, plan_currency: Currency, rate: Decimal | None) -> None:
        self.table = table
        self.preview = preview
        self.plan_currency = plan_currency
        self.rate = rate
        self.file_currency = plan_currency
        self.columns: dict[str, int] = {}
        self.header: list[str] = []
        self.decimal_comma = False

    def problem(self, row: int, key: str, message: str) -> None:
        name = self.header[self.columns[key]].strip() if key in self.columns else key
        self.preview.problems.append(ImportProblem(row, name, message))

    def cell(self, row: list[str], key: str) -> str:
        index = self.columns.get(key)
        if index is None or index >= len(row):
            return ""
        return row[index].strip()

    # --- the header -------------------------------------------------------------------------------

    def read_header(self) -> bool:
        table, preview = self.table, self.preview
        if table.header is None or table.header_index is None:
            preview.problems.append(
                ImportProblem(
                    0, "", "no header row with a 'Campaign name', 'Reporting starts' or 'Day' column was found"
                )
            )
            return False
        self.header = table.header
        header_row = table.line_numbers[table.header_index]
        self.columns, codes = _columns(self.header)
        missing = []
        if "spend" not in self.columns:
            missing.append("'Amount spent'")
        if "campaign" not in self.columns:
            missing.append("'Campaign name'")
        if "day" not in self.columns and not {"start", "end"} <= self.columns.keys():
            missing.append("'Day' or 'Reporting starts' and 'Reporting ends'")
        if missing:
            preview.problems.append(
                ImportProblem(header_row, "", f"this is not a Meta Ads export: no {' or '.join(missing)} column")
            )
            return False
        if len(codes) > 1:
            preview.problems.append(
                ImportProblem(header_row, "", f"the columns are in more than one currency ({', '.join(codes)})")
            )
            return False
        if codes:
            self.file_currency = currency(codes[0])
        elif "currency" in self.columns:
            named = {self.cell(row, "currency").upper() for _, row in table.data_rows()} - {""}
            if len(named) > 1:
                preview.problems.append(
                    ImportProblem(
                        header_row, "", f"the rows are in more than one currency ({', '.join(sorted(named))})"
                    )
                )
                return False
            if named:
                try:
                    self.file_currency = currency(named.pop())
                except ValueError as exc:
                    self.problem(0, "currency", str(exc))
                    return False
        else:
            preview.notes.append(f"The file does not say its currency; amounts are read as {self.plan_currency.code}.")
        preview.file_currency = self.file_currency.code
        if self.file_currency != self.plan_currency and self.rate is None:
            self.problem(
                0,
                "spend",
                f"the file is in {self.file_currency.code} but the plan is in {self.plan_currency.code}; "
                f"give the exchange rate (how many {self.plan_currency.code} one {self.file_currency.code} is)",
            )
            return False
        if self.file_currency != self.plan_currency:
            preview.notes.append(
                f"Amounts converted from {self.file_currency.code} at 1 {self.file_currency.code} = "
                f"{self.rate} {self.plan_currency.code}."
            )
        return True

    def judge_decimal_mark(self, rows: list[tuple[int, list[str]]]) -> None:
        """Comma or dot decimals, judged on every cell of the columns that hold amounts or rates."""
        indices = [i for i, cell in enumerate(self.header) if _DECIMAL_HINT.search(cell)]
        comma = dot = 0
        for _, row in rows:
            for index in indices:
                text = re.sub(r"[^\d.,]", "", row[index]) if index < len(row) else ""
                if "," in text and "." in text:
                    comma, dot = (comma + 1, dot) if text.rfind(",") > text.rfind(".") else (comma, dot + 1)
                elif re.search(r",(\d{1,2}|\d{4,})$", text):
                    comma += 1
                elif re.search(r"\.(\d{1,2}|\d{4,})$", text):
                    dot += 1
        self.decimal_comma = comma > 0 if bool(comma) != bool(dot) else self.table.delimiter == ";"

    # --- the rows ---------------------------------------------------------------------------------

    def is_total(self, row: list[str]) -> bool:
        campaign = self.cell(row, "campaign")
        if campaign:
            return bool(_TOTAL.match(campaign))
        first = next((cell for cell in row if cell.strip()), "")
        return bool(_TOTAL.match(first))

    def money(self, number: int, row: list[str], key: str) -> int | None:
        text = self.cell(row, key)
        try:
            minor = to_minor(parse_amount(text, self.file_currency, self.decimal_comma), self.file_currency)
        except ValueError as exc:
            self.problem(number, key, str(exc))
            return None
        if minor < 0:
            self.problem(number, key, f"{text!r} is negative")
            return None
        return minor

    def count(self, number: int, row: list[str], key: str) -> int | None:
        text = self.cell(row, key)
        try:
            value = parse_amount(text, self.file_currency, self.decimal_comma)
        except ValueError:
            self.problem(number, key, f"{text!r} is not a number")
            return None
        if value != value.to_integral_value() or value < 0:
            self.problem(number, key, f"{text!r} is not a whole number of zero or more")
            return None
        return int(value)

    def figures(self, number: int, row: list[str], *, total: bool = False) -> dict[str, int | None]:
        """The row's numbers in the file's currency (None: a problem was reported, or a Total cell is empty)."""
        values: dict[str, int | None] = {}
        for key in (*_MONEY, *_COUNTS):
            if total and (key not in self.columns or self.cell(row, key) in ("", "-", "--", "—")):
                values[key] = None
            elif key in _MONEY:
                values[key] = self.money(number, row, key) if key in self.columns else 0
            else:
                values[key] = self.count(number, row, key) if key in self.columns else 0
        if not total and "revenue" not in self.columns and "roas" in self.columns and values["spend"] is not None:
            values["revenue"] = self.revenue_from_roas(number, row, values["spend"])
        return values

    def revenue_from_roas(self, number: int, row: list[str], spend_minor: int) -> int | None:
        text = self.cell(row, "roas")
        try:
            roas = parse_amount(text, self.file_currency, self.decimal_comma)
        except ValueError:
            self.problem(number, "roas", f"{text!r} is not a number")
            return None
        if roas < 0:
            self.problem(number, "roas", f"{text!r} is negative")
            return None
        revenue = (from_minor(spend_minor, self.file_currency) * roas).quantize(
            self.file_currency.quantum, rounding=ROUND_HALF_UP
        )
        return to_minor(revenue, self.file_currency)

    def convert(self, minor: int) -> int:
        if self.file_currency == self.plan_currency or self.rate is None:
            return minor
        amount = from_minor(minor, self.file_currency) * self.rate
        return to_minor(amount.quantize(self.plan_currency.quantum, rounding=ROUND_HALF_UP), self.plan_currency)

    def date_order(self, rows: list[tuple[int, list[str]]], date_order: str) -> str | None:
        if date_order != "auto":
            return date_order
        keys = ("day",) if "day" in self.columns else ("start", "end")
        values = [self.cell(row, key) for _, row in rows for key in keys if self.cell(row, key)]
        order = detect_date_order(values)
        if order is None and any(not re.match(r"\s*\d{4}", value) for value in values):
            return "choose"
        return order

    def period(self, number: int, row: list[str], order: str | None) -> tuple[date, date] | None:
        def read(key: str) -> date | None:
            text = self.cell(row, key)
            if not text:
                self.problem(number, key, "no date")
                return None
            try:
                return parse_date(text, order)
            except ValueError as exc:
                self.problem(number, key, str(exc))
                return None

        if "day" in self.columns:
            day = read("day")
            return None if day is None else (day, day)
        start, end = read("start"), read("end")
        if start is None or end is None:
            return None
        if end < start:
            self.problem(number, "end", f"the reporting period ends ({end}) before it starts ({start})")
            return None
        return start, end

    def read(self, date_order: str) -> None:
        preview = self.preview
        if not self.read_header():
            return
        rows: list[tuple[int, list[str]]] = []
        totals: list[tuple[int, list[str]]] = []
        for number, row in self.table.data_rows():
            (totals if self.is_total(row) else rows).append((number, row))
        preview.rows_read = len(rows)
        if len(totals) > 1:
            preview.problems.append(
                ImportProblem(totals[1][0], "", f"a second Total row (the first is row {totals[0][0]})")
            )
            return
        self.judge_decimal_mark(rows + totals)
        order = self.date_order(rows, date_order)
        if order == "choose":
            preview.needs.append("date_order")
            return
        preview.date_order = order

        sums = dict.fromkeys(_CHECKED, 0)
        seen: dict[str, int] = {}
        records: list[PaidResult] = []
        for number, row in rows:
            before = len(preview.problems)
            campaign = " ".join(self.cell(row, "campaign").split())
            if not campaign:
                self.problem(number, "campaign", "no campaign name")
            period = self.period(number, row, order)
            values = self.figures(number, row)
            platform = self.cell(row, "platform").lower()
            platform = _PLATFORMS.get(platform, platform)
            if len(preview.problems) > before or period is None:
                continue
            for key in _CHECKED:
                sums[key] += values[key] or 0
            record = PaidResult(
                start=period[0],
                end=period[1],
                campaign=campaign,
                spend_minor=self.convert(values["spend"] or 0),
                impressions=values["impressions"] or 0,
                reach=values["reach"] or 0,
                link_clicks=values["link_clicks"] or 0,
                results=values["results"] or 0,
                revenue_minor=self.convert(values["revenue"] or 0),
                platform=platform,
                ad_set=" ".join(self.cell(row, "ad_set").split()),
                ad=" ".join(self.cell(row, "ad").split()),
            )
            key = paid_result_key(record)
            if key in seen:
                preview.problems.append(
                    ImportProblem(
                        number,
                        "",
                        f"the same campaign and period as row {seen[key]}; export without breakdowns "
                        "other than Day and Platform",
                    )
                )
                continue
            seen[key] = number
            records.append(replace(record, source_key=key))
        if totals and not preview.problems:
            self.check_total(*totals[0], sums)
        preview.records = records

    def check_total(self, number: int, row: list[str], sums: dict[str, int]) -> None:
        self.preview.total_row = number
        stated = self.figures(number, row, total=True)
        if len(self.preview.problems):
            return
        for key in _CHECKED:
            value = stated[key]
            if value is None or value == sums[key]:
                continue
            if key in _MONEY:
                said = f"{from_minor(value, self.file_currency)} {self.file_currency.code}"
                added = f"{from_minor(sums[key], self.file_currency)} {self.file_currency.code}"
            else:
                said, added = f"{value:,}", f"{sums[key]:,}"
            self.problem(number, key, f"the Total row says {said} but the rows add up to {added}")
