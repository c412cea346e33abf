"""The plan's locale on the screens beyond the calendar and budget: the Profiles tab (scores, review dates,
limits), the engagement dialogs and the week view, in a de_DE plan."""

from __future__ import annotations

from datetime import date

import pytest

from smoplanner.core.locale_format import PlanLocale
from smoplanner.core.plan_settings import PlanSettingsData, platform_entry
from smoplanner.store.planfile import PlanFile
from smoplanner.store.profiles import update_profile
from smoplanner.ui.document import PlanDocument
from smoplanner.ui.profiles.models import ScoreTextRole
from smoplanner.ui.profiles.tab import ProfilesTab


def _settings(locale: str) -> PlanSettingsData:
    return PlanSettingsData(
        business_name="Bäckerei Sonne",
        website="https://sonne-backt.de",
        keywords=("sourdough bread",),
        currency="EUR",
        timezone="Europe/Berlin",
        locale=locale,
        platforms=tuple(platform_entry(code) for code in ("instagram", "tiktok")),
    )


@pytest.fixture
def german_plan(tmp_path):
    plan = PlanFile.create(tmp_path / "sonne.smoplan", _settings("de_DE"))
    with plan.session() as s:
        update_profile(s, "instagram", handle="sonne", last_reviewed=date(2026, 12, 6))
    yield plan
    if not plan.closed:
        plan.close(save=False)


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_the_profiles_tab_writes_scores_dates_and_limits_as_the_plans_locale(qtbot, german_plan) -> None:
    tab = ProfilesTab(PlanDocument(german_plan))
    qtbot.addWidget(tab)
    tab.today = lambda: date(2026, 12, 7)
    tab.refresh()
    # Scores: "86 %" with the German space before the sign, in the list, the header and the overall line.
    score = tab.platform_model.index(0).data(ScoreTextRole)
    assert score.endswith("\u00a0%") and score[0].isdigit()
    assert tab.overall_label.text().endswith("\u00a0%")
    assert "\u00a0%" in tab.profile_score.text()
    # The review date on the checklist.
    model = tab.checklist_model
    reviewed = next(
        model.result_at(r) for r in range(model.rowCount()) if model.result_at(r).code == "recently_reviewed"
    )
    assert reviewed.message == "Reviewed on So., 6. Dez. 2026."
    # The limits dialog: German grouping and dates, not "2,200" and "Dec 1, 2025".
    tab.show_limits()
    limits = tab._limits.model
    values = {
        limits.rows[r].field: (limits.index(r, 1).data(), limits.index(r, 4).data()) for r in range(limits.rowCount())
    }
    rule = tab._snapshot.rulebook.platform("instagram").limits["post_text"]
    assert values["post_text"] == ("2.200", PlanLocale.of("de_DE").day(rule.verified_on))
    tab._limits.close()
