"""The file format versions and the Alembic migrations between them, run on a working copy.

Alembic is imported only here, and only when a schema is built or upgraded: opening a plan of the
current format (the window, ``smoplanner check`` and ``report``) never loads it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from smoplanner.store.connection import make_engine
from smoplanner.store.errors import PlanMigrationError
from smoplanner.store.fileformat import APPLICATION_ID

#: Alembic revision -> file format version (PRAGMA user_version). The last one is the head.
REVISION_FORMATS: dict[str, int] = {
    "0001_initial": 1,
    "0002_profiles": 2,
    "0003_posts": 3,
    "0004_checksum": 4,
    "0005_engagement": 5,
    "0006_budget": 6,
    "0007_results": 7,
    "0008_media": 8,
}
HEAD_REVISION = next(reversed(REVISION_FORMATS))
FORMAT_VERSION = REVISION_FORMATS[HEAD_REVISION]


def alembic_config(connection: object) -> object:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", "smoplanner.store:migrations")
    cfg.attributes["connection"] = connection
    return cfg


def upgrade(work_path: Path) -> None:
    """Run the migrations on a working copy (foreign keys off meanwhile: batch mode rebuilds tables)."""
    from alembic import command

    engine = make_engine(work_path)
    try:
        with engine.connect() as conn:
            # pysqlite issues no BEGIN for a PRAGMA, so this takes effect before the migration starts.
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.commit()
            with conn.begin():
                command.upgrade(alembic_config(conn), "head")  # type: ignore[arg-type]
            problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise PlanMigrationError(f"{len(problems)} rows lost their links during the upgrade")
            conn.exec_driver_sql(f"PRAGMA user_version={FORMAT_VERSION}")
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")
            conn.commit()
    finally:
        engine.dispose()


def create_schema(work_path: Path) -> None:
    """A new, empty plan of the current format: the migrations from nothing, identity pragmas set."""
    con = sqlite3.connect(work_path)
    try:
        con.execute(f"PRAGMA application_id={APPLICATION_ID}")
        con.execute("PRAGMA journal_mode=DELETE")
        con.commit()
    finally:
        con.close()
    upgrade(work_path)


def upgrade_to(work_path: Path, revision: str) -> None:
    """Build a plan schema at an older revision (for tests that make old-format files)."""
    from alembic import command

    con = sqlite3.connect(work_path)
    con.execute(f"PRAGMA application_id={APPLICATION_ID}")
    con.execute(f"PRAGMA user_version={REVISION_FORMATS[revision]}")
    con.commit()
    con.close()
    engine = make_engine(work_path)
    try:
        with engine.connect() as conn, conn.begin():
            command.upgrade(alembic_config(conn), revision)  # type: ignore[arg-type]
    finally:
        engine.dispose()
