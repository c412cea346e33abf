"""The printed monthly plan as plain data: what each page shows, read from the plan in one Session.

The window (preview, printer), the command line (``smoplanner print``) and the tests all build a
:class:`MonthPlan` here and hand it to the painter (``smoplanner.printing``); nothing here imports Qt.
The document's sections are declared once in :data:`PLAN_SECTIONS`: a key, a title, the builder of its
data (a function of the Session and the month's context) and the painter that lays it out, named as
``"module:function"`` like the areas' parts, so a new section (the Results area's chart) is one entry.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from smoplanner.core.dates import Month
from smoplanner.report.budget import BudgetSection, PaidSection, build_budget_section, build_paid_section
from smoplanner.report.context import ReportContext
from smoplanner.report.engagement import EngagementSection, build_engagement_section
from smoplanner.report.results import ResultsData

__all__ = [
    "PLAN_SECTIONS",
    "Goal",
    "MonthPlan",
    "PlanSection",
    "PrintedKpi",
    "PrintedPillar",
    "PrintedPost",
    "PrintedResults",
    "WorkedLine",
    "build_month_plan",
    "section_keys",
]

HASHTAG = re.compile(r"(?<![\w#])#\w+")

#: Locales whose paper is US Letter (the Americas that use it, and the Philippines); A4 elsewhere.
LETTER_LOCALES = frozenset({"en_US", "en_CA", "es_MX", "es_US", "fr_CA", "en_PH", "fil_PH", "es_CO", "es_VE"})
LETTER_COUNTRIES = frozenset({"US", "CA", "MX", "PH", "CO", "VE", "CL", "GT", "PR", "CR", "SV", "NI", "PA", "DO"})


def default_paper(locale: str) -> str:
    """``"letter"`` for a locale whose country uses US Letter, else ``"a4"``."""
    country = locale.replace("-", "_").split(".")[0].partition("_")[2].upper()
    return "letter" if locale in LETTER_LOCALES or country in LETTER_COUNTRIES else "a4"


@dataclass(frozen=True)
class PlanSection:
    """One section of the printed plan: ``builder(session, context)`` reads its data, ``painter`` lays it out.

    ``builder`` and ``painter`` are ``"module:function"``; the painter lives with the Qt code
    (``smoplanner.printing``), so reading the list imports neither.
    """

    key: str
    title: str
    builder: str | None  # None: the section needs only what every plan has (cover, notes)
    painter: str


#: The document in page order. The cover and the notes need no builder of their own.
PLAN_SECTIONS: tuple[PlanSection, ...] = (
    PlanSection("cover", "Cover", None, "smoplanner.printing.sections:paint_cover"),
    PlanSection(
        "calendar",
        "Calendar",
        "smoplanner.report.month_plan:build_posts",
        "smoplanner.printing.sections:paint_calendar",
    ),
    PlanSection(
        "posts", "Posts", "smoplanner.report.month_plan:build_posts", "smoplanner.printing.sections:paint_posts"
    ),
    PlanSection(
        "profiles",
        "Profiles",
        "smoplanner.report.month_plan:build_profiles",
        "smoplanner.printing.sections:paint_profiles",
    ),
    PlanSection(
        "engagement",
        "Engagement",
        "smoplanner.report.month_plan:build_engagement",
        "smoplanner.printing.sections:paint_engagement",
    ),
    PlanSection(
        "budget", "Budget", "smoplanner.report.month_plan:build_budget", "smoplanner.printing.sections:paint_budget"
    ),
    PlanSection(
        "results",
        "Results",
        "smoplanner.report.month_plan:build_results",
        "smoplanner.printing.sections:paint_results",
    ),
    PlanSection("notes", "Notes", None, "smoplanner.printing.sections:paint_notes"),
)


def section_keys() -> tuple[str, ...]:
    return tuple(s.key for s in PLAN_SECTIONS)


def parse_sections(text: str | None) -> tuple[str, ...]:
    """``"cover,posts"`` -> the sections in document order; ValueError naming an unknown one."""
    if text is None or not text.strip():
        return section_keys()
    asked = [part.strip().lower() for part in text.split(",") if part.strip()]
    unknown = [key for key in asked if key not in section_keys()]
    if unknown:
        raise ValueError(f"unknown section {', '.join(repr(k) for k in unknown)} (use {', '.join(section_keys())})")
    return tuple(key for key in section_keys() if key in asked)


# --- the data -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PrintedPillar:
    name: str
    color: str  # "#rrggbb"
    letter: str  # shown beside the colour, so black and white still tells the pillars apart
    pattern: int  # an index into the painter's fill patterns


@dataclass(frozen=True)
class PrintedPost:
    title: str
    text: str
    when: datetime | None  # in the plan's time zone
    platforms: tuple[str, ...]  # display names
    status: str
    pillar: PrintedPillar | None
    campaign: str
    link: str
    hashtags: tuple[str, ...]
    variants: tuple[tuple[str, str], ...]  # (platform name, its own text)
    boosted: bool
    boost: str  # money text, "" when not boosted
    media_notes: str


@dataclass(frozen=True)
class Goal:
    """A campaign running in the month: its objective and its targets, as the cover lists them."""

    name: str
    objective: str
    dates: str
    budget: str
    target: str


@dataclass(frozen=True)
class CheckLine:
    label: str
    message: str


@dataclass(frozen=True)
class PrintedProfile:
    platform: str  # display name
    score: float  # 0..1
    to_fix: tuple[CheckLine, ...]
    passed: int
    checks: int


@dataclass(frozen=True)
class PrintedInfluencer:
    name: str
    platform: str
    status: str
    fee: str
    deliverables: str


@dataclass(frozen=True)
class PrintedCampaign:
    name: str
    objective: str
    planned: str
    spent: str
    results: int
    target_results: int | None


@dataclass(frozen=True)
class PrintedKpi:
    """One KPI of the month as printed: its value, last month's, and the change ("–" when unknown)."""

    key: str
    label: str
    group: str  # "organic" or "goal"
    value: str
    previous: str
    change: str
    formula: str


