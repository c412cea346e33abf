"""The lock file beside an open plan, naming who holds it, so a second opener is warned."""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
import sys
import time
from datetime import datetime
from pathlib import Path

from smoplanner.store.errors import LockInfo, PlanLockedError


def lock_path_for(target: Path) -> Path:
    return target.with_name(f".~lock.{target.name}#")


def this_host() -> str:
    return socket.gethostname()


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # getuser raises various errors when no user name can be found
        return "someone"


def pid_alive(pid: int) -> bool:
    """Whether a process with this id still runs on this computer."""
    if pid <= 0:
        return False
    if sys.platform == "win32":  # os.kill(pid, 0) would send CTRL_C_EVENT on Windows
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            # Only "no such process" means gone; "access denied" is another user's live process.
            return kernel32.GetLastError() != 87  # ERROR_INVALID_PARAMETER
        try:
            code = ctypes.c_ulong()
            if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
                return True
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def read_lock(target: Path) -> LockInfo | None:
    """Who holds ``target`` open, or None when nobody does (or the lock file is unreadable)."""
    return _read_info(lock_path_for(target))


def _read_info(lock_file: Path) -> LockInfo | None:
    try:
        raw = json.loads(lock_file.read_text(encoding="utf-8"))
        return LockInfo(
            user=str(raw["user"]),
            host=str(raw["host"]),
            pid=int(raw["pid"]),
            since=str(raw["since"]),
            this_host=str(raw["host"]) == this_host(),
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        # A lock we cannot read still says someone may hold the file; treat it as held by an unknown host.
        return LockInfo(user="someone", host="unknown computer", pid=0, since="unknown", this_host=False)


class PlanLock:
    """A LibreOffice-style ``.~lock.NAME#`` file: created atomically, removed only by its owner."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.path = lock_path_for(target)
        self.held = False

    def _content(self) -> bytes:
        data = {
            "user": _user(),
            "host": this_host(),
            "pid": os.getpid(),
            "since": datetime.now().astimezone().strftime("%Y-%m-%d %H:%M"),
            "app": "smoplanner",
        }
        return json.dumps(data).encode("utf-8")

    def acquire(self, *, break_existing: bool = False) -> str | None:
        """Take the lock; returns a notice when a stale lock was taken over.

        Raises PlanLockedError when a live process (or another computer) holds it, unless
        ``break_existing`` is set because the user chose to open it anyway.
        """
        notice = None
        for _attempt in range(2):
            if self._create():
                self.held = True
                if sys.platform == "win32":
                    _hide_on_windows(self.path)
                return notice
            info = read_lock(self.target)
            if info is None:
                continue
            stale = info.this_host and info.pid != os.getpid() and not pid_alive(info.pid)
            if stale:
                notice = (
                    f"{self.target.name} was not closed properly last time (smoplanner stopped while "
                    f"it was open); it is yours again."
                )
            elif not break_existing and not self._abandoned_empty():
                raise PlanLockedError(self.target, info)
            self._move_aside(info)
        info = read_lock(self.target)
        raise PlanLockedError(self.target, info or LockInfo("someone", "unknown computer", 0, "unknown", False))

    def _create(self) -> bool:
        """Create the lock file with its content in one step; False when it exists already."""
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(self._content())
        try:
            os.link(tmp, self.path)  # atomic: a reader never sees a half-written lock
            return True
        except FileExistsError:
            return False
        except OSError:
            pass  # no hard links here (FAT on a USB stick): create exclusively, then write
        finally:
            tmp.unlink(missing_ok=True)
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            return False
        try:
            os.write(fd, self._content())
        finally:
            os.close(fd)
        return True

    def _move_aside(self, judged: LockInfo) -> None:
        """Remove the lock we judged stale (or chose to break), unless another opener replaced it meanwhile.

        Renaming is atomic, so of two openers taking over the same stale lock only one moves it; the
        other then finds the first one's fresh lock, puts it back and reports it as held.
        """
        aside = self.path.with_name(f"{self.path.name}.{os.getpid()}.{time.monotonic_ns()}.old")
        try:
            os.rename(self.path, aside)
        except FileNotFoundError:
            return  # someone removed it already; try to create ours
        moved = _read_info(aside)
        if moved is not None and (moved.pid, moved.host, moved.since) != (judged.pid, judged.host, judged.since):
            with contextlib.suppress(OSError):
                os.link(aside, self.path)  # put the fresh lock back where it was
            aside.unlink(missing_ok=True)
            raise PlanLockedError(self.target, moved)
        aside.unlink(missing_ok=True)

    def _abandoned_empty(self) -> bool:
        """An empty lock file left by a process that died while creating it (only without hard links)."""
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return True
        return st.st_size == 0 and time.time() - st.st_mtime > 5

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        info = read_lock(self.target)
        if info is not None and info.this_host and info.pid == os.getpid():
            self.path.unlink(missing_ok=True)


def _hide_on_windows(path: Path) -> None:
    import ctypes

    ctypes.windll.kernel32.SetFileAttributesW(str(path), 0x02)  # type: ignore[attr-defined]
