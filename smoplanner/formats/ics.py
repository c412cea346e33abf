"""iCalendar (.ics) export of the content calendar: one event per post and platform.

Events carry a stable UID (``post-<id>-<platform>@smoplanner``) so that importing a newer export into a
calendar app updates the events instead of duplicating them. Pass ``ids`` (the plan's post ids, a list
parallel to the records, so that two equal posts such as a duplicate and its original still get two
UIDs) to keep UIDs stable when a post is rescheduled or edited; without it the post's import key is
used, which changes with the post's time and text. Times carry the plan's TZID and a matching VTIMEZONE (Outlook
needs one for every TZID); DTSTAMP is UTC. The icalendar library writes CRLF lines folded at 75 octets.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from smoplanner.core.plan_settings import KNOWN_PLATFORMS
from smoplanner.core.posts import PostRecord, import_key, text_for
from smoplanner.core.utm import utm_for_post
from smoplanner.formats.csvwrite import write_text_atomically

__all__ = ["EVENT_MINUTES", "PLATFORM_NAMES", "ics_bytes", "ics_text", "write_ics"]

EVENT_MINUTES = 30
PRODID = "-//smoplanner//Content calendar//EN"
#: What the calendar events call each known platform (a plan's own names come first).
PLATFORM_NAMES = KNOWN_PLATFORMS


#: Line breaks in any spelling (CRLF, CR, vertical tab: FileMaker's in-cell break, form feed, NEL) become one
#: newline, which iCalendar writes as ``\\n``; other control characters, which RFC 5545 forbids in TEXT and
#: which some calendar apps refuse a whole file for, are dropped. A tab is allowed and kept.
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")


def ics_text(text: str) -> str:
    """Text as an iCalendar TEXT value may hold it."""
    return _CONTROLS.sub("", _LINE_BREAKS.sub("\n", text))


def _one_line(text: str) -> str:
    """A name or title on one line: line breaks and runs of spaces become one space."""
    return " ".join(ics_text(text).split())


def _description(record: PostRecord, platform: str) -> str:
    text = text_for(record, platform)
    link = record.link.strip()
    if link:
        with contextlib.suppress(ValueError):  # not a web link: show it as the user wrote it
            link = utm_for_post(link, platform, record.campaign, record.boosted)
        text = f"{text}\n\n{link}"
    return ics_text(text)


def ics_bytes(
    records: Iterable[PostRecord],
    *,
    tz: ZoneInfo,
    calendar_name: str,
    ids: Sequence[str | int] | None = None,
    now: datetime | None = None,
    platform_names: Mapping[str, str] | None = None,
) -> bytes:
    """The .ics file's bytes; see ``write_ics``."""
    names = {**PLATFORM_NAMES, **(platform_names or {})}
    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", _one_line(calendar_name))
    cal.add("x-wr-calname", _one_line(calendar_name))
    cal.add("x-wr-timezone", tz.key)

    records = list(records)
    if ids is not None and len(ids) != len(records):
        raise ValueError(f"{len(ids)} ids were given for {len(records)} posts; give one id per post")
    starts: list[datetime] = []
    for index, record in enumerate(records):
        if record.scheduled_at is None:
            continue
        start = record.scheduled_at.astimezone(tz).replace(microsecond=0)
        starts.append(start)
        key = str(ids[index]) if ids is not None else (record.source_key or import_key(record))[:32]
        for platform in record.platforms or ("post",):
            platform_name = names.get(platform, platform.replace("_", " ").title())
            event = Event()
            event.add("uid", f"post-{key}-{platform}@smoplanner")
            event.add("dtstamp", stamp)
            event.add("dtstart", start)
            event.add("dtend", start + timedelta(minutes=EVENT_MINUTES))
            event.add("summary", _one_line(f"{platform_name}: {record.title}"))
            event.add("description", _description(record, platform))
            if record.pillar:
                event.add("categories", [_one_line(record.pillar)])
            event.add("status", "CONFIRMED" if record.status in ("scheduled", "published") else "TENTATIVE")
            if record.link.strip():
                with contextlib.suppress(ValueError):  # not a web link: no URL property
                    event.add("url", utm_for_post(record.link, platform, record.campaign, record.boosted))
            cal.add_component(event)
    if starts:
        # Only the transitions around the exported posts, to keep the file small.
        first = min(starts).date().replace(month=1, day=1)
        last = max(starts).date().replace(year=max(starts).year + 1, month=1, day=1)
        cal.add_missing_timezones(first_date=first, last_date=last)
    return cal.to_ical()


def write_ics(
    path: str | os.PathLike[str],
    records: Iterable[PostRecord],
    *,
    tz: ZoneInfo,
    calendar_name: str,
    ids: Sequence[str | int] | None = None,
    now: datetime | None = None,
) -> None:
    """Write scheduled posts as calendar events (unscheduled ideas are skipped).

    ``ids``, when given, holds one post id per record, in the same order (``ids[i]`` is ``records[i]``'s).

    One 30-minute VEVENT per post and platform, titled "Instagram: <title>", with the platform's text
    and tracked link in its description.
    """
    write_text_atomically(path, ics_bytes(records, tz=tz, calendar_name=calendar_name, ids=ids, now=now))
