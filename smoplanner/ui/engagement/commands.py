"""Undoable Engagement edits: each one calls store functions in one short Session and can put things back."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from sqlalchemy.orm import Session

from smoplanner.core.engagement import Interval, ItemRecord
from smoplanner.store import engagement as store
from smoplanner.ui.changes import Change
from smoplanner.ui.document import PlanCommand, PlanDocument


def _plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {words or word + 's'}"


class AddItemsCommand(PlanCommand):
    """Add items (typed, pasted or imported); undo removes them, redo puts them back with the same ids."""

    changes = Change.ENGAGEMENT

    def __init__(self, document: PlanDocument, records: Sequence[ItemRecord], text: str = "") -> None:
        super().__init__(document, text or f"Add {_plural(len(records), 'Item')}")
        self.records = list(records)
        self.ids: list[int] = []

    def apply(self, s: Session) -> None:
        self.ids = store.create_items(s, self.records, ids=self.ids or None)

    def revert(self, s: Session) -> None:
        store.delete_items(s, self.ids)


class ImportedItemsCommand(AddItemsCommand):
    """An import that already ran on a worker: its first redo only tells the views; undo removes the items."""

    def __init__(self, document: PlanDocument, records: Sequence[ItemRecord], ids: Sequence[int], name: str) -> None:
        super().__init__(document, records, f"Import {_plural(len(records), 'Item')} from {name}")
        self.ids = list(ids)
        self._first = True

    def apply(self, s: Session) -> None:
        if self._first:
            self._first = False
            return
        super().apply(s)


class EditItemsCommand(PlanCommand):
    """Give items new values (status, answer time, assignee, sentiment, any field); undo restores the old ones."""

    changes = Change.ENGAGEMENT

    def __init__(self, document: PlanDocument, text: str, records: Mapping[int, ItemRecord]) -> None:
        super().__init__(document, text)
        self.records = dict(records)
        self._before: dict[int, ItemRecord] = {}

    def apply(self, s: Session) -> None:
        self._before = store.get_items(s, self.records)
        store.update_items(s, self.records)

    def revert(self, s: Session) -> None:
        store.update_items(s, self._before)


class DeleteItemsCommand(PlanCommand):
    changes = Change.ENGAGEMENT

    def __init__(self, document: PlanDocument, ids: Sequence[int]) -> None:
        super().__init__(document, f"Delete {_plural(len(ids), 'Item')}")
        self.ids = list(ids)
        self._before: dict[int, ItemRecord] = {}

    def apply(self, s: Session) -> None:
        self._before = store.get_items(s, self.ids)
        store.delete_items(s, self.ids)

    def revert(self, s: Session) -> None:
        ids = list(self._before)
        store.create_items(s, [self._before[i] for i in ids], ids=ids)


class SetHoursAndTargetsCommand(PlanCommand):
    """Replace the business hours, holidays and response-time targets (every deadline is recounted)."""

    changes = Change.ENGAGEMENT

    def __init__(
        self,
        document: PlanDocument,
        week: Mapping[int, Sequence[Interval]],
        holidays: Mapping[date, str],
        targets: Mapping[tuple[str, str], int],
    ) -> None:
        super().__init__(document, "Change Business Hours and Targets")
        self.new = (dict(week), dict(holidays), dict(targets))
        self._before: tuple[dict[int, tuple[Interval, ...]], dict[date, str], dict[tuple[str, str], int]] | None = None

    def apply(self, s: Session) -> None:
        self._before = (store.get_week(s), store.get_holiday_names(s), store.get_targets(s))
        week, holidays, targets = self.new
        store.set_targets(s, targets)
        store.set_business_hours(s, week, holidays)

    def revert(self, s: Session) -> None:
        assert self._before is not None
        week, holidays, targets = self._before
        store.set_targets(s, targets)
        store.set_business_hours(s, week, holidays)


class SaveReplyCommand(PlanCommand):
    """Add or change a saved reply; undo puts the old text back (or removes the new reply)."""

    changes = Change.ENGAGEMENT

    def __init__(self, document: PlanDocument, name: str, text: str, reply_id: int | None = None) -> None:
        super().__init__(document, f"Save Reply “{name.strip()}”")
        self.name, self.reply_text, self.reply_id = name, text, reply_id
        self._before: store.Reply | None = None
        self._created = reply_id is None

    def apply(self, s: Session) -> None:
        if self.reply_id is not None and not self._created:
            self._before = next((r for r in store.saved_replies(s) if r.id == self.reply_id), None)
        self.reply_id = store.save_reply(s, self.name, self.reply_text, self.reply_id)

    def revert(self, s: Session) -> None:
        assert self.reply_id is not None
        if self._created:
            store.delete_reply(s, self.reply_id)
        elif self._before is not None:
            store.save_reply(s, self._before.name, self._before.text, self._before.id)


class DeleteReplyCommand(PlanCommand):
    changes = Change.ENGAGEMENT

    def __init__(self, document: PlanDocument, reply: store.Reply) -> None:
        super().__init__(document, f"Delete Reply “{reply.name}”")
        self.reply = reply

    def apply(self, s: Session) -> None:
        store.delete_reply(s, self.reply.id)

    def revert(self, s: Session) -> None:
        store.save_reply(s, self.reply.name, self.reply.text, self.reply.id)
