"""smoplanner's engagement CSV: one row per comment, message, mention, review or question, and back.

Columns (header row required, any order, names case-insensitive)::

    received_at,platform,kind,author,text,status,answered_at,assignee,sentiment,tags,link,reply_used

- ``received_at``, ``answered_at``: date and time in the plan's time zone with the offset from UTC,
  ``2026-11-26 14:35 +01:00`` on export; ``26/11/2026 14:35``, ``11/26/2026 2:35 PM``, ``26.11.2026 14:35``
  and ISO are read too (the day/month order read from the whole file, or given). ``answered_at`` may be
  empty; ``received_at`` is required.
- ``platform``: a platform code (``instagram``, ``google_business``, …) or its name; required.
- ``kind``: ``comment``, ``message``, ``mention``, ``review`` or ``question`` (``direct message``, ``dm`` read
  too); empty means ``comment``.
- ``status``: ``new``, ``in_progress``, ``answered``, ``no_reply`` or ``escalated`` (``in progress``,
  ``no reply needed`` read too); empty means ``new``, or ``answered`` when ``answered_at`` is given.
- ``sentiment``: ``positive``, ``neutral``, ``negative`` or empty.
- ``tags``: words separated by spaces or commas (``#`` optional).
- ``author`` or ``text``: at least one of them.

Written as UTF-8 with BOM, comma-separated, CRLF, with a ``'`` in front of any text a spreadsheet would
run as a formula (removed again on import). An import is all or nothing; each problem names its row.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from smoplanner.core.engagement import (
    KINDS,
    SENTIMENTS,
    STATUSES,
    ItemRecord,
    item_problems,
    parse_tags,
)
from smoplanner.core.platforms import load_rulebook
from smoplanner.formats.csvread import TableError, detect_date_order, parse_datetime, read_table
from smoplanner.formats.csvwrite import restore_cell, write_csv
from smoplanner.formats.errors import FileImportError, ImportProblem
from smoplanner.formats.posts_csv import format_utc_offset

__all__ = ["COLUMNS", "EngagementPreview", "read_engagement_csv", "write_engagement_csv"]

COLUMNS = (
    "received_at",
    "platform",
    "kind",
    "author",
    "text",
    "status",
    "answered_at",
    "assignee",
    "sentiment",
    "tags",
    "link",
    "reply_used",
)
_KIND_WORDS = {"direct message": "message", "dm": "message", "messages": "message", "comments": "comment"}
_STATUS_WORDS = {
    "in progress": "in_progress",
    "no reply needed": "no_reply",
    "no reply": "no_reply",
    "done": "answered",
}


@dataclass(slots=True)
class EngagementPreview:
    """What reading a file found: the items it would add, or every problem that stops it (then no items)."""

    records: list[ItemRecord] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    rows_read: int = 0
    needs_date_order: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems and not self.needs_date_order

    def require(self) -> list[ItemRecord]:
        if self.needs_date_order:
            raise FileImportError(
                [ImportProblem(0, "received_at", "the dates could be day-first or month-first; choose the date order")]
            )
        if self.problems:
            raise FileImportError(self.problems)
        return self.records


def _local(moment: datetime | None, tz: ZoneInfo) -> str:
    if moment is None:
        return ""
    local = moment.astimezone(tz)
    # "2026-12-04 16:00 +01:00": it starts with a digit, so a spreadsheet never takes it for a formula
    return f"{local:%Y-%m-%d %H:%M} {format_utc_offset(local).removeprefix('UTC')}"


def write_engagement_csv(path: str | os.PathLike[str], records: Iterable[ItemRecord], *, tz: ZoneInfo) -> None:
    """Write ``records`` as an engagement CSV, times in ``tz`` with their UTC offset."""
    rows = [
        [
            _local(r.received_at, tz),
            r.platform,
            r.kind,
            r.author,
            r.text,
            r.status,
            _local(r.answered_at, tz),
            r.assignee,
            r.sentiment,
            " ".join(r.tags),
            r.link,
            r.reply_used,
        ]
        for r in records
    ]
    write_csv(path, list(COLUMNS), rows)


def _word(value: str, choices: Collection[str], aliases: dict[str, str]) -> str:
    lowered = " ".join(value.strip().lower().replace("_", " ").split())
    if lowered in aliases:
        return aliases[lowered]
    underscored = lowered.replace(" ", "_")
    return underscored if underscored in choices else value.strip()


def read_engagement_csv(
    source: str | os.PathLike[str] | bytes,
    *,
    tz: ZoneInfo,
    known_platforms: Collection[str],
    date_order: str = "auto",
) -> EngagementPreview:
    """Read an engagement CSV; every problem is collected, and no record is returned when there is one."""
    known = {code.lower() for code in known_platforms}
    preview = EngagementPreview()
    problems = preview.problems
    try:
        table = read_table(source, header_names=("received_at", "platform", "kind"))
    except TableError as exc:
        problems.append(ImportProblem(0, "", str(exc)))
        return preview
    if table.header is None:
        problems.append(ImportProblem(0, "", "no header row with a 'received_at' column was found"))
        return preview
    header_row = table.line_numbers[table.header_index or 0]
    columns: dict[str, int] = {}
    for index, raw in enumerate(table.header):
        name = raw.strip().lower()
        if not name:
            continue
        if name not in COLUMNS:
            problems.append(ImportProblem(header_row, "", f"unknown column '{raw.strip()}'"))
        elif name in columns:
            problems.append(ImportProblem(header_row, name, "this column appears twice"))
        else:
            columns[name] = index
    for required in ("received_at", "platform"):
        if required not in columns:
            problems.append(ImportProblem(header_row, "", f"the '{required}' column is missing"))
    if problems:
        return preview

    rows: list[tuple[int, dict[str, str]]] = []
    for number, row in table.data_rows():
        values = {}
        for name, index in columns.items():
            cell = restore_cell(row[index] if index < len(row) else "")
            values[name] = cell.replace("\r\n", "\n") if name == "text" else cell.strip()
        rows.append((number, values))
    preview.rows_read = len(rows)
    dates = [v[name] for _, v in rows for name in ("received_at", "answered_at") if v.get(name)]
    order: str | None
    if date_order != "auto":
        order = date_order
    else:
        order = detect_date_order(dates)
        if order is None and any(not re.match(r"\s*\d{4}", value) for value in dates):
            preview.needs_date_order = True
            return preview

    records = []
    for number, values in rows:
        record = _record(number, values, order, tz, known, problems)
        if record is not None:
            records.append(record)
    if not problems:
        preview.records = records
    return preview


def _record(
    number: int,
    values: dict[str, str],
    order: str | None,
    tz: ZoneInfo,
    known: Collection[str],
    problems: list[ImportProblem],
) -> ItemRecord | None:
    before = len(problems)

    def moment(name: str) -> datetime | None:
        text = values.get(name, "")
        if not text:
            return None
        try:
            return parse_datetime(text, order, tz)
        except ValueError:
            problems.append(ImportProblem(number, name, f"“{text}” is not a date and time"))
            return None

    received = moment("received_at")
    if received is None and not values.get("received_at"):
        problems.append(ImportProblem(number, "received_at", "the time received is missing"))
    answered = moment("answered_at")
    platform_text = values.get("platform", "")
    platform = load_rulebook().code_for(platform_text) or platform_text.lower()
    if platform not in known:
        problems.append(ImportProblem(number, "platform", f"“{platform_text}” is not a platform of this plan"))
    kind = _word(values.get("kind", ""), KINDS, _KIND_WORDS) or "comment"
    status = _word(values.get("status", ""), STATUSES, _STATUS_WORDS) or ("answered" if answered else "new")
    sentiment = _word(values.get("sentiment", ""), SENTIMENTS, {})
    if len(problems) > before or received is None:
        return None
    record = ItemRecord(
        platform=platform,
        kind=kind,
        author=values.get("author", ""),
        text=values.get("text", ""),
        received_at=received,
        status=status,
        answered_at=answered,
        assignee=values.get("assignee", ""),
        sentiment=sentiment,
        tags=parse_tags(values.get("tags", "")),
        link=values.get("link", ""),
        reply_used=values.get("reply_used", ""),
    )
    for name, message in item_problems(record):
        problems.append(ImportProblem(number, name, message))
    return None if len(problems) > before else record
