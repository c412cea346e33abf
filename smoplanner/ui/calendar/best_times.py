"""The post editor's best times to post: for each chosen platform, the weekdays and hours its posts engaged best."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, time, timedelta

from PySide6.QtCore import QDate, QEvent, QObject, QTime, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
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


class BestTimesBar(QWidget):
    """“Best times on Instagram: Tue 09:00 (12 posts), …” for each ticked platform that has results; a click
    on a time sets the editor's date (the next such weekday from the date chosen) and time.

    It follows the platform boxes by itself and is enabled while the date field is (not for ideas or a
    read-only plan), so the editor only creates it.
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
        self.times = times
        self.names = names
        self.fmt = fmt
        self.checks = checks
        self.date_edit = date_edit
        self.time_edit = time_edit
        self.buttons: dict[str, list[QPushButton]] = {}
        self.setAccessibleName("Best times to post")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self._rows: dict[str, QWidget] = {}
        for code, slots in times.items():
            if code in checks and slots:
                self._rows[code] = self._row(code, slots)
        for check in checks.values():
            check.toggled.connect(self.refresh)
        date_edit.installEventFilter(self)
        self.refresh()

    def _row(self, code: str, slots: Sequence[BestTime]) -> QWidget:
        row = QWidget(self)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        label = QLabel(f"Best times on {self.names.get(code, code)}:")
        line.addWidget(label)
        buttons = []
        for slot in slots:
            button = QPushButton(slot_text(slot, self.fmt))
            button.setFlat(True)
            button.setToolTip(slot_tip(slot, self.fmt))
            if slot.thin:
                font = button.font()
                font.setItalic(True)
                button.setFont(font)
            button.clicked.connect(lambda _checked=False, s=slot: self.choose(s))
            line.addWidget(button)
            buttons.append(button)
        line.addStretch(1)
        self.buttons[code] = buttons
        self._layout.addWidget(row)
        return row

    def refresh(self) -> None:
        """Show the rows of the ticked platforms; hide the bar when none of them has results."""
        shown = False
        for code, row in self._rows.items():
            on = self.checks[code].isChecked()
            row.setVisible(on)
            shown = shown or on
        self.setVisible(shown)
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
