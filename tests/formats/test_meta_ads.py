"""Meta Ads Manager exports in each real shape read to known totals; bad files are refused whole."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest

from smoplanner.core.budget import PaidResult, paid_result_key
from smoplanner.core.money import currency
from smoplanner.formats.csvread import read_table
from smoplanner.formats.errors import FileImportError
from smoplanner.formats.meta_ads import detect, read_meta_ads

DATA = Path(__file__).resolve().parent.parent / "data"
META = DATA / "meta_ads"
EUR, USD, GBP = currency("EUR"), currency("USD"), currency("GBP")


def sums(records: list[PaidResult]) -> dict[str, int]:
    keys = ("spend_minor", "impressions", "reach", "link_clicks", "results", "revenue_minor")
    return {key: sum(getattr(record, key) for record in records) for key in keys}


def assert_no_float(records: list[PaidResult]) -> None:
    for record in records:
        for field in dataclasses.fields(record):
            value = getattr(record, field.name)
            assert not isinstance(value, float), field.name
            if field.name.endswith("_minor") or field.name in ("impressions", "reach", "link_clicks", "results"):
                assert type(value) is int, field.name


def test_current_sentence_case_export_one_row_per_period():
    preview = read_meta_ads(META / "sentence_case_period.csv", plan_currency=USD)
    records = preview.require()
    assert (preview.encoding, preview.delimiter, preview.file_currency, preview.rows_read) == ("utf-8", ",", "USD", 3)
    assert [r.campaign for r in records] == ["Autumn sale, shoes", 'Spring "Best of" bags', "Brand awareness"]
    first = records[0]
    assert (first.start.isoformat(), first.end.isoformat(), first.is_daily) == ("2026-08-01", "2026-08-31", False)
    # Link clicks, not Clicks (all); Results as conversions; revenue = spend x purchase ROAS, half up.
    assert (first.link_clicks, first.results, first.revenue_minor) == (48, 9, 51_000)
    assert records[2].revenue_minor == 517  # 40.37 x 0.128 = 5.16736
    assert sums(records) == {
        "spend_minor": 23_792,
        "impressions": 25_724,
        "reach": 16_950,
        "link_clicks": 85,
        "results": 3_084,
        "revenue_minor": 51_517,
    }
    assert preview.total_row is None
    assert_no_float(records)


def test_title_case_2017_export_with_daily_rows_empty_cells_and_ongoing_ends():
    records = read_meta_ads(META / "title_case_2017.csv", plan_currency=USD).require()
    assert [r.campaign for r in records] == [
        'Don’t miss the "Summer Tour" talk',
        'Don’t miss the "Summer Tour" talk',
        "Clinical trial, week 2",
    ]
    assert all(r.is_daily for r in records)
    assert [r.start.isoformat() for r in records] == ["2017-03-06", "2017-03-07", "2017-03-06"]
    assert [r.spend_minor for r in records] == [827, 800, 550]
    assert sums(records) == {
        "spend_minor": 2_177,
        "impressions": 4_419,
        "reach": 0,
        "link_clicks": 43,
        "results": 0,
        "revenue_minor": 0,
    }
    assert_no_float(records)


def test_daily_utf8_bom_export_with_platforms_placeholders_and_a_matching_total_row():
    preview = read_meta_ads(META / "daily_bom_total.csv", plan_currency=EUR)
    records = preview.require()
    assert preview.encoding == "utf-8-sig"
    assert preview.total_row == 7 and preview.rows_read == 5
    assert [(r.start.day, r.platform) for r in records] == [
        (2, "facebook"),
        (2, "instagram"),
        (3, "facebook"),
        (3, "instagram"),
        (3, "instagram"),
    ]
    assert records[0].ad_set == "Lookalike 1%"
    assert (records[2].link_clicks, records[3].results) == (0, 0)  # "-" and "--"
    assert sums(records) == {
        "spend_minor": 7_100,
        "impressions": 8_760,
        "reach": 7_146,
        "link_clicks": 76,
        "results": 10,
        "revenue_minor": 26_970,
    }
    assert_no_float(records)


def test_semicolon_cp1252_export_with_decimal_commas_and_the_total_row_first():
    preview = read_meta_ads(META / "semicolon_cp1252.csv", plan_currency=EUR)
    records = preview.require()
    assert (preview.encoding, preview.delimiter, preview.date_order, preview.total_row) == ("cp1252", ";", "dmy", 2)
    assert [r.campaign for r in records] == ["Fête d’été – Café", "Winter; coats"]
    assert [r.spend_minor for r in records] == [123_456, 16_790]
    assert records[0].start.isoformat() == "2026-10-01"
    assert sums(records) == {
        "spend_minor": 140_246,
        "impressions": 152_300,
        "reach": 108_600,
        "link_clicks": 1_020,
        "results": 61,
        "revenue_minor": 0,
    }
    assert_no_float(records)


def test_a_total_row_that_does_not_match_is_refused_naming_it():
    preview = read_meta_ads(META / "total_mismatch.csv", plan_currency=USD)
    assert preview.records == []
    assert [str(p) for p in preview.problems] == [
        "Row 4, Amount spent (USD): the Total row says 22.60 USD but the rows add up to 22.50 USD"
    ]
    with pytest.raises(FileImportError, match=r"^Row 4, Amount spent"):
        preview.require()


def test_bad_rows_are_named_by_row_and_column_and_nothing_is_imported():
    preview = read_meta_ads(META / "bad_rows.csv", plan_currency=GBP)
    assert preview.records == []
    assert [(p.row, p.field) for p in preview.problems] == [
        (3, "Amount spent (GBP)"),
        (4, "Impressions"),
        (5, "Reporting ends"),
    ]
    assert "'lots' is not a number" in preview.problems[1].message
    with pytest.raises(FileImportError, match=r"^Row 3, Amount spent \(GBP\): .* \(and 2 more problems\)$"):
        preview.require()


def test_a_file_in_another_currency_is_refused_without_a_rate():
    preview = read_meta_ads(META / "sentence_case_period.csv", plan_currency=EUR)
    assert preview.records == []
    (problem,) = preview.problems
    assert problem.field == "Amount spent (USD)"
    assert "the file is in USD but the plan is in EUR" in problem.message
    assert "exchange rate" in problem.message


def test_a_file_in_another_currency_is_converted_with_a_rate_half_up():
    preview = read_meta_ads(META / "sentence_case_period.csv", plan_currency=EUR, rate=Decimal("0.92"))
    records = preview.require()
    assert preview.file_currency == "USD"
    assert "1 USD = 0.92 EUR" in preview.notes[0]
    # 120.00 -> 110.40; 77.55 -> 71.346 -> 71.35; 40.37 -> 37.1404 -> 37.14
    assert [r.spend_minor for r in records] == [11_040, 7_135, 3_714]
    # 510.00 -> 469.20; 5.17 -> 4.7564 -> 4.76
    assert [r.revenue_minor for r in records] == [46_920, 0, 476]
    assert_no_float(records)
    yen = read_meta_ads(META / "sentence_case_period.csv", plan_currency=currency("JPY"), rate=Decimal("151.237"))
    assert [r.spend_minor for r in yen.require()] == [18_148, 11_728, 6_105]


def test_a_rate_must_be_a_positive_decimal():
    with pytest.raises(TypeError):
        read_meta_ads(META / "sentence_case_period.csv", plan_currency=EUR, rate=0.92)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not an exchange rate"):
        read_meta_ads(META / "sentence_case_period.csv", plan_currency=EUR, rate=Decimal(0))


def test_reimporting_the_same_file_recognises_every_row():
    first = read_meta_ads(META / "daily_bom_total.csv", plan_currency=EUR).require()
    again = read_meta_ads(META / "daily_bom_total.csv", plan_currency=EUR).require()
    keys = [r.source_key for r in first]
    assert len(set(keys)) == len(keys) == 5
    assert keys == [r.source_key for r in again]
    assert all(r.source_key == paid_result_key(r) for r in first)
    # The same rows saved in another encoding and with other spacing are the same rows.
    resaved = (META / "daily_bom_total.csv").read_bytes()[3:].decode("utf-8").replace("early birds", "Early  Birds")
    other = read_meta_ads(resaved.encode("utf-16"), plan_currency=EUR).require()
    assert [r.source_key for r in other] == keys


def test_a_row_repeated_by_another_breakdown_is_refused():
    data = b"Day,Campaign name,Age,Amount spent (EUR)\n2026-11-02,Launch,18-24,1.00\n2026-11-02,Launch,25-34,2.00\n"
    preview = read_meta_ads(data, plan_currency=EUR)
    assert [(p.row, p.message) for p in preview.problems] == [
        (3, "the same campaign and period as row 2; export without breakdowns other than Day and Platform")
    ]


def test_a_file_that_is_not_a_meta_export_says_what_is_missing():
    preview = read_meta_ads(DATA / "formats" / "posts_comma_bom.csv", plan_currency=EUR)
    assert preview.records == []
    assert "no header row with a 'Campaign name'" in str(preview.problems[0])
    headers_only = read_meta_ads(b"Campaign name,Impressions\nA,1\n", plan_currency=EUR)
    assert "no 'Amount spent'" in str(headers_only.problems[0])


def test_ambiguous_dates_ask_for_the_order():
    data = b"Day,Campaign name,Amount spent (EUR)\n01/02/2026,A,1.00\n03/04/2026,A,2.00\n"
    preview = read_meta_ads(data, plan_currency=EUR)
    assert preview.needs == ["date_order"] and preview.records == []
    chosen = read_meta_ads(data, plan_currency=EUR, date_order="mdy").require()
    assert [r.start.isoformat() for r in chosen] == ["2026-01-02", "2026-03-04"]


def test_a_currency_column_or_none_at_all():
    with_column = b"Day,Campaign name,Amount spent,Currency\n2026-01-02,A,1.50,USD\n"
    assert read_meta_ads(with_column, plan_currency=EUR).problems[0].message.startswith("the file is in USD")
    assert read_meta_ads(with_column, plan_currency=USD).require()[0].spend_minor == 150
    without = read_meta_ads(b"Day,Campaign name,Amount spent\n2026-01-02,A,1.50\n", plan_currency=EUR)
    assert without.require()[0].spend_minor == 150
    assert "does not say its currency" in without.notes[0]


@pytest.mark.parametrize("name", sorted(p.name for p in META.iterdir()))
def test_detect_recognises_every_meta_export(name):
    assert detect(read_table(META / name))


@pytest.mark.parametrize("name", ["posts_comma_bom.csv", "hootsuite_iso.csv", "posts_semicolon_cp1252.csv"])
def test_detect_leaves_other_files_alone(name):
    assert not detect(read_table(DATA / "formats" / name))
