"""The Engagement tab: the queue worked from the keyboard, quick entry, statistics, the overdue count, undo."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, time, timedelta

import pytest
from helpers import new_plan
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from smoplanner.core.engagement import ItemRecord
from smoplanner.store import engagement as store
from smoplanner.store.planfile import PlanFile
from smoplanner.ui.document import PlanDocument
from smoplanner.ui.engagement import dialogs, models
from smoplanner.ui.engagement.models import COLUMNS, OVERDUE_MARK, EngagementItemModel, ItemPreviewModel
from smoplanner.ui.engagement.tab import EngagementTab

#: A fixed "now" (a Wednesday in the middle of a month), so nothing here depends on the clock.
NOW = datetime(2026, 12, 9, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    monkeypatch.setattr(models, "current_time", lambda: NOW)


@pytest.fixture
def plan(tmp_path):
    plan = new_plan(tmp_path / "plan.smoplan")
    with plan.session() as s:
        store.set_targets(s, {("", "comment"): 60, ("", "message"): 60, ("", "review"): 60})
        store.set_business_hours(s, {}, {})  # around the clock, so "overdue" does not depend on the weekday
    yield plan
    plan.close(save=False)


def _tab(qtbot, plan: PlanFile) -> tuple[PlanDocument, EngagementTab]:
    document = PlanDocument(plan)
    tab = EngagementTab(document)
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    tab.show()
    return document, tab


def _old_items(plan: PlanFile) -> list[int]:
    now = NOW
    with plan.session() as s:
        return store.create_items(
            s,
            [
                ItemRecord("instagram", "comment", "@ana", "Open on Sunday?", now - timedelta(hours=5)),
                ItemRecord("facebook", "review", "Ben", "Cold coffee", now - timedelta(hours=3), sentiment="negative"),
                ItemRecord("instagram", "comment", "@cy", "Love it", now - timedelta(hours=4), "answered", now),
            ],
        )


def _cells(tab: EngagementTab, column: int) -> list[str]:
    return [tab.model.index(r, column).data() for r in range(tab.model.rowCount())]


def test_enter_three_items_from_the_keyboard(qtbot, plan) -> None:
    document, tab = _tab(qtbot, plan)
    tab.entry_kind.setCurrentIndex(tab.entry_kind.findData("message"))
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow)
    tab.entry_author.setFocus()

    def focused() -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None
        return widget

    for author, text in (("Ana", "Table for two?"), ("Ben", "Vegan cake?"), ("Cy", "Dogs allowed?")):
        qtbot.keyClicks(focused(), author)
        qtbot.keyClick(focused(), Qt.Key.Key_Return)  # author -> text
        qtbot.keyClicks(focused(), text)
        qtbot.keyClick(focused(), Qt.Key.Key_Return)  # adds, back to the author
    assert focused() is tab.entry_author
    assert sorted(_cells(tab, 3)) == ["Ana", "Ben", "Cy"]
    assert set(_cells(tab, 2)) == {"Direct message"}  # the kind was remembered
    qtbot.keyClick(focused(), Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)  # to the queue
    assert focused() is tab.table
    qtbot.keyClick(tab.table, Qt.Key.Key_Down)
    qtbot.keyClick(tab.table, Qt.Key.Key_A)  # the first item stays, the one below is answered
    assert tab.model.rowCount() == 2
    document.undo_stack.undo()
    assert tab.model.rowCount() == 3
    qtbot.keyClick(tab.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert focused() is tab.search


def test_queue_shows_only_open_items_most_overdue_first_and_highlights_them(qtbot, plan) -> None:
    _old_items(plan)
    _document, tab = _tab(qtbot, plan)
    assert _cells(tab, 3) == ["@ana", "Ben"]  # the answered item is not in the queue
    due = tab.model.index(0, 0)
    assert due.data().startswith(OVERDUE_MARK)
    assert due.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert due.data(Qt.ItemDataRole.FontRole).bold()
    tab.status_filter.setCurrentIndex(tab.status_filter.findData(""))
    assert tab.model.rowCount() == 3
    tab.search.setText("cold")
    assert _cells(tab, 3) == ["Ben"]


def test_mark_answered_changes_statistics_and_title_and_undo_restores(qtbot, plan) -> None:
    ids = _old_items(plan)
    document, tab = _tab(qtbot, plan)
    titles: list[str] = []
    tab.title_changed.connect(titles.append)
    tab.refresh_statistics()
    assert titles[-1] == "E&ngagement (2 overdue)"
    assert "Answered <b>1</b>" in tab.stats.text()
    tab.table.setFocus()
    tab._select_row(0)
    qtbot.keyClick(tab.table, Qt.Key.Key_A)
    assert titles[-1] == "E&ngagement (1 overdue)"
    assert "Answered <b>2</b>" in tab.stats.text()
    assert "Overdue now <b>1</b>" in tab.stats.text()
    assert _cells(tab, 3) == ["Ben"]
    with plan.session() as s:
        answered = store.get_item(s, ids[0])
    assert answered.status == "answered" and answered.answered_at == NOW
    document.undo_stack.undo()
    with plan.session() as s:
        back = store.get_item(s, ids[0])
    assert back.status == "new" and back.answered_at is None
    assert titles[-1] == "E&ngagement (2 overdue)"


def test_triage_keys_escalate_set_sentiment_and_assign(qtbot, plan, monkeypatch) -> None:
    ids = _old_items(plan)
    _document, tab = _tab(qtbot, plan)
    tab.table.setFocus()
    tab._select_row(0)
    qtbot.keyClick(tab.table, Qt.Key.Key_E)
    qtbot.keyClick(tab.table, Qt.Key.Key_Minus)
    monkeypatch.setattr(dialogs, "ask_assignee", lambda *_a: "Mara")
    qtbot.keyClick(tab.table, Qt.Key.Key_T)
    with plan.session() as s:
        item = store.get_item(s, ids[0])
    assert (item.status, item.sentiment, item.assignee) == ("escalated", "negative", "Mara")
    assert tab.assignee_filter.findData("Mara") >= 0
    tab._select_row(0)
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert tab.model.rowCount() == 1
    _document.undo_stack.undo()
    with plan.session() as s:
        assert store.get_item(s, ids[0]) == item  # back as it was, with its id


def test_a_saved_reply_is_filled_copied_and_recorded(qtbot, plan, monkeypatch) -> None:
    ids = _old_items(plan)
    with plan.session() as s:
        store.save_reply(s, "Hours", "Hi {name}, {business} is open daily. See you on {platform}!")
        reply = store.saved_replies(s)[0]
    _document, tab = _tab(qtbot, plan)
    monkeypatch.setattr(dialogs, "ask_reply", lambda _parent, replies: replies[0])
    tab.table.setFocus()
    tab._select_row(0)
    qtbot.keyClick(tab.table, Qt.Key.Key_R)
    assert QGuiApplication.clipboard().text() == "Hi ana, Bäckerei Sonne is open daily. See you on Instagram!"
    with plan.session() as s:
        assert store.get_item(s, ids[0]).reply_used == reply.name


def test_paste_lines_with_a_preview(qtbot, plan, monkeypatch) -> None:
    _document, tab = _tab(qtbot, plan)
    seen = []

    def fake(_parent, text, platform, kind, received, *_rest):
        records = dialogs.parse_lines(text, platform, kind, received)
        seen.extend(records)
        return records

    QGuiApplication.clipboard().setText("Ana: First\n\nBen\tSecond\nJust a text\n")
    monkeypatch.setattr(dialogs, "ask_paste", fake)
    tab.paste_button.click()
    assert [(r.author, r.text) for r in seen] == [("Ana", "First"), ("Ben", "Second"), ("", "Just a text")]
    assert tab.model.rowCount() == 3


def test_hours_and_targets_dialog_result_is_one_undoable_step(qtbot, plan, monkeypatch) -> None:
    document, tab = _tab(qtbot, plan)
    week = {day: ((time(8), time(18)),) for day in range(1, 7)}
    monkeypatch.setattr(dialogs, "ask_hours", lambda *_a: (week, {}, {("", "comment"): 120}))
    tab.hours_button.click()
    with plan.session() as s:
        assert store.get_week(s) == week and store.get_targets(s) == {("", "comment"): 120}
    document.undo_stack.undo()
    with plan.session() as s:
        assert store.get_week(s) == {} and store.get_targets(s)[("", "review")] == 60


def test_read_only_plans_edit_nothing_and_say_so(qtbot, tmp_path) -> None:
    path = tmp_path / "ro.smoplan"
    plan = new_plan(path)
    _old_items(plan)
    plan.save()
    plan.close(save=False)
    read_only = PlanFile.open(path, lock="none")
    try:
        _document, tab = _tab(qtbot, read_only)
        assert not tab.add_button.isEnabled() and tab.read_only_label.isVisible()
        tab.table.setFocus()
        tab._select_row(0)
        qtbot.keyClick(tab.table, Qt.Key.Key_A)
        assert "read-only" in tab.read_only_label.text()
        with read_only.session() as s:
            assert [r.status for r in store.export_items(s)].count("answered") == 1
    finally:
        read_only.close(save=False)


def test_models_pass_the_model_tester(qtmodeltester, plan) -> None:
    _old_items(plan)
    model = EngagementItemModel(plan)
    model.reload()
    qtmodeltester.check(model)
    preview = ItemPreviewModel()
    preview.set_records(dialogs.parse_lines("a: b\nc", "instagram", "comment", datetime.now(UTC)))
    qtmodeltester.check(preview)


def test_enter_opens_the_item_to_link_a_post_and_change_the_answer_time(qtbot, plan, monkeypatch) -> None:
    from smoplanner.core.posts import PostRecord
    from smoplanner.store.posts import create_post

    ids = _old_items(plan)
    with plan.session() as s:
        post_id = create_post(s, PostRecord("Buns", "Fresh buns", ("instagram",), NOW - timedelta(days=1)))
    document, tab = _tab(qtbot, plan)
    offered = []

    def answer(_parent, record, _platforms, _tz, posts, _locale):
        offered.extend(posts)
        return replace(record, status="answered", answered_at=NOW - timedelta(hours=1), post_id=posts[0][0])

    monkeypatch.setattr(dialogs, "ask_item", answer)
    tab.table.setFocus()
    tab._select_row(0)
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert [p[0] for p in offered] == [post_id]
    with plan.session() as s:
        item = store.get_item(s, ids[0])
    assert item.answered_at == NOW - timedelta(hours=1) and item.post_id == post_id
    tab.status_filter.setCurrentIndex(tab.status_filter.findData(""))
    post_column = [name for _key, name in COLUMNS].index("Post")
    assert "Buns" in _cells(tab, post_column)
    document.undo_stack.undo()
    with plan.session() as s:
        assert store.get_item(s, ids[0]).post_id is None


def test_saved_replies_are_added_changed_and_deleted_each_undoable(qtbot, plan, monkeypatch) -> None:
    document, tab = _tab(qtbot, plan)

    def work(dialog: dialogs.RepliesDialog) -> None:
        dialog.name.setText("Hours")
        dialog.text.setPlainText("Open daily, {name}!")
        dialog.save_button.click()
        dialog.new_button.click()
        dialog.name.setText("Thanks")
        dialog.text.setPlainText("Thank you, {name}.")
        dialog.save_button.click()
        assert [r.name for r in dialog.replies] == ["Hours", "Thanks"]
        dialog.list.setCurrentRow(0)
        dialog.text.setPlainText("Open Tuesday to Sunday, {name}!")
        dialog.save_button.click()
        dialog.list.setCurrentRow(1)
        dialog.delete_button.click()
        dialog.new_button.click()
        dialog.name.setText("Hours")  # a name taken: refused, and said why
        dialog.save_button.click()

    monkeypatch.setattr(dialogs, "ask_manage_replies", work)
    failures: list[str] = []
    document.edit_failed.connect(failures.append)
    tab.replies_button.click()
    with plan.session() as s:
        assert [(r.name, r.text) for r in store.saved_replies(s)] == [("Hours", "Open Tuesday to Sunday, {name}!")]
    assert failures and "already a saved reply" in failures[0]
    document.undo_stack.undo()  # the deletion
    document.undo_stack.undo()  # the change of text
    with plan.session() as s:
        assert [(r.name, r.text) for r in store.saved_replies(s)] == [
            ("Hours", "Open daily, {name}!"),
            ("Thanks", "Thank you, {name}."),
        ]


def test_every_column_sorts(qtbot, plan) -> None:
    _old_items(plan)
    _document, tab = _tab(qtbot, plan)
    tab.status_filter.setCurrentIndex(tab.status_filter.findData(""))
    for column in range(len(COLUMNS)):
        tab.table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
        assert tab.model.rowCount() == 3
    author = [name for _key, name in COLUMNS].index("Author")
    tab.table.sortByColumn(author, Qt.SortOrder.AscendingOrder)
    assert _cells(tab, author) == ["@ana", "@cy", "Ben"]


def test_a_platform_target_set_in_the_hours_dialog_makes_its_items_overdue(qtbot, plan, monkeypatch) -> None:
    document, tab = _tab(qtbot, plan)
    three_hours_ago = NOW - timedelta(hours=3)  # the plan is open around the clock: three business hours
    with plan.session() as s:
        instagram, facebook = store.create_items(
            s,
            [
                ItemRecord("instagram", "message", "@ana", "Open on Sunday?", three_hours_ago),
                ItemRecord("facebook", "message", "Ben", "Gluten free?", three_hours_ago),
            ],
        )
    seen = []

    def fill(parent, week, holidays, targets, platforms, _locale):
        dialog = dialogs.HoursDialog(week, holidays, targets, parent, platforms)
        seen.append(dialog)
        assert ("instagram", "message") in dialog.cells and ("facebook", "message") in dialog.cells
        assert dialog.cells[("facebook", "message")].text() == ""  # empty: as for all platforms
        dialog.cells[("", "message")].setText("4")
        assert dialog.cells[("facebook", "message")].placeholderText() == "4 h"
        dialog.cells[("instagram", "message")].setText("abc")
        dialog._accept()
        assert dialog.answer is None and "Instagram" in dialog.error.text()
        dialog.cells[("instagram", "message")].setText("2")
        dialog._accept()
        return dialog.answer

    monkeypatch.setattr(dialogs, "ask_hours", fill)
    tab.hours_button.click()
    assert seen
    with plan.session() as s:
        assert store.get_targets(s)[("instagram", "message")] == 120
        assert ("facebook", "message") not in store.get_targets(s)
        rows = store.item_rows(s, [instagram, facebook])
        assert store.overdue_count(s, NOW) == 1
    assert rows[instagram].due_at == three_hours_ago + timedelta(hours=2) < NOW
    assert rows[facebook].due_at == three_hours_ago + timedelta(hours=4) > NOW
    due = {tab.model.index(r, 3).data(): tab.model.index(r, 0).data() for r in range(tab.model.rowCount())}
    assert due["@ana"].startswith(OVERDUE_MARK) and not due["Ben"].startswith(OVERDUE_MARK)
    document.undo_stack.undo()
    with plan.session() as s:
        assert store.get_targets(s) == {("", "comment"): 60, ("", "message"): 60, ("", "review"): 60}
        assert store.item_rows(s, [facebook])[facebook].due_at == three_hours_ago + timedelta(hours=1)


def test_quick_entry_takes_a_typed_received_time_and_keeps_it(qtbot, plan, monkeypatch) -> None:
    _document, tab = _tab(qtbot, plan)
    errors = []
    monkeypatch.setattr(dialogs, "show_error", lambda _parent, _title, text: errors.append(text))
    tab.entry_received.setText("yesterday 18:30")  # Berlin time: 17:30 UTC on 8 December
    tab.entry_author.setText("Ana")
    tab.entry_text.setText("Table for two?")
    qtbot.keyClick(tab.entry_text, Qt.Key.Key_Return)
    assert tab.entry_received.text() == "yesterday 18:30" and tab.entry_author.text() == ""
    with plan.session() as s:
        (item_id,) = store.item_ids(s, store.ItemFilter())
        record, row = store.get_item(s, item_id), store.item_rows(s, [item_id])[item_id]
    received = datetime(2026, 12, 8, 17, 30, tzinfo=UTC)
    assert record.received_at == received and row.due_at == received + timedelta(hours=1)
    tab.entry_received.setText("tomorrow 9:00")
    tab.entry_author.setText("Ben")
    tab.add_button.click()
    assert len(errors) == 1 and "tomorrow 9:00" in errors[0] and tab.model.rowCount() == 1
    assert tab.entry_author.text() == "Ben"  # nothing lost
    tab.entry_received.clear()  # empty: now again
    tab.add_button.click()
    with plan.session() as s:
        assert {r.received_at for r in store.get_items(s, store.item_ids(s, store.ItemFilter())).values()} == {
            received,
            NOW,
        }