@dataclass(frozen=True)
class WorkedLine:
    """One line of "what worked": what it is about, what the figures say, and whether the sample is thin."""

    topic: str
    text: str
    thin: bool = False


@dataclass(frozen=True)
class PrintedResults:
    """The month's results: the chart's data (None when the month has none), the KPIs against the
    previous month, and what worked (from the posts published in the month)."""

    data: ResultsData | None
    previous_month: Month
    kpis: tuple[PrintedKpi, ...] = ()
    worked: tuple[WorkedLine, ...] = ()


@dataclass(frozen=True)
class MonthPlan:
    """Everything the printed plan shows for one month; each optional part is None when its section is off."""

    business_name: str
    month: Month
    currency: str
    locale: str
    prepared_on: date
    prepared_by: str
    goals: tuple[Goal, ...] = ()
    posts: tuple[PrintedPost, ...] | None = None
    pillars: tuple[PrintedPillar, ...] = ()
    profiles: tuple[PrintedProfile, ...] | None = None
    profiles_score: float = 0.0
    engagement: EngagementSection | None = None
    engagement_month: Month | None = None
    engagement_targets: tuple[tuple[str, str], ...] = ()  # (what, target text)
    budget: BudgetSection | None = None
    paid: PaidSection | None = None
    campaigns: tuple[PrintedCampaign, ...] = ()
    influencers: tuple[PrintedInfluencer, ...] = ()
    results: PrintedResults | None = None
    sections: tuple[str, ...] = field(default_factory=section_keys)
    extra: dict[str, Any] = field(default_factory=dict)  # a later section's data, by its key

    @property
    def title(self) -> str:
        return f"{self.business_name}: {self.month.label()}"

    def money(self, minor: int) -> str:
        from smoplanner.core.money import currency, format_amount, from_minor

        cur = currency(self.currency)
        return f"{format_amount(from_minor(minor, cur), cur)} {cur.code}"


Progress = Callable[[int, int, str], None]


def _no_progress(_done: int, _total: int, _text: str = "") -> None:
    return None


