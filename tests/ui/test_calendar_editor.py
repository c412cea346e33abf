"""The post editor: live counters per platform, UTM preview, boost amounts, keywords, hashtag groups."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest
from helpers import sample_settings

from smoplanner.core.money import currency, to_minor
from smoplanner.core.plan_settings import platform_entry
from smoplanner.store.posts import HashtagGroup, Pillar
from smoplanner.ui.calendar import asks
from smoplanner.ui.calendar.common import CalendarContext
from smoplanner.ui.calendar.editor import EditorSetup, PostEditor


@pytest.fixture
def setup() -> EditorSetup:
    settings = sample_settings().with_changes(
        platforms=(platform_entry("instagram"), platform_entry("facebook"), platform_entry("x"))
    )
    return EditorSetup(
        ctx=CalendarContext(settings=settings),
        pillars=(Pillar(1, "Offers", "#E07A5F", 20, 1),),
        hashtag_groups=(HashtagGroup(1, "Bakery", "#bread #sourdough"),),
    )


@pytest.fixture
def editor(qtbot, setup) -> PostEditor:
    ed = PostEditor(setup, None, date(2026, 11, 12), time(9, 0))
    qtbot.addWidget(ed)
    return ed


def test_counter_turns_red_past_the_platform_limit(editor):
    counter = editor.counters["x"]
    editor.main_text.setPlainText("a" * 200)
    assert counter.isVisibleTo(editor)
    assert counter.text().startswith("X: 200 / 280")
    assert not counter.over_limit
    assert "color" not in counter.styleSheet()
    editor.main_text.setPlainText("a" * 300)
    assert counter.over_limit
    assert counter.property("over_limit") is True
    assert "#C62828" in counter.styleSheet()
    assert "Too long" in counter.text()
    assert not editor.counters["instagram"].over_limit  # 300 is fine on Instagram
    assert "X post is 20 characters too long" in editor.problems_label.text()


def test_a_variant_is_counted_on_its_own_platform(editor):
    editor.main_text.setPlainText("a" * 300)
    editor.variant_edits["x"].setPlainText("Short for X")
    assert not editor.counters["x"].over_limit
    assert editor.counters["x"].text().startswith("X: 11 / 280")
    result = editor.build_result()
    assert dict(result.record.variants) == {"x": "Short for X"}


def test_hashtags_are_counted_against_the_cap(editor):
    editor.main_text.setPlainText(" ".join(f"#tag{i}" for i in range(35)))
    cap = editor.ctx.rulebook.limit("instagram", "hashtags").value
    assert f"35 / {cap} hashtags" in editor.counters["instagram"].text()
    assert editor.counters["instagram"].over_limit


def test_unchecked_platforms_have_no_counter_and_no_tab(editor):
    editor.title_edit.setText("Two platforms")
    editor.platform_checks["x"].setChecked(False)
    assert not editor.counters["x"].isVisibleTo(editor)
    assert not editor.text_tabs.isTabVisible(3)
    assert editor.build_result().record.platforms == ("instagram", "facebook")


def test_link_shows_the_tracked_link_per_platform(editor):
    editor.link.setText("https://baeckerei-sonne.de/menu?lang=de#cakes")
    editor.campaign.setCurrentText("Spring Sale")
    preview = editor.utm_preview.toPlainText()
    assert "Instagram: https://baeckerei-sonne.de/menu?lang=de&utm_source=instagram&utm_medium=social" in preview
    assert "utm_campaign=spring_sale#cakes" in preview
    editor.boosted.setChecked(True)
    assert "utm_medium=paid_social" in editor.utm_preview.toPlainText()


def test_a_bad_boost_amount_is_refused_naming_the_field(editor):
    editor.title_edit.setText("Boosted offer")
    editor.boosted.setChecked(True)
    editor.boost_amount.setText("12,3x")
    editor.try_accept()
    assert editor.result_value() is None
    assert editor.error_label.text().startswith("Boost amount:")
    editor.boost_amount.setText("12,50")
    editor.try_accept()
    result = editor.result_value()
    assert result is not None
    assert result.record.boost_minor == to_minor(Decimal("12.50"), currency("EUR")) == 1250


def test_a_post_needs_a_title_or_text(editor):
    editor.try_accept()
    assert editor.result_value() is None
    assert "title or some text" in editor.error_label.text()


def test_no_date_keeps_it_in_the_ideas_and_repeats_need_a_date(editor):
    editor.title_edit.setText("Idea")
    editor.no_date.setChecked(True)
    assert not editor.repeat_combo.isEnabled()
    result = editor.build_result()
    assert result.record.scheduled_at is None and result.rule is None


def test_weekly_repeat_until_a_date(editor):
    editor.title_edit.setText("Soup of the week")
    editor.repeat_combo.setCurrentIndex(editor.repeat_combo.findData("weekly"))
    editor.until_edit.setDate(editor.until_edit.date().fromString("2026-12-31", "yyyy-MM-dd"))
    result = editor.build_result()
    assert result.rule is not None and result.rule.freq == "weekly" and result.rule.until == date(2026, 12, 31)
    assert editor.ctx.local(result.record.scheduled_at).time() == time(9, 0)


def test_keywords_are_highlighted(editor):
    editor.main_text.setPlainText("Fresh Sourdough Bread today")
    block = editor.main_text.document().firstBlock()
    formats = block.layout().formats()
    spans = [(f.start, f.length) for f in formats]
    assert (6, len("Sourdough Bread")) in spans


def test_hashtag_groups_insert_and_save(editor, monkeypatch):
    editor.main_text.setPlainText("New loaf")
    editor.group_combo.setCurrentIndex(0)
    editor.insert_group.click()
    assert editor.main_text.toPlainText() == "New loaf\n\n#bread #sourdough"
    saved: list[tuple[str, str]] = []
    editor.save_group_requested.connect(lambda name, tags: saved.append((name, tags)))
    monkeypatch.setattr(asks, "ask_text", lambda *a, **k: "Loaves")
    editor.save_group.click()
    assert saved == [("Loaves", "#bread #sourdough")]


def test_published_url_only_for_published_posts(editor):
    assert not editor.published_url.isEnabled()
    editor.status_combo.setCurrentIndex(editor.status_combo.findData("published"))
    assert editor.published_url.isEnabled()


def test_read_only_editor_cannot_save(qtbot, setup):
    from dataclasses import replace

    ed = PostEditor(replace(setup, read_only=True), None, date(2026, 11, 12))
    qtbot.addWidget(ed)
    assert ed.title_edit.isReadOnly()
    assert not ed.platform_checks["x"].isEnabled()
    ed.try_accept()
    assert ed.result_value() is None


def test_the_editor_fits_a_900_pixel_screen_with_many_platforms_and_long_groups(qtbot):
    codes = ("instagram", "facebook", "google_business", "tiktok", "pinterest", "linkedin")
    settings = sample_settings().with_changes(platforms=tuple(platform_entry(c) for c in codes))
    long_group = HashtagGroup(1, "Brunch", " ".join(f"#brunchberlin{i}" for i in range(12)))
    setup = EditorSetup(ctx=CalendarContext(settings=settings), hashtag_groups=(long_group,))
    ed = PostEditor(setup, None, date(2026, 11, 12))
    qtbot.addWidget(ed)
    ed.main_text.setPlainText("#tag " * 40 + "https://example.com " * 5)
    assert ed.minimumSizeHint().width() <= 880


def test_the_over_limit_red_stays_readable_on_a_dark_palette(qtbot, setup):
    from PySide6.QtGui import QColor, QPalette

    from smoplanner.ui.calendar.common import PROBLEM_RED_ON_DARK

    ed = PostEditor(setup, None, date(2026, 11, 12), time(9, 0))
    qtbot.addWidget(ed)
    dark = QPalette(ed.palette())
    dark.setColor(QPalette.ColorRole.Window, QColor("#2b2b2b"))
    ed.setPalette(dark)
    ed.main_text.setPlainText("a" * 300)
    assert ed.counters["x"].over_limit
    assert PROBLEM_RED_ON_DARK in ed.counters["x"].styleSheet()


def test_counters_show_how_many_links_the_text_has(editor):
    editor.main_text.setPlainText("Fresh bread today")
    assert editor.counters["instagram"].text().endswith("· 0 links")
    editor.main_text.setPlainText("Menu: https://baeckerei-sonne.de/menu and order at www.sonne-shop.com today")
    for code in ("instagram", "facebook", "x"):
        assert editor.counters[code].text().endswith("· 2 links"), editor.counters[code].text()
    editor.variant_edits["x"].setPlainText("See https://baeckerei-sonne.de")
    assert editor.counters["x"].text().endswith("· 1 link")
    assert editor.counters["instagram"].text().endswith("· 2 links")


def test_problems_write_their_numbers_as_the_plans_locale_does(qtbot):
    settings = sample_settings().with_changes(locale="de_DE", platforms=(platform_entry("instagram"),))
    editor = PostEditor(EditorSetup(ctx=CalendarContext(settings=settings)), None, date(2026, 11, 12), time(9, 0))
    qtbot.addWidget(editor)
    editor.main_text.setPlainText("a" * 3500)
    messages = [problem.message for _code, problem in editor.problems()]
    assert any("1.300" in message for message in messages), messages
    assert not any("1,300" in message for message in messages)
