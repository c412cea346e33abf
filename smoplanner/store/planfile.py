"""The plan file on disk: opened through a working copy, saved atomically, locked, migrated, recovered.

SQLite's advice for application file formats, as Anki and LibreOffice practise it: the user's
``.smoplan`` is only ever read whole (backup API) or replaced whole (``VACUUM INTO`` a temporary
file beside it, fsync, atomic rename). All editing happens in a working copy in the cache folder,
committed at once, so a crash loses nothing and the next start can offer to recover it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
import sqlite3
import stat
import struct
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from sqlalchemy.orm import Session, sessionmaker

from smoplanner.core.plan_settings import PlanSettingsData
from smoplanner.store import atomic, migrate
from smoplanner.store.atomic import Fingerprint
from smoplanner.store.connection import BUSY_TIMEOUT_S, harden, make_engine
from smoplanner.store.errors import (
    NotAPlanError,
    NotSQLiteError,
    PlanChangedOutsideError,
    PlanDamagedError,
    PlanError,
    PlanMigrationError,
    PlanNotFoundError,
    PlanReadOnlyError,
    PlanSaveError,
    PlanTooNewError,
    PlanUnreadableError,
    UnexpectedSchemaError,
)
from smoplanner.store.fileformat import APPLICATION_ID, SQLITE_MAGIC
from smoplanner.store.lock import PlanLock
from smoplanner.store.migrate import FORMAT_VERSION, HEAD_REVISION, REVISION_FORMATS, upgrade_to
from smoplanner.store.recovery import (
    Recovery,
    find_recoverable,
    new_work_files,
    remove_work,
    saving_name,
    sweep_dead_saves,
    working_dir,
)
from smoplanner.store.schema import SchemaTextError, describe_difference, expected_schemas, schema_rows

__all__ = [
    "APPLICATION_ID",
    "FORMAT_VERSION",
    "HEAD_REVISION",
    "REVISION_FORMATS",
    "Fingerprint",
    "LockMode",
    "PlanFile",
    "Progress",
    "Recovery",
    "SaveResult",
    "check_header",
    "integrity_report",
    "schema_report",
    "upgrade_to",
    "working_dir",
]

#: ``progress(done, total)``: how far a long step is; it may raise to stop the step (nothing is changed then).
Progress = Callable[[int, int], None]


LockMode = Literal["acquire", "break", "readonly", "copy", "none"]


@dataclass(frozen=True)
class SaveResult:
    path: Path
    conflict_of: Path | None = None
    backup: Path | None = None


def _location_writable(path: Path) -> bool:
    """Whether the plan's folder and the file itself accept writes (a read-only USB stick does not)."""
    folder = path.parent
    return os.access(folder, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))


def check_header(path: Path) -> tuple[int, int]:
    """Checks a file is a plan smoplanner can read, with plain file reads and no database connection.

    Returns (file format, page size). Raises the PlanError that names the problem.
    """
    try:
        st = path.stat()
    except FileNotFoundError:
        raise PlanNotFoundError(path) from None
    except OSError as exc:
        raise PlanUnreadableError(path, exc.strerror or str(exc)) from None
    if not stat.S_ISREG(st.st_mode):
        raise PlanUnreadableError(path, f"it is {_file_kind(st.st_mode)}, not a plan file")
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
    except PermissionError:
        raise PlanUnreadableError(path, "you do not have permission to read it") from None
    except OSError as exc:
        raise PlanUnreadableError(path, exc.strerror or str(exc)) from None
    if st.st_size == 0:
        raise PlanDamagedError(path, "the file is empty")
    if not header.startswith(SQLITE_MAGIC[:15]):
        raise NotSQLiteError(path)
    if len(header) < 100:
        raise PlanDamagedError(path, "the file is cut short")
    (raw_page_size,) = struct.unpack(">H", header[16:18])
    page_size = 65536 if raw_page_size == 1 else raw_page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise PlanDamagedError(path, "its header is unreadable")
    (application_id,) = struct.unpack(">I", header[68:72])
    if application_id != APPLICATION_ID:
        raise NotAPlanError(path)
    (user_version,) = struct.unpack(">I", header[60:64])
    if user_version > FORMAT_VERSION:
        raise PlanTooNewError(path, user_version, FORMAT_VERSION)
    if user_version < 1:
        raise PlanDamagedError(path, "it has no file format version")
    change_counter, page_count, valid_for = (
        struct.unpack(">I", header[24:28]) + struct.unpack(">I", header[28:32]) + struct.unpack(">I", header[92:96])
    )
    if st.st_size % page_size:
        raise PlanDamagedError(path, "the file is cut short")
    if change_counter == valid_for and page_count * page_size > st.st_size:
        raise PlanDamagedError(path, "the file is cut short")
    return user_version, page_size


