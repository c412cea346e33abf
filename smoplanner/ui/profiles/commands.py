"""Undoable profile edits: a field, a checklist item, a picture, a limit of one platform's profile."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from smoplanner.store.profiles import (
    add_custom_item,
    clear_override,
    remove_custom_item,
    restore_custom_item,
    set_override,
    set_picture,
    set_tick,
    update_profile,
)
from smoplanner.ui.changes import Change
from smoplanner.ui.document import PlanCommand, PlanDocument


class ProfileCommand(PlanCommand):
    """A change to one platform's profile, written as a value: redo writes ``new``, undo writes ``old`` back.

    ``reveal(platform)`` runs after each redo and undo, so the Profiles tab can show the profile that
    changed, wherever the undo came from.
    """

    changes = Change.PROFILES

    def __init__(
        self,
        document: PlanDocument,
        text: str,
        platform: str,
        old: Any,
        new: Any,
        reveal: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(document, text)
        self.platform = platform
        self.old = old
        self.new = new
        self._reveal = reveal

    def write(self, s: Session, value: Any) -> None:
        raise NotImplementedError

    def apply(self, s: Session) -> None:
        self.write(s, self.new)

    def revert(self, s: Session) -> None:
        self.write(s, self.old)

    def done(self) -> None:
        if self._reveal is not None:
            self._reveal(self.platform)


class EditProfileFieldCommand(ProfileCommand):
    """Set one field of the profile (bio, handle, last reviewed, …)."""

    def __init__(
        self,
        document: PlanDocument,
        text: str,
        platform: str,
        field: str,
        old: Any,
        new: Any,
        reveal: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(document, text, platform, old, new, reveal)
        self.field = field

    def write(self, s: Session, value: Any) -> None:
        update_profile(s, self.platform, **{self.field: value})


class SetItemStateCommand(ProfileCommand):
    """Tick a checklist item, untick it, or mark it not applicable ("done", "open", "na")."""

    def __init__(
        self,
        document: PlanDocument,
        text: str,
        platform: str,
        item: str,
        old: str,
        new: str,
        reveal: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(document, text, platform, old, new, reveal)
        self.item = item

    def write(self, s: Session, value: Any) -> None:
        set_tick(s, self.platform, self.item, value)


class AddItemCommand(ProfileCommand):
    """Add an item of the user's own to the checklist; redo after undo brings it back under the same code."""

    def __init__(
        self,
        document: PlanDocument,
        text: str,
        platform: str,
        label: str,
        reveal: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(document, text, platform, None, label, reveal)
        self.code: str | None = None

    def write(self, s: Session, value: Any) -> None:
        if value is None:
            assert self.code is not None
            remove_custom_item(s, self.platform, self.code)
        elif self.code is None:
            self.code = add_custom_item(s, self.platform, value)
        else:
            restore_custom_item(s, self.platform, self.code, value, "open")


class RemoveItemCommand(ProfileCommand):
    """Remove an item of the user's own; undo puts it back with its label and state."""

    def __init__(
        self,
        document: PlanDocument,
        text: str,
        platform: str,
        code: str,
        old: tuple[str, str],
        reveal: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(document, text, platform, old, None, reveal)
        self.code = code

    def write(self, s: Session, value: Any) -> None:
        if value is None:
            remove_custom_item(s, self.platform, self.code)
        else:
            label, state = value
            restore_custom_item(s, self.platform, self.code, label, state)


class SetPictureCommand(ProfileCommand):
    """Set or remove the profile's "picture" or "banner"; the command holds the bytes it puts back."""

    def __init__(
        self,
        document: PlanDocument,
        text: str,
        platform: str,
        which: str,
        old: bytes | None,
        new: bytes | None,
        reveal: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(document, text, platform, old, new, reveal)
        self.which = which

    def write(self, s: Session, value: Any) -> None:
        set_picture(s, self.platform, self.which, value)


class SetLimitCommand(ProfileCommand):
    """Set the plan's own value for one of the platform's limits (None: the rulebook's value again)."""

    def __init__(
        self,
        document: PlanDocument,
        text: str,
        platform: str,
        field: str,
        old: int | None,
        new: int | None,
        reveal: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(document, text, platform, old, new, reveal)
        self.field = field

    def write(self, s: Session, value: Any) -> None:
        if value is None:
            clear_override(s, self.platform, self.field)
        else:
            set_override(s, self.platform, self.field, value)
