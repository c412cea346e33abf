"""Reads results exports (CSV) into organic days and post-level results.

Formats (``--format``), each as the platforms really write it:

- ``x-analytics``: X's post activity export ("Tweet activity"): every value quoted, counts like
  ``"29.0"``, ``-`` in the promoted columns, newlines inside the text, times like
  ``2026-11-28 09:00 +0000``, the older ``favorites`` naming. One post result per row.
- ``meta-content``: Meta Business Suite's content export for Facebook or Instagram (``Publish time``
  month-first, ``Lifetime`` in the Date column, numbers like ``"12,400"``, any column order), and the
  legacy Facebook Page post export (a description row under the header, duplicate column names: the
  first one is read). One post result per row.
- ``meta-insights``: Meta's per-metric daily files (UTF-16 with BOM, a ``sep=,`` line, the metric's
  title above a ``Date,Primary`` header), and the legacy Facebook Page insights export (``Date``,
  ``Lifetime Total Likes``, ``Daily New Likes``, ``Daily Total Reach``…, a description row). Organic days.
- ``generic``: smoplanner's results CSV: ``date`` and ``platform`` columns and any of ``followers``,
  ``new_followers``, ``reach``, ``impressions``, ``engagements``, ``clicks``, ``profile_visits``,
  ``conversions``, ``revenue`` (only the columns in the file are set). Organic days.

A time with a UTC offset lands on its day in the plan's time zone. An import is all or nothing: every
bad cell is reported with its row number and column, and then no record is returned.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo

from smoplanner.core.money import Currency, parse_amount, to_minor
from smoplanner.core.results import OrganicDay, PostResult
from smoplanner.formats.csvread import Table, detect_date_order, parse_date, parse_datetime
from smoplanner.formats.errors import NEEDS, FileImportError, ImportProblem

__all__ = [
    "FORMATS",
    "GENERIC_COLUMNS",
    "MetricsPreview",
    "detect_format",
    "header_hints",
    "parse_count",
    "read_metrics_table",
]

FORMATS = ("x-analytics", "meta-content", "meta-insights", "generic")
GENERIC_COLUMNS = (
    "date",
    "platform",
    "followers",
    "new_followers",
    "reach",
    "impressions",
    "engagements",
    "clicks",
    "profile_visits",
    "conversions",
    "revenue",
)
_ZERO = {"", "-", "--", "–", "n/a"}
_GROUPED = re.compile(r"^\d{1,3}(?:([,. \u00a0\u202f'])\d{3})(?:\1\d{3})*$")
_WHOLE = re.compile(r"^(\d+)(?:[.,]0+)?$")
_TOTAL = re.compile(r"^\s*(?:grand )?totals?\b", re.IGNORECASE)

#: The per-metric daily files' titles: (words in the title, the figure it is).
_INSIGHT_TITLES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("follows",), "new_followers"),
    (("followers",), "new_followers"),
    (("link clicks",), "clicks"),
    (("visits",), "profile_visits"),
    (("interactions",), "engagements"),
    (("viewers",), "reach"),
    (("reach",), "reach"),
    (("views",), "impressions"),
    (("impressions",), "impressions"),
)
#: The legacy Page insights export's columns, best first for each figure (organic before total).
_PAGE_COLUMNS: dict[str, tuple[str, ...]] = {
    "followers": ("lifetime total likes", "lifetime total follows"),
    "new_followers": ("daily new likes", "daily new follows"),
    "reach": ("daily organic reach", "daily total reach"),
    "impressions": ("daily organic impressions", "daily total impressions"),
    "engagements": ("daily page engaged users",),
    "clicks": ("daily total consumptions", "daily page consumptions"),
}


@dataclass(slots=True)
class MetricsPreview:
    """What reading a results file found, shown before anything is added to the plan.

    ``organic`` (days) or ``posts`` (post-level results) holds the records; ``given`` names the figures
    of the organic days that the file sets (the others keep their values in the plan). As with every
    import, both are empty when there is a problem or a choice still needed.
    """

    format: str = ""
    organic: list[OrganicDay] = field(default_factory=list)
    posts: list[PostResult] = field(default_factory=list)
    given: tuple[str, ...] = ()
    problems: list[ImportProblem] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ""
    date_order: str | None = None
    rows_read: int = 0
    needs: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and not self.needs

    @property
    def count(self) -> int:
        return len(self.organic) + len(self.posts)

    def require(self) -> MetricsPreview:
        """This preview, or FileImportError listing every choice still needed, then every problem."""
        if not self.ok:
            raise FileImportError([*(NEEDS[need] for need in self.needs), *self.problems])
        return self


def parse_count(text: str) -> int:
    """A whole count as exports write it: ``1500``, ``"12,400"``, ``1.500``, ``"29.0"``; empty, ``-`` or
    ``--`` is zero."""
    value = text.strip().strip('"').strip()
    if value.lower() in _ZERO:
        return 0
    if _GROUPED.match(value):
        return int(re.sub(r"\D", "", value))
    match = _WHOLE.match(value)
    if match:
        return int(match.group(1))
    if re.match(r"^-\d", value):
        raise ValueError(f"{text.strip()!r} is negative; a count cannot be")
    raise ValueError(f"{text.strip()!r} is not a whole number")


def _norm(cell: str) -> str:
    return " ".join(cell.replace("\ufeff", "").strip().strip('"').split()).lower()


def header_hints() -> Collection[str]:
    """Header cells that find the header row of any results format (title lines above it are skipped)."""
    return {
        "tweet id",
        "tweet permalink",
        "post id",
        "publish time",
        "date",
        "posted",
        "permalink",
    }


def detect_format(table: Table) -> str | None:
    """The format of a table read with ``header_hints()``, or None when it is none of them."""
    header = [_norm(c) for c in table.header or ()]
    names = set(header)
    if {"tweet id", "tweet permalink"} & names or ("post id" in names and "impressions" in names and "time" in names):
        return "x-analytics"
    if "publish time" in names or ("posted" in names and "permalink" in names):
        return "meta-content"
    if "date" in names and ("primary" in names or any(n.startswith(("daily ", "lifetime ")) for n in names)):
        return "meta-insights"
    if "date" in names and "platform" in names and names & set(GENERIC_COLUMNS[2:]):
        return "generic"
    return None


class _Reader:
    """Reads one table; collects problems as it goes."""

    def __init__(self, table: Table, preview: MetricsPreview, tz: ZoneInfo) -> None:
        self.table = table
        self.preview = preview
        self.tz = tz
        self.header = [_norm(c) for c in table.header or ()]
        self.raw_header = list(table.header or ())

    def column(self, *names: str) -> int | None:
        """The first column with one of ``names`` (the first of duplicate names)."""
        for name in names:
            if name in self.header:
                return self.header.index(name)
        return None

    def problem(self, row: int, column: int | None, message: str) -> None:
        name = self.raw_header[column].strip() if column is not None and column < len(self.raw_header) else ""
        self.preview.problems.append(ImportProblem(row, name, message))

    @staticmethod
    def cell(row: Sequence[str], column: int | None) -> str:
        if column is None or column >= len(row):
            return ""
        return row[column]

    def count(self, number: int, row: Sequence[str], column: int | None) -> int:
        try:
            return parse_count(self.cell(row, column))
        except ValueError as exc:
            self.problem(number, column, str(exc))
            return 0

    def rows(self) -> list[tuple[int, list[str]]]:
        """The data rows, without description rows (an empty first cell beside text) and Total rows."""
        out = []
        for number, row in self.table.data_rows():
            first = row[0].strip() if row else ""
            if _TOTAL.match(first):
                continue
            if not first and any(len(c) > 40 or ":" in c for c in row[1:]):
                continue  # the legacy Facebook exports' row describing each column
            out.append((number, row))
        self.preview.rows_read = len(out)
        return out

    def order(self, values: list[str], asked: str, default: str | None) -> str | None:
        if asked != "auto":
            return asked
        found = detect_date_order(values)
        if found is None and default is not None:
            # the format's own order, unless the column proves otherwise
            found = default
        if found is None and any(re.match(r"^\s*\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}", v) for v in values):
            self.preview.needs.append("date_order")
        self.preview.date_order = found
        return found


def _platform_code(text: str, known: Collection[str]) -> str | None:
    code = _norm(text).replace(" ", "_").replace("-", "_")
    aliases = {"twitter": "x", "twitter/x": "x", "google_business_profile": "google_business", "gbp": "google_business"}
    code = aliases.get(code, code)
    return code if code in known else None


def _read_x(reader: _Reader, asked_order: str) -> None:
    p = reader.preview
    id_col = reader.column("tweet id", "post id")
    link_col = reader.column("tweet permalink", "post link", "permalink")
    text_col = reader.column("tweet text", "post text", "text")
    time_col = reader.column("time", "created at", "date")
    impressions = reader.column("impressions")
    engagements = reader.column("engagements")
    clicks = reader.column("url clicks", "link clicks")
    if time_col is None:
        reader.problem(0, None, "there is no time column (“time”); is this X's post activity export?")
        return
    rows = reader.rows()
    order = reader.order([reader.cell(r, time_col) for _, r in rows], asked_order, "ymd")
    if p.needs:
        return
    for number, row in rows:
        try:
            at = parse_datetime(reader.cell(row, time_col), order, reader.tz)
        except ValueError as exc:
            reader.problem(number, time_col, str(exc))
            continue
        result = PostResult(
            platform="x",
            published_at=at,
            impressions=reader.count(number, row, impressions),
            engagements=reader.count(number, row, engagements),
            clicks=reader.count(number, row, clicks),
            external_id=reader.cell(row, id_col).strip(),
            permalink=reader.cell(row, link_col).strip(),
            text=reader.cell(row, text_col),
        )
        p.posts.append(result)


def _read_meta_content(reader: _Reader, asked_order: str) -> None:
    p = reader.preview
    legacy = reader.column("publish time") is None
    id_col = reader.column("post id")
    link_col = reader.column("permalink")
    text_col = reader.column("description", "post message", "title")
    time_col = reader.column("publish time", "posted")
    type_col = reader.column("post type", "type")
    instagram = reader.column("account username") is not None
    if legacy:
        reach = reader.column("lifetime post organic reach", "lifetime post total reach")
        impressions = reader.column("lifetime post organic impressions", "lifetime post total impressions")
        engagement_cols = [reader.column("lifetime engaged users")]
        clicks = reader.column("lifetime post consumers")
    else:
        reach = reader.column("reach from organic posts", "reach")
        impressions = reader.column("views from organic posts", "views", "impressions")
        combined = reader.column("reactions, comments and shares", "interactions")
        if combined is not None:
            engagement_cols = [combined]
        else:
            engagement_cols = [reader.column(name) for name in ("likes", "reactions", "comments", "shares", "saves")]
        clicks = reader.column("total clicks", "link clicks")
    rows = reader.rows()
    order = reader.order([reader.cell(r, time_col) for _, r in rows], asked_order, "mdy")
    if p.needs:
        return
    for number, row in rows:
        try:
            at = parse_datetime(reader.cell(row, time_col), order, reader.tz)
        except ValueError as exc:
            reader.problem(number, time_col, str(exc))
            continue
        kind = _norm(reader.cell(row, type_col))
        link = reader.cell(row, link_col).strip()
        is_ig = instagram or kind.startswith("ig ") or "instagram.com" in link
        p.posts.append(
            PostResult(
                platform="instagram" if is_ig else "facebook",
                published_at=at,
                impressions=reader.count(number, row, impressions),
                reach=reader.count(number, row, reach),
                engagements=sum(reader.count(number, row, c) for c in engagement_cols if c is not None),
                clicks=reader.count(number, row, clicks),
                external_id=reader.cell(row, id_col).strip(),
                permalink=link,
                text=reader.cell(row, text_col),
            )
        )


def _day(reader: _Reader, number: int, row: Sequence[str], column: int | None, order: str | None) -> date | None:
    text = reader.cell(row, column)
    try:
        if re.search(r"[+-]\d{2}:?\d{2}\s*$|Z\s*$", text.strip()):
            return parse_datetime(text, order, reader.tz).date()
        return parse_date(text, order)
    except ValueError as exc:
        reader.problem(number, column, str(exc))
        return None


def _insight_figure(title: str) -> str | None:
    lowered = title.lower()
    for words, figure in _INSIGHT_TITLES:
        if any(w in lowered for w in words):
            return figure
    return None


def _read_meta_insights(reader: _Reader, asked_order: str, platform: str | None) -> None:
    p = reader.preview
    date_col = reader.column("date")
    rows = reader.rows()
    order = reader.order([reader.cell(r, date_col) for _, r in rows], asked_order, "mdy")  # Meta writes month-first
    primary = reader.column("primary")
    figures: dict[str, int] = {}
    if primary is not None:
        above = reader.table.rows[: reader.table.header_index or 0]
        title = " ".join(c for r in above for c in r if c.strip() and not c.lower().startswith("sep=")).strip()
        figure = _insight_figure(title)
        if figure is None:
            reader.problem(
                0,
                None,
                f"“{title or 'no title'}” is not a metric smoplanner reads (follows, views, viewers, "
                "reach, visits, content interactions, link clicks)",
            )
            return
        lowered = title.lower()
        code = "instagram" if "instagram" in lowered else "facebook" if "facebook" in lowered else platform
        if code is None:
            p.needs.append("platform")
            return
        figures[figure] = primary
    else:
        code = platform or "facebook"
        for figure, names in _PAGE_COLUMNS.items():
            column = reader.column(*names)
            if column is not None:
                figures[figure] = column
        if not figures:
            reader.problem(0, None, "no column holds a figure smoplanner reads (reach, impressions, likes…)")
            return
    if p.needs:
        return
    seen: dict[date, int] = {}
    for number, row in rows:
        day = _day(reader, number, row, date_col, order)
        if day is None:
            continue
        if day in seen:
            reader.problem(number, date_col, f"{day:%d %b %Y} is also on row {seen[day]}")
            continue
        seen[day] = number
        values: dict[str, int | None] = {name: reader.count(number, row, col) for name, col in figures.items()}
        if "followers" not in values:
            values["followers"] = None
        p.organic.append(OrganicDay(day=day, platform=code, **values))  # type: ignore[arg-type]
    p.given = tuple(figures)


def _read_generic(reader: _Reader, asked_order: str, known: Collection[str], cur: Currency) -> None:
    p = reader.preview
    date_col = reader.column("date")
    platform_col = reader.column("platform")
    figures = {name: reader.column(name) for name in GENERIC_COLUMNS[2:] if reader.column(name) is not None}
    rows = reader.rows()
    order = reader.order([reader.cell(r, date_col) for _, r in rows], asked_order, None)
    if p.needs:
        return
    seen: dict[tuple[date, str], int] = {}
    for number, row in rows:
        day = _day(reader, number, row, date_col, order)
        code = _platform_code(reader.cell(row, platform_col), known)
        if code is None:
            reader.problem(
                number, platform_col, f"“{reader.cell(row, platform_col).strip()}” is not a platform of the plan"
            )
        if day is None or code is None:
            continue
        if (day, code) in seen:
            reader.problem(number, date_col, f"{code} on {day:%d %b %Y} is also on row {seen[(day, code)]}")
            continue
        seen[(day, code)] = number
        values: dict[str, int | None] = {}
        for name, column in figures.items():
            if name == "revenue":
                try:
                    amount = parse_amount(reader.cell(row, column), cur)
                    if amount < 0:
                        raise ValueError("revenue cannot be negative")
                    values["revenue_minor"] = to_minor(amount, cur)
                except ValueError as exc:
                    reader.problem(number, column, str(exc))
            elif name == "followers":
                text = reader.cell(row, column).strip()
                values["followers"] = None if text in _ZERO else reader.count(number, row, column)
            else:
                values[name] = reader.count(number, row, column)
        try:
            p.organic.append(OrganicDay(day=day, platform=code, **values))  # type: ignore[arg-type]
        except ValueError as exc:
            reader.problem(number, None, str(exc))
    p.given = tuple("revenue_minor" if name == "revenue" else name for name in figures)


def read_metrics_table(
    table: Table,
    *,
    fmt: str = "auto",
    tz: ZoneInfo,
    plan_currency: Currency,
    platforms: Collection[str],
    platform: str | None = None,
    date_order: str = "auto",
) -> MetricsPreview:
    """Read a table (from ``read_table(data, header_names=header_hints())``) as results of ``fmt``.

    ``platforms`` are the plan's platform codes (a generic file's platform must be one of them);
    ``platform`` is the platform of a per-metric file whose title names none.
    """
    preview = MetricsPreview(encoding=table.encoding, delimiter=table.delimiter)
    if fmt == "auto":
        found = detect_format(table)
        if found is None:
            preview.problems.append(
                ImportProblem(
                    0,
                    "",
                    "this is not a results export smoplanner knows (X post activity, Meta Business Suite content "
                    "or insights, or a results CSV with date and platform columns)",
                )
            )
            return preview
        fmt = found
    if fmt not in FORMATS:
        raise ValueError(f"{fmt!r} is not a results format (use {', '.join(FORMATS)})")
    preview.format = fmt
    if table.header_index is None:
        preview.problems.append(ImportProblem(0, "", "the file has no header row"))
        return preview
    reader = _Reader(table, preview, tz)
    if fmt == "x-analytics":
        _read_x(reader, date_order)
    elif fmt == "meta-content":
        _read_meta_content(reader, date_order)
    elif fmt == "meta-insights":
        _read_meta_insights(reader, date_order, platform)
    else:
        _read_generic(reader, date_order, platforms, plan_currency)
    if not preview.problems and not preview.needs and not preview.count:
        preview.problems.append(ImportProblem(0, "", "the file holds no results"))
    if preview.problems or preview.needs:
        preview.organic, preview.posts = [], []
    return preview