def _real_path(path: Path, error: type[PlanSaveError] | None) -> Path:
    """The real file behind ``path`` (symlinks followed, once), so the plan is locked and saved there and
    a link stays a link. A link that leads round in a loop is refused by name."""
    try:
        return Path(path).resolve()
    except (RuntimeError, OSError):  # RuntimeError: a symlink loop (Python < 3.13), OSError: ELOOP
        shown = Path(path)
        reason = "it is a link that leads round in a loop, back to itself"
        if error is None:
            raise PlanUnreadableError(shown, reason) from None
        raise error(f"{shown.name} cannot be saved there: {reason}.") from None


def _file_kind(mode: int) -> str:
    """What a path that is not a regular file is, in words (a FIFO is no folder)."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    return "not a regular file"


class PlanFile:
    """One open plan: its working copy, its engine, and where (and whether) it saves.

    Use ``with plan.session() as s:`` for each unit of work; the block commits at its end.
    """

    def __init__(
        self,
        work_path: Path,
        info_path: Path,
        target: Path | None,
        *,
        read_only: bool = False,
        read_only_reason: str = "",
        lock: PlanLock | None = None,
        fingerprint: Fingerprint | None = None,
        upgraded_from: int | None = None,
        notices: list[str] | None = None,
        name: str = "",
        sidecars: dict[str, str] | None = None,
    ) -> None:
        self.work_path = work_path
        self.info_path = info_path
        self.path = target
        self.read_only = read_only
        self.read_only_reason = read_only_reason
        self.upgraded_from = upgraded_from
        self.notices = notices or []
        self.autosave = True
        self._name = name
        self._lock = lock
        self._fingerprint = fingerprint
        # The -journal/-wal files that lay beside the plan when it was read (name suffix -> sha256): they
        # belong to the file we opened (their rollback is in our working copy) and are settled at the save.
        self._sidecars = dict(sidecars or {})
        self._dirty = False
        self._closed = False
        self._listeners: list[Callable[[], None]] = []
        # A save may run on a worker thread while the GUI thread goes on editing: the count of committed
        # changes tells whether an edit came after the save's snapshot (the plan stays unsaved then), and
        # the lock keeps the bookkeeping of the two threads apart.
        self._generation = 0
        self._state_lock = threading.RLock()
        self.engine = make_engine(work_path, read_only=read_only)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_info()

    # -- opening -------------------------------------------------------------------------------

    @classmethod
    def create(
        cls, path: Path, settings: PlanSettingsData, *, fill: Callable[[Session], None] | None = None
    ) -> PlanFile:
        """A new plan saved at ``path`` (which must not exist yet), holding ``settings``."""
        from smoplanner.store.settings import init_settings

        path = _real_path(path, PlanSaveError)
        if path.exists():
            raise PlanSaveError(f"{path.name} already exists; choose another name.")
        if not path.parent.is_dir():
            raise PlanSaveError(f"The folder {path.parent} does not exist.")
        lock = PlanLock(path)
        try:
            lock.acquire()
        except OSError as exc:
            raise PlanSaveError(f"{path.name} cannot be created there ({exc.strerror or exc}).") from None
        work_path, info_path = new_work_files()
        plan: PlanFile | None = None
        try:
            migrate.create_schema(work_path)
            plan = cls(work_path, info_path, path, lock=lock, name=path.stem)
            with plan.session() as s:
                init_settings(s, settings)
                if fill is not None:
                    fill(s)
            plan._fingerprint = plan._write_to(path)
            plan._dirty = False
            plan._write_info()
        except BaseException:
            if plan is not None:
                plan._discard()
            else:
                remove_work(work_path, info_path)
                lock.release()
            path.unlink(missing_ok=True)
            raise
        return plan

    @classmethod
    def open(cls, path: Path, *, lock: LockMode = "acquire", progress: Progress | None = None) -> PlanFile:
        """Open the plan at ``path`` through a fresh working copy.

        ``lock``: "acquire" (normal), "break" (the user chose to open it although someone holds it),
        "readonly" (view only, no lock), "copy" (an untitled copy, no lock, saved only with Save As),
        "none" (for the command line's check and report: no lock, never saved).
        ``progress(done, total)`` is told of each step (read, checked, upgraded); it may raise to stop
        the opening, which leaves nothing behind.
        """
        report = progress or _no_progress
        # A symlinked plan is opened, locked and saved at the real file, so the link stays a link.
        path = _real_path(path, None)
        file_format, _page_size = check_header(path)
        notices: list[str] = []
        read_only = lock in ("readonly", "none")
        reason = "you chose to open it read-only" if lock == "readonly" else ""
        if lock in ("acquire", "break") and not _location_writable(path):
            read_only, reason = True, "the file or its folder cannot be written to"
            notices.append(f"{path.name} is in a place that cannot be written to, so it opens read-only.")
        plan_lock: PlanLock | None = None
        work_path, info_path = new_work_files()
        try:
            if lock in ("acquire", "break") and not read_only:
                plan_lock = PlanLock(path)
                try:
                    notice = plan_lock.acquire(break_existing=lock == "break")
                except PermissionError:
                    plan_lock = None
                    read_only, reason = True, "its folder cannot be written to"
                    notices.append(f"{path.name} is in a folder that cannot be written to, so it opens read-only.")
                else:
                    if notice:
                        notices.append(notice)
            if plan_lock is not None:
                sweep_dead_saves(path)
            report(0, 3)
            with _damage_named(path):
                fingerprint, sidecars = _copy_in(path, work_path)
                report(1, 3)
                revision = _validate_schema_of(work_path, path)
                checksum_ok = _checksum_matches(work_path, path)
                report(2, 3)
                upgraded_from = _migrate(path, work_path, file_format, revision)
                _check_contents(work_path, path)  # a value the code cannot read is named first, by table and row
            if not checksum_ok:
                raise PlanChangedOutsideError(path)
            report(3, 3)
        except BaseException:
            remove_work(work_path, info_path)
            if plan_lock is not None:
                plan_lock.release()
            raise
        notices.extend(_conflict_sibling_notices(path))
        if upgraded_from is not None:
            notices.append(
                f"{path.name} was made by an older smoplanner (file format {upgraded_from}) and has been "
                f"upgraded. When it is saved, the original is kept beside it as "
                f"{path.name}.bak-fmt{upgraded_from}; older versions of smoplanner cannot open the new file."
            )
        if lock == "copy":
            notices.append(
                f"This is a copy of {path.name}, which is open elsewhere. Your changes go to this copy "
                f"only: keep them with File ▸ Save As."
            )
        target: Path | None = None if lock == "copy" else path
        name = f"{path.stem} (copy)" if lock == "copy" else path.stem
        return cls(
            work_path,
            info_path,
            target,
            read_only=read_only,
            read_only_reason=reason,
            lock=plan_lock,
            fingerprint=None if lock == "copy" else fingerprint,
            upgraded_from=upgraded_from,
            notices=notices,
            name=name,
            sidecars=sidecars,
        )

    # -- crash recovery ------------------------------------------------------------------------

    @staticmethod
    def recoverable() -> list[Recovery]:
        """Working copies with unsaved edits whose smoplanner is gone; clean working copies are removed."""
        return find_recoverable()

    @classmethod
    def recover(cls, recovery: Recovery) -> PlanFile:
        """Reopen a plan with the unsaved edits a crash left behind; it still needs saving."""
        info = json.loads(recovery.info_path.read_text(encoding="utf-8"))
        work_path, info_path = new_work_files()
        # The journal of a transaction cut off by the crash moves along, so SQLite rolls it back.
        old_journal = recovery.work_path.with_name(recovery.work_path.name + "-journal")
        if old_journal.exists():
            shutil.move(old_journal, work_path.with_name(work_path.name + "-journal"))
        shutil.move(recovery.work_path, work_path)
        recovery.info_path.unlink(missing_ok=True)
        try:
            with _damage_named(recovery.target or recovery.work_path):
                _validate_schema_of(work_path, recovery.target or recovery.work_path)
        except PlanError:
            remove_work(work_path, info_path)
            raise
        target = recovery.target
        notices = [f"Recovered the unsaved changes to {recovery.name}."]
        plan_lock = None
        read_only, reason = False, ""
        if target is not None and target.parent.is_dir():
            plan_lock = PlanLock(target)
            try:
                plan_lock.acquire()  # a stale lock left by the crashed session is taken over
            except (PlanError, OSError):
                plan_lock = None
                notices.append(f"{target.name} is open elsewhere; save the recovered plan under another name.")
                target = None
        fp = info.get("fingerprint")
        saving = info.get("saving_sha256")
        if saving and target is not None and target.exists() and atomic.sha256(target) == saving:
            fp = Fingerprint.of(target).__dict__  # it stopped just after saving: the file is our own
        plan = cls(
            work_path,
            info_path,
            target,
            read_only=read_only,
            read_only_reason=reason,
            lock=plan_lock,
            fingerprint=Fingerprint(**fp) if fp and target is not None else None,
            upgraded_from=info.get("upgraded_from"),
            notices=notices,
            name=recovery.name,
            sidecars=info.get("sidecars") or {},
        )
        plan._dirty = True
        plan._write_info()
        return plan

    @staticmethod
    def discard_recovery(recovery: Recovery) -> None:
        remove_work(recovery.work_path, recovery.info_path)

    # -- editing -------------------------------------------------------------------------------

    @property
    def name(self) -> str:
        return self.path.stem if self.path is not None else self._name

    @property
    def is_dirty(self) -> bool:
        return self._dirty

    @property
    def closed(self) -> bool:
        return self._closed

    def add_change_listener(self, callback: Callable[[], None]) -> None:
        """``callback()`` runs after every committed change (the window uses it to schedule autosave)."""
        self._listeners.append(callback)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A Session for one unit of work, committed at the end of the block (rolled back on error)."""
        if self._closed:
            raise PlanError("This plan has been closed.")
        session = self._sessions()
        # SQLite counts every row a connection changes, whether through the ORM, a bulk statement or
        # plain SQL; comparing the count before and after tells whether this unit of work edited the plan.
        dbapi = session.connection().connection.dbapi_connection
        changes_before = dbapi.total_changes  # type: ignore[union-attr]
        try:
            yield session
            session.flush()
            session.commit()
        except BaseException as exc:
            session.rollback()
            if self.read_only and "readonly" in str(exc).replace(" ", "").lower():
                raise PlanReadOnlyError(self.read_only_reason or "it is read-only") from None
            raise
        finally:
            wrote = dbapi.total_changes != changes_before  # type: ignore[union-attr]
            session.close()
        if wrote and not self.read_only:
            self._changed()

    def _changed(self) -> None:
        with self._state_lock:
            self._generation += 1
            was_dirty = self._dirty
            self._dirty = True
            self._changed_at = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")
            if not was_dirty:
                self._write_info()
        for callback in list(self._listeners):
            callback()

    # -- saving --------------------------------------------------------------------------------

    def save(self, progress: Progress | None = None) -> SaveResult:
        """Write the plan to its file; a file changed on disk meanwhile is kept and a conflict copy made.

        It may run on a worker thread while another thread edits the plan: the snapshot holds every
        change committed before it began, a write committed meanwhile waits for the snapshot to be
        taken, and a change made after it leaves the plan unsaved. ``progress(done, total)`` is told
        of each step. The file on disk is compared with what was read before the snapshot is taken and
        again just before the rename (content, not only size and time, see Fingerprint.matches).
        """
        if self.read_only:
            raise PlanReadOnlyError(self.read_only_reason or "it is read-only")
        if self.path is None:
            raise PlanSaveError("This plan has no file yet; use File ▸ Save As.")
        target = self.path
        try:
            changed_on_disk = self._changed_on_disk(target)
        except OSError as exc:
            raise PlanSaveError(
                f"{target.name} could not be saved ({exc.strerror or exc}); is the drive still there? "
                f"Your changes are kept in smoplanner."
            ) from exc
        generation = self._generation
        if changed_on_disk:
            conflict = _conflict_path(target)
            fingerprint = self._write_to(conflict, progress=progress)
            self._switch_target(conflict, fingerprint, generation)
            return SaveResult(path=conflict, conflict_of=target)
        backup = None
        if self.upgraded_from is not None and target.exists():
            backup = target.with_name(f"{target.name}.bak-fmt{self.upgraded_from}")
        try:
            fingerprint = self._write_to(target, backup=backup, progress=progress, check_unchanged=True)
        except _ChangedOnDisk as changed:
            # Replaced while the snapshot was being written: the finished snapshot becomes the conflict copy.
            conflict = _conflict_path(target)
            try:
                atomic.replace(changed.snapshot, conflict)
                atomic.fsync_dir(conflict.parent)
                st = conflict.stat()
            except OSError as exc:
                with suppress(OSError):
                    changed.snapshot.unlink(missing_ok=True)
                raise PlanSaveError(
                    f"{target.name} was changed by another program during the save and a conflict copy "
                    f"could not be written ({exc.strerror or exc}); your changes are kept in smoplanner."
                ) from exc
            self._switch_target(conflict, Fingerprint(st.st_size, st.st_mtime_ns, changed.sha256), generation)
            return SaveResult(path=conflict, conflict_of=target)
        with self._state_lock:
            self._fingerprint = fingerprint
            self._sidecars = {}
            self.upgraded_from = None
            self._dirty = self._generation != generation
            self._write_info()
        return SaveResult(path=target, backup=backup)

    def _changed_on_disk(self, target: Path) -> bool:
        """Whether ``target`` differs from what this plan last read or wrote there (file or sidecars)."""
        if self._fingerprint is None or not target.exists():
            return False
        found = _sidecar_hashes(target)
        read = {k: v for k, v in self._sidecars.items() if k != SETTLED}
        if found == read and self._fingerprint.matches(target):
            return False
        # A save killed after SQLite rolled the old file's journal back (see _settle_sidecars), or while it
        # did: the file is the one we read, settled or half-way there, not a change made by someone else.
        settled = self._sidecars.get(SETTLED)
        if not settled:
            return True
        if not found:
            return atomic.sha256(target) != settled
        return found != read or _rolled_back_sha256(target) != settled

    def save_as(self, path: Path) -> SaveResult:
        """Write the plan to ``path``; from now on the plan is that file and edits go there only."""
        path = _real_path(path, PlanSaveError)
        if self.path is not None and path == self.path:
            return self.save()
        new_lock = PlanLock(path)
        try:
            new_lock.acquire()
        except OSError as exc:
            raise PlanSaveError(f"{path.name} cannot be saved there ({exc.strerror or exc}).") from None
        generation = self._generation
        try:
            fingerprint = self._write_to(path)
        except _ChangedOnDisk as busy:
            new_lock.release()
            with suppress(OSError):
                busy.snapshot.unlink(missing_ok=True)
            raise PlanSaveError(f"{path.name} is being written by another program; choose another name.") from None
        except BaseException:
            new_lock.release()
            raise
        if self._lock is not None:
            self._lock.release()
        self._lock = new_lock
        self.path = path
        if self.read_only:
            self.read_only, self.read_only_reason = False, ""
            self.engine.dispose()
            self.engine = make_engine(self.work_path)
            self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        with self._state_lock:
            self.upgraded_from = None
            self._fingerprint = fingerprint
            self._sidecars = {}
            self._dirty = self._generation != generation
            self._write_info()
        return SaveResult(path=path)

    def _switch_target(self, path: Path, fingerprint: Fingerprint, generation: int) -> None:
        new_lock = PlanLock(path)
        with suppress(PlanError):
            new_lock.acquire()
        if self._lock is not None:
            self._lock.release()
        self._lock = new_lock if new_lock.held else None
        with self._state_lock:
            self.path = path
            self._fingerprint = fingerprint
            self._sidecars = {}
            self._dirty = self._generation != generation
            self.upgraded_from = None
            self._write_info()

    def _before_replace(self, target: Path) -> None:
        """Runs just before the last look at ``target`` and the rename onto it (tests race a replacement here)."""

    def _write_to(
        self,
        target: Path,
        *,
        backup: Path | None = None,
        progress: Progress | None = None,
        check_unchanged: bool = False,
    ) -> Fingerprint:
        """A compact snapshot of the working copy, fsynced beside ``target``, then atomically renamed.

        With ``check_unchanged``, the target is compared once more with what this plan read just before
        the rename; if another program changed it meanwhile, _ChangedOnDisk carries the finished snapshot
        to the caller (which keeps it as a conflict copy) and the target is not touched.
        """
        report = progress or _no_progress
        with suppress(OSError):
            sweep_dead_saves(target)
        tmp = saving_name(target)
        try:
            report(0, 4)
            # Its own connection: the plan's may refuse writes (read-only), and VACUUM INTO writes.
            # VACUUM INTO reads in one transaction: a write from another thread waits until it is done.
            con = sqlite3.connect(self.work_path, timeout=BUSY_TIMEOUT_S)
            try:
                harden(con)
                # VACUUM INTO attaches its output internally; attaching stays off otherwise.
                con.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 1)
                con.execute("VACUUM INTO ?", (str(tmp),))
            finally:
                con.close()
            _write_checksum(tmp)
            report(1, 4)
            atomic.fsync_path(tmp)
            report(2, 4)
            sha = atomic.sha256(tmp)
            report(3, 4)
            # Should we die right after the rename, recovery still knows the file is our own save.
            self._write_info(saving_sha256=sha)
            self._before_replace(target)
            if check_unchanged and self._changed_on_disk(target):
                raise _ChangedOnDisk(tmp, sha)
            settled = _settle_sidecars(target)
            if settled is False:
                raise _ChangedOnDisk(tmp, sha)  # another program is writing the file right now
            if settled and check_unchanged:
                # The old file is whole and alone now: should we die before the rename, recovery compares
                # the target with this, not with the pair it was, and saves over it without a conflict copy.
                with self._state_lock:
                    self._fingerprint, self._sidecars = Fingerprint.of(target), {}
                self._write_info(saving_sha256=sha)
            if settled:
                atomic.fsync_dir(target.parent)  # the sidecars are gone on disk before the new file arrives
            if backup is not None and not backup.exists():
                shutil.copy2(target, backup)
                atomic.fsync_path(backup)
            atomic.replace(tmp, target)
            atomic.fsync_dir(target.parent)
            st = target.stat()
            report(4, 4)
            return Fingerprint(st.st_size, st.st_mtime_ns, sha)
        except (OSError, sqlite3.Error) as exc:
            with suppress(OSError):
                tmp.unlink(missing_ok=True)
            reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
            raise PlanSaveError(
                f"{target.name} could not be saved ({reason}). The file on disk was left as it was; "
                f"your changes are kept in smoplanner."
            ) from exc
        except BaseException as exc:
            if not isinstance(exc, _ChangedOnDisk):
                with suppress(OSError):
                    tmp.unlink(missing_ok=True)
            raise

    # -- closing -------------------------------------------------------------------------------

    def close(self, *, save: bool | None = None) -> SaveResult | None:
        """Close the plan; saves first when there are unsaved edits and autosave is on (or ``save``)."""
        if self._closed:
            return None
        result = None
        should_save = self.autosave if save is None else save
        if should_save and self._dirty and not self.read_only and self.path is not None:
            result = self.save()  # raises on failure: the plan stays open and nothing is lost
        self._discard()
        return result

    def _discard(self) -> None:
        self._closed = True
        self.engine.dispose()
        remove_work(self.work_path, self.info_path)
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def _write_info(self, *, saving_sha256: str = "") -> None:
        with self._state_lock:
            self._write_info_locked(saving_sha256)

    def _write_info_locked(self, saving_sha256: str) -> None:
        fp = self._fingerprint
        info = {
            "target": str(self.path) if self.path is not None else None,
            "name": self.name,
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "dirty": self._dirty,
            "fingerprint": fp.__dict__ if fp is not None else None,
            "upgraded_from": self.upgraded_from,
            "changed_at": getattr(self, "_changed_at", ""),
            "saving_sha256": saving_sha256,
            "sidecars": self._sidecars,
        }
        tmp = self.info_path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(info), encoding="utf-8")
        os.replace(tmp, self.info_path)


