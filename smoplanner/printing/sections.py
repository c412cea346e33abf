"""The painters of the printed plan's sections: each lays its part of a MonthPlan out on the Pager.

A painter is ``paint_<key>(pager, plan)``, named in ``smoplanner.report.month_plan.PLAN_SECTIONS``.
Everything must read in black and white: a pillar is a letter and a hatching as well as a colour.
"""

from __future__ import annotations

import calendar
from datetime import date
from functools import partial

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen

from smoplanner.printing.layout import Pager, _text_op, add_figure
from smoplanner.report.month_plan import MonthPlan, PrintedKpi, PrintedPillar, PrintedPost

GREY = QColor("#555555")

#: The hatchings that tell the pillars apart without colour, in the pillars' order.
PATTERNS = (
    Qt.BrushStyle.BDiagPattern,
    Qt.BrushStyle.HorPattern,
    Qt.BrushStyle.CrossPattern,
    Qt.BrushStyle.VerPattern,
    Qt.BrushStyle.FDiagPattern,
    Qt.BrushStyle.DiagCrossPattern,
    Qt.BrushStyle.Dense5Pattern,
    Qt.BrushStyle.NoBrush,
)

#: Short platform names for the calendar's narrow cells.
SHORT = {
    "Facebook": "FB",
    "Instagram": "IG",
    "X": "X",
    "LinkedIn": "LI",
    "TikTok": "TT",
    "YouTube": "YT",
    "Pinterest": "Pin",
    "Threads": "Th",
    "Bluesky": "Bsky",
    "Google Business Profile": "GBP",
}


def _short(name: str) -> str:
    return SHORT.get(name, name[:4])


def _status(status: str) -> str:
    return status.replace("_", " ").capitalize()


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f} %"


def _minutes(value: float | None) -> str:
    if value is None:
        return "–"
    if value < 90:
        return f"{value:.0f} min"
    if value < 60 * 48:
        return f"{value / 60:.1f} h"
    return f"{value / 60 / 24:.1f} days"


def _swatch(pager: Pager, pillar: PrintedPillar, x: float, y: float, size: float) -> None:
    """The pillar's colour with its hatching, framed (so a pale colour still shows on white paper)."""
    rect = QRectF(x, y, size, size)
    color = QColor(pillar.color)
    pattern = PATTERNS[pillar.pattern % len(PATTERNS)]
    pen = QPen(QColor("#222222"), 0.5 * pager.pt)

    def draw(p: QPainter) -> None:
        p.fillRect(rect, color)
        if pattern != Qt.BrushStyle.NoBrush:
            brush = QBrush(QColor("#000000"), pattern)
            p.setBrushOrigin(rect.topLeft())
            p.fillRect(rect, brush)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(rect)

    pager.add(draw)


def _tick_box(pager: Pager, x: float, y: float, size: float) -> None:
    rect = QRectF(x, y, size, size)
    pen = QPen(QColor("#222222"), 0.8 * pager.pt)
    pager.add(lambda p: (p.setPen(pen), p.setBrush(Qt.BrushStyle.NoBrush), p.drawRect(rect)))


def _legend(pager: Pager, pillars: tuple[PrintedPillar, ...]) -> None:
    if not pillars:
        return
    font = pager.font(8.5)
    bold = pager.font(8.5, bold=True)
    metrics = pager.metrics(font)
    step = metrics.lineSpacing()
    size = step * 0.85
    x = 0.0
    pager.ensure(step)
    pager.add(_text_op(QRectF(0, pager.y, pager.width, step), "Pillars:", font, GREY))
    x = metrics.horizontalAdvance("Pillars: ") + 4 * pager.pt
    for pillar in pillars:
        label = f"{pillar.name}"
        width = (
            size
            + 4 * pager.pt
            + pager.metrics(bold).horizontalAdvance(pillar.letter + " ")
            + metrics.horizontalAdvance(label)
        )
        if x + width > pager.width:
            pager.y += step
            pager.ensure(step)
            x = 0.0
        _swatch(pager, pillar, x, pager.y + (step - size) / 2, size)
        x += size + 3 * pager.pt
        letter_w = pager.metrics(bold).horizontalAdvance(pillar.letter + " ")
        pager.add(_text_op(QRectF(x, pager.y, letter_w + 2, step), pillar.letter, bold, None))
        pager.add(_text_op(QRectF(x + letter_w, pager.y, width, step), label, font, None))
        x += width - size + 12 * pager.pt
    pager.y += step


