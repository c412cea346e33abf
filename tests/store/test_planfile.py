"""The plan file: create, save, reopen, refuse bad files, lock, conflicts, Save As, migrations."""

from __future__ import annotations

import errno
import os
import shutil
import socket
import sqlite3
import struct
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from helpers import make_plan_file, new_plan, sample_settings, sha256, snapshot

from smoplanner.core.plan_settings import custom_platform, platform_entry
from smoplanner.store import migrate
from smoplanner.store import planfile as planfile_module
from smoplanner.store.errors import (
    NotAPlanError,
    NotSQLiteError,
    PlanDamagedError,
    PlanLockedError,
    PlanNotFoundError,
    PlanReadOnlyError,
    PlanSaveError,
    PlanTooNewError,
    PlanUnreadableError,
    UnexpectedSchemaError,
)
from smoplanner.store.lock import lock_path_for
from smoplanner.store.planfile import (
    APPLICATION_ID,
    FORMAT_VERSION,
    HEAD_REVISION,
    REVISION_FORMATS,
    PlanFile,
    working_dir,
)
from smoplanner.store.schema import schema_differences
from smoplanner.store.settings import get_settings, update_settings

DATA = Path(__file__).parent.parent / "data" / "plans"


def _rename(plan: PlanFile, name: str) -> None:
    with plan.session() as s:
        update_settings(s, get_settings(s).with_changes(business_name=name))


def _name_of(path: Path) -> str:
    plan = PlanFile.open(path, lock="none")
    try:
        with plan.session() as s:
            return get_settings(s).business_name
    finally:
        plan.close(save=False)


def _no_leftovers(path: Path) -> None:
    """No lock, no temporary file and no working copy left behind."""
    assert not lock_path_for(path).exists()
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".saving")]
    assert list(working_dir().iterdir()) == []


# -- create, edit, save, reopen -------------------------------------------------------------------


def test_settings_survive_save_and_reopen(tmp_path: Path) -> None:
    path = tmp_path / "sonne.smoplan"
    plan = new_plan(path)
    with plan.session() as s:
        settings = get_settings(s)
        update_settings(
            s,
            settings.with_changes(
                business_name="Bäckerei Sonne & Söhne",
                website="sonne-hamburg.de",
                keywords=("Franzbrötchen", "Hamburg bakery"),
                currency="CHF",
                timezone="Europe/Zurich",
                platforms=(platform_entry("tiktok"), custom_platform("Nextdoor")),
            ),
        )
    assert plan.is_dirty
    plan.save()
    assert not plan.is_dirty
    plan.close()

    reopened = PlanFile.open(path)
    with reopened.session() as s:
        got = get_settings(s)
    reopened.close()
    assert got.business_name == "Bäckerei Sonne & Söhne"
    assert got.website == "https://sonne-hamburg.de"
    assert got.keywords == ("Franzbrötchen", "Hamburg bakery")
    assert (got.currency, got.timezone) == ("CHF", "Europe/Zurich")
    assert [(p.code, p.name, p.custom) for p in got.platforms] == [
        ("tiktok", "TikTok", False),
        ("nextdoor", "Nextdoor", True),
    ]
    _no_leftovers(path)


def test_close_saves_unsaved_edits_when_autosave_is_on(tmp_path: Path) -> None:
    path = tmp_path / "a.smoplan"
    plan = new_plan(path)
    _rename(plan, "Saved On Close")
    plan.close()
    assert _name_of(path) == "Saved On Close"


def test_close_without_saving_keeps_the_file(tmp_path: Path) -> None:
    path = make_plan_file(tmp_path / "a.smoplan")
    before = sha256(path)
    plan = PlanFile.open(path)
    _rename(plan, "Not kept")
    plan.close(save=False)
    assert sha256(path) == before


