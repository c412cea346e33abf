"""Counts of a period's posts, for the report and the overview."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from smoplanner.core.posts import STATUSES
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
