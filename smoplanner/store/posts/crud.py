"""Reading and changing posts: by period, the backlog, one post; create, update, move, delete and undo."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from smoplanner.core.posts import STATUSES, PostRecord
from smoplanner.store.posts.common import (
    POST_COLUMNS,
    apply_record,
    check_pillar,
    insert_posts,
    load_rows,
    now,
    record_has_problems,
    require_post,
    rows_query,
    rulebook_of,
    table_of,
    write_platforms,
)
from smoplanner.store.posts.media import load_media, prune_media, with_data, write_media_many
from smoplanner.store.posts.pillars import pillar_ids_by_name
from smoplanner.store.posts.rows import PostRow, PostSnapshot, Series
from smoplanner.store.posts.tables import ContentPillar, Post, PostMedia, PostPlatform, PostSeries


def posts_between(session: Session, start_utc: datetime, end_utc: datetime) -> list[PostRow]:
    """Posts scheduled in [start_utc, end_utc), by time (then id)."""
    where = (Post.scheduled_at >= start_utc, Post.scheduled_at < end_utc)
    query = rows_query().where(*where).order_by(Post.scheduled_at, Post.id)
    return load_rows(session, query, select(Post.id).where(*where))


def posts_by_day(rows: Iterable[PostRow], tz: ZoneInfo) -> dict[date, list[PostRow]]:
    """Scheduled rows grouped by their day in ``tz`` (the month and week views' day cells), in time order."""
    buckets: dict[date, list[PostRow]] = defaultdict(list)
    for row in rows:
        if row.scheduled_at is not None:
            buckets[row.scheduled_at.astimezone(tz).date()].append(row)
    return dict(buckets)


def unscheduled_posts(session: Session) -> list[PostRow]:
    """The ideas backlog: posts without a date, newest first."""
    query = rows_query().where(Post.scheduled_at.is_(None)).order_by(Post.id.desc())
    return load_rows(session, query, select(Post.id).where(Post.scheduled_at.is_(None)))


def all_posts(session: Session) -> list[PostRow]:
    """Every post, scheduled ones by time first, then the backlog (for the list view)."""
    query = rows_query().order_by(Post.scheduled_at.is_(None), Post.scheduled_at, Post.id)
    return load_rows(session, query, None)


def get_post(session: Session, post_id: int) -> PostRow:
    rows = load_rows(session, rows_query().where(Post.id == post_id), select(Post.id).where(Post.id == post_id))
    if not rows:
        raise LookupError(f"there is no post {post_id}")
    return rows[0]


def count_posts(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Post)) or 0


def get_series(session: Session, series_id: int) -> Series:
    row = session.get(PostSeries, series_id)
    if row is None:
        raise LookupError(f"there is no repeat {series_id}")
    return Series(row.id, row.freq, row.interval, row.until)


def create_post(
    session: Session, record: PostRecord, *, pillar_id: int | None = None, series_id: int | None = None
) -> int:
    """Add a post; without ``pillar_id``, a pillar named in ``record.pillar`` is used (created if missing)."""
    if pillar_id is None and record.pillar.strip():
        pillar_id = pillar_ids_by_name(session, [record.pillar])[record.pillar.strip()]
    check_pillar(session, pillar_id)
    return insert_posts(session, [(record, pillar_id, series_id)], rulebook_of(session))[0]


def create_posts(session: Session, items: Sequence[tuple[PostRecord, int | None]]) -> list[int]:
    """Add several posts in one go, each with its pillar id (or None); returns their new ids in order."""
    for pillar_id in {pillar_id for _record, pillar_id in items}:
        check_pillar(session, pillar_id)
    return insert_posts(session, [(record, pillar_id, None) for record, pillar_id in items], rulebook_of(session))


def update_post(session: Session, post_id: int, record: PostRecord, *, pillar_id: int | None) -> None:
    """Replace a post's content, time and platforms with ``record`` (its series link is kept)."""
    post = require_post(session, post_id)
    check_pillar(session, pillar_id)
    apply_record(post, record, rulebook_of(session))
    post.pillar_id = pillar_id
    write_platforms(session, post_id, record)
    session.flush()


