"""Imports that once crashed: every one now ends in a row-numbered message, exit 1, and an unchanged plan."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import run_cli as run
from helpers import snapshot

from smoplanner.core.dates import Month
from smoplanner.formats.csvread import TableError, decode


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    # A zone east of UTC: a local time on 1 January of year 1 would be in year 0 in UTC.
    path = tmp_path / "tokyo.smoplan"
    code = run_quiet(["new", str(path), "--timezone", "Asia/Tokyo"])
    assert code == 0
    return path


def run_quiet(argv: list[str]) -> int:
    from smoplanner.cli import main

    return main(argv)


def test_a_utf8_file_with_one_windows_byte_names_its_row(
    plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = b"\xef\xbb\xbfdate,time,title,text,platforms\n2026-12-01,09:00,Caf\xe9,Hello,instagram\n"
    with pytest.raises(TableError, match=r"row 2 is not UTF-8 \(byte 0xE9\)"):
        decode(data)
    file = tmp_path / "mixed.csv"
    file.write_bytes(data)
    before = snapshot(plan)
    capsys.readouterr()
    for extra in ([], ["--format", "generic"], ["--format", "hootsuite", "--platform", "x"]):
        code, _out, err = run(capsys, "import", str(plan), str(file), *extra)
        assert code == 1, extra
        assert "row 2 is not UTF-8" in err and "nothing was imported" in err
        assert "Traceback" not in err
    assert snapshot(plan) == before


@pytest.mark.parametrize(
    ("content", "extra", "row"),
    [
        ("date,time,title,text,platforms\n0001-01-01,00:10,A,Hello,instagram\n", [], "Row 2"),
        ("date,time,title,text,platforms\n9999-12-31,23:50,A,Hello,instagram\n", [], "Row 2"),
        ("0001-01-01 00:10,Hello\n", ["--platform", "x"], "Row 1"),
        ("02/01/0001 00:10,Hello\n", ["--platform", "x", "--date-order", "dmy"], "Row 1"),
    ],
)
def test_dates_at_the_ends_of_the_calendar_are_refused_by_row(
    plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, extra: list[str], row: str
) -> None:
    file = tmp_path / "far.csv"
    file.write_text(content, encoding="utf-8")
    before = snapshot(plan)
    capsys.readouterr()
    code, _out, err = run(capsys, "import", str(plan), str(file), *extra)
    assert code == 1
    assert f"{row}, date:" in err and "outside the years smoplanner plans (1900 to 2999)" in err
    assert snapshot(plan) == before


def test_a_report_for_year_one_is_bad_input_not_a_crash(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    code, _out, err = run(capsys, "report", str(plan), "--month", "0001-01")
    assert code == 1 and "outside the years smoplanner plans" in err
    with pytest.raises(ValueError, match="outside the years"):
        Month.parse("9999-12")
    assert str(Month.parse("2999-12").next()) == "3000-01"  # the last month still has a next one


def test_an_import_that_lands_in_a_conflict_copy_says_where_and_fails(
    plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from smoplanner.store import posts

    file = tmp_path / "posts.csv"
    file.write_text("date,time,title,text,platforms\n2026-12-01,09:00,A,Hello,instagram\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere.smoplan"
    assert run_quiet(["new", str(elsewhere), "--name", "Changed Elsewhere"]) == 0
    real_import = posts.import_records

    def import_while_a_sync_client_replaces_the_plan(session, records):  # type: ignore[no-untyped-def]
        result = real_import(session, records)
        elsewhere.replace(plan)  # another computer's version arrives mid-import
        return result

    monkeypatch.setattr(posts, "import_records", import_while_a_sync_client_replaces_the_plan)
    arrived = snapshot(plan.with_name("elsewhere.smoplan"))
    capsys.readouterr()
    code, out, err = run(capsys, "import", str(plan), str(file))
    assert code == 1 and "Imported" not in out
    conflicts = [p for p in tmp_path.iterdir() if "conflict" in p.name and p.suffix == ".smoplan"]
    assert len(conflicts) == 1
    assert "changed on disk while importing" in err and str(conflicts[0]) in err
    assert snapshot(plan) == arrived  # the version that arrived is kept as it is
