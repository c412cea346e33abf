"""The exact schema each file format has, and comparing a plan's schema with it.

A plan is a file from someone else, so its schema is untrusted: beyond tables, an index, a generated
column or a CHECK could run functions on open. smoplanner accepts a plan only when every object in
``sqlite_schema`` is exactly what its own migrations create for that revision. The expected schemas are
shipped in ``migrations/schemas.json`` (regenerate with ``python -m smoplanner.store.schema``; a test
fails when it no longer matches the migrations).
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from functools import cache
from importlib.resources import files
from pathlib import Path

from sqlalchemy import Engine

from smoplanner.store.models import load_all_tables

SchemaRow = tuple[str, str, str, str]  # type, name, table, normalised SQL


class SchemaTextError(ValueError):
    """An object in ``sqlite_schema`` whose name or SQL is not UTF-8 text (another program wrote it)."""


def schema_rows(con: sqlite3.Connection) -> set[SchemaRow]:
    """Every object of the schema; raises SchemaTextError where a cell is not readable text."""
    old_factory = con.text_factory
    con.text_factory = bytes  # bytes that are not UTF-8 are seen here, not raised while reading
    try:
        rows = con.execute("SELECT type, name, tbl_name, sql FROM sqlite_schema").fetchall()
    finally:
        con.text_factory = old_factory
    result: set[SchemaRow] = set()
    for row in rows:
        kind, name, table, sql = (_schema_text(cell, row[1]) for cell in row)
        result.add((kind, name, table, " ".join(sql.split())))
    return result


def _schema_text(cell: object, name: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, bytes):
        try:
            return cell.decode("utf-8")
        except UnicodeDecodeError:
            shown = name.decode("utf-8", "replace") if isinstance(name, bytes) else str(name)
            raise SchemaTextError(f"the definition of “{shown[:40]}” is not readable text") from None
    return str(cell)


@cache
def expected_schemas() -> dict[str, frozenset[SchemaRow]]:
    raw = json.loads(files("smoplanner.store.migrations").joinpath("schemas.json").read_text(encoding="utf-8"))
    return {rev: frozenset(tuple(row) for row in rows) for rev, rows in raw.items()}  # type: ignore[misc]


def _tables_first(row: SchemaRow) -> tuple[bool, SchemaRow]:
    return row[0] != "table", row


def describe_difference(actual: set[SchemaRow], expected: frozenset[SchemaRow]) -> str | None:
    """A short phrase naming the first unexpected or missing object, or None when they match."""
    extra = sorted(actual - expected, key=_tables_first)
    if extra:
        kind, name, table, _sql = extra[0]
        if (kind, name) in {(k, n) for k, n, _t, _s in expected}:
            return f"a changed {kind} “{name}”"
        return f"an extra {kind} “{name}” on “{table}”" if kind == "index" else f"an extra {kind} “{name}”"
    missing = sorted(expected - actual, key=_tables_first)
    if missing:
        kind, name, _table, _sql = missing[0]
        return f"the {kind} “{name}” is missing"
    return None


def build_snapshots() -> dict[str, list[list[str]]]:
    """The schema every revision's migrations produce, built from scratch in temporary files."""
    from smoplanner.store.migrate import REVISION_FORMATS, upgrade_to

    snapshots: dict[str, list[list[str]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for revision in REVISION_FORMATS:
            path = Path(tmp) / f"{revision}.sqlite"
            upgrade_to(path, revision)
            con = sqlite3.connect(path)
            try:
                snapshots[revision] = [list(row) for row in sorted(schema_rows(con))]
            finally:
                con.close()
    return snapshots


def exact_differences(con: sqlite3.Connection, revision: str) -> list[str]:
    """How a plan's schema differs from the exact schema ``revision``'s migrations create (empty when it is
    the same), in words; no Alembic needed."""
    expected = expected_schemas().get(revision)
    if expected is None:
        return [f"schema differs: unknown revision {revision}"]
    difference = describe_difference(schema_rows(con), expected)
    return [] if difference is None else [f"schema differs: {difference}"]


def schema_differences(engine: Engine) -> list[str]:
    """Differences between the plan's schema and the models, in words (empty when they agree).

    This compares through Alembic's autogenerate, so it loads Alembic: use it where the exact schema
    is not known (a plan upgraded in memory, whose rebuilt tables may be spelled differently)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diffs = compare_metadata(context, load_all_tables())
    return [f"schema differs: {d}" for d in diffs]


if __name__ == "__main__":
    target = Path(str(files("smoplanner.store.migrations").joinpath("schemas.json")))
    target.write_text(json.dumps(build_snapshots(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {target}")
