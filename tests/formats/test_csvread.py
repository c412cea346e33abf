"""Reading tables as exports write them: encodings, delimiters, quoting, row numbers, dates."""

from __future__ import annotations

import codecs
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from smoplanner.formats.csvread import (
    MAX_FIELD_CHARS,
    TableError,
    detect_date_order,
    parse_datetime,
    read_table,
)

DATA = Path(__file__).resolve().parent.parent / "data" / "formats"
BERLIN = ZoneInfo("Europe/Berlin")


def test_utf8_bom_comma_with_quoted_newlines_commas_and_quotes():
    table = read_table(DATA / "posts_comma_bom.csv")
    assert table.encoding == "utf-8-sig"
    assert table.delimiter == ","
    assert table.header is not None and table.header[0] == "date"  # no stray BOM character
    first = table.rows[1]
    assert first[3] == "Black Friday preview, 20% off!\r\nAll weekend."
    assert table.rows[2][3] == 'They said "best croissant in town"'
    # The quoted line break does not start a new spreadsheet row.
    assert table.line_numbers == [1, 2, 3, 4]


def test_cp1252_semicolon_file_reports_its_encoding():
    table = read_table(DATA / "posts_semicolon_cp1252.csv")
    assert table.encoding == "cp1252"
    assert table.delimiter == ";"
    assert table.rows[1][3] == "Notre café crème est à 2,50 € aujourd'hui"


def test_sep_line_sets_the_delimiter_and_is_not_a_row():
    table = read_table(DATA / "posts_sep_line.csv")
    assert table.delimiter == ";"
    assert table.encoding == "utf-8"
    assert table.rows[0] == ["date", "text", "platforms", "status", "boost_amount", "boosted"]
    assert table.rows[1][1] == "Frische Brötchen, jeden Morgen"
    assert table.line_numbers[:2] == [1, 2]


def test_sep_line_wins_over_sniffing():
    table = read_table(b"sep=,\r\na;b,c;d\r\n1;2,3;4\r\n")
    assert table.delimiter == ","
    assert table.rows == [["a;b", "c;d"], ["1;2", "3;4"]]


def test_utf16_le_and_be_with_bom_and_tabs():
    table = read_table(DATA / "posts_utf16.csv")
    assert table.encoding == "utf-16-le"
    assert table.delimiter == "\t"
    assert table.rows[1][2] == "Thanksgiving pies, order by noon"
    text = "date\ttext\r\n2026-11-26\tCafé\r\n"
    big_endian = read_table(codecs.BOM_UTF16_BE + text.encode("utf-16-be"))
    assert big_endian.encoding == "utf-16-be"
    assert big_endian.rows == [["date", "text"], ["2026-11-26", "Café"]]


def test_sniffing_never_picks_a_letter_and_handles_title_lines():
    data = (
        b"Campaign Performance Report (in UTC)\r\n"
        b"Report Start: 9/1/2026, Report End: 9/30/2026\r\n"
        b"Start Date (in UTC)|Campaign Name|Total Spent\r\n"
        b"9/1/2026|Autumn, shoes|12.50\r\n"
        b"9/2/2026|Autumn, shoes|8.00\r\n"
    )
    table = read_table(data, header_names=("campaign name",))
    assert table.delimiter == "|"
    assert table.header_index == 2
    assert table.data_rows() == [
        (4, ["9/1/2026", "Autumn, shoes", "12.50"]),
        (5, ["9/2/2026", "Autumn, shoes", "8.00"]),
    ]
    single_column = read_table(b"eeeeee\r\neeeeee\r\n")
    assert single_column.delimiter == ","


def test_blank_lines_are_skipped_but_keep_row_numbers():
    table = read_table(b"a,b\r\n\r\n1,2\r\n,\r\n3,4\r\n")
    assert table.rows == [["a", "b"], ["1", "2"], ["3", "4"]]
    assert table.line_numbers == [1, 3, 5]


def test_size_caps_give_clear_errors(tmp_path):
    with pytest.raises(TableError, match="MB"):
        read_table(b"a,b\r\n" * 100, max_bytes=50)
    big_cell = b'a,b\r\n"' + b"x" * (MAX_FIELD_CHARS + 10) + b'",1\r\n'
    with pytest.raises(TableError, match="longer than"):
        read_table(big_cell)
    path = tmp_path / "big.csv"
    path.write_bytes(b"a,b\r\n" * 100)
    with pytest.raises(TableError, match="files up to"):
        read_table(path, max_bytes=50)


def test_binary_file_is_refused():
    with pytest.raises(TableError, match="not a text"):
        read_table(b"PK\x03\x04\x00\x00binary")


@pytest.mark.parametrize(
    ("values", "order"),
    [
        (["01/02/2026", "26/11/2026", "03/04/2026"], "dmy"),
        (["01/02/2026", "11/26/2026"], "mdy"),
        (["2026-11-26", "2026-01-02 10:00"], "ymd"),
        (["26.11.2026", "01.02.2026"], "dmy"),
        (["01/02/2026", "03/04/2026"], None),
        (["26/11/2026", "11/26/2026"], None),
        ([], None),
    ],
)
def test_detect_date_order_uses_the_whole_column(values, order):
    assert detect_date_order(values) == order


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("26/11/2026 14:35", "dmy", datetime(2026, 11, 26, 14, 35)),
        ("11/26/2026 2:35 PM", "mdy", datetime(2026, 11, 26, 14, 35)),
        ("11/26/2026 12:05 AM", "mdy", datetime(2026, 11, 26, 0, 5)),
        ("2026-11-26 14:35:00", None, datetime(2026, 11, 26, 14, 35)),
        ("2026-11-26T14:35", "dmy", datetime(2026, 11, 26, 14, 35)),
        ("26.11.2026 14:35", None, datetime(2026, 11, 26, 14, 35)),
        ("26/11/26 14:35", None, datetime(2026, 11, 26, 14, 35)),
        ("2026-11-26", "ymd", datetime(2026, 11, 26, 0, 0)),
    ],
)
def test_parse_datetime_in_the_plan_zone(text, order, expected):
    value = parse_datetime(text, order, BERLIN)
    assert value.tzinfo == BERLIN
    assert value.replace(tzinfo=None) == expected


def test_an_offset_is_converted_to_the_plan_zone():
    value = parse_datetime("2026-11-26 14:35 +0000", None, BERLIN)
    assert (value.hour, value.minute, value.utcoffset().total_seconds()) == (15, 35, 3600)
    summer = parse_datetime("2026-07-01T07:00:00Z", None, BERLIN)
    assert summer.hour == 9


@pytest.mark.parametrize(
    ("text", "order", "message"),
    [
        ("31/02/2026", "dmy", "'31/02/2026' is not a date"),
        ("01/02/2026 10:00", None, "could be day-first or month-first"),
        ("26/11/2026 25:00", "dmy", "is not a time"),
        ("13:00 PM", "dmy", "is not a date"),
        ("26/11/2026 13:00 PM", "dmy", "is not a time"),
        ("Lifetime", None, "is not a date"),
    ],
)
def test_parse_datetime_errors_name_the_value(text, order, message):
    with pytest.raises(ValueError, match=message):
        parse_datetime(text, order, BERLIN)
