"""Exact money: Decimal amounts in code, integer minor units (cents) in files, never float."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from functools import cache

from smoplanner.resources import load_json

__all__ = [
    "Currency",
    "MoneyEntryError",
    "all_currencies",
    "currency",
    "format_amount",
    "from_minor",
    "parse_amount",
    "parse_money_field",
    "split_exactly",
    "to_minor",
]


@dataclass(frozen=True, slots=True)
class Currency:
    code: str
    name: str
    exponent: int  # digits after the decimal point (ISO 4217 "minor unit")
    symbol: str

    @property
    def quantum(self) -> Decimal:
        return Decimal(1).scaleb(-self.exponent)


@cache
def _currencies() -> dict[str, Currency]:
    data = load_json("currencies.json")
    return {
        entry["code"]: Currency(entry["code"], entry["name"], int(entry["exponent"]), entry["symbol"])
        for entry in data["currencies"]
    }


def all_currencies() -> list[Currency]:
    """Every known currency, ordered by code (for a currency picker)."""
    return sorted(_currencies().values(), key=lambda c: c.code)


def currency(code: str) -> Currency:
    """The currency for an ISO 4217 code such as ``EUR`` (case-insensitive)."""
    found = _currencies().get(code.strip().upper())
    if found is None:
        raise ValueError(f"{code!r} is not a currency smoplanner knows (use a code like EUR or USD)")
    return found


def _check_decimal(amount: Decimal) -> Decimal:
    if isinstance(amount, (float, bool)):
        raise TypeError("money must be a Decimal or an int, never a float")
    if isinstance(amount, int):
        return Decimal(amount)
    if not isinstance(amount, Decimal):
        raise TypeError(f"money must be a Decimal, not {type(amount).__name__}")
    if not amount.is_finite():
        raise ValueError(f"{amount} is not an amount")
    return amount


#: The largest amount in minor units a plan file can hold (SQLite's 64-bit integer).
MAX_MINOR = 2**63 - 1


def to_minor(amount: Decimal, cur: Currency) -> int:
    """Minor units (cents) of ``amount``; refuses amounts finer than the currency allows."""
    amount = _check_decimal(amount)
    scaled = amount.scaleb(cur.exponent)
    if scaled != scaled.to_integral_value():
        raise ValueError(
            f"{amount} has more than {cur.exponent} decimal{'s' if cur.exponent != 1 else ''} for {cur.code}"
        )
    minor = int(scaled)
    if abs(minor) > MAX_MINOR:
        raise ValueError(f"{amount} {cur.code} is too large an amount")
    return minor


def from_minor(minor: int, cur: Currency) -> Decimal:
    """The Decimal amount of ``minor`` units, with the currency's number of decimals."""
    if isinstance(minor, bool) or not isinstance(minor, int):
        raise TypeError("minor units must be an int")
    return Decimal(minor).scaleb(-cur.exponent).quantize(cur.quantum)


def format_amount(amount: Decimal, cur: Currency) -> str:
    """Plain text such as ``1234.50`` (for JSON and CSV): the currency's decimals, no grouping.

    Amounts finer than the currency (a computed cost per click) are rounded half up.
    """
    amount = _check_decimal(amount)
    value = amount.quantize(cur.quantum, rounding=ROUND_HALF_UP)
    if value == 0:
        value = abs(value)  # never "-0.00"
    return f"{value:f}"


_ZERO_PLACEHOLDERS = {"", "-", "--", "—", "–", "n/a"}
_SPACE_GROUP = re.compile("(?<=\\d)[ \u00a0\u202f\u2009'’](?=\\d{3}(?!\\d))")
_NUMBER = re.compile(r"[0-9][0-9.,]*")


def _strip_currency(text: str, cur: Currency) -> str:
    for token in (cur.code, cur.symbol):
        if token and token.lower() in text.lower():
            text = re.sub(re.escape(token), "", text, flags=re.IGNORECASE)
    return "".join(ch for ch in text if unicodedata.category(ch) != "Sc")


def parse_amount(text: str, cur: Currency, decimal_comma: bool | None = None) -> Decimal:
    """Read an amount as exports write it.

    Accepts grouping (``1,234.56``, ``1 234,56``, ``1.234,56``, ``1'234.56``), a currency symbol or code
    before or after the number (``$412.30``, ``12,50 €``), a minus sign or parentheses for negatives, and
    ``-``, ``--`` or an empty cell for zero. ``decimal_comma`` says which mark is the decimal one; None
    guesses from the text (the last of ``.``/``,`` is decimal; a lone mark followed by exactly three digits
    is grouping when the currency has fewer than three decimals).
    """
    original = text
    text = text.strip()
    if text.lower() in _ZERO_PLACEHOLDERS:
        return Decimal(0).quantize(cur.quantum)
    text = _strip_currency(text, cur).strip()
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1].strip()
    if text[:1] in {"-", "\u2212"}:
        negative, text = True, text[1:].strip()
    elif text[:1] == "+":
        text = text[1:].strip()
    if text.endswith("-"):  # "12.50-" from some accounting exports
        negative, text = True, text[:-1].strip()
    # A space (or Swiss apostrophe) groups thousands only before exactly three digits.
    text = _SPACE_GROUP.sub("", text.strip())
    if not _NUMBER.fullmatch(text):
        raise ValueError(f"{original.strip()!r} is not an amount")

    decimal_mark = _decimal_mark(text, cur, decimal_comma)
    group_mark = "," if decimal_mark == "." else "."
    if text.count(decimal_mark) > 1:
        raise ValueError(f"{original.strip()!r} is not an amount")
    whole, _, fraction = text.partition(decimal_mark)
    if group_mark in fraction:
        raise ValueError(f"{original.strip()!r} is not an amount")
    if group_mark in whole and not re.fullmatch(r"\d{1,3}(?:" + re.escape(group_mark) + r"\d{3})+", whole):
        raise ValueError(f"{original.strip()!r} is not an amount (odd digit grouping)")
    whole = whole.replace(group_mark, "")
    try:
        value = Decimal(f"{whole or '0'}.{fraction}" if fraction else whole or "0")
    except InvalidOperation:
        raise ValueError(f"{original.strip()!r} is not an amount") from None
    return -value if negative else value


