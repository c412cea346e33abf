"""Dates, times, numbers and money as a plan's locale writes them (Babel's CLDR data; no Qt).

One ``PlanLocale`` per plan locale (``PlanLocale.of("de_DE")``, cached) is what every screen and every
export meant for people writes with: ``Do., 3. Dez. 2026`` and ``1.234,50 €`` in a German plan, ``Thu, Dec 3,
2026`` and ``€1,234.50`` in an American one, a week that starts on Monday or on Sunday as the locale says.
Machine formats (CSV for re-import, Hootsuite, .ics, ``report --json``) keep their fixed shapes and do not use
this. Money goes in as integer minor units or Decimal and comes back from typed text as Decimal, never float.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal
from functools import cache, cached_property
from typing import Literal

from babel import Locale, UnknownLocaleError
from babel.dates import format_skeleton, format_time, get_day_names, get_month_names
from babel.numbers import format_currency, format_decimal, get_decimal_symbol, get_group_symbol, get_minus_sign_symbol

from smoplanner.core.money import Currency, MoneyEntryError, from_minor, parse_money_field, to_minor

__all__ = ["PlanLocale", "locale_choices", "locale_display_name"]

_CODE_RE = re.compile(r"^[a-z]{2,3}_[A-Z]{2}$")
#: Grouping marks that look like a space: a person types a plain space for any of them.
_SPACES = " \u00a0\u202f\u2009"
_APOSTROPHES = "'’"


def _babel_locale(code: str) -> Locale:
    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError, TypeError):
        return Locale.parse("en_US")


@dataclass(frozen=True, eq=False)
class PlanLocale:
    """How one locale writes dates, times, numbers and money. Build with ``PlanLocale.of(code)``."""

    code: str
    locale: Locale

    @classmethod
    def of(cls, code: str) -> PlanLocale:
        """The formats of ``code`` (``de_DE``); a code Babel does not know falls back to ``en_US``."""
        return _plan_locale(code)

    # -- the calendar ------------------------------------------------------------------------------------

    @property
    def first_weekday(self) -> int:
        """The day a week starts on, as ``date.weekday()`` counts (0 Monday … 6 Sunday)."""
        return int(self.locale.first_week_day)

    def week_start(self, day: date) -> date:
        """The first day of the week ``day`` is in, as the locale starts weeks."""
        from datetime import timedelta

        return day - timedelta(days=(day.weekday() - self.first_weekday) % 7)

    def weekdays(self) -> list[int]:
        """The weekdays (``date.weekday()`` numbers) in the order a week runs in this locale."""
        return [(self.first_weekday + i) % 7 for i in range(7)]

    @cached_property
    def weekend(self) -> frozenset[int]:
        """The weekend's days (``date.weekday()`` numbers): Saturday and Sunday in Germany, Friday and
        Saturday in Israel."""
        start, end = int(self.locale.weekend_start), int(self.locale.weekend_end)
        return frozenset((start + i) % 7 for i in range((end - start) % 7 + 1))

    def hour(self, hour: int) -> str:
        """An hour on a clock's face, as short as the locale writes it: ``09:00``, ``9 AM``."""
        if "H" in self.time_pattern() or "k" in self.time_pattern():
            return self.time(time(hour))
        return str(format_skeleton("h", datetime(2000, 1, 1, hour), locale=self.locale))

    def weekday_name(self, weekday: int, width: Literal["abbreviated", "narrow", "short", "wide"] = "wide") -> str:
        """``weekday`` (0 Monday) in words: ``Montag`` (wide), ``Mo.`` (abbreviated)."""
        return str(get_day_names(width, locale=self.locale)[weekday])

    def month_name(self, month: int, width: Literal["abbreviated", "narrow", "wide"] = "wide") -> str:
        return str(get_month_names(width, locale=self.locale)[month])

    # -- dates and times ---------------------------------------------------------------------------------

    def day(self, day: date, *, weekday: bool = True, year: bool = True) -> str:
        """A date as the window writes dates: ``Do., 3. Dez. 2026``, ``Thu, Dec 3, 2026``."""
        skeleton = ("y" if year else "") + "MMM" + ("E" if weekday else "") + "d"
        return str(format_skeleton(skeleton, day, locale=self.locale))

    def short_day(self, day: date) -> str:
        """A date in digits: ``03.12.2026``, ``12/3/2026``."""
        return str(format_skeleton("yMd", day, locale=self.locale))

    def parse_short_day(self, text: str) -> date:
        """A date typed as ``short_day`` writes it (``25.12.2026``, ``12/25/2026``) or as ``2026-12-25``;
        ValueError otherwise."""
        from babel.dates import ParseError, parse_date

        text = text.strip()
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
            return date.fromisoformat("-".join(part.zfill(2) for part in text.split("-")))
        if not re.fullmatch(r"\d{1,4}\D{1,2}\d{1,2}\D{1,2}\d{1,4}\.?", text):
            raise ValueError(f"{text!r} is not a date")
        try:
            return parse_date(text, locale=self.locale, format="short")
        except (ParseError, ValueError, IndexError) as error:
            raise ValueError(f"{text!r} is not a date") from error

    def month(self, year: int, month: int) -> str:
        """A month and its year: ``Dezember 2026``."""
        return str(format_skeleton("yMMMM", date(year, month, 1), locale=self.locale))

    def month_abbreviated(self, year: int, month: int) -> str:
        """A month and its year, short where the locale shortens month names: ``Juni 2026``, ``Jun 2026``."""
        return str(format_skeleton("yMMM", date(year, month, 1), locale=self.locale))

    def time(self, clock: time | datetime) -> str:
        """A wall-clock time: ``09:00`` in most of Europe, ``9:00 AM`` in the United States."""
        if isinstance(clock, datetime):
            clock = clock.timetz().replace(tzinfo=None)
        return str(format_time(clock, "short", locale=self.locale))

    def date_pattern(self, *, weekday: bool = True) -> str:
        """The CLDR pattern ``day()`` writes a full date with (``E, d. MMM y`` in German)."""
        skeleton = "yMMMEd" if weekday else "yMMMd"
        return str(self.locale.datetime_skeletons[skeleton].pattern)

    def time_pattern(self) -> str:
        """The CLDR pattern of ``time()`` (``HH:mm``, ``h:mm a``)."""
        from babel.dates import get_time_format

        return str(get_time_format("short", locale=self.locale).pattern)

    def when(self, moment: datetime, *, weekday: bool = True, year: bool = True) -> str:
        """A local date with its time: ``Do., 3. Dez. 2026, 09:00``."""
        return f"{self.day(moment.date(), weekday=weekday, year=year)}, {self.time(moment)}"

    # -- numbers and money -------------------------------------------------------------------------------

    @cached_property
    def decimal_mark(self) -> str:
        return str(get_decimal_symbol(self.locale))

    @cached_property
    def group_mark(self) -> str:
        return str(get_group_symbol(self.locale))

    @cached_property
    def minus_sign(self) -> str:
        return str(get_minus_sign_symbol(self.locale))

    def number(self, value: int | Decimal, places: int = 0) -> str:
        """A number with the locale's grouping and decimal marks and exactly ``places`` decimals."""
        if isinstance(value, float):
            raise TypeError("numbers are shown from int or Decimal, never float")
        if self._plain_marks:
            return self._quick_number(value, places)
        return self._babel_number(value, places)

    def _babel_number(self, value: int | Decimal, places: int) -> str:
        pattern = "#,##0" + ("." + "0" * places if places else "")
        return str(format_decimal(Decimal(value), format=pattern, locale=self.locale, decimal_quantization=True))

    def _quick_number(self, value: int | Decimal, places: int) -> str:
        """What ``_babel_number`` writes, by Python's own formatting with the locale's marks swapped in
        (tables of thousands of figures are written many times faster)."""
        if isinstance(value, int) and not places:
            text = f"{value:,}"
        else:
            text = f"{Decimal(value).quantize(Decimal(1).scaleb(-places)):,.{places}f}"
        return text.translate(self._marks)

    @cached_property
    def _marks(self) -> dict[int, str]:
        return str.maketrans({",": self.group_mark, ".": self.decimal_mark, "-": self.minus_sign})

    @cached_property
    def _plain_marks(self) -> bool:
        """Whether Python's formatting with this locale's marks writes numbers exactly as Babel does (all
        locales with Latin digits); checked on figures that cover the cases once per locale."""
        samples = (0, 7, -7, 1234, -1234567, 10**12, Decimal("0.005"), Decimal("-0.5"), Decimal("1234.565"),
                   Decimal("-98765.4321"), Decimal("0.015"), Decimal("-0"))  # fmt: skip
        return all(
            self._quick_number(v, places) == self._babel_number(v, places) for v in samples for places in (0, 1, 2, 3)
        )

    def percent(self, value: int | Decimal, places: int = 0) -> str:
        """``value`` percent (``21`` -> ``21 %`` in German, ``21%`` in English)."""
        from babel.numbers import format_percent

        pattern = str(self.locale.percent_formats[None].pattern)
        if places:
            pattern = re.sub(r"0(?=[^0#,]*$|[^0-9#,.])", "0." + "0" * places, pattern, count=1)
        return str(format_percent(Decimal(value) / 100, format=pattern, locale=self.locale))

    def amount(self, minor: int, cur: Currency) -> str:
        """An amount without its currency, as a person types it back: ``1.234,50``."""
        return self.number(from_minor(minor, cur), cur.exponent)

    def decimal_amount(self, amount: Decimal, cur: Currency) -> str:
        """A computed amount (a cost per click) rounded half up to the currency, without its currency."""
        if isinstance(amount, float):
            raise TypeError("money is Decimal, never float")
        value = amount.quantize(cur.quantum, rounding=ROUND_HALF_UP)
        return self.number(abs(value) if value == 0 else value, cur.exponent)

    def money(self, minor: int, cur: Currency) -> str:
        """An amount with its currency where the locale puts it: ``1.234,50 €``, ``€1,234.50``."""
        return self.decimal_money(from_minor(minor, cur), cur)

    def decimal_money(self, amount: Decimal, cur: Currency) -> str:
        if isinstance(amount, float):
            raise TypeError("money is Decimal, never float")
        value = amount.quantize(cur.quantum, rounding=ROUND_HALF_UP)
        if value == 0:
            value = abs(value)  # never "-0,00 €"
        return str(format_currency(value, cur.code, locale=self.locale, currency_digits=False, format_type="standard"))

    def money_example(self, cur: Currency) -> str:
        """What an amount looks like typed in this locale (``1.234,50``), for placeholders and messages."""
        return self.amount(123450 * 10 ** max(cur.exponent - 2, 0) if cur.exponent >= 2 else 1234, cur)

    def parse_money(self, text: str, cur: Currency, field: str, *, allow_negative: bool = False) -> Decimal:
        """The Decimal amount typed into the form field ``field``, as this locale writes amounts.

        ``1.234,50`` and ``1234,5`` in a German plan, ``1,234.50`` in an American one, with or without the
        currency's symbol or code; grouping is optional, but where it is used it groups by three. An amount
        written as another locale does (``1234.56`` or ``$1,234.56`` in a German plan) is read as
        ``parse_money_field`` reads it when that is unambiguous. An empty entry is zero. Anything else raises
        ``MoneyEntryError`` whose message names the field once and shows how to write the amount.
        """
        entry = text.strip()
        if not entry:
            return Decimal(0).quantize(cur.quantum)
        example = self.money_example(cur)
        number = strip_currency(entry, cur)
        if self._whole(cur, allow_negative).fullmatch(number):
            negative = number[0] in "-\u2212"
            digits = number.lstrip("-\u2212")
            for mark in _group_marks(self.group_mark):
                digits = digits.replace(mark, "")
            value = Decimal(digits.replace(self.decimal_mark, "."))
            value = -value if negative else value
            try:
                to_minor(value, cur)
            except ValueError:
                raise MoneyEntryError(field, f"“{entry}” is too large an amount in {cur.code}.") from None
            return value.quantize(cur.quantum)
        if any(ch.isalpha() for ch in number):
            raise MoneyEntryError(
                field, f"“{entry}” is not an amount in {cur.code}; write only digits, like {example}."
            )
        try:
            minor = parse_money_field(entry, cur, field, self.decimal_mark == ",", allow_negative=allow_negative)
        except MoneyEntryError as exc:
            reason = str(exc).removeprefix(f"{field}: ").rstrip(".")
            raise MoneyEntryError(field, f"{reason}; write it like {example}.") from None
        return from_minor(minor, cur)

    def _whole(self, cur: Currency, allow_negative: bool) -> re.Pattern[str]:
        return money_pattern(self.decimal_mark, self.group_mark, cur.exponent, allow_negative=allow_negative)

    def parse_money_minor(self, text: str, cur: Currency, field: str, *, allow_negative: bool = False) -> int:
        """``parse_money`` in integer minor units (cents), as plan files keep money."""
        return to_minor(self.parse_money(text, cur, field, allow_negative=allow_negative), cur)


