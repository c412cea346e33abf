"""Reading and changing the plan settings and the platforms in use, on a caller's Session."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from smoplanner.core.plan_settings import PlanSettingsData, PlatformEntry, validate
from smoplanner.store.models import Base, PlanSettings, Platform


def init_settings(session: Session, data: PlanSettingsData) -> None:
    """Write the settings of a brand-new plan."""
    data = validate(data)
    session.add(
        PlanSettings(
            id=1,
            doc_uuid=str(uuid.uuid4()),
            business_name=data.business_name,
            website=data.website,
            keywords="\n".join(data.keywords),
            currency=data.currency,
            timezone=data.timezone,
            locale=data.locale,
            created_at=datetime.now(UTC),
        )
    )
    _write_platforms(session, data.platforms)


def get_settings(session: Session) -> PlanSettingsData:
    row = session.get(PlanSettings, 1)
    if row is None:
        raise LookupError("the plan has no settings row")
    platforms = session.scalars(select(Platform).order_by(Platform.position, Platform.id)).all()
    return PlanSettingsData(
        business_name=row.business_name,
        website=row.website,
        keywords=tuple(k for k in row.keywords.split("\n") if k),
        currency=row.currency,
        timezone=row.timezone,
        locale=row.locale,
        platforms=tuple(PlatformEntry(p.code, p.name, p.custom) for p in platforms),
    )


def update_settings(session: Session, data: PlanSettingsData) -> PlanSettingsData:
    """Replace the settings (platforms included) with ``data``; returns what was stored."""
    data = validate(data)
    row = session.get(PlanSettings, 1)
    if row is None:
        raise LookupError("the plan has no settings row")
    row.business_name = data.business_name
    row.website = data.website
    row.keywords = "\n".join(data.keywords)
    row.currency = data.currency
    row.timezone = data.timezone
    row.locale = data.locale
    _write_platforms(session, data.platforms)
    return data


def _write_platforms(session: Session, platforms: tuple[PlatformEntry, ...]) -> None:
    existing = {p.code: p for p in session.scalars(select(Platform))}
    wanted = [p.code for p in platforms]
    gone = [code for code in existing if code not in wanted]
    if gone:
        session.execute(delete(Platform).where(Platform.code.in_(gone)))
    for position, entry in enumerate(platforms):
        row = existing.get(entry.code)
        if row is None:
            session.add(Platform(code=entry.code, name=entry.name, custom=entry.custom, position=position))
        else:
            row.name, row.custom, row.position = entry.name, entry.custom, position
    session.flush()


def doc_uuid(session: Session) -> str:
    return session.scalars(select(PlanSettings.doc_uuid).where(PlanSettings.id == 1)).one()


#: What a table's rows are called when telling a user what a plan holds (tables not named are details).
HOLDINGS: dict[str, tuple[str, str]] = {
    "platforms": ("platform in use", "platforms in use"),
    "profiles": ("profile", "profiles"),
    "posts": ("post", "posts"),
    "content_pillars": ("content pillar", "content pillars"),
    "hashtag_groups": ("hashtag group", "hashtag groups"),
    "images": ("picture", "pictures"),
}


def describe_holdings(counts: dict[str, int]) -> list[str]:
    """``["6 platforms in use", "1 profile", …]`` for the tables a user knows about."""
    parts = []
    for table, (one, many) in HOLDINGS.items():
        if table in counts:
            n = counts[table]
            parts.append(f"{n} {one if n == 1 else many}")
    return parts


def table_counts(session: Session) -> dict[str, int]:
    """How many rows each table holds, for the overview and `check`."""
    return {
        name: session.scalar(select(func.count()).select_from(table)) or 0
        for name, table in Base.metadata.tables.items()
    }
