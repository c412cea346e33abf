"""The Engagement tables and their queries: items to answer, saved replies, targets, business hours, holidays.

Two values of an item are kept beside what the user entered, because the queue sorts and counts by them
over tens of thousands of rows: ``due_at``, the moment its response-time target runs out in business time,
and ``response_minutes``, the business minutes it took to answer. Every function that changes an item,
the targets or the hours recomputes them, so they are never stale.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    and_,
    case,
    delete,
    func,
    or_,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from smoplanner.core.engagement import (
    KINDS,
    OPEN_STATUSES,
    SENTIMENTS,
    STATUSES,
    BusinessHours,
    Interval,
    ItemRecord,
    ResponseFigures,
    business_minutes,
    deadline,
    import_key,
    item_problems,
    summarize,
)
from smoplanner.store.models import Base, PlanSettings, UTCDateTime

_KIND_CHECK = "kind IN (" + ", ".join(f"'{k}'" for k in KINDS) + ")"
_STATUS_CHECK = "status IN (" + ", ".join(f"'{s}'" for s in STATUSES) + ")"
_SENTIMENT_CHECK = "sentiment IN ('', " + ", ".join(f"'{s}'" for s in SENTIMENTS) + ")"


class EngagementItem(Base):
    """A comment, message, mention, review or question that may need an answer."""

    __tablename__ = "engagement_items"
    __table_args__ = (
        CheckConstraint(_KIND_CHECK, name="kind"),
        CheckConstraint(_STATUS_CHECK, name="status"),
        CheckConstraint(_SENTIMENT_CHECK, name="sentiment"),
        # The queue's order (deadline, then time received) read straight from the index, 50,000 items or not.
        Index("ix_engagement_items_due_at_received_at", "due_at", "received_at"),
        # The queue and the overdue count: the open statuses, each with its deadlines in order.
        Index("ix_engagement_items_status_due_at", "status", "due_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(10))
    author: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text, default="")
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    status: Mapped[str] = mapped_column(String(12), default="new")
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    assignee: Mapped[str] = mapped_column(String(100), default="")
    sentiment: Mapped[str] = mapped_column(String(10), default="")
    tags: Mapped[str] = mapped_column(Text, default="")  # space-separated, lower case, no '#'
    link: Mapped[str] = mapped_column(Text, default="")
    post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="SET NULL"), nullable=True)
    reply_used: Mapped[str] = mapped_column(String(100), default="")
    source_key: Mapped[str] = mapped_column(String(64), default="", index=True)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    response_minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)


class SavedReply(Base):
    """A named reply text with placeholders ({name}, {business}, {platform})."""

    __tablename__ = "saved_replies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    text: Mapped[str] = mapped_column(Text, default="")


class ResponseTarget(Base):
    """How soon a kind of item on a platform should be answered, in business minutes ("" = every platform)."""

    __tablename__ = "response_targets"
    __table_args__ = (CheckConstraint("minutes > 0", name="minutes"),)

    platform: Mapped[str] = mapped_column(String(40), primary_key=True)
    kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    minutes: Mapped[int] = mapped_column(Integer)


class BusinessHoursRow(Base):
    """One stretch of open hours on a weekday (0 is Monday), as minutes after midnight (1440: midnight)."""

    __tablename__ = "business_hours"
    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday"),
        CheckConstraint("opens BETWEEN 0 AND 1439 AND closes BETWEEN 1 AND 1440 AND closes > opens", name="span"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    weekday: Mapped[int] = mapped_column(Integer)
    opens: Mapped[int] = mapped_column(Integer)
    closes: Mapped[int] = mapped_column(Integer)


class Holiday(Base):
    """A day the business is closed and answers nothing."""

    __tablename__ = "holidays"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), default="")


# -- hours and targets ---------------------------------------------------------------------------


def _clock(minutes: int) -> time:
    return time(0) if minutes >= 1440 else time(minutes // 60, minutes % 60)


def _minutes(clock: time, closing: bool = False) -> int:
    value = clock.hour * 60 + clock.minute
    return 1440 if closing and value == 0 else value


def get_business_hours(session: Session) -> BusinessHours:
    """The plan's open hours and holidays (every hour of every day when none are set), in its time zone."""
    zone = session.scalars(select(PlanSettings.timezone).where(PlanSettings.id == 1)).one()
    week = get_week(session)
    holidays = frozenset(session.scalars(select(Holiday.day)))
    return BusinessHours(zone, week or BusinessHours.always(zone).week, holidays)


