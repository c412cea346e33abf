"""Hootsuite bulk-schedule files: reading the real shapes, writing by Hootsuite's rules."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from smoplanner.core.posts import PostRecord
from smoplanner.formats.errors import ExportError, FileImportError
from smoplanner.formats.hootsuite import MAX_ROWS, read_hootsuite, write_hootsuite

DATA = Path(__file__).resolve().parent.parent / "data" / "formats"
BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 10, 1, 12, 0, tzinfo=UTC)  # before every post these tests export


def read(source, **kwargs):
    return read_hootsuite(source, platforms=("x", "facebook"), tz=BERLIN, **kwargs)


def post(text: str, when: datetime | None, *, status: str = "scheduled", link: str = "", title: str = "") -> PostRecord:
    return PostRecord(
        title=title or text[:20], text=text, platforms=("x",), scheduled_at=when, status=status, link=link
    )


def rows_of(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_day_first_file_with_quoted_commas_and_quotes():
    preview = read(DATA / "hootsuite_dmy.csv")
    assert preview.ok, preview.problems
    assert preview.date_order == "dmy"
    first, second, third, fourth = preview.records
    assert first.scheduled_at == datetime(2026, 11, 26, 14, 35, tzinfo=BERLIN)
    assert first.text == "Black Friday preview, 20% off"
    assert first.link == "https://example.com/bf?utm_source=twitter"
    assert (first.platforms, first.status) == (("x", "facebook"), "scheduled")
    assert second.text == "Doors open at 9 today! #blackfriday @examplebakery"
    assert third.text == 'She said "best croissant in town" and we agree'
    assert (third.link, fourth.link) == ("", "")


def test_fully_quoted_month_first_file_with_a_newline():
    preview = read(DATA / "hootsuite_mdy_quoted.csv")
    assert preview.ok, preview.problems
    assert preview.date_order == "mdy"
    assert preview.records[1].text == "Advent calendar day 1:\ncinnamon buns"
    assert preview.records[2].scheduled_at == datetime(2026, 12, 13, 10, 0, tzinfo=BERLIN)


def test_unquoted_iso_file():
    preview = read(DATA / "hootsuite_iso.csv")
    assert preview.ok, preview.problems
    assert [r.scheduled_at.strftime("%H:%M") for r in preview.records] == ["14:30", "15:00"]
    assert preview.records[0].link == "https://example.com/menu"


def test_ambiguous_dates_need_the_order():
    """Dates that read both ways are a choice to make, not a fault of the file."""
    unsure = read(DATA / "hootsuite_ambiguous.csv")
    assert unsure.needs == ["date_order"] and unsure.problems == [] and not unsure.ok
    with pytest.raises(FileImportError) as caught:
        unsure.require()
    assert str(caught.value) == "File, date: the dates could be day-first or month-first; choose the date order"
    preview = read(DATA / "hootsuite_ambiguous.csv", date_order="mdy")
    assert preview.records[0].scheduled_at.date() == date(2026, 1, 2)


def test_bad_rows_are_reported_and_nothing_imported():
    preview = read(DATA / "hootsuite_bad_rows.csv")
    assert preview.records == []
    assert [str(p) for p in preview.problems] == [
        "Row 2, date: '31/02/2026 10:00' is not a date",
        "Row 4, message: the message is empty",
        "Row 5, link: 'www.example.com' is not a web link",
    ]


def test_export_rounds_to_five_minute_slots_and_resolves_collisions(tmp_path):
    day = datetime(2026, 11, 26, tzinfo=BERLIN)
    records = [
        post("On the grid", day.replace(hour=9, minute=0), link="https://example.com/a"),
        post("Two minutes past", day.replace(hour=9, minute=2)),  # -> 09:05
        post("Also at 09:05", day.replace(hour=9, minute=5)),  # taken -> 09:10
        post("Seconds count", day.replace(hour=10, minute=0, second=30)),  # -> 10:05
        post("Evening, with a comma", day.replace(hour=18, minute=30)),
    ]
    path = tmp_path / "hootsuite.csv"
    result = write_hootsuite(path, records, tz=BERLIN, start=date(2026, 11, 1), end=date(2026, 11, 30), now=NOW)
    rows = rows_of(path)
    assert [row[0] for row in rows] == [
        "26/11/2026 09:00",
        "26/11/2026 09:05",
        "26/11/2026 09:10",
        "26/11/2026 10:05",
        "26/11/2026 18:30",
    ]
    assert rows[0] == ["26/11/2026 09:00", "On the grid", "https://example.com/a"]
    assert rows[4][1] == "Evening, with a comma"
    assert all(int(row[0][-2:]) % 5 == 0 for row in rows)
    assert len({row[0] for row in rows}) == len(rows)
    assert result.rows_written == 5
    assert len(result.adjustments) == 3
    assert "09:02 to 09:05" in result.adjustments[0]
    assert "“Also at 09:05” moved from 26 Nov 09:05 to 26 Nov 09:10" in result.adjustments[1]
    data = path.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf") and data.endswith(b"\r\n")


def test_export_reads_back_with_our_importer(tmp_path):
    records = [
        post("@examplebakery thanks for the visit! +1", datetime(2026, 11, 26, 14, 35, tzinfo=BERLIN)),
        post(
            "Black Friday, 20% off",
            datetime(2026, 11, 27, 9, 0, tzinfo=BERLIN),
            link="https://example.com/bf",
        ),
    ]
    path = tmp_path / "hootsuite.csv"
    write_hootsuite(
        path, records, tz=BERLIN, start=date(2026, 11, 26), end=date(2026, 11, 27), date_order="mdy", now=NOW
    )
    preview = read_hootsuite(path, platforms=("x",), tz=BERLIN, date_order="mdy")
    assert preview.ok, preview.problems
    assert [(r.text, r.link, r.scheduled_at) for r in preview.records] == [
        (r.text, r.link, r.scheduled_at) for r in records
    ]


def test_export_leaves_out_duplicates_unscheduled_published_and_other_months(tmp_path):
    when = datetime(2026, 11, 26, 10, 0, tzinfo=BERLIN)
    records = [
        post("Same text", when),
        post("Same text ", when + timedelta(days=1)),
        post("Already out", when, status="published"),
        post("Just an idea", None, status="idea"),
        post("December", when + timedelta(days=10)),
    ]
    path = tmp_path / "hootsuite.csv"
    result = write_hootsuite(
        path, records, tz=BERLIN, start=date(2026, 11, 1), end=date(2026, 11, 30), date_order="ymd", now=NOW
    )
    assert rows_of(path) == [["2026-11-26 10:00", "Same text", ""]]
    assert result.adjustments == [
        "“Same text” was left out: a post with the same text is already in the file; "
        "Hootsuite refuses repeated messages"
    ]  # the name is not repeated: both posts have it


def test_a_left_out_duplicate_names_the_other_post_only_when_its_title_differs(tmp_path):
    when = datetime(2026, 11, 26, 10, 0, tzinfo=BERLIN)
    records = [post("Fresh rye today", when, title="Rye loaf"), post("Fresh rye today", when + timedelta(hours=1))]
    result = write_hootsuite(
        tmp_path / "hs.csv", records, tz=BERLIN, start=date(2026, 11, 1), end=date(2026, 11, 30), now=NOW
    )
    assert result.adjustments == [
        "“Fresh rye today” was left out: a post with the same text is already in the file (“Rye loaf”); "
        "Hootsuite refuses repeated messages"
    ]


def test_more_than_350_posts_is_an_error_naming_the_count(tmp_path):
    start = datetime(2026, 11, 1, 8, 0, tzinfo=BERLIN)
    records = [post(f"Post number {i}", start + timedelta(minutes=30 * i)) for i in range(MAX_ROWS + 1)]
    path = tmp_path / "hootsuite.csv"
    with pytest.raises(ExportError, match="at most 350 posts per file, and this period has 351"):
        write_hootsuite(path, records, tz=BERLIN, start=date(2026, 11, 1), end=date(2026, 11, 30), now=NOW)
    assert not path.exists()
    result = write_hootsuite(
        path, records[:MAX_ROWS], tz=BERLIN, start=date(2026, 11, 1), end=date(2026, 11, 30), now=NOW
    )
    assert result.rows_written == 350 == len(rows_of(path))


def test_export_leaves_out_past_and_too_soon_posts_and_says_so(tmp_path):
    now = datetime(2026, 11, 26, 9, 0, tzinfo=BERLIN)
    records = [
        post("Yesterday", now - timedelta(days=1)),
        post("Right now", now),
        post("In five minutes", now + timedelta(minutes=5)),
        post("In ten minutes", now + timedelta(minutes=10)),
        post("Tomorrow", now + timedelta(days=1)),
    ]
    path = tmp_path / "hootsuite.csv"
    result = write_hootsuite(path, records, tz=BERLIN, start=date(2026, 11, 1), end=date(2026, 11, 30), now=now)
    assert [row[1] for row in rows_of(path)] == ["In ten minutes", "Tomorrow"]
    assert result.rows_written == 2
    assert result.adjustments == [
        "“Yesterday” was left out: its time (25 Nov 09:00) has passed; "
        "Hootsuite takes only posts at least 10 minutes in the future",
        "“Right now” was left out: its time (26 Nov 09:00) has passed; "
        "Hootsuite takes only posts at least 10 minutes in the future",
        "“In five minutes” was left out: its time (26 Nov 09:05) is too soon; "
        "Hootsuite takes only posts at least 10 minutes in the future",
    ]


def test_left_out_posts_do_not_count_towards_the_cap(tmp_path):
    start = datetime(2026, 11, 1, 8, 0, tzinfo=BERLIN)
    records = [post(f"Post number {i}", start + timedelta(minutes=30 * i)) for i in range(MAX_ROWS + 1)]
    path = tmp_path / "hootsuite.csv"
    now = start + timedelta(minutes=1)  # the first post is already past
    result = write_hootsuite(path, records, tz=BERLIN, start=date(2026, 11, 1), end=date(2026, 11, 30), now=now)
    assert result.rows_written == MAX_ROWS == len(rows_of(path))
    assert "“Post number 0” was left out" in result.adjustments[0]


def test_the_repeated_autumn_hour_is_one_written_slot(tmp_path):
    # 25 Oct 2026: 02:30 CEST (00:30Z) and, an hour later, 02:30 CET (01:30Z) read the same in the file.
    first = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    records = [post("Summer time", first), post("Winter time", first + timedelta(hours=1))]
    assert {r.scheduled_at.astimezone(BERLIN).strftime("%H:%M") for r in records} == {"02:30"}
    path = tmp_path / "hootsuite.csv"
    result = write_hootsuite(path, records, tz=BERLIN, start=date(2026, 10, 25), end=date(2026, 10, 25), now=NOW)
    assert rows_of(path) == [
        ["25/10/2026 02:30", "Summer time", ""],
        ["25/10/2026 02:35", "Winter time", ""],
    ]
    assert result.adjustments == [
        "“Winter time” moved from 25 Oct 02:30 to 25 Oct 02:35: another post already has that time slot"
    ]
