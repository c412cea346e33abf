"""Answering in time: business hours, response-time targets and the month's response figures.

Time to answer is counted in the business's own open hours, in the plan's time zone: a comment that
arrives on Friday at 18:00 and is answered on Monday at 10:00 took one business hour when the business
opens at 9:00 on weekdays. Open hours are wall-clock times, so a day keeps its hours across the
daylight-saving changes, and an hour that a change removes or repeats counts as it really passed.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from fractions import Fraction
from zoneinfo import ZoneInfo

KINDS = ("comment", "message", "mention", "review", "question")
STATUSES = ("new", "in_progress", "answered", "no_reply", "escalated")
OPEN_STATUSES = ("new", "in_progress", "escalated")
SENTIMENTS = ("positive", "neutral", "negative")

#: The longest a search for the end of a target may run, in days: a plan with no open day at all has no end.
_MAX_DAYS = 3660

Interval = tuple[time, time]  # opening and closing time; a closing time of 00:00 means midnight at the day's end


@dataclass(frozen=True)
class BusinessHours:
    """When the business answers: open hours per weekday (0 is Monday), days it is closed, and its time zone."""

    timezone: str
    week: Mapping[int, tuple[Interval, ...]] = field(default_factory=dict)
    holidays: frozenset[date] = frozenset()

    def __post_init__(self) -> None:
        ZoneInfo(self.timezone)  # an unknown zone fails here, not halfway through a count
        for weekday, intervals in self.week.items():
            if not 0 <= weekday <= 6:
                raise ValueError(f"{weekday} is not a weekday (0 is Monday, 6 is Sunday)")
            for opens, closes in intervals:
                if closes != time(0) and closes <= opens:
                    raise ValueError(f"open hours {opens:%H:%M}–{closes:%H:%M} close before they open")

    @classmethod
    def always(cls, timezone: str) -> BusinessHours:
        """Every hour of every day (a business that answers around the clock, or no hours set)."""
        return cls(timezone, {day: ((time(0), time(0)),) for day in range(7)})

    @classmethod
    def weekdays(cls, timezone: str, opens: time, closes: time, holidays: Iterable[date] = ()) -> BusinessHours:
        """The same hours Monday to Friday, closed at weekends and on ``holidays``."""
        return cls(timezone, {day: ((opens, closes),) for day in range(5)}, frozenset(holidays))

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def open_spans(self, day: date) -> list[tuple[datetime, datetime]]:
        """The day's open hours as UTC instants, earliest first (none on a holiday)."""
        if day in self.holidays:
            return []
        zone = self.zone
        spans = []
        for opens, closes in sorted(self.week.get(day.weekday(), ())):
            end_day = day + timedelta(days=1) if closes == time(0) else day
            start = _instant(day, opens, zone)
            end = _instant(end_day, closes, zone)
            if end > start:
                spans.append((start, end))
        return spans


def _instant(day: date, clock: time, zone: ZoneInfo) -> datetime:
    """The UTC moment of a wall-clock time (a time a spring change skips reads with the offset before it)."""
    return datetime.combine(day, clock, tzinfo=zone).astimezone(UTC)


def _days(start: datetime, zone: ZoneInfo) -> Iterable[date]:
    day = start.astimezone(zone).date() - timedelta(days=1)  # a span opened the evening before may still run
    for offset in range(_MAX_DAYS):
        yield day + timedelta(days=offset)


def business_minutes(start: datetime, end: datetime, hours: BusinessHours) -> int:
    """Whole minutes of open hours between two moments (0 when ``end`` is not after ``start``)."""
    _require_aware(start, end)
    if end <= start:
        return 0
    total = timedelta()
    for day in _days(start, hours.zone):
        for span_start, span_end in hours.open_spans(day):
            lo, hi = max(span_start, start), min(span_end, end)
            if hi > lo:
                total += hi - lo
        if datetime.combine(day, time(0), tzinfo=hours.zone) > end:
            break
    return total // timedelta(minutes=1)