def strip_currency(entry: str, cur: Currency) -> str:
    """``entry`` without the currency's symbol or code written before or after the number (``12,50 €``)."""
    text = entry.strip()
    for token in (cur.symbol, cur.code):
        if not token:
            continue
        if text.casefold().startswith(token.casefold()):
            text = text[len(token) :].strip()
        elif text.casefold().endswith(token.casefold()):
            text = text[: -len(token)].strip()
    return text


def _group_marks(group: str) -> str:
    """The grouping marks a person may type for ``group``: any space for a space-like mark, either apostrophe."""
    if group in _SPACES:
        return _SPACES
    if group in _APOSTROPHES:
        return _APOSTROPHES
    return group


def money_pattern(decimal: str, group: str, places: int, *, allow_negative: bool = False) -> re.Pattern[str]:
    """A complete amount: digits grouped by three with ``group`` (or not grouped), then up to ``places`` decimals."""
    g = "[" + re.escape(_group_marks(group)) + "]"
    sign = "[-\u2212]?" if allow_negative else ""
    fraction = f"(?:{re.escape(decimal)}\\d{{0,{places}}})?" if places else ""
    return re.compile(f"{sign}(?:\\d{{1,3}}(?:{g}\\d{{3}})+|\\d+){fraction}")


def money_prefix_pattern(decimal: str, group: str, places: int, *, allow_negative: bool = False) -> re.Pattern[str]:
    """What may still become an amount as a person types it: digits and grouping marks in any order, then
    the decimal mark and no more than ``places`` digits."""
    g = "[" + re.escape(_group_marks(group)) + "]"
    sign = "[-\u2212]?" if allow_negative else ""
    fraction = f"(?:{re.escape(decimal)}\\d{{0,{places}}})?" if places else ""
    return re.compile(f"{sign}(?:\\d(?:\\d|{g})*)?{fraction}")


