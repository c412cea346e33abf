"""Alembic migrations of the plan file, run programmatically on the working copy."""
