"""The Calendar tab as a user sees it: planning, dragging, undoing, filtering, read-only plans."""

from __future__ import annotations

import itertools
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from helpers import new_plan
from PySide6.QtCore import QMimeData, QPoint, Qt

from smoplanner.core.dates import Month
from smoplanner.core.posts import PostRecord
from smoplanner.store import posts as store
from smoplanner.store.planfile import PlanFile
from smoplanner.ui.calendar import asks
from smoplanner.ui.calendar.chips import ChipPainter
from smoplanner.ui.calendar.common import post_ids_mime
from smoplanner.ui.calendar.editor import PostEditor
from smoplanner.ui.calendar.tab import LIST, WEEK, CalendarTab
from smoplanner.ui.document import PlanDocument

BERLIN = ZoneInfo("Europe/Berlin")
DAY = date(2026, 11, 12)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), BERLIN)


def record(title: str, when: datetime | None, **kw: object) -> PostRecord:
    fields: dict[str, object] = {"text": f"{title} text", "platforms": ("instagram",), "status": "draft"}
    fields.update(kw)
    return PostRecord(title=title, scheduled_at=when, **fields)  # type: ignore[arg-type]


@pytest.fixture
def plan(tmp_path: Path):
    plan = new_plan(tmp_path / "bakery.smoplan")
    yield plan
    if not plan.closed:
        plan.close(save=False)


@pytest.fixture
def make_tab(qtbot):
    def make(plan: PlanFile) -> CalendarTab:
        document = PlanDocument(plan)
        tab = CalendarTab(document)
        qtbot.addWidget(tab)
        tab.resize(1100, 760)
        tab.go_to(DAY)
        return tab

    return make


def add(plan: PlanFile, rec: PostRecord, pillar_id: int | None = None) -> int:
    with plan.session() as s:
        return store.create_post(s, rec, pillar_id=pillar_id)


def titles_on(tab: CalendarTab, day: date) -> list[str]:
    return [p.title for p in tab.month_grid.posts_on(day)]


def fill_editor(title: str, text: str, day: date | None, clock: time = time(10, 30)):
    """An ask_edit_post replacement that types into the real editor and presses Save."""

    def fake(editor: PostEditor):
        editor.title_edit.setText(title)
        editor.main_text.setPlainText(text)
        if day is None:
            editor.no_date.setChecked(True)
        else:
            editor.no_date.setChecked(False)
            editor.date_edit.setDate(editor.date_edit.date().fromString(day.isoformat(), "yyyy-MM-dd"))
            editor.time_edit.setTime(editor.time_edit.time().fromString(clock.strftime("%H:%M"), "HH:mm"))
        editor.try_accept()
        return editor.result_value()

    return fake


def test_a_post_created_in_the_editor_shows_on_its_day(plan, make_tab, monkeypatch):
    tab = make_tab(plan)
    target = date(2026, 11, 20)
    monkeypatch.setattr(asks, "ask_edit_post", fill_editor("Stollen preorders open", "Order now!", target))
    tab.new_post(DAY)
    assert titles_on(tab, target) == ["Stollen preorders open"]
    post = tab.month_grid.posts_on(target)[0]
    assert tab.ctx.local(post.scheduled_at).time() == time(10, 30)
    assert tab.document.undo_stack.count() == 1


def test_a_post_created_in_the_editor_is_still_there_after_reopening(plan, make_tab, monkeypatch):
    tab = make_tab(plan)
    target = date(2026, 11, 20)
    monkeypatch.setattr(asks, "ask_edit_post", fill_editor("Stollen preorders open", "Order now!", target))
    tab.new_post(DAY)
    assert plan.is_dirty
    path = plan.path
    plan.close()
    reopened = PlanFile.open(path)
    try:
        assert titles_on(make_tab(reopened), target) == ["Stollen preorders open"]
    finally:
        reopened.close(save=False)


def test_empty_month_says_how_to_plan_a_post(plan, make_tab):
    tab = make_tab(plan)
    assert tab.month_grid.month_post_count() == 0
    assert "Ctrl+Shift+N" in tab.month_grid.empty_text
    assert tab.backlog_empty.isVisibleTo(tab)
    assert "drag" in tab.backlog_empty.text().lower()


def test_dragging_a_chip_moves_the_post_keeping_its_time_and_survives_reopening(plan, make_tab, tmp_path):
    post_id = add(plan, record("Sourdough Saturday", at(DAY, 8, 15)))
    tab = make_tab(plan)
    grid = tab.month_grid
    assert titles_on(tab, DAY) == ["Sourdough Saturday"]
    target = date(2026, 11, 19)
    assert grid.drop_mime(post_ids_mime([post_id]), grid.day_rect(target).center())
    assert titles_on(tab, target) == ["Sourdough Saturday"]
    assert titles_on(tab, DAY) == []
    assert tab.ctx.local(grid.posts_on(target)[0].scheduled_at).time() == time(8, 15)

    path = plan.path
    plan.close(save=True)
    reopened = PlanFile.open(path)
    try:
        tab2 = make_tab(reopened)
        assert titles_on(tab2, target) == ["Sourdough Saturday"]
        assert titles_on(tab2, DAY) == []
    finally:
        reopened.close(save=False)


