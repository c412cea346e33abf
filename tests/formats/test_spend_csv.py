"""smoplanner's generic spend CSV (other ad platforms): known totals, the Total row as checksum, bad rows named."""

from __future__ import annotations

from pathlib import Path

from smoplanner.core.money import currency
from smoplanner.formats.spend_csv import read_any_spend, read_spend_csv

DATA = Path(__file__).resolve().parent.parent / "data"
EUR = currency("EUR")


def test_a_spend_csv_reads_to_known_totals_skipping_its_total_row() -> None:
    preview = read_spend_csv(DATA / "spend" / "generic.csv", plan_currency=EUR)
    records = preview.require()
    assert preview.total_row == 5 and preview.date_order == "ymd"
    assert [(r.platform, r.campaign) for r in records] == [
        ("tiktok", "Winter drinks, TikTok"),
        ("tiktok", "Winter drinks, TikTok"),
        ("linkedin", "Catering B2B"),
    ]
    assert sum(r.spend_minor for r in records) == 104_235
    assert [r.link_clicks for r in records] == [41, 0, 12]  # "-" is zero
    assert records[2].impressions == 1_500 and records[1].revenue_minor == 0
    assert all(r.source_key for r in records)


def test_a_total_row_that_does_not_match_is_refused() -> None:
    text = (DATA / "spend" / "generic.csv").read_text(encoding="utf-8").replace('"1,042.35"', '"1,042.36"')
    preview = read_spend_csv(text.encode(), plan_currency=EUR)
    assert preview.records == []
    assert [str(p) for p in preview.problems] == [
        "Row 5, spend: the Total row says 1,042.36 but the rows add up to 1042.35 EUR"
    ]


def test_a_bad_row_is_named_and_nothing_is_read() -> None:
    preview = read_spend_csv(DATA / "spend" / "generic_bad.csv", plan_currency=EUR)
    assert preview.records == [] and preview.date_order == "dmy"
    assert [str(p) for p in preview.problems] == ["Row 3, clicks: 'abc' is not a whole number"]


def test_the_window_reads_either_kind_of_file() -> None:
    assert len(read_any_spend(DATA / "spend" / "generic.csv", plan_currency=EUR).require()) == 3
    assert len(read_any_spend(DATA / "meta_ads" / "daily_bom_total.csv", plan_currency=EUR).require()) == 5
    posts = read_any_spend(DATA / "formats" / "posts_comma_bom.csv", plan_currency=EUR)
    assert posts.records == [] and "neither a Meta Ads Manager export nor a spend CSV" in str(posts.problems[0])
