"""The calendar area: posts, their platforms, content pillars, repeats and hashtag groups, on a caller's Session.

Every function works inside the caller's transaction and never commits, so a command (or an import) is
all or nothing. Reads return frozen dataclasses, never ORM objects, so rows can cross into item models.
Reads use Core selects (one for the posts, one for their platforms) so 10,000 posts load in milliseconds.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple, cast
from zoneinfo import ZoneInfo

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    Select,
    String,
    Table,
    Text,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from smoplanner.core.platforms import Rulebook
from smoplanner.core.post_checks import check_post_text
from smoplanner.core.posts import STATUSES, PostRecord, import_key, text_for
from smoplanner.core.recurrence import Recurrence, occurrences
from smoplanner.store.models import MONEY_COLUMNS, Base, PlanSettings, UTCDateTime

if TYPE_CHECKING:
    from smoplanner.report.summary import ReportContext

__all__ = [
    "PILLAR_PALETTE",
    "HashtagGroup",
    "ImportResult",
    "Pillar",
    "PillarShare",
    "PillarSnapshot",
    "PostRow",
    "PostSnapshot",
    "Series",
    "all_posts",
    "count_posts",
    "create_pillar",
    "create_post",
    "create_series",
    "delete_hashtag_group",
    "delete_pillar",
    "delete_posts",
    "detach_from_series",
    "duplicate_post",
    "export_records",
    "get_post",
    "get_series",
    "import_records",
    "list_hashtag_groups",
    "list_pillars",
    "move_post",
    "pillar_mix",
    "posts_between",
    "posts_by_day",
    "posts_report",
    "restore_pillar",
    "restore_posts",
    "save_hashtag_group",
    "set_pillar",
    "set_status",
    "snapshot_posts",
    "unscheduled_posts",
    "update_pillar",
    "update_post",
    "update_series_from",
]

#: Colours given to pillars an import creates, in turn (readable on white and on dark backgrounds).
PILLAR_PALETTE: tuple[str, ...] = (
    "#E07A5F",
    "#3D85C6",
    "#81B29A",
    "#F2CC8F",
    "#9C6ADE",
    "#E56B9F",
    "#4FB0C6",
    "#A0A0A0",
)
_COLOR_RE = re.compile(r"^#[0-9A-Fa-f]{6}$")
_STATUS_CHECK = "status IN (" + ", ".join(f"'{s}'" for s in STATUSES) + ")"


# --- tables ------------------------------------------------------------------------------------


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
    boost_minor: Mapped[int] = mapped_column(Integer, default=0)
    notes: Mapped[str] = mapped_column(Text, default="")
    published_url: Mapped[str] = mapped_column(Text, default="")
    series_id: Mapped[int | None] = mapped_column(ForeignKey("post_series.id", ondelete="SET NULL"), nullable=True)
    source_key: Mapped[str] = mapped_column(String(64), default="", index=True)
    has_problems: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


MONEY_COLUMNS.append(Post.boost_minor)


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


# --- plain data --------------------------------------------------------------------------------


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


# --- helpers -----------------------------------------------------------------------------------

_POST_COLUMNS = [c.name for c in Post.__table__.columns]
_CONTENT_FIELDS = (
    "title",
    "text",
    "status",
    "campaign",
    "link",
    "media_notes",
    "alt_text",
    "boosted",
    "boost_minor",
    "notes",
)


def _table(model: type[Base]) -> Table:
    return cast(Table, model.__table__)


def _now() -> datetime:
    return datetime.now(UTC)


def plan_zone(session: Session) -> ZoneInfo:
    """The plan's time zone."""
    name = session.scalar(select(PlanSettings.timezone).where(PlanSettings.id == 1))
    return ZoneInfo(name or "UTC")


def _rulebook(session: Session) -> Rulebook:
    from smoplanner.store.profiles import rulebook_for

    return rulebook_for(session)


def record_has_problems(record: PostRecord, rulebook: Rulebook) -> bool:
    """Whether the post breaks a rule on any of its platforms (what the month view marks)."""
    return any(check_post_text(text_for(record, code), code, rulebook) for code in record.platforms)


def _check_record(record: PostRecord) -> None:
    if record.boost_minor < 0:
        raise ValueError("A boost amount cannot be negative.")
    if len(set(record.platforms)) != len(record.platforms):
        raise ValueError("A platform is listed twice.")


def _post_values(record: PostRecord, rulebook: Rulebook) -> dict[str, Any]:
    _check_record(record)
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


