"""`import --kind metrics` and the report's organic section: exit codes, all or nothing, no duplicates."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from helpers import make_plan_file, snapshot
from helpers import run_cli as run

from smoplanner.core.posts import PostRecord
from smoplanner.store.planfile import PlanFile
from smoplanner.store.posts.crud import create_post
from smoplanner.store.results import organic_days, post_results

METRICS = Path(__file__).parent / "data" / "metrics"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return make_plan_file(tmp_path / "sonne.smoplan")  # Europe/Berlin, instagram and facebook


def report(capsys: pytest.CaptureFixture[str], plan: Path, month: str) -> dict:
    code, out, err = run(capsys, "report", str(plan), "--month", month, "--json")
    assert (code, err) == (0, "")
    return json.loads(out)


def test_an_empty_month_has_the_documented_organic_section(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = report(capsys, plan, "2026-12")
    assert data["organic"] == {
        "reach": 0,
        "impressions": 0,
        "engagements": 0,
        "clicks": 0,
        "engagement_rate": None,
        "follower_growth": 0,
    }
    assert list(data)[:5] == ["month", "currency", "posts", "organic", "paid"]
    assert set(data["paid"]) == {"spend", "impressions", "reach", "clicks", "conversions", "revenue", "cpc", "cpm",
                                 "cpa", "roas"}  # fmt: skip


def test_a_results_csv_imports_once_and_reports_its_month(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "import", str(plan), str(METRICS / "results_generic.csv"), "--kind", "metrics")
    assert (code, err) == (0, "")
    assert out.startswith("Imported 3 days of results, updated 0 (0 already in the plan)")
    before = snapshot(plan)
    code, out, _ = run(capsys, "import", str(plan), str(METRICS / "results_generic.csv"), "--kind", "metrics")
    assert code == 0 and "Imported 0 days of results, updated 0 (3 already in the plan)" in out
    assert snapshot(plan) == before  # nothing changed, so nothing was saved
    organic = report(capsys, plan, "2026-11")["organic"]
    assert organic == {
        "reach": 2520,
        "impressions": 3528,
        "engagements": 123,
        "clicks": 23,
        "engagement_rate": round(123 / 2520, 4),
        "follower_growth": 8,
    }


def test_per_metric_files_fill_their_figure_and_keep_the_others(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "import", str(plan), str(METRICS / "results_generic.csv"), "--kind", "metrics")
    code, _, err = run(
        capsys, "import", str(plan), str(METRICS / "meta_insights_instagram_reach.csv"), "--kind", "metrics"
    )
    assert (code, err) == (0, "")
    opened = PlanFile.open(plan, lock="none")
    try:
        with opened.session() as s:
            days = {(d.day.day, d.platform): d for d in organic_days(s)}
    finally:
        opened.close(save=False)
    assert days[(1, "instagram")].reach == 1250 and days[(1, "instagram")].engagements == 47  # kept
    assert days[(3, "instagram")].reach == 2004 and days[(3, "instagram")].engagements == 0
    organic = report(capsys, plan, "2026-11")["organic"]
    assert organic["reach"] == 1250 + 980 + 2004 + 520


def test_post_level_results_match_the_calendar_and_count_on_the_plans_day(
    plan: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    opened = PlanFile.open(plan)
    try:
        with opened.session() as s:
            post_id = create_post(
                s,
                PostRecord(
                    "Reel", "Oat flat white", ("instagram",), datetime(2026, 11, 15, 17, 3, tzinfo=UTC), "published"
                ),
            )
        opened.save()
    finally:
        opened.close(save=False)
    code, out, err = run(capsys, "import", str(plan), str(METRICS / "meta_content_instagram.csv"), "--kind", "metrics")
    assert (code, err) == (0, "")
    assert "Imported 2 post results" in out and "1 match no post in the calendar" in out
    opened = PlanFile.open(plan, lock="none")
    try:
        with opened.session() as s:
            matched = {r.external_id: r.post_id for r in post_results(s)}
    finally:
        opened.close(save=False)
    assert matched == {"17900000000000001": None, "17900000000000003": post_id}  # 18:05 Berlin is 17:05 UTC
    organic = report(capsys, plan, "2026-11")["organic"]
    assert (organic["reach"], organic["engagements"], organic["impressions"]) == (5000, 467, 16420)


def test_x_times_near_midnight_count_in_the_plans_month(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "import", str(plan), str(METRICS / "x_tweet_activity.csv"), "--kind", "metrics")
    organic = report(capsys, plan, "2026-11")["organic"]
    assert (organic["impressions"], organic["engagements"]) == (3500, 137)
    assert organic["engagement_rate"] is None  # X gives no reach


@pytest.mark.parametrize(
    "name,extra,message",
    [
        ("results_generic_bad.csv", (), "Row 3, platform: “myspace” is not a platform of the plan (and 2 more"),
        ("meta_insights_views.csv", (), "with --platform CODE; nothing was imported"),
        ("facebook_legacy_posts.csv", ("--format", "x-analytics"), "there is no time column"),
    ],
)
def test_a_bad_file_is_refused_whole(plan: Path, capsys: pytest.CaptureFixture[str], name, extra, message) -> None:
    before = snapshot(plan)
    code, out, err = run(capsys, "import", str(plan), str(METRICS / name), "--kind", "metrics", *extra)
    assert code == 1 and out == "" and message in err and len(err.splitlines()) == 1
    assert snapshot(plan) == before


def test_the_platform_of_a_per_metric_file_can_be_given(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "import", str(plan), str(METRICS / "meta_insights_views.csv"), "--kind", "metrics",
        "--platform", "facebook",
    )  # fmt: skip
    assert (code, err) == (0, "") and "Imported 2 days" in out
    assert report(capsys, plan, "2026-11")["organic"]["impressions"] == 710


def test_results_formats_are_usage_errors_for_other_kinds(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "import", str(plan), str(METRICS / "x_tweet_activity.csv"), "--format", "x-analytics")
    assert code == 2 and "add --kind metrics" in err


@pytest.mark.parametrize(
    ("zone", "published", "month", "other"),
    [
        ("Europe/Berlin", "2026-11-30 23:30 +0000", "2026-12", "2026-11"),  # 00:30 on 1 December in Berlin
        ("America/Los_Angeles", "2026-12-01 05:00 +0000", "2026-11", "2026-12"),  # 21:00 on 30 November in LA
    ],
)
def test_a_post_near_midnight_counts_in_its_month_of_the_plans_zone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], zone: str, published: str, month: str, other: str
) -> None:
    from helpers import sample_settings

    path = tmp_path / "zone.smoplan"
    PlanFile.create(path, sample_settings("Sonne").with_changes(timezone=zone)).close()
    header, row = (METRICS / "x_tweet_activity.csv").read_text(encoding="utf-8").splitlines()[:2]
    cells = row.split('","')
    cells[3], cells[4], cells[5] = published, "500.0", "25.0"  # time, impressions, engagements
    export = tmp_path / "tweet_activity.csv"
    export.write_text(header + "\n" + '","'.join(cells) + "\n", encoding="utf-8")
    assert run(capsys, "import", str(path), str(export), "--kind", "metrics")[0] == 0
    assert (
        report(capsys, path, month)["organic"]["impressions"],
        report(capsys, path, other)["organic"]["impressions"],
    ) == (500, 0)
