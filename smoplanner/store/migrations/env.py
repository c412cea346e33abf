"""Alembic environment: migrate the connection the PlanFile hands over, in batch mode for SQLite."""

from alembic import context

from smoplanner.store.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
