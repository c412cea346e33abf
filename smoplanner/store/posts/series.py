"""Repeating posts: a rule whose occurrences are ordinary posts, edited one at a time or "this and all following"."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from smoplanner.core.posts import PostRecord
from smoplanner.core.recurrence import Recurrence, occurrences
from smoplanner.core.series import follow_edit
from smoplanner.store.posts.common import (
    apply_record,
    check_pillar,
    insert_posts,
    load_rows,
    now,
    plan_zone,
    require_post,
    rows_query,
    rulebook_of,
    write_platforms,
)
from smoplanner.store.posts.crud import get_post, update_post
from smoplanner.store.posts.tables import Post, PostSeries


def create_series(
    session: Session, record: PostRecord, rule: Recurrence, *, pillar_id: int | None = None
) -> tuple[int, list[int]]:
    """A repeating post: one post per occurrence of ``rule`` from ``record``'s time, in the plan's zone."""
    if record.scheduled_at is None:
        raise ValueError("a repeating post needs a first date")
    check_pillar(session, pillar_id)
    first = record.scheduled_at.astimezone(plan_zone(session))
    dates = occurrences(first, rule)
    series = PostSeries(freq=rule.freq, interval=rule.interval, until=rule.until)
    session.add(series)
    session.flush()
    items = [(replace(record, scheduled_at=when, source_key=""), pillar_id, series.id) for when in dates]
    return series.id, insert_posts(session, items, rulebook_of(session))


def update_series_from(session: Session, post_id: int, record: PostRecord, *, pillar_id: int | None) -> list[int]:
    """ "This and all following": ``record`` replaces this post, and what changed also changes the later posts.

    Only the fields that differ from this post's stored values are carried to the later posts (so a later
    post's own edits to other fields are kept); a new time of day moves each later post to that time on its
    own date, and a new date moves each later post by the same number of days (in the plan's time zone,
    keeping its own time of day unless that changed too); the rule is ``core.series.follow_edit``. Returns
    the ids changed, this post first. A post outside a series is simply updated.
    """
    before = get_post(session, post_id)
    update_post(session, post_id, record, pillar_id=pillar_id)
    if before.series_id is None or before.scheduled_at is None:
        return [post_id]
    old = before.to_record()
    pillar_changed = pillar_id != before.pillar_id
    tz = plan_zone(session)
    later_ids = list(
        session.scalars(
            select(Post.id)
            .where(
                Post.series_id == before.series_id,
                Post.id != post_id,
                Post.scheduled_at >= before.scheduled_at,
            )
            .order_by(Post.scheduled_at, Post.id)
        )
    )
    rulebook = rulebook_of(session)
    for later in load_rows(
        session, rows_query().where(Post.id.in_(later_ids)), select(Post.id).where(Post.id.in_(later_ids))
    ):
        own = later.to_record()
        target = follow_edit(old, record, own, tz)
        post = require_post(session, later.id)
        apply_record(post, target, rulebook)
        if pillar_changed:
            post.pillar_id = pillar_id
        if (target.platforms, target.variants, target.media) != (own.platforms, own.variants, own.media):
            write_platforms(session, later.id, target)
    session.flush()
    return [post_id, *later_ids]


def detach_from_series(session: Session, post_id: int) -> None:
    """Take one post out of its repeat ("this one only"), so later series edits leave it alone."""
    post = require_post(session, post_id)
    post.series_id = None
    post.updated_at = now()
    session.flush()