@cache
def _plan_locale(code: str) -> PlanLocale:
    return PlanLocale(code, _babel_locale(code))


def locale_display_name(code: str) -> str:
    """The locale's name in its own language: ``Deutsch (Deutschland)``; the code itself when unknown."""
    try:
        locale = Locale.parse(code)
    except (UnknownLocaleError, ValueError, TypeError):
        return code
    name = locale.get_display_name() or code
    return name[:1].upper() + name[1:]


#: The locales the pickers offer (a plan keeps any other valid code it already has): the languages of the
#: countries smoplanner knows a currency for, and the world's most used ones.
CHOICE_CODES = (
    "ar_AE",
    "ar_EG",
    "ar_SA",
    "bg_BG",
    "ca_ES",
    "cs_CZ",
    "cy_GB",
    "da_DK",
    "de_AT",
    "de_BE",
    "de_CH",
    "de_DE",
    "de_LU",
    "el_CY",
    "el_GR",
    "en_AU",
    "en_CA",
    "en_GB",
    "en_IE",
    "en_IN",
    "en_MT",
    "en_NZ",
    "en_US",
    "en_ZA",
    "es_AR",
    "es_CL",
    "es_CO",
    "es_ES",
    "es_MX",
    "es_US",
    "et_EE",
    "eu_ES",
    "fi_FI",
    "fil_PH",
    "fr_BE",
    "fr_CA",
    "fr_CH",
    "fr_FR",
    "fr_LU",
    "ga_IE",
    "gl_ES",
    "he_IL",
    "hi_IN",
    "hr_HR",
    "hu_HU",
    "id_ID",
    "is_IS",
    "it_CH",
    "it_IT",
    "ja_JP",
    "ko_KR",
    "lb_LU",
    "lt_LT",
    "lv_LV",
    "ms_MY",
    "mt_MT",
    "nb_NO",
    "nl_BE",
    "nl_NL",
    "nn_NO",
    "pl_PL",
    "pt_BR",
    "pt_PT",
    "ro_RO",
    "ru_RU",
    "sk_SK",
    "sl_SI",
    "sq_AL",
    "sr_RS",
    "sv_FI",
    "sv_SE",
    "sw_KE",
    "th_TH",
    "tr_TR",
    "uk_UA",
    "vi_VN",
    "zh_CN",
    "zh_HK",
    "zh_TW",
    "zu_ZA",
)


def _sort_key(name: str) -> str:
    """``Čeština`` sorts with C, ``Íslenska`` with I."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", name.casefold()) if not unicodedata.combining(ch))


@cache
def locale_choices(*extra: str) -> tuple[tuple[str, str], ...]:
    """The locales a picker offers (``CHOICE_CODES`` and any ``extra`` codes), as ``(code, name in its own
    language)``, ordered by name."""
    codes = set(CHOICE_CODES) | {c for c in extra if _CODE_RE.match(c)}
    named = [(code, locale_display_name(code)) for code in codes]
    return tuple(sorted(named, key=lambda pair: (_sort_key(pair[1]), pair[0])))
