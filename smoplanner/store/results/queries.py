"""Reading and writing results: organic days (typed in or imported) and post-level results.

Every function works inside the caller's transaction and never commits, so an import is all or
nothing. Writes return what they replaced, so a command can undo them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date, datetime

from sqlalchemy import delete, select, tuple_
from sqlalchemy.orm import Session

from smoplanner.core.results import (
    MATCH_WINDOW,
    ORGANIC_FIELDS,
    OrganicDay,
    PaidDay,
    PostMatchCandidate,
    PostResult,
    match_posts,
    post_result_key,
    spread_paid,
)
from smoplanner.store.budget.campaigns import list_influencers
from smoplanner.store.budget.tables import ExpenseRow, PaidResultRow
from smoplanner.store.posts.tables import Post, PostPlatform
from smoplanner.store.results.tables import OrganicResultRow, PostResultRow

_CHUNK = 500
#: Every figure of an organic day an import may set (the others keep their values).
ORGANIC_VALUES = ("followers", *ORGANIC_FIELDS, "revenue_minor")


@dataclass(frozen=True, slots=True)
class MetricsImportResult:
    """What an import of results did; ``before`` lets a command take it back exactly."""

    added: int
    updated: int
    skipped: int
    unmatched: int = 0  # post results that match no calendar post (kept, and listed in the tab)
    organic_before: tuple[tuple[tuple[date, str], OrganicDay | None], ...] = ()
    post_ids_added: tuple[int, ...] = ()
    posts_before: tuple[tuple[int, PostResult], ...] = ()


#: OrganicDay's fields in order, each a column of the same name.
_ORGANIC_COLUMNS = tuple(f.name for f in fields(OrganicDay))


def _organic(row: OrganicResultRow) -> OrganicDay:
    return OrganicDay(
        day=row.day,
        platform=row.platform,
        followers=row.followers,
        new_followers=row.new_followers,
        reach=row.reach,
        impressions=row.impressions,
        engagements=row.engagements,
        clicks=row.clicks,
        profile_visits=row.profile_visits,
        conversions=row.conversions,
        revenue_minor=row.revenue_minor,
    )


def _write_organic(row: OrganicResultRow, day: OrganicDay, names: Iterable[str] = ORGANIC_VALUES) -> None:
    for name in names:
        setattr(row, name, getattr(day, name))


def organic_days(
    session: Session, start: date | None = None, end: date | None = None, platforms: Sequence[str] | None = None
) -> list[OrganicDay]:
    """The organic days in ``start``..``end`` (both optional), by day and platform."""
    # Plain columns, not ORM objects: years of daily rows read several times faster (the Results tab's first
    # chart waits for them).
    columns = [getattr(OrganicResultRow, name) for name in _ORGANIC_COLUMNS]
    query = select(*columns).order_by(OrganicResultRow.day, OrganicResultRow.platform)
    if start is not None:
        query = query.where(OrganicResultRow.day >= start)
    if end is not None:
        query = query.where(OrganicResultRow.day <= end)
    if platforms is not None:
        query = query.where(OrganicResultRow.platform.in_(list(platforms)))
    return [OrganicDay(*values) for values in session.execute(query)]


def set_organic_day(session: Session, day: OrganicDay) -> OrganicDay | None:
    """Write one day and platform's results (as typed in the grid); returns what was there before."""
    row = session.scalar(
        select(OrganicResultRow).where(OrganicResultRow.day == day.day, OrganicResultRow.platform == day.platform)
    )
    before = None if row is None else _organic(row)
    if row is None:
        row = OrganicResultRow(day=day.day, platform=day.platform)
        session.add(row)
    _write_organic(row, day)
    session.flush()
    return before


def restore_organic_day(session: Session, key: tuple[date, str], before: OrganicDay | None) -> None:
    """Put a day and platform back as it was (``before`` None: there was no row)."""
    day, platform = key
    row = session.scalar(
        select(OrganicResultRow).where(OrganicResultRow.day == day, OrganicResultRow.platform == platform)
    )
    if before is None:
        if row is not None:
            session.delete(row)
    else:
        if row is None:
            row = OrganicResultRow(day=day, platform=platform)
            session.add(row)
        _write_organic(row, before)
    session.flush()