class _ChangedOnDisk(Exception):
    """The target changed on disk while a save was writing its snapshot; the snapshot is kept, finished."""

    def __init__(self, snapshot: Path, sha256: str) -> None:
        super().__init__(str(snapshot))
        self.snapshot = snapshot
        self.sha256 = sha256


#: Among the sidecar hashes read at open: the sha256 the plan will have once its sidecars are settled.
SETTLED = "settled"

#: The files SQLite keeps beside a database while it writes it; one left beside a plan is rolled back
#: (a ``-journal``) or replayed (a ``-wal``) by whoever opens the plan next, whatever file is there by then.
SIDECARS = ("-journal", "-wal")


def _sidecar_hashes(target: Path) -> dict[str, str]:
    """The ``-journal``/``-wal`` files beside ``target`` now: suffix -> sha256 of its bytes."""
    found: dict[str, str] = {}
    for suffix in SIDECARS:
        sidecar = target.with_name(target.name + suffix)
        with suppress(FileNotFoundError):
            found[suffix] = atomic.sha256(sidecar)
    return found


def _rolled_back_sha256(target: Path) -> str:
    """The sha256 ``target`` would have once SQLite settled its sidecars, found on copies in the cache folder
    (the plan itself is not touched); empty when SQLite cannot settle them."""
    work_path, _info = new_work_files()
    copies = [(target, work_path)] + [
        (target.with_name(target.name + s), work_path.with_name(work_path.name + s)) for s in SIDECARS
    ]
    try:
        for original, copy in copies:
            with suppress(FileNotFoundError):
                shutil.copyfile(original, copy)
        con = sqlite3.connect(work_path)
        try:
            harden(con)
            con.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        finally:
            con.close()
        return atomic.sha256(work_path)
    except (OSError, sqlite3.Error, UnicodeDecodeError):
        return ""
    finally:
        for _original, copy in [*copies, (target, work_path.with_name(work_path.name + "-shm"))]:
            with suppress(OSError):
                copy.unlink(missing_ok=True)


