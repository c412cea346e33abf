"""The generic posts CSV: real-shaped files import, bad files are refused whole, exports read back."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smoplanner.core.money import currency
from smoplanner.core.platforms import PLATFORM_CODES
from smoplanner.core.posts import PostRecord, import_key
from smoplanner.formats.errors import FileImportError
from smoplanner.formats.posts_csv import COLUMNS, read_posts_csv, write_posts_csv

DATA = Path(__file__).resolve().parent.parent / "data" / "formats"
BERLIN = ZoneInfo("Europe/Berlin")
EUR = currency("EUR")
PLATFORMS = PLATFORM_CODES


def read(source, **kwargs):
    return read_posts_csv(source, tz=BERLIN, currency=EUR, known_platforms=PLATFORMS, **kwargs)


def test_excel_utf8_file_with_variants_quotes_and_an_idea():
    preview = read(DATA / "posts_comma_bom.csv")
    assert preview.ok, preview.problems
    assert (preview.encoding, preview.delimiter, preview.date_order, preview.rows_read) == (
        "utf-8-sig",
        ",",
        "ymd",
        3,
    )
    teaser, doors, idea = preview.records
    assert teaser.title == "Black Friday teaser"
    assert teaser.text == "Black Friday preview, 20% off!\nAll weekend."
    assert teaser.platforms == ("instagram", "facebook")
    assert teaser.scheduled_at == datetime(2026, 11, 26, 14, 35, tzinfo=BERLIN)
    assert (teaser.status, teaser.boosted, teaser.boost_minor) == ("scheduled", True, 2500)
    assert teaser.variants == (("instagram", "Swipe for 20% off 🥐 #blackfriday"),)
    assert teaser.alt_text == "Croissants on a tray, warm light"
    assert doors.text == 'They said "best croissant in town"'
    assert doors.notes == "Check with Anna"
    assert (idea.status, idea.scheduled_at, idea.title) == ("idea", None, "Winter soup idea")
    assert all(record.source_key == import_key(record) for record in preview.records)


def test_european_cp1252_semicolon_day_first_decimal_comma():
    preview = read(DATA / "posts_semicolon_cp1252.csv")
    assert preview.ok, preview.problems
    assert (preview.encoding, preview.delimiter, preview.date_order) == ("cp1252", ";", "dmy")
    cafe, crepes = preview.records
    assert cafe.text == "Notre café crème est à 2,50 € aujourd'hui"
    assert cafe.campaign == "noël"
    assert (cafe.boosted, cafe.boost_minor) == (True, 1250)
    assert crepes.scheduled_at == datetime(2026, 12, 3, 8, 0, tzinfo=BERLIN)


def test_sep_line_dotted_dates_with_time_in_the_date_cell():
    preview = read(DATA / "posts_sep_line.csv")
    assert preview.ok, preview.problems
    first, second = preview.records
    assert first.scheduled_at == datetime(2026, 11, 26, 14, 35, tzinfo=BERLIN)
    assert first.boost_minor == 123450
    assert first.title == "Frische Brötchen, jeden Morgen"  # no title column: the first line of the text
    assert second.status == "draft"


def test_utf16_month_first_with_am_pm():
    preview = read(DATA / "posts_utf16.csv")
    assert preview.ok, preview.problems
    assert (preview.encoding, preview.delimiter, preview.date_order) == ("utf-16-le", "\t", "mdy")
    assert [r.scheduled_at for r in preview.records] == [
        datetime(2026, 11, 26, 14, 35, tzinfo=BERLIN),
        datetime(2026, 12, 24, 9, 0, tzinfo=BERLIN),
    ]
    assert preview.records[0].platforms == ("instagram", "facebook")


def test_times_with_an_offset_are_converted():
    preview = read(DATA / "posts_offset.csv")
    assert preview.ok, preview.problems
    assert [r.scheduled_at.strftime("%d %H:%M") for r in preview.records] == ["26 14:35", "01 09:00"]


def test_the_same_file_in_another_shape_gives_the_same_keys(tmp_path):
    first = read(DATA / "posts_comma_bom.csv").records
    again = read(DATA / "posts_comma_bom.csv").records
    assert [r.source_key for r in first] == [r.source_key for r in again]
    path = tmp_path / "copy.csv"
    write_posts_csv(path, first, tz=ZoneInfo("America/New_York"), currency=EUR)
    reread = read_posts_csv(path, tz=ZoneInfo("America/New_York"), currency=EUR, known_platforms=PLATFORMS)
    assert {r.source_key for r in reread.records} == {r.source_key for r in first}


def test_bad_rows_are_all_reported_with_their_row_numbers_and_nothing_is_imported():
    preview = read(DATA / "posts_bad_rows.csv")
    assert not preview.ok
    assert preview.records == []
    found = [(p.row, p.field) for p in preview.problems]
    assert found == [
        (3, "date"),
        (4, "time"),
        (5, "status"),
        (6, "boost_amount"),
        (7, "platforms"),
        (8, "date"),
    ]
    messages = [str(p) for p in preview.problems]
    assert messages[0] == "Row 3, date: '2026-02-31' is not a date"
    assert messages[3] == "Row 6, boost_amount: 12.3456 has more than 2 decimals for EUR"
    with pytest.raises(FileImportError) as raised:
        preview.require()
    assert str(raised.value) == "Row 3, date: '2026-02-31' is not a date (and 5 more problems)"
    assert "\n" not in str(raised.value)


def test_unknown_and_missing_columns_are_named():
    unknown = read(DATA / "posts_unknown_column.csv")
    assert [str(p) for p in unknown.problems] == ["Row 1: unknown columns 'Platform Name', 'colour'"]
    missing = read(DATA / "posts_missing_text.csv")
    assert [str(p) for p in missing.problems] == ["Row 1: the 'text' column is missing"]
    no_dates = read(b"text,status\r\nJust an idea,idea\r\nA draft,draft\r\n")
    assert [str(p) for p in no_dates.problems] == [
        "Row 3, date: a draft post needs a date (only ideas can go without one)"
    ]
    no_date_column = read(b"text,platforms\r\nHello,x\r\n")
    assert [str(p) for p in no_date_column.problems] == ["Row 1: the 'date' column is missing"]


def test_ambiguous_dates_ask_for_the_order_or_use_the_given_one():
    data = b"date,time,text\r\n01/02/2026,10:00,Hello\r\n03/04/2026,10:00,World\r\n"
    unsure = read(data)
    assert unsure.needs == ["date_order"] and unsure.problems == [] and not unsure.ok  # a choice, not a fault
    assert unsure.records == []
    day_first = read(data, date_order="dmy")
    assert [r.scheduled_at.date().isoformat() for r in day_first.records] == ["2026-02-01", "2026-04-03"]
    month_first = read(data, date_order="mdy")
    assert [r.scheduled_at.date().isoformat() for r in month_first.records] == ["2026-01-02", "2026-03-04"]


def sample_records() -> list[PostRecord]:
    return [
        PostRecord(
            title='=HYPERLINK("http://evil.example","win")',
            text='+1 for our new sourdough,\nsay "hi"',
            platforms=("instagram", "x"),
            scheduled_at=datetime(2026, 11, 26, 14, 35, tzinfo=BERLIN),
            status="scheduled",
            link="https://example.com/bread?a=1",
            pillar="Products",
            campaign="autumn",
            variants=(("x", "@SUM(1,2) short version"),),
            media_notes="-photo of the loaf",
            alt_text="A loaf on a board",
            boosted=True,
            boost_minor=1250,
            notes="'=keep this quote",
            published_url="",
        ),
        PostRecord(title="Idea", text="Soup of the week", platforms=(), scheduled_at=None, status="idea"),
    ]


def test_export_is_spreadsheet_safe_and_reads_back_as_the_original(tmp_path):
    path = tmp_path / "posts.csv"
    records = sample_records()
    write_posts_csv(path, records, tz=BERLIN, currency=EUR)

    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == [*COLUMNS, "text_x"]
    first = rows[0]
    assert (first["date"], first["time"], first["boost_amount"], first["boosted"]) == (
        "2026-11-26",
        "14:35",
        "12.50",
        "yes",
    )
    assert first["platforms"] == "instagram x"
    for column in ("title", "text", "text_x", "media_notes", "notes"):
        assert first[column].startswith("'"), column  # no cell a spreadsheet would evaluate

    preview = read(path)
    assert preview.ok, preview.problems
    for original, back in zip(records, preview.records, strict=True):
        assert back == PostRecord(**{**_fields(original), "source_key": import_key(original)})


def _fields(record: PostRecord) -> dict:
    return {name: getattr(record, name) for name in record.__dataclass_fields__}


post_text = st.text(
    alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\r\x00"), min_size=1, max_size=200
).filter(lambda text: text.strip())


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(post_text, min_size=1, max_size=4), minutes=st.integers(0, 60 * 24 * 365))
def test_any_text_survives_export_and_import(tmp_path, texts, minutes):
    start = datetime(2026, 1, 1, tzinfo=UTC)
    moments = [(start + timedelta(minutes=minutes, days=index)).astimezone(BERLIN) for index in range(len(texts))]
    # Moments in the hour an autumn change repeats come back too: the utc_offset column tells them apart.
    records = [
        PostRecord(
            title="Post",
            text=text,
            platforms=("instagram",),
            scheduled_at=moments[index],
            status="scheduled",
            variants=(("x", text[::-1]),) if text[::-1].strip() else (),
        )
        for index, text in enumerate(texts)
    ]
    path = tmp_path / "roundtrip.csv"
    write_posts_csv(path, records, tz=BERLIN, currency=EUR)
    preview = read(path)
    assert preview.ok, preview.problems
    # Compared in UTC: two aware datetimes of one zone compare by wall clock, which the repeated hour shares.
    assert [(r.text, r.variants, r.scheduled_at.astimezone(UTC)) for r in preview.records] == [
        (r.text, r.variants, r.scheduled_at.astimezone(UTC)) for r in records
    ]


@pytest.mark.parametrize("text", ["0|\n", "0;\n", "a\tb\n", "|\n|"])
def test_texts_full_of_another_delimiter_do_not_mislead_the_reader(tmp_path, text):
    """Under ``|`` such texts give more rows of one width than under ``,``; the header decides."""
    records = [
        PostRecord(
            "Post",
            text,
            ("instagram",),
            datetime(2026, 1, 1 + day, 9, tzinfo=BERLIN),
            status="scheduled",
            variants=(("x", text[::-1]),),
        )
        for day in range(4)
    ]
    path = tmp_path / "posts.csv"
    write_posts_csv(path, records, tz=BERLIN, currency=EUR)
    preview = read(path)
    assert preview.ok, preview.problems
    assert (preview.delimiter, [r.text for r in preview.records]) == (",", [text] * 4)
    assert [r.variants for r in preview.records] == [(("x", text[::-1]),)] * 4


def test_a_post_in_the_repeated_autumn_hour_keeps_its_moment_on_a_round_trip(tmp_path):
    # 25 Oct 2026, 03:00 CEST -> 02:00 CET: 02:30 happens twice, at 00:30Z (CEST) and at 01:30Z (CET).
    winter = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    summer = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    records = [
        PostRecord("Winter", "02:30 CET", ("instagram",), winter.astimezone(BERLIN), status="scheduled"),
        PostRecord("Summer", "02:30 CEST", ("instagram",), summer.astimezone(BERLIN), status="scheduled"),
    ]
    path = tmp_path / "autumn.csv"
    write_posts_csv(path, records, tz=BERLIN, currency=EUR)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    # Written in a shape a spreadsheet never takes for a formula: no guard needed.
    assert [(r["date"], r["time"], r["utc_offset"]) for r in rows] == [
        ("2026-10-25", "02:30", "UTC+01:00"),
        ("2026-10-25", "02:30", "UTC+02:00"),
    ]
    preview = read(path)
    assert preview.ok, preview.problems
    assert [r.scheduled_at.astimezone(UTC) for r in preview.records] == [winter, summer]
    assert [r.source_key for r in preview.records] == [import_key(r) for r in records]


def test_the_utc_offset_column_is_optional_checked_and_only_picks_an_occurrence():
    header = "date,time,utc_offset,text\r\n"
    preview = read(
        (
            header
            + "2026-10-25,02:30,,No offset: the first 02:30\r\n"
            + "2026-10-25,02:30,+0100,Compact offset\r\n"
            + "2026-11-26,14:35,+02:00,Moved across the change in a spreadsheet: date and time win\r\n"
            + "2026-11-26,14:35,Z,Z is not Berlin's offset either\r\n"
            + "2026-10-25,02:30,'+01:00,The shape older exports wrote: the second 02:30\r\n"
            + "2026-10-25,02:30,UTC+02:00,The shape exports write now: the first 02:30\r\n"
        ).encode()
    )
    assert preview.ok, preview.problems
    assert [r.scheduled_at.astimezone(UTC).strftime("%d %H:%M") for r in preview.records] == [
        "25 00:30",
        "25 01:30",
        "26 13:35",
        "26 13:35",
        "25 01:30",
        "25 00:30",
    ]
    bad = read((header + "2026-11-26,14:35,one hour,Bad offset\r\n").encode())
    assert [str(p) for p in bad.problems] == [
        "Row 2, utc_offset: 'one hour' is not a UTC offset (write it as UTC+01:00)"
    ]


def test_a_known_platform_the_plan_lacks_is_not_called_unknown():
    data = b"date,text,platforms\r\n2026-11-26 10:00,Hello,x\r\n2026-11-27 10:00,Hi,Twitter threads myspace\r\n"
    preview = read_posts_csv(data, tz=BERLIN, currency=EUR, known_platforms=("instagram", "facebook"))
    assert [str(p) for p in preview.problems] == [
        "Row 2, platforms: X is not one of this plan's platforms; "
        "add it in Edit ▸ Plan Settings, or remove it from the file",
        "Row 3, platforms: X and Threads are not among this plan's platforms; "
        "add them in Edit ▸ Plan Settings, or remove them from the file",
        "Row 3, platforms: unknown platform 'myspace'",
    ]


def test_a_title_from_text_is_the_first_line_shortened_at_a_word():
    from smoplanner.formats.posts_csv import title_from_text

    assert title_from_text("Rye loaf\nOur new rye loaf is here") == "Rye loaf"
    long = "Our brand-new sourdough rye loaf is here and it is delicious, come and try it today"
    assert title_from_text(long) == "Our brand-new sourdough rye loaf is here and it is…"
    assert len(title_from_text("x" * 80)) == 60  # one very long word is cut where it must be
