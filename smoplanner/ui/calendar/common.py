"""What the Calendar views share: the plan's context (time zone, rules, pillars), chip text and drag data."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from PySide6.QtCore import QByteArray, QMimeData
from PySide6.QtGui import QColor, QPalette, QPixmap
from PySide6.QtWidgets import QWidget

from smoplanner.core.locale_format import PlanLocale
from smoplanner.core.money import currency
from smoplanner.core.plan_settings import PlanSettingsData
from smoplanner.core.platforms import Rulebook, load_rulebook
from smoplanner.ui.platform_icons import platform_icon

#: Drag data: the ids of the posts being dragged, as ASCII "1,2,3".
POST_MIME = "application/x-smoplanner-post-ids"

#: A mark for each status, so a status never rests on colour alone.
STATUS_MARKS = {"idea": "○", "draft": "◐", "scheduled": "●", "published": "✓"}
STATUS_LABELS = {"idea": "Idea", "draft": "Draft", "scheduled": "Scheduled", "published": "Published"}
WARNING_MARK = "⚠"
#: A scheduled post whose time has passed (it was posted and not marked, or it was missed).
PAST_MARK = "◷"
PAST_WORDS = "Its time has passed but it is still scheduled: mark it published, or move it"
NO_PILLAR_COLOR = QColor(150, 150, 150)
DEFAULT_TIME = time(9, 0)


@dataclass(frozen=True)
class PillarInfo:
    id: int
    name: str
    color: str
    target_percent: int | None = None


@dataclass(frozen=True)
class CalendarContext:
    """The plan facts every view needs, read once per refresh."""

    settings: PlanSettingsData
    rulebook: Rulebook = field(default_factory=load_rulebook)
    pillars: tuple[PillarInfo, ...] = ()
    campaigns: tuple[str, ...] = ()

    @property
    def tz(self) -> ZoneInfo:
        try:
            return ZoneInfo(self.settings.timezone)
        except (KeyError, ValueError):
            return ZoneInfo("UTC")

    @property
    def fmt(self) -> PlanLocale:
        """How the plan's locale writes dates, times and money."""
        return PlanLocale.of(self.settings.locale)

    @property
    def platform_names(self) -> dict[str, str]:
        return {p.code: p.name for p in self.settings.platforms}

    def platform_name(self, code: str) -> str:
        return self.platform_names.get(code) or self.rulebook.platform(code).name

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.tz)

    def local_day(self, moment: datetime) -> date:
        return moment.astimezone(self.tz).date()

    def to_utc(self, day: date, clock: time) -> datetime:
        """The UTC instant of a wall-clock time in the plan's zone (a time skipped in spring moves forward)."""
        local = datetime.combine(day, clock, self.tz)
        return local.astimezone(UTC)

    def day_span_utc(self, first: date, last: date) -> tuple[datetime, datetime]:
        """From midnight before ``first`` to midnight after ``last``, as UTC instants."""
        return self.to_utc(first, time(0)), self.to_utc(last + timedelta(days=1), time(0))


def utc_now() -> datetime:
    """This moment (one place, so tests can hold the clock still)."""
    return datetime.now(UTC)


def is_past_due(row: object, now: datetime | None = None) -> bool:
    """A post still "scheduled" whose time has passed (``row`` is a PostRow or a PostRecord)."""
    when = getattr(row, "scheduled_at", None)
    return getattr(row, "status", "") == "scheduled" and when is not None and when <= (now or utc_now())


def status_mark(row: object, now: datetime | None = None) -> str:
    """The status mark of a post: ``PAST_MARK`` for a scheduled post whose time has passed."""
    if is_past_due(row, now):
        return PAST_MARK
    return STATUS_MARKS.get(getattr(row, "status", ""), "?")


PAST_STATUS_TEXT = f"{PAST_MARK} Past its time"


def status_text(row: object, now: datetime | None = None) -> str:
    """The mark and the status in words, for lists ("● Scheduled"; "◷ Past its time" for a scheduled post
    whose time has passed, which the tooltip says in full)."""
    if is_past_due(row, now):
        return PAST_STATUS_TEXT
    status = getattr(row, "status", "")
    return f"{STATUS_MARKS.get(status, '?')} {STATUS_LABELS.get(status, status)}"


def move_keeping_time(ctx: CalendarContext, when: datetime | None, day: date, fallback: time) -> datetime:
    """``when`` moved to ``day`` at the same local time of day (``fallback`` for a post without a time)."""
    clock = ctx.local(when).time().replace(second=0, microsecond=0) if when is not None else fallback
    return ctx.to_utc(day, clock)


def post_ids_mime(ids: Iterable[int]) -> QMimeData:
    mime = QMimeData()
    mime.setData(POST_MIME, QByteArray(",".join(str(i) for i in ids).encode("ascii")))
    return mime


