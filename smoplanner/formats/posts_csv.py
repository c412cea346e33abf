"""smoplanner's own posts CSV: every field of a post, one row per post, for spreadsheets and back.

Columns (header row required, any order, names case-insensitive)::

    date,time,utc_offset,title,text,platforms,status,pillar,campaign,link,boosted,boost_amount,
    media_notes,alt_text,notes,published_url

plus one optional ``text_<platform>`` column per platform variant (``text_instagram``, ``text_x``...),
which replaces the main text on that platform.

- ``date``: ``YYYY-MM-DD`` on export. On import also ``26/11/2026``, ``11/26/2026``, ``26.11.2026``;
  the day/month order is read from the whole column (a value above 12 decides) or given by the user.
  May also hold the time (``2026-11-26 14:35``), and may be empty for an idea.
- ``time``: ``HH:MM`` (24-hour) in the plan's time zone on export; ``2:35 PM`` is read too. A time
  skipped by a spring clock change moves forward by the change.
- ``utc_offset``: optional; the offset from UTC of the date and time, ``UTC+01:00`` (written for every
  dated row, in a shape no spreadsheet takes for a formula, so it needs no ``'`` guard; ``+01:00``,
  ``'+01:00`` as older exports wrote it, ``+0100``, ``-05:00``, ``Z`` are read too). It tells apart the
  two occurrences of the hour an autumn clock change repeats, so such a post keeps its moment on a round
  trip. Without it, a time in that hour is read as the first of the two; an offset the plan's time zone
  does not have at that date and time (say, a date moved across a clock change in a spreadsheet) is
  ignored, the date and time win.
- ``text``: required (a title alone is enough for an idea). Line breaks are kept.
- ``platforms``: platform codes separated by ``;``, ``,`` or spaces (``instagram facebook``). On import
  the platforms' names and the other names the rulebook lists for them are read too (``Twitter``,
  ``X (Twitter)``, ``IG``, ``Google My Business``).
- ``status``: ``idea``, ``draft``, ``scheduled`` or ``published``; empty means ``idea`` without a date
  and ``draft`` with one.
- ``boosted``: ``yes``/``no`` (also ``true``/``false``, ``1``/``0``, ``x``, empty for no).
- ``boost_amount``: in the plan's currency, at most its number of decimals (``12.50``, ``12,50``).

Files are written as UTF-8 with BOM, comma-separated, CRLF, with a ``'`` in front of any text a
spreadsheet would run as a formula; the importer removes it again. The importer reads any encoding and
delimiter ``csvread`` knows. A column the importer does not know is an error that names it, and so is a
missing ``text`` or ``date`` column (a file without dates is accepted when every row is an idea).
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Iterable
from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from smoplanner.core.money import Currency, from_minor, parse_amount, to_minor
from smoplanner.core.platforms import load_rulebook
from smoplanner.core.posts import STATUSES, PostRecord, import_key
from smoplanner.formats.csvread import (
    TableError,
    detect_date_order,
    localize,
    parse_datetime,
    parse_time,
    read_table,
)
from smoplanner.formats.csvwrite import restore_cell, write_csv
from smoplanner.formats.errors import ImportPreview, ImportProblem

__all__ = ["COLUMNS", "format_utc_offset", "parse_utc_offset", "read_posts_csv", "write_posts_csv"]

COLUMNS = (
    "date",
    "time",
    "utc_offset",
    "title",
    "text",
    "platforms",
    "status",
    "pillar",
    "campaign",
    "link",
    "boosted",
    "boost_amount",
    "media_notes",
    "alt_text",
    "notes",
    "published_url",
)
VARIANT_PREFIX = "text_"
_YES = {"yes", "y", "true", "1", "x", "ja", "oui", "sí", "si"}
_NO = {"", "no", "n", "false", "0", "nein", "non"}
_TITLE_CHARS = 60


def title_from_text(text: str) -> str:
    """A short title from a post's first line, for rows that have none: the line itself when it is short,
    else cut after the last whole word that fits (mid-word only for one very long word), with "…"."""
    first = text.strip().split("\n", 1)[0].strip()
    if len(first) <= _TITLE_CHARS:
        return first
    cut = first[: _TITLE_CHARS - 1]
    if first[_TITLE_CHARS - 1] != " ":  # the cut falls inside a word: end at the word before it
        space = cut.rfind(" ")
        if space >= _TITLE_CHARS // 3:
            cut = cut[:space]
    return cut.rstrip(" ,;:.!?-–—") + "…"


_OFFSET_RE = re.compile(r"^(?:UTC|GMT)?\s*(?P<sign>[+-])(?P<hh>\d{1,2})(?::?(?P<mi>\d{2}))?$", re.IGNORECASE)


def format_utc_offset(moment: datetime) -> str:
    """``moment``'s offset from UTC as ``UTC+01:00`` (the ``utc_offset`` column): it starts with a letter,
    so the formula guard leaves it alone."""
    offset = moment.utcoffset() or timedelta(0)
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(offset) // timedelta(minutes=1)
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def parse_utc_offset(text: str) -> timedelta:
    """``UTC+01:00``, ``+01:00``, ``'+01:00``, ``+0100``, ``+1``, ``-05:30``, ``Z`` or ``UTC`` as a timedelta."""
    value = text.strip().removeprefix("'").strip()
    if value.upper() in {"Z", "UTC", "GMT"}:
        return timedelta(0)
    match = _OFFSET_RE.match(value)
    if not match:
        raise ValueError(f"{value!r} is not a UTC offset (write it as UTC+01:00)")
    hours, minutes = int(match.group("hh")), int(match.group("mi") or 0)
    if hours > 23 or minutes > 59:
        raise ValueError(f"{value!r} is not a UTC offset (write it as UTC+01:00)")
    offset = timedelta(hours=hours, minutes=minutes)
    return -offset if match.group("sign") == "-" else offset