def _settle_sidecars(target: Path) -> bool | None:
    """Make sure no ``-journal``/``-wal`` of the old file is left beside ``target`` when the new file
    takes its place: True when there was one and it is settled, None when there was none, False when
    another program holds the file (it is writing it right now).

    A journal left beside a plan (another SQLite tool killed mid-write, a sync client copying half a
    pair) is rolled back by the next opener onto whatever file then has the plan's name. Left beside our
    new file, it would silently revert the saved edits (or garble them). The order of the steps makes
    every crash point safe:

    1. A copy of each sidecar is kept as ``NAME.smoplan-journal.stale-<time>`` (fsynced), for whoever
       wants to look at it; SQLite never reads a file of that name.
    2. The old file is settled by SQLite itself: a read through a connection rolls a hot journal back
       onto the old file (or checkpoints a WAL), then SQLite deletes it. SQLite's own rollback is
       crash-safe: killed in the middle, the journal is still there and still hot, beside the old file
       it belongs to, and the next opener finishes it. Killed after it, the old file is whole, alone.
       (Its content is what the opening of this plan read, since the opening rolled the same journal
       back in the working copy.)
    3. A sidecar SQLite did not take (not hot: empty, zeroed, or not readable) is renamed aside: killed
       before that, the old file sits beside a journal SQLite ignores.
    4. The caller fsyncs the folder, so the sidecar is gone on disk before the new file is there, and only
       then renames the new file into place (and fsyncs the folder again).

    The reverse order (rename the new file first, then remove the journal) has a window, between the two
    renames, where a crash leaves the new file beside the old journal: exactly the silent revert.
    """
    present = [target.with_name(target.name + s) for s in SIDECARS if target.with_name(target.name + s).exists()]
    if not present or not target.exists():
        return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    for sidecar in present:
        keep = sidecar.with_name(f"{sidecar.name}.stale-{stamp}")
        shutil.copy2(sidecar, keep)
        atomic.fsync_path(keep)
    try:
        con = sqlite3.connect(target, timeout=0)
        try:
            harden(con)
            con.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        finally:
            con.close()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            return False
    except sqlite3.DatabaseError:
        pass  # a journal SQLite cannot apply: moved aside below, the copy is kept
    for sidecar in present:
        if sidecar.exists():
            os.replace(sidecar, sidecar.with_name(f"{sidecar.name}.stale-{stamp}"))
    with suppress(OSError):
        target.with_name(target.name + "-shm").unlink(missing_ok=True)
    return True


