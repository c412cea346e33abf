"""The profiles area on a real plan file: profiles, pictures, ticks, overrides, the report section, the demo."""

from __future__ import annotations

import struct
from datetime import date

import pytest

from smoplanner.core.dates import Month
from smoplanner.core.plan_settings import PlanSettingsData, platform_entry
from smoplanner.report.summary import month_report
from smoplanner.store.demo import demo_settings, fill_demo
from smoplanner.store.demo.profiles import solid_png
from smoplanner.store.planfile import PlanFile
from smoplanner.store.profiles import (
    ImageError,
    add_custom_item,
    clear_override,
    evaluate_all,
    get_profile,
    get_ticks,
    image_bytes,
    image_data,
    image_size,
    list_profiles,
    remove_custom_item,
    rulebook_for,
    set_override,
    set_picture,
    set_tick,
    store_image,
    update_profile,
)
from smoplanner.store.schema import schema_differences
from smoplanner.store.settings import get_settings, update_settings

TODAY = date(2026, 11, 20)


def _settings() -> PlanSettingsData:
    return PlanSettingsData(
        business_name="Bäckerei Sonne",
        website="https://sonne-backt.de",
        keywords=("sourdough bread",),
        currency="EUR",
        timezone="Europe/Berlin",
        locale="de_DE",
        platforms=(platform_entry("instagram"), platform_entry("tiktok")),
    )


@pytest.fixture
def plan(tmp_path):
    plan = PlanFile.create(tmp_path / "x.smoplan", _settings())
    yield plan
    plan.close(save=False)


def _jpeg(width: int, height: int) -> bytes:
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + sof + b"\xff\xd9"


def test_new_plan_has_the_profile_tables_and_no_schema_differences(plan):
    assert schema_differences(plan.engine) == []


def test_profiles_follow_the_platforms_in_use_and_keep_data_of_removed_ones(plan):
    with plan.session() as s:
        assert [p.platform for p in list_profiles(s)] == ["instagram", "tiktok"]
        assert list_profiles(s)[0].handle == ""  # blank until edited
        update_profile(s, "tiktok", handle="sonne", bio="Sourdough bread daily")
    with plan.session() as s:
        settings = get_settings(s)
        update_settings(s, settings.with_changes(platforms=(platform_entry("instagram"),)))
    with plan.session() as s:
        assert [p.platform for p in list_profiles(s)] == ["instagram"]
        assert get_profile(s, "tiktok").bio == "Sourdough bread daily"


def test_update_profile_rejects_unknown_fields(plan):
    with plan.session() as s, pytest.raises(ValueError, match="unknown"):
        update_profile(s, "instagram", favourite_colour="red")


def test_image_dimensions_come_from_png_and_jpeg_headers(plan):
    png = solid_png(400, 300, (10, 20, 30))
    assert image_size(png) == ("image/png", 400, 300)
    assert image_size(_jpeg(640, 480)) == ("image/jpeg", 640, 480)
    assert image_size(b"GIF89a" + struct.pack("<HH", 12, 34) + b"\x00" * 10) == ("image/gif", 12, 34)
    with plan.session() as s:
        ref = store_image(s, _jpeg(640, 480))
        again = store_image(s, _jpeg(640, 480))
        assert (ref.width, ref.height, ref.mime) == (640, 480, "image/jpeg")
        assert again.id == ref.id  # the same bytes are kept once


@pytest.mark.parametrize("data", [b"", b"not a picture at all", b"%PDF-1.4 hello"])
def test_bad_bytes_are_rejected_with_a_plain_message(plan, data):
    with plan.session() as s, pytest.raises(ImageError):
        store_image(s, data)


def test_too_large_images_are_rejected(plan):
    big = solid_png(10, 10, (0, 0, 0)) + b"\x00" * (10 * 1024 * 1024)
    with plan.session() as s, pytest.raises(ImageError, match="MB"):
        store_image(s, big)


def test_picture_is_stored_in_the_plan_and_replacing_it_drops_the_old_one(plan, tmp_path):
    first, second = solid_png(400, 400, (1, 2, 3)), solid_png(400, 400, (9, 9, 9))
    with plan.session() as s:
        set_picture(s, "instagram", "picture", first)
    with plan.session() as s:
        set_picture(s, "instagram", "picture", second)
    plan.save()
    path = plan.path
    plan.close()
    reopened = PlanFile.open(path)
    try:
        with reopened.session() as s:
            profile = get_profile(s, "instagram")
            assert profile.picture is not None and (profile.picture.width, profile.picture.height) == (400, 400)
            assert image_data(s, profile.picture.id) == second
            from smoplanner.store.settings import table_counts

            assert table_counts(s)["images"] == 1
    finally:
        reopened.close(save=False)


