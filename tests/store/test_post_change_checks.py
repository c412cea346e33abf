"""Checks of a post or pillar change before it is made: the plain message for a bad case, None for a good one."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from helpers import new_plan

from smoplanner.core.posts import PostRecord
from smoplanner.core.recurrence import Recurrence
from smoplanner.store.planfile import PlanFile
from smoplanner.store.posts import create_pillar, create_post, create_series
from smoplanner.store.posts.checks import (
    check_pillar,
    check_pillar_delete,
    check_post,
    check_post_update,
    check_series_update,
)

BERLIN = ZoneInfo("Europe/Berlin")
RECORD = PostRecord(
    title="Brunch",
    text="Sunday brunch from 9",
    platforms=("instagram",),
    scheduled_at=datetime(2026, 11, 12, 9, tzinfo=BERLIN),
    status="draft",
)
WEEKLY = Recurrence("weekly", until=date(2026, 12, 3))


@pytest.fixture
def plan(tmp_path: Path):
    plan = new_plan(tmp_path / "bakery.smoplan")
    yield plan
    plan.close(save=False)


def test_check_post(plan: PlanFile) -> None:
    with plan.session() as s:
        pillar = create_pillar(s, "Offers", "#E07A5F", 20)
    with plan.session() as s:
        assert check_post(s, RECORD, None) is None
        assert check_post(s, RECORD, pillar) is None
        assert check_post(s, RECORD, pillar, WEEKLY) is None
        assert check_post(s, RECORD, pillar + 1) == f"there is no content pillar {pillar + 1}"
        assert check_post(s, replace(RECORD, boosted=True, boost_minor=-100), None) == (
            "A boost amount cannot be negative."
        )
        assert check_post(s, replace(RECORD, platforms=("instagram", "instagram")), None) == (
            "A platform is listed twice."
        )
        assert check_post(s, replace(RECORD, scheduled_at=None), None, WEEKLY) == (
            "a repeating post needs a first date"
        )


def test_check_post_update_and_series_update(plan: PlanFile) -> None:
    with plan.session() as s:
        post_id = create_post(s, RECORD)
        _series, (first, *_later) = create_series(s, RECORD, WEEKLY)
    with plan.session() as s:
        assert check_post_update(s, post_id, replace(RECORD, title="Brunch at 10"), None) is None
        assert check_post_update(s, post_id + 100, RECORD, None) == f"there is no post {post_id + 100}"
        assert check_post_update(s, post_id, RECORD, 7) == "there is no content pillar 7"
        assert check_series_update(s, first, replace(RECORD, title="Every week"), None) is None
        assert check_series_update(s, first, replace(RECORD, boost_minor=-5), None) == (
            "A boost amount cannot be negative."
        )
        assert check_series_update(s, 999, RECORD, None) == "there is no post 999"


def test_check_pillar(plan: PlanFile) -> None:
    with plan.session() as s:
        offers = create_pillar(s, "Offers", "#E07A5F", 20)
        create_pillar(s, "Tips", "#81B29A", 10)
    with plan.session() as s:
        assert check_pillar(s, "Behind the scenes", "#3D85C6", 30) is None
        assert check_pillar(s, "Offers", "#3D85C6", 30, offers) is None  # its own name
        assert check_pillar(s, "  ", "#3D85C6", 0) == "A content pillar needs a name."
        assert check_pillar(s, "Team", "blue", 0) == "'blue' is not a colour; write it as #RRGGBB."
        assert check_pillar(s, "Team", "#3D85C6", 101) == "A pillar's target is a whole percentage from 0 to 100."
        assert check_pillar(s, "tips", "#3D85C6", 0) == "There is already a content pillar called “tips”."
        assert check_pillar(s, "Tips", "#3D85C6", 0, offers) == "There is already a content pillar called “Tips”."
        assert check_pillar(s, "Gone", "#3D85C6", 0, 99) == "there is no content pillar 99"
        assert check_pillar_delete(s, offers) is None
        assert check_pillar_delete(s, 99) == "there is no content pillar 99"


def test_checks_write_nothing(plan: PlanFile, tmp_path: Path) -> None:
    plan.save_as(tmp_path / "saved.smoplan")
    assert not plan.is_dirty
    with plan.session() as s:
        check_post(s, RECORD, None)
        check_pillar(s, "Offers", "#E07A5F", 20)
        check_pillar_delete(s, 1)
    assert not plan.is_dirty