def _at_offset(moment: datetime, offset: timedelta, tz: ZoneInfo) -> datetime:
    """``moment``'s wall-clock time in ``tz`` at the occurrence that has ``offset`` (else ``moment``)."""
    wall = moment.astimezone(tz).replace(tzinfo=None)
    for fold in (0, 1):
        candidate = wall.replace(tzinfo=tz, fold=fold)
        if candidate.utcoffset() == offset:
            return candidate
    return moment


def write_posts_csv(
    path: str | os.PathLike[str], records: Iterable[PostRecord], *, tz: ZoneInfo, currency: Currency
) -> None:
    """Write ``records`` as a posts CSV (times in ``tz``, boost amounts in ``currency``)."""
    records = list(records)
    variant_platforms = sorted({code for record in records for code, text in record.variants if text})
    header = [*COLUMNS, *(VARIANT_PREFIX + code for code in variant_platforms)]
    rows = []
    for record in records:
        local = record.scheduled_at.astimezone(tz) if record.scheduled_at else None
        variants = dict(record.variants)
        rows.append(
            [
                local.strftime("%Y-%m-%d") if local else "",
                local.strftime("%H:%M") if local else "",
                format_utc_offset(local) if local else "",
                record.title,
                record.text,
                " ".join(record.platforms),
                record.status,
                record.pillar,
                record.campaign,
                record.link,
                "yes" if record.boosted else "no",
                from_minor(record.boost_minor, currency) if record.boost_minor else "",
                record.media_notes,
                record.alt_text,
                record.notes,
                record.published_url,
                *(variants.get(code, "") for code in variant_platforms),
            ]
        )
    write_csv(path, header, rows)


def _alias(token: str) -> str:
    """The platform code a cell's word stands for ("Twitter" -> "x"); any other word as a code."""
    return load_rulebook().code_for(token) or token.lower()


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _platform_codes(cell: str, known: Collection[str]) -> tuple[list[str], list[str]]:
    """The known platform codes in a cell, and the words that are not one (as written)."""
    rulebook = load_rulebook()
    found: list[str] = []
    unknown: list[str] = []
    for part in re.split(r"[;,]", cell):
        words = part.split()
        start = 0
        while start < len(words):
            # The longest run of words that names a platform: "X (Twitter)", "Google My Business".
            end = next(
                (end for end in range(len(words), start + 1, -1) if rulebook.code_for(" ".join(words[start:end]))),
                start + 1,
            )
            token = " ".join(words[start:end])
            code = _alias(token)
            if code not in known:
                unknown.append(token)
            elif code not in found:
                found.append(code)
            start = end
    return found, unknown


