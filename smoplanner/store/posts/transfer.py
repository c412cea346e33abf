"""The glue between the posts and the importers and exporters: recognising rows already in the plan."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from smoplanner.core.posts import PostRecord, import_key
from smoplanner.store.posts.common import insert_posts, load_rows, rows_query, rulebook_of
from smoplanner.store.posts.crud import all_posts, posts_between, unscheduled_posts
from smoplanner.store.posts.pillars import pillar_ids_by_name
from smoplanner.store.posts.rows import ImportResult, PostRow
from smoplanner.store.posts.tables import ContentPillar, Post


def _current_keys(session: Session, records: Sequence[PostRecord]) -> set[str]:
    """The import keys of the plan's posts as they are now, for those that could match ``records``.

    Only posts at the records' UTC minutes (and, if a record has no date, the ideas) can share a key.
    """
    minutes = {
        r.scheduled_at.astimezone(UTC).replace(second=0, microsecond=0) for r in records if r.scheduled_at is not None
    }
    candidates: list[PostRow] = []
    ordered = sorted(minutes)
    for start in range(0, len(ordered), 200):
        chunk = ordered[start : start + 200]
        where = (
            Post.scheduled_at >= chunk[0],
            Post.scheduled_at < chunk[-1] + timedelta(minutes=1),
        )
        rows = load_rows(session, rows_query().where(*where), select(Post.id).where(*where))
        candidates.extend(
            row
            for row in rows
            if row.scheduled_at is not None and row.scheduled_at.replace(second=0, microsecond=0) in minutes
        )
    if any(r.scheduled_at is None for r in records):
        candidates.extend(unscheduled_posts(session))
    return {import_key(row.to_record()) for row in candidates}


#: Rows inserted between two progress reports of an import.
_IMPORT_CHUNK = 500


def import_records(
    session: Session, records: Sequence[PostRecord], progress: Callable[[int, int], None] | None = None
) -> ImportResult:
    """Add imported posts; one already in the plan (or earlier in the file) is skipped.

    A record is already in the plan when its import key (time, text, link, platforms) is the key a post
    was imported with, or the key of a post as it is now, whether imported or made in the app. So a posts
    CSV exported from this plan imports back adding nothing, and a row whose time, text, link or platforms
    were changed in between is a new post. Pillars named in the records are created when missing (and
    listed in ``new_pillars``). Nothing is committed here: the caller's transaction makes the import all
    or nothing. ``progress(done, total)`` is called as the rows go in; an exception it raises (a
    cancel) stops the import, and the caller's rollback leaves the plan as it was.
    """
    keyed = [replace(r, source_key=r.source_key or import_key(r)) for r in records]
    wanted = {r.source_key for r in keyed}
    existing: set[str] = set()
    keys = list(wanted)
    for start in range(0, len(keys), 500):
        existing.update(session.scalars(select(Post.source_key).where(Post.source_key.in_(keys[start : start + 500]))))
    current = _current_keys(session, keyed)
    fresh: list[PostRecord] = []
    for record in keyed:
        key = import_key(record)
        if record.source_key in existing or key in current:
            continue
        existing.add(record.source_key)
        current.add(key)
        fresh.append(record)
    had = {name.casefold() for name in session.scalars(select(ContentPillar.name))}
    named = list(dict.fromkeys(r.pillar.strip() for r in fresh if r.pillar.strip()))
    created: dict[str, str] = {}
    for name in named:
        if name.casefold() not in had:
            created.setdefault(name.casefold(), name)
    pillars = pillar_ids_by_name(session, named)
    items = [(r, pillars.get(r.pillar.strip()), None) for r in fresh]
    rulebook = rulebook_of(session)
    ids: list[int] = []
    if progress is not None:
        progress(0, len(items))
    for start in range(0, len(items), _IMPORT_CHUNK):
        ids += insert_posts(session, items[start : start + _IMPORT_CHUNK], rulebook)
        if progress is not None:
            progress(len(ids), len(items))
    return ImportResult(
        added=len(ids), skipped=len(keyed) - len(ids), post_ids=tuple(ids), new_pillars=tuple(created.values())
    )


def export_records(
    session: Session, start_utc: datetime | None = None, end_utc: datetime | None = None
) -> list[tuple[int, PostRecord]]:
    """(post id, record) pairs for the exporters: every post, or those scheduled in [start, end)."""
    if start_utc is None and end_utc is None:
        rows = all_posts(session)
    else:
        rows = posts_between(
            session,
            start_utc or datetime(1, 1, 2, tzinfo=UTC),
            end_utc or datetime(9999, 12, 30, tzinfo=UTC),
        )
    keys = dict(session.execute(select(Post.id, Post.source_key).where(Post.source_key != "")).all())
    return [(row.id, replace(row.to_record(), source_key=keys.get(row.id, ""))) for row in rows]
