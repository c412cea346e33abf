"""Writing files so they are whole on disk: fsync, an atomic replace, and a fingerprint of what was written."""

from __future__ import annotations

import hashlib
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class Fingerprint:
    """What the file on disk looked like when we last read or wrote it."""

    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of(cls, path: Path) -> Fingerprint:
        st = path.stat()
        return cls(st.st_size, st.st_mtime_ns, sha256(path))

    def matches(self, path: Path) -> bool:
        """Whether ``path`` still holds what was read or written. A different size tells at once; an equal
        size and time do not (``cp -p``, ``rsync -t`` and FAT's 2-second times copy or round the time), so
        then the content is compared with the recorded hash."""
        try:
            st = path.stat()
        except FileNotFoundError:
            return False
        return st.st_size == self.size and sha256(path) == self.sha256


def fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDWR if sys.platform == "win32" else os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def replace(source: Path, target: Path) -> None:
    """os.replace, retried for a moment on Windows, where a virus scanner or sync client may hold the file."""
    for attempt in range(10):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if sys.platform != "win32" or attempt == 9:
                raise
            time.sleep(0.2)


def fsync_dir(path: Path) -> None:
    """Make a rename in ``path`` durable (a no-op on Windows, which cannot open a folder for fsync)."""
    if sys.platform == "win32":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
