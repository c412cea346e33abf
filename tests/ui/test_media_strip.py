"""Attaching pictures and videos in the post editor: real files added, reordered, described, removed and saved
in a real plan; thumbnails on reopening; the platforms' media rules live; bad files refused by name; the
first picture in a chip's tooltip."""

from __future__ import annotations

import base64
import re
from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from helpers import new_plan, post_row, sample_settings
from PySide6.QtCore import QEvent, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDropEvent, QHelpEvent, QImage
from PySide6.QtWidgets import QToolTip

from smoplanner.core.plan_settings import platform_entry
from smoplanner.core.posts import PostRecord
from smoplanner.store import posts as store
from smoplanner.store.planfile import PlanFile
from smoplanner.store.posts.media import count_media_files, load_media, picture_item
from smoplanner.ui.calendar import asks
from smoplanner.ui.calendar.common import CalendarContext
from smoplanner.ui.calendar.editor import EditorSetup, PostEditor
from smoplanner.ui.calendar.tab import MONTH, WEEK, CalendarTab
from smoplanner.ui.document import PlanDocument

BERLIN = ZoneInfo("Europe/Berlin")
DAY = date(2026, 11, 12)


def png(path: Path, width: int, height: int, color: str = "#c8783c") -> Path:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    assert image.save(str(path), "PNG")
    return path


@pytest.fixture
def plan(tmp_path: Path):
    plan = new_plan(tmp_path / "bakery.smoplan")
    yield plan
    if not plan.closed:
        plan.close(save=False)


def make_tab(qtbot, plan: PlanFile) -> CalendarTab:
    tab = CalendarTab(PlanDocument(plan))
    qtbot.addWidget(tab)
    tab.resize(1100, 760)
    tab.go_to(DAY)
    return tab


def add_post(plan: PlanFile, title: str, media: tuple = ()) -> int:
    record = PostRecord(
        title=title,
        text=f"{title} today.",
        platforms=("instagram",),
        scheduled_at=datetime.combine(DAY, time(9), BERLIN),
        status="draft",
        media=media,
    )
    with plan.session() as s:
        return store.create_post(s, record)


def editor_for(qtbot, codes: tuple[str, ...] = ("instagram",)) -> PostEditor:
    settings = replace(sample_settings(), platforms=tuple(platform_entry(c) for c in codes))
    editor = PostEditor(EditorSetup(ctx=CalendarContext(settings=settings)), None, DAY, time(9))
    qtbot.addWidget(editor)
    return editor


