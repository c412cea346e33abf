"""Content pillars: the themes a business posts about, their colours and target shares, and the month's mix."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from smoplanner.store.posts.rows import Pillar, PillarShare, PillarSnapshot
from smoplanner.store.posts.tables import ContentPillar, Post

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


def validate_pillar(session: Session, name: str, color: str, target_percent: int, own_id: int | None) -> str:
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
    name = validate_pillar(session, name, color, target_percent, None)
    position = (session.scalar(select(func.max(ContentPillar.position))) or 0) + 1
    row = ContentPillar(name=name, color=color.upper(), target_percent=target_percent, position=position)
    session.add(row)
    session.flush()
    return row.id


def update_pillar(session: Session, pillar_id: int, name: str, color: str, target_percent: int) -> None:
    row = session.get(ContentPillar, pillar_id)
    if row is None:
        raise LookupError(f"there is no content pillar {pillar_id}")
    row.name = validate_pillar(session, name, color, target_percent, pillar_id)
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


def pillar_ids_by_name(session: Session, names: Iterable[str]) -> dict[str, int]:
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
