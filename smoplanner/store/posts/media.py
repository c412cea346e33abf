"""Posts' pictures and videos: pictures kept in the plan once per content hash, shared between posts.

A picture's bytes go into ``media_files`` the first time a post shows them; every post showing the same
content points at that one row. A row no post points at any more is dropped (``prune_media``). Undo keeps the
bytes of the pictures a change may drop in its snapshots, so it can put them back; ``_shared`` makes every
snapshot of one content share one ``bytes`` object, so a long undo history holds each picture once.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from smoplanner.core.media import MAX_ALT_TEXT, MediaItem
from smoplanner.store.posts.tables import MediaFile, PostMedia

#: The largest picture a post takes (the platforms' largest is Pinterest's 20 MB).
MAX_PICTURE_BYTES = 30 * 1024 * 1024

_shared_bytes: dict[str, bytes] = {}


class MediaError(ValueError):
    """A file that cannot be attached; the message says why in plain words."""


def picture_item(data: bytes, alt_text: str = "") -> MediaItem:
    """A picture ready to attach (its bytes travel with it until the post is saved); MediaError saying why a
    file cannot be one."""
    from smoplanner.store.profiles import ImageError, image_size

    if not data:
        raise MediaError("This file is empty.")
    if len(data) > MAX_PICTURE_BYTES:
        raise MediaError(
            f"This picture is {len(data) / 1_000_000:.1f} MB; smoplanner keeps pictures up to "
            f"{MAX_PICTURE_BYTES // (1024 * 1024)} MB in a plan. Save a smaller copy and attach that."
        )
    try:
        mime, width, height = image_size(data)
    except ImageError as exc:
        raise MediaError(str(exc)) from None
    if width <= 0 or height <= 0:
        raise MediaError("This picture has no size in its header; save it again from an image editor.")
    sha = hashlib.sha256(data).hexdigest()
    return MediaItem("picture", sha, "", mime, width, height, len(data), alt_text[:MAX_ALT_TEXT], data)


def video_item(path: str, byte_size: int, alt_text: str = "") -> MediaItem:
    """A video attached by reference to its file (the plan keeps the path, not the video)."""
    if not path.strip():
        raise MediaError("Choose a video file.")
    return MediaItem("video", path=path, byte_size=max(0, int(byte_size)), alt_text=alt_text[:MAX_ALT_TEXT])


def _stored_ids(session: Session, items: Iterable[MediaItem]) -> dict[str, int]:
    """The media_files row of each picture, inserting the ones not stored yet from the bytes they carry."""
    shas = {item.sha256 for item in items if item.kind == "picture"}
    if not shas:
        return {}
    query = select(MediaFile.sha256, MediaFile.id).where(MediaFile.sha256.in_(shas))
    ids: dict[str, int] = {sha: media_id for sha, media_id in session.execute(query)}
    for item in items:
        if item.kind != "picture" or item.sha256 in ids:
            continue
        if item.data is None:
            raise LookupError(f"the {item.name} is no longer in the plan; attach it again")
        if hashlib.sha256(item.data).hexdigest() != item.sha256:
            raise ValueError(f"the {item.name} does not match its content hash")
        ids[item.sha256] = session.scalars(
            insert(MediaFile).returning(MediaFile.id),
            [
                {
                    "sha256": item.sha256,
                    "mime": item.mime,
                    "width": item.width,
                    "height": item.height,
                    "byte_size": len(item.data),
                    "data": item.data,
                }
            ],
        ).one()
    return ids


def write_media(session: Session, post_id: int, items: Sequence[MediaItem], *, prune: bool = True) -> None:
    """Replace a post's media with ``items`` (in that order); pictures no post shows any more are dropped."""
    write_media_many(session, {post_id: items}, prune=prune)


def write_media_many(session: Session, media: Mapping[int, Sequence[MediaItem]], *, prune: bool = True) -> None:
    """``write_media`` for several posts in one go."""
    if not media:
        return
    session.execute(delete(PostMedia).where(PostMedia.post_id.in_(list(media))))
    ids = _stored_ids(session, [item for items in media.values() for item in items])
    rows = [
        {
            "post_id": post_id,
            "position": position,
            "kind": item.kind,
            "media_id": ids[item.sha256] if item.kind == "picture" else None,
            "path": item.path if item.kind == "video" else "",
            "byte_size": item.byte_size if item.kind == "video" else 0,
            "alt_text": item.alt_text.strip()[:MAX_ALT_TEXT],
        }
        for post_id, items in media.items()
        for position, item in enumerate(items)
    ]
    if rows:
        session.execute(insert(PostMedia), rows)
    if prune:
        prune_media(session)


def prune_media(session: Session) -> int:
    """Drop the stored pictures no post shows; returns how many went."""
    used = select(PostMedia.media_id).where(PostMedia.media_id.is_not(None))
    result = session.execute(delete(MediaFile).where(MediaFile.id.not_in(used)))
    return int(getattr(result, "rowcount", 0) or 0)


def load_media(session: Session, post_ids: Iterable[int] | None = None) -> dict[int, tuple[MediaItem, ...]]:
    """Each post's media, in order, without the pictures' bytes (``None``: every post's)."""
    query = (
        select(
            PostMedia.post_id,
            PostMedia.kind,
            PostMedia.path,
            PostMedia.byte_size,
            PostMedia.alt_text,
            MediaFile.sha256,
            MediaFile.mime,
            MediaFile.width,
            MediaFile.height,
            MediaFile.byte_size.label("file_size"),
        )
        .outerjoin(MediaFile, MediaFile.id == PostMedia.media_id)
        .order_by(PostMedia.post_id, PostMedia.position)
    )
    if post_ids is not None:
        query = query.where(PostMedia.post_id.in_(list(post_ids)))
    found: dict[int, list[MediaItem]] = defaultdict(list)
    for row in session.execute(query):
        if row.kind == "picture":
            item = MediaItem(
                "picture", row.sha256, "", row.mime, row.width, row.height, row.file_size, row.alt_text or ""
            )
        else:
            item = MediaItem("video", path=row.path, byte_size=row.byte_size or 0, alt_text=row.alt_text or "")
        found[row.post_id].append(item)
    return {post_id: tuple(items) for post_id, items in found.items()}


def media_bytes(session: Session, sha256: str) -> bytes | None:
    """A stored picture's bytes by its content hash (thumbnails, the preview), or None."""
    return session.scalar(select(MediaFile.data).where(MediaFile.sha256 == sha256))


def count_media_files(session: Session) -> int:
    """How many distinct pictures the plan keeps."""
    return len(session.scalars(select(MediaFile.id)).all())


def with_data(session: Session, media: Mapping[int, tuple[MediaItem, ...]]) -> dict[int, tuple[MediaItem, ...]]:
    """The same media with each picture's bytes (for undo), each content's bytes shared by every snapshot."""
    shas = {item.sha256 for items in media.values() for item in items if item.kind == "picture"}
    missing = [sha for sha in shas if sha not in _shared_bytes]
    if missing:
        for sha, data in session.execute(select(MediaFile.sha256, MediaFile.data).where(MediaFile.sha256.in_(missing))):
            _shared_bytes[sha] = data
    return {
        post_id: tuple(
            MediaItem(
                item.kind,
                item.sha256,
                item.path,
                item.mime,
                item.width,
                item.height,
                item.byte_size,
                item.alt_text,
                _shared_bytes.get(item.sha256) if item.kind == "picture" else None,
            )
            for item in items
        )
        for post_id, items in media.items()
    }
