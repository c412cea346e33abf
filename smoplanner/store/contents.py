"""Checks every stored value of a plan against what the code assumes of it, before anything reads it.

A plan from someone else may have been written by another SQLite tool: a schema identical to ours can
still hold text in a money column, a float where a whole number belongs, a date that is not a date or
one in year 0 or 9999, bytes that are not UTF-8, an unknown time zone or currency, or no settings row
at all. SQLite stores any value in any column, so every one of these would reach the readers and end
in a traceback. Each problem is named by table, row and column, in words a user can pass on.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from smoplanner.core.dates import PLANNING_YEARS, YEARS_TEXT
from smoplanner.core.money import currency

#: The longest text a cell may hold where its column sets no length (a post's text, a bio, notes).
MAX_TEXT_CHARS = 1_000_000
#: The largest picture stored in a plan, in bytes.
MAX_BLOB_BYTES = 64 * 1024 * 1024
#: How many problems a check names before it stops looking.
MAX_PROBLEMS = 5


def content_problems(con: sqlite3.Connection) -> list[str]:
    """Every value that is not what its column promises (at most MAX_PROBLEMS), then the settings row's.

    The columns' types are read from the plan's own schema, which opening has already found identical to
    what smoplanner's migrations make: so the check needs none of the areas' models, and opening a plan
    does not wait for them to be imported.
    """
    problems: list[str] = []
    old_factory = con.text_factory
    con.text_factory = bytes  # so text that is not UTF-8 is seen here, not raised while reading
    try:
        tables = [
            row[0].decode("utf-8")
            for row in con.execute(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        for table in tables:
            for problem in _table_problems(con, table):
                problems.append(problem)
                if len(problems) >= MAX_PROBLEMS:
                    return problems
        if not problems and "plan_settings" in tables:
            problems.extend(_settings_problems(con))
    finally:
        con.text_factory = old_factory
    return problems


@dataclass(frozen=True)
class _Column:
    name: str
    kind: str  # integer, boolean, blob, datetime, date or text
    length: int | None  # a VARCHAR's length
    nullable: bool


_VARCHAR = re.compile(r"VARCHAR\((\d+)\)")
_KINDS = {"INTEGER": "integer", "BOOLEAN": "boolean", "BLOB": "blob", "DATETIME": "datetime", "DATE": "date"}


def _columns(con: sqlite3.Connection, table: str) -> list[_Column]:
    columns = []
    for _cid, name, declared, notnull, _default, pk in con.execute(f'PRAGMA table_info("{table}")'):
        declared = declared.decode("ascii") if isinstance(declared, bytes) else declared
        name = name.decode("utf-8") if isinstance(name, bytes) else name
        varchar = _VARCHAR.fullmatch(declared.upper())
        kind = _KINDS.get(declared.upper(), "text")
        nullable = not notnull and not (pk and kind == "integer")  # an INTEGER PRIMARY KEY is the rowid
        columns.append(_Column(name, kind, int(varchar.group(1)) if varchar else None, nullable))
    return columns


def _table_problems(con: sqlite3.Connection, table: str) -> Iterator[str]:
    columns = _columns(con, table)
    names = ", ".join(f'"{c.name}", typeof("{c.name}")' for c in columns)
    cursor = con.execute(f'SELECT rowid, {names} FROM "{table}"')  # names from a schema checked at open
    for row in cursor:
        rowid, cells = row[0], row[1:]
        for column, value, stored_as in zip(columns, cells[::2], cells[1::2], strict=True):
            problem = _value_problem(column, value, stored_as.decode("ascii"))
            if problem is not None:
                yield f"table {table}, row {rowid}: {column.name} {problem}"


def _value_problem(column: _Column, value: object, stored_as: str) -> str | None:
    """What is wrong with ``value`` (SQLite's ``typeof`` says ``stored_as``) in ``column``, or None."""
    if value is None:
        return None if column.nullable else "is empty"
    if column.kind == "boolean":
        return None if type(value) is int and value in (0, 1) else f"is {_shown(value)}, not yes or no"
    if column.kind == "integer":
        return None if type(value) is int else f"is {_shown(value)}, not a whole number"
    if column.kind == "blob":
        if stored_as != "blob" or not isinstance(value, bytes):
            return f"is {_shown(value)}, not a picture's bytes"
        return None if len(value) <= MAX_BLOB_BYTES else f"holds {len(value):,} bytes, more than smoplanner takes"
    if stored_as != "text" or not isinstance(value, bytes):  # every other column holds text
        return f"is {_shown(value)}, not text"
    try:
        text = value.decode("utf-8")
    except UnicodeDecodeError:
        return "holds bytes that are not UTF-8 text"
    if column.kind == "datetime":
        return _moment_problem(text)
    if column.kind == "date":
        return _day_problem(text)
    if column.length is not None and len(text) > column.length:
        return f"is {len(text):,} characters long, more than its {column.length:,}"
    if len(text) > MAX_TEXT_CHARS:
        return f"is {len(text):,} characters long, more than smoplanner's {MAX_TEXT_CHARS:,}"
    return None


def _day_problem(text: str) -> str | None:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return f"is {_shown(text)}, not a date"
    return None if day.year in PLANNING_YEARS else f"is {text}, outside the years {YEARS_TEXT}"


def _moment_problem(text: str) -> str | None:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return f"is {_shown(text)}, not a date and time"
    if moment.tzinfo is not None:
        return f"is {_shown(text)}, a time with an offset where UTC is kept without one"
    return None if moment.year in PLANNING_YEARS else f"is {text}, outside the years {YEARS_TEXT}"


def _settings_problems(con: sqlite3.Connection) -> list[str]:
    rows = con.execute("SELECT id, timezone, currency FROM plan_settings").fetchall()
    if len(rows) != 1 or rows[0][0] != 1:
        return [f"table plan_settings holds {len(rows)} rows where it holds exactly one, numbered 1"]
    problems = []
    zone, code = (cell.decode("utf-8") for cell in rows[0][1:])
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(f"table plan_settings, row 1: timezone {_shown(zone)} is not a time zone")
    try:
        currency(code)
    except ValueError:
        problems.append(f"table plan_settings, row 1: currency {_shown(code)} is not a currency smoplanner knows")
    return problems


def _shown(value: object) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    if isinstance(value, float):
        return f"the decimal number {value!r}"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "…"