def _decimal_mark(text: str, cur: Currency, decimal_comma: bool | None) -> str:
    if decimal_comma is not None:
        return "," if decimal_comma else "."
    has_dot, has_comma = "." in text, "," in text
    if has_dot and has_comma:
        return "," if text.rfind(",") > text.rfind(".") else "."
    mark = "," if has_comma else "."
    if text.count(mark) > 1:
        return "," if mark == "." else "."  # repeated: it groups thousands
    if mark in text:
        after = text.rsplit(mark, 1)[1]
        if len(after) == 3 and cur.exponent < 3:
            return "," if mark == "." else "."
    return mark


class MoneyEntryError(ValueError):
    """An amount typed into a form that cannot be read; ``field`` names the form field."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(f"{field}: {message}")


def parse_money_field(
    text: str, cur: Currency, field: str, locale_decimal_comma: bool | None, *, allow_negative: bool = False
) -> int:
    """Minor units of an amount a person typed into the form field ``field``.

    People type money as their locale writes it, and sometimes as another one does, so the decimal mark
    is read from the entry itself where it tells: ``1.234,56 €``, ``$1,234.56``, ``1234.5``, ``1 234,56``
    all work whatever the plan's locale. Both marks present: the last one is the decimal mark. One mark
    repeated (``1.234.567``) groups thousands. One mark once, not followed by exactly three digits
    (``12,5``, ``12.50``): the decimal mark. One mark once before exactly three digits (``1,234``) is
    where locales disagree: the locale's grouping mark groups; the locale's decimal mark is a decimal
    only for a currency with three decimals (KWD), otherwise the entry is refused as ambiguous (``1,234``
    typed in a German plan in euros could mean 1234 or a mistyped 1,23); with no locale known
    (``locale_decimal_comma`` None), a currency with three decimals is ambiguous too. An empty entry is
    zero; more decimals than the currency has, a negative amount (unless allowed) or text that is no
    amount raise ``MoneyEntryError`` naming the field.
    """
    entry = text.strip()
    core = _SPACE_GROUP.sub("", _strip_currency(entry, cur)).strip(" ()+-\u2212")
    marks = [ch for ch in core if ch in ".,"]
    decimal_comma: bool | None = None
    if len(set(marks)) == 2:
        decimal_comma = core.rfind(",") > core.rfind(".")
    elif len(marks) == 1:
        mark = marks[0]
        digits_after = len(core.rsplit(mark, 1)[1])
        if digits_after != 3:
            decimal_comma = mark == ","
        elif locale_decimal_comma is None:
            if cur.exponent >= 3:
                raise MoneyEntryError(field, f"{entry!r} is ambiguous: is {mark} the decimal mark?")
            decimal_comma = mark == "."  # grouping: the decimal mark is the other one
        else:
            locale_decimal = "," if locale_decimal_comma else "."
            if mark != locale_decimal:
                decimal_comma = locale_decimal_comma  # the locale's grouping mark
            elif cur.exponent >= 3:
                decimal_comma = locale_decimal_comma
            else:
                hint = f" or with {cur.exponent} decimals" if cur.exponent else ""
                raise MoneyEntryError(field, f"{entry!r} is ambiguous; write it without the {mark!r}{hint}")
    elif len(marks) > 1:
        decimal_comma = marks[0] == "."  # one mark repeated groups thousands
    try:
        amount = parse_amount(entry, cur, decimal_comma=decimal_comma)
        minor = to_minor(amount, cur)
    except (ValueError, TypeError) as exc:
        raise MoneyEntryError(field, str(exc)) from None
    if minor < 0 and not allow_negative:
        raise MoneyEntryError(field, f"{entry!r} is negative; give an amount of zero or more")
    return minor


def split_exactly(total_minor: int, weights: Sequence[int | Decimal]) -> list[int]:
    """Split ``total_minor`` in proportion to ``weights``; the parts always sum to the total.

    Largest remainder method: each part gets the floor of its exact share, and the units left over go
    to the largest fractional remainders, ties to the earlier position, so the result is deterministic.
    Every part is within one unit of its exact share.
    """
    if isinstance(total_minor, bool) or not isinstance(total_minor, int):
        raise TypeError("the total must be an int of minor units")
    if not weights:
        if total_minor:
            raise ValueError("there is nothing to split the amount across")
        return []
    fractions = []
    for weight in weights:
        if isinstance(weight, float):
            raise TypeError("weights must be int or Decimal, never float")
        value = Fraction(weight)
        if value < 0:
            raise ValueError("a split cannot have a negative share")
        fractions.append(value)
    weight_sum = sum(fractions, Fraction(0))
    if weight_sum == 0:
        if total_minor:
            raise ValueError("all shares are zero, so the amount cannot be split")
        return [0] * len(fractions)

    sign = -1 if total_minor < 0 else 1
    total = abs(total_minor)
    exact = [total * w / weight_sum for w in fractions]
    parts = [int(share) for share in exact]  # floor: shares are non-negative
    left = total - sum(parts)
    by_remainder = sorted(range(len(exact)), key=lambda i: (-(exact[i] - parts[i]), i))
    for index in by_remainder[:left]:
        parts[index] += 1
    return [sign * part for part in parts]
