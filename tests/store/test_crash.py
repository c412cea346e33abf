"""Crash safety: a smoplanner killed mid-save, or with unsaved edits, loses nothing it had saved."""

from __future__ import annotations

import os
import random
import select
import signal
import sqlite3
import time
from pathlib import Path

import pytest
from helpers import crash_after_edit, make_plan_file

from smoplanner.store.planfile import PlanFile
from smoplanner.store.settings import get_settings, update_settings

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork() to kill a saving child cheaply")

TRIALS = 120


def _revision(name: str) -> int:
    return int(name.removeprefix("rev "))


def _save_forever(path: Path, write_fd: int) -> None:
    """Child: edit and save in a loop, announcing each save before and after it."""
    plan = PlanFile.open(path)
    with plan.session() as s:
        start = _revision(get_settings(s).business_name)
    k = start
    while True:
        k += 1
        with plan.session() as s:
            current = get_settings(s)
            update_settings(s, current.with_changes(business_name=f"rev {k}", keywords=(f"kw {k}", "x" * (k % 700))))
        os.write(write_fd, f"begin {k}\n".encode())
        plan.save()
        os.write(write_fd, f"done {k}\n".encode())


def _read_events(read_fd: int) -> list[str]:
    chunks = []
    while select.select([read_fd], [], [], 0)[0]:
        data = os.read(read_fd, 65536)
        if not data:
            break
        chunks.append(data.decode())
    return "".join(chunks).split()


def _content(path: Path) -> tuple[int, tuple[str, ...]]:
    con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        assert con.execute("PRAGMA quick_check").fetchone() == ("ok",)
        name, keywords = con.execute("SELECT business_name, keywords FROM plan_settings").fetchone()
    finally:
        con.close()
    return _revision(name), tuple(keywords.split("\n"))


def test_kill_during_saves_leaves_old_or_new_content(tmp_path: Path) -> None:
    path = make_plan_file(tmp_path / "target.smoplan", name="rev 0")
    rng = random.Random(20261126)
    last_done = 0
    killed_mid_save = 0
    for trial in range(TRIALS):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child never returns into pytest
            code = 0
            try:
                os.close(read_fd)
                _save_forever(path, write_fd)
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        os.close(write_fd)
        time.sleep(rng.uniform(0.0, 0.12))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        events = _read_events(read_fd)
        os.close(read_fd)
        begun = [int(events[i + 1]) for i in range(0, len(events), 2) if events[i] == "begin"]
        done = [int(events[i + 1]) for i in range(0, len(events), 2) if events[i] == "done"]
        if done:
            last_done = done[-1]
        allowed = {last_done}
        if begun and (not done or begun[-1] > done[-1]):
            allowed.add(begun[-1])  # killed mid-save: the old or the new revision, nothing else
            killed_mid_save += 1
        revision, keywords = _content(path)
        assert revision in allowed, f"trial {trial}: found rev {revision}, expected one of {sorted(allowed)}"
        assert keywords[0] == f"kw {revision}", f"trial {trial}: content mixes two revisions"
        last_done = revision
        # The next trial's child takes over the stale lock of this one; leftovers are swept below.
    plan = PlanFile.open(path)
    with plan.session() as s:
        assert _revision(get_settings(s).business_name) == last_done
    plan.close(save=False)
    assert last_done > 10, "the children did get to save"
    assert killed_mid_save >= TRIALS // 6, "many kills landed inside a save"


