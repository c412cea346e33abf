"""`smoplanner import` and `smoplanner export` for posts: exit codes, messages, all or nothing."""

from __future__ import annotations

import csv
import json
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from helpers import make_plan_file, snapshot
from helpers import run_cli as run
from icalendar import Calendar

from smoplanner.core.posts import PostRecord
from smoplanner.store.planfile import PlanFile
from smoplanner.store.posts import all_posts, count_posts, import_records

DATA = Path(__file__).parent / "data" / "formats"
BERLIN = ZoneInfo("Europe/Berlin")


def posts_in(path: Path) -> int:
    plan = PlanFile.open(path, lock="none")
    try:
        with plan.session() as s:
            return count_posts(s)
    finally:
        plan.close(save=False)


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return make_plan_file(tmp_path / "sonne.smoplan")


def test_import_generic_then_again_adds_nothing(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "import", str(plan), str(DATA / "posts_comma_bom.csv"))
    assert (code, err) == (0, "")
    assert out.strip() == "Imported 3 posts (0 already in the plan)"
    assert posts_in(plan) == 3
    before = snapshot(plan)
    code, out, err = run(
        capsys, "import", str(plan), str(DATA / "posts_comma_bom.csv"), "--format", "generic"
    )
    assert (code, err) == (0, "")
    assert out.strip() == "Imported 0 posts (3 already in the plan)"
    assert snapshot(plan) == before