def _platform_values(post_id: int, record: PostRecord) -> list[dict[str, Any]]:
    variants = {code: text for code, text in record.variants if text.strip()}
    return [
        {"post_id": post_id, "platform": code, "variant": variants.get(code, ""), "position": index}
        for index, code in enumerate(record.platforms)
    ]


def _insert_posts(
    session: Session, items: Sequence[tuple[PostRecord, int | None, int | None]], rulebook: Rulebook
) -> list[int]:
    """Insert (record, pillar id, series id) items in bulk; returns their new ids in order."""
    if not items:
        return []
    now = _now()
    rows = []
    for record, pillar_id, series_id in items:
        values = _post_values(record, rulebook)
        values.update(
            pillar_id=pillar_id,
            series_id=series_id,
            source_key=record.source_key,
            created_at=now,
            updated_at=now,
        )
        rows.append(values)
    ids = list(
        session.scalars(
            insert(Post).returning(Post.id, sort_by_parameter_order=True),
            rows,
        )
    )
    platform_rows = [
        row for post_id, (record, _, _) in zip(ids, items, strict=True) for row in _platform_values(post_id, record)
    ]
    if platform_rows:
        session.execute(insert(PostPlatform), platform_rows)
    return ids


def _rows_query() -> Any:  # a Select of the PostRow columns
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


def _load_rows(session: Session, query: Select[Any], id_query: Select[Any] | None) -> list[PostRow]:
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
            )
        )
    return result


def _require_post(session: Session, post_id: int) -> Post:
    post = session.get(Post, post_id)
    if post is None:
        raise LookupError(f"there is no post {post_id}")
    return post


def _write_platforms(session: Session, post_id: int, record: PostRecord) -> None:
    session.execute(delete(PostPlatform).where(PostPlatform.post_id == post_id))
    values = _platform_values(post_id, record)
    if values:
        session.execute(insert(PostPlatform), values)


def _apply(post: Post, record: PostRecord, rulebook: Rulebook) -> None:
    for name, value in _post_values(record, rulebook).items():
        setattr(post, name, value)
    post.updated_at = _now()


def _check_pillar(session: Session, pillar_id: int | None) -> None:
    if pillar_id is not None and session.get(ContentPillar, pillar_id) is None:
        raise LookupError(f"there is no content pillar {pillar_id}")


def _pillar_ids_by_name(session: Session, names: Iterable[str]) -> dict[str, int]:
    """The ids of the named pillars, creating the missing ones with the palette's colours."""
    wanted = [name.strip() for name in names if name.strip()]
    existing = {row.name.casefold(): row.id for row in session.execute(select(ContentPillar.name, ContentPillar.id))}
    result: dict[str, int] = {}
    for name in wanted:
        key = name.casefold()
        if key not in existing:
            count = session.scalar(select(func.count()).select_from(ContentPillar)) or 0
            existing[key] = create_pillar(session, name, PILLAR_PALETTE[count % len(PILLAR_PALETTE)], 0)
        result[name] = existing[key]
    return result


# --- reading posts -----------------------------------------------------------------------------


def posts_between(session: Session, start_utc: datetime, end_utc: datetime) -> list[PostRow]:
    """Posts scheduled in [start_utc, end_utc), by time (then id)."""
    where = (Post.scheduled_at >= start_utc, Post.scheduled_at < end_utc)
    query = _rows_query().where(*where).order_by(Post.scheduled_at, Post.id)
    return _load_rows(session, query, select(Post.id).where(*where))


def posts_by_day(rows: Iterable[PostRow], tz: ZoneInfo) -> dict[date, list[PostRow]]:
    """Scheduled rows grouped by their day in ``tz`` (the month and week views' day cells), in time order."""
    buckets: dict[date, list[PostRow]] = defaultdict(list)
    for row in rows:
        if row.scheduled_at is not None:
            buckets[row.scheduled_at.astimezone(tz).date()].append(row)
    return dict(buckets)


def unscheduled_posts(session: Session) -> list[PostRow]:
    """The ideas backlog: posts without a date, newest first."""
    query = _rows_query().where(Post.scheduled_at.is_(None)).order_by(Post.id.desc())
    return _load_rows(session, query, select(Post.id).where(Post.scheduled_at.is_(None)))


