"""The report's "posts" section: how many posts the month has, by status and by platform."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from smoplanner.report.context import ReportContext
from smoplanner.store.posts import posts_by_platform, posts_by_status


@dataclass(frozen=True)
class PostsSection:
    """The posts scheduled in the month (in the plan's time zone).

    Ideas without a date belong to no month, so they are not counted; an idea that has a date is.
    ``by_platform`` counts a post once on each platform it goes to.
    """

    by_status: tuple[tuple[str, int], ...]  # every status, in the statuses' order
    by_platform: tuple[tuple[str, int], ...]  # the platforms with posts, by code

    @property
    def total(self) -> int:
        return sum(count for _status, count in self.by_status)

    def to_json(self) -> dict[str, Any]:
        return {"total": self.total, "by_status": dict(self.by_status), "by_platform": dict(self.by_platform)}


def build_posts_section(session: Session, context: ReportContext) -> PostsSection:
    start, end = context.utc_span()
    return PostsSection(
        by_status=tuple(posts_by_status(session, start, end).items()),
        by_platform=tuple(posts_by_platform(session, start, end).items()),
    )
