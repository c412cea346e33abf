"""Crash safety: a smoplanner killed mid-save, or with unsaved edits, loses nothing it had saved."""

from __future__ import annotations

import os
import random
import select
import signal
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest
from helpers import crash_after_edit, make_plan_file

from smoplanner.store.planfile import PlanFile
from smoplanner.store.settings import get_settings, update_settings

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork() to kill a saving child cheaply")

TRIALS = 120


def _revision(name: str) -> int:
    return int(name.removeprefix("rev "))


def _die_around_the_rename(path: Path, write_fd: int, crash: tuple[str, int] | None) -> None:
    """Child: announce each rename onto the plan, and kill itself at an exact point of a save when asked.

    ``crash`` is ``("fsync", n)``: killed before the n-th fsync of a save; ``("before", 0)`` or
    ``("after", 0)``: killed just before or just after the rename that puts the new file in place.
    """
    real_replace, real_fsync = os.replace, os.fsync
    fsyncs = 0

    def die() -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    def replace(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        onto_plan = Path(dst) == path
        if onto_plan and crash == ("before", 0):
            die()
        real_replace(src, dst, *args, **kwargs)
        if onto_plan:
            os.write(write_fd, b"replaced 0\n")
            if crash == ("after", 0):
                die()

    def fsync(fd: int) -> None:
        nonlocal fsyncs
        fsyncs += 1
        if crash is not None and crash[0] == "fsync" and fsyncs == crash[1]:
            die()
        real_fsync(fd)

    os.replace = replace  # type: ignore[assignment]
    os.fsync = fsync


def _save_forever(path: Path, write_fd: int, crash: tuple[str, int] | None) -> None:
    """Child: edit and save in a loop, announcing each save before and after it."""
    plan = PlanFile.open(path)
    with plan.session() as s:
        start = _revision(get_settings(s).business_name)
    _die_around_the_rename(path, write_fd, None)
    k = start
    saves = 0
    while True:
        k += 1
        saves += 1
        with plan.session() as s:
            current = get_settings(s)
            update_settings(s, current.with_changes(business_name=f"rev {k}", keywords=(f"kw {k}", "x" * (k % 700))))
        if saves == 2:  # the first save runs whole; the second one dies at the chosen point
            _die_around_the_rename(path, write_fd, crash)
        os.write(write_fd, f"begin {k}\n".encode())
        plan.save()
        os.write(write_fd, f"done {k}\n".encode())


def _read_events(read_fd: int, *, until: str | None = None) -> list[str]:
    """What the child said: everything until it closed the pipe, or (with ``until``) until it said that word."""
    data = b""
    while True:
        if until is not None and until in data.decode().split():
            break
        chunk = os.read(read_fd, 65536)
        if not chunk:
            break
        data += chunk
    return data.decode().split()


def _content(path: Path) -> tuple[int, tuple[str, ...]]:
    con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        assert con.execute("PRAGMA quick_check").fetchone() == ("ok",)
        name, keywords = con.execute("SELECT business_name, keywords FROM plan_settings").fetchone()
    finally:
        con.close()
    return _revision(name), tuple(keywords.split("\n"))


def _crash_points(rng: random.Random) -> list[tuple[str, int] | None]:
    """Every exact point of a save, many times over, and as many kills at a random moment (None)."""
    exact: list[tuple[str, int] | None] = [("before", 0), ("after", 0), ("fsync", 1), ("fsync", 2), ("fsync", 3)]
    points = exact * (TRIALS // (2 * len(exact))) + [None] * (TRIALS // 2)
    rng.shuffle(points)
    return points


def test_kill_during_saves_leaves_old_or_new_content(tmp_path: Path) -> None:
    path = make_plan_file(tmp_path / "target.smoplan", name="rev 0")
    plan = PlanFile.open(path)
    with plan.session() as s:
        update_settings(s, get_settings(s).with_changes(keywords=("kw 0",)))
    plan.close()
    rng = random.Random(20261126)
    last_done = 0
    exact_kills = {"old": 0, "new": 0}
    for trial, crash in enumerate(_crash_points(rng)):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child never returns into pytest
            code = 0
            try:
                os.close(read_fd)
                _save_forever(path, write_fd, crash)
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        os.close(write_fd)
        if crash is None:
            # Killed at a random moment once a save has begun: wherever the kill lands, the file must be
            # the old or the new revision.
            events = _read_events(read_fd, until="begin")
            select.select([read_fd], [], [], rng.uniform(0.0, 0.05))
            os.kill(pid, signal.SIGKILL)
            _pid, _status = os.waitpid(pid, 0)
            events += _read_events(read_fd)
        else:
            events = _read_events(read_fd)  # the child kills itself at the chosen point
            _pid, status = os.waitpid(pid, 0)
            assert os.WIFSIGNALED(status), f"trial {trial}: the child was to die at {crash}"
        os.close(read_fd)
        pairs = list(zip(events[::2], events[1::2], strict=True))
        begun = [int(k) for word, k in pairs if word == "begin"]
        done = [int(k) for word, k in pairs if word == "done"]
        replaced_after_begin = bool(begun) and ("replaced", "0") in pairs[pairs.index(("begin", str(begun[-1]))) :]
        if done:
            last_done = done[-1]
        allowed = {last_done}
        if begun and (not done or begun[-1] > done[-1]):
            if replaced_after_begin:
                allowed = {begun[-1]}  # the rename had happened: only the new revision
            elif crash is None:
                allowed.add(begun[-1])  # killed at a random moment, maybe just after the rename
            if crash is not None:
                exact_kills["new" if replaced_after_begin else "old"] += 1
        revision, keywords = _content(path)
        assert revision in allowed, f"trial {trial} ({crash}): found rev {revision}, expected one of {sorted(allowed)}"
        assert keywords[0] == f"kw {revision}", f"trial {trial}: content mixes two revisions"
        last_done = revision
        # The next trial's child takes over the stale lock of this one; leftovers are swept below.
    plan = PlanFile.open(path)
    with plan.session() as s:
        assert _revision(get_settings(s).business_name) == last_done
    plan.close(save=False)
    assert last_done > 10, "the children did get to save"
    assert exact_kills["old"] >= TRIALS // 5 and exact_kills["new"] >= TRIALS // 20, exact_kills


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
            signal.pause()  # until the parent kills it
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
            signal.pause()  # until the parent kills it
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