def snapshot_posts(session: Session, ids: Iterable[int]) -> list[PostSnapshot]:
    """Everything about these posts, for ``restore_posts`` to put back (undo of any edit)."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        return []
    table = Post.__table__
    rows = {row.id: row for row in session.execute(select(table).where(table.c.id.in_(ids)))}
    platforms: dict[int, list[tuple[str, str, int]]] = defaultdict(list)
    for post_id, code, variant, position in session.execute(
        select(PostPlatform.post_id, PostPlatform.platform, PostPlatform.variant, PostPlatform.position)
        .where(PostPlatform.post_id.in_(ids))
        .order_by(PostPlatform.post_id, PostPlatform.position)
    ):
        platforms[post_id].append((code, variant, position))
    series_ids = {row.series_id for row in rows.values() if row.series_id is not None}
    series = {s.id: s for s in (get_series(session, sid) for sid in series_ids)}
    media = with_data(session, load_media(session, ids))
    snapshots = []
    for post_id in ids:
        row = rows.get(post_id)
        if row is None:
            raise LookupError(f"there is no post {post_id}")
        columns = tuple((name, getattr(row, name)) for name in POST_COLUMNS if name != "id")
        snapshots.append(
            PostSnapshot(
                post_id, columns, tuple(platforms[post_id]), series.get(row.series_id or -1), media.get(post_id, ())
            )
        )
    return snapshots


def restore_posts(session: Session, snapshots: Iterable[PostSnapshot]) -> None:
    """Put posts back exactly as snapshotted, with the same ids (overwriting them if they exist).

    A pillar deleted in between leaves the post without one; a deleted repeat rule is re-created.
    """
    snapshots = list(snapshots)
    if not snapshots:
        return
    ids = [snap.id for snap in snapshots]
    session.execute(delete(PostMedia).where(PostMedia.post_id.in_(ids)))
    session.execute(delete(PostPlatform).where(PostPlatform.post_id.in_(ids)))
    session.execute(delete(Post).where(Post.id.in_(ids)))
    pillars = set(session.scalars(select(ContentPillar.id)))
    for snap in snapshots:
        if snap.series is not None and session.get(PostSeries, snap.series.id) is None:
            session.add(
                PostSeries(
                    id=snap.series.id,
                    freq=snap.series.freq,
                    interval=snap.series.interval,
                    until=snap.series.until,
                )
            )
    session.flush()
    rows = []
    for snap in snapshots:
        values = dict(snap.columns)
        if values.get("pillar_id") not in pillars:
            values["pillar_id"] = None
        if values.get("series_id") is not None and session.get(PostSeries, values["series_id"]) is None:
            values["series_id"] = None
        values["id"] = snap.id
        rows.append(values)
    session.execute(insert(table_of(Post)), rows)
    platform_rows = [
        {"post_id": snap.id, "platform": code, "variant": variant, "position": position}
        for snap in snapshots
        for code, variant, position in snap.platforms
    ]
    if platform_rows:
        session.execute(insert(table_of(PostPlatform)), platform_rows)
    write_media_many(session, {snap.id: snap.media for snap in snapshots})
    session.expire_all()
    session.flush()


def delete_posts(session: Session, ids: Iterable[int]) -> list[PostSnapshot]:
    """Delete posts; returns what ``restore_posts`` needs to bring them back with the same ids."""
    snapshots = snapshot_posts(session, ids)
    if snapshots:
        gone = [snap.id for snap in snapshots]
        session.execute(delete(PostMedia).where(PostMedia.post_id.in_(gone)))
        session.execute(delete(PostPlatform).where(PostPlatform.post_id.in_(gone)))
        session.execute(delete(Post).where(Post.id.in_(gone)))
        prune_media(session)
        session.expire_all()
    return snapshots


def move_post(session: Session, post_id: int, new_when: datetime | None) -> None:
    """Reschedule a post (``None`` puts it back in the ideas backlog); its status is left as it is."""
    if new_when is not None and new_when.utcoffset() is None:
        raise ValueError("a post's time must carry its time zone")
    post = require_post(session, post_id)
    post.scheduled_at = new_when.astimezone(UTC) if new_when is not None else None
    post.updated_at = now()
    session.flush()


def duplicate_post(session: Session, post_id: int) -> int:
    """A copy of a post at the same time, outside any repeat; a published post's copy is a draft."""
    row = get_post(session, post_id)
    record = row.to_record()
    if record.status == "published":
        record = replace(record, status="draft", published_url="")
    return insert_posts(session, [(record, row.pillar_id, None)], rulebook_of(session))[0]


def set_status(session: Session, ids: Iterable[int], status: str) -> None:
    """Give several posts one status (the list view's bulk change)."""
    if status not in STATUSES:
        raise ValueError(f"{status!r} is not a post status (use one of {', '.join(STATUSES)})")
    ids = list(ids)
    if ids:
        session.execute(update(Post).where(Post.id.in_(ids)).values(status=status, updated_at=now()))
        session.expire_all()


def set_pillar(session: Session, ids: Iterable[int], pillar_id: int | None) -> None:
    """Give several posts one pillar (``None`` = no pillar)."""
    check_pillar(session, pillar_id)
    ids = list(ids)
    if ids:
        session.execute(update(Post).where(Post.id.in_(ids)).values(pillar_id=pillar_id, updated_at=now()))
        session.expire_all()


def recheck_posts(session: Session) -> int:
    """Recompute every post's warning mark (after the plan's limits changed); returns how many changed."""
    rulebook = rulebook_of(session)
    changed = 0
    for row in all_posts(session):
        flag = record_has_problems(row.to_record(), rulebook)
        if flag != row.has_problems:
            session.execute(update(Post).where(Post.id == row.id).values(has_problems=flag))
            changed += 1
    if changed:
        session.expire_all()
    return changed
