"""The plan's locale in the window: Qt widgets set to it, and money fields that check what is typed.

Text (dates, times, money) is written by ``smoplanner.core.locale_format.PlanLocale``, the same formats the
exports use; this module gives Qt's own widgets (date and time editors, calendars, pickers) the plan's
``QLocale``, so their day and month names and first day of the week follow the plan, not this computer.
"""

from __future__ import annotations

import re
import unicodedata

from PySide6.QtCore import QLocale, QObject, Qt
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QCalendarWidget, QComboBox, QDateTimeEdit, QLineEdit, QWidget

from smoplanner.core.locale_format import (
    PlanLocale,
    locale_choices,
    locale_display_name,
    money_pattern,
    money_prefix_pattern,
    strip_currency,
)
from smoplanner.core.money import Currency, MoneyEntryError

__all__ = [
    "MoneyValidator",
    "apply_locale",
    "fill_locale_picker",
    "qlocale",
    "qt_format",
    "qt_weekday",
    "set_date_format",
    "set_date_time_format",
    "set_money_field",
    "set_time_format",
]

_QT_DAYS = (
    Qt.DayOfWeek.Monday,
    Qt.DayOfWeek.Tuesday,
    Qt.DayOfWeek.Wednesday,
    Qt.DayOfWeek.Thursday,
    Qt.DayOfWeek.Friday,
    Qt.DayOfWeek.Saturday,
    Qt.DayOfWeek.Sunday,
)


def qt_weekday(weekday: int) -> Qt.DayOfWeek:
    """Qt's day for a ``date.weekday()`` number (0 Monday)."""
    return _QT_DAYS[weekday % 7]


def qlocale(code: str) -> QLocale:
    """Qt's locale for a plan locale code (``de_DE``)."""
    return QLocale(code)


_QT_FIELDS = {"E": "ddd", "EE": "ddd", "EEE": "ddd", "EEEE": "dddd", "c": "ddd", "ccc": "ddd", "cccc": "dddd"}
_QT_FIELDS |= {"d": "d", "dd": "dd", "M": "M", "MM": "MM", "MMM": "MMM", "MMMM": "MMMM", "L": "M", "LL": "MM"}
_QT_FIELDS |= {"LLL": "MMM", "LLLL": "MMMM", "yy": "yy", "H": "H", "HH": "HH", "h": "h", "hh": "hh"}
_QT_FIELDS |= {"m": "mm", "mm": "mm", "a": "AP", "B": "AP", "b": "AP"}
_CLDR_TOKEN = re.compile(r"'(?:[^']|'')*'|([A-Za-z])\1*|[^A-Za-z']+")


def qt_format(cldr_pattern: str) -> str:
    """A CLDR date or time pattern (``E, d. MMM y``) as Qt's display format (``ddd, d. MMM yyyy``)."""
    out: list[str] = []
    for match in _CLDR_TOKEN.finditer(cldr_pattern):
        token = match.group(0)
        if token.startswith("'"):
            inner = token[1:-1].replace("''", "'")
            out.append(f"'{inner}'" if inner else "''")
        elif token[0].isascii() and token[0].isalpha():
            if token[0] == "y":
                out.append("yy" if token == "yy" else "yyyy")
            else:
                out.append(_QT_FIELDS.get(token, ""))
        else:
            out.append(token)
    return "".join(out).strip()


def set_date_format(edit: QDateTimeEdit, plan_locale: PlanLocale, *, weekday: bool = True) -> None:
    """Show ``edit``'s date (and its calendar) as the plan's locale writes dates, its weeks starting on its day."""
    edit.setLocale(qlocale(plan_locale.code))
    edit.setDisplayFormat(qt_format(plan_locale.date_pattern(weekday=weekday)))
    calendar = edit.calendarWidget()
    if calendar is not None:
        calendar.setLocale(qlocale(plan_locale.code))
        calendar.setFirstDayOfWeek(qt_weekday(plan_locale.first_weekday))


def set_time_format(edit: QDateTimeEdit, plan_locale: PlanLocale) -> None:
    """Show ``edit``'s time as the plan's locale writes times (``09:00``, ``9:00 AM``)."""
    edit.setLocale(qlocale(plan_locale.code))
    edit.setDisplayFormat(qt_format(plan_locale.time_pattern()))


def set_date_time_format(edit: QDateTimeEdit, plan_locale: PlanLocale) -> None:
    """Show ``edit``'s date and time as the plan's locale writes them (``06.12.2026 09:00``, ``12/6/2026 9:00 AM``)."""
    edit.setLocale(qlocale(plan_locale.code))
    date_part = qt_format(str(plan_locale.locale.datetime_skeletons["yMd"].pattern))
    edit.setDisplayFormat(f"{date_part} {qt_format(plan_locale.time_pattern())}")  # one format: the time is kept
    calendar = edit.calendarWidget()
    if calendar is not None:
        calendar.setLocale(qlocale(plan_locale.code))
        calendar.setFirstDayOfWeek(qt_weekday(plan_locale.first_weekday))