def all_posts(session: Session) -> list[PostRow]:
    """Every post, scheduled ones by time first, then the backlog (for the list view)."""
    query = _rows_query().order_by(Post.scheduled_at.is_(None), Post.scheduled_at, Post.id)
    return _load_rows(session, query, None)


def get_post(session: Session, post_id: int) -> PostRow:
    rows = _load_rows(session, _rows_query().where(Post.id == post_id), select(Post.id).where(Post.id == post_id))
    if not rows:
        raise LookupError(f"there is no post {post_id}")
    return rows[0]


def count_posts(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Post)) or 0


# --- changing posts ----------------------------------------------------------------------------


def create_post(
    session: Session, record: PostRecord, *, pillar_id: int | None = None, series_id: int | None = None
) -> int:
    """Add a post; without ``pillar_id``, a pillar named in ``record.pillar`` is used (created if missing)."""
    if pillar_id is None and record.pillar.strip():
        pillar_id = _pillar_ids_by_name(session, [record.pillar])[record.pillar.strip()]
    _check_pillar(session, pillar_id)
    return _insert_posts(session, [(record, pillar_id, series_id)], _rulebook(session))[0]


def update_post(session: Session, post_id: int, record: PostRecord, *, pillar_id: int | None) -> None:
    """Replace a post's content, time and platforms with ``record`` (its series link is kept)."""
    post = _require_post(session, post_id)
    _check_pillar(session, pillar_id)
    _apply(post, record, _rulebook(session))
    post.pillar_id = pillar_id
    _write_platforms(session, post_id, record)
    session.flush()


def snapshot_posts(session: Session, ids: Iterable[int]) -> list[PostSnapshot]:
    """Everything about these posts, for ``restore_posts`` to put back (undo of any edit)."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        return []
    table = Post.__table__
    rows = {row.id: row for row in session.execute(select(table).where(table.c.id.in_(ids)))}
    platforms: dict[int, list[tuple[str, str, int]]] = defaultdict(list)
    for post_id, code, variant, position in session.execute(
        select(PostPlatform.post_id, PostPlatform.platform, PostPlatform.variant, PostPlatform.position)
        .where(PostPlatform.post_id.in_(ids))
        .order_by(PostPlatform.post_id, PostPlatform.position)
    ):
        platforms[post_id].append((code, variant, position))
    series_ids = {row.series_id for row in rows.values() if row.series_id is not None}
    series = {s.id: s for s in (get_series(session, sid) for sid in series_ids)}
    snapshots = []
    for post_id in ids:
        row = rows.get(post_id)
        if row is None:
            raise LookupError(f"there is no post {post_id}")
        columns = tuple((name, getattr(row, name)) for name in _POST_COLUMNS if name != "id")
        snapshots.append(PostSnapshot(post_id, columns, tuple(platforms[post_id]), series.get(row.series_id or -1)))
    return snapshots


def restore_posts(session: Session, snapshots: Iterable[PostSnapshot]) -> None:
    """Put posts back exactly as snapshotted, with the same ids (overwriting them if they exist).

    A pillar deleted in between leaves the post without one; a deleted repeat rule is re-created.
    """
    snapshots = list(snapshots)
    if not snapshots:
        return
    ids = [snap.id for snap in snapshots]
    session.execute(delete(PostPlatform).where(PostPlatform.post_id.in_(ids)))
    session.execute(delete(Post).where(Post.id.in_(ids)))
    pillars = set(session.scalars(select(ContentPillar.id)))
    for snap in snapshots:
        if snap.series is not None and session.get(PostSeries, snap.series.id) is None:
            session.add(
                PostSeries(
                    id=snap.series.id,
                    freq=snap.series.freq,
                    interval=snap.series.interval,
                    until=snap.series.until,
                )
            )
    session.flush()
    rows = []
    for snap in snapshots:
        values = dict(snap.columns)
        if values.get("pillar_id") not in pillars:
            values["pillar_id"] = None
        if values.get("series_id") is not None and session.get(PostSeries, values["series_id"]) is None:
            values["series_id"] = None
        values["id"] = snap.id
        rows.append(values)
    session.execute(insert(_table(Post)), rows)
    platform_rows = [
        {"post_id": snap.id, "platform": code, "variant": variant, "position": position}
        for snap in snapshots
        for code, variant, position in snap.platforms
    ]
    if platform_rows:
        session.execute(insert(_table(PostPlatform)), platform_rows)
    session.expire_all()
    session.flush()


def delete_posts(session: Session, ids: Iterable[int]) -> list[PostSnapshot]:
    """Delete posts; returns what ``restore_posts`` needs to bring them back with the same ids."""
    snapshots = snapshot_posts(session, ids)
    if snapshots:
        gone = [snap.id for snap in snapshots]
        session.execute(delete(PostPlatform).where(PostPlatform.post_id.in_(gone)))
        session.execute(delete(Post).where(Post.id.in_(gone)))
        session.expire_all()
    return snapshots


def move_post(session: Session, post_id: int, new_when: datetime | None) -> None:
    """Reschedule a post (``None`` puts it back in the ideas backlog); its status is left as it is."""
    if new_when is not None and new_when.utcoffset() is None:
        raise ValueError("a post's time must carry its time zone")
    post = _require_post(session, post_id)
    post.scheduled_at = new_when.astimezone(UTC) if new_when is not None else None
    post.updated_at = _now()
    session.flush()


def duplicate_post(session: Session, post_id: int) -> int:
    """A copy of a post at the same time, outside any repeat; a published post's copy is a draft."""
    row = get_post(session, post_id)
    record = row.to_record()
    if record.status == "published":
        record = replace(record, status="draft", published_url="")
    return _insert_posts(session, [(record, row.pillar_id, None)], _rulebook(session))[0]


