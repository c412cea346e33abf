"""The command layer: a change that fails is reported once, leaves the plan as it was and is not kept for undo."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from helpers import new_plan
from sqlalchemy.orm import Session

from smoplanner.core.posts import PostRecord
from smoplanner.store import posts as store
from smoplanner.store.planfile import PlanFile
from smoplanner.store.profiles import load_snapshot
from smoplanner.ui.calendar.commands import CreatePostsCommand, DeletePostsCommand, PillarCommand
from smoplanner.ui.calendar.tab import LIST, CalendarTab
from smoplanner.ui.changes import Change
from smoplanner.ui.document import PlanDocument
from smoplanner.ui.profiles.commands import SetLimitCommand

BERLIN = ZoneInfo("Europe/Berlin")


def _record(title: str = "Brunch") -> PostRecord:
    return PostRecord(
        title=title,
        text="Sunday brunch from 9",
        platforms=("instagram",),
        scheduled_at=datetime(2026, 11, 12, 9, tzinfo=BERLIN),
        status="draft",
    )


@pytest.fixture
def plan(tmp_path: Path):
    plan = new_plan(tmp_path / "bakery.smoplan")
    yield plan
    if not plan.closed:
        plan.close(save=False)


class Seen:
    """What the document told the views: failure messages and change flags."""

    def __init__(self, document: PlanDocument) -> None:
        self.messages: list[str] = []
        self.changes: list[Change] = []
        document.edit_failed.connect(self.messages.append)
        document.changed.connect(self.changes.append)


@pytest.fixture
def document(qtbot, plan: PlanFile) -> PlanDocument:
    return PlanDocument(plan)


@pytest.fixture
def seen(document: PlanDocument) -> Seen:
    return Seen(document)


def _titles(plan: PlanFile) -> list[str]:
    with plan.session() as s:
        return [row.title for row in store.all_posts(s)]


class HalfDoneCommand(CreatePostsCommand):
    """Adds its post, then fails: the post must not stay in the plan."""

    def apply(self, s: Session) -> None:
        super().apply(s)
        raise ValueError("The second half could not be written.")


class UndoFailsCommand(CreatePostsCommand):
    """Adds a post; its undo deletes it and then fails."""

    def revert(self, s: Session) -> None:
        super().revert(s)
        raise LookupError("there is no post 99")


def test_a_command_that_succeeds_is_kept_and_tells_the_views_what_changed(
    document: PlanDocument, seen: Seen, plan: PlanFile
) -> None:
    document.push(CreatePostsCommand(document, _record(), None))
    assert _titles(plan) == ["Brunch"]
    assert document.undo_stack.count() == 1 and document.undo_stack.canUndo()
    assert seen.changes == [Change.POSTS] and seen.messages == []
    document.undo_stack.undo()
    assert _titles(plan) == []
    document.undo_stack.redo()
    assert _titles(plan) == ["Brunch"]
    assert seen.changes == [Change.POSTS] * 3


def test_a_command_that_fails_half_way_leaves_the_plan_unchanged_and_is_not_kept(
    document: PlanDocument, seen: Seen, plan: PlanFile
) -> None:
    document.push(HalfDoneCommand(document, _record(), None, text="New Post"))
    assert _titles(plan) == []  # the post it added was rolled back with the rest
    assert document.undo_stack.count() == 0 and not document.undo_stack.canUndo()
    assert seen.messages == ["“New Post” could not be done: The second half could not be written."]
    assert seen.changes == []
    assert not plan.is_dirty


def test_qundostack_drops_a_command_that_fails_in_its_first_redo(
    document: PlanDocument, seen: Seen, plan: PlanFile
) -> None:
    """Pushed on the stack directly (not through the document), the failed command is made obsolete and
    QUndoStack deletes it instead of keeping it."""
    document.push(CreatePostsCommand(document, _record("Kept"), None))
    document.undo_stack.push(HalfDoneCommand(document, _record(), None, text="New Post"))
    assert document.undo_stack.count() == 1
    assert document.undo_stack.undoText() == "New Post"  # the first one, still there
    assert len(seen.messages) == 1
    document.undo_stack.undo()
    assert _titles(plan) == []


def test_a_failed_change_keeps_the_redo_history(document: PlanDocument, seen: Seen, plan: PlanFile) -> None:
    document.push(CreatePostsCommand(document, _record("Brunch"), None))
    document.undo_stack.undo()
    assert document.undo_stack.canRedo()
    document.push(HalfDoneCommand(document, _record("Other"), None))
    assert document.undo_stack.canRedo() and document.undo_stack.count() == 1
    document.undo_stack.redo()
    assert _titles(plan) == ["Brunch"]
    assert len(seen.messages) == 1


def test_an_undo_that_fails_leaves_the_plan_as_it_was_and_drops_the_command(
    document: PlanDocument, seen: Seen, plan: PlanFile
) -> None:
    document.push(CreatePostsCommand(document, _record("First"), None))
    document.push(UndoFailsCommand(document, _record("Second"), None, text="New Post"))
    assert document.undo_stack.count() == 2
    seen.changes.clear()

    document.undo_stack.undo()
    assert sorted(_titles(plan)) == ["First", "Second"]  # the delete was rolled back
    assert document.undo_stack.count() == 1
    assert not document.undo_stack.canRedo()  # the failed command is gone, not waiting to be redone
    assert seen.messages == ["Undo of “New Post” could not be done: there is no post 99"]
    assert seen.changes == []
    document.undo_stack.undo()  # the earlier command still undoes
    assert _titles(plan) == ["Second"]


def test_a_redo_that_fails_is_reported_and_dropped(document: PlanDocument, seen: Seen, plan: PlanFile) -> None:
    create = CreatePostsCommand(document, _record(), None)
    document.push(create)
    document.push(DeletePostsCommand(document, create.ids))
    document.undo_stack.undo()
    with plan.session() as s:  # the post goes behind the command's back
        store.delete_posts(s, create.ids)
    document.undo_stack.redo()
    assert document.undo_stack.count() == 1 and not document.undo_stack.canRedo()
    assert len(seen.messages) == 1 and seen.messages[0].startswith("“Delete Post” could not be done")


def test_an_unexpected_error_is_told_plainly_and_logged(
    document: PlanDocument, seen: Seen, plan: PlanFile, caplog: pytest.LogCaptureFixture
) -> None:
    class Broken(CreatePostsCommand):
        def apply(self, s: Session) -> None:
            super().apply(s)
            raise KeyError("pillar_id")

    document.push(Broken(document, _record(), None, text="New Post"))
    assert _titles(plan) == [] and document.undo_stack.count() == 0
    assert seen.messages == ["“New Post” could not be done because of an unexpected error; the details are in the log."]
    assert "KeyError" in caplog.text


def test_a_profile_command_that_the_store_refuses_is_reported_once(
    document: PlanDocument, seen: Seen, plan: PlanFile
) -> None:
    revealed: list[str] = []
    document.push(SetLimitCommand(document, "Change bio limit", "instagram", "bio", None, -5, revealed.append))
    assert seen.messages == ["“Change bio limit” could not be done: A limit is a whole number, 0 or more."]
    assert document.undo_stack.count() == 0 and revealed == []
    with plan.session() as s:
        assert load_snapshot(s).overrides == {}

    document.push(SetLimitCommand(document, "Change bio limit", "instagram", "bio", None, 120, revealed.append))
    assert revealed == ["instagram"] and seen.changes == [Change.PROFILES]
    document.undo_stack.undo()
    assert revealed == ["instagram", "instagram"]
    with plan.session() as s:
        assert load_snapshot(s).overrides == {}


def test_deleting_a_pillar_tells_views_of_pillars_and_posts(document: PlanDocument, seen: Seen) -> None:
    document.push(PillarCommand(document, "Add Pillar Tips", create=("Tips", "#81B29A", 30)))
    with document.plan.session() as s:
        (pillar,) = store.list_pillars(s)
    document.push(PillarCommand(document, "Delete Pillar", delete=pillar.id))
    assert seen.changes == [Change.PILLARS, Change.PILLARS | Change.POSTS]


def test_the_calendar_offers_a_pillar_as_soon_as_it_is_added(qtbot, document: PlanDocument) -> None:
    """The list's pillar filter and "Set Pillar" menu follow the pillars without reopening the plan."""
    tab = CalendarTab(document)
    qtbot.addWidget(tab)
    tab.set_view(LIST)
    panel = tab.list_panel
    assert panel.pillar_filter.findData("Offers") < 0
    document.push(PillarCommand(document, "Add Pillar Offers", create=("Offers", "#E07A5F", 20)))
    assert panel.pillar_filter.findData("Offers") >= 0
    assert "Offers" in [a.text() for a in panel.pillar_menu.actions()]
    document.undo_stack.undo()
    assert panel.pillar_filter.findData("Offers") < 0


def test_change_all_covers_every_flag() -> None:
    assert all(flag in Change.ALL for flag in Change)
    assert not Change.HASHTAGS & (Change.POSTS | Change.SETTINGS)


def test_the_calendar_and_profiles_ignore_changes_they_do_not_show(qtbot, document: PlanDocument) -> None:
    tab = CalendarTab(document)
    qtbot.addWidget(tab)
    loads: list[bool] = []
    tab.load_visible = lambda: loads.append(True)  # type: ignore[method-assign]
    document.changed.emit(Change.HASHTAGS)
    document.changed.emit(Change.FILE)
    assert loads == []
    document.changed.emit(Change.SETTINGS)
    document.changed.emit(Change.POSTS | Change.HASHTAGS)
    assert loads == [True, True]