def _write_checksum(snapshot: Path) -> None:
    """Stores the digest of the snapshot's content in it (store.checksum), before it is fsynced and renamed."""
    from smoplanner.store.checksum import TABLE, write_digest

    con = sqlite3.connect(snapshot)
    try:
        harden(con)
        if con.execute("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?", (TABLE,)).fetchone():
            write_digest(con)
    finally:
        con.close()


def _checksum_matches(work_path: Path, shown_as: Path) -> bool:
    """Whether a plan's content is what its last save digested; False means it was changed outside
    smoplanner or damaged. A plan with no digest (older, or made before checksums) matches."""
    from smoplanner.store.checksum import content_digest, stored_digest

    con = sqlite3.connect(work_path)
    try:
        harden(con)
        try:
            stored = stored_digest(con)
            if stored is None:
                return True  # made before checksums, or by an older format: it gets one at its next save
            return stored == content_digest(con)
        except sqlite3.DatabaseError as exc:
            raise PlanDamagedError(shown_as, _sqlite_reason(exc)) from None
    finally:
        con.close()


def _conflict_path(target: Path) -> Path:
    stamp = datetime.now().strftime("%Y-%m-%d %H%M")
    base = f"{target.stem} (conflict {socket.gethostname()} {stamp})"
    candidate = target.with_name(base + target.suffix)
    n = 2
    while candidate.exists():
        candidate = target.with_name(f"{base} {n}{target.suffix}")
        n += 1
    return candidate


