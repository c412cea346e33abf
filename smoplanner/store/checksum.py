"""A digest of a plan's saved content, kept inside the file (table ``plan_checksum``) and compared at open.

SQLite keeps no checksums of its own: a byte changed in a page, by a failing USB stick or by another
program, can leave a file that passes ``quick_check`` and opens with silently different content. Each save
writes into its snapshot the SHA-256 of a canonical dump of every other table, and opening recomputes it.

The dump is independent of how SQLite lays the rows out on disk (so ``VACUUM`` does not change it): tables in
name order, each with its column names, its rows ordered by primary key (all columns where a table has
none), each row as its Python literal, which keeps each value's storage class (NULL, integer, real (a
float's repr is exact), text (bytes that are not UTF-8 kept as escapes), blob).
``plan_checksum`` itself is left out, so writing the digest does not change what it digests;
``alembic_version`` is in (a changed schema version is a changed file). A plan with no digest row (made before
format 4's first save, or just upgraded) is accepted and gets one at its next save.
"""

from __future__ import annotations

import hashlib
import sqlite3

TABLE = "plan_checksum"


def content_digest(con: sqlite3.Connection) -> str:
    """The SHA-256 of the canonical dump of every table but ``plan_checksum`` (see the module's text)."""
    digest = hashlib.sha256()
    old_factory = con.text_factory
    try:
        con.text_factory = _lenient_text
        tables = [
            row[0]
            for row in con.execute(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                "ORDER BY name"
            )
        ]
        for table in tables:
            if table == TABLE:
                continue
            quoted = _quoted(table)
            info = con.execute(f"PRAGMA table_info({quoted})").fetchall()
            columns = [c[1] for c in info]
            keys = [name for _pk, name in sorted((c[5], c[1]) for c in info if c[5])]
            order = ", ".join(_quoted(c) for c in (keys or columns))
            digest.update(_encoded((table, columns)))
            query = f"SELECT * FROM {quoted} ORDER BY {order}"
            pictures = any("BLOB" in str(c[2]).upper() for c in info)
            try:
                con.text_factory = str  # fast, in C; raises on text that is not UTF-8
                digest.update(_table_digest(con, query, pictures))
            except sqlite3.OperationalError as exc:
                if "decode" not in str(exc).lower():
                    raise
                con.text_factory = _lenient_text  # the same dump, bytes that are not UTF-8 kept as escapes
                digest.update(_table_digest(con, query, pictures))
            con.text_factory = _lenient_text
    finally:
        con.text_factory = old_factory
    return digest.hexdigest()


def _table_digest(con: sqlite3.Connection, query: str, pictures: bool) -> bytes:
    """The digest of a table's rows: their Python literal form (repr), which keeps each value's type
    (1, 1.0, '1' and b'1' differ; a float's repr is exact), fetched and hashed in batches. In a table with
    a BLOB column (pictures), each blob stands as ("blob", its SHA-256): hashing megabytes is much faster
    than spelling them out, and no stored value is a tuple, so nothing else reads the same."""
    digest = hashlib.sha256()
    cursor = con.execute(query)
    while rows := cursor.fetchmany(500):
        if pictures:
            rows = [tuple(_blob_digest(v) if type(v) is bytes else v for v in row) for row in rows]
        digest.update(_encoded(rows))
    return digest.digest()


def _blob_digest(data: bytes) -> tuple[str, str]:
    return ("blob", hashlib.sha256(data).hexdigest())


def _lenient_text(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


def _encoded(value: object) -> bytes:
    return repr(value).encode("utf-8")  # repr escapes surrogates, so this never fails


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


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