def import_organic(
    session: Session,
    days: Sequence[OrganicDay],
    given: Iterable[str] = ORGANIC_VALUES,
    progress: Callable[[int, int], None] | None = None,
) -> MetricsImportResult:
    """Add or update organic days; only the figures named in ``given`` are taken from the records (a
    per-metric file sets one figure and leaves the others). A day whose figures are already the file's
    is skipped, so the same file imported twice changes nothing."""
    names = [name for name in ORGANIC_VALUES if name in set(given)]
    keys = list({(d.day, d.platform) for d in days})
    rows: dict[tuple[date, str], OrganicResultRow] = {}
    for start in range(0, len(keys), _CHUNK):
        chunk = keys[start : start + _CHUNK]
        for row in session.scalars(
            select(OrganicResultRow).where(tuple_(OrganicResultRow.day, OrganicResultRow.platform).in_(chunk))
        ):
            rows[(row.day, row.platform)] = row
    added = updated = skipped = 0
    before: dict[tuple[date, str], OrganicDay | None] = {}
    if progress is not None:
        progress(0, len(days))
    for index, day in enumerate(days, start=1):
        key = (day.day, day.platform)
        found = rows.get(key)
        if found is None:
            row = OrganicResultRow(day=day.day, platform=day.platform)
            _write_organic(row, OrganicDay(day.day, day.platform))
            session.add(row)
            rows[key] = row
            before.setdefault(key, None)
            added += 1
        elif all(getattr(found, name) == getattr(day, name) for name in names):
            skipped += 1
            continue
        else:
            row = found
            before.setdefault(key, _organic(row))
            updated += 1
        _write_organic(row, day, names)
        if progress is not None and index % _CHUNK == 0:
            session.flush()
            progress(index, len(days))
    session.flush()
    if progress is not None:
        progress(len(days), len(days))
    return MetricsImportResult(added, updated, skipped, organic_before=tuple(before.items()))


# --- post-level results --------------------------------------------------------------------------------


def _post_result(row: PostResultRow) -> PostResult:
    return PostResult(
        platform=row.platform,
        published_at=row.published_at,
        impressions=row.impressions,
        reach=row.reach,
        engagements=row.engagements,
        clicks=row.clicks,
        external_id=row.external_id,
        permalink=row.permalink,
        text=row.text,
        post_id=row.post_id,
        source_key=row.source_key,
    )


def _write_post_result(row: PostResultRow, result: PostResult) -> None:
    row.platform = result.platform
    row.published_at = result.published_at
    row.post_id = result.post_id
    row.external_id = result.external_id[:64]
    row.permalink, row.text = result.permalink, result.text
    row.impressions, row.reach = result.impressions, result.reach
    row.engagements, row.clicks = result.engagements, result.clicks
    row.source_key = result.source_key


def match_candidates(session: Session, start: datetime, end: datetime) -> list[PostMatchCandidate]:
    """The calendar posts published (or scheduled) in ``start``..``end`` or with a published URL."""
    query = select(Post.id, Post.scheduled_at, Post.published_url).where(
        ((Post.scheduled_at >= start) & (Post.scheduled_at <= end)) | (Post.published_url != "")
    )
    posts = session.execute(query).all()
    platforms: dict[int, set[str]] = {}
    ids = [p.id for p in posts]
    for first in range(0, len(ids), _CHUNK):
        for post_id, platform in session.execute(
            select(PostPlatform.post_id, PostPlatform.platform).where(
                PostPlatform.post_id.in_(ids[first : first + _CHUNK])
            )
        ):
            platforms.setdefault(post_id, set()).add(platform)
    return [
        PostMatchCandidate(p.id, frozenset(platforms.get(p.id, ())), p.scheduled_at, p.published_url) for p in posts
    ]


