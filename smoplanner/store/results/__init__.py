"""The results area's store: organic results per day and platform, post-level results, and the paid
days and other costs the chart and the KPIs read."""

from __future__ import annotations

from smoplanner.store.results.queries import (
    ORGANIC_VALUES,
    MetricsImportResult,
    import_organic,
    import_post_results,
    match_candidates,
    organic_days,
    other_cost_days,
    other_costs,
    paid_days,
    post_pillars,
    post_result_figures,
    post_results,
    post_titles,
    restore_organic_day,
    results_by_post,
    results_of_post,
    results_span,
    set_organic_day,
    undo_import,
    unmatched_post_results,
)
from smoplanner.store.results.tables import OrganicResultRow, PostResultRow

__all__ = [
    "ORGANIC_VALUES",
    "MetricsImportResult",
    "OrganicResultRow",
    "PostResultRow",
    "import_organic",
    "import_post_results",
    "match_candidates",
    "organic_days",
    "other_cost_days",
    "other_costs",
    "paid_days",
    "post_pillars",
    "post_result_figures",
    "post_results",
    "post_titles",
    "restore_organic_day",
    "results_by_post",
    "results_of_post",
    "results_span",
    "set_organic_day",
    "undo_import",
    "unmatched_post_results",
]
