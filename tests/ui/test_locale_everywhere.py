"""The plan's locale on the screens beyond the calendar and budget: the Profiles tab (scores, review dates,
limits), the engagement dialogs and the week view, in a de_DE plan."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
from PySide6.QtWidgets import QLabel

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
    assert tab.form.reviewed.text() == "So., 6. Dez. 2026"
    # The limits dialog: German grouping and dates, not "2,200" and "Dec 1, 2025".
    tab.show_limits()
    limits = tab._limits.model
    values = {
        limits.rows[r].field: (limits.index(r, 1).data(), limits.index(r, 4).data()) for r in range(limits.rowCount())
    }
    rule = tab._snapshot.rulebook.platform("instagram").limits["post_text"]
    assert values["post_text"] == ("2.200", PlanLocale.of("de_DE").day(rule.verified_on))
    tab._limits.close()


def test_the_hours_dialog_runs_the_week_and_writes_dates_and_hours_as_the_locale_does(qtbot) -> None:
    from smoplanner.ui.engagement import dialogs

    week = {0: ((time(9), time(17)),)}
    holidays = {date(2026, 12, 25): "Weihnachten"}
    german = dialogs.HoursDialog(week, holidays, {("", "comment"): 90}, None, (), "de_DE")
    qtbot.addWidget(german)
    names = [german.days[day][0].text() for day in range(7)]
    assert names[0] == "Montag" and names[6] == "Sonntag"
    assert german.holidays.toPlainText() == "25.12.2026 Weihnachten"
    assert german.cells[("", "comment")].text() == "1,5"
    assert any(label.text().startswith("Hours, such as 24 or 1,5.") for label in german.findChildren(QLabel))
    german.holidays.setPlainText("26.12.2026 Zweiter Feiertag\n2027-01-01 Neujahr")
    german._accept()
    assert german.answer is not None
    assert german.answer[1] == {date(2026, 12, 26): "Zweiter Feiertag", date(2027, 1, 1): "Neujahr"}
    assert german.answer[2] == {("", "comment"): 90}
    german.holidays.setPlainText("Heiligabend")
    german.answer = None
    german._accept()
    assert german.answer is None and "write it as 25.12.2026" in german.error.text()
    # An American week starts on Sunday: the first row on screen is Sunday's.
    american = dialogs.HoursDialog(week, holidays, {}, None, (), "en_US")
    qtbot.addWidget(american)
    grid = american.days[0][0].parentWidget().layout()
    first_row = grid.itemAtPosition(0, 0).widget()
    assert first_row is american.days[6][0] and first_row.text() == "Sunday"
    assert american.holidays.toPlainText() == "12/25/2026 Weihnachten"


def test_item_and_paste_dialogs_write_times_as_the_locale_does(qtbot) -> None:

    from smoplanner.core.engagement import ItemRecord
    from smoplanner.ui.engagement import dialogs

    received = datetime(2026, 12, 6, 8, 30, tzinfo=UTC)
    record = ItemRecord("instagram", "comment", "Ana", "Offen?", received)
    posts = [(1, "Adventsbrunch", datetime(2026, 12, 5, 9, 0, tzinfo=UTC))]
    item = dialogs.ItemDialog(record, [("instagram", "Instagram")], "Europe/Berlin", None, posts, "de_DE")
    qtbot.addWidget(item)
    assert item.received.text() == "6.12.2026 09:30"
    assert item.post.itemText(1) == "Sa., 5. Dez., 10:00  Adventsbrunch"
    assert item.result_record().received_at == received
    paste = dialogs.PasteDialog("Ana: Hallo", "instagram", "comment", received, None, "Europe/Berlin", "de_DE")
    qtbot.addWidget(paste)
    intro = paste.findChildren(QLabel)[0].text()
    assert "received on So., 6. Dez. 2026, 09:30" in intro


def test_the_week_view_shades_the_locales_weekend_and_writes_its_hours(qtbot) -> None:
    from PySide6.QtGui import QColor, QPalette

    from smoplanner.ui.calendar.week_view import GUTTER, WeekView

    def shaded_days(code: str) -> set[int]:
        view = WeekView()
        qtbot.addWidget(view)
        palette = view.grid.palette()
        palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
        palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#d0d0d0"))
        view.grid.setPalette(palette)
        view.set_locale(PlanLocale.of(code))
        view.resize(900, 600)
        view.show()
        qtbot.waitExposed(view)
        view.set_week(date(2026, 12, 10))
        view.grid.selected_day = date(2000, 1, 1)  # no selected column tint
        image = view.grid.grab().toImage()
        y = 3 * view.grid.HOUR_H + view.grid.HOUR_H // 4  # between the hour and half-hour lines, no post there
        shaded = set()
        for column in range(7):
            day = view.grid.first.toordinal() + column
            x = GUTTER + round((column + 0.5) * view.grid._col_w())
            if image.pixelColor(x, y).name() == "#d0d0d0":
                shaded.add(date.fromordinal(day).weekday())
        return shaded

    assert shaded_days("de_DE") == {5, 6}
    assert shaded_days("he_IL") == {4, 5}  # Friday and Saturday


def test_hours_on_the_week_grid_follow_the_locales_clock() -> None:
    assert PlanLocale.of("de_DE").hour(9) == "09:00"
    assert PlanLocale.of("en_US").hour(13) == "1\u202fPM" or PlanLocale.of("en_US").hour(13) == "1 PM"
    assert PlanLocale.of("de_DE").weekend == frozenset({5, 6})


def test_engagement_figures_and_the_overview_glance_use_the_locales_percent(german_plan, qtbot, monkeypatch) -> None:
    from datetime import timedelta
    from zoneinfo import ZoneInfo

    from smoplanner.core.dates import Month
    from smoplanner.core.engagement import ItemRecord
    from smoplanner.store import engagement as engagement_store
    from smoplanner.ui.engagement import models
    from smoplanner.ui.engagement.tab import EngagementTab
    from smoplanner.ui.overview.tab import OverviewTab

    now = datetime(2026, 12, 9, 12, 0, tzinfo=UTC)
    monkeypatch.setattr(models, "current_time", lambda: now)
    with german_plan.session() as s:
        engagement_store.set_business_hours(s, {}, {})
        received = now - timedelta(hours=3)
        records = [ItemRecord("instagram", "comment", f"Gast {i}", "Danke!", received) for i in range(3)]
        records[0] = ItemRecord(
            "instagram", "comment", "Ana", "Offen?", received, status="answered", answered_at=received
        )
        engagement_store.create_items(s, records)
    document = PlanDocument(german_plan)
    tab = EngagementTab(document)
    qtbot.addWidget(tab)
    tab.refresh_statistics()
    assert "Response rate <b>33\u00a0%</b>" in tab.stats.text()
    overview = OverviewTab(document)
    qtbot.addWidget(overview)
    overview.show()
    qtbot.waitUntil(lambda: "complete overall" in overview.glance.text())
    glance = overview.glance.text()
    assert "\u00a0% complete overall" in glance
    month = Month.of(datetime.now(ZoneInfo("Europe/Berlin")).date())
    assert f"<b>{month.label('de_DE')}:</b>" in glance  # "Dezember 2026", not "December 2026"


def test_a_german_plan_groups_followers_and_counts_with_dots(german_plan, qtbot) -> None:
    from smoplanner.store import budget as budget_store
    from smoplanner.ui.budget.tab import BudgetTab

    with german_plan.session() as s:
        budget_store.save_influencer(s, budget_store.Influencer("Mia", "instagram", "mia", 12_345, 15_000))
    document = PlanDocument(german_plan)
    budget = BudgetTab(document)
    qtbot.addWidget(budget)
    budget.refresh()
    assert budget.influencers_model.index(0, 3).data() == "12.345"
    profiles = ProfilesTab(document)
    qtbot.addWidget(profiles)
    profiles.form.bio.setPlainText("x" * 1200)
    assert profiles.form.bio_count.text().startswith("1.200 / 150 — 1.050 too long")