def set_status(session: Session, ids: Iterable[int], status: str) -> None:
    """Give several posts one status (the list view's bulk change)."""
    if status not in STATUSES:
        raise ValueError(f"{status!r} is not a post status (use one of {', '.join(STATUSES)})")
    ids = list(ids)
    if ids:
        session.execute(update(Post).where(Post.id.in_(ids)).values(status=status, updated_at=_now()))
        session.expire_all()


def set_pillar(session: Session, ids: Iterable[int], pillar_id: int | None) -> None:
    """Give several posts one pillar (``None`` = no pillar)."""
    _check_pillar(session, pillar_id)
    ids = list(ids)
    if ids:
        session.execute(update(Post).where(Post.id.in_(ids)).values(pillar_id=pillar_id, updated_at=_now()))
        session.expire_all()


def recheck_posts(session: Session) -> int:
    """Recompute every post's warning mark (after the plan's limits changed); returns how many changed."""
    rulebook = _rulebook(session)
    changed = 0
    for row in all_posts(session):
        flag = record_has_problems(row.to_record(), rulebook)
        if flag != row.has_problems:
            session.execute(update(Post).where(Post.id == row.id).values(has_problems=flag))
            changed += 1
    if changed:
        session.expire_all()
    return changed


# --- repeats -----------------------------------------------------------------------------------


def get_series(session: Session, series_id: int) -> Series:
    row = session.get(PostSeries, series_id)
    if row is None:
        raise LookupError(f"there is no repeat {series_id}")
    return Series(row.id, row.freq, row.interval, row.until)


def create_series(
    session: Session, record: PostRecord, rule: Recurrence, *, pillar_id: int | None = None
) -> tuple[int, list[int]]:
    """A repeating post: one post per occurrence of ``rule`` from ``record``'s time, in the plan's zone."""
    if record.scheduled_at is None:
        raise ValueError("a repeating post needs a first date")
    _check_pillar(session, pillar_id)
    first = record.scheduled_at.astimezone(plan_zone(session))
    dates = occurrences(first, rule)
    series = PostSeries(freq=rule.freq, interval=rule.interval, until=rule.until)
    session.add(series)
    session.flush()
    items = [(replace(record, scheduled_at=when, source_key=""), pillar_id, series.id) for when in dates]
    return series.id, _insert_posts(session, items, _rulebook(session))


