"""The plan file under attack: stale journals, replacements raced into a save, symlinks, leftovers of crashed
saves, odd files, and content changed outside smoplanner (issue 8)."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest
from helpers import make_plan_file, run_cli, sha256, snapshot

from smoplanner.store import planfile as planfile_module
from smoplanner.store.checksum import content_digest, stored_digest
from smoplanner.store.errors import PlanChangedOutsideError, PlanUnreadableError, UnexpectedSchemaError
from smoplanner.store.lock import lock_path_for
from smoplanner.store.planfile import PlanFile
from smoplanner.store.recovery import host_id
from smoplanner.store.settings import get_settings, update_settings

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork() to kill a writer mid-way")


def _rename(plan: PlanFile, name: str) -> None:
    with plan.session() as s:
        update_settings(s, get_settings(s).with_changes(business_name=name))


def _raw_content(path: Path) -> tuple[str, int]:
    """(business name, platforms) as any SQLite opener sees the file: a hot journal beside it is rolled back."""
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA quick_check").fetchone() == ("ok",)
        (name,) = con.execute("SELECT business_name FROM plan_settings").fetchone()
        (platforms,) = con.execute("SELECT count(*) FROM platforms").fetchone()
    finally:
        con.close()
    return name, platforms


def _journal(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def _leave_a_stale_journal(path: Path) -> None:
    """Another SQLite program is killed mid-transaction on the plan: its hot journal stays beside it and the
    file itself already holds half of the transaction's pages (a tiny cache spills them)."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(read_fd)
            con = sqlite3.connect(path)
            con.execute("PRAGMA journal_mode=DELETE")
            con.execute("PRAGMA cache_size=1")
            con.execute("BEGIN")
            con.execute("UPDATE plan_settings SET business_name='Half Done'")
            con.executemany(
                "INSERT INTO platforms (code, name, custom, position) VALUES (?, 'Half Done', 1, 99)",
                [(f"half{i}",) for i in range(3000)],
            )
            os.write(write_fd, b"mid\n")
            signal.pause()
        finally:
            os._exit(0)
    os.close(write_fd)
    assert os.read(read_fd, 10) == b"mid\n"
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.close(read_fd)
    assert _journal(path).stat().st_size > 0


# -- #1 a stale -journal never reverts a save ------------------------------------------------------------


@needs_fork
def test_a_stale_journal_never_reverts_the_saved_edit(tmp_path: Path) -> None:
    path = make_plan_file(tmp_path / "cafe.smoplan", name="Committed")
    _leave_a_stale_journal(path)
    plan = PlanFile.open(path)
    with plan.session() as s:
        settings = get_settings(s)
    assert settings.business_name == "Committed" and len(settings.platforms) == 2, "rolled back in the copy"
    _rename(plan, "Saved Edit")
    plan.save()
    assert not _journal(path).exists(), "the new file never sits beside the old file's journal"
    kept = [p.name for p in tmp_path.iterdir() if p.name.startswith("cafe.smoplan-journal.stale-")]
    assert len(kept) == 1, "the stale journal is kept aside, under a name SQLite never reads"
    _rename(plan, "Second Save")
    plan.save()
    plan.close()
    assert _raw_content(path) == ("Second Save", 2)
    for _ in range(2):  # every later open sees the saved edit
        reopened = PlanFile.open(path)
        with reopened.session() as s:
            assert get_settings(s).business_name == "Second Save"
        reopened.close()