def build_month_plan(
    session: Session,
    month: Month,
    sections: tuple[str, ...] | None = None,
    *,
    prepared_by: str = "",
    today: date | None = None,
    progress: Progress | None = None,
) -> MonthPlan:
    """The month's plan with the data of ``sections`` (every section by default)."""
    from smoplanner.areas import resolve
    from smoplanner.store.settings import get_settings

    progress = progress or _no_progress
    sections = section_keys() if sections is None else sections
    settings = get_settings(session)
    context = ReportContext(month, settings)
    parts: dict[str, Any] = {}
    chosen = [s for s in PLAN_SECTIONS if s.key in sections]
    progress(0, len(chosen) + 1, "Reading the month's goals…")
    parts.update(build_goals(session, context))
    done: set[str] = set()
    for i, section in enumerate(chosen, start=1):
        if section.builder and section.builder not in done:
            progress(i, len(chosen) + 1, f"Reading {section.title.lower()}…")
            parts.update(resolve(section.builder)(session, context))
            done.add(section.builder)
    return MonthPlan(
        business_name=settings.business_name,
        month=month,
        currency=settings.currency,
        locale=settings.locale,
        prepared_on=today or date.today(),
        prepared_by=prepared_by,
        sections=tuple(sections),
        **parts,
    )


def _display_names(session: Session) -> dict[str, str]:
    from smoplanner.core.plan_settings import KNOWN_PLATFORMS
    from smoplanner.store.settings import get_settings

    names = dict(KNOWN_PLATFORMS)
    names.update({p.code: p.name for p in get_settings(session).platforms})
    return names


def _money(minor: int, code: str) -> str:
    from smoplanner.core.money import currency, format_amount, from_minor

    cur = currency(code)
    return f"{format_amount(from_minor(minor, cur), cur)} {cur.code}"


def _overlaps(start: date | None, end: date | None, month: Month) -> bool:
    return (start is None or start <= month.last_day) and (end is None or end >= month.first_day)


def build_goals(session: Session, context: ReportContext) -> dict[str, Any]:
    """The cover's goals: the campaigns that run in the month, with their objective and targets."""
    from smoplanner.store.budget.campaigns import list_campaigns

    code = context.settings.currency
    goals = []
    for c in list_campaigns(session):
        if not _overlaps(c.start, c.end, context.month) or (c.start is None and c.end is None and not c.budget_minor):
            continue
        targets = []
        if c.target_results:
            targets.append(f"{c.target_results:,} results")
        if c.target_cost_minor:
            targets.append(f"at most {_money(c.target_cost_minor, code)} each")
        dates = " – ".join(d.strftime("%d %b") for d in (c.start, c.end) if d)
        goals.append(
            Goal(
                name=c.name,
                objective=c.objective.replace("_", " ").capitalize() if c.objective else "No objective set",
                dates=dates,
                budget=_money(c.budget_minor, code) if c.budget_minor else "",
                target=", ".join(targets),
            )
        )
    return {"goals": tuple(goals)}


def _pillars(session: Session) -> dict[int, PrintedPillar]:
    from smoplanner.store.posts import list_pillars

    used: set[str] = set()
    pillars: dict[int, PrintedPillar] = {}
    for i, p in enumerate(list_pillars(session)):
        words = [w for w in re.split(r"\W+", p.name) if w]
        candidates = [words[0][0].upper()] if words else []
        if len(words) > 1:
            candidates.append((words[0][0] + words[1][0]).upper())
        candidates += [(words[0][:2] if words else "P").capitalize(), f"P{i + 1}"]
        letter = next(c for c in candidates if c not in used)
        used.add(letter)
        pillars[p.id] = PrintedPillar(p.name, p.color, letter, i)
    return pillars


def build_posts(session: Session, context: ReportContext) -> dict[str, Any]:
    """The month's posts in time order with everything the post list prints."""
    from smoplanner.store.posts import posts_between

    names = _display_names(session)
    pillars = _pillars(session)
    tz = context.tz
    posts = []
    for row in sorted(posts_between(session, *context.utc_span()), key=lambda r: (r.scheduled_at, r.id)):
        posts.append(
            PrintedPost(
                title=row.title,
                text=row.text,
                when=row.scheduled_at.astimezone(tz) if row.scheduled_at else None,
                platforms=tuple(names.get(code, code) for code in row.platforms),
                status=row.status,
                pillar=pillars.get(row.pillar_id) if row.pillar_id is not None else None,
                campaign=row.campaign,
                link=row.link,
                hashtags=tuple(dict.fromkeys(HASHTAG.findall(row.text))),
                variants=tuple((names.get(code, code), text) for code, text in row.variants if text.strip()),
                boosted=row.boosted,
                boost=_money(row.boost_minor, context.settings.currency) if row.boosted else "",
                media_notes=row.media_notes,
            )
        )
    return {"posts": tuple(posts), "pillars": tuple(pillars.values())}