def test_import_hootsuite_needs_platforms(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(plan)
    code, out, err = run(capsys, "import", str(plan), str(DATA / "hootsuite_dmy.csv"))
    assert code == 1 and out == ""
    assert "--platform" in err and err.count("\n") == 1
    assert snapshot(plan) == before
    code, out, err = run(
        capsys, "import", str(plan), str(DATA / "hootsuite_dmy.csv"), "--platform", "instagram,x"
    )
    assert (code, err) == (0, "") and "Imported 4 posts" in out
    rows = PlanFile.open(plan, lock="none")
    try:
        with rows.session() as s:
            assert {r.platforms for r in all_posts(s)} == {("instagram", "x")}
            assert {r.status for r in all_posts(s)} == {"scheduled"}
    finally:
        rows.close(save=False)


@pytest.mark.parametrize(
    ("name", "extra", "words"),
    [
        ("posts_bad_rows.csv", [], "Row 3, date"),
        ("posts_unknown_column.csv", [], "unknown column"),
        ("posts_missing_text.csv", [], "'text' column is missing"),
        ("hootsuite_bad_rows.csv", ["--platform", "instagram"], "Row 2, date"),
        ("hootsuite_ambiguous.csv", ["--platform", "instagram"], "date order"),
        ("hootsuite_dmy.csv", ["--platform", "myspace"], "unknown platform 'myspace'"),
    ],
)
def test_import_bad_files_change_nothing(
    plan: Path, capsys: pytest.CaptureFixture[str], name: str, extra: list[str], words: str
) -> None:
    before = snapshot(plan)
    code, out, err = run(capsys, "import", str(plan), str(DATA / name), *extra)
    assert code == 1 and out == ""
    assert words in err and err.count("\n") == 1 and err.startswith("smoplanner import: ")
    assert snapshot(plan) == before
    assert posts_in(plan) == 0


def test_import_date_order_option(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(
        capsys,
        "import",
        str(plan),
        str(DATA / "hootsuite_ambiguous.csv"),
        "--platform",
        "facebook",
        "--date-order",
        "mdy",
    )
    assert (code, err) == (0, ""), err
    assert posts_in(plan) > 0


def test_ambiguous_dates_name_the_option_that_settles_them(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = posts_in(plan)
    code, _out, err = run(capsys, "import", str(plan), str(DATA / "hootsuite_ambiguous.csv"), "--platform", "facebook")
    assert code == 1
    assert "--date-order dmy or mdy" in err and "nothing was imported" in err
    assert len(err.strip().splitlines()) == 1
    assert posts_in(plan) == before


@pytest.mark.parametrize(
    "argv",
    [
        ["import", "PLAN", "FILE", "--kind", "metrics"],
        ["import", "PLAN", "FILE", "--format", "meta-ads"],
        ["import", "PLAN"],
        ["export", "PLAN", "posts"],
        ["export", "PLAN", "engagement", "-o", "x.csv"],
        ["export", "PLAN", "posts", "-o", "x.csv", "--format", "hootsuite"],
        ["export", "PLAN", "posts", "-o", "x.csv", "--format", "json"],
    ],
)
def test_usage_errors_exit_2(plan: Path, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    argv = [
        str(plan) if a == "PLAN" else str(DATA / "posts_comma_bom.csv") if a == "FILE" else a for a in argv
    ]
    before = snapshot(plan)
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == "" and "usage:" in err
    assert snapshot(plan) == before


def _fill(plan: Path, count: int, start: datetime) -> None:
    opened = PlanFile.open(plan)
    try:
        with opened.session() as s:
            import_records(
                s,
                [
                    PostRecord(
                        title=f"Post {i}",
                        text=f"Fresh bread number {i}",
                        platforms=("instagram",),
                        scheduled_at=start + timedelta(hours=2 * i),
                        status="scheduled",
                    )
                    for i in range(count)
                ],
            )
        opened.save()
    finally:
        opened.close(save=False)


def test_export_csv_ics_and_hootsuite(plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "import", str(plan), str(DATA / "posts_comma_bom.csv"))
    out_csv = tmp_path / "all.csv"
    code, out, err = run(capsys, "export", str(plan), "posts", "-o", str(out_csv))
    assert (code, err) == (0, "") and out.startswith("Exported 3 posts")
    with out_csv.open(encoding="utf-8-sig", newline="") as fh:
        assert [r["title"] for r in csv.DictReader(fh)] == [
            "Black Friday teaser",
            "Doors open",
            "Winter soup idea",
        ]

    out_ics = tmp_path / "nov.ics"
    code, out, err = run(capsys, "export", str(plan), "posts", "-o", str(out_ics), "--month", "2026-11")
    assert (code, err) == (0, "")
    events = list(Calendar.from_ical(out_ics.read_bytes()).walk("VEVENT"))
    assert len(events) == 3  # two platforms for the first post, one for the second; the idea has no date

    out_h = tmp_path / "hoot.csv"
    code, out, err = run(
        capsys, "export", str(plan), "posts", "-o", str(out_h), "--format", "hootsuite", "--month", "2026-11"
    )
    assert (code, err) == (0, "")
    rows = list(csv.reader(out_h.open(encoding="utf-8", newline="")))
    assert [r[0] for r in rows] == ["26/11/2026 14:35", "27/11/2026 09:00"]

    code, out, err = run(
        capsys, "export", str(plan), "posts", "-o", str(tmp_path / "x.csv"), "--month", "2026-13"
    )
    assert code == 1 and "not a month" in err and not (tmp_path / "x.csv").exists()


def test_export_hootsuite_over_350_writes_nothing(
    plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(plan, 351, datetime(2026, 12, 1, 0, 0, tzinfo=BERLIN))
    out_h = tmp_path / "hoot.csv"
    code, out, err = run(
        capsys, "export", str(plan), "posts", "-o", str(out_h), "--format", "hootsuite", "--month", "2026-12"
    )
    assert code == 1 and out == "" and "350" in err
    assert list(tmp_path.iterdir()) == [plan]


def test_export_to_a_missing_folder_is_bad_input(
    plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run(capsys, "export", str(plan), "posts", "-o", str(tmp_path / "nope" / "x.csv"))
    assert code == 1 and "does not exist" in err


def test_report_json_has_the_posts_section(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "import", str(plan), str(DATA / "posts_comma_bom.csv"))
    code, out, _ = run(capsys, "report", str(plan), "--month", "2026-11", "--json")
    assert code == 0
    report = json.loads(out)
    assert list(report)[:3] == ["month", "currency", "posts"]
    assert report["posts"] == {
        "total": 2,
        "by_status": {"idea": 0, "draft": 1, "scheduled": 1, "published": 0},
        "by_platform": {"facebook": 2, "instagram": 1},
    }