def test_a_real_drop_event_reschedules_and_undo_moves_it_back(plan, make_tab, qtbot):
    from PySide6.QtGui import QDropEvent

    post_id = add(plan, record("Meet our baker", at(DAY, 12)))
    tab = make_tab(plan)
    grid = tab.month_grid
    target = date(2026, 11, 4)
    mime = post_ids_mime([post_id])
    event = QDropEvent(
        grid.day_rect(target).center().toPointF(),
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    grid.dropEvent(event)
    assert titles_on(tab, target) == ["Meet our baker"]
    tab.document.undo_stack.undo()
    assert titles_on(tab, DAY) == ["Meet our baker"]
    assert titles_on(tab, target) == []
    tab.document.undo_stack.redo()
    assert titles_on(tab, target) == ["Meet our baker"]


def test_week_view_drop_changes_day_and_time_in_quarter_hours(plan, make_tab):
    post_id = add(plan, record("Rye loaf", at(DAY, 9)))
    tab = make_tab(plan)
    tab.set_view(WEEK)
    grid = tab.week_grid
    target = DAY + timedelta(days=1)
    pos = grid.point_for(target, time(14, 37))
    assert grid.drop_mime(post_ids_mime([post_id]), pos)
    with plan.session() as s:
        moved = store.get_post(s, post_id)
    assert tab.ctx.local(moved.scheduled_at).replace(tzinfo=None) == datetime(2026, 11, 13, 14, 30)
    tab.document.undo_stack.undo()
    with plan.session() as s:
        assert store.get_post(s, post_id).scheduled_at == at(DAY, 9)


def test_an_idea_dragged_from_the_backlog_gets_a_day_at_nine(plan, make_tab):
    idea = add(plan, record("Video of the oven", None, status="idea"))
    tab = make_tab(plan)
    assert tab.backlog_model.rowCount() == 1
    mime = tab.backlog_model.mimeData([tab.backlog_model.index(0, 0)])
    grid = tab.month_grid
    assert grid.drop_mime(mime, grid.day_rect(DAY).center())
    assert titles_on(tab, DAY) == ["Video of the oven"]
    assert tab.ctx.local(grid.posts_on(DAY)[0].scheduled_at).time() == time(9, 0)
    assert tab.backlog_model.rowCount() == 0
    tab.document.undo_stack.undo()
    assert tab.backlog_model.rowCount() == 1
    with plan.session() as s:
        assert store.get_post(s, idea).scheduled_at is None


def show_active(qtbot, tab: CalendarTab) -> None:
    """Shortcuts of the tab only fire in the active window."""
    with qtbot.waitActive(tab):
        tab.show()
        tab.activateWindow()


def test_delete_and_duplicate_from_the_keyboard_are_undoable(plan, make_tab, qtbot):
    add(plan, record("Croissant tips", at(DAY, 11)))
    tab = make_tab(plan)
    show_active(qtbot, tab)
    grid = tab.month_grid
    grid.setFocus()
    grid.select_day(DAY)
    qtbot.keyClick(grid, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert titles_on(tab, DAY) == ["Croissant tips", "Croissant tips"]
    tab.document.undo_stack.undo()
    assert titles_on(tab, DAY) == ["Croissant tips"]
    grid.select_day(DAY)
    qtbot.keyClick(grid, Qt.Key.Key_Delete)
    assert titles_on(tab, DAY) == []
    tab.document.undo_stack.undo()
    assert titles_on(tab, DAY) == ["Croissant tips"]


def test_arrow_keys_and_page_down_move_through_the_calendar(plan, make_tab, qtbot):
    tab = make_tab(plan)
    show_active(qtbot, tab)
    grid = tab.month_grid
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_Right)
    assert tab.selected_day == DAY + timedelta(days=1)
    qtbot.keyClick(grid, Qt.Key.Key_Down)
    assert tab.selected_day == DAY + timedelta(days=8)
    qtbot.keyClick(grid, Qt.Key.Key_PageDown)
    assert (tab.month.year, tab.month.month) == (2026, 12)
    assert tab.title.text() == "Dezember 2026"  # the plan's locale is de_DE


def test_enter_on_a_day_with_one_post_opens_it(plan, make_tab, qtbot, monkeypatch):
    add(plan, record("Pretzel day", at(DAY, 7)))
    tab = make_tab(plan)
    opened: list[str] = []

    def fake(editor: PostEditor):
        opened.append(editor.title_edit.text())

    monkeypatch.setattr(asks, "ask_edit_post", fake)
    show_active(qtbot, tab)
    tab.month_grid.setFocus()
    tab.month_grid.select_day(DAY)
    qtbot.keyClick(tab.month_grid, Qt.Key.Key_Return)
    assert opened == ["Pretzel day"]


def test_a_full_day_shows_more_and_lists_them_all(plan, make_tab):
    for hour in range(6, 20):
        add(plan, record(f"Post {hour}", at(DAY, hour)))
    tab = make_tab(plan)
    grid = tab.month_grid
    chips, more = grid._layout_day(grid.day_rect(DAY), grid.posts_on(DAY))
    assert more is not None and len(chips) < 14
    seen: list[date] = []
    grid.day_list_requested.connect(seen.append)
    assert grid.hit(more.center()).more
    tab.show_day_list(DAY)
    assert tab.day_dialog.model.rowCount() == 14
    tab.day_dialog.close()


def test_month_shows_the_pillar_mix_against_targets(plan, make_tab):
    with plan.session() as s:
        offers = store.create_pillar(s, "Offers", "#E07A5F", 20)
    add(plan, record("2 for 1", at(DAY, 9)), offers)
    for i in range(4):
        add(plan, record(f"Other {i}", at(DAY, 10 + i)))
    tab = make_tab(plan)
    # A German plan writes its percentages the German way, with a space before the sign.
    assert "Offers: 1 post of this month's 5 (20\u00a0%); the target is 20\u00a0% of the month" in tab.mix_bar.lines()
    assert "1 · 20\u00a0% / 20\u00a0%" in tab.mix_bar.short_labels()[0]


def test_list_filters_as_you_type_and_changes_many_statuses_in_one_undo(plan, make_tab, qtbot):
    ids = [add(plan, record(title, at(DAY, 9 + i))) for i, title in enumerate(["Rye loaf", "Rye rolls", "Stollen"])]
    tab = make_tab(plan)
    tab.set_view(LIST)
    panel = tab.list_panel
    assert panel.proxy.rowCount() == 3
    panel.search.setText("rye")
    qtbot.waitUntil(lambda: panel.proxy.rowCount() == 2)
    panel.select_ids(ids[:2])
    assert sorted(panel.selected_ids()) == ids[:2]
    panel.status_requested.emit(panel.selected_ids(), "scheduled")
    with plan.session() as s:
        assert [store.get_post(s, i).status for i in ids] == ["scheduled", "scheduled", "draft"]
    assert tab.document.undo_stack.count() == 1
    tab.document.undo_stack.undo()
    with plan.session() as s:
        assert [store.get_post(s, i).status for i in ids] == ["draft", "draft", "draft"]
    panel.search.clear()
    panel.apply_filters()
    assert panel.proxy.rowCount() == 3


def test_list_sets_a_pillar_on_many_posts(plan, make_tab):
    with plan.session() as s:
        tips = store.create_pillar(s, "Tips", "#81B29A", 30)
    ids = [add(plan, record(f"P{i}", at(DAY, 9 + i))) for i in range(3)]
    tab = make_tab(plan)
    tab.set_view(LIST)
    tab.set_pillar(ids, tips)
    with plan.session() as s:
        assert {store.get_post(s, i).pillar_name for i in ids} == {"Tips"}
    tab.document.undo_stack.undo()
    with plan.session() as s:
        assert {store.get_post(s, i).pillar_id for i in ids} == {None}


def test_editing_a_repeating_post_asks_this_one_or_all_following(plan, make_tab, monkeypatch):
    from smoplanner.core.recurrence import Recurrence

    with plan.session() as s:
        _series, ids = store.create_series(
            s, record("Weekly special", at(DAY, 9)), Recurrence("weekly", until=date(2026, 12, 10))
        )
    tab = make_tab(plan)
    asked: list[bool] = []

    def scope(_parent):
        asked.append(True)
        return "following"

    monkeypatch.setattr(asks, "ask_series_scope", scope)

    def fake(editor: PostEditor):
        editor.title_edit.setText("Weekly special: soup")
        editor.try_accept()
        return editor.result_value()

    monkeypatch.setattr(asks, "ask_edit_post", fake)
    tab.edit_post(ids[1])
    assert asked == [True]
    with plan.session() as s:
        titles = [store.get_post(s, i).title for i in ids]
    assert titles[0] == "Weekly special"
    assert set(titles[1:]) == {"Weekly special: soup"}
    tab.document.undo_stack.undo()
    with plan.session() as s:
        assert {store.get_post(s, i).title for i in ids} == {"Weekly special"}


def test_read_only_plan_shows_posts_but_refuses_edits(plan, make_tab, monkeypatch):
    post_id = add(plan, record("Look only", at(DAY, 9)))
    path = plan.path
    plan.save()
    plan.close(save=False)
    holder = PlanFile.open(path)
    viewer = PlanFile.open(path, lock="readonly")
    try:
        tab = make_tab(viewer)
        assert titles_on(tab, DAY) == ["Look only"]
        assert not tab.new_button.isEnabled()
        assert not tab.delete_action.isEnabled()
        called: list[object] = []
        monkeypatch.setattr(asks, "ask_edit_post", lambda editor: called.append(editor))
        tab.new_post(DAY)
        assert called == []
        next_day = tab.month_grid.day_rect(DAY + timedelta(days=1)).center()
        assert not tab.month_grid.drop_mime(post_ids_mime([post_id]), next_day)
        tab.delete_selected()
        tab.set_status([post_id], "published")
        assert tab.document.undo_stack.count() == 0

        def look(editor: PostEditor):
            called.append(editor)
            assert not editor.title_edit.isEnabled() or editor.title_edit.isReadOnly()
            assert editor.buttons.button(editor.buttons.StandardButton.Save) is None
            editor.try_accept()
            return editor.result_value()

        monkeypatch.setattr(asks, "ask_edit_post", look)
        tab.edit_post(post_id)
        assert len(called) == 1
        assert tab.document.undo_stack.count() == 0
        assert titles_on(tab, DAY) == ["Look only"]
    finally:
        viewer.close(save=False)
        holder.close(save=False)


def test_empty_mime_or_outside_drop_is_ignored(plan, make_tab):
    tab = make_tab(plan)
    assert not tab.month_grid.drop_mime(QMimeData(), tab.month_grid.day_rect(DAY).center())
    assert not tab.month_grid.drop_mime(post_ids_mime([1]), QPoint(-5, -5))


def test_the_window_has_the_calendar_tab_and_file_import_export(qtbot, tmp_path):
    from smoplanner.ui.appsettings import AppSettings
    from smoplanner.ui.mainwindow import MainWindow

    window = MainWindow(AppSettings())
    qtbot.addWidget(window)
    assert not window.area_actions["import_posts"].isEnabled()
    plan = new_plan(tmp_path / "shop.smoplan")
    window.show_plan(plan)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles.index("&Calendar") > titles.index("&Profiles")
    assert isinstance(window.tab_content("&Calendar"), CalendarTab)
    assert window.area_actions["import_posts"].isEnabled() and window.area_actions["export_posts"].isEnabled()
    window.close_plan()


# --- chips, pillar mix, pillars dialog, ideas drop, Ctrl+N, "only this one", export dates ---------------------


def test_month_chips_show_time_platform_badges_title_status_and_warning(plan, make_tab, qtbot):
    from smoplanner.ui.platform_icons import platform_color

    calm = add(
        plan, record("Sourdough Saturday", at(DAY, 8, 15), platforms=("instagram", "facebook"), status="scheduled")
    )
    loud = add(plan, record("Too many tags", at(DAY + timedelta(days=1), 9), text="#t " * 40))
    tab = make_tab(plan)
    tab.resize(1200, 780)
    show_active(qtbot, tab)
    grid = tab.month_grid
    lay = grid.chip_layout(calm)
    assert lay is not None and lay.two_lines  # one post a day: the title gets a line of its own
    assert lay.time_text == "08:15"
    assert [code for code, _rect in lay.badges] == ["instagram", "facebook"]
    assert lay.title == "Sourdough Saturday"
    assert lay.warning.isNull()
    assert grid.chip_layout(loud).warning.isValid()  # breaks Instagram's hashtag cap

    image = grid.grab().toImage()
    code, badge = lay.badges[0]
    centre = image.pixelColor(badge.center() + QPoint(-3, -3))  # away from the white initials
    brand = platform_color(code)
    assert max(abs(a - b) for a, b in zip(centre.getRgb()[:3], brand.getRgb()[:3], strict=True)) < 40


def test_a_busy_day_keeps_badges_and_a_readable_title_on_one_line_chips(plan, make_tab, qtbot):
    """A compact chip shows at most one badge and "+N" (or none), so badges never overlap the title or
    each other and the title keeps room, at a wide and a narrow window."""
    sets = [("instagram", "facebook"), ("instagram", "facebook", "x", "linkedin"), ("facebook",)]
    ids = {
        add(plan, record(f"Sunday brunch menu {h}", at(DAY, h), platforms=sets[h % 3])): sets[h % 3]
        for h in range(7, 19)
    }
    tab = make_tab(plan)
    show_active(qtbot, tab)
    grid = tab.month_grid
    seen_badges = False
    for size in ((1200, 780), (900, 600)):
        tab.resize(*size)
        qtbot.wait(1)
        visible = [(grid.chip_layout(i), codes) for i, codes in ids.items()]
        visible = [(lay, codes) for lay, codes in visible if lay is not None]
        assert visible and len(visible) < len(ids)  # the rest are behind "+N more"
        for lay, codes in visible:
            assert not lay.two_lines
            assert len(lay.badges) <= 1
            if lay.badges:
                seen_badges = True
                assert lay.badges[0][0] == codes[0]
                assert lay.more_badges == (f"+{len(codes) - 1}" if len(codes) > 1 else "")
            parts = [rect for _c, rect in lay.badges] + [r for r in (lay.more_rect, lay.time) if not r.isNull()]
            for i, one in enumerate(parts):
                assert not one.intersects(lay.title_rect)
                assert not any(one.intersects(other) for other in parts[i + 1 :])
            assert lay.title_rect.width() >= ChipPainter.MIN_TITLE
            assert len(lay.title.rstrip("…")) >= 5
    assert seen_badges


def test_badges_never_overlap_on_a_narrow_two_line_chip(plan, make_tab, qtbot):
    every = ("instagram", "facebook", "x", "linkedin", "tiktok", "threads")
    post_id = add(plan, record("Sourdough Saturday", at(DAY, 8), platforms=every))
    tab = make_tab(plan)
    show_active(qtbot, tab)
    tab.resize(900, 600)
    qtbot.wait(1)
    lay = tab.month_grid.chip_layout(post_id)
    assert lay is not None and lay.two_lines
    rects = [rect for _c, rect in lay.badges]
    assert rects and lay.more_badges == f"+{len(every) - len(rects)}"
    assert all(a.right() < b.left() for a, b in itertools.pairwise(rects))
    assert lay.more_rect.left() > rects[-1].right()


def test_week_chips_show_badges_and_title(plan, make_tab, qtbot):
    post_id = add(plan, record("Rye loaf", at(DAY, 9), platforms=("instagram", "facebook")))
    tab = make_tab(plan)
    show_active(qtbot, tab)
    tab.set_view(WEEK)
    lay = tab.week_grid.chip_layout(post_id)
    assert lay is not None
    assert [c for c, _r in lay.badges] == ["instagram", "facebook"]
    assert lay.time_text == "09:00" and lay.title == "Rye loaf"


def test_pillar_mix_is_readable_at_1200_pixels_and_wraps_when_narrow(plan, make_tab, qtbot):
    names = ["Behind the bar", "New on the menu", "Community", "Offers", "Tips"]
    with plan.session() as s:
        pillars = [store.create_pillar(s, name, "#E07A5F", 20) for name in names]
    for i, pid in enumerate(pillars):
        for j in range(i + 1):
            add(plan, record(f"{names[i]} {j}", at(DAY, 8 + j)), pid)
    tab = make_tab(plan)
    tab.resize(1200, 780)
    show_active(qtbot, tab)
    bar = tab.mix_bar
    assert bar.width() > 800
    texts = [bar.item_texts(i) for i in range(len(names))]
    assert [name for name, _f in texts] == names  # nothing cut short
    assert texts[3][1] == "4 · 27\u00a0% / 20\u00a0%"  # Offers: 4 of 15 posts, target 20%, as German writes it
    # The full sentence is the tooltip.
    assert "Offers: 4 posts of this month's 15 (27\u00a0%); the target is 20\u00a0% of the month" in bar.lines()
    assert bar.heightForWidth(400) > bar.heightForWidth(1200)  # more rows when narrow
    for i in range(len(names)):
        rect = bar.item_rect(i)
        assert bar.rect().contains(rect.adjusted(0, 0, -1, -1)) or bar.height() >= rect.bottom()


def test_manage_pillars_adds_changes_and_deletes_each_undoably(plan, make_tab, monkeypatch):
    from smoplanner.ui.calendar import pillars as pillars_ui
    from smoplanner.ui.calendar.pillars import PillarsDialog

    tab = make_tab(plan)
    dialog = PillarsDialog(tab.document, tab)
    monkeypatch.setattr(pillars_ui, "ask_color", lambda *_a: "#81B29A")
    dialog.name.setText("Tips")
    dialog.color_button.click()
    dialog.target.setValue(30)
    dialog.add_button.click()
    with plan.session() as s:
        assert [(p.name, p.color, p.target_percent) for p in store.list_pillars(s)] == [("Tips", "#81B29A", 30)]
    assert dialog.model.rowCount() == 1

    dialog.table.selectRow(0)
    assert dialog.name.text() == "Tips"
    dialog.target.setValue(40)
    dialog.save_button.click()
    with plan.session() as s:
        assert store.list_pillars(s)[0].target_percent == 40

    dialog.name.setText("")
    dialog.add_button.click()  # the store's message, nothing pushed
    assert dialog.error.text()
    count = tab.document.undo_stack.count()

    dialog.table.selectRow(0)
    dialog.delete_button.click()
    with plan.session() as s:
        assert store.list_pillars(s) == []
    assert tab.document.undo_stack.count() == count + 1
    tab.document.undo_stack.undo()
    tab.document.undo_stack.undo()
    with plan.session() as s:
        assert [(p.name, p.target_percent) for p in store.list_pillars(s)] == [("Tips", 30)]
    dialog.close()


def test_the_editor_sees_pillars_added_in_manage_pillars(plan, make_tab, monkeypatch):
    tab = make_tab(plan)

    def manage(dialog):
        dialog.name.setText("Offers")
        dialog.add_button.click()

    monkeypatch.setattr(asks, "ask_manage_pillars", manage)
    editor = tab._make_editor(tab._editor_setup(), None, DAY, time(9))
    assert editor.pillar_combo.count() == 1  # "No pillar"
    editor.manage_pillars.click()
    assert editor.pillar_combo.findText("Offers") > 0
    editor.deleteLater()


def test_read_only_pillars_dialog_changes_nothing(plan, make_tab):
    from smoplanner.ui.calendar.pillars import PillarsDialog

    path = plan.path
    plan.save()
    plan.close(save=False)
    holder = PlanFile.open(path)
    viewer = PlanFile.open(path, lock="readonly")
    try:
        dialog = PillarsDialog(make_tab(viewer).document)
        assert not dialog.add_button.isEnabled() and not dialog.delete_button.isEnabled()
        dialog.close()
    finally:
        viewer.close(save=False)
        holder.close(save=False)


def test_dropping_a_post_on_the_ideas_list_takes_its_date_away_undoably(plan, make_tab):
    from PySide6.QtGui import QDropEvent

    when = at(DAY, 12)
    post_id = add(plan, record("Maybe later", when))
    tab = make_tab(plan)
    assert tab.backlog_model.rowCount() == 0
    mime = post_ids_mime([post_id])
    event = QDropEvent(
        tab.backlog.rect().center().toPointF(),
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    tab.backlog.dropEvent(event)
    assert event.isAccepted()
    assert titles_on(tab, DAY) == []
    assert [r.title for r in tab.backlog_model.rows] == ["Maybe later"]
    with plan.session() as s:
        assert store.get_post(s, post_id).scheduled_at is None
    assert tab.document.undo_stack.undoText() == "Move to Ideas"
    tab.document.undo_stack.undo()
    assert titles_on(tab, DAY) == ["Maybe later"]
    assert tab.backlog_model.rowCount() == 0


def test_ctrl_shift_n_plans_a_post_and_ctrl_n_stays_new_plan_in_the_calendar(qtbot, tmp_path, monkeypatch):
    from smoplanner.ui.appsettings import AppSettings
    from smoplanner.ui.mainwindow import MainWindow

    window = MainWindow(AppSettings())
    qtbot.addWidget(window)
    plan = new_plan(tmp_path / "shop.smoplan")
    window.show_plan(plan)
    tab = window.tab_content("&Calendar")
    window.tabs.setCurrentIndex([window.tabs.tabText(i) for i in range(window.tabs.count())].index("&Calendar"))
    tab.go_to(DAY)
    new_plans: list[bool] = []
    window.new_action.triggered.disconnect()  # no New Plan dialog in a test: just note that it was asked for
    window.new_action.triggered.connect(lambda *_a: new_plans.append(True))
    monkeypatch.setattr(asks, "ask_edit_post", fill_editor("From the keyboard", "Ctrl+Shift+N", DAY, time(9, 0)))
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    tab.month_grid.setFocus()
    # Ctrl+Shift+N is New Post everywhere; Ctrl+N stays New Plan, in the calendar too.
    qtbot.keyClick(
        tab.month_grid, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert titles_on(tab, DAY) == ["From the keyboard"]
    assert new_plans == []
    qtbot.keyClick(tab.month_grid, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert new_plans == [True]
    window.close_plan()


def test_editing_only_this_one_of_a_repeating_post_leaves_the_others(plan, make_tab, monkeypatch):
    from smoplanner.core.recurrence import Recurrence

    with plan.session() as s:
        _series, ids = store.create_series(
            s, record("Weekly special", at(DAY, 9)), Recurrence("weekly", until=date(2026, 12, 10))
        )
    tab = make_tab(plan)
    monkeypatch.setattr(asks, "ask_series_scope", lambda _parent: "this")

    def fake(editor: PostEditor):
        assert "Part of a repeat" in editor.series_label.text()
        editor.title_edit.setText("Special: pumpkin")
        editor.try_accept()
        return editor.result_value()

    monkeypatch.setattr(asks, "ask_edit_post", fake)
    tab.edit_post(ids[2])
    with plan.session() as s:
        rows = [store.get_post(s, i) for i in ids]
    others = ["Weekly special"] * (len(ids) - 3)
    assert [r.title for r in rows] == ["Weekly special"] * 2 + ["Special: pumpkin"] + others
    assert rows[2].series_id is None and rows[3].series_id is not None
    tab.document.undo_stack.undo()
    with plan.session() as s:
        assert store.get_post(s, ids[2]).title == "Weekly special"
        assert store.get_post(s, ids[2]).series_id == rows[3].series_id

    monkeypatch.setattr(asks, "ask_series_scope", lambda _parent: None)  # cancelled: nothing changes
    tab.edit_post(ids[2])
    with plan.session() as s:
        assert store.get_post(s, ids[2]).title == "Weekly special"


def test_list_filters_by_pillar(plan, make_tab):
    with plan.session() as s:
        offers = store.create_pillar(s, "Offers", "#E07A5F", 20)
    add(plan, record("2 for 1", at(DAY, 9)), offers)
    add(plan, record("Plain", at(DAY, 10)))
    tab = make_tab(plan)
    tab.set_view(LIST)
    panel = tab.list_panel
    panel.pillar_filter.setCurrentIndex(panel.pillar_filter.findData("Offers"))
    assert panel.proxy.rowCount() == 1
    assert panel.proxy.index(0, 1).data() == "2 for 1"


def test_export_dates_start_as_the_month_the_calendar_shows(plan, make_tab, monkeypatch):
    from smoplanner.ui.calendar import transfer

    tab = make_tab(plan)
    tab.go_to(date(2027, 2, 10))
    seen: list[tuple[date, date]] = []

    def look(dialog):
        s, e = dialog.start.date(), dialog.end.date()
        seen.append((date(s.year(), s.month(), s.day()), date(e.year(), e.month(), e.day())))
        return None

    monkeypatch.setattr(asks, "ask_export", look)
    parent = tab.parentWidget() or tab
    transfer.run_export(parent, tab.document)
    assert seen == [(date(2027, 2, 1), date(2027, 2, 28))]


def test_posts_near_midnight_sit_on_their_local_day_in_month_and_week(plan, make_tab):
    utc = ZoneInfo("UTC")
    # 23:30 in Berlin is 22:30Z the same day; 00:15 in Berlin is 23:15Z the day before.
    late = add(plan, record("Late", datetime(2026, 11, 12, 22, 30, tzinfo=utc)))
    early = add(plan, record("Early", datetime(2026, 11, 12, 23, 15, tzinfo=utc)))
    # At the edges of the week (Mon 9 to Sun 15 Nov) and of the month.
    monday = add(plan, record("Monday 00:15", datetime(2026, 11, 8, 23, 15, tzinfo=utc)))
    sunday = add(plan, record("Sunday 23:30", datetime(2026, 11, 15, 22, 30, tzinfo=utc)))
    add(plan, record("Last of November", datetime(2026, 11, 30, 22, 30, tzinfo=utc)))
    add(plan, record("First of December", datetime(2026, 11, 30, 23, 15, tzinfo=utc)))
    tab = make_tab(plan)
    assert titles_on(tab, DAY) == ["Late"]
    assert titles_on(tab, DAY + timedelta(days=1)) == ["Early"]
    assert titles_on(tab, date(2026, 11, 8)) == [] and titles_on(tab, date(2026, 11, 9)) == ["Monday 00:15"]
    assert titles_on(tab, date(2026, 11, 15)) == ["Sunday 23:30"]
    assert titles_on(tab, date(2026, 11, 30)) == ["Last of November"]
    assert titles_on(tab, date(2026, 12, 1)) == ["First of December"]
    assert tab.month_grid.month_post_count() == 5

    tab.set_view(WEEK)
    grid = tab.week_grid
    bottom = 24 * grid.HOUR_H
    expected = {late: DAY, early: DAY + timedelta(days=1), monday: date(2026, 11, 9), sunday: date(2026, 11, 15)}
    for post_id, day in expected.items():
        rect = grid.chip_rect(post_id)
        assert not rect.isEmpty(), post_id
        found_day, _minute, found = grid.at(rect.center())
        assert (found_day, found.id) == (day, post_id)
        assert rect.bottom() < bottom  # a late chip stays whole inside the day, not cut off at midnight
    assert grid.chip_rect(early).top() < grid.HOUR_H  # just after midnight: at the top of its day


# --- opening a chip, Today and Go to, media notes and alt text ------------------------------------------------


def note_opened(monkeypatch) -> list[tuple[int | None, str]]:
    """Replace ask_edit_post with one that notes which post the editor showed, then cancels."""
    opened: list[tuple[int | None, str]] = []

    def fake(editor: PostEditor):
        opened.append((editor.post.id if editor.post is not None else None, editor.title_edit.text()))
        return None

    monkeypatch.setattr(asks, "ask_edit_post", fake)
    return opened


def test_double_clicking_a_chip_opens_that_post_in_the_editor(plan, make_tab, qtbot, monkeypatch):
    add(plan, record("Pretzel day", at(DAY, 7)))
    second = add(plan, record("Bagel Friday", at(DAY, 11)))
    tab = make_tab(plan)
    show_active(qtbot, tab)
    opened = note_opened(monkeypatch)
    grid = tab.month_grid
    chip = grid.chip_rect(second)
    assert not chip.isEmpty()
    qtbot.mouseDClick(grid, Qt.MouseButton.LeftButton, pos=chip.center())
    assert opened == [(second, "Bagel Friday")]
    assert tab.document.undo_stack.count() == 0  # cancelled: nothing changed


def test_enter_on_a_selected_chip_opens_that_post_not_the_day(plan, make_tab, qtbot, monkeypatch):
    add(plan, record("Pretzel day", at(DAY, 7)))
    second = add(plan, record("Bagel Friday", at(DAY, 11)))
    tab = make_tab(plan)
    show_active(qtbot, tab)
    opened = note_opened(monkeypatch)
    grid = tab.month_grid
    qtbot.mouseClick(grid, Qt.MouseButton.LeftButton, pos=grid.chip_rect(second).center())
    assert grid.selected_post == second
    assert opened == []  # a single click only selects
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert opened == [(second, "Bagel Friday")]
    qtbot.keyClick(grid, Qt.Key.Key_Enter)  # the keypad's Enter too
    assert opened == [(second, "Bagel Friday")] * 2


def test_today_button_shows_this_month_and_selects_today(plan, make_tab, qtbot):
    today = date.today()
    tab = make_tab(plan)
    away = date(today.year + 2, 3, 9)
    tab.go_to(away)
    assert tab.title.text() == f"März {away.year}"  # the plan's locale is de_DE
    add(plan, record("Today's loaf", datetime.combine(today, time(9), tab.ctx.tz)))
    qtbot.mouseClick(tab.today_button, Qt.MouseButton.LeftButton)
    assert tab.title.text() == Month.of(today).label("de_DE")
    assert (tab.month_grid.year, tab.month_grid.month) == (today.year, today.month)
    assert tab.selected_day == today and tab.month_grid.selected_day == today
    assert not tab.month_grid.day_rect(today).isNull()
    assert titles_on(tab, today) == ["Today's loaf"]


def test_go_to_asks_for_a_date_then_shows_its_month_with_the_day_selected(plan, make_tab, qtbot, monkeypatch):
    target = date(2027, 3, 9)
    add(plan, record("Spring menu", at(target, 10)))
    tab = make_tab(plan)
    asked: list[date] = []

    def pick(_parent, current: date):
        asked.append(current)
        return target

    monkeypatch.setattr(asks, "ask_date", pick)
    qtbot.mouseClick(tab.goto_button, Qt.MouseButton.LeftButton)
    assert asked == [DAY]  # the picker starts on the selected day
    assert tab.title.text() == "März 2027"
    assert (tab.month_grid.year, tab.month_grid.month) == (2027, 3)
    assert tab.selected_day == target and tab.month_grid.selected_day == target
    assert titles_on(tab, target) == ["Spring menu"]

    monkeypatch.setattr(asks, "ask_date", lambda _parent, _current: None)  # cancelled: stay put
    qtbot.mouseClick(tab.goto_button, Qt.MouseButton.LeftButton)
    assert tab.title.text() == "März 2027" and tab.selected_day == target


def test_media_notes_and_alt_text_typed_in_the_editor_are_saved_with_the_post(plan, make_tab, monkeypatch):
    tab = make_tab(plan)
    fill = fill_editor("Stollen preorders open", "Order now!", DAY)

    def fake(editor: PostEditor):
        editor.media_notes.setPlainText("Photo of the stollen on the counter, shared folder /shoot-nov")
        editor.alt_text.setText("Three stollen dusted with sugar on a wooden board")
        return fill(editor)

    monkeypatch.setattr(asks, "ask_edit_post", fake)
    tab.new_post(DAY)
    [post] = tab.month_grid.posts_on(DAY)
    with plan.session() as s:
        saved = store.get_post(s, post.id)
    assert saved.media_notes == "Photo of the stollen on the counter, shared folder /shoot-nov"
    assert saved.alt_text == "Three stollen dusted with sugar on a wooden board"

    shown: list[tuple[str, str]] = []

    def look(editor: PostEditor):
        shown.append((editor.media_notes.toPlainText(), editor.alt_text.text()))
        return None

    monkeypatch.setattr(asks, "ask_edit_post", look)
    tab.edit_post(post.id)  # opening the post again shows them
    assert shown == [(saved.media_notes, saved.alt_text)]
