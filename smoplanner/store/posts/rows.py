"""The calendar's rows as plain frozen data, which can cross into item models and undo commands."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, NamedTuple

from smoplanner.core.media import MediaItem
from smoplanner.core.posts import PostRecord
from smoplanner.core.recurrence import Recurrence


@dataclass(frozen=True, slots=True)
class PostRow:
    id: int
    title: str
    text: str
    scheduled_at: datetime | None  # aware, UTC
    status: str
    pillar_id: int | None
    pillar_name: str
    pillar_color: str
    campaign: str
    link: str
    platforms: tuple[str, ...]
    variants: tuple[tuple[str, str], ...]  # only the platforms with their own text
    media_notes: str
    alt_text: str
    boosted: bool
    boost_minor: int
    notes: str
    published_url: str
    series_id: int | None
    has_problems: bool
    media: tuple[MediaItem, ...] = ()  # pictures (without their bytes) and videos, in order

    def to_record(self, pillar_name: str | None = None) -> PostRecord:
        """The post as plain data for the editor and the exporters (``pillar_name`` defaults to its own)."""
        return PostRecord(
            title=self.title,
            text=self.text,
            platforms=self.platforms,
            scheduled_at=self.scheduled_at,
            status=self.status,
            link=self.link,
            pillar=self.pillar_name if pillar_name is None else pillar_name,
            campaign=self.campaign,
            variants=self.variants,
            media_notes=self.media_notes,
            alt_text=self.alt_text,
            boosted=self.boosted,
            boost_minor=self.boost_minor,
            notes=self.notes,
            published_url=self.published_url,
            media=self.media,
        )


@dataclass(frozen=True, slots=True)
class Pillar:
    id: int
    name: str
    color: str
    target_percent: int
    position: int


@dataclass(frozen=True, slots=True)
class HashtagGroup:
    id: int
    name: str
    tags: str

    @property
    def tag_list(self) -> tuple[str, ...]:
        return tuple(self.tags.split())


@dataclass(frozen=True, slots=True)
class Series:
    id: int
    freq: str
    interval: int
    until: date

    @property
    def rule(self) -> Recurrence:
        return Recurrence(self.freq, self.interval, until=self.until)


@dataclass(frozen=True, slots=True)
class PostSnapshot:
    """Everything stored about one post, to put it back exactly as it was (undo)."""

    id: int
    columns: tuple[tuple[str, Any], ...]
    platforms: tuple[tuple[str, str, int], ...]  # (platform, variant, position)
    series: Series | None = None  # the repeat rule, in case it is gone when the post comes back
    media: tuple[MediaItem, ...] = ()  # with the pictures' bytes, in case a change dropped them from the plan


@dataclass(frozen=True, slots=True)
class PillarSnapshot:
    """A deleted pillar and the posts that carried it (undo of a delete)."""

    pillar: Pillar
    post_ids: tuple[int, ...]


class PillarShare(NamedTuple):
    """One line of the month's mix: ``pillar`` is None for posts without a pillar."""

    pillar: Pillar | None
    post_count: int
    share: float  # 0..1 of the period's posts
    target: float  # 0..1


@dataclass(frozen=True, slots=True)
class ImportResult:
    added: int
    skipped: int
    post_ids: tuple[int, ...] = field(default=())
    new_pillars: tuple[str, ...] = field(default=())  # pillars the import created, as the file names them
