"""A calendar post as plain data, shared by the store, the importers and the exporters."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime

from smoplanner.core.media import MediaItem

__all__ = ["STATUSES", "PostRecord", "import_key", "normalise_text", "text_for"]

STATUSES: tuple[str, ...] = ("idea", "draft", "scheduled", "published")


@dataclass(frozen=True, slots=True)
class PostRecord:
    title: str
    text: str
    platforms: tuple[str, ...]
    scheduled_at: datetime | None  # timezone-aware; None for an unscheduled idea
    status: str = "draft"
    link: str = ""
    pillar: str = ""
    campaign: str = ""
    variants: tuple[tuple[str, str], ...] = ()  # (platform code, text that replaces the main text there)
    media_notes: str = ""
    alt_text: str = ""
    boosted: bool = False
    boost_minor: int = 0
    notes: str = ""
    published_url: str = ""
    source_key: str = ""  # how an import recognises a row it already imported
    media: tuple[MediaItem, ...] = ()  # pictures and videos, in the order they are posted

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"{self.status!r} is not a post status (use one of {', '.join(STATUSES)})")
        if self.scheduled_at is not None and self.scheduled_at.utcoffset() is None:
            raise ValueError("a post's time must carry its time zone")


def normalise_text(text: str) -> str:
    """Text as compared for duplicates: NFC, Unix newlines, no trailing spaces on lines or at the ends."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def import_key(record: PostRecord) -> str:
    """A stable sha256 that recognises the same post in a file imported twice.

    It covers the UTC minute of the scheduled time, the text, the link and the platforms (sorted), so a
    re-import of the same file, or the same file saved in another encoding or date order, adds nothing.
    """
    when = ""
    if record.scheduled_at is not None:
        when = record.scheduled_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ")
    payload = json.dumps(
        [when, normalise_text(record.text), record.link.strip(), sorted(set(record.platforms))],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def text_for(record: PostRecord, platform: str) -> str:
    """The text posted on ``platform``: its variant when there is one, else the main text."""
    for code, variant in record.variants:
        if code == platform and variant.strip():
            return variant
    return record.text
