"""Reads CSV files as real exports write them: any common encoding, delimiter and date format.

``read_table`` decodes (UTF-8 with or without BOM, UTF-16 with BOM, else cp1252, and says which),
honours a ``sep=;`` first line, picks the delimiter among ``, ; TAB |`` by which one gives the most
consistent rows (never a letter or digit, unlike ``csv.Sniffer``), and parses quoted fields with the
``csv`` module. Dates are read by ``parse_datetime`` in a day, month or year-first order, which
``detect_date_order`` infers from the whole column.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from smoplanner.core.dates import PLANNING_YEARS, YEARS_TEXT

__all__ = [
    "DATE_ORDERS",
    "MAX_FIELD_CHARS",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "Table",
    "TableError",
    "decode",
    "detect_date_order",
    "localize",
    "parse_date",
    "parse_datetime",
    "parse_time",
    "read_table",
]

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_FIELD_CHARS = 131_072  # the csv module's own default limit, made explicit
MAX_ROWS = 200_000
DELIMITERS = (",", ";", "\t", "|")
DATE_ORDERS = ("dmy", "mdy", "ymd")


class TableError(ValueError):
    """A file that cannot be read as a table at all (too big, not text, broken quoting)."""


@dataclass(frozen=True, slots=True)
class Table:
    rows: list[list[str]]  # every non-blank row, cells as text (IDs stay text)
    encoding: str  # codec used: utf-8-sig, utf-8, utf-16-le, utf-16-be, cp1252 or latin-1
    delimiter: str
    header_index: int | None  # index into rows of the header row, when one was found
    # The row number a spreadsheet shows for each row: records counted from 1, blank lines included,
    # a quoted line break does not start a new row, and a "sep=" line is not counted (Excel hides it).
    line_numbers: list[int]

    @property
    def header(self) -> list[str] | None:
        return None if self.header_index is None else self.rows[self.header_index]

    def data_rows(self) -> list[tuple[int, list[str]]]:
        """(row number, cells) of each row below the header (all rows when there is none)."""
        start = 0 if self.header_index is None else self.header_index + 1
        return list(zip(self.line_numbers[start:], self.rows[start:], strict=True))


def decode(data: bytes) -> tuple[str, str]:
    """The text of ``data`` and the codec that read it (a BOM decides; else UTF-8; else cp1252)."""
    if data.startswith(codecs.BOM_UTF8):
        body = data[len(codecs.BOM_UTF8) :]
        try:
            return body.decode("utf-8", errors="strict"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            row = body[: exc.start].count(b"\n") + 1
            raise TableError(
                f"row {row} is not UTF-8 (byte 0x{body[exc.start]:02X}), though the file starts with a UTF-8 "
                "mark; save the file again as UTF-8 (or as Windows-1252 without the mark)"
            ) from None
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec), codec
            except UnicodeDecodeError:
                raise TableError(f"the file says it is {codec.upper()} but is not") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"  # every byte is a character; the preview shows it


_SEP_LINE = re.compile(r'^"?sep=(.)"?[ \t]*$', re.IGNORECASE)


def _split_sep_line(text: str) -> tuple[str | None, str]:
    first, newline, rest = text.partition("\n")
    match = _SEP_LINE.match(first.rstrip("\r"))
    if match and newline:
        return match.group(1), rest
    if match:
        return match.group(1), ""
    return None, text


def _parse(text: str, delimiter: str, limit: int | None = None) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    rows: list[list[str]] = []
    try:
        for row in reader:
            rows.append(row)
            if limit is not None and len(rows) >= limit:
                break
    except csv.Error as exc:
        if limit is not None:
            return rows
        if "field larger than field limit" in str(exc):
            raise TableError(
                f"a cell near row {reader.line_num} is longer than {MAX_FIELD_CHARS:,} characters"
            ) from None
        raise TableError(f"the file is not a readable CSV near row {reader.line_num}: {exc}") from None
    return rows


def _sniff(text: str, header_names: Collection[str] | None = None) -> str:
    """The delimiter giving the most rows of the same width (ties: wider rows, then , ; TAB |).

    With ``header_names``, a delimiter under which the header is found comes first: post texts full of
    ``|`` or ``;`` can give more rows of one width under the wrong delimiter than under the right one.
    """
    sample = text[:65_536]
    best: tuple[bool, int, int, int] | None = None
    chosen = ","
    for priority, delimiter in enumerate(DELIMITERS):
        if delimiter not in sample:
            continue
        rows = [row for row in _parse(sample, delimiter, limit=50) if any(cell.strip() for cell in row)]
        if len(sample) == 65_536 and len(rows) > 1:
            rows = rows[:-1]  # the sample may cut the last row short
        widths = Counter(len(row) for row in rows if len(row) > 1)
        if not widths:
            continue
        width, count = max(widths.items(), key=lambda item: (item[1], item[0]))
        found = header_names is not None and _guess_header(rows, header_names) is not None
        score = (found, count, width, -priority)
        if best is None or score > best:
            best, chosen = score, delimiter
    return chosen


def _guess_header(rows: Sequence[Sequence[str]], header_names: Collection[str] | None) -> int | None:
    wanted = {name.strip().lower() for name in header_names} if header_names else None
    widths = Counter(len(row) for row in rows)
    common_width = widths.most_common(1)[0][0] if widths else 0
    for index, row in enumerate(rows[:30]):
        cells = [cell.strip().lower() for cell in row]
        if wanted is not None:
            if any(cell in wanted for cell in cells):
                return index
        elif len(row) == common_width and all(cells):
            return index
    return None


def read_table(
    source: str | os.PathLike[str] | bytes,
    *,
    header_names: Collection[str] | None = None,
    delimiter: str | None = None,
    encoding: str | None = None,
    max_bytes: int = MAX_FILE_BYTES,
) -> Table:
    """Read a CSV file (a path or its bytes) into rows of text.

    ``header_names`` finds the header as the first row holding one of them (title lines above it are
    skipped); without it, the header is guessed as the first full row of the common width. The
    delimiter and encoding are detected unless given.
    """
    if isinstance(source, bytes):
        data = source
    else:
        path = Path(source)
        size = path.stat().st_size
        if size > max_bytes:
            raise TableError(f"the file is {size / 1_048_576:.1f} MB; files up to {max_bytes // 1_048_576} MB")
        data = path.read_bytes()
    if len(data) > max_bytes:
        raise TableError(f"the file is {len(data) / 1_048_576:.1f} MB; files up to {max_bytes // 1_048_576} MB")
    if encoding is None:
        text, encoding = decode(data)
    else:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise TableError(f"the file cannot be read as {encoding}: {exc}") from None
        text = text.removeprefix("\ufeff")
    if "\x00" in text:
        raise TableError("this is not a text (CSV) file")

    sep_hint, body = _split_sep_line(text)
    if delimiter is None:
        delimiter = sep_hint or _sniff(body, header_names)
    parsed = _parse(body, delimiter)
    if len(parsed) > MAX_ROWS:
        raise TableError(f"the file has {len(parsed):,} rows; files up to {MAX_ROWS:,} rows")
    for row in parsed:
        for cell in row:
            if len(cell) > MAX_FIELD_CHARS:
                raise TableError(f"a cell is longer than {MAX_FIELD_CHARS:,} characters")

    rows: list[list[str]] = []
    numbers: list[int] = []
    for number, row in enumerate(parsed, start=1):
        if any(cell.strip() for cell in row):
            rows.append(row)
            numbers.append(number)
    header_index = _guess_header(rows, header_names)
    return Table(rows, encoding, delimiter, header_index, numbers)


# --- dates -----------------------------------------------------------------------------------------

_ISO_DATE = r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"
_OTHER_DATE = r"(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{4}|\d{2})"
_TIME = (
    r"(?P<hh>\d{1,2}):(?P<mi>\d{2})(?::(?P<ss>\d{2})(?:[.,]\d+)?)?"
    r"(?:\s*(?P<ampm>[AaPp])\.?\s*[Mm]\.?)?"
    r"(?:\s*(?P<tz>Z|UTC|GMT|[+-]\d{2}:?\d{2}))?"
)
_DATE_RE = re.compile(rf"^\s*(?:{_ISO_DATE}|{_OTHER_DATE})(?:(?:\s+|T)(?P<time>.+?))?\s*$")
_TIME_RE = re.compile(rf"^\s*{_TIME}\s*$")


def detect_date_order(values: Sequence[str]) -> str | None:
    """``dmy``, ``mdy`` or ``ymd`` for a column of dates, judged on all of it; None when unsure.

    A first number above 12 proves day-first, a second one above 12 month-first; dotted dates
    (``26.11.2026``) are day-first by convention. A column of only year-first dates is ``ymd``. A column
    with no proof, or with proof both ways, gives None: ask the user.
    """
    day_first = month_first = year_first = undecided = 0
    for value in values:
        match = _DATE_RE.match(value)
        if not match:
            continue
        if match.group("y"):
            year_first += 1
            continue
        a, b = int(match.group("a")), int(match.group("b"))
        if a > 12 and b <= 12:
            day_first += 1
        elif b > 12 and a <= 12:
            month_first += 1
        elif match.group("sep") == ".":
            day_first += 1
        else:
            undecided += 1
    if day_first and month_first:
        return None
    if day_first:
        return "dmy"
    if month_first:
        return "mdy"
    if year_first and not undecided:
        return "ymd"
    return None


def _make_date(year: int, month: int, day: int, text: str) -> date:
    try:
        made = date(year, month, day)
    except ValueError:
        raise ValueError(f"{text.strip()!r} is not a date") from None
    if year not in PLANNING_YEARS:
        raise ValueError(f"{text.strip()!r} is outside the years smoplanner plans ({YEARS_TEXT})")
    return made


def parse_date(text: str, order: str | None) -> date:
    """The date at the start of ``text`` (any time after it is ignored)."""
    return _split_date(text, order)[0]


def _split_date(text: str, order: str | None) -> tuple[date, str | None]:
    match = _DATE_RE.match(text)
    if not match:
        raise ValueError(f"{text.strip()!r} is not a date")
    if match.group("y"):
        iso = _make_date(int(match.group("y")), int(match.group("m")), int(match.group("d")), text)
        return iso, match.group("time")
    a, b, c = int(match.group("a")), int(match.group("b")), int(match.group("c"))
    year = c + 2000 if len(match.group("c")) == 2 else c
    if order not in ("dmy", "mdy"):
        if a > 12 >= b:
            order = "dmy"
        elif b > 12 >= a:
            order = "mdy"
        elif match.group("sep") == ".":
            order = "dmy"  # dotted dates are day-first wherever they are used
        else:
            raise ValueError(f"{text.strip()!r} could be day-first or month-first; choose the date order")
    day_number, month = (a, b) if order == "dmy" else (b, a)
    return _make_date(year, month, day_number, text), match.group("time")


def _time_and_offset(text: str) -> tuple[time, timezone | None]:
    match = _TIME_RE.match(text)
    if not match:
        raise ValueError(f"{text.strip()!r} is not a time")
    hour, minute, second = int(match.group("hh")), int(match.group("mi")), int(match.group("ss") or 0)
    ampm = (match.group("ampm") or "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            raise ValueError(f"{text.strip()!r} is not a time")
        hour = hour % 12 + (12 if ampm == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError(f"{text.strip()!r} is not a time")
    offset: timezone | None = None
    tz_text = match.group("tz")
    if tz_text:
        if tz_text.upper() in {"Z", "UTC", "GMT"}:
            offset = UTC
        else:
            sign = -1 if tz_text[0] == "-" else 1
            digits = tz_text[1:].replace(":", "")
            hours, minutes = int(digits[:2]), int(digits[2:])
            if hours > 23 or minutes > 59:
                raise ValueError(f"{text.strip()!r} has an impossible UTC offset")
            offset = timezone(sign * timedelta(hours=hours, minutes=minutes))
    return time(hour, minute, second), offset


def parse_time(text: str) -> time:
    """A wall-clock time: ``14:35``, ``14:35:00``, ``2:35 PM``."""
    value, offset = _time_and_offset(text)
    if offset is not None:
        raise ValueError(f"{text.strip()!r}: give the time without a UTC offset here")
    return value


def localize(day: date, clock: time, tz: ZoneInfo) -> datetime:
    """The moment of a wall-clock time in ``tz``; a time skipped by a spring change moves forward."""
    local = datetime.combine(day, clock, tzinfo=tz)
    return local.astimezone(UTC).astimezone(tz)


def parse_datetime(text: str, order: str | None, tz: ZoneInfo) -> datetime:
    """A date and time as exports write them, in the plan's time zone ``tz``.

    Takes ``26/11/2026 14:35``, ``11/26/2026 2:35 PM``, ``2026-11-26 14:35:00``, ``2026-11-26T14:35``,
    ``26.11.2026 14:35`` and ``2026-11-26 14:35 +0000`` (a time with an offset is converted to ``tz``).
    ``order`` (``dmy``/``mdy``/``ymd``/None) decides numeric dates that are not year-first; None accepts
    only values that prove their order. A date alone means midnight.
    """
    day, rest = _split_date(text, order)
    if rest is None:
        return localize(day, time(0, 0), tz)
    clock, offset = _time_and_offset(rest)
    if offset is None:
        return localize(day, clock, tz)
    return datetime.combine(day, clock, tzinfo=offset).astimezone(tz)
