"""The post editor's best times to post: for each chosen platform, the weekdays and hours its posts engaged best."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from datetime import date, time, timedelta

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QDateEdit,
    QLabel,
    QTimeEdit,
    QWidget,
)

from smoplanner.core.locale_format import PlanLocale
from smoplanner.core.results import THIN_SAMPLE, BestTime

#: The best times of each platform, as the post editor's setup carries them (``EditorSetup.best_times``).
BestTimesByPlatform = tuple[tuple[str, tuple[BestTime, ...]], ...]


def next_day_on(start: date, weekday: int) -> date:
    """The first day on or after ``start`` that falls on ``weekday`` (0 is Monday)."""
    return start + timedelta(days=(weekday - start.weekday()) % 7)


def slot_text(slot: BestTime, fmt: PlanLocale) -> str:
    posts = f"{slot.posts} post{'s' if slot.posts != 1 else ''}"
    name = fmt.weekday_name(slot.weekday, "abbreviated")
    return f"{name} {fmt.time(time(slot.hour))} ({posts}{', few' if slot.thin else ''})"


def slot_tip(slot: BestTime, fmt: PlanLocale) -> str:
    rate = fmt.percent(slot.rate * 100, 1)
    day = fmt.weekday_name(slot.weekday)
    tip = (
        f"Posts on {day}s at {fmt.time(time(slot.hour))} reached an engagement rate of {rate} "
        f"(engagements ÷ reach, over {slot.posts} post{'s' if slot.posts != 1 else ''}). "
        f"Click to post on the next {day} at that time."
    )
    if slot.thin:
        tip += f" Fewer than {THIN_SAMPLE} posts: a hint, not a rule."
    return tip


class BestTimesBar(QLabel):
    """“Best times on Instagram: Tue 09:00 (12 posts), …”, a line for each ticked platform that has results;
    a click on a time sets the editor's date (the next such weekday from the date chosen) and time.

    One word-wrapped label whose times are links (reachable with Tab), so it fits the editor's narrow form
    column. It follows the platform boxes by itself and is enabled while the date field is (not for ideas or
    a read-only plan), so the editor only creates it.
    """

    chosen = Signal(object)  # BestTime

    def __init__(
        self,
        times: Mapping[str, Sequence[BestTime]],
        names: Mapping[str, str],
        fmt: PlanLocale,
        checks: Mapping[str, QAbstractButton],
        date_edit: QDateEdit,
        time_edit: QTimeEdit,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.names = names
        self.fmt = fmt
        self.checks = checks
        self.date_edit = date_edit
        self.time_edit = time_edit
        self.slots = {code: tuple(slots) for code, slots in times.items() if code in checks and slots}
        self.setAccessibleName("Best times to post")
        self.setWordWrap(True)
        # Under the time it sets; the form gives a wrapped label room for more lines than it needs.
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.linkActivated.connect(self._link)
        for check in checks.values():
            check.toggled.connect(self.refresh)
        date_edit.installEventFilter(self)
        self.refresh()

    def shown_platforms(self) -> list[str]:
        return [code for code in self.slots if self.checks[code].isChecked()]

    def line(self, code: str) -> str:
        """One platform's line, as rich text: its times are links, thin samples in italics."""
        links = []
        for n, slot in enumerate(self.slots[code]):
            text = html.escape(slot_text(slot, self.fmt))
            link = f'<a href="{html.escape(code)}/{n}">{text}</a>'
            links.append(f"<i>{link}</i>" if slot.thin else link)
        return f"Best times on {html.escape(self.names.get(code, code))}: {', '.join(links)}"

    def _link(self, href: str) -> None:
        code, _, n = href.rpartition("/")
        self.choose(self.slots[code][int(n)])

    def refresh(self) -> None:
        """Show the lines of the ticked platforms; hide the bar when none of them has results."""
        codes = self.shown_platforms()
        self.setText("<br>".join(self.line(code) for code in codes))
        self.setToolTip("\n".join(slot_tip(slot, self.fmt) for code in codes for slot in self.slots[code]))
        self.setVisible(bool(codes))
        self.setEnabled(self.date_edit.isEnabled())

    def choose(self, slot: BestTime) -> None:
        """Set the date to the next ``slot.weekday`` from the date chosen, and the time to its hour."""
        if not self.date_edit.isEnabled():
            return
        start = self.date_edit.date().toPython()
        assert isinstance(start, date)
        day = next_day_on(start, slot.weekday)
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        self.time_edit.setTime(QTime(slot.hour, 0))
        self.chosen.emit(slot)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.date_edit and event.type() == QEvent.Type.EnabledChange:
            self.setEnabled(self.date_edit.isEnabled())
        return super().eventFilter(watched, event)
