"""Alembic environment: migrate the connection the PlanFile hands over, in batch mode for SQLite."""

from alembic import context

from smoplanner.store.models import load_all_tables

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=load_all_tables(),
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