def get_week(session: Session) -> dict[int, tuple[Interval, ...]]:
    """The open hours as set ({} when none are: the business answers around the clock)."""
    week: dict[int, tuple[Interval, ...]] = {}
    rows = session.execute(
        select(BusinessHoursRow.weekday, BusinessHoursRow.opens, BusinessHoursRow.closes).order_by(
            BusinessHoursRow.weekday, BusinessHoursRow.opens
        )
    )
    for weekday, opens, closes in rows:
        week[weekday] = (*week.get(weekday, ()), (_clock(opens), _clock(closes)))
    return week


def get_holiday_names(session: Session) -> dict[date, str]:
    return {row.day: row.name for row in session.scalars(select(Holiday).order_by(Holiday.day))}


def set_business_hours(session: Session, week: Mapping[int, Sequence[Interval]], holidays: Mapping[date, str]) -> None:
    """Replace the open hours and holidays, and recount every item's deadline and time to answer."""
    BusinessHours("UTC", {day: tuple(spans) for day, spans in week.items()})  # refuses bad hours, plainly
    session.execute(delete(BusinessHoursRow))
    session.execute(delete(Holiday))
    for weekday, spans in sorted(week.items()):
        for opens, closes in spans:
            session.add(BusinessHoursRow(weekday=weekday, opens=_minutes(opens), closes=_minutes(closes, True)))
    for day, name in holidays.items():
        session.add(Holiday(day=day, name=name))
    session.flush()
    recompute(session)


def get_targets(session: Session) -> dict[tuple[str, str], int]:
    """{(platform, kind): minutes}; platform "" is the target on every platform without its own."""
    return {(t.platform, t.kind): t.minutes for t in session.scalars(select(ResponseTarget))}


def target_for(targets: Mapping[tuple[str, str], int], platform: str, kind: str) -> int | None:
    return targets.get((platform, kind), targets.get(("", kind)))


def set_targets(session: Session, targets: Mapping[tuple[str, str], int]) -> None:
    """Replace the response-time targets and recount every item's deadline."""
    for (_platform, kind), minutes in targets.items():
        if kind not in KINDS:
            raise ValueError(f"“{kind}” is not a kind of item")
        if minutes <= 0:
            raise ValueError("a response-time target must be longer than zero")
    session.execute(delete(ResponseTarget))
    for (platform, kind), minutes in targets.items():
        session.add(ResponseTarget(platform=platform, kind=kind, minutes=minutes))
    session.flush()
    recompute(session)


class _Derived:
    """Computes ``due_at`` and ``response_minutes`` with the plan's hours and targets read once."""

    def __init__(self, session: Session) -> None:
        self.hours = get_business_hours(session)
        self.targets = get_targets(session)
        self._due: dict[tuple[datetime, int], datetime] = {}

    def apply(self, item: EngagementItem) -> None:
        minutes = target_for(self.targets, item.platform, item.kind)
        if minutes is None:
            item.due_at = None
        else:
            key = (item.received_at, minutes)
            if key not in self._due:
                self._due[key] = deadline(item.received_at, minutes, self.hours)
            item.due_at = self._due[key]
        if item.status == "answered" and item.answered_at is not None:
            item.response_minutes = business_minutes(item.received_at, item.answered_at, self.hours)
        else:
            item.response_minutes = None


def recompute(session: Session) -> None:
    """Recount every item's deadline and time to answer (after the hours or targets changed)."""
    derived = _Derived(session)
    for item in session.scalars(select(EngagementItem)):
        derived.apply(item)
    session.flush()


# -- items ---------------------------------------------------------------------------------------


def _check(record: ItemRecord) -> None:
    problems = item_problems(record)
    if problems:
        raise ValueError(problems[0][1])


def _write(item: EngagementItem, record: ItemRecord) -> None:
    item.platform = record.platform
    item.kind = record.kind
    item.author = record.author
    item.text = record.text
    item.received_at = record.received_at
    item.status = record.status
    item.answered_at = record.answered_at
    item.assignee = record.assignee
    item.sentiment = record.sentiment
    item.tags = " ".join(record.tags)
    item.link = record.link
    item.reply_used = record.reply_used
    item.post_id = record.post_id


