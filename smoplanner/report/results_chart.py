"""The organic + paid chart, drawn onto a matplotlib Figure it is given (the Results tab and the printout).

No Qt and no pyplot: the caller owns the Figure (a Qt canvas's, or one saved to PDF). Organic and paid
are stacked bars in different colours *and* hatching, so the chart reads in black and white; spend is
a line on a second axis; each campaign's period is shaded and labelled. Importing this module imports
matplotlib, so only import it when a chart is first needed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import matplotlib.dates as mdates
from matplotlib.ticker import Formatter

from smoplanner.core.locale_format import PlanLocale

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from smoplanner.report.results import ResultsData

__all__ = ["DARK", "LIGHT", "ChartArtists", "ChartPalette", "ResultsChart", "bar_heights", "build_results_figure"]


@dataclass(frozen=True)
class ChartPalette:
    """The chart's colours; ``LIGHT`` prints well, ``DARK`` follows a dark window palette."""

    background: str
    foreground: str
    grid: str
    organic: str
    paid: str
    spend: str
    campaign: str


# Organic and paid differ in lightness as well as in hue, so they stay apart in grey (a black-and-white
# printout, a colour-blind reader) even where the bars are too thin to carry their hatching.
LIGHT = ChartPalette("#ffffff", "#1f2328", "#d0d7de", "#1f6b4a", "#e6679a", "#1f2328", "#f0b429")
DARK = ChartPalette("#1e1f22", "#e6e6e6", "#44474d", "#7fd6ae", "#d6336f", "#e6e6e6", "#d9a521")