def _conflict_sibling_notices(path: Path) -> list[str]:
    stem = path.stem
    siblings = [
        p.name for p in path.parent.glob(f"{stem}*{path.suffix}") if p != path and ("conflict" in p.name.lower())
    ]
    if not siblings:
        return []
    return [
        f"There are conflict copies of this plan beside it ({', '.join(sorted(siblings)[:3])}); "
        f"they hold changes made elsewhere. Open them to compare."
    ]


def _copy_in(source: Path, work_path: Path) -> tuple[Fingerprint, dict[str, str]]:
    """Copy the plan into the working copy; returns the fingerprint of the bytes read, and the sha256 of
    each ``-journal``/``-wal`` file read along (by suffix).

    The original is only ever read with plain file reads, never through SQLite: no lock, no journal
    rollback and no ``-wal``/``-shm`` file is ever made beside it (a read-only USB stick, a synced
    folder). A journal or WAL file left beside it by an interrupted writer is copied along, so SQLite
    finishes or undoes that write in our copy.
    """
    incoming = work_path.with_name(work_path.stem + ".incoming")
    sidecar_hashes: dict[str, str] = {}
    sidecars = [
        (source.with_name(source.name + s), incoming.with_name(incoming.name + s)) for s in ("-journal", "-wal")
    ]
    try:
        st = source.stat()
        digest = hashlib.sha256()
        try:
            with source.open("rb") as src, incoming.open("wb") as dst:
                for chunk in iter(lambda: src.read(1 << 20), b""):
                    digest.update(chunk)
                    dst.write(chunk)
            for original, copy in sidecars:
                if original.exists():
                    shutil.copyfile(original, copy)
                    sidecar_hashes[original.name[len(source.name) :]] = atomic.sha256(copy)
        except OSError as exc:
            raise PlanUnreadableError(source, exc.strerror or str(exc)) from None
        try:
            src_db = sqlite3.connect(incoming)
            try:
                harden(src_db)
                dst_db = sqlite3.connect(work_path)
                try:
                    src_db.backup(dst_db)
                    dst_db.execute("PRAGMA journal_mode=DELETE")
                finally:
                    dst_db.close()
            finally:
                src_db.close()
        except sqlite3.DatabaseError as exc:
            raise PlanDamagedError(source, _sqlite_reason(exc)) from None
        if sidecar_hashes:
            # The copy, its journal rolled back by SQLite, is byte for byte what the plan itself becomes when
            # a save settles the same journal: a save killed right after that step is known by this.
            with suppress(OSError):
                sidecar_hashes[SETTLED] = atomic.sha256(incoming)
    finally:
        for p in (incoming, *(c for _o, c in sidecars), incoming.with_name(incoming.name + "-shm")):
            with suppress(OSError):
                p.unlink(missing_ok=True)
    return Fingerprint(st.st_size, st.st_mtime_ns, digest.hexdigest()), sidecar_hashes


