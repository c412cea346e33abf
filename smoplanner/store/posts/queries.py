"""Counts of a period's posts, for the report and the overview; posts whose time has passed."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from smoplanner.core.posts import STATUSES
from smoplanner.store.posts.crud import set_status
from smoplanner.store.posts.tables import Post, PostPlatform


def posts_by_status(session: Session, start_utc: datetime, end_utc: datetime) -> dict[str, int]:
    """How many posts scheduled in [start_utc, end_utc) have each status (every status, in order)."""
    where = (Post.scheduled_at >= start_utc, Post.scheduled_at < end_utc)
    counts = {status: 0 for status in STATUSES}
    for status, count in session.execute(select(Post.status, func.count()).where(*where).group_by(Post.status)):
        counts[status] = count
    return counts


def posts_by_platform(session: Session, start_utc: datetime, end_utc: datetime) -> dict[str, int]:
    """How many posts scheduled in [start_utc, end_utc) go to each platform, by platform code.

    A post counts once on each platform it goes to; platforms without posts are left out.
    """
    where = (Post.scheduled_at >= start_utc, Post.scheduled_at < end_utc)
    return dict(
        session.execute(
            select(PostPlatform.platform, func.count())
            .join(Post, Post.id == PostPlatform.post_id)
            .where(*where)
            .group_by(PostPlatform.platform)
            .order_by(PostPlatform.platform)
        ).all()
    )


def past_scheduled_posts(session: Session, now_utc: datetime) -> list[int]:
    """The ids of posts still "scheduled" whose time is ``now_utc`` or earlier (posted and not marked, or
    missed), the earliest first."""
    return list(
        session.scalars(
            select(Post.id)
            .where(Post.status == "scheduled", Post.scheduled_at.is_not(None), Post.scheduled_at <= now_utc)
            .order_by(Post.scheduled_at, Post.id)
        )
    )


def mark_published(session: Session, ids: Iterable[int]) -> None:
    """Mark the posts published (they went out); the caller's command makes it undoable."""
    set_status(session, ids, "published")
