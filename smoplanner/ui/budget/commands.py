"""Undoable budget edits: each one calls store functions in one short Session and can put things back."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from smoplanner.core.budget import BudgetLine, PaidResult
from smoplanner.core.dates import Month
from smoplanner.store import budget as store
from smoplanner.ui.changes import Change
from smoplanner.ui.document import PlanCommand, PlanDocument


class SetMonthBudgetCommand(PlanCommand):
    """Set a month's total and lines (a typed total, an edited, added or deleted line, a preset applied);
    undo puts the month back as it was."""

    changes = Change.BUDGET

    def __init__(
        self, document: PlanDocument, text: str, month: Month, total_minor: int, lines: Sequence[BudgetLine]
    ) -> None:
        super().__init__(document, text)
        self.month = month
        self.total_minor = total_minor
        self.lines = tuple(lines)
        self._before: store.MonthBudget | None = None

    def apply(self, s: Session) -> None:
        self._before = store.get_month_budget(s, self.month)
        store.set_month_budget(s, self.month, self.total_minor, self.lines)

    def revert(self, s: Session) -> None:
        assert self._before is not None
        store.set_month_budget(s, self.month, self._before.total_minor, self._before.lines)


class SaveCampaignCommand(PlanCommand):
    """Add a campaign (``id`` None) or change one; a renamed campaign is renamed on its posts too."""

    changes = Change.BUDGET | Change.POSTS

    def __init__(self, document: PlanDocument, campaign: store.Campaign) -> None:
        super().__init__(
            document, f"Add Campaign {campaign.name}" if campaign.id is None else f"Edit Campaign {campaign.name}"
        )
        self.campaign = campaign
        self._before: store.Campaign | None = None
        self._new_id: int | None = None

    def apply(self, s: Session) -> None:
        if self.campaign.id is None:
            self._new_id = store.save_campaign(s, self.campaign)
        else:
            self._before = next(c for c in store.list_campaigns(s) if c.id == self.campaign.id)
            store.save_campaign(s, self.campaign)

    def revert(self, s: Session) -> None:
        if self._new_id is not None:
            store.delete_campaign(s, self._new_id)
        elif self._before is not None:
            store.save_campaign(s, self._before)


class DeleteCampaignCommand(PlanCommand):
    changes = Change.BUDGET

    def __init__(self, document: PlanDocument, campaign_id: int, name: str) -> None:
        super().__init__(document, f"Delete Campaign {name}")
        self.campaign_id = campaign_id
        self._before: store.Campaign | None = None

    def apply(self, s: Session) -> None:
        self._before = store.delete_campaign(s, self.campaign_id)

    def revert(self, s: Session) -> None:
        assert self._before is not None
        store.restore_campaign(s, self._before)


class SaveInfluencerCommand(PlanCommand):
    changes = Change.BUDGET

    def __init__(self, document: PlanDocument, influencer: store.Influencer) -> None:
        verb = "Add" if influencer.id is None else "Edit"
        super().__init__(document, f"{verb} Influencer {influencer.name}")
        self.influencer = influencer
        self._before: store.Influencer | None = None
        self._new_id: int | None = None

    def apply(self, s: Session) -> None:
        if self.influencer.id is None:
            self._new_id = store.save_influencer(s, self.influencer)
        else:
            self._before = next(i for i in store.list_influencers(s) if i.id == self.influencer.id)
            store.save_influencer(s, self.influencer)

    def revert(self, s: Session) -> None:
        if self._new_id is not None:
            store.delete_influencer(s, self._new_id)
        elif self._before is not None:
            store.save_influencer(s, self._before)


class DeleteInfluencerCommand(PlanCommand):
    changes = Change.BUDGET

    def __init__(self, document: PlanDocument, influencer_id: int, name: str) -> None:
        super().__init__(document, f"Delete Influencer {name}")
        self.influencer_id = influencer_id
        self._before: store.Influencer | None = None

    def apply(self, s: Session) -> None:
        self._before = store.delete_influencer(s, self.influencer_id)

    def revert(self, s: Session) -> None:
        assert self._before is not None
        store.restore_influencer(s, self._before)


class ImportedSpendCommand(PlanCommand):
    """A spend import that already ran on a worker (one transaction): undo deletes its rows and the
    campaigns it created; redo imports the same records again."""

    changes = Change.BUDGET | Change.RESULTS

    def __init__(
        self, document: PlanDocument, records: Sequence[PaidResult], source: str, result: store.SpendImportResult
    ) -> None:
        super().__init__(document, f"Import {source}")
        self.records = list(records)
        self.result: store.SpendImportResult = result
        self._already_done = True

    def apply(self, s: Session) -> None:
        if self._already_done:
            self._already_done = False
            return
        self.result = store.import_paid_results(s, self.records)

    def revert(self, s: Session) -> None:
        store.delete_paid_results(s, self.result.ids, self.result.new_campaign_ids)


class AddExpenseCommand(PlanCommand):
    changes = Change.BUDGET

    def __init__(self, document: PlanDocument, expense: store.Expense) -> None:
        super().__init__(document, f"Add Expense {expense.vendor or expense.tactic}")
        self.expense = expense
        self._id: int | None = None

    def apply(self, s: Session) -> None:
        self._id = store.add_expense(s, self.expense)

    def revert(self, s: Session) -> None:
        assert self._id is not None
        store.delete_expense(s, self._id)


class DeleteExpenseCommand(PlanCommand):
    changes = Change.BUDGET

    def __init__(self, document: PlanDocument, expense_id: int, name: str) -> None:
        super().__init__(document, f"Delete Expense {name}")
        self.expense_id = expense_id
        self._before: store.Expense | None = None

    def apply(self, s: Session) -> None:
        self._before = store.delete_expense(s, self.expense_id)

    def revert(self, s: Session) -> None:
        assert self._before is not None
        store.add_expense(s, self._before)


def _paid_name(result: PaidResult) -> str:
    return f"{result.campaign or 'Paid Result'} {result.start.strftime('%d %b')}"


class SavePaidResultCommand(PlanCommand):
    """Add a typed paid result (``result_id`` None) or change one; undo deletes it or puts it back."""

    changes = Change.BUDGET | Change.RESULTS

    def __init__(self, document: PlanDocument, result: PaidResult, result_id: int | None = None) -> None:
        verb = "Add" if result_id is None else "Edit"
        super().__init__(document, f"{verb} Paid Result {_paid_name(result)}")
        self.result = result
        self.result_id = result_id
        self.adding = result_id is None
        self._before: PaidResult | None = None

    def apply(self, s: Session) -> None:
        if self.adding:  # a redo puts the row back under the id it first had
            self.result_id = store.add_paid_result(s, self.result, self.result_id)
        else:
            assert self.result_id is not None
            self._before = store.update_paid_result(s, self.result_id, self.result)

    def revert(self, s: Session) -> None:
        assert self.result_id is not None
        if self.adding:
            store.delete_paid_result(s, self.result_id)
        else:
            assert self._before is not None
            store.update_paid_result(s, self.result_id, self._before)


class DeletePaidResultCommand(PlanCommand):
    changes = Change.BUDGET | Change.RESULTS

    def __init__(self, document: PlanDocument, result_id: int, result: PaidResult) -> None:
        super().__init__(document, f"Delete Paid Result {_paid_name(result)}")
        self.result_id = result_id
        self._before: PaidResult | None = None

    def apply(self, s: Session) -> None:
        self._before = store.delete_paid_result(s, self.result_id)

    def revert(self, s: Session) -> None:
        assert self._before is not None
        store.add_paid_result(s, self._before, self.result_id)