def _save_and_die(path: Path, crash: tuple[str, int]) -> None:
    """Child: open the plan (a stale journal beside it), edit, save, and die at the chosen point of the save."""
    plan = PlanFile.open(path)
    _rename(plan, "Saved Edit")
    real_replace, real_fsync = os.replace, os.fsync
    fsyncs = 0

    def replace(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        if Path(dst) == path and crash == ("before", 0):
            os.kill(os.getpid(), signal.SIGKILL)
        real_replace(src, dst, *args, **kwargs)
        if Path(dst) == path and crash == ("after", 0):
            os.kill(os.getpid(), signal.SIGKILL)

    def fsync(fd: int) -> None:
        nonlocal fsyncs
        fsyncs += 1
        if crash == ("fsync", fsyncs):
            os.kill(os.getpid(), signal.SIGKILL)
        real_fsync(fd)

    real_settle = planfile_module._settle_sidecars

    def settle(target: Path) -> bool | None:
        settled = real_settle(target)
        if crash == ("settled", 0):  # SQLite rolled the old file back; nothing of ours recorded it yet
            os.kill(os.getpid(), signal.SIGKILL)
        return settled

    os.replace = replace  # type: ignore[assignment]
    os.fsync = fsync
    planfile_module._settle_sidecars = settle
    plan.save()


@needs_fork
@pytest.mark.parametrize(
    "crash",
    [("fsync", 1), ("fsync", 2), ("settled", 0), ("fsync", 3), ("before", 0), ("after", 0), ("fsync", 4)],
    ids=[
        "snapshot-fsync",
        "journal-copy-fsync",
        "just-rolled-back",
        "after-rollback",
        "before-rename",
        "after-rename",
        "dir-fsync",
    ],
)
def test_a_crash_at_any_point_of_saving_beside_a_stale_journal_never_reverts(
    tmp_path: Path, crash: tuple[str, int]
) -> None:
    """Killed anywhere in the save: any SQLite opener sees the old content (the cut-off transaction rolled
    back) or the new one, and never the new file rolled back with the old journal."""
    path = make_plan_file(tmp_path / "cafe.smoplan", name="Committed")
    _leave_a_stale_journal(path)
    pid = os.fork()
    if pid == 0:
        try:
            _save_and_die(path, crash)
        finally:
            os._exit(3)
    _pid, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status), f"the save was to die at {crash}"
    new_in_place = crash in (("after", 0), ("fsync", 4))
    if new_in_place:
        assert not _journal(path).exists(), "the new file is never beside the old journal"
    before_crash = snapshot(path)
    opener = tmp_path / "any-opener.smoplan"
    for suffix in ("", "-journal"):
        if path.with_name(path.name + suffix).exists():
            shutil.copyfile(path.with_name(path.name + suffix), opener.with_name(opener.name + suffix))
    name, platforms = _raw_content(opener)  # another SQLite program, opening the pair as the crash left it
    assert (name, platforms) == (("Saved Edit", 2) if new_in_place else ("Committed", 2))
    assert snapshot(path) == before_crash
    # The unsaved edit is offered back and saved onto the plan itself, with no conflict copy.
    (found,) = PlanFile.recoverable()
    plan = PlanFile.recover(found)
    result = plan.save()
    plan.close()
    assert result.conflict_of is None and result.path == path
    assert not _journal(path).exists()
    assert _raw_content(path) == ("Saved Edit", 2)
    assert not [
        p for p in tmp_path.iterdir() if p.name.endswith((".saving", ".saving-journal")) or "conflict" in p.name
    ]


# -- #2 a replacement raced into the save, or with the same size and time --------------------------------


def _replace_keeping_size_and_time(path: Path, old: bytes, new: bytes) -> str:
    """Another program rewrites the file in place, same size, and sets the old time back (cp -p, rsync -t)."""
    st = path.stat()
    data = path.read_bytes()
    assert len(old) == len(new) and data.count(old) == 1
    path.write_bytes(data.replace(old, new))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size and path.stat().st_mtime_ns == st.st_mtime_ns
    return sha256(path)


def test_a_replacement_raced_in_just_before_the_rename_gets_a_conflict_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_plan_file(tmp_path / "synced.smoplan", name="Mine")
    theirs = make_plan_file(tmp_path / "theirs.smoplan", name="Their Version From The Sync Client")
    plan = PlanFile.open(path)
    _rename(plan, "My Edit")
    raced: list[str] = []

    def sync_client_replaces(self: PlanFile, target: Path) -> None:
        if target == path and not raced:
            tmp = path.with_name("sync-incoming.tmp")
            shutil.copyfile(theirs, tmp)
            os.replace(tmp, path)
            raced.append(sha256(path))

    monkeypatch.setattr(PlanFile, "_before_replace", sync_client_replaces)
    result = plan.save()
    assert raced, "the hook ran inside the save"
    assert result.conflict_of == path and "conflict" in result.path.name
    assert sha256(path) == raced[0], "their version is never overwritten"
    assert plan.path == result.path
    plan.close()
    assert _raw_content(path)[0] == "Their Version From The Sync Client"
    assert _raw_content(result.path)[0] == "My Edit"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".saving")]