def _record(item: EngagementItem) -> ItemRecord:
    return ItemRecord(
        platform=item.platform,
        kind=item.kind,
        author=item.author,
        text=item.text,
        received_at=item.received_at,
        status=item.status,
        answered_at=item.answered_at,
        assignee=item.assignee,
        sentiment=item.sentiment,
        tags=tuple(item.tags.split()),
        link=item.link,
        reply_used=item.reply_used,
        post_id=item.post_id,
    )


def create_items(session: Session, records: Sequence[ItemRecord], *, ids: Sequence[int] | None = None) -> list[int]:
    """Add items (with the ``ids`` given, when an undone addition is done again); returns their ids."""
    derived = _Derived(session)
    items = []
    for index, record in enumerate(records):
        _check(record)
        item = EngagementItem(source_key=import_key(record))
        if ids is not None:
            item.id = ids[index]
        _write(item, record)
        derived.apply(item)
        session.add(item)
        items.append(item)
    session.flush()
    return [item.id for item in items]


def delete_items(session: Session, ids: Iterable[int]) -> None:
    session.execute(delete(EngagementItem).where(EngagementItem.id.in_(list(ids))))


def get_item(session: Session, item_id: int) -> ItemRecord:
    item = session.get(EngagementItem, item_id)
    if item is None:
        raise LookupError("the item is no longer in the plan")
    return _record(item)


def get_items(session: Session, ids: Iterable[int]) -> dict[int, ItemRecord]:
    wanted = list(ids)
    items = session.scalars(select(EngagementItem).where(EngagementItem.id.in_(wanted)))
    return {item.id: _record(item) for item in items}


def update_items(session: Session, records: Mapping[int, ItemRecord]) -> None:
    """Store new values for items (the import key stays, so a re-import still recognises them)."""
    derived = _Derived(session)
    items = {item.id: item for item in session.scalars(select(EngagementItem).where(EngagementItem.id.in_(records)))}
    for item_id, record in records.items():
        item = items.get(item_id)
        if item is None:
            raise LookupError("the item is no longer in the plan")
        _check(record)
        _write(item, record)
        derived.apply(item)
    session.flush()


@dataclass(frozen=True)
class ImportResult:
    added: int
    skipped: int
    ids: tuple[int, ...] = ()


def import_items(session: Session, records: Sequence[ItemRecord]) -> ImportResult:
    """Add the records that are not in the plan yet (recognised by their import key, also within the file)."""
    keys = [import_key(record) for record in records]
    known: set[str] = set()
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        known.update(session.scalars(select(EngagementItem.source_key).where(EngagementItem.source_key.in_(chunk))))
    fresh = []
    for key, record in zip(keys, records, strict=True):
        if key not in known:
            known.add(key)
            fresh.append(record)
    ids = create_items(session, fresh)
    return ImportResult(len(fresh), len(records) - len(fresh), tuple(ids))


def export_items(session: Session, start: datetime | None = None, end: datetime | None = None) -> list[ItemRecord]:
    """Every item (received in [start, end) when given), oldest first."""
    query = select(EngagementItem).order_by(EngagementItem.received_at, EngagementItem.id)
    if start is not None and end is not None:
        query = query.where(EngagementItem.received_at >= start, EngagementItem.received_at < end)
    return [_record(item) for item in session.scalars(query)]


# -- the queue and the table ---------------------------------------------------------------------


@dataclass(frozen=True)
class ItemFilter:
    """Which items the table shows; empty fields do not filter. ``queue``: only those still waiting."""

    queue: bool = True
    status: str = ""
    platform: str = ""
    kind: str = ""
    assignee: str = ""
    sentiment: str = ""
    tag: str = ""
    text: str = ""
    received_from: datetime | None = None
    received_before: datetime | None = None


@dataclass(frozen=True)
class ItemRow:
    """One row of the table, as plain values (no ORM object leaves the Session)."""

    id: int
    platform: str
    kind: str
    author: str
    text: str
    received_at: datetime
    status: str
    answered_at: datetime | None
    assignee: str
    sentiment: str
    tags: str
    link: str
    post_title: str
    reply_used: str
    due_at: datetime | None
    response_minutes: int | None


