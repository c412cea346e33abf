"""The post editor keeps a post's pictures and checks them live against each platform's media rules."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import UTC, datetime

from helpers import post_row, sample_settings

from smoplanner.core.media import MediaItem
from smoplanner.core.plan_settings import platform_entry
from smoplanner.store.posts import PostRow
from smoplanner.ui.calendar.common import CalendarContext
from smoplanner.ui.calendar.editor import EditorSetup, PostEditor


def picture(width: int, height: int, alt: str = "") -> MediaItem:
    sha = hashlib.sha256(f"{width}x{height}".encode()).hexdigest()
    return MediaItem("picture", sha, "", "image/png", width, height, 40_000, alt)


def row(media: tuple[MediaItem, ...]) -> PostRow:
    return post_row(
        "Buns",
        "Fresh buns at 3 pm.",
        datetime(2026, 12, 4, 14, 0, tzinfo=UTC),
        post_id=7,
        status="scheduled",
        media_notes="Photo: tray by the window",
        media=media,
    )


def make_editor(qtbot, post: PostRow) -> PostEditor:
    settings = replace(sample_settings(), platforms=(platform_entry("instagram"), platform_entry("x")))
    editor = PostEditor(EditorSetup(ctx=CalendarContext(settings=settings)), post)
    qtbot.addWidget(editor)
    return editor


def test_saving_an_edited_post_keeps_its_pictures_and_media_notes(qtbot) -> None:
    items = (picture(1080, 1080, "Buns on a tray"), MediaItem("video", path="/v/oven.mp4", byte_size=9))
    editor = make_editor(qtbot, row(items))
    editor.title_edit.setText("Buns, warm")
    editor.try_accept()
    result = editor.result_value()
    assert result is not None
    assert result.record.media == items
    assert result.record.media_notes == "Photo: tray by the window"


def test_a_picture_breaking_a_platforms_rule_shows_with_the_live_checks(qtbot) -> None:
    editor = make_editor(qtbot, row((picture(400, 1000),)))
    assert "Picture 1 (400×1000) is too tall for Instagram" in editor.problems_label.text()
    editor.platform_checks["instagram"].setChecked(False)
    editor.platform_checks["x"].setChecked(True)
    assert "Picture 1" not in editor.problems_label.text()  # X has no shape rule


def test_the_preview_cuts_the_text_where_instagram_cuts_it(qtbot) -> None:
    editor = make_editor(qtbot, row((picture(1080, 1080),)))
    editor.platform_checks["x"].setChecked(True)
    long = "Our autumn menu is here: pumpkin soup, plum cake and spiced latte. " * 4
    editor.main_text.setPlainText(long)
    shown = editor.feed_preview.toPlainText()
    instagram = shown.split("\n\n")[0]
    assert instagram.startswith("Instagram: Our autumn menu")
    assert "… more" in instagram and len(instagram.split("\n")[0]) < len("Instagram: ") + 125 + len("… more") + 1
    assert "[picture 1080×1080]" in instagram
    x_block = shown.split("\n\n")[1]
    assert x_block.startswith("X: ") and "… more" not in x_block  # X shows the whole post
