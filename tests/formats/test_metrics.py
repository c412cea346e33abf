"""Results exports in each real shape read to known totals; times land on the plan's day; bad files are refused."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from smoplanner.core.money import currency
from smoplanner.formats.csvread import read_table
from smoplanner.formats.errors import FileImportError
from smoplanner.formats.metrics import MetricsPreview, header_hints, parse_count, read_metrics_table

DATA = Path(__file__).resolve().parent.parent / "data" / "metrics"
EUR = currency("EUR")
BERLIN = ZoneInfo("Europe/Berlin")
PLATFORMS = {"instagram", "facebook", "x", "tiktok"}


def read(name: str, tz: ZoneInfo = BERLIN, **kw: object) -> MetricsPreview:
    table = read_table(DATA / name, header_names=header_hints())
    return read_metrics_table(table, tz=tz, plan_currency=EUR, platforms=PLATFORMS, **kw)  # type: ignore[arg-type]


def totals(preview: MetricsPreview, *names: str) -> tuple[int, ...]:
    records = preview.posts or preview.organic
    return tuple(sum(getattr(r, name) for r in records) for name in names)


@pytest.mark.parametrize("value,expected", [("29.0", 29), ("12,400", 12400), ("1.500", 1500), ("-", 0), ("", 0),
                                            ("--", 0), ("1 234", 1234), ("7", 7)])  # fmt: skip
def test_counts_as_exports_write_them(value, expected):
    assert parse_count(value) == expected


@pytest.mark.parametrize("value", ["2.5", "-3", "abc", "1,5"])
def test_a_count_that_is_not_whole_is_refused(value):
    with pytest.raises(ValueError):
        parse_count(value)


def test_x_post_activity_export():
    preview = read("x_tweet_activity.csv").require()
    assert preview.format == "x-analytics" and len(preview.posts) == 3
    assert totals(preview, "impressions", "engagements", "clicks") == (3500, 137, 28)
    assert preview.posts[0].external_id == "1466371112233445566"  # IDs stay text, all 19 digits
    assert preview.posts[1].text == "Late night baking\nfresh cinnamon rolls tomorrow"
    assert {p.platform for p in preview.posts} == {"x"}


def test_x_export_with_the_older_favorites_naming():
    preview = read("x_tweet_activity_favorites.csv").require()
    assert totals(preview, "impressions", "engagements", "clicks") == (1200, 41, 9)


@pytest.mark.parametrize(
    "zone,days",
    [
        # 23:30 +0000 is already the next day in Berlin; 03:00 +0000 is the same day there
        ("Europe/Berlin", [date(2026, 11, 28), date(2026, 11, 29), date(2026, 11, 29)]),
        # and 03:00 +0000 is still the day before in Los Angeles
        ("America/Los_Angeles", [date(2026, 11, 28), date(2026, 11, 28), date(2026, 11, 28)]),
        ("Pacific/Auckland", [date(2026, 11, 28), date(2026, 11, 29), date(2026, 11, 29)]),
    ],
)
def test_a_time_with_an_offset_lands_on_its_day_in_the_plans_zone(zone, days):
    tz = ZoneInfo(zone)
    preview = read("x_tweet_activity.csv", tz=tz).require()
    assert [p.published_at.astimezone(tz).date() for p in preview.posts] == days


def test_meta_business_suite_instagram_content_export():
    preview = read("meta_content_instagram.csv").require()
    assert preview.format == "meta-content" and {p.platform for p in preview.posts} == {"instagram"}
    # Views as impressions; likes + shares + comments + saves as engagements
    assert totals(preview, "impressions", "reach", "engagements") == (16420, 5000, 467)
    assert preview.posts[0].published_at.astimezone(BERLIN).date() == date(2026, 11, 2)  # month-first
    assert preview.posts[1].text == 'Oat flat white "the classic"'


def test_meta_business_suite_facebook_content_export_reads_the_organic_columns():
    preview = read("meta_content_facebook.csv").require()
    assert {p.platform for p in preview.posts} == {"facebook"}
    assert totals(preview, "impressions", "reach", "engagements", "clicks") == (3000, 2350, 131, 63)
    assert preview.posts[1].published_at.astimezone(BERLIN).date() == date(2026, 12, 1)


def test_legacy_facebook_post_export_skips_the_description_row():
    preview = read("facebook_legacy_posts.csv").require()
    assert preview.rows_read == 2
    assert totals(preview, "impressions", "reach", "engagements", "clicks") == (910, 670, 58, 27)
    assert preview.posts[1].published_at.astimezone(BERLIN).hour == 17  # 05:45:00 PM


def test_meta_per_metric_daily_files_in_utf16_with_a_title():
    follows = read("meta_insights_facebook_follows.csv").require()
    assert (follows.format, follows.encoding, follows.given) == ("meta-insights", "utf-16-le", ("new_followers",))
    assert {d.platform for d in follows.organic} == {"facebook"}
    assert totals(follows, "new_followers") == (44,)
    reach = read("meta_insights_instagram_reach.csv").require()
    assert totals(reach, "reach") == (4234,) and {d.platform for d in reach.organic} == {"instagram"}
    assert [d.day for d in reach.organic] == [date(2026, 11, 1), date(2026, 11, 2), date(2026, 11, 3)]


def test_a_per_metric_file_without_a_platform_asks_for_one():
    preview = read("meta_insights_views.csv")
    assert preview.needs == ["platform"] and not preview.organic
    with pytest.raises(FileImportError, match="choose the platform"):
        preview.require()
    chosen = read("meta_insights_views.csv", platform="facebook").require()
    assert totals(chosen, "impressions") == (710,) and chosen.given == ("impressions",)


def test_legacy_page_insights_export():
    preview = read("facebook_legacy_page.csv").require()
    assert preview.rows_read == 3
    # organic reach is preferred to total reach; likes are followers
    assert totals(preview, "reach", "impressions", "engagements", "new_followers") == (1630, 3010, 103, 13)
    assert [d.followers for d in preview.organic] == [1480, 1484, 1490]
    assert set(preview.given) == {"followers", "new_followers", "reach", "impressions", "engagements"}


def test_generic_results_csv():
    preview = read("results_generic.csv").require()
    assert preview.format == "generic" and preview.delimiter == ";" and preview.rows_read == 3  # Total row left out
    assert totals(preview, "reach", "engagements", "revenue_minor") == (2520, 123, 2850)
    assert [d.followers for d in preview.organic] == [2150, 2158, None]
    assert "profile_visits" not in preview.given and "revenue_minor" in preview.given


def test_a_bad_generic_file_is_refused_naming_each_row():
    preview = read("results_generic_bad.csv")
    assert not preview.organic
    assert [(p.row, p.field) for p in preview.problems] == [(3, "platform"), (4, "reach"), (5, "date")]
    assert "myspace" in str(preview.problems[0]) and "row 2" in str(preview.problems[2])


def test_an_unknown_file_is_refused():
    table = read_table(b"name,colour\nrose,red\n", header_names=header_hints())
    preview = read_metrics_table(table, tz=BERLIN, plan_currency=EUR, platforms=PLATFORMS)
    assert not preview.ok and "not a results export" in str(preview.problems[0])


def test_of_two_columns_with_the_same_name_the_first_is_read(tmp_path: Path):
    """Facebook's legacy post export repeats column names; the first column of a name is the one read."""
    lines = (DATA / "facebook_legacy_posts.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    at = header.index('"Lifetime Post Total Impressions"')
    doubled = [",".join([*cells[: at + 1], value, *cells[at + 1 :]]) for cells, value in (
        (header, '"Lifetime Post Total Impressions"'), (lines[1].split(","), "ignored"),
    )]  # fmt: skip
    rows = []
    for line in lines[2:]:
        cells = line.rsplit(",", 11)  # the message and time stay whole; the figures are the last cells
        figure = len(cells) - 11 + (at - (len(header) - 11))
        rows.append(",".join([*cells[: figure + 1], "99999", *cells[figure + 1 :]]))
    path = tmp_path / "doubled.csv"
    path.write_text("\n".join([*doubled, *rows]) + "\n", encoding="utf-8")
    table = read_table(path, header_names=header_hints())
    preview = read_metrics_table(table, tz=BERLIN, plan_currency=EUR, platforms=PLATFORMS).require()
    assert totals(preview, "impressions") == (910,)  # 620 + 350 from the first column, never 99999