@contextmanager
def _damage_named(path: Path) -> Iterator[None]:
    """A damaged file can make SQLite's own error message hold bytes that are not UTF-8 (a garbled name in
    the schema), which Python cannot even turn into an error: that too is a damaged plan, said in one line."""
    try:
        yield
    except UnicodeDecodeError:
        raise PlanDamagedError(path, "its contents are corrupted") from None
    except sqlite3.DatabaseError as exc:
        raise PlanDamagedError(path, _sqlite_reason(exc)) from None


def _sqlite_reason(exc: sqlite3.Error) -> str:
    text = str(exc).lower()
    if "malformed" in text or "corrupt" in text:
        return "its contents are corrupted"
    if "not a database" in text:
        return "its contents are not readable"
    return str(exc)


def _validate_schema_of(work_path: Path, shown_as: Path) -> str | None:
    """quick_check and the schema whitelist on a working copy; returns its Alembic revision."""
    con = sqlite3.connect(work_path)
    try:
        harden(con)
        try:
            rows = con.execute("PRAGMA quick_check").fetchall()
        except sqlite3.DatabaseError as exc:
            raise PlanDamagedError(shown_as, _sqlite_reason(exc)) from None
        if rows != [("ok",)]:
            raise PlanDamagedError(shown_as, "its contents are corrupted")
        try:
            objects = schema_rows(con)
        except sqlite3.DatabaseError as exc:
            raise PlanDamagedError(shown_as, _sqlite_reason(exc)) from None
        except SchemaTextError as exc:
            raise UnexpectedSchemaError(shown_as, str(exc)) from None
        for kind, name, _table, _sql in sorted(objects):
            if kind in ("trigger", "view"):
                raise UnexpectedSchemaError(shown_as, f"a {kind} “{name}”")
        try:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.DatabaseError:
            raise PlanDamagedError(shown_as, "it has no schema version") from None
        revision = row[0] if row else None
        expected = expected_schemas().get(revision) if revision else None
        if expected is not None:
            difference = describe_difference(objects, expected)
            if difference is not None:
                raise UnexpectedSchemaError(shown_as, difference)
        # quick_check does not compare indexes with their tables, and even integrity_check misses some damaged
        # index pages that make a later read fail half-way (an export, the window). The indexes hold nothing
        # of their own: the working copy's are rebuilt from the tables (whose content the checksum vouches
        # for), once the schema is known to be ours. Rows that break a UNIQUE index are refused here.
        try:
            con.execute("REINDEX")
            con.commit()
        except sqlite3.IntegrityError:
            raise PlanDamagedError(shown_as, "two of its rows hold what must be unique") from None
        except sqlite3.DatabaseError as exc:
            raise PlanDamagedError(shown_as, _sqlite_reason(exc)) from None
        return revision
    finally:
        con.close()


