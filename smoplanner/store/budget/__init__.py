"""The budget area's store: a month's total and split, campaigns, influencers, paid results and expenses.

Every function works inside the caller's transaction and never commits, so a command (or an import) is
all or nothing. Reads return frozen dataclasses, never ORM objects. Which month a row belongs to:
a paid result by its first day, an expense by its day, an influencer by its start (else end) date.
Campaigns are referred to by name everywhere (posts, lines, results, expenses), compared without case;
renaming a campaign renames it everywhere.
"""

from __future__ import annotations

from smoplanner.store.budget.campaigns import (
    Campaign,
    Influencer,
    campaign_names,
    delete_campaign,
    delete_influencer,
    list_campaigns,
    list_influencers,
    restore_campaign,
    restore_influencer,
    save_campaign,
    save_influencer,
)
from smoplanner.store.budget.lines import (
    MonthBudget,
    get_month_budget,
    months_with_budget,
    set_month_budget,
    storable_lines,
)
from smoplanner.store.budget.spend import (
    CampaignStatus,
    Expense,
    LineStatus,
    MonthOverview,
    PaidEntry,
    PaidTotals,
    SpendImportResult,
    add_expense,
    add_paid_result,
    campaign_statuses,
    delete_expense,
    delete_paid_result,
    delete_paid_results,
    import_paid_results,
    last_month_returns,
    list_expenses,
    list_paid_results,
    month_overview,
    paid_results_in,
    paid_totals,
    update_paid_result,
)
from smoplanner.store.budget.tables import (
    INFLUENCER_STATUSES,
    OBJECTIVES,
    BudgetLineRow,
    BudgetMonth,
    CampaignRow,
    ExpenseRow,
    InfluencerRow,
    PaidResultRow,
)

__all__ = [
    "INFLUENCER_STATUSES",
    "OBJECTIVES",
    "BudgetLineRow",
    "BudgetMonth",
    "Campaign",
    "CampaignRow",
    "CampaignStatus",
    "Expense",
    "ExpenseRow",
    "Influencer",
    "InfluencerRow",
    "LineStatus",
    "MonthBudget",
    "MonthOverview",
    "PaidEntry",
    "PaidResultRow",
    "PaidTotals",
    "SpendImportResult",
    "add_expense",
    "add_paid_result",
    "campaign_names",
    "campaign_statuses",
    "delete_campaign",
    "delete_expense",
    "delete_influencer",
    "delete_paid_result",
    "delete_paid_results",
    "get_month_budget",
    "import_paid_results",
    "last_month_returns",
    "list_campaigns",
    "list_expenses",
    "list_influencers",
    "list_paid_results",
    "month_overview",
    "months_with_budget",
    "paid_results_in",
    "paid_totals",
    "restore_campaign",
    "restore_influencer",
    "save_campaign",
    "save_influencer",
    "set_month_budget",
    "storable_lines",
    "update_paid_result",
]