# --- cover ------------------------------------------------------------------------------------------


def paint_cover(pager: Pager, plan: MonthPlan) -> None:
    pager.new_page()
    pager.skip(60)
    pager.text(plan.business_name, pager.font(28, bold=True))
    pager.skip(6)
    pager.text(f"Monthly plan for {plan.month.label()}", pager.font(17))
    pager.skip(10)
    by = f" by {plan.prepared_by}" if plan.prepared_by else ""
    pager.text(f"Prepared on {plan.prepared_on.strftime('%-d %B %Y')}{by}", pager.font(10), color=GREY)
    pager.skip(30)
    pager.heading("This month's goals", 13)
    if plan.goals:
        pager.table(
            ("Campaign", "Objective", "Runs", "Budget", "Target"),
            [(g.name, g.objective, g.dates or "–", g.budget or "–", g.target or "–") for g in plan.goals],
            (3, 2, 2.4, 2, 3.2),
            size=9.5,
        )
    else:
        pager.text("No campaign runs this month, so no goals are set yet.", pager.font(10), color=GREY)
    pager.skip(20)
    pager.heading("At a glance", 13)
    rows: list[tuple[str, str]] = []
    if plan.posts is not None:
        counts: dict[str, int] = {}
        for post in plan.posts:
            counts[post.status] = counts.get(post.status, 0) + 1
        detail = ", ".join(f"{n} {_status(s).lower()}" for s, n in counts.items())
        rows.append(("Posts planned", f"{len(plan.posts)}" + (f" ({detail})" if detail else "")))
    if plan.budget is not None:
        rows.append(("Budget", f"{plan.money(plan.budget.total_minor)} (spent {plan.money(plan.budget.spent_minor)})"))
    if plan.profiles is not None:
        rows.append(("Profiles checklist", f"{plan.profiles_score * 100:.0f} % done"))
    if plan.engagement is not None and plan.engagement_month is not None:
        rows.append((f"Answered in {plan.engagement_month.label()}", _percent(_float(plan.engagement.response_rate))))
    if rows:
        pager.table(("Figure", plan.month.label()), rows, (1, 2), size=10)
    pager.skip(20)
    from smoplanner.report.month_plan import PLAN_SECTIONS

    titles = [s.title for s in PLAN_SECTIONS if s.key != "cover" and s.key in plan.sections]
    if titles:
        pager.text("In this plan: " + ", ".join(titles) + ".", pager.font(9.5), color=GREY)