def import_post_results(
    session: Session, results: Sequence[PostResult], progress: Callable[[int, int], None] | None = None
) -> MetricsImportResult:
    """Add post-level results, each matched to its calendar post (by published URL, else platform and
    time within a few minutes). A post already imported gets the file's newer numbers (or is skipped
    when they are the same), so the same file twice adds nothing."""
    keyed = [replace(r, source_key=r.source_key or post_result_key(r)) for r in results]
    unique: dict[str, PostResult] = {}
    for r in keyed:
        unique[r.source_key] = r  # a post listed twice in one file: its last row
    keyed = list(unique.values())
    existing: dict[str, PostResultRow] = {}
    keys = list(unique)
    for first in range(0, len(keys), _CHUNK):
        for row in session.scalars(
            select(PostResultRow).where(PostResultRow.source_key.in_(keys[first : first + _CHUNK]))
        ):
            existing[row.source_key] = row
    if keyed:
        times = [r.published_at for r in keyed]
        candidates = match_candidates(session, min(times) - MATCH_WINDOW, max(times) + MATCH_WINDOW)
        matched = match_posts(keyed, candidates)
        keyed = [replace(r, post_id=post_id) for r, post_id in zip(keyed, matched, strict=True)]
    added_rows: list[PostResultRow] = []
    before: list[tuple[int, PostResult]] = []
    skipped = 0
    for index, result in enumerate(keyed, start=1):
        known = existing.get(result.source_key)
        if known is None:
            row = PostResultRow()
            _write_post_result(row, result)
            session.add(row)
            added_rows.append(row)
        else:
            old = _post_result(known)
            if replace(old, text=result.text) == replace(result, text=result.text):
                skipped += 1
                continue
            before.append((known.id, old))
            _write_post_result(known, result)
        if progress is not None and index % _CHUNK == 0:
            session.flush()
            progress(index, len(keyed))
    session.flush()
    return MetricsImportResult(
        added=len(added_rows),
        updated=len(before),
        skipped=skipped + (len(results) - len(keyed)),
        unmatched=sum(1 for r in keyed if r.post_id is None),
        post_ids_added=tuple(row.id for row in added_rows),
        posts_before=tuple(before),
    )


def undo_import(session: Session, result: MetricsImportResult) -> None:
    """Take an import back: organic days as they were, post results removed or given their old numbers."""
    for key, before in result.organic_before:
        restore_organic_day(session, key, before)
    ids = list(result.post_ids_added)
    for first in range(0, len(ids), _CHUNK):
        session.execute(delete(PostResultRow).where(PostResultRow.id.in_(ids[first : first + _CHUNK])))
    for row_id, old in result.posts_before:
        row = session.get(PostResultRow, row_id)
        if row is not None:
            _write_post_result(row, old)
    session.flush()


def post_results(session: Session, start: datetime | None = None, end: datetime | None = None) -> list[PostResult]:
    """The post-level results published in [``start``, ``end``), by time."""
    query = select(PostResultRow).order_by(PostResultRow.published_at, PostResultRow.id)
    if start is not None:
        query = query.where(PostResultRow.published_at >= start)
    if end is not None:
        query = query.where(PostResultRow.published_at < end)
    return [_post_result(row) for row in session.scalars(query)]


def results_of_post(session: Session, post_id: int) -> list[PostResult]:
    """How a calendar post did, one result per platform it was imported for."""
    rows = session.scalars(
        select(PostResultRow).where(PostResultRow.post_id == post_id).order_by(PostResultRow.platform)
    )
    return [_post_result(row) for row in rows]


def results_by_post(
    session: Session, start: datetime | None = None, end: datetime | None = None
) -> dict[int, tuple[PostResult, ...]]:
    """How each calendar post scheduled in [``start``, ``end``) did (both optional: every matched post),
    one result per platform, read in one query with only the figures (what the calendar's views show)."""
    columns = (
        PostResultRow.post_id,
        PostResultRow.platform,
        PostResultRow.published_at,
        PostResultRow.impressions,
        PostResultRow.reach,
        PostResultRow.engagements,
        PostResultRow.clicks,
    )
    query = select(*columns).where(PostResultRow.post_id.is_not(None))
    if start is not None or end is not None:
        query = query.join(Post, Post.id == PostResultRow.post_id)
        if start is not None:
            query = query.where(Post.scheduled_at >= start)
        if end is not None:
            query = query.where(Post.scheduled_at < end)
    out: dict[int, list[PostResult]] = {}
    for post_id, platform, at, impressions, reach, engagements, clicks in session.execute(
        query.order_by(PostResultRow.post_id, PostResultRow.platform, PostResultRow.id)
    ):
        assert post_id is not None  # only matched results are read
        out.setdefault(post_id, []).append(
            PostResult(
                platform,
                at,
                impressions=impressions,
                reach=reach,
                engagements=engagements,
                clicks=clicks,
                post_id=post_id,
            )
        )
    return {post_id: tuple(results) for post_id, results in out.items()}


def post_titles(session: Session, post_ids: Iterable[int]) -> dict[int, str]:
    """The title of each calendar post that has one (what the Results tab names a top post by)."""
    ids = list(set(post_ids))
    out: dict[int, str] = {}
    for first in range(0, len(ids), _CHUNK):
        for post_id, title in session.execute(
            select(Post.id, Post.title).where(Post.id.in_(ids[first : first + _CHUNK]), Post.title != "")
        ):
            out[post_id] = title
    return out