#: The columns the table sorts by, by key; "due" is the queue's order: the most overdue first.
SORT_COLUMNS = {
    "platform": EngagementItem.platform,
    "kind": EngagementItem.kind,
    "author": EngagementItem.author,
    "text": EngagementItem.text,
    "received_at": EngagementItem.received_at,
    "status": EngagementItem.status,
    "answered_at": EngagementItem.answered_at,
    "assignee": EngagementItem.assignee,
    "sentiment": EngagementItem.sentiment,
    "tags": EngagementItem.tags,
    "post": EngagementItem.post_id,
    "reply_used": EngagementItem.reply_used,
    "due": EngagementItem.due_at,
}


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _conditions(flt: ItemFilter) -> list[object]:
    item = EngagementItem
    where: list[object] = []
    if flt.queue:
        where.append(item.status.in_(OPEN_STATUSES))
    for column, value in (
        (item.status, flt.status),
        (item.platform, flt.platform),
        (item.kind, flt.kind),
        (item.assignee, flt.assignee),
        (item.sentiment, flt.sentiment),
    ):
        if value:
            where.append(column == value)
    tag = flt.tag.strip().lstrip("#").lower()
    if tag:
        where.append((" " + item.tags + " ").like(_like(f" {tag} "), escape="\\"))
    text = flt.text.strip()
    if text:
        pattern = _like(text)
        where.append(
            or_(
                item.text.like(pattern, escape="\\"),
                item.author.like(pattern, escape="\\"),
                item.tags.like(pattern, escape="\\"),
            )
        )
    if flt.received_from is not None:
        where.append(item.received_at >= flt.received_from)
    if flt.received_before is not None:
        where.append(item.received_at < flt.received_before)
    return where


def item_ids(session: Session, flt: ItemFilter, sort: str = "due", descending: bool = False) -> list[int]:
    """The ids of the items ``flt`` lets through, in the order asked (ties: oldest received first).

    Sorting by "due" puts the items without a target after those with one, whichever the direction.
    """
    column = SORT_COLUMNS[sort]
    where = and_(True, *_conditions(flt))  # type: ignore[arg-type]
    ties = (EngagementItem.received_at, EngagementItem.id)
    ordered = (column.desc() if descending else column.asc(), *ties)
    if sort not in ("due", "answered_at", "post"):  # the columns that may be empty
        return list(session.scalars(select(EngagementItem.id).where(where).order_by(*ordered)))
    # Two plain queries instead of ORDER BY "column IS NULL": each can walk its index, which keeps
    # sorting 50,000 items quick; the items without a value come last either way.
    having = select(EngagementItem.id).where(where, column.is_not(None)).order_by(*ordered)
    lacking = select(EngagementItem.id).where(where, column.is_(None)).order_by(*ties)
    return [*session.scalars(having), *session.scalars(lacking)]


def search_texts(session: Session) -> dict[int, str]:
    """Every item's author, text and tags in lower case, by id: what a search as you type looks in.

    Read once as plain columns, a search over 50,000 items is a substring test per item in memory, far
    quicker than a LIKE over every row of the table at each key press.
    """
    item = EngagementItem
    rows = session.execute(select(item.id, item.author, item.text, item.tags))
    return {item_id: f"{author}\n{text}\n{tags}".casefold() for item_id, author, text, tags in rows}


def item_rows(session: Session, ids: Sequence[int]) -> dict[int, ItemRow]:
    """The table's rows for ``ids`` (a page of them), read as plain columns."""
    from smoplanner.store.posts.tables import Post

    item = EngagementItem
    query = (
        select(
            item.id,
            item.platform,
            item.kind,
            item.author,
            item.text,
            item.received_at,
            item.status,
            item.answered_at,
            item.assignee,
            item.sentiment,
            item.tags,
            item.link,
            func.coalesce(Post.title, ""),
            item.reply_used,
            item.due_at,
            item.response_minutes,
        )
        .outerjoin(Post, Post.id == item.post_id)
        .where(item.id.in_(list(ids)))
    )
    return {row[0]: ItemRow(*row) for row in session.execute(query)}  # type: ignore[call-arg]