def test_a_same_size_same_time_replacement_raced_in_is_caught_by_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_plan_file(tmp_path / "synced.smoplan", name="Mine Version A")
    plan = PlanFile.open(path)
    _rename(plan, "My Edit")
    raced: list[str] = []

    def rewrite_in_place(self: PlanFile, target: Path) -> None:
        if target == path and not raced:
            raced.append(_replace_keeping_size_and_time(path, b"Mine Version A", b"Mine Version B"))

    monkeypatch.setattr(PlanFile, "_before_replace", rewrite_in_place)
    result = plan.save()
    plan.close()
    assert result.conflict_of == path
    assert sha256(path) == raced[0]
    assert _raw_content(result.path)[0] == "My Edit"


def test_a_same_size_same_time_change_while_open_is_not_overwritten(tmp_path: Path) -> None:
    path = make_plan_file(tmp_path / "fat.smoplan", name="Mine Version A")
    plan = PlanFile.open(path)
    theirs = _replace_keeping_size_and_time(path, b"Mine Version A", b"Mine Version B")
    _rename(plan, "My Edit")
    result = plan.save()
    plan.close()
    assert result.conflict_of == path and sha256(path) == theirs


# -- #4 a symlinked plan ---------------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="symlinks")
def test_a_symlinked_plan_is_saved_and_locked_at_the_real_file(tmp_path: Path) -> None:
    (tmp_path / "store").mkdir()
    real = make_plan_file(tmp_path / "store" / "real.smoplan")
    links = tmp_path / "desktop"
    links.mkdir()
    link = links / "shortcut.smoplan"
    link.symlink_to(real)
    plan = PlanFile.open(link)
    assert plan.path == real
    assert lock_path_for(real).exists() and not lock_path_for(link).exists(), "the lock sits beside the real file"
    _rename(plan, "Saved Through The Link")
    plan.save()
    plan.close()
    assert link.is_symlink() and link.resolve() == real, "the link stays a link"
    assert _raw_content(real)[0] == "Saved Through The Link"
    assert not lock_path_for(real).exists()
    assert sorted(p.name for p in links.iterdir()) == ["shortcut.smoplan"], "nothing written beside the link"


@pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="symlinks")
def test_a_link_round_in_a_loop_is_refused_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    loop = tmp_path / "loop.smoplan"
    loop.symlink_to(loop)
    code, out, err = run_cli(capsys, "check", str(loop))
    assert code == 1 and out == "" and err.count("\n") == 1 and "loop" in err


# -- #5 odd files: a schema that is not text, a FIFO --------------------------------------------------------


def test_a_schema_with_bytes_that_are_not_utf8_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_plan_file(tmp_path / "odd.smoplan")
    con = sqlite3.connect(path)
    con.execute("PRAGMA writable_schema=ON")
    con.execute("UPDATE sqlite_schema SET sql = CAST(CAST(sql AS BLOB) || X'2D2DFF' AS TEXT) WHERE name='platforms'")
    con.commit()
    con.close()
    before = snapshot(path)
    with pytest.raises(UnexpectedSchemaError, match="not readable text"):
        PlanFile.open(path)
    code, out, err = run_cli(capsys, "check", str(path))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "definition of “platforms” is not readable text" in err
    for argv in (["report", str(path), "--month", "2026-12"], ["export", str(path), "posts", "-o", "x.csv"]):
        code, _out, err = run_cli(capsys, *argv)
        assert code == 1 and err.count("\n") == 1
    assert snapshot(path) == before


