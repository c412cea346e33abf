"""How a calendar post did: its imported post-level results, as the editor, the list and the chips show them.

The figures come from the platforms' post-level exports, matched to the calendar's posts on import
(``smoplanner.store.results``). The engagement rate is core's: engagements over reach, or over impressions
where a platform gives no reach (X); a zero denominator shows "–".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QGroupBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from smoplanner.core.locale_format import PlanLocale
from smoplanner.core.results import PostResult, ratio
from smoplanner.ui.calendar.common import CalendarContext, utc_now

#: Each calendar post's results, one per platform, by post id (what ``store.results.results_by_post`` reads).
ResultsByPost = Mapping[int, Sequence[PostResult]]
NO_RATE = "–"
#: The editor shows this many platforms' figures whole; a post on more may scroll them sideways, in a box
#: no narrower than ``MIN_WIDTH``.
WHOLE_PLATFORMS = 3
MIN_WIDTH = 420
NO_RESULTS_HINT = (
    "No results imported for this post yet. Import the platform's post export (File ▸ Import Results…) "
    "to see how it did."
)


@dataclass(frozen=True, slots=True)
class ResultTotals:
    """A post's results over all its platforms; ``rate`` is None when nothing reached anyone."""

    impressions: int
    reach: int
    engagements: int
    clicks: int
    audience: int  # each platform's reach, or its impressions where it gives no reach

    @property
    def rate(self) -> Decimal | None:
        return ratio(self.engagements, self.audience)


def totals(results: Sequence[PostResult]) -> ResultTotals:
    return ResultTotals(
        impressions=sum(r.impressions for r in results),
        reach=sum(r.reach for r in results),
        engagements=sum(r.engagements for r in results),
        clicks=sum(r.clicks for r in results),
        audience=sum(r.audience for r in results),
    )


def rate_text(rate: Decimal | None, fmt: PlanLocale) -> str:
    """An engagement rate as a percentage with one decimal ("4,1 %" in German), "–" without a denominator."""
    return NO_RATE if rate is None else fmt.percent(rate * 100, 1)


def summary_line(fmt: PlanLocale, results: Sequence[PostResult]) -> str:
    """One line for a chip's tooltip: "1.234 impressions · 4,1 % engagement" (empty without results)."""
    if not results:
        return ""
    t = totals(results)
    return f"{fmt.number(t.impressions)} impressions · {rate_text(t.rate, fmt)} engagement"


#: The figures the editor lists, each with how it is read from a result.
FIGURES: tuple[tuple[str, str], ...] = (
    ("Impressions", "impressions"),
    ("Reach", "reach"),
    ("Engagements", "engagements"),
    ("Clicks", "clicks"),
)


class HowItDidBox(QGroupBox):
    """The editor's read-only "How it did": for each platform the post's results were imported for, when it
    went out (the plan's zone and locale) and its figures; a figure per row, a platform per column.

    A post without results that has gone out (or whose time has passed) shows a short hint; a future post
    or an idea shows nothing (the box is hidden).
    """

    def __init__(
        self,
        ctx: CalendarContext,
        results: Sequence[PostResult],
        scheduled_at: datetime | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("How it did", parent)
        self.setObjectName("HowItDid")
        self.ctx = ctx
        self.results = tuple(sorted(results, key=lambda r: (ctx.platform_name(r.platform).casefold(), r.platform)))
        #: The text of each cell, by (row name, platform code): what a reader (and a test) sees.
        self.cells: dict[tuple[str, str], str] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 6)
        self.hint = QLabel(NO_RESULTS_HINT)
        self.hint.setWordWrap(True)
        self.hint.setEnabled(False)  # the palette's quieter text
        layout.addWidget(self.hint)
        if self.results:
            self.hint.hide()
            # A post on many platforms scrolls sideways here rather than widening the editor past the screen.
            figures = QWidget()
            figures.setLayout(self._grid())
            figures.setAutoFillBackground(False)
            self.figures_area = QScrollArea()
            self.figures_area.setWidget(figures)
            self.figures_area.setWidgetResizable(True)
            self.figures_area.setFrameShape(QFrame.Shape.NoFrame)
            self.figures_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.figures_area.viewport().setAutoFillBackground(False)
            # Up to three platforms are shown whole (the details column makes room); more may scroll.
            hint = figures.sizeHint()
            many = len(self.results) > WHOLE_PLATFORMS and hint.width() > MIN_WIDTH
            bar = self.figures_area.horizontalScrollBar().sizeHint().height() if many else 0
            self.figures_area.setFixedHeight(hint.height() + bar)
            self.figures_area.setMinimumWidth(MIN_WIDTH if many else hint.width())
            layout.addWidget(self.figures_area)
        past = scheduled_at is not None and scheduled_at <= utc_now()
        self.setVisible(bool(self.results) or past)
        self.setAccessibleName("How it did")

    def _grid(self) -> QGridLayout:
        fmt = self.ctx.fmt
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(2)
        rows: list[tuple[str, str]] = [("Published", "published")]
        rows += list(FIGURES)
        rows.append(("Engagement rate", "rate"))
        for n, (label, _key) in enumerate(rows, start=1):
            grid.addWidget(QLabel(f"{label}:"), n, 0)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for col, result in enumerate(self.results, start=1):
            name = self.ctx.platform_name(result.platform)
            head = QLabel(name)
            head.setStyleSheet("font-weight: 600;")
            head.setAlignment(right)
            grid.addWidget(head, 0, col)
            for n, (label, key) in enumerate(rows, start=1):
                if key == "published":
                    text = fmt.when(self.ctx.local(result.published_at), weekday=False)
                elif key == "rate":
                    text = rate_text(result.engagement_rate, fmt)
                else:
                    text = fmt.number(getattr(result, key))
                self.cells[(label, result.platform)] = text
                cell = QLabel(text)
                cell.setAlignment(right)
                cell.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                cell.setAccessibleName(f"{name} {label.lower()}")
                if key == "rate":
                    cell.setToolTip(
                        "Engagements ÷ reach (impressions where the platform gives no reach); "
                        "“–” when nothing reached anyone"
                    )
                grid.addWidget(cell, n, col)
        grid.setColumnStretch(0, 1)
        return grid
