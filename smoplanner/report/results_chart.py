"""The organic + paid chart, drawn onto a matplotlib Figure it is given (the Results tab and the printout).

No Qt and no pyplot: the caller owns the Figure (a Qt canvas's, or one saved to PDF). Organic and paid
are stacked bars in different colours *and* hatching, so the chart reads in black and white; spend is
a line on a second axis; each campaign's period is shaded and labelled. Importing this module imports
matplotlib, so only import it when a chart is first needed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import matplotlib.dates as mdates

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from smoplanner.report.results import ResultsData

__all__ = ["DARK", "LIGHT", "ChartArtists", "ChartPalette", "build_results_figure"]


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


LIGHT = ChartPalette("#ffffff", "#1f2328", "#d0d7de", "#2e7d5b", "#c2185b", "#1f2328", "#f0b429")
DARK = ChartPalette("#1e1f22", "#e6e6e6", "#44474d", "#5cc497", "#f06292", "#e6e6e6", "#d9a521")


def _lightness(color: str) -> float:
    red, green, blue = (int(color[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return (max(red, green, blue) + min(red, green, blue)) / 2


@dataclass
class ChartArtists:
    """What was drawn, so a caller can find the values under the mouse (and tests can check them)."""

    organic: Any  # matplotlib BarContainer
    paid: Any
    spend: Any  # Line2D, or None when nothing was spent
    axes: Any
    spend_axes: Any


def build_results_figure(figure: Figure, data: ResultsData, *, palette: ChartPalette = LIGHT) -> ChartArtists:
    """Draw ``data`` onto ``figure`` (cleared first) and return what was drawn.

    Readable at A4 landscape width and in black and white: organic bars are plain with diagonal hatching,
    paid bars are stacked on top with cross-hatching, spend is a dashed line with markers.
    """
    figure.clear()
    figure.set_facecolor(palette.background)
    ax = figure.add_subplot(1, 1, 1)
    ax.set_facecolor(palette.background)
    starts = list(data.periods)
    x = mdates.date2num(starts) if starts else []
    lengths = [(data.period_end(i) - first).days + 1 for i, first in enumerate(starts)]
    centres = [xi + days / 2 for xi, days in zip(x, lengths, strict=True)]
    widths = [days * 0.8 for days in lengths]
    dark = _lightness(palette.background) < 0.5
    for n, span in enumerate(data.campaigns):
        left = mdates.date2num(max(span.start, data.start))
        right = mdates.date2num(min(span.end, data.end) + timedelta(days=1))
        ax.axvspan(left, right, color=palette.campaign, alpha=0.10 if dark else 0.18, hatch="..", linewidth=0, zorder=0)
        ax.text(
            left,
            1.0 - 0.06 * (n % 2),  # neighbouring campaigns' labels on two lines, so they never overlap
            f" {span.name}",
            transform=ax.get_xaxis_transform(),
            va="top",
            ha="left",
            fontsize=8,
            color=palette.foreground,
            clip_on=True,
        )
    organic = ax.bar(
        centres, data.organic, width=widths, color=palette.organic, edgecolor=palette.foreground, linewidth=0.4,
        hatch="//", label=f"Organic {data.metric_label.lower()}", zorder=2,
    )  # fmt: skip
    paid = ax.bar(
        centres, data.paid, width=widths, bottom=data.organic, color=palette.paid, edgecolor=palette.foreground,
        linewidth=0.4, hatch="xx", label=f"Paid {data.metric_label.lower()}", zorder=2,
    )  # fmt: skip
    ax.set_ylabel(data.metric_label, color=palette.foreground)
    ax.grid(axis="y", color=palette.grid, linewidth=0.6, zorder=1)
    ax.set_axisbelow(True)
    spend_ax = ax.twinx()
    spend_line = None
    if any(data.spend):
        (spend_line,) = spend_ax.plot(
            centres, [float(v) for v in data.spend], color=palette.spend, linestyle="--", marker="o",
            markersize=3 if data.granularity == "day" else 4, linewidth=1.2, label=f"Ad spend ({data.currency})",
            zorder=3,
        )  # fmt: skip
        spend_ax.set_ylim(bottom=0)
    spend_ax.set_ylabel(f"Ad spend ({data.currency})", color=palette.foreground)
    for axis in (ax, spend_ax):
        axis.tick_params(colors=palette.foreground, labelsize=8)
        for side in axis.spines.values():
            side.set_color(palette.grid)
    locator = mdates.AutoDateLocator(minticks=3, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    if starts:
        # A hair short of the next day, so no tick falls on the day after the span: the axis's year-month
        # note would otherwise name that day's month ("2027-Jan" under a December).
        ax.set_xlim(mdates.date2num(data.start), mdates.date2num(data.end + timedelta(days=1)) - 1e-3)
    ax.set_ylim(bottom=0)
    if data.campaigns:  # room above the bars and the spend line for the campaigns' labels
        for axis in (ax, spend_ax):
            low, high = axis.get_ylim()
            axis.set_ylim(low, high + (high - low) * 0.15)
    handles = [organic, paid] + ([spend_line] if spend_line is not None else [])
    legend = ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, -0.08), ncol=3, frameon=False, fontsize=8)
    for text in legend.get_texts():
        text.set_color(palette.foreground)
    if not data.paid_has_metric:
        ax.text(0.99, -0.1, "Ad results have no engagements", transform=ax.transAxes, ha="right", va="top",
                fontsize=7, color=palette.foreground)  # fmt: skip
    figure.subplots_adjust(left=0.1, right=0.9, top=0.95, bottom=0.2)
    return ChartArtists(organic, paid, spend_line, ax, spend_ax)
