"""Undoable changes to the plan as a whole (its settings); each area's own commands live in its package."""

from __future__ import annotations

from sqlalchemy.orm import Session

from smoplanner.core.plan_settings import PlanSettingsData
from smoplanner.store.settings import update_settings
from smoplanner.ui.changes import Change
from smoplanner.ui.document import PlanCommand, PlanDocument


class ChangeSettingsCommand(PlanCommand):
    """Replace the plan's settings (name, currency, time zone, platforms, …); undo puts the old ones back."""

    changes = Change.SETTINGS

    def __init__(self, document: PlanDocument, old: PlanSettingsData, new: PlanSettingsData) -> None:
        super().__init__(document, "Change Plan Settings")
        self.old = old
        self.new = new

    def apply(self, s: Session) -> None:
        update_settings(s, self.new)

    def revert(self, s: Session) -> None:
        update_settings(s, self.old)
