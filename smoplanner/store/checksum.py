"""A digest of a plan's saved content, kept inside the file (table ``plan_checksum``) and compared at open.

SQLite keeps no checksums of its own: a byte changed in a page, by a failing USB stick or by another
program, can leave a file that passes ``quick_check`` and opens with silently different content. Each save
writes into its snapshot the SHA-256 of a canonical dump of every other table, and opening recomputes it.

The dump is independent of how SQLite lays the rows out on disk (so ``VACUUM`` does not change it): tables in
name order, each with its column names, its rows ordered by primary key (all columns where a table has
none), each value with its storage class (NULL, integer, real as its exact hex, text as its bytes, blob).
``plan_checksum`` itself is left out, so writing the digest does not change what it digests;
``alembic_version`` is in (a changed schema version is a changed file). A plan with no digest row (made before
format 4's first save, or just upgraded) is accepted and gets one at its next save.
"""

from __future__ import annotations

import hashlib
import sqlite3
import struct

TABLE = "plan_checksum"


def content_digest(con: sqlite3.Connection) -> str:
    """The SHA-256 of the canonical dump of every table but ``plan_checksum`` (see the module's text)."""
    digest = hashlib.sha256()
    old_factory = con.text_factory
    con.text_factory = _Text  # the stored bytes, whatever they are: text that is not UTF-8 is hashed too
    try:
        tables = [
            bytes(row[0]).decode("utf-8", "surrogateescape")
            for row in con.execute(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                "ORDER BY name"
            )
        ]
        for table in tables:
            if table == TABLE:
                continue
            quoted = '"' + table.replace('"', '""') + '"'
            info = con.execute(f"PRAGMA table_info({quoted})").fetchall()
            columns = [bytes(c[1]).decode("utf-8", "surrogateescape") for c in info]
            keys = [name for _pk, name in sorted((c[5], columns[i]) for i, c in enumerate(info) if c[5])]
            order = ", ".join('"' + c.replace('"', '""') + '"' for c in (keys or columns))
            _add(digest, b"T", table.encode("utf-8", "surrogateescape"))
            for name in columns:
                _add(digest, b"C", name.encode("utf-8", "surrogateescape"))
            for row in con.execute(f"SELECT * FROM {quoted} ORDER BY {order}"):
                digest.update(b"R")
                for value in row:
                    _value(digest, value)
    finally:
        con.text_factory = old_factory
    return digest.hexdigest()


class _Text(bytes):
    """A text value's stored bytes (the connection's text_factory), told apart from a blob's."""


def _add(digest: hashlib._Hash, tag: bytes, data: bytes) -> None:
    digest.update(tag + struct.pack(">Q", len(data)) + data)


def _value(digest: hashlib._Hash, value: object) -> None:
    if value is None:
        digest.update(b"n")
    elif isinstance(value, int):
        _add(digest, b"i", str(value).encode("ascii"))
    elif isinstance(value, float):
        _add(digest, b"r", value.hex().encode("ascii"))
    elif isinstance(value, _Text):
        _add(digest, b"t", value)
    elif isinstance(value, bytes):
        _add(digest, b"b", value)
    else:  # sqlite3 returns nothing else; name it all the same rather than skip it
        _add(digest, b"?", repr(value).encode("utf-8", "replace"))


def stored_digest(con: sqlite3.Connection) -> str | None:
    """The digest the last save wrote, or None where the plan has no table or no row for it."""
    has_table = con.execute("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?", (TABLE,)).fetchone()
    if not has_table:
        return None
    old_factory = con.text_factory
    con.text_factory = bytes
    try:
        row = con.execute(f"SELECT content_sha256 FROM {TABLE} WHERE id = 1").fetchone()
    finally:
        con.text_factory = old_factory
    if row is None or row[0] is None:
        return None
    value = row[0]
    return value.decode("ascii", "replace") if isinstance(value, bytes) else str(value)


def write_digest(con: sqlite3.Connection) -> str:
    """Computes the digest of ``con``'s content and stores it as the one row of ``plan_checksum``."""
    value = content_digest(con)
    with con:
        con.execute(f"DELETE FROM {TABLE}")
        con.execute(f"INSERT INTO {TABLE} (id, content_sha256) VALUES (1, ?)", (value,))
    return value