def _check_contents(work_path: Path, shown_as: Path) -> None:
    """Every stored value is what the code assumes of it, before anything reads it (see store.contents)."""
    from smoplanner.store.contents import content_problems

    con = sqlite3.connect(work_path)
    try:
        harden(con)
        problems = content_problems(con)
    finally:
        con.close()
    if problems:
        raise PlanDamagedError(shown_as, "it holds values smoplanner cannot read: " + "; ".join(problems))


def _no_progress(_done: int, _total: int) -> None:
    pass


def _migrate(path: Path, work_path: Path, file_format: int, revision: str | None) -> int | None:
    """Upgrades a checked working copy to the current format; returns the old format if upgraded."""
    if revision is None:
        raise PlanDamagedError(path, "it has no schema version")
    if revision not in REVISION_FORMATS:
        raise PlanTooNewError(path, f"{file_format} ({revision})", FORMAT_VERSION)
    if revision == HEAD_REVISION:
        return None
    try:
        migrate.upgrade(work_path)
    except Exception as exc:
        raise PlanMigrationError(
            f"{path.name} could not be upgraded to this version's file format ({exc}). The file itself was not changed."
        ) from exc
    return REVISION_FORMATS[revision]


def integrity_report(plan: PlanFile) -> list[str]:
    """Problems a full integrity and foreign-key check finds in an open plan (empty when all is well)."""
    problems: list[str] = []
    raw = plan.engine.raw_connection()
    try:
        con = raw.driver_connection
        rows = [r[0] for r in con.execute("PRAGMA integrity_check").fetchall()]  # type: ignore[union-attr]
        if rows != ["ok"]:
            problems.extend(rows[:5])
        fk = con.execute("PRAGMA foreign_key_check").fetchall()  # type: ignore[union-attr]
        if fk:
            problems.append(f"{len(fk)} rows point to rows that do not exist")
    finally:
        raw.close()
    return problems


def schema_report(plan: PlanFile) -> list[str]:
    """How the open plan's schema differs from what this version expects (empty when all is well).

    A plan of the current format is compared with the exact schema its migrations create, without
    Alembic; a plan upgraded in memory is compared with the models through Alembic, which the upgrade
    has loaded already (its rebuilt tables may be spelled unlike freshly created ones)."""
    if plan.upgraded_from is not None:
        from smoplanner.store.schema import schema_differences

        return schema_differences(plan.engine)
    from smoplanner.store.schema import exact_differences

    raw = plan.engine.raw_connection()
    try:
        return exact_differences(raw.driver_connection, HEAD_REVISION)  # type: ignore[arg-type]
    finally:
        raw.close()
