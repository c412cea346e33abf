"""The Results tab's tables: organic results per day and platform, and post-level results."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from smoplanner.store.models import Base, UTCDateTime


class OrganicResultRow(Base):
    """One platform's organic results on one day of the plan's time zone (``followers``: at the day's end)."""

    __tablename__ = "organic_results"
    __table_args__ = (
        UniqueConstraint("day", "platform"),
        CheckConstraint(
            "new_followers >= 0 AND reach >= 0 AND impressions >= 0 AND engagements >= 0 AND clicks >= 0 "
            "AND profile_visits >= 0 "
            "AND conversions >= 0 AND revenue_minor >= 0 AND (followers IS NULL OR followers >= 0)",
            name="not_negative",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    platform: Mapped[str] = mapped_column(String(40))
    followers: Mapped[int | None] = mapped_column(Integer, nullable=True)
    new_followers: Mapped[int] = mapped_column(Integer, default=0)
    reach: Mapped[int] = mapped_column(Integer, default=0)
    impressions: Mapped[int] = mapped_column(Integer, default=0)
    engagements: Mapped[int] = mapped_column(Integer, default=0)
    clicks: Mapped[int] = mapped_column(Integer, default=0)
    profile_visits: Mapped[int] = mapped_column(Integer, default=0)
    conversions: Mapped[int] = mapped_column(Integer, default=0)
    revenue_minor: Mapped[int] = mapped_column(Integer, default=0, info={"money": True})


class PostResultRow(Base):
    """How one published post did, imported from a post-level export; ``post_id`` is the calendar post
    it matched (None: unmatched, kept and listed)."""

    __tablename__ = "post_results"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(40))
    published_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="SET NULL"), nullable=True, index=True)
    external_id: Mapped[str] = mapped_column(String(64), default="")
    permalink: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text, default="")
    impressions: Mapped[int] = mapped_column(Integer, default=0)
    reach: Mapped[int] = mapped_column(Integer, default=0)
    engagements: Mapped[int] = mapped_column(Integer, default=0)
    clicks: Mapped[int] = mapped_column(Integer, default=0)
    source_key: Mapped[str] = mapped_column(String(64), default="", index=True)