def deadline(received: datetime, target_minutes: int, hours: BusinessHours) -> datetime:
    """The moment ``target_minutes`` of open hours after ``received`` have passed."""
    _require_aware(received)
    if target_minutes < 0:
        raise ValueError("a response-time target cannot be negative")
    left = timedelta(minutes=target_minutes)
    if not left:
        return received
    for day in _days(received, hours.zone):
        for span_start, span_end in hours.open_spans(day):
            lo = max(span_start, received)
            if span_end <= lo:
                continue
            if lo + left <= span_end:
                return lo + left
            left -= span_end - lo
    raise ValueError("the business hours have no open time, so a target can never be reached")


def is_overdue(
    received: datetime, target_minutes: int | None, now: datetime, hours: BusinessHours, status: str
) -> bool:
    """Whether an item still waiting for an answer has passed its target (in business time)."""
    if target_minutes is None or status not in OPEN_STATUSES:
        return False
    return now > deadline(received, target_minutes, hours)


@dataclass(frozen=True)
class Handled:
    """One item as the month's figures need it."""

    received: datetime
    status: str
    answered: datetime | None = None
    target_minutes: int | None = None
    #: Already known (a store keeps them): the business minutes to the answer, and the target's deadline.
    minutes: int | None = None
    due: datetime | None = None


@dataclass(frozen=True)
class ResponseFigures:
    """The month's response figures; a rate or time with nothing to count is None."""

    received: int
    answered: int
    response_rate: Fraction | None
    median_response_minutes: float | None
    p90_response_minutes: float | None
    within_target: Fraction | None
    overdue: int


def percentile(values: Sequence[float], p: float) -> float | None:
    """The ``p``-th percentile (0..100) by linear interpolation between closest ranks (as spreadsheets do)."""
    if not values:
        return None
    if not 0 <= p <= 100:
        raise ValueError("a percentile is between 0 and 100")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * p / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def response_figures(items: Iterable[Handled], hours: BusinessHours, now: datetime) -> ResponseFigures:
    """Received, answered, the response rate and times (business minutes) and overdue items now.

    An item counts as answered when its status is answered and it has an answer time; "no reply needed"
    items are received but left out of the rate, as they asked for no answer.
    """
    received = needing = overdue = 0
    answers: list[tuple[int, int | None]] = []
    for item in items:
        received += 1
        if item.status != "no_reply":
            needing += 1
        if item.status == "answered" and item.answered is not None:
            minutes = item.minutes
            if minutes is None:
                minutes = business_minutes(item.received, item.answered, hours)
            answers.append((minutes, item.target_minutes))
        elif item.due is not None:
            overdue += item.status in OPEN_STATUSES and now > item.due
        elif is_overdue(item.received, item.target_minutes, now, hours, item.status):
            overdue += 1
    return summarize(received, needing, answers, overdue)


def summarize(received: int, needing: int, answers: Sequence[tuple[int, int | None]], overdue: int) -> ResponseFigures:
    """The figures from counts made already (a store counts in SQL): ``needing`` the items that asked for
    an answer (all but "no reply needed"), ``answers`` each answer's business minutes and its target."""
    times = [minutes for minutes, _target in answers]
    targeted = [minutes <= target for minutes, target in answers if target is not None]
    return ResponseFigures(
        received=received,
        answered=len(answers),
        response_rate=Fraction(len(answers), needing) if needing else None,
        median_response_minutes=float(statistics.median(times)) if times else None,
        p90_response_minutes=percentile(times, 90),
        within_target=Fraction(sum(targeted), len(targeted)) if targeted else None,
        overdue=overdue,
    )


def parse_tags(text: str) -> tuple[str, ...]:
    """Tags as typed ("#price, Menu  vegan") -> ("price", "menu", "vegan"): lower case, no '#', no repeats."""
    words = (word.strip().lstrip("#").lower() for word in text.replace(",", " ").split())
    return tuple(dict.fromkeys(word for word in words if word))


RECEIVED_HINT = "write 14:30, yesterday 14:30 or 2026-12-08 14:30 (empty: now)"