def update_series_from(session: Session, post_id: int, record: PostRecord, *, pillar_id: int | None) -> list[int]:
    """ "This and all following": ``record`` replaces this post, and what changed also changes the later posts.

    Only the fields that differ from this post's stored values are carried to the later posts (so a later
    post's own edits to other fields are kept); a new time of day moves each later post to that time on its
    own date, and a new date moves each later post by the same number of days (in the plan's time zone,
    keeping its own time of day unless that changed too). Returns the ids changed, this post first. A post
    outside a series is simply updated.
    """
    before = get_post(session, post_id)
    update_post(session, post_id, record, pillar_id=pillar_id)
    if before.series_id is None or before.scheduled_at is None:
        return [post_id]
    old = before.to_record()
    changed = {name: getattr(record, name) for name in _CONTENT_FIELDS if getattr(record, name) != getattr(old, name)}
    platforms_changed = record.platforms != old.platforms or record.variants != old.variants
    pillar_changed = pillar_id != before.pillar_id
    tz = plan_zone(session)
    new_clock: time | None = None
    day_shift = timedelta(0)
    if record.scheduled_at is not None:
        old_local = before.scheduled_at.astimezone(tz)
        new_local = record.scheduled_at.astimezone(tz)
        if new_local.time() != old_local.time():
            new_clock = new_local.time()
        day_shift = timedelta(days=(new_local.date() - old_local.date()).days)
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
    rulebook = _rulebook(session)
    for later in _load_rows(
        session, _rows_query().where(Post.id.in_(later_ids)), select(Post.id).where(Post.id.in_(later_ids))
    ):
        target = later.to_record()
        if changed:
            target = replace(target, **changed)
        if platforms_changed:
            target = replace(target, platforms=record.platforms, variants=record.variants)
        if (new_clock is not None or day_shift) and target.scheduled_at is not None:
            own = target.scheduled_at.astimezone(tz)
            clock = new_clock if new_clock is not None else own.time()
            local = datetime.combine(own.date() + day_shift, clock).replace(tzinfo=tz)
            target = replace(target, scheduled_at=local.astimezone(UTC).astimezone(tz))
        post = _require_post(session, later.id)
        _apply(post, target, rulebook)
        if pillar_changed:
            post.pillar_id = pillar_id
        if platforms_changed:
            _write_platforms(session, later.id, target)
    session.flush()
    return [post_id, *later_ids]


def detach_from_series(session: Session, post_id: int) -> None:
    """Take one post out of its repeat ("this one only"), so later series edits leave it alone."""
    post = _require_post(session, post_id)
    post.series_id = None
    post.updated_at = _now()
    session.flush()


# --- pillars -----------------------------------------------------------------------------------


def _validate_pillar(session: Session, name: str, color: str, target_percent: int, own_id: int | None) -> str:
    name = name.strip()
    if not name:
        raise ValueError("A content pillar needs a name.")
    if not _COLOR_RE.match(color):
        raise ValueError(f"{color!r} is not a colour; write it as #RRGGBB.")
    if isinstance(target_percent, bool) or not isinstance(target_percent, int) or not 0 <= target_percent <= 100:
        raise ValueError("A pillar's target is a whole percentage from 0 to 100.")
    clash = session.scalar(
        select(ContentPillar.id).where(
            func.lower(ContentPillar.name) == name.lower(), ContentPillar.id != (own_id or -1)
        )
    )
    if clash is not None:
        raise ValueError(f"There is already a content pillar called “{name}”.")
    return name


def _pillar(row: ContentPillar) -> Pillar:
    return Pillar(row.id, row.name, row.color, row.target_percent, row.position)


def list_pillars(session: Session) -> list[Pillar]:
    return [
        _pillar(row)
        for row in session.scalars(select(ContentPillar).order_by(ContentPillar.position, ContentPillar.id))
    ]


def create_pillar(session: Session, name: str, color: str, target_percent: int = 0) -> int:
    name = _validate_pillar(session, name, color, target_percent, None)
    position = (session.scalar(select(func.max(ContentPillar.position))) or 0) + 1
    row = ContentPillar(name=name, color=color.upper(), target_percent=target_percent, position=position)
    session.add(row)
    session.flush()
    return row.id


def update_pillar(session: Session, pillar_id: int, name: str, color: str, target_percent: int) -> None:
    row = session.get(ContentPillar, pillar_id)
    if row is None:
        raise LookupError(f"there is no content pillar {pillar_id}")
    row.name = _validate_pillar(session, name, color, target_percent, pillar_id)
    row.color, row.target_percent = color.upper(), target_percent
    session.flush()


def delete_pillar(session: Session, pillar_id: int) -> PillarSnapshot:
    """Delete a pillar (its posts keep existing, without a pillar); returns what ``restore_pillar`` needs."""
    row = session.get(ContentPillar, pillar_id)
    if row is None:
        raise LookupError(f"there is no content pillar {pillar_id}")
    snapshot = PillarSnapshot(
        _pillar(row),
        tuple(session.scalars(select(Post.id).where(Post.pillar_id == pillar_id).order_by(Post.id))),
    )
    session.execute(update(Post).where(Post.pillar_id == pillar_id).values(pillar_id=None))
    session.execute(delete(ContentPillar).where(ContentPillar.id == pillar_id))
    session.expire_all()
    return snapshot


