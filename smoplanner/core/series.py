"""Editing a repeating post "this and all following": what the edit carries to the series' later posts."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, time, timedelta, tzinfo

from smoplanner.core.posts import PostRecord

__all__ = ["CARRIED_FIELDS", "follow_edit", "shift_later"]

#: The fields an edit of one post carries to the later posts when it changed them.
CARRIED_FIELDS: tuple[str, ...] = (
    "title",
    "text",
    "status",
    "campaign",
    "link",
    "media_notes",
    "media",
    "alt_text",
    "boosted",
    "boost_minor",
    "notes",
)


def shift_later(before: datetime, after: datetime, later: datetime, tz: tzinfo) -> datetime:
    """Where a later post goes when an earlier one of its series moved from ``before`` to ``after``.

    A new date moves it by the same number of days, and a new time of day puts it at that time on its
    own date; otherwise it keeps its own time of day. Days and clocks are the plan's (``tz``), so a
    series keeps its local time across daylight-saving changes; a time a spring change skips moves on.
    """
    old_local, new_local = before.astimezone(tz), after.astimezone(tz)
    new_clock: time | None = new_local.time() if new_local.time() != old_local.time() else None
    day_shift = timedelta(days=(new_local.date() - old_local.date()).days)
    if new_clock is None and not day_shift:
        return later
    own = later.astimezone(tz)
    local = datetime.combine(own.date() + day_shift, own.time() if new_clock is None else new_clock).replace(tzinfo=tz)
    return local.astimezone(UTC).astimezone(tz)


def follow_edit(before: PostRecord, after: PostRecord, later: PostRecord, tz: tzinfo) -> PostRecord:
    """A later post of the series after ``before`` was edited into ``after`` "this and all following".

    Only what the edit changed is carried, so the later post's own edits to other fields stay: the
    carried fields that differ, the platforms with their texts when they differ, and the time (see
    ``shift_later``). The pillar is the store's business (it is kept by id there).
    """
    changed = {name: getattr(after, name) for name in CARRIED_FIELDS if getattr(after, name) != getattr(before, name)}
    result = replace(later, **changed) if changed else later
    if after.platforms != before.platforms or after.variants != before.variants:
        result = replace(result, platforms=after.platforms, variants=after.variants)
    if before.scheduled_at is not None and after.scheduled_at is not None and result.scheduled_at is not None:
        moved = shift_later(before.scheduled_at, after.scheduled_at, result.scheduled_at, tz)
        result = replace(result, scheduled_at=moved)
    return result