def build_profiles(session: Session, context: ReportContext) -> dict[str, Any]:
    """Each profile's checklist: its score and, for every check it fails, what to fix."""
    from smoplanner.store.profiles import evaluate_all

    names = _display_names(session)
    today = min(date.today(), context.month.last_day)
    evaluation = evaluate_all(session, today)
    profiles = tuple(
        PrintedProfile(
            platform=names.get(p.platform, p.name or p.platform),
            score=p.score,
            to_fix=tuple(CheckLine(r.label, r.message) for r in p.results if r.status == "fail"),
            passed=sum(1 for r in p.results if r.status == "ok"),
            checks=sum(1 for r in p.results if r.status != "na"),
        )
        for p in evaluation.profiles
    )
    return {"profiles": profiles, "profiles_score": evaluation.overall}


KIND_NAMES = {
    "comment": "Comments",
    "message": "Messages",
    "mention": "Mentions",
    "review": "Reviews",
    "question": "Questions",
}


def _duration(minutes: int) -> str:
    if minutes % (60 * 24) == 0:
        days = minutes // (60 * 24)
        return f"{days} day{'s' if days != 1 else ''}"
    if minutes % 60 == 0:
        hours = minutes // 60
        return f"{hours} hour{'s' if hours != 1 else ''}"
    return f"{minutes} min"


def build_engagement(session: Session, context: ReportContext) -> dict[str, Any]:
    """Last month's response figures (the month before the plan's) and the response-time targets."""
    from smoplanner.store.engagement import get_targets

    previous = context.month.previous()
    section = build_engagement_section(session, ReportContext(previous, context.settings))
    names = _display_names(session)
    targets = []
    for (platform, kind), minutes in sorted(get_targets(session).items()):
        where = names.get(platform, platform) if platform else "every platform"
        targets.append(
            (f"{KIND_NAMES.get(kind, kind.capitalize())} on {where}", f"answered within {_duration(minutes)}")
        )
    return {"engagement": section, "engagement_month": previous, "engagement_targets": tuple(targets)}


def build_budget(session: Session, context: ReportContext) -> dict[str, Any]:
    """The month's split with plan vs actual, its campaigns and its influencers."""
    from smoplanner.store.budget import campaign_statuses
    from smoplanner.store.budget.campaigns import list_campaigns, list_influencers

    code = context.settings.currency
    month = context.month
    names = _display_names(session)
    running = {c.name for c in list_campaigns(session) if _overlaps(c.start, c.end, month)}
    objectives = {c.name: c.objective for c in list_campaigns(session)}
    campaigns = tuple(
        PrintedCampaign(
            name=s.name,
            objective=objectives.get(s.name, "").replace("_", " ").capitalize(),
            planned=_money(s.compared.planned_minor, code),
            spent=_money(s.spent_minor, code),
            results=s.results,
            target_results=s.target_results,
        )
        for s in campaign_statuses(session)
        if s.name in running
    )
    influencers = tuple(
        PrintedInfluencer(
            i.name, names.get(i.platform, i.platform), i.status, _money(i.fee_minor, code), i.deliverables
        )
        for i in list_influencers(session)
        if i.day is not None and Month.of(i.day) == month
    )
    return {
        "budget": build_budget_section(session, context),
        "paid": build_paid_section(session, context),
        "campaigns": campaigns,
        "influencers": influencers,
    }


# --- results ------------------------------------------------------------------------------------------

#: The chart of the printed month: reach, organic and paid, day by day.
RESULTS_METRIC = "reach"
RESULTS_GRANULARITY = "day"
#: How many of the month's best posts "what worked" names.
TOP_POSTS = 3
DAY_NAMES = {
    "Mon": "Monday",
    "Tue": "Tuesday",
    "Wed": "Wednesday",
    "Thu": "Thursday",
    "Fri": "Friday",
    "Sat": "Saturday",
    "Sun": "Sunday",
}


