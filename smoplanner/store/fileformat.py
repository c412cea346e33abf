"""What identifies a plan file on disk; importable without the database layer (the window needs it early)."""

import stat
from pathlib import Path

APPLICATION_ID = 0x534D4F50  # "SMOP"
SQLITE_MAGIC = b"SQLite format 3\x00"
EXTENSION = ".smoplan"


def holds_a_plan(path: Path) -> bool:
    """Whether writing to ``path`` would replace a plan: its name ends in .smoplan, or it is one under any name."""
    if path.suffix.lower() == EXTENSION:
        return True
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return False  # a folder, a FIFO (reading it would wait forever), a device: not a plan
        with path.open("rb") as fh:
            header = fh.read(72)
    except OSError:
        return False
    return header.startswith(SQLITE_MAGIC) and header[68:72] == APPLICATION_ID.to_bytes(4, "big")