def restore_pillar(session: Session, snapshot: PillarSnapshot) -> None:
    """Bring back a deleted pillar with its id, and give it back to its posts that still exist."""
    p = snapshot.pillar
    session.add(
        ContentPillar(id=p.id, name=p.name, color=p.color, target_percent=p.target_percent, position=p.position)
    )
    session.flush()
    if snapshot.post_ids:
        session.execute(update(Post).where(Post.id.in_(snapshot.post_ids)).values(pillar_id=p.id))
        session.expire_all()


def pillar_mix(session: Session, start_utc: datetime, end_utc: datetime) -> list[PillarShare]:
    """The period's actual mix against the targets: every pillar in order, then posts without one (if any)."""
    counts = dict(
        session.execute(
            select(Post.pillar_id, func.count())
            .where(Post.scheduled_at >= start_utc, Post.scheduled_at < end_utc)
            .group_by(Post.pillar_id)
        ).all()
    )
    total = sum(counts.values())
    result = [
        PillarShare(p, counts.get(p.id, 0), counts.get(p.id, 0) / total if total else 0.0, p.target_percent / 100)
        for p in list_pillars(session)
    ]
    if counts.get(None):
        result.append(PillarShare(None, counts[None], counts[None] / total, 0.0))
    return result


# --- hashtag groups ----------------------------------------------------------------------------


def _normalise_tags(tags: str | Iterable[str]) -> str:
    words = re.split(r"[\s,;]+", tags) if isinstance(tags, str) else list(tags)
    result: list[str] = []
    for word in words:
        word = word.strip()
        if not word or word == "#":
            continue
        tag = word if word.startswith("#") else "#" + word
        if tag.lower() not in {t.lower() for t in result}:
            result.append(tag)
    return " ".join(result)


def list_hashtag_groups(session: Session) -> list[HashtagGroup]:
    return [
        HashtagGroup(row.id, row.name, row.tags)
        for row in session.scalars(select(HashtagGroupRow).order_by(func.lower(HashtagGroupRow.name)))
    ]


def save_hashtag_group(session: Session, name: str, tags: str | Iterable[str]) -> int:
    """Save a group by name (an existing group of that name is replaced); "#" is added where missing."""
    name = name.strip()
    if not name:
        raise ValueError("A hashtag group needs a name.")
    row = session.scalars(select(HashtagGroupRow).where(HashtagGroupRow.name == name)).one_or_none()
    if row is None:
        row = HashtagGroupRow(name=name, tags="")
        session.add(row)
    row.tags = _normalise_tags(tags)
    session.flush()
    return row.id


def delete_hashtag_group(session: Session, group_id: int) -> HashtagGroup | None:
    """Delete a group; returns it (for undo with ``save_hashtag_group``), or None if it was not there."""
    row = session.get(HashtagGroupRow, group_id)
    if row is None:
        return None
    group = HashtagGroup(row.id, row.name, row.tags)
    session.delete(row)
    session.flush()
    return group


# --- import, export, report --------------------------------------------------------------------


def _current_keys(session: Session, records: Sequence[PostRecord]) -> set[str]:
    """The import keys of the plan's posts as they are now, for those that could match ``records``.

    Only posts at the records' UTC minutes (and, if a record has no date, the ideas) can share a key.
    """
    minutes = {
        r.scheduled_at.astimezone(UTC).replace(second=0, microsecond=0) for r in records if r.scheduled_at is not None
    }
    candidates: list[PostRow] = []
    ordered = sorted(minutes)
    for start in range(0, len(ordered), 200):
        chunk = ordered[start : start + 200]
        where = (
            Post.scheduled_at >= chunk[0],
            Post.scheduled_at < chunk[-1] + timedelta(minutes=1),
        )
        rows = _load_rows(session, _rows_query().where(*where), select(Post.id).where(*where))
        candidates.extend(
            row
            for row in rows
            if row.scheduled_at is not None and row.scheduled_at.replace(second=0, microsecond=0) in minutes
        )
    if any(r.scheduled_at is None for r in records):
        candidates.extend(unscheduled_posts(session))
    return {import_key(row.to_record()) for row in candidates}


#: Rows inserted between two progress reports of an import.
_IMPORT_CHUNK = 500


