"""Every mark has words: a legend beside the calendar, and tooltips that say each mark."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from helpers import sample_settings

from smoplanner.core.posts import PostRecord
from smoplanner.ui.calendar.common import LEGEND, CalendarContext, legend_text, post_tooltip
from smoplanner.ui.calendar.navigation import CalendarNavBar


def test_the_legend_says_every_mark_in_words(qtbot) -> None:
    marks = [mark for mark, _words in LEGEND]
    for mark in ("○", "◐", "●", "✓", "◷", "⚠", "+3", "5 · 21% / 25%"):
        assert mark in marks
    assert all(len(words.split()) >= 3 for _mark, words in LEGEND)
    bar = CalendarNavBar()
    qtbot.addWidget(bar)
    assert bar.legend_button.text() == "?" and bar.legend_button.accessibleName()
    for mark in marks:
        assert mark in bar.legend_button.toolTip() or mark.replace("&", "&amp;") in bar.legend_button.toolTip()
    assert "Published: it went out" in legend_text()


def test_a_chips_tooltip_says_its_status_and_names_every_platform() -> None:
    settings = sample_settings()
    ctx = CalendarContext(settings=settings)
    when = datetime(2026, 12, 3, 9, tzinfo=ZoneInfo("Europe/Berlin"))
    record = PostRecord("Gift cards", "text", ("instagram", "facebook", "x", "linkedin"), when, status="draft")
    text = post_tooltip(ctx, record)
    assert "Status: Draft (◐)" in text
    assert "On 4 platforms: Instagram, Facebook, X, LinkedIn" in text


def test_the_matrix_says_what_a_picture_letter_and_size_mean() -> None:
    from datetime import date

    from smoplanner.core.platforms import load_rulebook
    from smoplanner.core.profile_rules import ImageInfo, PlanContext, ProfileInput, consistency_matrix

    picture = ImageInfo(sha256="a" * 64, width=400, height=400, byte_size=1000)
    profiles = (
        ProfileInput(platform="instagram", display_name="Café", handle="cafe", picture=picture),
        ProfileInput(platform="facebook", display_name="Café", handle="cafe"),
    )
    matrix = consistency_matrix(
        PlanContext("Café", "https://cafe.example", (), profiles, date(2026, 11, 29)), load_rulebook()
    )
    cell = matrix.cell("picture", "instagram")
    assert cell.value == "A · 400×400"
    assert "the same letter is the same picture" in cell.tooltip and "size in pixels" in cell.tooltip
