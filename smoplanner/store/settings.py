"""Reading and changing the plan settings and the platforms in use, on a caller's Session."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy import table as sa_table
from sqlalchemy.orm import Session

from smoplanner.core.plan_settings import PlanSettingsData, PlatformEntry, SettingsError, validate
from smoplanner.store.models import PlanSettings, Platform, money_columns


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
    if data.currency != row.currency:
        _rescale_money(session, row.currency, data.currency)
    row.business_name = data.business_name
    row.website = data.website
    row.keywords = "\n".join(data.keywords)
    row.currency = data.currency
    row.timezone = data.timezone
    row.locale = data.locale
    _write_platforms(session, data.platforms)
    return data


def _rescale_money(session: Session, old_code: str, new_code: str) -> None:
    """Keep every amount's value when the currency's number of decimals changes (EUR 12.50 -> CHF 12.50).

    Changing the currency relabels the plan's amounts; it does not convert them. An amount the new
    currency cannot hold (12.50 in JPY, which has no decimals) is refused, naming it.
    """
    from smoplanner.core.money import currency, from_minor

    old, new = currency(old_code), currency(new_code)
    shift = new.exponent - old.exponent
    if shift == 0:
        return
    for column in money_columns():
        if shift < 0:
            divisor = 10**-shift
            odd = session.scalar(select(column).where(column % divisor != 0).limit(1))
            if odd is not None:
                raise SettingsError(
                    "currency",
                    f"The plan has an amount of {from_minor(odd, old)} {old.code}, which {new.code} cannot "
                    f"hold ({new.code} has {new.exponent} decimals). Change such amounts first.",
                )
            session.execute(update(column.class_).values({column.key: column // divisor}))
        else:
            session.execute(update(column.class_).values({column.key: column * 10**shift}))


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


#: The plan's own tables a user knows about, named as in "6 platforms in use"; each area names its own.
HOLDINGS: dict[str, tuple[str, str]] = {"platforms": ("platform in use", "platforms in use")}


def describe_holdings(counts: dict[str, int]) -> list[str]:
    """``["6 platforms in use", "1 profile", …]`` for the tables a user knows about, area by area."""
    from smoplanner.areas import AREAS

    named = dict(HOLDINGS)
    for area in AREAS:
        named.update((table, (one, many)) for table, one, many in area.holdings)
    parts = []
    for table, (one, many) in named.items():
        if table in counts:
            n = counts[table]
            parts.append(f"{n} {one if n == 1 else many}")
    return parts


def table_counts(session: Session) -> dict[str, int]:
    """How many rows each table a user knows about holds (those ``describe_holdings`` names), for the
    Overview and `check`; by name, so the areas' models need not be imported for it."""
    from smoplanner.areas import AREAS

    names = list(HOLDINGS)
    names += [table for area in AREAS for table, _one, _many in area.holdings]
    return {name: session.scalar(select(func.count()).select_from(sa_table(name))) or 0 for name in names}
