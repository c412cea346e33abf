"""CSV files a spreadsheet opens safely: UTF-8 with BOM, RFC 4180 quoting, CRLF, no formulas.

A text cell that a spreadsheet would run as a formula (starting with ``= + - @``, TAB, CR or LF, per
OWASP "CSV Injection") gets a ``'`` in front. A text that already starts with ``'`` and then a trigger
gets one more, so ``restore_cell`` can always give the original back. Numbers passed as int or Decimal
are written as numbers, so ``-12.50`` stays a negative amount.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path

__all__ = [
    "FORMULA_TRIGGERS",
    "csv_bytes",
    "new_file_mode",
    "restore_cell",
    "safe_cell",
    "write_csv",
    "write_text_atomically",
]

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


def _needs_guard(text: str) -> bool:
    return text.lstrip("'").startswith(FORMULA_TRIGGERS)


def safe_cell(value: object) -> str:
    """The text of one cell, with a ``'`` in front of anything a spreadsheet would evaluate."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, float):
        return repr(value)
    text = str(value)
    return "'" + text if _needs_guard(text) else text


def restore_cell(text: str) -> str:
    """The original text of a cell written by ``safe_cell`` (the ``'`` guard removed)."""
    if text.startswith("'") and _needs_guard(text[1:]):
        return text[1:]
    return text


def _umask() -> int:
    """The process's umask, read without changing it where the system tells (Linux), else set and put back."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def new_file_mode(target: Path) -> int:
    """The permissions an exported file gets: those of the file it replaces, else what the user's umask
    gives a new file (``0o644`` under the usual ``022``), as any program's new file gets them."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        return 0o666 & ~_umask()


def write_text_atomically(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file, so a failed export leaves nothing behind.

    The temporary file is private while it is written (``mkstemp`` makes it 0600); the finished file gets
    the permissions a new file of the user's gets (``new_file_mode``)."""
    target = Path(path)
    handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.chmod(temp_name, new_file_mode(target))
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def csv_bytes(
    header: Sequence[object] | None,
    rows: Iterable[Sequence[object]],
    *,
    bom: bool = True,
    guard: bool = True,
    quote_all: bool = False,
) -> bytes:
    """The encoded CSV text (UTF-8, CRLF line ends, RFC 4180 quoting)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    cell = safe_cell if guard else (lambda value: "" if value is None else str(value))
    if header is not None:
        writer.writerow([cell(value) for value in header])
    for row in rows:
        writer.writerow([cell(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig" if bom else "utf-8")


def write_csv(path: str | os.PathLike[str], header: Sequence[object], rows: Iterable[Sequence[object]]) -> None:
    """Write a spreadsheet-safe CSV: UTF-8 with BOM, RFC 4180 quoting, CRLF, guarded formulas."""
    write_text_atomically(path, csv_bytes(header, rows))
