"""Working copies in the cache folder, and finding the unsaved edits a stopped smoplanner left in them."""

from __future__ import annotations

import glob
import hashlib
import json
import os
import time
import uuid
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from smoplanner.paths import cache_dir
from smoplanner.store.lock import pid_alive, this_host


@dataclass(frozen=True)
class Recovery:
    """Unsaved edits left in a working copy by a smoplanner that stopped without closing its plan."""

    work_path: Path
    info_path: Path
    target: Path | None
    name: str
    changed_at: str


def working_dir() -> Path:
    path = cache_dir() / "working"
    path.mkdir(parents=True, exist_ok=True)
    return path


def new_work_files() -> tuple[Path, Path]:
    """Fresh names for a working copy and its info file."""
    stem = uuid.uuid4().hex
    folder = working_dir()
    return folder / f"{stem}.sqlite", folder / f"{stem}.json"


def remove_work(work_path: Path, info_path: Path) -> None:
    for p in (work_path, work_path.with_name(work_path.name + "-journal"), info_path):
        with suppress(OSError):
            p.unlink(missing_ok=True)


def sweep_orphans(folder: Path, min_age_s: float = 600) -> None:
    """Remove working files no open plan owns: a working copy whose opening failed before its info file
    was written, or a copy read in from a plan that could not be opened. Young ones may belong to
    another smoplanner opening a plan right now, so they are left alone."""
    now = time.time()
    for path in folder.iterdir():
        stem = path.name.split(".", 1)[0]
        if (folder / f"{stem}.json").exists():
            continue
        with suppress(OSError):
            if now - path.stat().st_mtime > min_age_s:
                path.unlink()


def host_id() -> str:
    """A short, file-name-safe token for this computer (a host name may hold dots, spaces or worse)."""
    return hashlib.sha256(this_host().encode("utf-8", "replace")).hexdigest()[:8]


def saving_name(target: Path) -> Path:
    """The temporary file a save writes beside ``target``: ``.NAME.PID-HOST-RANDOM.saving``.

    The process id and host token in the name let a later open or save tell a snapshot left by a
    crashed save (its process is gone) from one a live save is writing right now."""
    return target.with_name(f".{target.name}.{os.getpid()}-{host_id()}-{uuid.uuid4().hex[:8]}.saving")


#: A ``.saving`` file of an older smoplanner names no process; it is taken for abandoned after this long.
UNNAMED_SAVE_AGE_S = 3600.0


def sweep_dead_saves(target: Path) -> list[Path]:
    """Remove the ``.NAME.….saving`` snapshots (and their ``-journal``) that crashed saves left beside
    ``target``: those of this computer whose process is gone, and nameless ones of an older smoplanner
    older than an hour. Another computer's are left alone (its save may be running on a shared folder).
    Returns what was removed."""
    removed: list[Path] = []
    prefix = f".{target.name}."
    try:
        candidates = list(target.parent.glob(glob.escape(prefix) + "*.saving*"))
    except OSError:
        return removed
    now = time.time()
    for path in candidates:
        stem, _, tail = path.name[len(prefix) :].partition(".saving")
        if tail not in ("", "-journal", "-wal", "-shm"):
            continue
        parts = stem.split("-")
        if len(parts) == 3 and parts[0].isdigit():
            pid, host = int(parts[0]), parts[1]
            if host != host_id() or pid == os.getpid() or pid_alive(pid):
                continue
        elif len(parts) == 1 and len(stem) == 8:  # .NAME.XXXXXXXX.saving: no process named
            try:
                if now - path.stat().st_mtime < UNNAMED_SAVE_AGE_S:
                    continue
            except OSError:
                continue
        else:
            continue
        with suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed


def find_recoverable() -> list[Recovery]:
    """Working copies with unsaved edits whose smoplanner is gone; clean working copies are removed."""
    found: list[Recovery] = []
    folder = working_dir()
    sweep_orphans(folder)
    for info_path in sorted(folder.glob("*.json")):
        work_path = info_path.with_suffix(".sqlite")
        try:
            info = json.loads(info_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if info.get("host") == this_host() and pid_alive(int(info.get("pid", 0))) and int(info.get("pid", 0)) != 0:
            continue
        if not info.get("dirty") or not work_path.exists():
            remove_work(work_path, info_path)
            continue
        target = info.get("target")
        found.append(
            Recovery(
                work_path=work_path,
                info_path=info_path,
                target=Path(target) if target else None,
                name=str(info.get("name") or "Untitled plan"),
                changed_at=str(info.get("changed_at", "")),
            )
        )
    return found