def test_pictures_are_found_by_content_when_a_removed_pictures_id_is_reused(plan):
    import hashlib

    red, blue = solid_png(40, 40, (220, 0, 0)), solid_png(40, 40, (0, 0, 220))
    with plan.session() as s:
        red_ref = set_picture(s, "instagram", "picture", red)
        set_picture(s, "instagram", "picture", None)
        blue_ref = set_picture(s, "instagram", "picture", blue)
        assert red_ref is not None and blue_ref is not None
        assert blue_ref.id == red_ref.id  # SQLite hands out the freed id again
        assert image_bytes(s, hashlib.sha256(red).hexdigest()) is None
        assert image_bytes(s, blue_ref.sha256) == blue


def test_ticks_and_custom_items_change_the_checklist(plan):
    with plan.session() as s:
        set_tick(s, "instagram", "highlights", "done")
        set_tick(s, "instagram", "bio_keywords", "na")
        code = add_custom_item(s, "instagram", "Reply to DMs daily")
    with plan.session() as s:
        ticks = get_ticks(s, "instagram")
        assert ticks.states == {"highlights": "done", "bio_keywords": "na", code: "open"}
        results = {r.code: r for r in evaluate_all(s, TODAY).result("instagram").results}
    assert results["highlights"].status == "ok"
    assert results["bio_keywords"].status == "na"
    assert results[code].label == "Reply to DMs daily" and results[code].status == "fail"
    with plan.session() as s:
        assert remove_custom_item(s, "instagram", code) == ("Reply to DMs daily", "open")
        set_tick(s, "instagram", "highlights", "open")
    with plan.session() as s:
        assert get_ticks(s, "instagram").states == {"bio_keywords": "na"}


def test_an_override_changes_the_checks(plan):
    bio = "Sourdough bread baked every morning in Kreuzberg, with love. " * 2  # 124 characters
    with plan.session() as s:
        update_profile(s, "instagram", bio=bio)
        assert _status(evaluate_all(s, TODAY), "instagram", "bio_length") == "ok"
        set_override(s, "instagram", "bio", 100)
    with plan.session() as s:
        assert rulebook_for(s).limit("instagram", "bio").overridden
        evaluation = evaluate_all(s, TODAY)
        assert _status(evaluation, "instagram", "bio_length") == "fail"
        clear_override(s, "instagram", "bio")
    with plan.session() as s:
        assert _status(evaluate_all(s, TODAY), "instagram", "bio_length") == "ok"


def _status(evaluation, platform, code):
    return next(r.status for r in evaluation.result(platform).results if r.code == code)


@pytest.fixture
def demo(tmp_path):
    plan = PlanFile.create(tmp_path / "demo.smoplan", demo_settings(), fill=fill_demo)
    yield plan
    plan.close(save=False)


def test_demo_report_section_scores_and_failures(demo):
    with demo.session() as s:
        report = month_report(s, Month.of(date.today()))
    section = report["profiles"]
    assert 0.0 < section["score"] < 1.0
    by = section["by_platform"]
    assert set(by) == {"instagram", "facebook", "google_business", "tiktok", "pinterest", "nebenan"}
    assert all(0.0 <= v["score"] <= 1.0 for v in by.values())
    assert by["instagram"]["score"] > 0.9
    assert {"display_name_consistent", "recently_reviewed"} <= set(by["facebook"]["failed"])
    assert {"bio_length", "bio_keywords"} <= set(by["tiktok"]["failed"])
    assert {"website_matches", "picture_consistent"} <= set(by["pinterest"]["failed"])
    assert "picture_set" in by["google_business"]["failed"]
    assert by["tiktok"]["score"] < by["instagram"]["score"]


def test_demo_matrix_marks_the_odd_ones(demo):
    with demo.session() as s:
        matrix = evaluate_all(s, date.today()).matrix
    assert matrix.cell("display_name", "facebook").state == "differs"
    assert matrix.cell("picture", "google_business").state == "missing"
    assert matrix.cell("picture", "pinterest").state == "differs"
    assert matrix.cell("website", "instagram").state == "ok"


def test_report_json_has_the_profiles_section(tmp_path, capsys):
    import json

    from smoplanner.cli import main

    path = tmp_path / "demo.smoplan"
    PlanFile.create(path, demo_settings(), fill=fill_demo).close()
    assert main(["report", str(path), "--month", date.today().strftime("%Y-%m"), "--json"]) == 0
    section = json.loads(capsys.readouterr().out)["profiles"]
    assert set(section) == {"score", "by_platform"}
    assert 0.0 <= section["score"] <= 1.0
    for code, entry in section["by_platform"].items():
        assert set(entry) == {"score", "failed"}, code
        assert 0.0 <= entry["score"] <= 1.0
        assert all(isinstance(item, str) for item in entry["failed"])
    assert "bio_length" in section["by_platform"]["tiktok"]["failed"]
    assert "handle_consistent" not in section["by_platform"]["google_business"]["failed"]