def ids_from_mime(mime: QMimeData | None) -> list[int]:
    if mime is None or not mime.hasFormat(POST_MIME):
        return []
    raw = bytes(mime.data(POST_MIME).data()).decode("ascii", "replace")
    return [int(part) for part in raw.split(",") if part.strip().isdigit()]


#: Red for "over the limit" and errors: dark on light windows, light on dark ones (both readable).
PROBLEM_RED = "#C62828"
PROBLEM_RED_ON_DARK = "#FF8A80"


def problem_red(widget: QWidget) -> str:
    dark = widget.palette().color(QPalette.ColorRole.Window).lightness() < 128
    return PROBLEM_RED_ON_DARK if dark else PROBLEM_RED


@cache
def small_platform_pixmap(code: str, size: int) -> QPixmap:
    return platform_icon(code).pixmap(size, size)


def pillar_qcolor(color: str | None) -> QColor:
    if not color:
        return QColor(NO_PILLAR_COLOR)
    c = QColor(color)
    return c if c.isValid() else QColor(NO_PILLAR_COLOR)


def platforms_text(ctx: CalendarContext, codes: Sequence[str]) -> str:
    return ", ".join(ctx.platform_name(c) for c in codes)


#: What every mark in the calendar means, in words (the "?" legend beside the views).
LEGEND: tuple[tuple[str, str], ...] = (
    (STATUS_MARKS["idea"], "Idea: no date yet, or not planned"),
    (STATUS_MARKS["draft"], "Draft: being written"),
    (STATUS_MARKS["scheduled"], "Scheduled: ready to go out at its time"),
    (STATUS_MARKS["published"], "Published: it went out"),
    (PAST_MARK, "Scheduled, but its time has passed: mark it published, or move it"),
    (WARNING_MARK, "Breaks a platform rule (too long, too many hashtags…): open the post to see which"),
    ("+3", "Goes to 3 more platforms than the badges show; the tooltip names them all"),
    ("5 · 21% / 25%", "Pillar bar: 5 posts this month · 21% of the month's posts / the pillar's target 25%"),
)


def legend_text() -> str:
    return "\n".join(f"{mark}  {words}" for mark, words in LEGEND)


def legend_html() -> str:
    """The legend as a small table, for the "?" button's tooltip."""
    rows = "".join(
        f"<tr><td align='center' style='padding-right:8px'><b>{html.escape(mark)}</b></td>"
        f"<td>{html.escape(words)}</td></tr>"
        for mark, words in LEGEND
    )
    return f"<p><b>What the marks mean</b></p><table cellspacing='2'>{rows}</table>"


def boost_text(ctx: CalendarContext, row: object) -> str:
    """The boost amount of a boosted post in the plan's currency and locale (``25,00 €``); empty otherwise."""
    minor = getattr(row, "boost_minor", 0) or 0
    if not getattr(row, "boosted", False) or not minor:
        return ""
    try:
        cur = currency(ctx.settings.currency)
    except ValueError:
        return ""
    return ctx.fmt.money(minor, cur)


def post_tooltip(ctx: CalendarContext, row: object, results_line: str = "") -> str:
    """A plain summary of a post for tooltips (``row`` is a PostRow): every mark on its chip in words, and
    ``results_line`` (how it did: "1.234 impressions · 4,1 % engagement") for a post with results."""
    when = getattr(row, "scheduled_at", None)
    lines = [getattr(row, "title", "") or "(no title)"]
    if when is not None:
        local = ctx.local(when)
        lines.append(ctx.fmt.when(local))
    else:
        lines.append("No date yet (idea)")
    status = getattr(row, "status", "")
    lines.append(f"Status: {STATUS_LABELS.get(status, status)} ({STATUS_MARKS.get(status, '?')})")
    codes = tuple(getattr(row, "platforms", ()))
    if codes:
        count = f"{len(codes)} platform{'' if len(codes) == 1 else 's'}"
        lines.append(f"On {count}: {platforms_text(ctx, codes)}")
    else:
        lines.append("On no platform yet")
    if getattr(row, "pillar_name", None):
        lines.append(f"Pillar: {row.pillar_name}")  # type: ignore[attr-defined]
    if getattr(row, "boosted", False):
        lines.append(f"Boosted: {boost_text(ctx, row) or 'no amount yet'}")
    if is_past_due(row):
        lines.append(f"{PAST_MARK} {PAST_WORDS}")
    if getattr(row, "has_problems", False):
        lines.append(f"{WARNING_MARK} Breaks a platform rule: open it to see what")
    if results_line:
        lines.append(results_line)
    return "\n".join(lines)