def test_a_schema_sqlite_cannot_even_report_on_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """SQLite's error message quotes the garbled definition, bytes Python cannot decode (a UnicodeDecodeError
    raised from the first PRAGMA, before anything is read)."""
    path = make_plan_file(tmp_path / "garbled.smoplan")
    con = sqlite3.connect(path)
    con.execute("PRAGMA writable_schema=ON")
    con.execute("UPDATE sqlite_schema SET sql = CAST(X'435245415445FF' AS TEXT) WHERE name='platforms'")
    con.commit()
    con.close()
    before = snapshot(path)
    for argv in (
        ["check", str(path)],
        ["report", str(path), "--month", "2026-12"],
        ["export", str(path), "posts", "-o", str(tmp_path / "x.csv")],
    ):
        code, out, err = run_cli(capsys, *argv)
        assert code == 1 and out == "" and err.count("\n") == 1 and "is damaged" in err, err
    assert snapshot(path) == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_a_fifo_is_named_for_what_it_is(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "pipe.smoplan"
    os.mkfifo(fifo)
    with pytest.raises(PlanUnreadableError, match=r"named pipe \(FIFO\)") as caught:
        PlanFile.open(fifo)
    assert "folder" not in str(caught.value)
    code, _out, err = run_cli(capsys, "check", str(fifo))
    assert code == 1 and "named pipe (FIFO)" in err and "folder" not in err
    folder = tmp_path / "folder.smoplan"
    folder.mkdir()
    code, _out, err = run_cli(capsys, "check", str(folder))
    assert code == 1 and "it is a folder" in err


# -- #7 snapshots left by crashed saves are swept ------------------------------------------------------------


@needs_fork
def test_snapshots_left_by_killed_saves_are_swept_at_the_next_open(tmp_path: Path) -> None:
    path = make_plan_file(tmp_path / "cafe.smoplan", name="Before")
    for n in range(3):
        pid = os.fork()
        if pid == 0:
            try:
                plan = PlanFile.open(path)
                _rename(plan, f"Edit {n}")
                os.fsync = lambda _fd: os.kill(os.getpid(), signal.SIGKILL)  # dies after writing the snapshot
                plan.save()
            finally:
                os._exit(3)
        _pid, status = os.waitpid(pid, 0)
        assert os.WIFSIGNALED(status)
        left = [p for p in tmp_path.iterdir() if ".saving" in p.name]
        # Each crash leaves its full snapshot; the next opener sweeps the one before: they never pile up.
        assert len(left) == 1, f"after crash {n + 1}: {left}"
        assert f"-{host_id()}-" in left[0].name, "it names its process and computer"
    # Leftovers of a live process, of another computer, and a fresh nameless one of an older smoplanner stay.
    live = tmp_path / f".cafe.smoplan.{os.getppid()}-{host_id()}-0000live.saving"
    other = tmp_path / f".cafe.smoplan.{os.getpid() + 100000}-0badc0de-0000othr.saving"
    nameless_new, nameless_old = tmp_path / ".cafe.smoplan.1234abcd.saving", tmp_path / ".cafe.smoplan.5678abcd.saving"
    dead_journal = tmp_path / f".cafe.smoplan.{_dead_pid()}-{host_id()}-0000dead.saving-journal"
    for p in (live, other, nameless_new, nameless_old, dead_journal):
        p.write_bytes(b"x")
    os.utime(nameless_old, (time.time() - 7200, time.time() - 7200))
    plan = PlanFile.open(path)
    remaining = sorted(p.name for p in tmp_path.iterdir() if ".saving" in p.name)
    assert remaining == sorted(p.name for p in (live, other, nameless_new))
    with plan.session() as s:
        assert get_settings(s).business_name == "Before"
    plan.close(save=False)


def _dead_pid() -> int:
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    return pid


# -- #11 the checksum of the saved content -------------------------------------------------------------------


def _digests(path: Path) -> tuple[str | None, str]:
    con = sqlite3.connect(path)
    try:
        return stored_digest(con), content_digest(con)
    finally:
        con.close()


def test_each_save_stores_the_digest_of_its_content_and_vacuum_keeps_it(tmp_path: Path) -> None:
    path = make_plan_file(tmp_path / "cafe.smoplan")
    stored, actual = _digests(path)
    assert stored is not None and stored == actual
    con = sqlite3.connect(path)
    con.execute("VACUUM")
    con.close()
    assert _digests(path) == (stored, actual), "the digest does not depend on the pages' layout"
    plan = PlanFile.open(path)
    _rename(plan, "Another Name")
    plan.save()
    plan.close()
    new_stored, new_actual = _digests(path)
    assert new_stored == new_actual != actual


def test_content_changed_outside_smoplanner_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = make_plan_file(tmp_path / "cafe.smoplan", name="Honest Name")
    con = sqlite3.connect(path)
    con.execute("UPDATE plan_settings SET business_name = 'Changed By Hand'")  # a valid value, quick_check passes
    con.commit()
    con.close()
    before = snapshot(path)
    with pytest.raises(PlanChangedOutsideError, match="changed outside smoplanner or is damaged"):
        PlanFile.open(path)
    code, out, err = run_cli(capsys, "check", str(path))
    assert code == 1 and out == "" and err.count("\n") == 1 and "changed outside smoplanner" in err
    assert snapshot(path) == before


def test_a_plan_without_a_digest_opens_and_gets_one_at_its_next_save(tmp_path: Path) -> None:
    path = make_plan_file(tmp_path / "cafe.smoplan")
    con = sqlite3.connect(path)
    con.execute("DELETE FROM plan_checksum")
    con.execute("UPDATE plan_settings SET business_name = 'Made Before Checksums'")
    con.commit()
    con.close()
    assert _digests(path)[0] is None
    plan = PlanFile.open(path)
    with plan.session() as s:
        assert get_settings(s).business_name == "Made Before Checksums"
    plan.save()
    plan.close()
    stored, actual = _digests(path)
    assert stored == actual


def test_a_damaged_index_that_integrity_check_misses_is_rebuilt_not_met_half_way(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bit flipped in an index page: SQLite's integrity_check passes, yet a read through the index fails.
    Indexes hold nothing of their own; the working copy's are rebuilt, so every command works."""
    path = tmp_path / "demo.smoplan"
    assert run_cli(capsys, "new", str(path), "--demo")[0] == 0
    con = sqlite3.connect(path)
    (root,) = con.execute("SELECT rootpage FROM sqlite_schema WHERE name = 'ix_posts_source_key'").fetchone()
    (page_size,) = con.execute("PRAGMA page_size").fetchone()
    con.close()
    data = bytearray(path.read_bytes())
    data[root * page_size - 3] ^= 0x01  # inside the index page's first cell (cells fill a page from its end)
    path.write_bytes(bytes(data))
    con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    with pytest.raises(sqlite3.DatabaseError):  # (PRAGMA integrity_check passes on this file)
        con.execute("SELECT id FROM posts ORDER BY source_key").fetchall()
    con.close()
    before = snapshot(path)
    for argv in (
        ["check", str(path)],
        ["report", str(path), "--month", "2026-12"],
        ["export", str(path), "posts", "-o", str(tmp_path / "posts.csv")],
    ):
        code, _out, err = run_cli(capsys, *argv)
        assert code == 0, err
    assert snapshot(path) == before


@needs_fork
def test_a_save_killed_while_sqlite_rolls_the_stale_journal_back_is_recovered_onto_the_plan(tmp_path: Path) -> None:
    """SQLite's rollback of the stale journal onto the old file, cut off half-way: the file holds some pages
    put back, the journal is still there. Recovery knows it for the file it read, and saves onto it."""
    path = make_plan_file(tmp_path / "cafe.smoplan", name="Committed")
    _leave_a_stale_journal(path)
    pid = os.fork()
    if pid == 0:
        try:
            plan = PlanFile.open(path)
            _rename(plan, "Saved Edit")
            planfile_module._settle_sidecars = lambda _target: os.kill(os.getpid(), signal.SIGKILL)
            plan.save()
        finally:
            os._exit(3)
    _pid, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status)
    # What the rollback puts back, found on a copy; then the file as a rollback cut off half-way leaves it.
    scratch = tmp_path / "scratch" / "cafe.smoplan"
    scratch.parent.mkdir()
    shutil.copyfile(path, scratch)
    shutil.copyfile(_journal(path), _journal(scratch))
    assert _raw_content(scratch) == ("Committed", 2)
    rolled_back, cut_off = scratch.read_bytes(), path.read_bytes()
    page = int.from_bytes(cut_off[16:18], "big")
    assert len(cut_off) > len(rolled_back) and len(rolled_back) % page == 0
    # Every page put back, the file not yet cut to its old length: the last step of a rollback.
    half_way = rolled_back + cut_off[len(rolled_back) :]
    assert half_way != cut_off, "the cut-off transaction had reached the file's old pages"
    path.write_bytes(half_way)
    (found,) = PlanFile.recoverable()
    plan = PlanFile.recover(found)
    result = plan.save()
    plan.close()
    assert result.conflict_of is None and result.path == path
    assert not _journal(path).exists()
    assert _raw_content(path) == ("Saved Edit", 2)
