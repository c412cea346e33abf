"""`smoplanner import` and `smoplanner export` for posts: exit codes, messages, all or nothing."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from helpers import make_plan_file, snapshot
from helpers import run_cli as run
from icalendar import Calendar

from smoplanner.core.posts import PostRecord
from smoplanner.formats import hootsuite
from smoplanner.store.planfile import PlanFile
from smoplanner.store.posts import all_posts, count_posts, duplicate_post, import_records

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
    code, out, err = run(capsys, "import", str(plan), str(DATA / "posts_comma_bom.csv"), "--format", "generic")
    assert (code, err) == (0, "")
    assert out.strip() == "Imported 0 posts (3 already in the plan)"
    assert snapshot(plan) == before


def test_import_hootsuite_needs_platforms(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(plan)
    code, out, err = run(capsys, "import", str(plan), str(DATA / "hootsuite_dmy.csv"))
    assert code == 1 and out == ""
    assert "--platform" in err and err.count("\n") == 1
    assert snapshot(plan) == before
    code, out, err = run(capsys, "import", str(plan), str(DATA / "hootsuite_dmy.csv"), "--platform", "instagram,x")
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
        ["import", "PLAN", "FILE", "--kind", "metrics", "--format", "hootsuite"],
        ["import", "PLAN", "FILE", "--format", "meta-ads"],
        ["import", "PLAN"],
        ["export", "PLAN", "posts"],
        ["export", "PLAN", "metrics", "-o", "x.csv"],
        ["export", "PLAN", "posts", "-o", "x.csv", "--format", "hootsuite"],
        ["export", "PLAN", "posts", "-o", "x.csv", "--format", "json"],
    ],
)
def test_usage_errors_exit_2(plan: Path, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    argv = [str(plan) if a == "PLAN" else str(DATA / "posts_comma_bom.csv") if a == "FILE" else a for a in argv]
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


def test_export_csv_ics_and_hootsuite(
    plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hootsuite, "_utc_now", lambda: datetime(2026, 11, 1, tzinfo=UTC))
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

    code, out, err = run(capsys, "export", str(plan), "posts", "-o", str(tmp_path / "x.csv"), "--month", "2026-13")
    assert code == 1 and "not a month" in err and not (tmp_path / "x.csv").exists()


def test_export_hootsuite_over_350_writes_nothing(
    plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hootsuite, "_utc_now", lambda: datetime(2026, 11, 1, tzinfo=UTC))
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


def test_a_duplicated_post_gets_its_own_ics_uid_and_uids_stay_put(
    plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "import", str(plan), str(DATA / "posts_comma_bom.csv"))
    opened = PlanFile.open(plan)
    try:
        with opened.session() as s:
            doors = next(r for r in all_posts(s) if r.title == "Doors open")
            copy = duplicate_post(s, doors.id)
        opened.save()
    finally:
        opened.close(save=False)

    def uids(name: str) -> list[str]:
        out = tmp_path / name
        code, _out, err = run(capsys, "export", str(plan), "posts", "-o", str(out))
        assert (code, err) == (0, "")
        return [str(e["UID"]) for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT")]

    first = uids("first.ics")
    assert len(first) == len(set(first)) == 4  # two platforms for one post, then a post and its copy
    assert f"post-{doors.id}-{doors.platforms[0]}@smoplanner" in first
    assert f"post-{copy}-{doors.platforms[0]}@smoplanner" in first
    assert uids("second.ics") == first


def test_a_posts_csv_exported_from_a_plan_imports_back_adding_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    demo = tmp_path / "demo.smoplan"
    assert run(capsys, "new", str(demo), "--demo")[0] == 0
    before = posts_in(demo)
    out = tmp_path / "posts.csv"
    assert run(capsys, "export", str(demo), "posts", "-o", str(out))[0] == 0
    code, text, err = run(capsys, "import", str(demo), str(out))
    assert (code, err) == (0, "")
    assert text.strip() == f"Imported 0 posts ({before} already in the plan)"
    assert posts_in(demo) == before

    # Edited in a spreadsheet: a changed row is a new post (the plan's post stays as it was).
    with out.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        fields, rows = reader.fieldnames, list(reader)
    row = next(r for r in rows if r["date"])
    row["text"] += " Now with oat milk."
    with out.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    code, text, err = run(capsys, "import", str(demo), str(out))
    assert (code, err) == (0, "")
    assert text.strip() == f"Imported 1 post ({before - 1} already in the plan)"
    assert posts_in(demo) == before + 1


def test_hootsuite_export_leaves_out_posts_too_soon_and_says_so(
    plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    run(capsys, "import", str(plan), str(DATA / "posts_comma_bom.csv"))
    # 26 Nov 2026 14:30 in Berlin: the 14:35 post is five minutes away, the next day's is fine.
    monkeypatch.setattr(hootsuite, "_utc_now", lambda: datetime(2026, 11, 26, 13, 30, tzinfo=UTC))
    out_h = tmp_path / "hoot.csv"
    code, out, err = run(
        capsys, "export", str(plan), "posts", "-o", str(out_h), "--format", "hootsuite", "--month", "2026-11"
    )
    assert (code, err) == (0, "")
    assert [r[0] for r in csv.reader(out_h.open(encoding="utf-8", newline=""))] == ["27/11/2026 09:00"]
    lines = out.splitlines()
    assert lines[0].startswith("Exported 1 post ")
    assert "was left out: its time (26 Nov 14:35) is too soon" in lines[1]