def kpi_value_text(kind: str, key: str, value: object, code: str) -> str:
    """A KPI's value as printed: "–" when its denominator is zero (or nothing was counted)."""
    from decimal import Decimal

    from smoplanner.core.money import currency, format_amount

    if value is None:
        return "–"
    if kind in ("rate", "percent"):
        return f"{Decimal(str(value)) * 100:.1f} %"
    if kind == "money":
        return f"{format_amount(Decimal(str(value)), currency(code))} {code}"
    if kind == "ratio":
        return f"{Decimal(str(value)):.2f}"
    return f"{value:+,}" if key == "follower_growth" else f"{value:,}"


def change_text(moved: object) -> str:
    """The change from the previous month ("+12 %"); "–" when last month's figure is zero or unknown."""
    from decimal import Decimal

    if moved is None:
        return "–"
    percent = (Decimal(str(moved)) * 100).quantize(Decimal(1))
    return "0 %" if not percent else f"{percent:+} %"


def _rate(rate: object) -> str:
    from decimal import Decimal

    return "–" if rate is None else f"{Decimal(str(rate)) * 100:.1f} %"


def _posts(n: int) -> str:
    return f"{n} post{'' if n == 1 else 's'}"


def _best_group(topic: str, groups: Any, name: Callable[[str], str]) -> WorkedLine | None:
    """The best-engaging group (the first with a known rate: engagement_by ranks them), with its posts."""
    from smoplanner.core.results import THIN_SAMPLE

    rated = [g for g in groups if g.rate is not None]
    if not rated:
        return None
    best = rated[0]
    text = f"{name(best.key)}: {_rate(best.rate)} engagement rate over {_posts(best.posts)}"
    if best.thin:
        text += f" (thin sample: fewer than {THIN_SAMPLE} posts)"
    return WorkedLine(topic, text, best.thin)


def build_results(session: Session, context: ReportContext) -> dict[str, Any]:
    """The month's results chart data, its KPIs against the previous month, and what worked."""
    from smoplanner.report.results import load_results_source, results_data, what_worked
    from smoplanner.store.posts import get_post

    month = context.month
    previous = month.previous()
    source = load_results_source(session)
    first, last = month.first_day, month.last_day
    has_results = any(first <= d.day <= last for d in source.organic) or any(
        first <= p.day <= last for p in source.paid
    )
    if not has_results:
        return {"results": PrintedResults(None, previous)}
    data = results_data(source, first, last, granularity=RESULTS_GRANULARITY, metric=RESULTS_METRIC)
    code = context.settings.currency
    kpis = tuple(
        PrintedKpi(
            k.key,
            k.label,
            k.group,
            kpi_value_text(k.kind, k.key, k.value, code),
            kpi_value_text(k.kind, k.key, k.previous, code),
            change_text(k.change),
            k.formula,
        )
        for k in data.kpis
    )
    tz = context.tz
    names = _display_names(session)
    worked = what_worked(session, tz, *context.utc_span())
    lines: list[WorkedLine] = []
    for post in worked.top_posts[:TOP_POSTS]:
        title = ""
        if post.post_id is not None:
            try:
                title = get_post(session, post.post_id).title
            except LookupError:
                title = ""
        if not title:
            words = " ".join(post.text.split())
            title = (words[:60] + "…") if len(words) > 60 else (words or "A post with no text")
        when = post.published_at.astimezone(tz)
        lines.append(
            WorkedLine(
                "Top post",
                f"{title} ({names.get(post.platform, post.platform)}, {when:%a %-d %b %H:%M}): "
                f"{_rate(post.engagement_rate)} engagement rate, {post.engagements:,} engagements "
                f"of {post.audience:,} reached",
            )
        )

    def same(key: str) -> str:
        return key

    topics: tuple[tuple[str, Any, Callable[[str], str]], ...] = (
        ("Best weekday", worked.by_weekday, lambda key: DAY_NAMES.get(key, key)),
        ("Best hour", worked.by_hour, same),
        ("Best pillar", worked.by_pillar, same),
        ("Best platform", worked.by_platform, lambda key: names.get(key, key)),
    )
    for topic, groups, name in topics:
        line = _best_group(topic, groups, name)
        if line is not None:
            lines.append(line)
    return {"results": PrintedResults(data, previous, kpis, tuple(lines))}