def posts_near(session: Session, platform: str, when: datetime, days: int = 14) -> list[tuple[int, str, datetime]]:
    """The posts on ``platform`` in the ``days`` before ``when`` (and the day after): (id, title, time), latest
    first, the ones an item received then most likely belongs to."""
    from datetime import timedelta

    from smoplanner.store.posts.tables import Post, PostPlatform

    query = (
        select(Post.id, Post.title, Post.scheduled_at)
        .join(PostPlatform, PostPlatform.post_id == Post.id)
        .where(
            PostPlatform.platform == platform,
            Post.scheduled_at >= when - timedelta(days=days),
            Post.scheduled_at <= when + timedelta(days=1),
        )
        .order_by(Post.scheduled_at.desc())
    )
    return [(post_id, title, at) for post_id, title, at in session.execute(query) if at is not None]


def overdue_count(session: Session, now: datetime) -> int:
    """How many items still waiting have passed their target."""
    query = select(func.count()).where(
        EngagementItem.status.in_(OPEN_STATUSES), EngagementItem.due_at.is_not(None), EngagementItem.due_at < now
    )
    return session.scalar(query) or 0


def assignees(session: Session) -> list[str]:
    query = select(EngagementItem.assignee).where(EngagementItem.assignee != "").distinct()
    return sorted(session.scalars(query), key=str.casefold)


def platforms_in_use(session: Session) -> list[str]:
    return sorted(session.scalars(select(EngagementItem.platform).distinct()))


# -- the month's figures -------------------------------------------------------------------------


@dataclass(frozen=True)
class MonthFigures:
    """The month's response figures, with how the items split by platform, kind and sentiment."""

    figures: ResponseFigures
    by_platform: dict[str, int] = field(default_factory=dict)
    by_kind: dict[str, int] = field(default_factory=dict)
    by_sentiment: dict[str, int] = field(default_factory=dict)


def month_figures(session: Session, start: datetime, end: datetime, now: datetime | None = None) -> MonthFigures:
    """The figures of the items received in [start, end), counted in SQL from the stored times to answer."""
    now = now or datetime.now(UTC)
    item = EngagementItem
    in_month = (item.received_at >= start, item.received_at < end)
    targets = get_targets(session)
    late = case((and_(item.status.in_(OPEN_STATUSES), item.due_at < now), 1), else_=0)
    # One pass over the month's rows through the received_at index (a condition on the status would lead
    # SQLite to its index instead, and through nearly every row of the table).
    rows = session.execute(
        select(item.platform, item.kind, item.status, item.sentiment, item.response_minutes, late).where(*in_month)
    )
    received = needing = overdue = 0
    answers: list[tuple[int, int | None]] = []
    by_platform: dict[str, int] = {}
    by_kind: dict[str, int] = {}
    by_sentiment: dict[str, int] = {}
    for platform, kind, status, sentiment, minutes, is_late in rows:
        received += 1
        needing += status != "no_reply"
        overdue += is_late
        if status == "answered" and minutes is not None:
            answers.append((minutes, target_for(targets, platform, kind)))
        by_platform[platform] = by_platform.get(platform, 0) + 1
        by_kind[kind] = by_kind.get(kind, 0) + 1
        if sentiment:
            by_sentiment[sentiment] = by_sentiment.get(sentiment, 0) + 1
    figures = summarize(received, needing, answers, overdue)
    return MonthFigures(
        figures,
        dict(sorted(by_platform.items())),
        {k: by_kind[k] for k in KINDS if k in by_kind},
        {k: by_sentiment[k] for k in SENTIMENTS if k in by_sentiment},
    )


# -- saved replies -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reply:
    id: int
    name: str
    text: str


def saved_replies(session: Session) -> list[Reply]:
    return [Reply(r.id, r.name, r.text) for r in session.scalars(select(SavedReply).order_by(SavedReply.name))]


def save_reply(session: Session, name: str, text: str, reply_id: int | None = None) -> int:
    """Add a saved reply (or change the one ``reply_id``); returns its id. Names are unique."""
    name = name.strip()
    if not name:
        raise ValueError("a saved reply needs a name")
    clash = session.scalar(select(SavedReply.id).where(SavedReply.name == name))
    if clash is not None and clash != reply_id:
        raise ValueError(f"there is already a saved reply called “{name}”")
    row = session.get(SavedReply, reply_id) if reply_id is not None else None
    if row is None:
        row = SavedReply(name=name, text=text)
        if reply_id is not None:
            row.id = reply_id
        session.add(row)
    else:
        row.name, row.text = name, text
    session.flush()
    return row.id


def delete_reply(session: Session, reply_id: int) -> None:
    session.execute(delete(SavedReply).where(SavedReply.id == reply_id))