def _float(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


# --- calendar ---------------------------------------------------------------------------------------


def paint_calendar(pager: Pager, plan: MonthPlan) -> None:
    posts = plan.posts or ()
    pager.new_page(landscape=True)
    pager.heading(f"Calendar: {plan.month.label()}", 14)
    _legend(pager, plan.pillars)
    pager.skip(4)
    by_day: dict[date, list[PrintedPost]] = {}
    for post in posts:
        if post.when is not None:
            by_day.setdefault(post.when.date(), []).append(post)
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(plan.month.year, plan.month.month)
    head = pager.font(8.5, bold=True)
    head_h = pager.metrics(head).lineSpacing() * 1.4
    col = pager.width / 7
    top = pager.y
    grid_h = pager.bottom - top - head_h
    row_h = grid_h / len(weeks)
    for i, name in enumerate(("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")):
        pager.add(_text_op(QRectF(i * col, top, col, head_h), name, head, None, Qt.AlignmentFlag.AlignHCenter))
    small = pager.font(6.8)
    small_bold = pager.font(6.8, bold=True)
    day_font = pager.font(9, bold=True)
    step = pager.metrics(small).lineSpacing()
    pad = 2.5 * pager.pt
    frame = QPen(QColor("#7a7a7a"), 0.5 * pager.pt)
    for r, week in enumerate(weeks):
        for c, day in enumerate(week):
            x, y = c * col, top + head_h + r * row_h
            cell = QRectF(x, y, col, row_h)
            outside = day.month != plan.month.month
            shade = QColor("#eeeeee") if outside else None
            pager.add(partial(_cell, rect=cell, shade=shade, frame=frame))
            pager.add(
                _text_op(
                    QRectF(x + pad, y + pad, col - 2 * pad, step * 1.4),
                    str(day.day),
                    day_font,
                    QColor("#888888") if outside else None,
                )
            )
            if outside:
                continue
            _day_posts(
                pager,
                by_day.get(day, []),
                x + pad,
                y + pad + step * 1.5,
                col - 2 * pad,
                y + row_h - pad,
                small,
                small_bold,
                step,
            )
    pager.y = pager.bottom


def _cell(p: QPainter, rect: QRectF, shade: QColor | None, frame: QPen) -> None:
    if shade is not None:
        p.fillRect(rect, shade)
    p.setPen(frame)
    p.drawRect(rect)


def _rule(p: QPainter, y: float, width: float, pen: QPen) -> None:
    p.setPen(pen)
    p.drawLine(QPointF(0, y), QPointF(width, y))


def _day_posts(
    pager: Pager,
    posts: list[PrintedPost],
    x: float,
    y: float,
    width: float,
    bottom: float,
    font: QFont,
    bold: QFont,
    step: float,
) -> None:
    """The day's posts, each whole (time, platforms, pillar, title); what does not fit is "+N, see list"."""
    size = step * 0.8
    blocks = []
    for post in posts:
        head = f"{post.when:%H:%M} {' '.join(_short(p) for p in post.platforms)}" if post.when else ""
        marker = (
            size + 1.5 * pager.pt + pager.metrics(bold).horizontalAdvance(post.pillar.letter + " ")
            if post.pillar
            else 0
        )
        heads = pager.wrap(head, bold, width - marker) or [""]
        title = heads[1:] + pager.wrap(post.title, font, width)  # a long list of platforms wraps too
        blocks.append((post, heads[0], title))
    room = int((bottom - y) // step)
    shown = 0
    used = 0
    for index, (_post, _head, title) in enumerate(blocks):
        need = 1 + len(title)
        rest = len(blocks) - index - 1
        if used + need + (1 if rest else 0) > room:
            break
        used += need
        shown += 1
    for post, head, title in blocks[:shown]:
        left = x
        if post.pillar is not None:
            _swatch(pager, post.pillar, x, y + (step - size) / 2, size)
            pager.add(_text_op(QRectF(x + size + 1.5 * pager.pt, y, width, step), post.pillar.letter, bold, None))
            left = x + size + 1.5 * pager.pt + pager.metrics(bold).horizontalAdvance(post.pillar.letter + " ")
        pager.add(_text_op(QRectF(left, y, x + width - left, step), head, bold, None))
        y += step
        for line in title:
            pager.add(_text_op(QRectF(x, y, width + 1, step), line, font, None))
            y += step
    if shown < len(blocks):
        more = f"+{len(blocks) - shown}, see list"
        pager.add(_text_op(QRectF(x, y, width, step), more, pager.font(6.8, italic=True), GREY))


# --- posts -----------------------------------------------------------------------------------------


def paint_posts(pager: Pager, plan: MonthPlan) -> None:
    posts = plan.posts or ()
    pager.new_page()
    pager.heading(f"Posts: {plan.month.label()} ({len(posts)})")
    if not posts:
        pager.text(f"No posts planned yet for {plan.month.label()}.", pager.font(10), color=GREY)
        return
    title_font = pager.font(10.5, bold=True)
    meta = pager.font(8.5)
    body = pager.font(9.5)
    label = pager.font(8.5, bold=True)
    box = 9 * pager.pt
    indent = box + 7 * pager.pt
    step = pager.metrics(title_font).lineSpacing()
    for post in posts:
        pager.ensure(step * 4)
        _tick_box(pager, 0, pager.y + (step - box) / 2, box)
        when = f"{post.when:%a %-d %b, %H:%M}" if post.when else "No date"
        pager.text(f"{when}   {post.title}", title_font, indent=indent)
        parts = [", ".join(post.platforms) or "No platform", _status(post.status)]
        if post.pillar is not None:
            parts.append(f"Pillar {post.pillar.letter}: {post.pillar.name}")
        if post.campaign:
            parts.append(f"Campaign: {post.campaign}")
        if post.boosted:
            parts.append(f"Boosted with {post.boost}")
        if post.pillar is not None:
            size = pager.metrics(meta).lineSpacing() * 0.8
            _swatch(pager, post.pillar, indent, pager.y + pager.metrics(meta).lineSpacing() * 0.1, size)
            pager.text(" · ".join(parts), meta, indent=indent + size + 4 * pager.pt, color=GREY)
        else:
            pager.text(" · ".join(parts), meta, indent=indent, color=GREY)
        pager.skip(3)
        pager.text(post.text or "(no text yet)", body, indent=indent)
        for platform, text in post.variants:
            pager.skip(3)
            pager.text(f"{platform}'s own text:", label, indent=indent, keep=2)
            pager.text(text, body, indent=indent)
        details = []
        if post.hashtags:
            details.append(f"Hashtags: {' '.join(post.hashtags)}")
        if post.link:
            details.append(f"Link: {post.link}")
        if post.media_notes:
            details.append(f"Media: {post.media_notes}")
        for detail in details:
            pager.text(detail, meta, indent=indent, color=GREY)
        pager.skip(6)
        pager.line(QColor("#cccccc"))
        pager.skip(6)


# --- profiles --------------------------------------------------------------------------------------


def paint_profiles(pager: Pager, plan: MonthPlan) -> None:
    pager.new_page()
    pager.heading("Profiles")
    profiles = plan.profiles or ()
    if not profiles:
        pager.text(
            "No profiles yet: add them in the Profiles tab to see their checklist here.", pager.font(10), color=GREY
        )
        return
    pager.text(f"The checklist is {plan.profiles_score * 100:.0f} % done over every profile.", pager.font(10))
    pager.skip(8)
    rows = [
        (
            p.platform,
            f"{p.score * 100:.0f} %",
            f"{p.passed} of {p.checks}",
            "\n".join(f"• {c.label}: {c.message}" for c in p.to_fix) or "Nothing: all checks pass",
        )
        for p in profiles
    ]
    pager.table(("Platform", "Score", "Checks passed", "What to fix"), rows, (1.6, 0.9, 1.2, 6.3), align_right=(1,))


# --- engagement ------------------------------------------------------------------------------------


def paint_engagement(pager: Pager, plan: MonthPlan) -> None:
    pager.new_page()
    pager.heading("Engagement")
    figures = plan.engagement
    month = plan.engagement_month.label() if plan.engagement_month else "last month"
    if figures is None or not figures.received:
        pager.text(f"Nothing came in to answer in {month}.", pager.font(10), color=GREY)
    else:
        pager.text(f"{month}: what came in and how quickly it was answered.", pager.font(10))
        pager.skip(6)
        rows = [
            ("Received", str(figures.received)),
            ("Answered", str(figures.answered)),
            ("Response rate", _percent(_float(figures.response_rate))),
            ("Answered within its target", _percent(_float(figures.within_target))),
            ("Median time to answer (business hours)", _minutes(figures.median_response_minutes)),
            ("9 in 10 answered within", _minutes(figures.p90_response_minutes)),
            ("Still waiting past the target", str(figures.overdue)),
        ]
        pager.table(("Figure", month), rows, (3, 1.4), align_right=(1,))
    if plan.engagement_targets:
        pager.skip(16)
        pager.text("Response-time targets", pager.font(11, bold=True), keep=3)
        pager.skip(4)
        pager.table(("What", "Target"), list(plan.engagement_targets), (3, 2))


# --- budget ----------------------------------------------------------------------------------------


def _tactic(text: str) -> str:
    return text.replace("_", " ").capitalize()


def paint_budget(pager: Pager, plan: MonthPlan) -> None:
    pager.new_page()
    pager.heading(f"Budget: {plan.month.label()}")
    budget = plan.budget
    if budget is None or (not budget.total_minor and not budget.lines and not budget.spent_minor):
        pager.text(f"No budget set for {plan.month.label()} yet.", pager.font(10), color=GREY)
        return
    m = plan.money
    pager.table(
        ("Total", "Allocated", "Spent", "Remaining"),
        [(m(budget.total_minor), m(budget.allocated_minor), m(budget.spent_minor), m(budget.remaining_minor))],
        (1, 1, 1, 1),
        size=10,
        align_right=(0, 1, 2, 3),
    )
    pager.skip(14)
    pager.text("The split: plan against actual", pager.font(11, bold=True), keep=3)
    pager.skip(4)
    if budget.lines:
        rows = [
            (
                _tactic(line.tactic),
                line.platform.replace("_", " ").title() if line.platform else "Every platform",
                line.campaign or "–",
                m(line.planned_minor),
                m(line.spent_minor),
                m(line.planned_minor - line.spent_minor),
            )
            for line in budget.lines
        ]
        rows.append(
            (
                "Total",
                "",
                "",
                m(budget.allocated_minor),
                m(sum(x.spent_minor for x in budget.lines)),
                m(budget.allocated_minor - sum(x.spent_minor for x in budget.lines)),
            )
        )
        pager.table(
            ("Tactic", "Platform", "Campaign", "Planned", "Spent", "Left"),
            rows,
            (2, 1.7, 1.7, 1.3, 1.3, 1.3),
            align_right=(3, 4, 5),
            bold_rows=(len(rows) - 1,),
        )
    else:
        pager.text("The month's total is not split into lines yet.", pager.font(10), color=GREY)
    if plan.campaigns:
        pager.skip(14)
        pager.text("Campaigns", pager.font(11, bold=True), keep=3)
        pager.skip(4)
        pager.table(
            ("Campaign", "Objective", "Planned", "Spent", "Results"),
            [
                (
                    c.name,
                    c.objective or "–",
                    c.planned,
                    c.spent,
                    f"{c.results:,}" + (f" of {c.target_results:,}" if c.target_results else ""),
                )
                for c in plan.campaigns
            ],
            (2.2, 1.5, 1.3, 1.3, 1.3),
            align_right=(2, 3, 4),
        )
    if plan.influencers:
        pager.skip(14)
        pager.text("Influencers", pager.font(11, bold=True), keep=3)
        pager.skip(4)
        pager.table(
            ("Name", "Platform", "Status", "Fee", "Deliverables"),
            [(i.name, i.platform or "–", _tactic(i.status), i.fee, i.deliverables or "–") for i in plan.influencers],
            (1.8, 1.2, 1, 1.2, 3.4),
            align_right=(3,),
        )
    paid = plan.paid
    if paid is not None and (paid.spend_minor or paid.impressions):
        figures = paid.to_json()
        pager.skip(14)
        pager.text("What the ads did", pager.font(11, bold=True), keep=3)
        pager.skip(4)
        roas = paid.roas
        pager.table(
            ("Spend", "Impressions", "Clicks", "Conversions", "Revenue", "Cost per click", "ROAS"),
            [
                (
                    m(paid.spend_minor),
                    f"{paid.impressions:,}",
                    f"{paid.clicks:,}",
                    f"{paid.conversions:,}",
                    m(paid.revenue_minor),
                    f"{figures['cpc']} {plan.currency}" if figures["cpc"] else "–",
                    f"{roas:.2f}" if roas is not None else "–",
                )
            ],
            (1.2, 1.1, 0.9, 1.1, 1.2, 1.2, 0.7),
            align_right=tuple(range(7)),
        )


# --- results ---------------------------------------------------------------------------------------

#: The chart's height on the page, in points (the width is the page's).
RESULTS_CHART_PT = 210.0
KPI_GROUPS = (("organic", "Organic"), ("goal", "Goals: traffic, leads and ads (organic + paid)"))


def paint_results(pager: Pager, plan: MonthPlan) -> None:
    """The month's organic + paid chart (the Results tab's own chart function), the KPIs against the
    previous month, and what worked; a month with no results says how to bring them in."""
    pager.new_page()
    label = plan.month.label()
    pager.heading(f"Results: {label}")
    results = plan.results
    if results is None or results.data is None:
        pager.text(f"No results for {label} yet.", pager.font(10), color=GREY)
        pager.skip(4)
        pager.text(
            "Import the platforms' exports in the window with File ▸ Import Results…, or on the command line with "
            "smoplanner import PLAN FILE --kind metrics; the chart, the KPIs and what worked then print here.",
            pager.font(9.5),
            color=GREY,
        )
        return
    from matplotlib.figure import Figure

    from smoplanner.report.results_chart import LIGHT, build_results_figure

    data = results.data
    before = results.previous_month.label()
    pager.text(
        f"{data.metric_label} day by day, organic and paid, with the ad spend; campaign periods are shaded.",
        pager.font(9.5),
        color=GREY,
    )
    pager.skip(4)
    inches = pager.width / pager.pt / 72
    figure = Figure(figsize=(inches, RESULTS_CHART_PT / 72))
    build_results_figure(figure, data, palette=LIGHT)
    add_figure(pager, figure, RESULTS_CHART_PT)
    for group, title in KPI_GROUPS:
        kpis = [k for k in results.kpis if k.group == group]
        if not kpis:
            continue
        pager.skip(12)
        pager.text(title, pager.font(11, bold=True), keep=3)
        pager.skip(4)
        pager.table(("KPI", label, before, "Change"), [_kpi_row(k) for k in kpis], (3.2, 1.6, 1.6, 1.1), size=8.5,
                    align_right=(1, 2, 3))  # fmt: skip
    pager.skip(4)
    pager.text(
        f"Change: against {before}; “–” where {before} has nothing to compare with (a zero or a missing figure).",
        pager.font(8),
        color=GREY,
    )
    pager.skip(12)
    pager.text("What worked", pager.font(11, bold=True), keep=3)
    pager.skip(4)
    if not results.worked:
        pager.text(
            f"No post-level results for the posts of {label} yet: import a post export to see what worked.",
            pager.font(9.5),
            color=GREY,
        )
        return
    topic_font = pager.font(9.5, bold=True)
    body = pager.font(9.5)
    topic_w = max(pager.metrics(topic_font).horizontalAdvance(w.topic + "  ") for w in results.worked)
    step = pager.metrics(body).lineSpacing()
    for line in results.worked:
        pager.ensure(step)
        pager.add(_text_op(QRectF(0, pager.y, topic_w, step), line.topic, topic_font, None))
        pager.text(line.text, pager.font(9.5, italic=line.thin), indent=topic_w, color=GREY if line.thin else None)
        pager.skip(2)


def _kpi_row(kpi: PrintedKpi) -> tuple[str, str, str, str]:
    return (kpi.label, kpi.value, kpi.previous, kpi.change)


# --- notes ------------------------------------------------------------------------------------------


def paint_notes(pager: Pager, plan: MonthPlan) -> None:
    pager.new_page()
    pager.heading("Notes for the meeting")
    font = pager.font(9.5)
    for prompt in ("Present:", "Decisions:", "Next steps (who, by when):"):
        pager.text(prompt, font, color=GREY)
        pager.skip(18)
    pen = QPen(QColor("#b5b5b5"), 0.5 * pager.pt)
    gap = 24 * pager.pt
    width = pager.width
    while pager.y + gap <= pager.bottom:
        pager.y += gap
        y = pager.y
        pager.add(partial(_rule, y=y, width=width, pen=pen))
