"""Money stays exact: parsing what exports write, minor units, and splits that sum to their total."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smoplanner.core.money import (
    MoneyEntryError,
    all_currencies,
    currency,
    format_amount,
    from_minor,
    parse_amount,
    parse_money_field,
    split_exactly,
    to_minor,
)

EUR = currency("EUR")


def test_currencies_carry_their_iso_decimals():
    assert currency("eur").exponent == 2
    assert currency("JPY").exponent == 0
    assert currency("KWD").exponent == 3
    assert len(all_currencies()) >= 45
    assert {
        "USD",
        "GBP",
        "CHF",
        "SEK",
        "NOK",
        "DKK",
        "PLN",
        "CZK",
        "HUF",
        "AUD",
        "CAD",
        "NZD",
        "INR",
        "BRL",
        "MXN",
        "ZAR",
    } <= {c.code for c in all_currencies()}


def test_unknown_currency_is_a_plain_error():
    with pytest.raises(ValueError, match="'XYZ' is not a currency"):
        currency("XYZ")


def test_minor_units_round_trip():
    assert to_minor(Decimal("1234.50"), EUR) == 123450
    assert from_minor(123450, EUR) == Decimal("1234.50")
    assert str(from_minor(5, EUR)) == "0.05"
    assert to_minor(Decimal(1500), currency("JPY")) == 1500
    assert from_minor(1234, currency("KWD")) == Decimal("1.234")


def test_excess_decimals_are_rejected():
    with pytest.raises(ValueError, match=r"12\.345 has more than 2 decimals for EUR"):
        to_minor(Decimal("12.345"), EUR)
    with pytest.raises(ValueError, match="more than 0 decimals for JPY"):
        to_minor(Decimal("10.5"), currency("JPY"))


def test_float_is_refused():
    with pytest.raises(TypeError):
        to_minor(12.5, EUR)  # type: ignore[arg-type]


def test_format_amount_uses_the_currency_decimals():
    assert format_amount(Decimal("1234.5"), EUR) == "1234.50"
    assert format_amount(Decimal(0), EUR) == "0.00"
    assert format_amount(Decimal(1500), currency("JPY")) == "1500"
    assert format_amount(Decimal("2.5"), currency("KWD")) == "2.500"
    assert format_amount(Decimal("-0.001"), EUR) == "0.00"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,234.56", "1234.56"),
        ("1 234,56", "1234.56"),
        ("1\u00a0234,56", "1234.56"),
        ("1.234,56", "1234.56"),
        ("12,50 €", "12.50"),
        ("€12.50", "12.50"),
        ("$412.30", "412.30"),
        ("EUR 8", "8"),
        ("8.27", "8.27"),
        ("1,234", "1234"),
        ("1.500", "1500"),
        ("-12.50", "-12.50"),
        ("(12.50)", "-12.50"),
        ("-", "0"),
        ("--", "0"),
        ("", "0"),
        ("  ", "0"),
    ],
)
def test_parse_amount_reads_real_export_cells(text, expected):
    assert parse_amount(text, EUR) == Decimal(expected)


def test_parse_amount_with_a_given_decimal_mark():
    assert parse_amount("1,234", EUR, decimal_comma=True) == Decimal("1.234")
    assert parse_amount("1.234", EUR, decimal_comma=False) == Decimal("1.234")
    assert parse_amount("1.234", currency("KWD")) == Decimal("1.234")


@pytest.mark.parametrize("text", ["abc", "12..5", "1,2,3.4.5", "12 EUR 5", "1.2.3", "12,34,5"])
def test_parse_amount_rejects_nonsense_clearly(text):
    with pytest.raises(ValueError, match="is not an amount"):
        parse_amount(text, EUR)


def test_split_example_and_ties_go_to_earlier_positions():
    assert split_exactly(3334, [1, 1, 1, 1]) == [834, 834, 833, 833]
    assert split_exactly(100, [1, 1, 1]) == [34, 33, 33]
    assert split_exactly(10000, [Decimal(70), Decimal(20), Decimal(10)]) == [7000, 2000, 1000]
    assert split_exactly(-100, [1, 1, 1]) == [-34, -33, -33]
    assert split_exactly(0, [0, 0]) == [0, 0]


def test_split_refuses_what_cannot_be_split():
    with pytest.raises(ValueError):
        split_exactly(100, [0, 0])
    with pytest.raises(ValueError):
        split_exactly(100, [1, -1])
    with pytest.raises(TypeError):
        split_exactly(100, [0.5, 0.5])  # type: ignore[list-item]


weights = st.lists(
    st.one_of(st.integers(0, 10_000), st.decimals(0, 1000, places=2, allow_nan=False, allow_infinity=False)),
    min_size=1,
    max_size=12,
).filter(lambda ws: sum(ws) > 0)


@given(total=st.integers(-(10**9), 10**9), weights=weights)
def test_split_sums_exactly_and_each_part_is_within_one_unit(total, weights):
    parts = split_exactly(total, weights)
    assert sum(parts) == total
    assert len(parts) == len(weights)
    weight_sum = sum(Fraction(w) for w in weights)
    for part, weight in zip(parts, weights, strict=True):
        assert abs(part - total * Fraction(weight) / weight_sum) < 1


@given(total=st.integers(0, 10**6), weights=weights)
def test_split_is_deterministic(total, weights):
    assert split_exactly(total, weights) == split_exactly(total, list(weights))


def test_an_amount_too_large_for_the_file_is_refused_plainly() -> None:
    from smoplanner.core.money import MAX_MINOR

    with pytest.raises(ValueError, match="too large"):
        to_minor(Decimal("99999999999999999999"), currency("EUR"))
    assert to_minor(from_minor(MAX_MINOR, currency("EUR")), currency("EUR")) == MAX_MINOR


@pytest.mark.parametrize("locale_decimal_comma", [None, True, False])
@pytest.mark.parametrize(
    ("text", "minor"),
    [
        ("1.234,56 €", 123456),
        ("$1,234.56", 123456),
        ("1234.5", 123450),
        ("1234,5", 123450),
        ("1 234,56", 123456),
        ("12,50 €", 1250),
        ("1.234.567", 123456700),
        ("", 0),
    ],
)
def test_a_typed_amount_reads_the_same_in_every_locale(text, minor, locale_decimal_comma):
    assert parse_money_field(text, EUR, "Total", locale_decimal_comma) == minor


def test_a_lone_mark_before_three_digits_follows_the_locale_or_is_refused_as_ambiguous():
    assert parse_money_field("1.234", EUR, "Total", True) == 123400  # German grouping
    assert parse_money_field("1,234", EUR, "Total", False) == 123400  # English grouping
    with pytest.raises(MoneyEntryError, match=r"^Total: '1,234' is ambiguous") as caught:
        parse_money_field("1,234", EUR, "Total", True)
    assert caught.value.field == "Total"
    with pytest.raises(MoneyEntryError, match=r"^Fee: '1\.234' is ambiguous"):
        parse_money_field("1.234", EUR, "Fee", False)
    kwd = currency("KWD")
    assert parse_money_field("1,234", kwd, "Total", True) == 1234
    assert parse_money_field("1,234", kwd, "Total", False) == 1234000
    with pytest.raises(MoneyEntryError, match="ambiguous"):
        parse_money_field("1,234", kwd, "Total", None)
    jpy = currency("JPY")
    assert parse_money_field("¥1,234", jpy, "Total", False) == 1234
    with pytest.raises(MoneyEntryError, match=r"without the '\.'$"):
        parse_money_field("1.234", jpy, "Total", False)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("abc", "'abc' is not an amount"),
        ("12.3456", "more than 2 decimals for EUR"),
        ("-5", "negative"),
        ("1,2,3.4", "not an amount"),
    ],
)
def test_a_bad_typed_amount_names_the_field(text, message):
    with pytest.raises(MoneyEntryError, match=message) as caught:
        parse_money_field(text, EUR, "Budget total", False)
    assert str(caught.value).startswith("Budget total: ")
    assert isinstance(caught.value, ValueError)


def test_a_negative_typed_amount_when_allowed():
    assert parse_money_field("-12,50", EUR, "Refund", True, allow_negative=True) == -1250