def read_posts_csv(
    path: str | os.PathLike[str] | bytes,
    *,
    tz: ZoneInfo,
    currency: Currency,
    date_order: str = "auto",
    known_platforms: Collection[str],
) -> ImportPreview:
    """Read a posts CSV; every problem is collected, and no record is returned when there is one."""
    known = {code.lower() for code in known_platforms}
    try:
        table = read_table(path, header_names=("text", "date", "title"))
    except TableError as exc:
        return ImportPreview(problems=[ImportProblem(0, "", str(exc))])
    preview = ImportPreview(encoding=table.encoding, delimiter=table.delimiter)
    problems = preview.problems
    if table.header is None:
        problems.append(ImportProblem(0, "", "no header row with a 'text' column was found"))
        return preview

    header_row = table.line_numbers[table.header_index or 0]
    columns: dict[str, int] = {}
    unknown_columns: list[str] = []
    for index, raw in enumerate(table.header):
        name = raw.strip().lower()
        if not name:
            continue
        is_variant = name.startswith(VARIANT_PREFIX) and name[len(VARIANT_PREFIX) :] in known
        if name not in COLUMNS and not is_variant:
            unknown_columns.append(raw.strip())
        elif name in columns:
            problems.append(ImportProblem(header_row, name, "this column appears twice"))
        else:
            columns[name] = index
    if unknown_columns:
        listed = ", ".join(repr(name) for name in unknown_columns)
        problems.append(
            ImportProblem(header_row, "", f"unknown column{'s' if len(unknown_columns) > 1 else ''} {listed}")
        )
    if "text" not in columns:
        problems.append(ImportProblem(header_row, "", "the 'text' column is missing"))
    if "date" not in columns and "status" not in columns:
        problems.append(ImportProblem(header_row, "", "the 'date' column is missing"))
    if problems:
        return preview

    free_text = {"text", "notes", "media_notes", "alt_text"}
    data: list[tuple[int, list[str]]] = []
    for number, row in table.data_rows():
        cells: list[str] = []
        for name, cell in _named(row, columns):
            value = restore_cell(cell.replace("\r\n", "\n").replace("\r", "\n"))
            cells.append(value if name in free_text or name.startswith(VARIANT_PREFIX) else value.strip())
        data.append((number, cells))
    names = list(columns)
    dates = [row_cells[names.index("date")] for _, row_cells in data] if "date" in columns else []
    order = _resolve_order(date_order, dates)
    preview.rows_read = len(data)
    if order == "choose":
        preview.needs.append("date_order")
        return preview
    preview.date_order = order

    records: list[PostRecord] = []
    for number, cells in data:
        values = dict(zip(names, cells, strict=True))
        record = _record_from_row(number, values, order, tz, currency, known, problems)
        if record is not None:
            records.append(replace(record, source_key=import_key(record)))
    if not problems:
        preview.records = records
    return preview


def _named(row: list[str], columns: dict[str, int]) -> list[tuple[str, str]]:
    return [(name, row[index] if index < len(row) else "") for name, index in columns.items()]


def _resolve_order(date_order: str, values: list[str]) -> str | None:
    """The date order to read ``values`` in; "choose" when they read both ways and the user must say."""
    if date_order != "auto":
        if date_order not in ("dmy", "mdy", "ymd"):
            raise ValueError(f"{date_order!r} is not a date order (auto, dmy, mdy or ymd)")
        return date_order
    filled = [value for value in values if value.strip()]
    order = detect_date_order(filled)
    if order is None and any(not re.match(r"\s*\d{4}", value) for value in filled):
        return "choose"
    return order