def apply_locale(root: QWidget, code: str) -> None:
    """Give ``root`` and the date, time and calendar widgets in it the plan's locale and first weekday."""
    locale = qlocale(code)
    first = qt_weekday(PlanLocale.of(code).first_weekday)
    widgets: list[QWidget] = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if isinstance(widget, QDateTimeEdit | QCalendarWidget):
            widget.setLocale(locale)
        if isinstance(widget, QCalendarWidget):
            widget.setFirstDayOfWeek(first)
        if isinstance(widget, QDateTimeEdit) and widget.calendarWidget() is not None:
            widget.calendarWidget().setLocale(locale)
            widget.calendarWidget().setFirstDayOfWeek(first)


class MoneyValidator(QValidator):
    """Lets a money field hold only what is, or may still become, an amount in the plan's locale.

    ``1.234,50`` in a German plan, ``1,234.50`` in an American one, the currency's symbol or code before or
    after it allowed. A letter, a character that is no digit or mark, or more decimals than the currency has
    after the locale's decimal mark is refused as it is typed; a half-typed amount (``1.2``) is Intermediate.
    When the field is left, an amount written as another locale does (``1234.56`` in a German plan) is
    rewritten as this locale writes it (``1.234,56``) where that is unambiguous.
    """

    def __init__(
        self, plan_locale: PlanLocale, cur: Currency, parent: QObject | None = None, *, negative: bool = False
    ) -> None:
        super().__init__(parent)
        self.plan_locale = plan_locale
        self.cur = cur
        self.negative = negative
        marks = (plan_locale.decimal_mark, plan_locale.group_mark, cur.exponent)
        self._whole = money_pattern(*marks, allow_negative=negative)
        self._prefix = money_prefix_pattern(*marks, allow_negative=negative)
        spaces = " \u00a0\u202f\u2009'’"
        self._allowed = set("0123456789.,") | set(spaces) | ({"-", "\u2212"} if negative else set())

    def _number(self, entry: str) -> tuple[str | None, bool]:
        """The number in ``entry`` without the currency's symbol or code, and whether the start of one was cut
        off (the rest is still being typed); None if there is other text."""
        number = strip_currency(entry, self.cur)
        if not any(ch.isalpha() or unicodedata.category(ch) == "Sc" for ch in number):
            return number, False
        for token in (self.cur.symbol, self.cur.code):
            for cut in range(len(token) - 1, 0, -1):
                start = token[:cut].casefold()
                rest = number[:-cut]
                if (
                    number.casefold().endswith(start)
                    and (not rest or rest[-1].isspace())
                    and not any(c.isalpha() for c in rest)
                ):
                    return number[:-cut].strip(), True
                if number.casefold().startswith(start) and not any(c.isalpha() for c in number[cut:]):
                    return number[cut:].strip(), True
        return None, False

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:  # type: ignore[override]
        entry = text.strip()
        number, partial = self._number(entry)
        if number is None:
            return QValidator.State.Invalid, text, pos
        if (not number or self._whole.fullmatch(number)) and not partial:
            return QValidator.State.Acceptable, text, pos
        if not set(number) <= self._allowed:
            return QValidator.State.Invalid, text, pos
        decimal = self.plan_locale.decimal_mark
        if decimal in number:
            after = number.rsplit(decimal, 1)[1]
            if after.isdigit() and len(after) > self.cur.exponent and number.count(decimal) == 1:
                return QValidator.State.Invalid, text, pos
        return QValidator.State.Intermediate, text, pos

    def fixup(self, text: str) -> str:  # type: ignore[override]
        """An amount the locale would write otherwise, written its way (``1234.56`` -> ``1.234,56``)."""
        try:
            amount = self.plan_locale.parse_money(text, self.cur, "Amount", allow_negative=self.negative)
        except MoneyEntryError:
            return text
        return self.plan_locale.decimal_amount(amount, self.cur)


def set_money_field(edit: QLineEdit, plan_locale: PlanLocale, cur: Currency, *, negative: bool = False) -> None:
    """Make ``edit`` a money field of the plan's locale: a validator and a placeholder such as ``1.234,50``."""
    old = edit.validator()
    edit.setValidator(MoneyValidator(plan_locale, cur, edit, negative=negative))
    if old is not None and old.parent() is edit:
        old.deleteLater()
    edit.setPlaceholderText(plan_locale.money_example(cur))


def fill_locale_picker(combo: QComboBox, current: str) -> None:
    """Fill ``combo`` with locales by name (``Deutsch (Deutschland)``), each holding its code; select ``current``."""
    combo.blockSignals(True)
    combo.clear()
    for code, name in locale_choices(current):
        combo.addItem(name, code)
        combo.setItemData(combo.count() - 1, code, Qt.ItemDataRole.ToolTipRole)
    index = combo.findData(current)
    if index < 0:
        combo.addItem(locale_display_name(current), current)
        index = combo.count() - 1
    combo.setCurrentIndex(index)
    combo.blockSignals(False)