def test_unsaved_edits_are_offered_for_recovery_after_a_crash(tmp_path: Path) -> None:
    path = make_plan_file(tmp_path / "cafe.smoplan", name="Before Crash")
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            os.close(read_fd)
            plan = PlanFile.open(path)
            plan.autosave = False
            with plan.session() as s:
                update_settings(s, get_settings(s).with_changes(business_name="Edited Then Crashed"))
            os.write(write_fd, b"edited\n")
            time.sleep(60)
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(write_fd)
    assert os.read(read_fd, 100) == b"edited\n"
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.close(read_fd)

    found = PlanFile.recoverable()
    assert [r.target for r in found] == [path]
    assert found[0].name == "cafe"
    plan = PlanFile.recover(found[0])
    assert plan.is_dirty and plan.path == path
    with plan.session() as s:
        assert get_settings(s).business_name == "Edited Then Crashed"
    plan.save()
    plan.close()
    assert PlanFile.recoverable() == []
    reopened = PlanFile.open(path)
    with reopened.session() as s:
        assert get_settings(s).business_name == "Edited Then Crashed"
    reopened.close()


def test_discarded_recovery_is_gone(tmp_path: Path) -> None:
    path = make_plan_file(tmp_path / "cafe.smoplan", name="Kept")
    crash_after_edit(path, "Thrown Away")
    found = PlanFile.recoverable()
    assert len(found) == 1
    PlanFile.discard_recovery(found[0])
    assert PlanFile.recoverable() == []
    plan = PlanFile.open(path)
    with plan.session() as s:
        assert get_settings(s).business_name == "Kept"
    plan.close()


def test_dying_right_after_a_save_is_not_taken_for_a_conflict(tmp_path: Path) -> None:
    from smoplanner.store import atomic

    path = make_plan_file(tmp_path / "cafe.smoplan", name="Before")
    pid = os.fork()
    if pid == 0:
        try:
            plan = PlanFile.open(path)
            with plan.session() as s:
                update_settings(s, get_settings(s).with_changes(business_name="Saved Just Before Dying"))
            atomic.fsync_dir = lambda _p: os._exit(0)  # dies between the rename and the bookkeeping
            plan.save()
        finally:
            os._exit(1)
    _pid, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    found = PlanFile.recoverable()
    assert len(found) == 1
    plan = PlanFile.recover(found[0])
    result = plan.save()
    plan.close()
    assert result.conflict_of is None and result.path == path
    assert not [p for p in tmp_path.iterdir() if "conflict" in p.name]


def test_recovery_rolls_back_a_transaction_cut_off_by_the_crash(tmp_path: Path) -> None:
    path = make_plan_file(tmp_path / "cafe.smoplan", name="Committed")
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(read_fd)
            plan = PlanFile.open(path)
            with plan.session() as s:
                update_settings(s, get_settings(s).with_changes(business_name="Committed Edit"))
            con = sqlite3.connect(plan.work_path)
            con.execute("PRAGMA journal_mode=DELETE")
            con.execute("PRAGMA cache_size=1")  # a tiny cache: the cut-off changes reach the file itself
            con.execute("BEGIN")
            con.execute("UPDATE plan_settings SET business_name='Half Done'")
            con.executemany(
                "INSERT INTO platforms (code, name, custom, position) VALUES (?, 'Half Done', 1, 99)",
                [(f"half{i}",) for i in range(3000)],
            )
            os.write(write_fd, b"mid\n")
            time.sleep(60)
        finally:
            os._exit(0)
    os.close(write_fd)
    assert os.read(read_fd, 10) == b"mid\n"
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.close(read_fd)
    found = PlanFile.recoverable()
    assert len(found) == 1
    plan = PlanFile.recover(found[0])
    with plan.session() as s:
        settings = get_settings(s)
    plan.close()
    assert settings.business_name == "Committed Edit", "the committed edit is kept, the cut-off one undone"
    assert "Half Done" not in [p.name for p in settings.platforms]
    assert len(settings.platforms) == 2


def test_orphaned_working_files_are_swept(tmp_path: Path) -> None:
    from smoplanner.store.planfile import working_dir

    folder = working_dir()
    old = folder / "deadbeef.sqlite"
    old.write_bytes(b"x")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    young = folder / "cafef00d.sqlite"
    young.write_bytes(b"x")
    PlanFile.recoverable()
    assert not old.exists() and young.exists()
