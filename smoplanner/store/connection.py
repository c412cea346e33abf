"""Connections to a plan's SQLite file, hardened for files from someone else."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine, create_engine, event

#: How long a write waits for another connection's read or write to end (a save's snapshot, for one).
BUSY_TIMEOUT_S = 60.0


def harden(dbapi_connection: sqlite3.Connection, _record: object = None) -> None:
    """Settings for every connection to a file from someone else (sqlite.org/security.html)."""
    if hasattr(dbapi_connection, "setconfig"):  # Python 3.12+
        dbapi_connection.setconfig(sqlite3.SQLITE_DBCONFIG_DEFENSIVE, True)  # type: ignore[attr-defined]
        dbapi_connection.setconfig(sqlite3.SQLITE_DBCONFIG_TRUSTED_SCHEMA, False)  # type: ignore[attr-defined]
        dbapi_connection.setconfig(sqlite3.SQLITE_DBCONFIG_ENABLE_TRIGGER, False)  # type: ignore[attr-defined]
        dbapi_connection.setconfig(sqlite3.SQLITE_DBCONFIG_ENABLE_VIEW, False)  # type: ignore[attr-defined]
    dbapi_connection.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 0)
    dbapi_connection.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, 200_000_000)
    cursor = dbapi_connection.cursor()
    for pragma in (
        "trusted_schema=OFF",
        "cell_size_check=ON",
        "mmap_size=0",
        "foreign_keys=ON",
        "synchronous=FULL",
        "secure_delete=ON",
    ):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def make_engine(work_path: Path, *, read_only: bool = False) -> Engine:
    """The engine of a working copy. Its connections may be used from any thread, one thread at a time:
    a background task opens its own Session (and so its own pooled connection), never the GUI's."""
    engine = create_engine(
        f"sqlite:///{work_path}", connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_S}
    )
    event.listen(engine, "connect", harden)
    if read_only:
        # Every connection refuses writes, whatever statement a caller sends.
        event.listen(engine, "connect", lambda con, _rec: con.execute("PRAGMA query_only=ON"))
    return engine