def test_pictures_added_reordered_described_and_removed_are_saved_in_order_and_shown_on_reopening(
    plan, qtbot, tmp_path, monkeypatch
) -> None:
    square = png(tmp_path / "square.png", 1080, 1080)
    portrait = png(tmp_path / "portrait.png", 1080, 1350, "#3c78c8")
    extra = png(tmp_path / "extra.png", 800, 800, "#44aa44")
    tab = make_tab(qtbot, plan)

    def fill(editor: PostEditor):
        strip = editor.media_strip
        editor.title_edit.setText("Plum cake is back")
        editor.main_text.setPlainText("Plum cake, every Friday.")
        assert strip.add_files([str(square), str(portrait)])
        assert strip.list.count() == 2 and not strip.model.index(0).data(Qt.ItemDataRole.DecorationRole).isNull()
        assert editor.is_dirty()
        strip.select(1)
        strip.move_selected(-1)  # the portrait goes first
        assert [strip.model.index(i).data() for i in range(2)] == ["1 · 1080×1350", "2 · 1080×1080"]
        assert "screen readers need it" in strip.hint_label.text()
        qtbot.keyClicks(strip.alt_edit, "A slice of plum cake")
        assert "screen readers need it" not in strip.hint_label.text()
        strip.select(1)
        assert strip.alt_edit.text() == ""
        qtbot.keyClicks(strip.alt_edit, "The cake on the counter")
        assert strip.add_files([str(extra)])
        assert strip.selected_row() == 2
        strip.remove_selected()
        editor.try_accept()
        return editor.result_value()

    monkeypatch.setattr(asks, "ask_edit_post", fill)
    tab.new_post(DAY)
    with plan.session() as s:
        (post_id, media), *_ = load_media(s).items()
        assert count_media_files(s) == 2
    assert [(m.width, m.height, m.alt_text) for m in media] == [
        (1080, 1350, "A slice of plum cake"),
        (1080, 1080, "The cake on the counter"),
    ]
    assert media[0].byte_size == portrait.stat().st_size

    path = plan.path
    plan.close()
    reopened = PlanFile.open(path)
    seen: dict[str, object] = {}

    def look(editor: PostEditor):
        strip = editor.media_strip
        seen["texts"] = [strip.model.index(i).data() for i in range(strip.list.count())]
        icon = strip.model.index(0).data(Qt.ItemDataRole.DecorationRole).pixmap(88, 66).toImage()
        seen["colour"] = icon.pixelColor(icon.width() // 2, icon.height() // 2).name()
        seen["alt"] = strip.alt_edit.text()
        return None

    try:
        monkeypatch.setattr(asks, "ask_edit_post", look)
        make_tab(qtbot, reopened).edit_post(post_id)
    finally:
        reopened.close(save=False)
    assert seen == {"texts": ["1 · 1080×1350", "2 · 1080×1080"], "colour": "#3c78c8", "alt": "A slice of plum cake"}


def test_typed_alt_text_shows_in_the_thumbnails_tooltip(qtbot, tmp_path) -> None:
    from PySide6.QtTest import QTest

    strip = editor_for(qtbot).media_strip
    assert strip.add_files([str(png(tmp_path / "cup.png", 1080, 1080))])
    strip.select(0)
    assert strip.model.index(0).data(Qt.ItemDataRole.ToolTipRole).endswith("Alt text: none yet")
    QTest.keyClicks(strip.alt_edit, "A cup of cocoa")
    assert strip.model.index(0).data(Qt.ItemDataRole.ToolTipRole).endswith("Alt text: A cup of cocoa")
    assert strip.items()[0].alt_text == "A cup of cocoa"


def test_undo_of_a_post_edit_puts_its_pictures_back_as_they_were(plan, qtbot, tmp_path, monkeypatch) -> None:
    first = picture_item(png(tmp_path / "first.png", 1080, 1080).read_bytes(), "Bread")
    post_id = add_post(plan, "Bread", (first,))
    tab = make_tab(qtbot, plan)
    other = png(tmp_path / "other.png", 1200, 1000, "#777777")

    def change(editor: PostEditor):
        editor.media_strip.select(0)
        editor.media_strip.remove_selected()
        assert editor.media_strip.add_files([str(other)])
        editor.try_accept()
        return editor.result_value()

    monkeypatch.setattr(asks, "ask_edit_post", change)
    tab.edit_post(post_id)

    def stored() -> list[tuple[int, int, str]]:
        with plan.session() as s:
            return [(m.width, m.height, m.alt_text) for m in load_media(s, [post_id]).get(post_id, ())]

    assert stored() == [(1200, 1000, "")]
    tab.document.undo_stack.undo()
    assert stored() == [(1080, 1080, "Bread")]
    tab.document.undo_stack.redo()
    assert stored() == [(1200, 1000, "")]


def test_a_too_small_or_too_wide_picture_shows_the_platforms_problem_as_it_is_added(qtbot, tmp_path) -> None:
    editor = editor_for(qtbot, ("instagram", "x"))
    editor.platform_checks["x"].setChecked(False)
    assert editor.media_strip.add_files([str(png(tmp_path / "tiny.png", 200, 200))])
    text = editor.problems_label.text()
    assert "Picture 1 (200×200) is 200 pixels wide; Instagram needs at least 320" in text
    assert editor.media_strip.add_files([str(png(tmp_path / "banner.png", 1000, 100))])
    assert "Picture 2 (1000×100) is too wide for Instagram" in editor.problems_label.text()
    editor.media_strip.select(0)
    editor.media_strip.remove_selected()
    editor.media_strip.remove_selected()
    assert "Picture" not in editor.problems_label.text()


def test_more_pictures_than_a_platform_takes_is_a_problem_named_with_the_count(qtbot, tmp_path) -> None:
    editor = editor_for(qtbot, ("x",))
    files = [str(png(tmp_path / f"p{n}.png", 600 + n, 600)) for n in range(5)]
    assert editor.media_strip.add_files(files[:4])
    assert "X takes up to 4" not in editor.problems_label.text()
    assert editor.media_strip.add_files(files[4:])
    assert "X takes up to 4 pictures or videos in a post; this one has 5" in editor.problems_label.text()


def test_an_unreadable_file_is_refused_with_its_name_and_nothing_is_added(qtbot, tmp_path) -> None:
    editor = editor_for(qtbot)
    strip = editor.media_strip
    good = png(tmp_path / "good.png", 1080, 1080)
    junk = tmp_path / "menu.png"
    junk.write_bytes(b"this is a text file, not a picture")
    assert not strip.add_files([str(good), str(junk)])
    assert strip.items() == () and strip.list.count() == 0
    assert strip.message_label.isVisibleTo(editor) and "menu.png" in strip.message_label.text()

    whole = good.read_bytes()
    cut = tmp_path / "cut.png"
    cut.write_bytes(whole[:60])  # a sound header, the picture itself cut off
    assert not strip.add_files([str(cut)])
    assert "cut.png" in strip.message_label.text() and strip.items() == ()

    assert not strip.add_files([str(tmp_path / "gone.jpg")])
    assert "gone.jpg: cannot be read" in strip.message_label.text()
    assert not strip.add_files([str(tmp_path / "notes.txt")])
    assert "notes.txt: not a picture or video" in strip.message_label.text()

    assert strip.add_files([str(good)])
    assert not strip.message_label.isVisibleTo(editor)
    assert not strip.add_files([str(good)])
    assert "good.png: already attached" in strip.message_label.text() and len(strip.items()) == 1


def test_a_video_is_kept_by_its_file_and_marked_missing_when_the_file_is_gone(qtbot, tmp_path) -> None:
    video = tmp_path / "oven.mp4"
    video.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(2000))
    editor = editor_for(qtbot)
    strip = editor.media_strip
    assert strip.add_files([str(video)])
    (item,) = strip.items()
    assert (item.kind, item.path, item.byte_size) == ("video", str(video), video.stat().st_size)
    assert strip.model.index(0).data() == "1 · video\noven.mp4"
    assert "no alt text" in strip.hint_label.text() and "video" in strip.hint_label.text()
    video.unlink()
    strip.set_items(strip.items())
    assert strip.model.index(0).data() == "1 · missing\noven.mp4"
    assert "not there any more" in strip.model.index(0).data(Qt.ItemDataRole.ToolTipRole)


