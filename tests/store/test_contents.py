"""`check` looks at every stored value: content another tool wrote that the code cannot read is refused by name."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from helpers import run_cli as run
from helpers import snapshot

from smoplanner.store.contents import MAX_TEXT_CHARS


@pytest.fixture
def demo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "cafe.smoplan"
    code, _out, _err = run(capsys, "new", str(path), "--demo")
    assert code == 0
    return path


def _tamper(path: Path, *statements: str, params: tuple[object, ...] = ()) -> None:
    """What another SQLite tool could write: any value in any column."""
    con = sqlite3.connect(path)
    try:
        for sql in statements:
            con.execute(sql, params) if "?" in sql else con.execute(sql)
        con.commit()
    finally:
        con.close()


CASES = [
    (
        "UPDATE posts SET boost_minor = 'lots' WHERE id = 3",
        "table posts, row 3: boost_minor is 'lots', not a whole number",
    ),
    ("UPDATE posts SET boost_minor = 12.5 WHERE id = 4", "table posts, row 4: boost_minor is the decimal number 12.5"),
    ("UPDATE posts SET boosted = 7 WHERE id = 2", "table posts, row 2: boosted is 7, not yes or no"),
    ("UPDATE profiles SET last_reviewed = 'last week' WHERE id = 1", "last_reviewed is 'last week', not a date"),
    ("UPDATE profiles SET last_reviewed = '2026-13-01' WHERE id = 1", "last_reviewed is '2026-13-01', not a date"),
    ("UPDATE posts SET scheduled_at = '0000-12-31 23:00:00.000000' WHERE id = 5", "scheduled_at is '0000-12-31"),
    (
        "UPDATE posts SET scheduled_at = '9999-12-31 23:50:00.000000' WHERE id = 5",
        "scheduled_at is 9999-12-31 23:50:00.000000, outside the years 1900 to 2999",
    ),
    (
        "UPDATE posts SET created_at = 'soon' WHERE id = 6",
        "table posts, row 6: created_at is 'soon', not a date and time",
    ),
    ("UPDATE plan_settings SET timezone = 'Mars/Olympus'", "timezone 'Mars/Olympus' is not a time zone"),
    ("UPDATE plan_settings SET currency = 'XXY'", "currency 'XXY' is not a currency smoplanner knows"),
    ("DELETE FROM plan_settings", "table plan_settings holds 0 rows where it holds exactly one"),
    (
        "UPDATE platforms SET code = hex(randomblob(30)) WHERE id = 1",
        "table platforms, row 1: code is 60 characters long",
    ),
    (f"UPDATE posts SET text = printf('%.*c', {MAX_TEXT_CHARS + 1}, 'x') WHERE id = 2", "more than smoplanner's"),
    (
        "UPDATE posts SET title = CAST(x'43616680e9' AS TEXT) WHERE id = 8",
        "table posts, row 8: title holds bytes that are not UTF-8",
    ),
    ("UPDATE images SET data = 'not a picture' WHERE id = 1", "table images, row 1: data is 'not a picture'"),
]


@pytest.mark.parametrize(("sql", "message"), CASES, ids=[c[1][:40] for c in CASES])
def test_check_refuses_values_the_code_cannot_read(
    demo: Path, capsys: pytest.CaptureFixture[str], sql: str, message: str
) -> None:
    _tamper(demo, sql)
    before = snapshot(demo)
    code, out, err = run(capsys, "check", str(demo))
    assert code == 1, out
    assert message in err
    assert "Traceback" not in err and err.count("\n") == 1  # one line
    assert snapshot(demo) == before


def test_check_still_passes_the_demo_and_names_at_most_five_problems(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = run(capsys, "check", str(demo))
    assert code == 0 and ": OK." in out
    _tamper(demo, "UPDATE posts SET boost_minor = 'x'")
    code, _out, err = run(capsys, "check", str(demo))
    assert code == 1 and err.count("boost_minor is 'x'") == 5


@pytest.mark.parametrize(("sql", "message"), CASES, ids=[c[1][:40] for c in CASES])
def test_no_reader_opens_such_a_plan(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], sql: str, message: str
) -> None:
    from smoplanner.store.errors import PlanDamagedError
    from smoplanner.store.planfile import PlanFile

    _tamper(demo, sql)
    before = snapshot(demo)
    for argv in (
        ["report", str(demo), "--month", "2026-11", "--json"],
        ["export", str(demo), "posts", "-o", str(tmp_path / "o.csv")],
    ):
        code, _out, err = run(capsys, *argv)
        assert code == 1 and message in err and "Traceback" not in err, argv
    with pytest.raises(PlanDamagedError, match="values smoplanner cannot read"):
        PlanFile.open(demo)  # what the window opens a plan with
    assert snapshot(demo) == before and not (tmp_path / "o.csv").exists()