def import_records(
    session: Session, records: Sequence[PostRecord], progress: Callable[[int, int], None] | None = None
) -> ImportResult:
    """Add imported posts; one already in the plan (or earlier in the file) is skipped.

    A record is already in the plan when its import key (time, text, link, platforms) is the key a post
    was imported with, or the key of a post as it is now, whether imported or made in the app. So a posts
    CSV exported from this plan imports back adding nothing, and a row whose time, text, link or platforms
    were changed in between is a new post. Pillars named in the records are created when missing (and
    listed in ``new_pillars``). Nothing is committed here: the caller's transaction makes the import all
    or nothing. ``progress(done, total)`` is called as the rows go in; an exception it raises (a
    cancel) stops the import, and the caller's rollback leaves the plan as it was.
    """
    keyed = [replace(r, source_key=r.source_key or import_key(r)) for r in records]
    wanted = {r.source_key for r in keyed}
    existing: set[str] = set()
    keys = list(wanted)
    for start in range(0, len(keys), 500):
        existing.update(session.scalars(select(Post.source_key).where(Post.source_key.in_(keys[start : start + 500]))))
    current = _current_keys(session, keyed)
    fresh: list[PostRecord] = []
    for record in keyed:
        key = import_key(record)
        if record.source_key in existing or key in current:
            continue
        existing.add(record.source_key)
        current.add(key)
        fresh.append(record)
    had = {name.casefold() for name in session.scalars(select(ContentPillar.name))}
    named = list(dict.fromkeys(r.pillar.strip() for r in fresh if r.pillar.strip()))
    created: dict[str, str] = {}
    for name in named:
        if name.casefold() not in had:
            created.setdefault(name.casefold(), name)
    pillars = _pillar_ids_by_name(session, named)
    items = [(r, pillars.get(r.pillar.strip()), None) for r in fresh]
    rulebook = _rulebook(session)
    ids: list[int] = []
    if progress is not None:
        progress(0, len(items))
    for start in range(0, len(items), _IMPORT_CHUNK):
        ids += _insert_posts(session, items[start : start + _IMPORT_CHUNK], rulebook)
        if progress is not None:
            progress(len(ids), len(items))
    return ImportResult(
        added=len(ids), skipped=len(keyed) - len(ids), post_ids=tuple(ids), new_pillars=tuple(created.values())
    )


def export_records(
    session: Session, start_utc: datetime | None = None, end_utc: datetime | None = None
) -> list[tuple[int, PostRecord]]:
    """(post id, record) pairs for the exporters: every post, or those scheduled in [start, end)."""
    if start_utc is None and end_utc is None:
        rows = all_posts(session)
    else:
        rows = posts_between(
            session,
            start_utc or datetime(1, 1, 2, tzinfo=UTC),
            end_utc or datetime(9999, 12, 30, tzinfo=UTC),
        )
    keys = dict(session.execute(select(Post.id, Post.source_key).where(Post.source_key != "")).all())
    return [(row.id, replace(row.to_record(), source_key=keys.get(row.id, ""))) for row in rows]


def posts_report(session: Session, ctx: ReportContext) -> dict[str, Any]:
    """The report's "posts" section: the posts scheduled in the month (in the plan's time zone).

    Ideas without a date belong to no month, so they are not counted here; an idea that has a date is.
    ``by_platform`` counts a post once on each platform it goes to.
    """
    start, end = ctx.month.utc_span(ctx.tz)
    where = (Post.scheduled_at >= start, Post.scheduled_at < end)
    by_status = {status: 0 for status in STATUSES}
    for status, count in session.execute(select(Post.status, func.count()).where(*where).group_by(Post.status)):
        by_status[status] = count
    by_platform = dict(
        session.execute(
            select(PostPlatform.platform, func.count())
            .join(Post, Post.id == PostPlatform.post_id)
            .where(*where)
            .group_by(PostPlatform.platform)
            .order_by(PostPlatform.platform)
        ).all()
    )
    return {"total": sum(by_status.values()), "by_status": by_status, "by_platform": by_platform}


# --- the demo ----------------------------------------------------------------------------------

_DEMO_URLS = {
    "instagram": "https://www.instagram.com/p/{code}/",
    "facebook": "https://www.facebook.com/cafelumen/posts/{number}",
    "google_business": "https://g.page/cafelumen/posts/{number}",
    "tiktok": "https://www.tiktok.com/@cafelumen/video/{number}",
    "pinterest": "https://www.pinterest.com/pin/{number}/",
}