def test_files_dropped_on_the_strip_are_attached(qtbot, tmp_path) -> None:
    editor = editor_for(qtbot)
    files = [png(tmp_path / "a.png", 1080, 1080), png(tmp_path / "b.png", 1080, 1200)]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    event = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    editor.media_strip.list.dropEvent(event)
    assert [(m.width, m.height) for m in editor.media_strip.items()] == [(1080, 1080), (1080, 1200)]
    assert editor.media == editor.media_strip.items()


def test_a_read_only_editor_shows_the_media_but_cannot_change_it(qtbot, tmp_path) -> None:
    item = picture_item(png(tmp_path / "a.png", 1080, 1080).read_bytes(), "Bread")
    settings = replace(sample_settings(), platforms=(platform_entry("instagram"),))
    post = _row((item,))
    editor = PostEditor(EditorSetup(ctx=CalendarContext(settings=settings), read_only=True), post)
    qtbot.addWidget(editor)
    strip = editor.media_strip
    assert strip.list.count() == 1
    assert not strip.add_button.isEnabled() and not strip.remove_button.isEnabled()
    assert not strip.add_files([str(tmp_path / "a.png")]) and len(strip.items()) == 1


def _row(media: tuple) -> store.PostRow:
    return post_row("Bread", "Bread.", datetime.combine(DAY, time(9), BERLIN), media=media)


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the offscreen platform and a tooltip
def test_the_chip_tooltip_shows_the_first_picture_small(plan, qtbot, tmp_path) -> None:
    wide = picture_item(png(tmp_path / "wide.png", 1200, 600, "#aa3333").read_bytes(), "Loaves")
    add_post(plan, "Loaves", (wide,))
    add_post(plan, "No picture")
    tab = make_tab(qtbot, plan)
    with_picture, plain = sorted(tab.month_grid.posts_on(DAY), key=lambda p: p.title)
    tip = tab.month_grid.tooltip_for(with_picture)
    assert "Loaves" in tip and 'alt="Loaves"' in tip
    found = re.search(r'<img src="data:image/png;base64,([^"]+)" width="(\d+)" height="(\d+)"', tip)
    assert found is not None and (found[2], found[3]) == ("96", "48")
    thumb = QImage.fromData(base64.b64decode(found[1]))
    assert (thumb.width(), thumb.height()) == (96, 48)
    assert thumb.pixelColor(48, 24).name() == "#aa3333"
    assert "<img" not in tab.month_grid.tooltip_for(plain)
    tab.set_view(WEEK)
    assert "<img" in tab.week_grid.tooltip_for(with_picture)  # the week view's chip says the same
    tab.set_view(MONTH)

    # The real hover: the tooltip is built when the chip is hovered.
    tab.show()
    qtbot.waitExposed(tab)
    grid = tab.month_grid
    centre = grid.chip_rect(with_picture.id).center()
    event = QHelpEvent(QEvent.Type.ToolTip, centre, grid.mapToGlobal(centre))
    grid.event(event)
    assert "<img" in QToolTip.text()
    QToolTip.hideText()
