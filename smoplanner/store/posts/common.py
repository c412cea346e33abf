"""What the posts modules share: loading PostRows in two selects, inserting posts in bulk, the plan's zone.

Reads use Core selects (one for the posts, one for their platforms) so 10,000 posts load in milliseconds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, cast
from zoneinfo import ZoneInfo

from sqlalchemy import Select, Table, delete, insert, select
from sqlalchemy.orm import Session

from smoplanner.core.media import check_post_media
from smoplanner.core.platforms import Rulebook
from smoplanner.core.post_checks import check_post_text
from smoplanner.core.posts import PostRecord, text_for
from smoplanner.store.models import Base, PlanSettings
from smoplanner.store.posts.media import load_media, write_media, write_media_many
from smoplanner.store.posts.rows import PostRow
from smoplanner.store.posts.tables import ContentPillar, Post, PostPlatform

POST_COLUMNS = [c.name for c in Post.__table__.columns]


def table_of(model: type[Base]) -> Table:
    return cast(Table, model.__table__)


def now() -> datetime:
    return datetime.now(UTC)


def plan_zone(session: Session) -> ZoneInfo:
    """The plan's time zone."""
    name = session.scalar(select(PlanSettings.timezone).where(PlanSettings.id == 1))
    return ZoneInfo(name or "UTC")


def rulebook_of(session: Session) -> Rulebook:
    from smoplanner.store.profiles import rulebook_for

    return rulebook_for(session)


def record_has_problems(record: PostRecord, rulebook: Rulebook) -> bool:
    """Whether the post breaks a rule on any of its platforms (what the month view marks)."""
    return any(
        check_post_text(text_for(record, code), code, rulebook) or check_post_media(record.media, code, rulebook)
        for code in record.platforms
    )


def check_record(record: PostRecord) -> None:
    if record.boost_minor < 0:
        raise ValueError("A boost amount cannot be negative.")
    if len(set(record.platforms)) != len(record.platforms):
        raise ValueError("A platform is listed twice.")


def post_values(record: PostRecord, rulebook: Rulebook) -> dict[str, Any]:
    check_record(record)
    return {
        "title": record.title,
        "text": record.text,
        "scheduled_at": record.scheduled_at.astimezone(UTC) if record.scheduled_at else None,
        "status": record.status,
        "campaign": record.campaign,
        "link": record.link,
        "media_notes": record.media_notes,
        "alt_text": record.alt_text,
        "boosted": record.boosted,
        "boost_minor": record.boost_minor if record.boosted or record.boost_minor else 0,
        "notes": record.notes,
        "published_url": record.published_url,
        "has_problems": record_has_problems(record, rulebook),
    }


def platform_values(post_id: int, record: PostRecord) -> list[dict[str, Any]]:
    variants = {code: text for code, text in record.variants if text.strip()}
    return [
        {"post_id": post_id, "platform": code, "variant": variants.get(code, ""), "position": index}
        for index, code in enumerate(record.platforms)
    ]


def insert_posts(
    session: Session, items: Sequence[tuple[PostRecord, int | None, int | None]], rulebook: Rulebook
) -> list[int]:
    """Insert (record, pillar id, series id) items in bulk; returns their new ids in order."""
    if not items:
        return []
    stamp = now()
    rows = []
    for record, pillar_id, series_id in items:
        values = post_values(record, rulebook)
        values.update(
            pillar_id=pillar_id,
            series_id=series_id,
            source_key=record.source_key,
            created_at=stamp,
            updated_at=stamp,
        )
        rows.append(values)
    ids = list(
        session.scalars(
            insert(Post).returning(Post.id, sort_by_parameter_order=True),
            rows,
        )
    )
    platform_rows = [
        row for post_id, (record, _, _) in zip(ids, items, strict=True) for row in platform_values(post_id, record)
    ]
    if platform_rows:
        session.execute(insert(PostPlatform), platform_rows)
    media = {post_id: record.media for post_id, (record, _, _) in zip(ids, items, strict=True) if record.media}
    write_media_many(session, media, prune=False)
    return ids


def rows_query() -> Any:  # a Select of the PostRow columns
    return select(
        Post.id,
        Post.title,
        Post.text,
        Post.scheduled_at,
        Post.status,
        Post.pillar_id,
        ContentPillar.name.label("pillar_name"),
        ContentPillar.color.label("pillar_color"),
        Post.campaign,
        Post.link,
        Post.media_notes,
        Post.alt_text,
        Post.boosted,
        Post.boost_minor,
        Post.notes,
        Post.published_url,
        Post.series_id,
        Post.has_problems,
    ).outerjoin(ContentPillar, ContentPillar.id == Post.pillar_id)


def load_rows(session: Session, query: Select[Any], id_query: Select[Any] | None) -> list[PostRow]:
    """PostRows for ``query``: one select for the posts, one for their platforms (``id_query`` picks them)."""
    posts = session.execute(query).all()
    if not posts:
        return []
    platform_query = select(PostPlatform.post_id, PostPlatform.platform, PostPlatform.variant).order_by(
        PostPlatform.post_id, PostPlatform.position, PostPlatform.platform
    )
    if id_query is not None:
        platform_query = platform_query.where(PostPlatform.post_id.in_(id_query))
    platforms: dict[int, list[str]] = defaultdict(list)
    variants: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for post_id, code, variant in session.execute(platform_query):
        platforms[post_id].append(code)
        if variant:
            variants[post_id].append((code, variant))
    media = load_media(session, [post.id for post in posts] if id_query is not None else None)
    empty: tuple[Any, ...] = ()
    result = []
    for post in posts:
        codes = platforms.get(post.id)
        own = variants.get(post.id)
        result.append(
            PostRow(
                post.id,
                post.title,
                post.text,
                post.scheduled_at,
                post.status,
                post.pillar_id,
                post.pillar_name or "",
                post.pillar_color or "",
                post.campaign,
                post.link,
                tuple(codes) if codes else empty,
                tuple(own) if own else empty,
                post.media_notes,
                post.alt_text,
                bool(post.boosted),
                post.boost_minor,
                post.notes,
                post.published_url,
                post.series_id,
                bool(post.has_problems),
                media.get(post.id, empty),
            )
        )
    return result


def require_post(session: Session, post_id: int) -> Post:
    post = session.get(Post, post_id)
    if post is None:
        raise LookupError(f"there is no post {post_id}")
    return post


def write_platforms(session: Session, post_id: int, record: PostRecord) -> None:
    session.execute(delete(PostPlatform).where(PostPlatform.post_id == post_id))
    values = platform_values(post_id, record)
    if values:
        session.execute(insert(PostPlatform), values)
    write_media(session, post_id, record.media)


def apply_record(post: Post, record: PostRecord, rulebook: Rulebook) -> None:
    for name, value in post_values(record, rulebook).items():
        setattr(post, name, value)
    post.updated_at = now()


def check_pillar(session: Session, pillar_id: int | None) -> None:
    if pillar_id is not None and session.get(ContentPillar, pillar_id) is None:
        raise LookupError(f"there is no content pillar {pillar_id}")
