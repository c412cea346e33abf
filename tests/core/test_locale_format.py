"""Dates, times, numbers and money as a plan's locale writes them, and typed money read back as Decimal."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smoplanner.core.dates import Month
from smoplanner.core.locale_format import PlanLocale, locale_choices, locale_display_name
from smoplanner.core.money import MoneyEntryError, currency

EUR = currency("EUR")
DAY = date(2026, 12, 3)  # a Thursday


@pytest.mark.parametrize(
    ("code", "day", "month", "clock", "money"),
    [
        ("de_DE", "Do., 3. Dez. 2026", "Dezember 2026", "09:05", "1.234,50\u00a0€"),
        ("en_US", "Thu, Dec 3, 2026", "December 2026", "9:05\u202fAM", "€1,234.50"),
        ("fr_FR", "jeu. 3 déc. 2026", "décembre 2026", "09:05", "1\u202f234,50\u00a0€"),
        ("en_GB", "Thu, 3 Dec 2026", "December 2026", "09:05", "€1,234.50"),
    ],
)
def test_dates_times_and_money_follow_the_locale(code, day, month, clock, money) -> None:
    fmt = PlanLocale.of(code)
    assert fmt.day(DAY) == day
    assert Month(2026, 12).label(code) == month
    assert fmt.time(datetime(2026, 12, 3, 9, 5)) == clock
    assert fmt.money(123_450, EUR) == money


def test_first_day_of_the_week_is_the_locales() -> None:
    assert PlanLocale.of("en_US").first_weekday == 6  # Sunday
    assert PlanLocale.of("en_GB").first_weekday == 0  # Monday
    assert PlanLocale.of("de_DE").first_weekday == 0
    assert PlanLocale.of("en_US").week_start(DAY) == date(2026, 11, 29)
    assert PlanLocale.of("de_DE").week_start(DAY) == date(2026, 11, 30)
    assert PlanLocale.of("en_US").weekday_name(PlanLocale.of("en_US").weekdays()[0], "abbreviated") == "Sun"
    assert PlanLocale.of("de_DE").weekday_name(0) == "Montag"


def test_numbers_and_percentages_use_the_locales_marks() -> None:
    assert PlanLocale.of("de_DE").number(1_234_567) == "1.234.567"
    assert PlanLocale.of("en_US").number(Decimal("1234.5"), 2) == "1,234.50"
    assert PlanLocale.of("de_DE").percent(Decimal("12.5"), 1) == "12,5\u00a0%"
    assert PlanLocale.of("en_US").percent(Decimal("12.5"), 1) == "12.5%"
    with pytest.raises(TypeError):
        PlanLocale.of("en_US").number(1.5)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("code", "text", "amount"),
    [
        ("de_DE", "1.234,50", "1234.50"),
        ("de_DE", "1234,5", "1234.50"),
        ("de_DE", "12,50 €", "12.50"),
        ("en_US", "1,234.50", "1234.50"),
        ("en_US", "$1,234.5", "1234.50"),
        ("fr_FR", "1 234,50", "1234.50"),
        ("en_GB", "1234", "1234.00"),
        ("de_DE", "", "0.00"),
    ],
)
def test_typed_money_reads_as_decimal(code, text, amount) -> None:
    value = PlanLocale.of(code).parse_money(text, EUR, "Boost amount")
    assert isinstance(value, Decimal) and value == Decimal(amount)
    assert PlanLocale.of(code).parse_money_minor(text, EUR, "Boost amount") == int(Decimal(amount) * 100)


@pytest.mark.parametrize(("code", "text"), [("de_DE", "12abc"), ("en_US", "1.2.3,4"), ("de_DE", "1,234")])
def test_bad_money_names_the_field_once(code, text) -> None:
    with pytest.raises(MoneyEntryError) as caught:
        PlanLocale.of(code).parse_money(text, EUR, "Boost amount")
    message = str(caught.value)
    assert message.startswith("Boost amount: ") and message.count("Boost amount") == 1
    assert PlanLocale.of(code).money_example(EUR) in message


def test_locales_are_offered_by_name_and_keep_their_codes() -> None:
    choices = dict(locale_choices())
    assert choices["de_DE"] == "Deutsch (Deutschland)"
    assert choices["en_US"] == "English (United States)"
    assert dict(locale_choices("de_AT"))["de_AT"] == "Deutsch (Österreich)"
    assert locale_display_name("xx_YY") == "xx_YY"
    assert PlanLocale.of("xx_YY").day(DAY) == PlanLocale.of("en_US").day(DAY)


# --- numbers: the quick path writes exactly what Babel writes -------------------------------------------

PICKER_LOCALES = tuple(code for code, _name in locale_choices())


@given(
    value=st.one_of(
        st.integers(min_value=-(10**15), max_value=10**15),
        st.decimals(min_value=-(10**12), max_value=10**12, places=4, allow_nan=False, allow_infinity=False),
    ),
    places=st.integers(min_value=0, max_value=3),
    code=st.sampled_from(PICKER_LOCALES),
)
@settings(max_examples=400, deadline=None)
def test_numbers_are_written_exactly_as_babel_writes_them(value, places, code) -> None:
    fmt = PlanLocale.of(code)
    assert fmt.number(value, places) == fmt._babel_number(value, places)


def test_the_quick_path_is_taken_where_it_is_exact_and_babel_elsewhere() -> None:
    assert PlanLocale.of("de_DE")._plain_marks and PlanLocale.of("en_US")._plain_marks
    # Babel writes a negative Swiss German number without grouping, and a Finnish or Swedish one with a
    # hyphen rather than the locale's minus sign: those locales are written by Babel itself.
    swiss = PlanLocale.of("de_CH")
    assert swiss.number(-1234567) == swiss._babel_number(-1234567, 0)
    assert not all(PlanLocale.of(code)._plain_marks for code in ("fi_FI", "nb_NO", "sv_SE", "ar_001", "fa_AF"))