def test_saved_file_header_and_no_sidecar_files(tmp_path: Path) -> None:
    path = tmp_path / "a.smoplan"
    plan = new_plan(path)
    with plan.session() as s:
        settings = get_settings(s)
        update_settings(s, settings.with_changes(platforms=(*settings.platforms, custom_platform("Zyxwvu Secretnet"))))
    plan.save()
    assert b"Zyxwvu Secretnet" in path.read_bytes()
    with plan.session() as s:
        update_settings(s, settings)  # the custom platform removed again
    plan.close()

    data = path.read_bytes()
    assert data[:16] == b"SQLite format 3\x00"
    assert data[18:20] == b"\x01\x01", "rollback-journal mode, not WAL"
    assert struct.unpack(">I", data[60:64])[0] == FORMAT_VERSION
    assert struct.unpack(">I", data[68:72])[0] == APPLICATION_ID
    for suffix in ("-journal", "-wal", "-shm"):
        assert not path.with_name(path.name + suffix).exists()
    assert b"Zyxwvu Secretnet" not in data, "deleted text must not linger in the saved file"
    assert b"Secretnet" not in data


def test_every_connection_is_hardened(tmp_path: Path) -> None:
    plan = new_plan(tmp_path / "a.smoplan")
    with plan.engine.connect() as conn:
        pragma = {
            name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("trusted_schema", "foreign_keys", "cell_size_check", "mmap_size", "synchronous")
        }
    plan.close()
    assert pragma == {"trusted_schema": 0, "foreign_keys": 1, "cell_size_check": 1, "mmap_size": 0, "synchronous": 2}


def test_new_plan_schema_matches_the_models(tmp_path: Path) -> None:
    plan = new_plan(tmp_path / "a.smoplan")
    try:
        assert schema_differences(plan.engine) == []
    finally:
        plan.close()


def test_revision_table_matches_the_migration_scripts() -> None:
    from alembic.script import ScriptDirectory

    from smoplanner.store.migrate import alembic_config

    script = ScriptDirectory.from_config(alembic_config(None))  # type: ignore[arg-type]
    assert script.get_heads() == [HEAD_REVISION]
    chain = [rev.revision for rev in reversed(list(script.walk_revisions()))]
    assert chain == list(REVISION_FORMATS)
    assert list(REVISION_FORMATS.values()) == list(range(1, FORMAT_VERSION + 1))


def test_create_refuses_an_existing_file(tmp_path: Path) -> None:
    path = make_plan_file(tmp_path / "a.smoplan")
    before = snapshot(path)
    with pytest.raises(PlanSaveError, match="already exists"):
        new_plan(path)
    assert snapshot(path) == before


# -- refusals ---------------------------------------------------------------------------------------


