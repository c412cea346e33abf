"""The plan file's tables as SQLAlchemy 2.x typed models."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Boolean, DateTime, Integer, MetaData, String, Text, TypeDecorator
from sqlalchemy.orm import DeclarativeBase, InstrumentedAttribute, Mapped, mapped_column

# Named constraints from the first version on, so later batch migrations can drop and alter them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime kept as UTC in the file, so a time is never ambiguous across zones and DST."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("a naive datetime cannot be stored; give it a time zone")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class PlanSettings(Base):
    """The plan's single settings row (id 1)."""

    __tablename__ = "plan_settings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doc_uuid: Mapped[str] = mapped_column(String(36))
    business_name: Mapped[str] = mapped_column(String(200))
    website: Mapped[str] = mapped_column(String(500), default="")
    keywords: Mapped[str] = mapped_column(Text, default="")
    currency: Mapped[str] = mapped_column(String(3))
    timezone: Mapped[str] = mapped_column(String(64))
    locale: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class PlanChecksum(Base):
    """A digest of everything else the saved file holds (one row, id 1), written by each save and compared at
    open: SQLite has no checksums of its own, so a byte changed outside smoplanner would otherwise go unseen."""

    __tablename__ = "plan_checksum"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    content_sha256: Mapped[str] = mapped_column(String(64))


class Platform(Base):
    """A platform the business uses: a known code or a custom one."""

    __tablename__ = "platforms"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    custom: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)


def load_all_tables() -> MetaData:
    """The metadata with every area's tables in it (each area's tables module, imported from ``AREAS``).

    The areas' modules import this one, never the other way round at import time: whatever needs the
    whole schema (comparing it with a plan's, migrations, counting rows, rescaling money) calls this.
    """
    from smoplanner.areas import AREAS, resolve

    for area in AREAS:
        if area.tables is not None:
            resolve(area.tables)
    return Base.metadata


def money_columns() -> list[InstrumentedAttribute[int]]:
    """Every column holding money in minor units of the plan's currency: those declared with
    ``mapped_column(..., info={"money": True})``, found in the metadata. Changing the plan's currency
    rescales them when the new currency's number of decimals differs.
    """
    load_all_tables()
    return [
        getattr(mapper.class_, mapper.get_property_by_column(column).key)
        for mapper in sorted(Base.registry.mappers, key=lambda m: m.class_.__name__)
        for column in mapper.local_table.columns
        if column.info.get("money")
    ]