def _demo_url(platforms: tuple[str, ...], title: str) -> str:
    """A stable, realistic-looking address of a published post (the same every time the demo is made)."""
    import hashlib

    digest = hashlib.sha256(title.encode("utf-8")).hexdigest()
    platform = next((code for code in platforms if code in _DEMO_URLS), "facebook")
    return _DEMO_URLS[platform].format(code="C" + digest[:10], number=int(digest[:15], 16))


def _demo_status(when: datetime, anchor: datetime, explicit: str | None) -> str:
    if explicit:
        return explicit
    if when < anchor:
        return "published"
    return "scheduled" if (when - anchor).days < 14 else "draft"


def _demo_today() -> date:
    return date.today()


def fill_posts_demo(session: Session, demo_json: dict[str, Any]) -> None:
    """The sample café's three months of posts (written for Nov 2026 to Jan 2027), pillars and hashtag groups.

    The sample must look alive whenever it is opened: posts before today are published (with an
    address), the next two weeks scheduled, later ones drafts. Made outside the months it was written
    for, the whole plan moves by whole weeks so that its "today" (``anchor_date``) falls on this week,
    keeping every post on its weekday.
    """
    from smoplanner.core.money import currency, parse_amount, to_minor
    from smoplanner.store.settings import get_settings

    raw = demo_json.get("posts") or {}
    if not raw:
        return
    settings = get_settings(session)
    tz = ZoneInfo(settings.timezone)
    money = currency(settings.currency)
    today = _demo_today()
    written_for = [date.fromisoformat(e["on"][:10]) for e in raw.get("posts", ())]
    written_for += [date.fromisoformat(e["until"]) for e in raw.get("series", ())]
    written_for += [date.fromisoformat(e["first"][:10]) for e in raw.get("series", ())]
    shift = timedelta(0)
    if written_for and not min(written_for) <= today <= max(written_for):
        shift = timedelta(weeks=round((today - date.fromisoformat(raw["anchor_date"])).days / 7))
    anchor = datetime.combine(today, time(0), tz)
    pillars = {
        p["name"]: create_pillar(session, p["name"], p["color"], int(p["target"])) for p in raw.get("pillars", ())
    }
    for group in raw.get("hashtag_groups", ()):
        save_hashtag_group(session, group["name"], group["tags"])

    def record_of(entry: dict[str, Any], when: datetime | None, status: str) -> PostRecord:
        text = "\n".join(entry["text_lines"]) if "text_lines" in entry else entry.get("text", "")
        platforms = tuple(entry.get("platforms", "").split())
        boost = entry.get("boost")
        return PostRecord(
            title=entry["title"],
            text=text,
            platforms=platforms,
            scheduled_at=when,
            status=status,
            link=entry.get("link", ""),
            campaign=entry.get("campaign", ""),
            variants=tuple((entry.get("variants") or {}).items()),
            media_notes=entry.get("media", ""),
            alt_text=entry.get("alt", ""),
            boosted=boost is not None,
            boost_minor=to_minor(parse_amount(boost, money), money) if boost else 0,
            notes=entry.get("notes", ""),
            published_url=_demo_url(platforms, f"{entry['title']} {when}") if status == "published" else "",
        )

    def local(text: str) -> datetime:
        return (datetime.fromisoformat(text) + shift).replace(tzinfo=tz)

    for entry in raw.get("series", ()):
        rule = Recurrence(
            entry["freq"], int(entry.get("interval", 1)), until=date.fromisoformat(entry["until"]) + shift
        )
        first = local(entry["first"])
        _series_id, ids = create_series(
            session, record_of(entry, first, "draft"), rule, pillar_id=pillars.get(entry.get("pillar", ""))
        )
        for post_id, when in zip(ids, occurrences(first, rule), strict=True):
            status = _demo_status(when, anchor, entry.get("status"))
            post = _require_post(session, post_id)
            post.status = status
            if status == "published":
                post.published_url = _demo_url(tuple(entry["platforms"].split()), f"{entry['title']} {when}")
    items = []
    for entry in raw.get("posts", ()):
        when = local(entry["on"])
        items.append(
            (
                record_of(entry, when, _demo_status(when, anchor, entry.get("status"))),
                pillars.get(entry.get("pillar", "")),
                None,
            )
        )
    for entry in raw.get("ideas", ()):
        items.append((record_of(entry, None, "idea"), pillars.get(entry.get("pillar", "")), None))
    _insert_posts(session, items, _rulebook(session))
    session.flush()