def _record_from_row(
    number: int,
    values: dict[str, str],
    order: str | None,
    tz: ZoneInfo,
    currency: Currency,
    known: Collection[str],
    problems: list[ImportProblem],
) -> PostRecord | None:
    before = len(problems)

    def problem(field: str, message: str) -> None:
        problems.append(ImportProblem(number, field, message))

    text = values.get("text", "")
    title = values.get("title", "")
    status = values.get("status", "").lower()
    date_text, time_text = values.get("date", ""), values.get("time", "")
    if not status:
        status = "draft" if date_text else "idea"
    elif status not in STATUSES:
        problem("status", f"{values['status']!r} is not a status (use {', '.join(STATUSES)})")

    scheduled_at = None
    if date_text:
        try:
            scheduled_at = parse_datetime(date_text, order, tz)
        except ValueError as exc:
            problem("date", str(exc))
        has_clock = bool(re.search(r"\d:\d", date_text))
        if has_clock and time_text:
            problem("time", "the date already holds a time")
        elif not has_clock and not time_text:
            problem("time", f"no time given for {date_text!r}")
        elif time_text:
            try:
                clock = parse_time(time_text)
            except ValueError as exc:
                problem("time", str(exc))
            else:
                if scheduled_at is not None:
                    scheduled_at = localize(scheduled_at.date(), clock, tz)
        offset_text = values.get("utc_offset", "")
        if offset_text:
            try:
                offset = parse_utc_offset(offset_text)
            except ValueError as exc:
                problem("utc_offset", str(exc))
            else:
                if scheduled_at is not None:
                    scheduled_at = _at_offset(scheduled_at, offset, tz)
    elif time_text:
        problem("date", f"a time ({time_text!r}) is given without a date")
    elif status != "idea":
        problem("date", f"a {status} post needs a date (only ideas can go without one)")

    if not text.strip() and not (status == "idea" and title.strip()):
        problem("text", "the post has no text")

    platforms, unknown = _platform_codes(values.get("platforms", ""), known)
    # A platform smoplanner knows that the plan does not use is the plan's to add (or the file's to drop);
    # only a code nobody knows is "unknown".
    names = load_rulebook().names
    elsewhere = [names[c] for c in dict.fromkeys(_alias(u) for u in unknown) if c in names]
    nobody = [u for u in unknown if _alias(u) not in names]
    if elsewhere:
        one = len(elsewhere) == 1
        problem(
            "platforms",
            f"{_and(elsewhere)} {'is not one of' if one else 'are not among'} this plan's platforms; add "
            f"{'it' if one else 'them'} in Edit ▸ Plan Settings, or remove {'it' if one else 'them'} from the file",
        )
    if nobody:
        problem("platforms", f"unknown platform {', '.join(repr(u) for u in nobody)}")

    boosted_text = values.get("boosted", "").lower()
    boosted = boosted_text in _YES
    if not boosted and boosted_text not in _NO:
        problem("boosted", f"{values['boosted']!r} is not yes or no")
    boost_minor = 0
    if values.get("boost_amount", ""):
        try:
            boost_minor = to_minor(parse_amount(values["boost_amount"], currency), currency)
        except ValueError as exc:
            problem("boost_amount", str(exc))
        if boost_minor < 0:
            problem("boost_amount", "a boost amount cannot be negative")

    variants = tuple(
        (name[len(VARIANT_PREFIX) :], value)
        for name, value in values.items()
        if name.startswith(VARIANT_PREFIX) and value.strip()
    )
    if len(problems) > before:
        return None
    return PostRecord(
        title=title or title_from_text(text),
        text=text,
        platforms=tuple(platforms),
        scheduled_at=scheduled_at,
        status=status,
        link=values.get("link", ""),
        pillar=values.get("pillar", ""),
        campaign=values.get("campaign", ""),
        variants=variants,
        media_notes=values.get("media_notes", ""),
        alt_text=values.get("alt_text", ""),
        boosted=boosted,
        boost_minor=boost_minor,
        notes=values.get("notes", ""),
        published_url=values.get("published_url", ""),
    )
