"""The month's report is built from typed sections, one per area, whose JSON is what `report --json` prints."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from helpers import new_plan

from smoplanner.core.dates import Month
from smoplanner.core.posts import PostRecord
from smoplanner.report.context import ReportContext
from smoplanner.report.posts import PostsSection, build_posts_section
from smoplanner.report.profiles import ProfilesSection, build_profiles_section
from smoplanner.report.summary import month_report
from smoplanner.store.planfile import PlanFile
from smoplanner.store.posts import create_post
from smoplanner.store.settings import get_settings

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def plan(tmp_path: Path) -> PlanFile:
    plan = new_plan(tmp_path / "plan.smoplan")
    yield plan
    plan.close(save=False)


def test_an_empty_month_reads_as_documented(plan: PlanFile) -> None:
    with plan.session() as s:
        report = month_report(s, Month(2026, 12))
    assert list(report) == ["month", "currency", "posts", "organic", "paid", "budget", "engagement", "profiles"]
    assert report["engagement"] == {
        "received": 0,
        "answered": 0,
        "response_rate": None,
        "median_response_minutes": None,
        "p90_response_minutes": None,
        "within_target": None,
        "overdue": 0,
    }
    assert report["month"] == "2026-12" and report["currency"] == "EUR"
    assert report["posts"] == {
        "total": 0,
        "by_status": {"idea": 0, "draft": 0, "scheduled": 0, "published": 0},
        "by_platform": {},
    }
    assert set(report["profiles"]) == {"score", "by_platform"}


def test_the_posts_section_is_typed_and_frozen(plan: PlanFile) -> None:
    record = PostRecord("Buns", "Fresh buns", ("instagram", "facebook"), datetime(2026, 12, 4, 15, tzinfo=BERLIN))
    with plan.session() as s:
        create_post(s, record)
        section = build_posts_section(s, ReportContext(Month(2026, 12), get_settings(s)))
    assert isinstance(section, PostsSection)
    assert section.total == 1
    assert dict(section.by_status)["draft"] == 1
    assert section.to_json()["by_platform"] == {"facebook": 1, "instagram": 1}
    with pytest.raises(dataclasses.FrozenInstanceError):
        section.by_platform = ()  # type: ignore[misc]


def test_the_profiles_section_rounds_scores_for_json(plan: PlanFile) -> None:
    with plan.session() as s:
        section = build_profiles_section(s, ReportContext(Month(2026, 12), get_settings(s)))
    assert isinstance(section, ProfilesSection)
    assert [p.platform for p in section.by_platform] == ["instagram", "facebook"]
    data = section.to_json()
    assert data["score"] == round(section.score, 4)
    assert set(data["by_platform"]) == {"instagram", "facebook"}
    assert all(isinstance(v["failed"], list) for v in data["by_platform"].values())