def _plain_sqlite(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE recipes (name TEXT)")
    con.execute("INSERT INTO recipes VALUES ('bread')")
    con.commit()
    con.close()


def _raw_edit(path: Path, *sql: str) -> None:
    """Change a plan file behind smoplanner's back (as another program or a newer version would)."""
    con = sqlite3.connect(path)
    for statement in sql:
        con.execute(statement)
    con.commit()
    con.close()


def _refusal_cases(tmp_path: Path) -> list[tuple[str, Path, type[Exception], str]]:
    text = tmp_path / "notes.smoplan"
    text.write_text("<html><body>Not a plan</body></html>", encoding="utf-8")
    other = tmp_path / "recipes.smoplan"
    _plain_sqlite(other)
    newer = make_plan_file(tmp_path / "newer.smoplan")
    _raw_edit(newer, "PRAGMA user_version=99")
    unknown_rev = make_plan_file(tmp_path / "unknown-rev.smoplan")
    _raw_edit(unknown_rev, "UPDATE alembic_version SET version_num='9999_future'")
    truncated = make_plan_file(tmp_path / "truncated.smoplan")
    truncated.write_bytes(truncated.read_bytes()[:5000])
    corrupted = make_plan_file(tmp_path / "corrupted.smoplan")
    data = bytearray(corrupted.read_bytes())
    page = struct.unpack(">H", data[16:18])[0]
    for offset in range(page, len(data), 97):  # scribble over every page but the header page
        data[offset] = 0xA5
    corrupted.write_bytes(bytes(data))
    empty = tmp_path / "empty.smoplan"
    empty.write_bytes(b"")
    trigger = make_plan_file(tmp_path / "trigger.smoplan")
    _raw_edit(trigger, "CREATE TRIGGER sneaky AFTER UPDATE ON platforms BEGIN DELETE FROM platforms; END")
    view = make_plan_file(tmp_path / "view.smoplan")
    _raw_edit(view, "CREATE VIEW peek AS SELECT * FROM platforms")
    extra = make_plan_file(tmp_path / "extra-table.smoplan")
    _raw_edit(extra, "CREATE TABLE payload (x BLOB)")
    index = make_plan_file(tmp_path / "evil-index.smoplan")
    _raw_edit(index, "CREATE INDEX evil ON platforms(zeroblob(100000000))")
    generated = make_plan_file(tmp_path / "generated.smoplan")
    _raw_edit(generated, "ALTER TABLE plan_settings ADD COLUMN boom BLOB AS (zeroblob(150000000))")
    replaced = make_plan_file(tmp_path / "replaced.smoplan")
    _raw_edit(replaced, "DROP TABLE platforms", "CREATE TABLE platforms (x TEXT)")
    dropped = make_plan_file(tmp_path / "dropped.smoplan")
    _raw_edit(dropped, "DROP TABLE platforms")
    folder = tmp_path / "folder.smoplan"
    folder.mkdir()
    return [
        ("html renamed", text, NotSQLiteError, "not a smoplanner plan"),
        ("other sqlite", other, NotAPlanError, "not a smoplanner plan"),
        ("newer format", newer, PlanTooNewError, "newer smoplanner"),
        ("unknown revision", unknown_rev, PlanTooNewError, "newer smoplanner"),
        ("truncated", truncated, PlanDamagedError, "damaged"),
        ("corrupted", corrupted, PlanDamagedError, "damaged"),
        ("empty", empty, PlanDamagedError, "empty"),
        ("trigger", trigger, UnexpectedSchemaError, "trigger"),
        ("view", view, UnexpectedSchemaError, "view"),
        ("extra table", extra, UnexpectedSchemaError, "extra table “payload”"),
        ("index on a known table", index, UnexpectedSchemaError, "extra index “evil”"),
        ("generated column", generated, UnexpectedSchemaError, "changed table “plan_settings”"),
        ("replaced table", replaced, UnexpectedSchemaError, "changed table “platforms”"),
        ("dropped table", dropped, UnexpectedSchemaError, "“platforms” is missing"),
        ("folder", folder, PlanUnreadableError, "folder"),
    ]


def test_refusals_name_the_problem_and_leave_the_file_untouched(tmp_path: Path) -> None:
    for label, path, error, words in _refusal_cases(tmp_path):
        before = snapshot(path) if path.is_file() else None
        with pytest.raises(error) as caught:
            PlanFile.open(path)
        assert words in str(caught.value), label
        assert path.name in str(caught.value), label
        if before is not None:
            assert snapshot(path) == before, label
        assert not lock_path_for(path).exists(), label
        assert list(working_dir().iterdir()) == [], label
        siblings = {p.name for p in tmp_path.iterdir()}
        assert not [n for n in siblings if n.endswith(("-journal", "-wal", "-shm"))], label


def test_newer_format_message_names_both_versions(tmp_path: Path) -> None:
    path = make_plan_file(tmp_path / "newer.smoplan")
    _raw_edit(path, "PRAGMA user_version=99")
    with pytest.raises(PlanTooNewError) as caught:
        PlanFile.open(path)
    assert "99" in str(caught.value) and f"up to {FORMAT_VERSION}" in str(caught.value)


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(PlanNotFoundError, match="no plan at"):
        PlanFile.open(tmp_path / "gone.smoplan")


def test_read_only_location_opens_read_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = make_plan_file(tmp_path / "stick.smoplan")
    before = snapshot(path)
    monkeypatch.setattr(planfile_module, "_location_writable", lambda _p: False)
    plan = PlanFile.open(path)
    assert plan.read_only
    assert any("read-only" in n for n in plan.notices)
    assert not lock_path_for(path).exists()
    with plan.session() as s:
        assert get_settings(s).business_name == "Bäckerei Sonne"
    with pytest.raises(PlanReadOnlyError):
        _rename(plan, "Changed")
    with pytest.raises(PlanReadOnlyError):
        plan.save()
    plan.close()
    assert snapshot(path) == before


# -- locking ----------------------------------------------------------------------------------------

_HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from smoplanner.store.planfile import PlanFile
    plan = PlanFile.open(Path(sys.argv[1]))
    print("open", flush=True)
    sys.stdin.readline()
    plan.close()
    """
)


def test_second_process_is_offered_read_only_or_a_copy(tmp_path: Path) -> None:
    path = make_plan_file(tmp_path / "shared.smoplan")
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(PlanLockedError) as caught:
            PlanFile.open(path)
        assert caught.value.info.this_host and caught.value.info.pid == holder.pid
        assert "already open" in str(caught.value)

        viewer = PlanFile.open(path, lock="readonly")
        assert viewer.read_only
        viewer.close()

        copy = PlanFile.open(path, lock="copy")
        assert copy.path is None and not copy.read_only
        _rename(copy, "Copy edits")
        with pytest.raises(PlanSaveError, match="Save As"):
            copy.save()
        copy.save_as(tmp_path / "mine.smoplan")
        copy.close()
        assert _name_of(tmp_path / "mine.smoplan") == "Copy edits"
        assert _name_of(path) == "Bäckerei Sonne"
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(timeout=30)
    assert not lock_path_for(path).exists()


def test_stale_lock_from_a_dead_process_is_taken_over(tmp_path: Path) -> None:
    path = make_plan_file(tmp_path / "a.smoplan")
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    lock_path_for(path).write_text(
        f'{{"user": "olga", "host": "{socket.gethostname()}", "pid": {dead_pid}, "since": "2026-11-01 09:00"}}'
    )
    plan = PlanFile.open(path)
    assert any("not closed properly" in n for n in plan.notices)
    assert f'"pid": {os.getpid()}' in lock_path_for(path).read_text()
    plan.close()
    assert not lock_path_for(path).exists()


def test_another_computers_lock_is_broken_only_on_request(tmp_path: Path) -> None:
    path = make_plan_file(tmp_path / "a.smoplan")
    lock_path_for(path).write_text('{"user": "ali", "host": "laptop-of-ali", "pid": 4242, "since": "2026-11-20 10:00"}')
    with pytest.raises(PlanLockedError) as caught:
        PlanFile.open(path)
    assert not caught.value.info.this_host
    assert "laptop-of-ali" in str(caught.value)
    assert "laptop-of-ali" in lock_path_for(path).read_text(), "the other computer's lock is left alone"
    plan = PlanFile.open(path, lock="break")
    assert not plan.read_only
    plan.close()


# -- conflicts, Save As ---------------------------------------------------------------------------


def test_file_changed_on_disk_is_kept_and_a_conflict_copy_saved(tmp_path: Path) -> None:
    path = make_plan_file(tmp_path / "synced.smoplan")
    plan = PlanFile.open(path)
    # Another computer's version arrives through a sync client while the plan is open.
    theirs = make_plan_file(
        tmp_path / "elsewhere" / "synced.smoplan" if False else tmp_path / "theirs.smoplan", name="Their Version"
    )
    shutil.copyfile(theirs, path)
    their_bytes = sha256(path)

    _rename(plan, "My Version")
    result = plan.save()
    assert result.conflict_of == path
    assert result.path != path and "conflict" in result.path.name
    assert sha256(path) == their_bytes, "the changed file is never overwritten"
    assert _name_of(result.path) == "My Version"
    assert _name_of(path) == "Their Version"
    # Further edits go to the conflict copy.
    _rename(plan, "My Version 2")
    plan.save()
    plan.close()
    assert _name_of(result.path) == "My Version 2"
    assert sha256(path) == their_bytes
    reopened = PlanFile.open(path)
    assert any("conflict copies" in n for n in reopened.notices)
    reopened.close()


def test_save_as_makes_an_equal_copy_and_edits_go_to_the_copy(tmp_path: Path) -> None:
    original = tmp_path / "client.smoplan"
    plan = new_plan(original)
    _rename(plan, "Client Café")
    plan.save()
    original_bytes = sha256(original)
    copy = tmp_path / "meeting" / "client copy.smoplan"
    copy.parent.mkdir()
    result = plan.save_as(copy)
    assert result.path == copy and plan.path == copy
    assert not lock_path_for(original).exists() and lock_path_for(copy).exists()
    assert _name_of(copy) == "Client Café"
    _rename(plan, "Only In The Copy")
    plan.close()
    assert _name_of(copy) == "Only In The Copy"
    assert _name_of(original) == "Client Café"
    assert sha256(original) == original_bytes


# -- failing saves ----------------------------------------------------------------------------------


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_failed_fsync_or_replace_leaves_the_original_and_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    path = make_plan_file(tmp_path / "a.smoplan")
    before = snapshot(path)
    plan = PlanFile.open(path)
    _rename(plan, "Unsaved")

    def boom(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as m:
        m.setattr(os, failing, boom)
        with pytest.raises(PlanSaveError, match="No space left on device") as caught:
            plan.save()
    assert "left as it was" in str(caught.value)
    assert snapshot(path) == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".saving")]
    assert plan.is_dirty, "the edit is still there to save later"
    plan.save()
    plan.close()
    assert _name_of(path) == "Unsaved"


# -- migrations -------------------------------------------------------------------------------------


def test_format1_plan_is_upgraded_and_first_save_keeps_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.smoplan"
    shutil.copyfile(DATA / "format1-cafe.smoplan", path)
    before = snapshot(path)
    assert FORMAT_VERSION > 1, "a later format exists to migrate to"
    plan = PlanFile.open(path)
    assert plan.upgraded_from == 1
    assert any("older smoplanner" in n for n in plan.notices)
    assert snapshot(path) == before, "the original is untouched until saved"
    assert schema_differences(plan.engine) == []
    with plan.session() as s:
        assert get_settings(s).business_name == "Café Lumen"
    result = plan.save()
    backup = tmp_path / "old.smoplan.bak-fmt1"
    assert result.backup == backup and backup.exists()
    assert sha256(backup) == before[0]
    assert struct.unpack(">I", path.read_bytes()[60:64])[0] == FORMAT_VERSION
    _rename(plan, "Café Lumen 2")
    plan.save()  # a second save keeps the first backup as it was
    plan.close()
    assert sha256(backup) == before[0]
    reopened = PlanFile.open(path)
    assert reopened.upgraded_from is None
    reopened.close()


def test_failed_migration_leaves_the_original(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.smoplan"
    shutil.copyfile(DATA / "format1-cafe.smoplan", path)
    before = snapshot(path)

    def broken(_work: Path) -> None:
        raise RuntimeError("disk went away")

    monkeypatch.setattr(migrate, "upgrade", broken)
    from smoplanner.store.errors import PlanMigrationError

    with pytest.raises(PlanMigrationError, match="could not be upgraded"):
        PlanFile.open(path)
    assert snapshot(path) == before
    assert not lock_path_for(path).exists()
    assert list(working_dir().iterdir()) == []


def test_settings_validation_rejects_bad_values(tmp_path: Path) -> None:
    from smoplanner.core.plan_settings import SettingsError

    plan = new_plan(tmp_path / "a.smoplan")
    try:
        for field, changes in [
            ("business_name", {"business_name": "  "}),
            ("currency", {"currency": "EURO"}),
            ("currency", {"currency": "XQQ"}),
            ("timezone", {"timezone": "Mars/Olympus"}),
            ("website", {"website": "not a site"}),
        ]:
            with pytest.raises(SettingsError) as caught, plan.session() as s:
                update_settings(s, sample_settings().with_changes(**changes))
            assert caught.value.field == field
        with plan.session() as s:
            assert get_settings(s).business_name == "Bäckerei Sonne"
    finally:
        plan.close()


def test_bulk_statements_count_as_edits_and_respect_read_only(tmp_path: Path) -> None:
    from sqlalchemy import insert

    from smoplanner.store.models import Platform

    path = make_plan_file(tmp_path / "a.smoplan")
    plan = PlanFile.open(path)
    with plan.session() as s:
        s.execute(insert(Platform).values(code="nextdoor", name="Nextdoor", custom=True, position=9))
    assert plan.is_dirty, "a Core insert is an edit like any other"
    plan.close()
    assert "Nextdoor" in _platform_names(path)

    viewer = PlanFile.open(path, lock="readonly")
    with pytest.raises(PlanReadOnlyError), viewer.session() as s:
        s.execute(insert(Platform).values(code="other", name="Other", custom=True, position=10))
    viewer.close()
    assert "Other" not in _platform_names(path)


def _platform_names(path: Path) -> list[str]:
    plan = PlanFile.open(path, lock="none")
    try:
        with plan.session() as s:
            return [p.name for p in get_settings(s).platforms]
    finally:
        plan.close(save=False)


def test_shipped_schemas_match_the_migrations() -> None:
    from smoplanner.store.schema import build_snapshots, expected_schemas

    built = {rev: frozenset(tuple(r) for r in rows) for rev, rows in build_snapshots().items()}
    assert built == expected_schemas(), "run: python -m smoplanner.store.schema"


def test_wal_mode_file_and_leftover_journal_open_without_touching_the_folder(tmp_path: Path) -> None:
    wal = make_plan_file(tmp_path / "wal.smoplan")
    _raw_edit(wal, "PRAGMA journal_mode=WAL")
    hot = make_plan_file(tmp_path / "hot.smoplan")
    # Another program died mid-write: its rollback journal is still beside the file.
    con = sqlite3.connect(hot)
    con.execute("PRAGMA journal_mode=DELETE")
    con.execute("BEGIN")
    con.execute("UPDATE plan_settings SET business_name='Half Written'")
    shutil.copyfile(hot, tmp_path / "hot-copy.tmp")
    shutil.copyfile(hot.with_name(hot.name + "-journal"), tmp_path / "hot-journal.tmp")
    con.rollback()
    con.close()
    shutil.copyfile(tmp_path / "hot-copy.tmp", hot)
    shutil.copyfile(tmp_path / "hot-journal.tmp", hot.with_name(hot.name + "-journal"))
    for p in ("hot-copy.tmp", "hot-journal.tmp"):
        (tmp_path / p).unlink()
    before = {p.name: snapshot(p) for p in tmp_path.iterdir()}

    for path in (wal, hot):
        plan = PlanFile.open(path, lock="readonly")
        with plan.session() as s:
            assert get_settings(s).business_name == "Bäckerei Sonne", "the interrupted write is undone"
        plan.close()
    assert {p.name: snapshot(p) for p in tmp_path.iterdir()} == before, "nothing written beside the plans"


def test_raw_sql_edits_count_and_read_only_refuses_them(tmp_path: Path) -> None:
    from sqlalchemy import text

    path = make_plan_file(tmp_path / "a.smoplan")
    plan = PlanFile.open(path)
    with plan.session() as s:
        s.execute(text("UPDATE plan_settings SET business_name='Typed By Hand'"))
    assert plan.is_dirty
    plan.close()
    assert _name_of(path) == "Typed By Hand"
    viewer = PlanFile.open(path, lock="readonly")
    with pytest.raises(PlanReadOnlyError), viewer.session() as s:
        s.execute(text("UPDATE plan_settings SET business_name='Sneaky'"))
    assert not viewer.is_dirty
    viewer.close()
    assert _name_of(path) == "Typed By Hand"


def test_failed_create_leaves_nothing(tmp_path: Path) -> None:
    path = tmp_path / "locked.smoplan"
    lock_path_for(path).write_text('{"user": "ali", "host": "laptop-of-ali", "pid": 7, "since": "x"}')
    with pytest.raises(PlanLockedError):
        new_plan(path)
    assert not path.exists()
    assert list(working_dir().iterdir()) == []
    with pytest.raises(PlanSaveError, match="does not exist"):
        new_plan(tmp_path / "no-such-folder" / "a.smoplan")


def test_two_openers_cannot_both_take_over_one_stale_lock(tmp_path: Path) -> None:
    from smoplanner.store.lock import PlanLock, read_lock

    path = make_plan_file(tmp_path / "a.smoplan")
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    lock_path_for(path).write_text(
        f'{{"user": "olga", "host": "{socket.gethostname()}", "pid": {int(dead.stdout)}, "since": "2026-11-01 09:00"}}'
    )
    stale = read_lock(path)
    assert stale is not None
    first = PlanLock(path)
    assert first.acquire() is not None  # took over the stale lock
    # A second opener that had read the same stale lock a moment earlier now tries to move it aside.
    second = PlanLock(path)
    with pytest.raises(PlanLockedError):
        second._move_aside(stale)
    assert f'"pid": {os.getpid()}' in lock_path_for(path).read_text(), "the fresh lock is back in place"
    assert not second.held
    first.release()
    assert not lock_path_for(path).exists()


def test_a_plan_opened_read_only_can_be_saved_as_an_editable_copy(tmp_path: Path) -> None:
    path = make_plan_file(tmp_path / "shared.smoplan")
    before = snapshot(path)
    plan = PlanFile.open(path, lock="readonly")
    result = plan.save_as(tmp_path / "my copy.smoplan")
    assert result.path == tmp_path / "my copy.smoplan" and not plan.read_only
    _rename(plan, "Edited Copy")
    plan.close()
    assert _name_of(tmp_path / "my copy.smoplan") == "Edited Copy"
    assert snapshot(path) == before


def test_an_edit_after_the_save_snapshot_keeps_the_plan_unsaved(tmp_path: Path) -> None:
    """A save may run on a worker while edits go on: what came after its snapshot is saved next time."""
    path = tmp_path / "a.smoplan"
    plan = new_plan(path)
    _rename(plan, "In the Snapshot")
    steps: list[tuple[int, int]] = []

    def edit_after_snapshot(done: int, total: int) -> None:
        steps.append((done, total))
        if done == 1:  # the snapshot is taken
            _rename(plan, "After the Snapshot")

    plan.save(progress=edit_after_snapshot)
    assert steps[-1] == (4, 4)
    assert plan.is_dirty, "the edit after the snapshot is not saved yet"
    assert _name_of(path) == "In the Snapshot"
    plan.save()
    assert not plan.is_dirty
    assert _name_of(path) == "After the Snapshot"
    plan.close()


def test_opening_reports_its_steps_and_a_stop_leaves_nothing_behind(tmp_path: Path) -> None:
    path = make_plan_file(tmp_path / "a.smoplan")
    before = snapshot(path)
    steps: list[tuple[int, int]] = []

    def stop_after_reading(done: int, total: int) -> None:
        steps.append((done, total))
        if done == 1:
            raise KeyboardInterrupt  # what a cancelled task raises, in kind: not an Exception of the plan's

    with pytest.raises(KeyboardInterrupt):
        PlanFile.open(path, progress=stop_after_reading)
    assert steps == [(0, 3), (1, 3)]
    assert snapshot(path) == before
    assert not lock_path_for(path).exists()
    assert list(working_dir().iterdir()) == []
    plan = PlanFile.open(path, progress=lambda done, total: steps.append((done, total)))
    assert steps[-1] == (3, 3)
    plan.close()
