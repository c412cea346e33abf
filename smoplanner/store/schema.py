"""Compares a plan's tables with what this version of smoplanner expects."""

from __future__ import annotations

from sqlalchemy import Engine

from smoplanner.store.models import Base


def schema_differences(engine: Engine) -> list[str]:
    """Differences between the plan's schema and the models, in words (empty when they agree)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diffs = compare_metadata(context, Base.metadata)
    return [f"schema differs: {d}" for d in diffs]