def post_result_figures(session: Session, platforms: Iterable[str]) -> list[PostResult]:
    """The post results of ``platforms`` with only their time and counts (no text, links or matches): what
    the best times to post are figured from, read without loading whole rows."""
    columns = (
        PostResultRow.platform,
        PostResultRow.published_at,
        PostResultRow.impressions,
        PostResultRow.reach,
        PostResultRow.engagements,
        PostResultRow.clicks,
    )
    query = select(*columns).where(PostResultRow.platform.in_(list(platforms))).order_by(PostResultRow.published_at)
    return [
        PostResult(platform, at, impressions=impressions, reach=reach, engagements=engagements, clicks=clicks)
        for platform, at, impressions, reach, engagements, clicks in session.execute(query)
    ]


def unmatched_post_results(session: Session, results: Sequence[PostResult]) -> list[PostResult]:
    """Which of ``results`` (as a file gave them) are in the plan matched to no calendar post, by time."""
    keys = list({r.source_key or post_result_key(r) for r in results})
    out: list[PostResult] = []
    for first in range(0, len(keys), _CHUNK):
        rows = session.scalars(
            select(PostResultRow).where(
                PostResultRow.source_key.in_(keys[first : first + _CHUNK]), PostResultRow.post_id.is_(None)
            )
        )
        out += [_post_result(row) for row in rows]
    return sorted(out, key=lambda r: (r.published_at, r.platform))


def post_pillars(session: Session, post_ids: Iterable[int]) -> dict[int, str]:
    """The content pillar's name of each calendar post that has one."""
    from smoplanner.store.posts.tables import ContentPillar

    ids = list(set(post_ids))
    out: dict[int, str] = {}
    for first in range(0, len(ids), _CHUNK):
        for post_id, name in session.execute(
            select(Post.id, ContentPillar.name)
            .join(ContentPillar, Post.pillar_id == ContentPillar.id)
            .where(Post.id.in_(ids[first : first + _CHUNK]))
        ):
            out[post_id] = name
    return out


# --- paid results and costs, as the chart needs them ------------------------------------------------------


def paid_days(session: Session, start: date | None = None, end: date | None = None) -> list[PaidDay]:
    """The paid results spread over their days; a period overlapping ``start``..``end`` gives only the
    days inside it."""
    query = select(PaidResultRow)
    if end is not None:
        query = query.where(PaidResultRow.start <= end)
    if start is not None:
        query = query.where(PaidResultRow.end >= start)
    out: list[PaidDay] = []
    for row in session.scalars(query):
        for day in spread_paid(
            row.start,
            row.end,
            platform=row.platform,
            campaign=row.campaign,
            spend_minor=row.spend_minor,
            impressions=row.impressions,
            reach=row.reach,
            clicks=row.link_clicks,
            conversions=row.results,
            revenue_minor=row.revenue_minor,
        ):
            if (start is None or day.day >= start) and (end is None or day.day <= end):
                out.append(day)
    return out


def other_costs(session: Session, start: date, end: date) -> int:
    """The costs outside the ad platforms in ``start``..``end``: expenses and paid influencer fees."""
    amounts = session.scalars(select(ExpenseRow.amount_minor).where(ExpenseRow.day >= start, ExpenseRow.day <= end))
    total = sum(int(a) for a in amounts)
    for influencer in list_influencers(session):
        day = influencer.day
        if influencer.paid_minor and day is not None and start <= day <= end:
            total += influencer.paid_minor
    return total


def other_cost_days(session: Session) -> list[tuple[date, int]]:
    """Every cost outside the ad platforms by day: expenses and paid influencer fees (for ROI)."""
    out = [(day, int(amount)) for day, amount in session.execute(select(ExpenseRow.day, ExpenseRow.amount_minor))]
    for influencer in list_influencers(session):
        if influencer.paid_minor and influencer.day is not None:
            out.append((influencer.day, influencer.paid_minor))
    return sorted(out)


def results_span(session: Session) -> tuple[date, date] | None:
    """The first and last day with any organic or paid result (None for a plan without results)."""
    from sqlalchemy import func

    first_o, last_o = session.execute(select(func.min(OrganicResultRow.day), func.max(OrganicResultRow.day))).one()
    first_p, last_p = session.execute(select(func.min(PaidResultRow.start), func.max(PaidResultRow.end))).one()
    firsts = [d for d in (first_o, first_p) if d is not None]
    lasts = [d for d in (last_o, last_p) if d is not None]
    if not firsts:
        return None
    return min(firsts), max(lasts)
