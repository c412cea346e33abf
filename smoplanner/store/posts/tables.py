"""The calendar's tables: posts, their platforms and media, repeat rules, content pillars and hashtag groups."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from smoplanner.core.posts import STATUSES
from smoplanner.store.models import Base, UTCDateTime

_STATUS_CHECK = "status IN (" + ", ".join(f"'{s}'" for s in STATUSES) + ")"


class ContentPillar(Base):
    """A theme the business posts about, with its colour and its target share of a month's posts."""

    __tablename__ = "content_pillars"
    __table_args__ = (CheckConstraint("target_percent BETWEEN 0 AND 100", name="target_percent"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    color: Mapped[str] = mapped_column(String(7))
    target_percent: Mapped[int] = mapped_column(Integer, default=0)
    position: Mapped[int] = mapped_column(Integer, default=0)


class PostSeries(Base):
    """A repeat rule; its posts are ordinary posts pointing at it."""

    __tablename__ = "post_series"
    __table_args__ = (CheckConstraint("freq IN ('weekly', 'monthly')", name="freq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    freq: Mapped[str] = mapped_column(String(10))
    interval: Mapped[int] = mapped_column(Integer, default=1)
    until: Mapped[date] = mapped_column(Date)


class Post(Base):
    """One post; ``scheduled_at`` is NULL for an idea in the backlog."""

    __tablename__ = "posts"
    __table_args__ = (CheckConstraint(_STATUS_CHECK, name="status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text, default="")
    scheduled_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True, index=True)
    status: Mapped[str] = mapped_column(String(10), default="draft")
    pillar_id: Mapped[int | None] = mapped_column(ForeignKey("content_pillars.id", ondelete="SET NULL"), nullable=True)
    campaign: Mapped[str] = mapped_column(Text, default="")
    link: Mapped[str] = mapped_column(Text, default="")
    media_notes: Mapped[str] = mapped_column(Text, default="")
    alt_text: Mapped[str] = mapped_column(Text, default="")
    boosted: Mapped[bool] = mapped_column(Boolean, default=False)
    boost_minor: Mapped[int] = mapped_column(Integer, default=0, info={"money": True})
    notes: Mapped[str] = mapped_column(Text, default="")
    published_url: Mapped[str] = mapped_column(Text, default="")
    series_id: Mapped[int | None] = mapped_column(ForeignKey("post_series.id", ondelete="SET NULL"), nullable=True)
    source_key: Mapped[str] = mapped_column(String(64), default="", index=True)
    has_problems: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class PostPlatform(Base):
    """A platform a post goes to, with its own text there ("" = the main text)."""

    __tablename__ = "post_platforms"

    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True)
    platform: Mapped[str] = mapped_column(String(40), primary_key=True)
    variant: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)  # keeps the order the user chose


class HashtagGroupRow(Base):
    """A saved set of hashtags the editor inserts in one go."""

    __tablename__ = "hashtag_groups"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    tags: Mapped[str] = mapped_column(Text, default="")


class MediaFile(Base):
    """A picture kept inside the plan, once per content (SHA-256), whichever posts show it."""

    __tablename__ = "media_files"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    mime: Mapped[str] = mapped_column(String(40))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    byte_size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class PostMedia(Base):
    """A picture (a stored file) or a video (a path on the user's disk) of a post, in the post's order."""

    __tablename__ = "post_media"
    __table_args__ = (
        CheckConstraint("kind IN ('picture', 'video')", name="kind"),
        CheckConstraint(
            "(kind = 'picture' AND media_id IS NOT NULL) OR (kind = 'video' AND media_id IS NULL AND path != '')",
            name="picture_or_video",
        ),
    )

    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    media_id: Mapped[int | None] = mapped_column(ForeignKey("media_files.id"), nullable=True, index=True)
    path: Mapped[str] = mapped_column(Text, default="")
    byte_size: Mapped[int] = mapped_column(Integer, default=0)  # a video's, when it was attached
    alt_text: Mapped[str] = mapped_column(Text, default="")
