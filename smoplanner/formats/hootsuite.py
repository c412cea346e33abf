"""Hootsuite bulk-schedule CSV: no header; date-time, message, optional link on each row.

Hootsuite's rules for the file: 24-hour times, minutes ending in 0 or 5, one message per time slot,
no message twice, every time at least 10 minutes in the future, at most 350 rows. The exporter follows
them and lists every change it made (and every post it left out); the
social profiles are chosen in Hootsuite's upload dialog, so the file carries no platform and the
importer is told which platforms the posts are for.

Messages are written exactly as they are posted, without the ``'`` guard of our other CSVs: a post that
starts with ``@mention`` or ``+`` must reach Hootsuite unchanged, and this file is meant for upload, not
for opening in a spreadsheet.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from smoplanner.core.posts import PostRecord, import_key, normalise_text
from smoplanner.formats.csvread import TableError, detect_date_order, parse_datetime, read_table
from smoplanner.formats.csvwrite import csv_bytes, write_text_atomically
from smoplanner.formats.errors import ExportError, ImportPreview, ImportProblem
from smoplanner.formats.posts_csv import title_from_text

__all__ = [
    "LEAD_MINUTES",
    "LEFT_OUT_REASONS",
    "MAX_ROWS",
    "SLOT_MINUTES",
    "HootsuiteExport",
    "read_hootsuite",
    "write_hootsuite",
]

MAX_ROWS = 350
SLOT_MINUTES = 5
LEAD_MINUTES = 10  # Hootsuite refuses a post scheduled sooner than this
_DATE_FORMATS = {"dmy": "%d/%m/%Y %H:%M", "mdy": "%m/%d/%Y %H:%M", "ymd": "%Y-%m-%d %H:%M"}


#: Why a post given to the exporter is not in the file, in the order the summary lists them.
LEFT_OUT_REASONS = {
    "published": "already published",
    "idea": "still ideas",
    "before": "before the chosen dates",
    "after": "after the chosen dates",
    "passed": "whose time has passed",
    "soon": f"due in less than {LEAD_MINUTES} minutes",
    "empty": "without text",
    "repeated": "repeating another post's text",
}


@dataclass(frozen=True, slots=True)
class HootsuiteExport:
    rows_written: int
    adjustments: list[str]  # one plain sentence per change, for the export summary
    left_out: dict[str, int] = field(default_factory=dict)  # reason (LEFT_OUT_REASONS) -> posts

    @property
    def left_out_count(self) -> int:
        return sum(self.left_out.values())

    def left_out_text(self) -> str:
        """ "3 posts left out: 2 already published, 1 whose time has passed." or "" when none were."""
        total = self.left_out_count
        if not total:
            return ""
        parts = [f"{self.left_out[key]} {words}" for key, words in LEFT_OUT_REASONS.items() if self.left_out.get(key)]
        return f"{total} post{'' if total == 1 else 's'} left out: {', '.join(parts)}."


def _label(record: PostRecord) -> str:
    return f"“{_name(record)}”"


def _name(record: PostRecord) -> str:
    return (record.title or title_from_text(record.text)).strip()


def _utc_now() -> datetime:
    """The current moment (one place, so that tests can hold the clock still)."""
    return datetime.now(UTC)


def _round_up_to_slot(moment: datetime) -> datetime:
    base = moment.replace(second=0, microsecond=0)
    if base == moment and base.minute % SLOT_MINUTES == 0:
        return moment
    extra = SLOT_MINUTES - base.minute % SLOT_MINUTES
    return base + timedelta(minutes=extra)


def write_hootsuite(
    path: str | os.PathLike[str],
    records: Iterable[PostRecord],
    *,
    tz: ZoneInfo,
    start: date | None,
    end: date | None,
    date_order: str = "dmy",
    now: datetime | None = None,
) -> HootsuiteExport:
    """Write the posts scheduled from ``start`` to ``end`` (inclusive, in ``tz``; None: no limit) for Hootsuite.

    Ideas, unscheduled and published posts are left out. A post due less than 10 minutes after ``now``
    (default: this moment), or already past, is left out too: Hootsuite refuses the whole file for it.
    Off-grid times move up to the next 5-minute slot, a taken slot (the same date and time as written,
    so both posts of an autumn clock change's repeated hour count as one) moves the post to the next free
    one, and a message already in the file is left out; each change is listed in the result. More than
    350 posts raise ExportError and write nothing. Every dated post given that is not written is counted
    in ``left_out`` by its reason.
    """
    if date_order not in _DATE_FORMATS:
        raise ValueError(f"{date_order!r} is not a date order (dmy, mdy or ymd)")
    if start is not None and end is not None and end < start:
        raise ExportError("the period ends before it starts")
    now = now if now is not None else _utc_now()
    earliest = now + timedelta(minutes=LEAD_MINUTES)
    left_out: dict[str, int] = {}

    def leave_out(reason: str) -> None:
        left_out[reason] = left_out.get(reason, 0) + 1

    chosen: list[PostRecord] = []
    for record in records:
        if record.scheduled_at is None:
            continue
        day = record.scheduled_at.astimezone(tz).date()
        if record.status in ("idea", "published"):
            leave_out(record.status)
        elif start is not None and day < start:
            leave_out("before")
        elif end is not None and day > end:
            leave_out("after")
        else:
            chosen.append(record)
    chosen.sort(key=lambda record: (record.scheduled_at, record.title))

    adjustments: list[str] = []
    seen_messages: dict[str, PostRecord] = {}
    unique: list[PostRecord] = []
    for record in chosen:
        assert record.scheduled_at is not None
        if record.scheduled_at < earliest:
            when = f"{record.scheduled_at.astimezone(tz):%d %b %H:%M}"
            passed = record.scheduled_at <= now
            leave_out("passed" if passed else "soon")
            adjustments.append(
                f"{_label(record)} was left out: its time ({when}) {'has passed' if passed else 'is too soon'}; "
                f"Hootsuite takes only posts at least {LEAD_MINUTES} minutes in the future"
            )
            continue
        message = normalise_text(record.text)
        if not message:
            leave_out("empty")
            adjustments.append(f"{_label(record)} was left out: it has no text")
            continue
        if message in seen_messages:
            # Name the post already in the file only when it has another title: "'X' … ('X')" says nothing.
            other = seen_messages[message]
            which = f" ({_label(other)})" if _name(other).casefold() != _name(record).casefold() else ""
            leave_out("repeated")
            adjustments.append(
                f"{_label(record)} was left out: a post with the same text is already in the file{which}; "
                "Hootsuite refuses repeated messages"
            )
            continue
        seen_messages[message] = record
        unique.append(record)
    if len(unique) > MAX_ROWS:
        raise ExportError(
            f"Hootsuite takes at most {MAX_ROWS} posts per file, and this period has {len(unique)}; "
            "export a shorter period"
        )

    # Taken slots are the date-times as written: the file has no offsets, so the two 02:30s of an autumn
    # clock change are one slot for Hootsuite.
    taken: set[str] = set()
    rows: list[list[str]] = []
    fmt = _DATE_FORMATS[date_order]
    for record in unique:
        assert record.scheduled_at is not None
        wanted = record.scheduled_at.astimezone(tz)
        slot = _round_up_to_slot(wanted)
        if slot != wanted:
            shown = f"{wanted:%d %b %H:%M:%S}" if wanted.second else f"{wanted:%d %b %H:%M}"
            adjustments.append(
                f"{_label(record)} moved from {shown} to {slot:%H:%M}: Hootsuite needs minutes ending in 0 or 5"
            )
        before_collision = slot
        while slot.strftime(fmt) in taken:
            slot = (slot.astimezone(UTC) + timedelta(minutes=SLOT_MINUTES)).astimezone(tz)
        if slot != before_collision:
            adjustments.append(
                f"{_label(record)} moved from {before_collision:%d %b %H:%M} to {slot:%d %b %H:%M}: "
                "another post already has that time slot"
            )
        taken.add(slot.strftime(fmt))
        rows.append([slot.strftime(fmt), record.text, record.link.strip()])
    write_text_atomically(path, csv_bytes(None, rows, bom=False, guard=False, quote_all=True))
    return HootsuiteExport(len(rows), adjustments, left_out)


def read_hootsuite(
    path: str | os.PathLike[str] | bytes,
    *,
    platforms: tuple[str, ...],
    tz: ZoneInfo,
    date_order: str = "auto",
) -> ImportPreview:
    """Read a Hootsuite bulk-schedule file as scheduled posts on ``platforms``."""
    if not platforms:
        raise ValueError("choose the platforms these posts are for")
    try:
        table = read_table(path, header_names=())
    except TableError as exc:
        return ImportPreview(problems=[ImportProblem(0, "", str(exc))])
    preview = ImportPreview(encoding=table.encoding, delimiter=table.delimiter)
    problems = preview.problems
    data = [
        (number, [cell.replace("\r\n", "\n").replace("\r", "\n").strip() for cell in row])
        for number, row in zip(table.line_numbers, table.rows, strict=True)
    ]
    # The format has no header, but people add one; a first row without a digit in its first cell is one.
    if data and not re.search(r"\d", data[0][1][0]):
        data = data[1:]
    preview.rows_read = len(data)

    if date_order == "auto":
        values = [cells[0] for _, cells in data]
        order = detect_date_order(values)
        if order is None and any(not re.match(r"\d{4}", value) for value in values):
            preview.needs.append("date_order")
            return preview
    elif date_order in ("dmy", "mdy", "ymd"):
        order = date_order
    else:
        raise ValueError(f"{date_order!r} is not a date order (auto, dmy, mdy or ymd)")
    preview.date_order = order

    records: list[PostRecord] = []
    for number, cells in data:
        before = len(problems)
        if len(cells) < 2:
            problems.append(ImportProblem(number, "", "a row needs a date-time and a message"))
            continue
        if any(cells[3:]):
            problems.append(ImportProblem(number, "", "a row has more than three columns"))
        try:
            when = parse_datetime(cells[0], order, tz)
        except ValueError as exc:
            problems.append(ImportProblem(number, "date", str(exc)))
        message = cells[1]
        if not message:
            problems.append(ImportProblem(number, "message", "the message is empty"))
        link = cells[2] if len(cells) > 2 else ""
        if link and not re.match(r"https?://", link, re.IGNORECASE):
            problems.append(ImportProblem(number, "link", f"{link!r} is not a web link"))
        if len(problems) > before:
            continue
        record = PostRecord(
            title=title_from_text(message),
            text=message,
            platforms=tuple(platforms),
            scheduled_at=when,
            status="scheduled",
            link=link,
        )
        records.append(replace(record, source_key=import_key(record)))
    if not problems:
        preview.records = records
    return preview