def _lightness(color: str) -> float:
    red, green, blue = (int(color[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return (max(red, green, blue) + min(red, green, blue)) / 2


@dataclass
class ChartArtists:
    """What was drawn, so a caller can find the values under the mouse (and tests can check them)."""

    organic: Any  # a matplotlib PathPatch: one rectangle per period (``bar_heights`` reads them)
    paid: Any
    spend: Any  # Line2D, or None when nothing was spent
    axes: Any
    spend_axes: Any


def _thousands(value: float, _position: float) -> str:
    """A count on the axis with thousands separators (250,000 rather than 250000)."""
    return f"{value:,.0f}"


class LocaleNumbers(Formatter):
    """An axis's numbers as a plan's locale writes them (``250.000`` in German); decimals only when a tick
    needs them (``0,50``)."""

    def __init__(self, fmt: PlanLocale) -> None:
        self.fmt = fmt
        self.places = 0

    def format_ticks(self, values: Any) -> list[str]:
        self.places = 0 if all(float(v).is_integer() for v in values) else 2
        return [self(v) for v in values]

    def __call__(self, x: float, pos: int | None = None) -> str:
        value = Decimal(str(round(float(x), self.places)))
        return self.fmt.number(value if self.places else int(value), self.places)


class LocaleDates(Formatter):
    """The date axis's ticks in a plan's locale: month names when the ticks fall on the first of months
    (``Juni``, with the year on the first tick and on January: ``Jan. 2027``), else days (``29. Juni``),
    the first with its year."""

    def __init__(self, fmt: PlanLocale) -> None:
        self.fmt = fmt

    def format_ticks(self, values: Any) -> list[str]:
        days = [mdates.num2date(v).date() for v in values]
        fmt = self.fmt
        if days and all(d.day == 1 for d in days):
            return [
                fmt.month_abbreviated(d.year, d.month)
                if n == 0 or d.month == 1
                else fmt.month_name(d.month, "abbreviated")
                for n, d in enumerate(days)
            ]
        labels = [fmt.day(d, weekday=False, year=n == 0) for n, d in enumerate(days)]
        # A span of a day or two gets ticks within a day: its day is written once, not under every tick.
        return [
            text if n == 0 or days[n - 1] != d else "" for n, (text, d) in enumerate(zip(labels, days, strict=True))
        ]

    def __call__(self, x: float, pos: int | None = None) -> str:
        return self.fmt.day(mdates.num2date(x).date(), weekday=False)


def bar_heights(bars: Any) -> list[float]:
    """The height of each bar of a series ``ResultsChart`` drew (top less bottom of each rectangle)."""
    ys = bars.get_path().vertices[:, 1].reshape(-1, 5)
    return [float(h) for h in ys.max(axis=1) - ys.min(axis=1)]


def build_results_figure(
    figure: Figure, data: ResultsData, *, palette: ChartPalette = LIGHT, locale: str | None = None
) -> ChartArtists:
    """Draw ``data`` onto ``figure`` (cleared first) and return what was drawn.

    Readable at A4 landscape width and in black and white: organic bars are plain with diagonal hatching,
    paid bars are stacked on top with cross-hatching, spend is a dashed line with markers. With a plan
    ``locale`` (``de_DE``) the axes' numbers and dates are written as that locale writes them.
    """
    return ResultsChart(figure).update(data, palette=palette, locale=locale)


def _bars_path(centres: Sequence[float], widths: Sequence[float], bottoms: Sequence[float],
               heights: Sequence[float]) -> Any:  # fmt: skip
    """The rectangles of a series of bars as one compound path (five vertices per bar: the corners and
    the close), built in one go."""
    import numpy as np
    from matplotlib.path import Path

    c = np.asarray(centres, dtype=float)
    half = np.asarray(widths, dtype=float) / 2
    low = np.asarray(bottoms, dtype=float)
    high = low + np.asarray(heights, dtype=float)
    verts = np.empty((len(c), 5, 2))
    verts[:, 0, 0] = verts[:, 1, 0] = verts[:, 4, 0] = c - half
    verts[:, 2, 0] = verts[:, 3, 0] = c + half
    verts[:, 0, 1] = verts[:, 3, 1] = verts[:, 4, 1] = low
    verts[:, 1, 1] = verts[:, 2, 1] = high
    codes = np.tile(np.array([Path.MOVETO, Path.LINETO, Path.LINETO, Path.LINETO, Path.CLOSEPOLY],
                             dtype=Path.code_type), len(c))  # fmt: skip
    return Path(verts.reshape(-1, 2), codes)


class ResultsChart:
    """The chart on a Figure, built once and then changed in place: a change of metric, period, granularity,
    platform or palette sets the bars' polygons, the line's points, the limits and the colours again instead
    of clearing the figure, so a redraw costs little more than the drawing itself.

    Each series of bars is one ``PathPatch`` over a compound path: one artist however many bars, so three
    years of days draw as quickly as a dozen months, and its hatching is rendered once rather than once per
    bar (which took half of a redraw).
    """

    def __init__(self, figure: Figure) -> None:
        from matplotlib.patches import PathPatch

        self.figure = figure
        figure.clear()
        self.ax = ax = figure.add_subplot(1, 1, 1)
        self.spend_ax = ax.twinx()
        self.organic = PathPatch(_bars_path([], [], [], []), hatch="//", linewidth=0.4, zorder=2)
        self.paid = PathPatch(_bars_path([], [], [], []), hatch="xx", linewidth=0.4, zorder=2)
        ax.add_artist(self.organic)  # the limits are set on every update: the bars need not move them
        ax.add_artist(self.paid)
        (self.spend,) = self.spend_ax.plot([], [], linestyle="--", marker="o", linewidth=1.2, zorder=3)
        ax.grid(axis="y", linewidth=0.6, zorder=1)
        ax.set_axisbelow(True)
        # Days are written longer than months ("29. Okt."): fewer of them, so a few weeks' labels never touch.
        maxticks = {mdates.YEARLY: 10, mdates.MONTHLY: 10, mdates.DAILY: 6}
        self.locator = locator = mdates.AutoDateLocator(minticks=3, maxticks=maxticks)
        ax.xaxis.set_major_locator(locator)
        self._locale: str | None = "?"  # the locale the axes' formatters write in (None: the default)
        self._set_locale(None)
        self.note = ax.text(0.99, -0.1, "Ad results have no engagements", transform=ax.transAxes, ha="right",
                            va="top", fontsize=7)  # fmt: skip
        self.campaign_artists: list[Any] = []
        self.legend: Any = None
        self._legend_key: tuple[Any, ...] = ()
        # Fixed margins (no tight_layout on every redraw): room for "250,000" and the axis titles.
        figure.subplots_adjust(left=0.13, right=0.89, top=0.95, bottom=0.2)

    def _set_locale(self, locale: str | None) -> None:
        """The axes' tick labels in ``locale`` (None: English month abbreviations and 250,000)."""
        if locale == self._locale:
            return
        self._locale = locale
        if locale is None:
            self.ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(self.locator))
            self.ax.yaxis.set_major_formatter(_thousands)
            from matplotlib.ticker import ScalarFormatter

            self.spend_ax.yaxis.set_major_formatter(ScalarFormatter())
            return
        fmt = PlanLocale.of(locale)
        self.ax.xaxis.set_major_formatter(LocaleDates(fmt))
        self.ax.yaxis.set_major_formatter(LocaleNumbers(fmt))
        self.spend_ax.yaxis.set_major_formatter(LocaleNumbers(fmt))

    def update(self, data: ResultsData, *, palette: ChartPalette = LIGHT, locale: str | None = None) -> ChartArtists:
        """Show ``data`` in ``palette``, its axes' numbers and dates in ``locale`` (a plan locale code such as
        ``de_DE``; None keeps English month abbreviations and 250,000); returns the artists (the same ones on
        every update)."""
        self._set_locale(locale)
        ax, spend_ax = self.ax, self.spend_ax
        starts = list(data.periods)
        x = mdates.date2num(starts) if starts else []
        lengths = [(data.period_end(i) - first).days + 1 for i, first in enumerate(starts)]
        centres = [xi + days / 2 for xi, days in zip(x, lengths, strict=True)]
        widths = [days * 0.8 for days in lengths]
        # Thin bars (a year of days) would be all edge and hatching: they get neither.
        crowded = len(starts) > 120
        edge = 0.0 if crowded else 0.4
        self.organic.set_path(_bars_path(centres, widths, [0] * len(starts), data.organic))
        self.paid.set_path(_bars_path(centres, widths, data.organic, data.paid))
        for bars, colour, hatch in ((self.organic, palette.organic, "//"), (self.paid, palette.paid, "xx")):
            bars.set_facecolor(colour)
            bars.set_edgecolor(palette.foreground)
            bars.set_linewidth(edge)
            bars.set_hatch("" if crowded else hatch)
        spent = any(data.spend)
        self.spend.set_visible(spent)
        self.spend.set_data(centres, [float(v) for v in data.spend])
        self.spend.set_color(palette.spend)
        self.spend.set_markersize(3 if data.granularity == "day" else 4)
        top_spend = max((float(v) for v in data.spend), default=0.0)
        spend_ax.set_ylim(0, top_spend * 1.1 if top_spend else 1)

        self.figure.set_facecolor(palette.background)
        ax.set_facecolor(palette.background)
        ax.grid(axis="y", color=palette.grid, linewidth=0.6)
        for axis in (ax, spend_ax):
            axis.tick_params(colors=palette.foreground, labelsize=8)
            for side in axis.spines.values():
                side.set_color(palette.grid)
        ax.set_ylabel(data.metric_label, color=palette.foreground)
        spend_ax.set_ylabel(f"Ad spend ({data.currency})", color=palette.foreground)

        for artist in self.campaign_artists:
            artist.remove()
        self.campaign_artists = []
        dark = _lightness(palette.background) < 0.5
        for n, span in enumerate(data.campaigns):
            left = mdates.date2num(max(span.start, data.start))
            right = mdates.date2num(min(span.end, data.end) + timedelta(days=1))
            shade = ax.axvspan(left, right, color=palette.campaign, alpha=0.10 if dark else 0.18, hatch="..",
                               linewidth=0, zorder=0)  # fmt: skip
            # A campaign starting near the right edge has its label end at the edge instead of running off.
            near_end = len(span.name) * 0.012 > (mdates.date2num(data.end) - left) / max(
                1, (data.end - data.start).days
            )
            label = ax.text(
                mdates.date2num(data.end + timedelta(days=1)) if near_end else left,
                # neighbouring campaigns' labels on two lines, so they never overlap; one pulled in from the right
                # edge goes below both
                1.0 - 0.06 * (2 if near_end else n % 2),
                f" {span.name} ",
                transform=ax.get_xaxis_transform(),
                va="top",
                ha="right" if near_end else "left",
                fontsize=8,
                color=palette.foreground,
                clip_on=True,
                bbox={"facecolor": palette.background, "alpha": 0.75, "edgecolor": "none", "pad": 1},
            )
            self.campaign_artists += [shade, label]

        if starts:
            # A hair short of the next day, so no tick falls on the day after the span: the axis's year-month
            # note would otherwise name that day's month ("2027-Jan" under a December).
            ax.set_xlim(mdates.date2num(data.start), mdates.date2num(data.end + timedelta(days=1)) - 1e-3)
        stacked = [o + p for o, p in zip(data.organic, data.paid, strict=True)]
        top = max(stacked, default=0)
        # Room above the bars for the campaigns' labels when there are campaigns.
        ax.set_ylim(0, top * (1.2 if data.campaigns else 1.08) if top else 1)

        key = (data.metric_label, data.currency, spent, palette)
        if key != self._legend_key:
            if self.legend is not None:
                self.legend.remove()
            self.organic.set_label(f"Organic {data.metric_label.lower()}")
            self.paid.set_label(f"Paid {data.metric_label.lower()}")
            self.spend.set_label(f"Ad spend ({data.currency})")
            handles = [self.organic, self.paid] + ([self.spend] if spent else [])
            self.legend = ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, -0.08), ncol=3,
                                    frameon=False, fontsize=8)  # fmt: skip
            for text in self.legend.get_texts():
                text.set_color(palette.foreground)
            self._legend_key = key
        self.note.set_visible(not data.paid_has_metric)
        self.note.set_color(palette.foreground)
        return ChartArtists(self.organic, self.paid, self.spend if spent else None, ax, spend_ax)