def parse_received(text: str, now: datetime, timezone: str) -> datetime:
    """When an item came in, as typed in quick entry, in the plan's time zone; the answer is in UTC.

    Empty or "now" is ``now``; "14:30" is today, or yesterday when 14:30 has not come yet today;
    "yesterday 14:30", "today 14:30" and "2026-12-08 14:30" say the day. A time still to come is refused.
    Raises ValueError with a one-line message for people.
    """
    _require_aware(now)
    typed = " ".join(text.split())
    if typed.casefold() in ("", "now"):
        return now
    zone = ZoneInfo(timezone)
    today = now.astimezone(zone).date()
    day_part, _, clock_part = typed.casefold().rpartition(" ")
    hour, sep, minute = clock_part.replace(".", ":").partition(":")
    if not (sep and hour.isdigit() and minute.isdigit() and len(minute) == 2 and int(hour) < 24 and int(minute) < 60):
        raise ValueError(f"“{typed}” is not a time: {RECEIVED_HINT}.")
    clock = time(int(hour), int(minute))
    if day_part in ("", "today"):
        day = today
    elif day_part == "yesterday":
        day = today - timedelta(days=1)
    else:
        try:
            day = date.fromisoformat(day_part)
        except ValueError:
            raise ValueError(f"“{typed}” is not a day and time: {RECEIVED_HINT}.") from None
    moment = _instant(day, clock, zone)
    if not day_part and moment > now:
        moment = _instant(day - timedelta(days=1), clock, zone)
    if moment > now:
        raise ValueError(f"“{typed}” is still to come; an item can only have been received already.")
    return moment


def fill_reply(template: str, *, name: str, business: str, platform: str) -> str:
    """A saved reply with its placeholders filled: {name} (the author), {business}, {platform}.

    Any other text in braces is left as it is, so a reply may hold a brace without breaking.
    """
    values = {"{name}": name, "{business}": business, "{platform}": platform}
    for placeholder, value in values.items():
        template = template.replace(placeholder, value)
    return template


def _require_aware(*moments: datetime) -> None:
    for moment in moments:
        if moment.tzinfo is None:
            raise ValueError("a naive datetime has no time zone; give it one")


KIND_NAMES = {
    "comment": "Comment",
    "message": "Direct message",
    "mention": "Mention",
    "review": "Review",
    "question": "Question",
}
STATUS_NAMES = {
    "new": "New",
    "in_progress": "In progress",
    "answered": "Answered",
    "no_reply": "No reply needed",
    "escalated": "Escalated",
}
SENTIMENT_NAMES = {"": "", "positive": "Positive", "neutral": "Neutral", "negative": "Negative"}


@dataclass(frozen=True)
class ItemRecord:
    """One comment, message, mention, review or question, as entered, imported or exported."""

    platform: str
    kind: str
    author: str
    text: str
    received_at: datetime
    status: str = "new"
    answered_at: datetime | None = None
    assignee: str = ""
    sentiment: str = ""  # "" when nobody has judged it yet
    tags: tuple[str, ...] = ()
    link: str = ""
    reply_used: str = ""  # the name of the saved reply used to answer it
    post_id: int | None = None


def item_problems(record: ItemRecord) -> list[tuple[str, str]]:
    """(field, message) for every value an item cannot hold, in words for a user."""
    problems = []
    if record.kind not in KINDS:
        problems.append(("kind", f"“{record.kind}” is not a kind ({', '.join(KINDS)})"))
    if record.status not in STATUSES:
        problems.append(("status", f"“{record.status}” is not a status ({', '.join(STATUSES)})"))
    if record.sentiment and record.sentiment not in SENTIMENTS:
        problems.append(("sentiment", f"“{record.sentiment}” is not a sentiment ({', '.join(SENTIMENTS)})"))
    if not record.platform:
        problems.append(("platform", "the platform is missing"))
    if not (record.author.strip() or record.text.strip()):
        problems.append(("text", "give the author or the text"))
    if record.received_at.tzinfo is None:
        problems.append(("received_at", "the time has no time zone"))
    if record.answered_at is not None:
        if record.answered_at.tzinfo is None:
            problems.append(("answered_at", "the time has no time zone"))
        elif record.received_at.tzinfo is not None and record.answered_at < record.received_at:
            problems.append(("answered_at", "the answer comes before the item was received"))
    return problems


def import_key(record: ItemRecord) -> str:
    """What recognises an item imported twice: its platform, kind, author, text and time received."""
    import hashlib

    moment = record.received_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M")
    raw = "\x1f".join((record.platform, record.kind, record.author.strip(), record.text.strip(), moment))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()
