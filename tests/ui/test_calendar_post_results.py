"""Each calendar post shows how it did: the editor's "How it did", the list's Engagement column and the chips'
tooltips, from post-level results imported and matched to the calendar's posts (real plan files)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from helpers import demo_plan_file, sample_settings
from PySide6.QtCore import Qt
from sqlalchemy import event
from sqlalchemy.orm import Session

from smoplanner.core.posts import PostRecord
from smoplanner.core.results import PostResult
from smoplanner.store import posts as store
from smoplanner.store.planfile import PlanFile
from smoplanner.store.results import (
    MetricsImportResult,
    import_post_results,
    results_by_post,
    results_of_post,
    undo_import,
)
from smoplanner.ui.calendar import asks
from smoplanner.ui.calendar.editor import PostEditor
from smoplanner.ui.calendar.models import PostTableModel
from smoplanner.ui.calendar.post_results import MIN_WIDTH, NO_RESULTS_HINT, HowItDidBox
from smoplanner.ui.calendar.tab import LIST, MONTH, WEEK, CalendarTab
from smoplanner.ui.changes import Change
from smoplanner.ui.document import PlanCommand, PlanDocument

NBSP, NNBSP = "\xa0", "\u202f"
DAY = date(2026, 11, 12)  # a Thursday; the posts below went out that week
#: Each locale with the zone its plan is in, and how it writes what the tests look for.
LOCALES = {
    "de_DE": {
        "zone": "Europe/Berlin",
        "impressions": "12.400",
        "reach": "8.100",
        "rate": f"6,3{NBSP}%",
        "x_rate": f"3,1{NBSP}%",  # 93 engagements over 3.000 impressions (X gives no reach)
        "published": "10. Nov. 2026, 09:02",
        "summary": f"12.400 impressions · 6,3{NBSP}% engagement",
        "both": f"15.400 impressions · 5,5{NBSP}% engagement",  # (512 + 93) / (8.100 + 3.000)
    },
    "en_US": {
        "zone": "America/New_York",
        "impressions": "12,400",
        "reach": "8,100",
        "rate": "6.3%",
        "x_rate": "3.1%",
        "published": f"Nov 10, 2026, 9:02{NNBSP}AM",
        "summary": "12,400 impressions · 6.3% engagement",
        "both": "15,400 impressions · 5.5% engagement",
    },
}


def local(zone: str, day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), ZoneInfo(zone))


class Plan:
    """A plan in one locale with three posts that went out, results imported for two of them, and one to come."""

    def __init__(self, path: Path, code: str) -> None:
        self.code = code
        self.zone = LOCALES[code]["zone"]
        settings = replace(sample_settings(), locale=code, timezone=self.zone)
        self.file = PlanFile.create(path, settings)
        went_out = local(self.zone, date(2026, 11, 10), 9)
        with self.file.session() as s:
            self.launch = self.add(s, "Winter menu", went_out, ("instagram", "facebook"))
            self.quiet = self.add(s, "Quiet post", local(self.zone, date(2026, 11, 11), 12), ("instagram",))
            self.nobody = self.add(s, "Seen by nobody", local(self.zone, date(2026, 11, 12), 15), ("facebook",))
            self.future = self.add(s, "Next year", local(self.zone, date(2027, 3, 1), 10), ("instagram",), "draft")
        # What the platforms' exports say: the launch on Instagram two minutes late (still matched by
        # platform and time) and on Facebook, which counted no reach (its rate falls back to impressions);
        # a post that reached nobody has no rate.
        self.results = [
            PostResult("instagram", went_out + timedelta(minutes=2), 12_400, 8_100, 512, 40, external_id="ig-1"),
            PostResult("facebook", went_out + timedelta(minutes=2), 3_000, 0, 93, 7, external_id="fb-1"),
            PostResult("facebook", local(self.zone, date(2026, 11, 12), 15), 0, 0, 0, 0, external_id="fb-2"),
        ]

    @staticmethod
    def add(s: Session, title: str, when: datetime, platforms: tuple[str, ...], status: str = "published") -> int:
        record = PostRecord(title=title, text=f"{title}!", platforms=platforms, scheduled_at=when, status=status)
        return store.create_post(s, record)

    def import_results(self) -> MetricsImportResult:
        with self.file.session() as s:
            result = import_post_results(s, self.results)
            s.commit()
        assert result.added == 3 and result.unmatched == 0
        return result


class ImportResultsCommand(PlanCommand):
    """A post-level results import that tells the views only Change.RESULTS (what the calendar must follow)."""

    changes = Change.RESULTS

    def __init__(self, document: PlanDocument, results: list[PostResult]) -> None:
        super().__init__(document, "Import Results")
        self.results = results
        self.outcome: MetricsImportResult | None = None

    def apply(self, s: Session) -> None:
        self.outcome = import_post_results(s, self.results)

    def revert(self, s: Session) -> None:
        assert self.outcome is not None
        undo_import(s, self.outcome)


@pytest.fixture(params=sorted(LOCALES))
def plan(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Plan]:
    made = Plan(tmp_path / f"plan-{request.param}.smoplan", request.param)
    yield made
    if not made.file.closed:
        made.file.close(save=False)


def make_tab(qtbot, plan: Plan) -> CalendarTab:  # type: ignore[no-untyped-def]
    tab = CalendarTab(PlanDocument(plan.file))
    qtbot.addWidget(tab)
    tab.resize(1100, 720)
    tab.go_to(DAY)
    return tab


def open_editor(tab: CalendarTab, post_id: int, monkeypatch: pytest.MonkeyPatch) -> PostEditor:
    """Open a post as a double-click does, and keep the editor the tab built (closed without saving)."""
    shown: list[PostEditor] = []

    def look(editor: PostEditor) -> None:
        shown.append(editor)
        return None

    monkeypatch.setattr(asks, "ask_edit_post", look)
    tab.edit_post(post_id)
    assert len(shown) == 1
    return shown[0]


def list_row(tab: CalendarTab, post_id: int) -> int:
    return next(n for n, row in enumerate(tab.list_panel.model.rows) if row.id == post_id)


def cell(tab: CalendarTab, post_id: int, column: int) -> str:
    model = tab.list_panel.model
    return model.data(model.index(list_row(tab, post_id), column))


def tooltip(tab: CalendarTab, post_id: int) -> str:
    model = tab.list_panel.model
    return model.data(model.index(list_row(tab, post_id), PostTableModel.TITLE), Qt.ItemDataRole.ToolTipRole)


def chip_tooltip(tab: CalendarTab, post_id: int) -> str:
    grid = tab.week_grid if tab.stack.currentIndex() == WEEK else tab.month_grid
    posts = tab._week_rows if tab.stack.currentIndex() == WEEK else tab._month_rows
    return grid.tooltip_for(next(p for p in posts if p.id == post_id))


# -- the editor --------------------------------------------------------------------------------------------


def test_the_editor_shows_how_the_matched_post_did_in_the_plans_locale(qtbot, plan: Plan, monkeypatch) -> None:
    plan.import_results()
    tab = make_tab(qtbot, plan)
    editor = open_editor(tab, plan.launch, monkeypatch)
    box = editor.how_it_did
    assert not box.isHidden() and box.hint.isHidden()
    with plan.file.session() as s:
        stored = {r.platform: r for r in results_of_post(s, plan.launch)}
    assert set(stored) == {"instagram", "facebook"}
    fmt = tab.ctx.fmt  # type: ignore[union-attr]
    # every figure is the store's, as the plan's locale writes it
    for code, result in stored.items():
        for label, name in (("Impressions", "impressions"), ("Reach", "reach"), ("Engagements", "engagements")):
            assert box.cells[(label, code)] == fmt.number(getattr(result, name))
        assert box.cells[("Clicks", code)] == fmt.number(result.clicks)
    words = LOCALES[plan.code]
    assert box.cells[("Impressions", "instagram")] == words["impressions"]
    assert box.cells[("Reach", "instagram")] == words["reach"]
    assert box.cells[("Engagement rate", "instagram")] == words["rate"]  # 512 / 8,100
    assert box.cells[("Engagement rate", "facebook")] == words["x_rate"]  # no reach: 93 / 3,000 impressions
    # when it went out, in the plan's zone (the export's time, two minutes after the plan's)
    assert box.cells[("Published", "instagram")] == words["published"]
    editor.deleteLater()


def test_a_post_that_reached_nobody_shows_a_dash_for_its_rate(qtbot, plan: Plan, monkeypatch) -> None:
    plan.import_results()
    tab = make_tab(qtbot, plan)
    box = open_editor(tab, plan.nobody, monkeypatch).how_it_did
    assert box.cells[("Impressions", "facebook")] == "0"
    assert box.cells[("Engagement rate", "facebook")] == "–"


def test_a_post_without_results_shows_a_hint_and_a_future_post_nothing(qtbot, plan: Plan, monkeypatch) -> None:
    plan.import_results()
    tab = make_tab(qtbot, plan)
    quiet = open_editor(tab, plan.quiet, monkeypatch).how_it_did
    assert quiet.cells == {}
    assert not quiet.isHidden() and not quiet.hint.isHidden() and quiet.hint.text() == NO_RESULTS_HINT
    future = open_editor(tab, plan.future, monkeypatch).how_it_did
    assert future.cells == {} and future.isHidden()


# -- the list and the chips --------------------------------------------------------------------------------


def test_the_list_column_and_the_tooltips_show_the_results_in_the_plans_locale(qtbot, plan: Plan) -> None:
    plan.import_results()
    tab = make_tab(qtbot, plan)
    words = LOCALES[plan.code]
    tab.set_view(LIST)
    assert PostTableModel.COLUMNS[PostTableModel.ENGAGEMENT] == "Engagement"
    # over both platforms: (512 + 93) engagements / (8,100 reach + 3,000 impressions on Facebook)
    assert cell(tab, plan.launch, PostTableModel.ENGAGEMENT) == words["both"].split(" · ")[1].split(" ")[0]
    assert words["both"] in tooltip(tab, plan.launch).splitlines()
    assert cell(tab, plan.nobody, PostTableModel.ENGAGEMENT) == "–"
    for post_id in (plan.quiet, plan.future):
        assert cell(tab, post_id, PostTableModel.ENGAGEMENT) == ""
        assert "impressions" not in tooltip(tab, post_id)
    # the month's and the week's chips say it in one line
    tab.set_view(MONTH)
    assert words["both"] in chip_tooltip(tab, plan.launch).splitlines()
    assert "impressions" not in chip_tooltip(tab, plan.quiet)
    tab.set_view(WEEK)
    assert words["both"] in chip_tooltip(tab, plan.launch).splitlines()
    assert "engagement" not in chip_tooltip(tab, plan.quiet)


def test_the_engagement_column_sorts_by_rate(qtbot, plan: Plan) -> None:
    plan.import_results()
    tab = make_tab(qtbot, plan)
    tab.set_view(LIST)
    table = tab.list_panel.table
    table.sortByColumn(PostTableModel.ENGAGEMENT, Qt.SortOrder.DescendingOrder)
    proxy, rows = tab.list_panel.proxy, tab.list_panel.model.rows
    shown = [rows[proxy.mapToSource(proxy.index(n, 0)).row()].id for n in range(proxy.rowCount())]
    # the best rate first, then the post that reached nobody, then the posts without results
    assert shown[:2] == [plan.launch, plan.nobody]
    assert set(shown[2:]) == {plan.quiet, plan.future}


def test_the_tooltips_read_no_results_per_chip(qtbot, plan: Plan) -> None:
    """The results are read with the shown posts, once: hovering the chips asks the plan nothing."""
    plan.import_results()
    tab = make_tab(qtbot, plan)
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(plan.file.engine, "before_cursor_execute", count)
    try:
        lines = [chip_tooltip(tab, post_id) for post_id in (plan.launch, plan.quiet, plan.nobody)]
    finally:
        event.remove(plan.file.engine, "before_cursor_execute", count)
    assert LOCALES[plan.code]["both"] in lines[0]
    assert statements == []


def test_a_results_import_refreshes_the_list_and_the_chips(qtbot, plan: Plan) -> None:
    tab = make_tab(qtbot, plan)
    document = tab.document
    tab.set_view(LIST)
    assert cell(tab, plan.launch, PostTableModel.ENGAGEMENT) == ""
    command = ImportResultsCommand(document, plan.results)
    with qtbot.waitSignal(document.changed) as changed:
        document.push(command)
    assert changed.args == [Change.RESULTS]
    words = LOCALES[plan.code]
    assert cell(tab, plan.launch, PostTableModel.ENGAGEMENT) == words["both"].split(" · ")[1].split(" ")[0]
    tab.set_view(MONTH)
    assert words["both"] in chip_tooltip(tab, plan.launch)
    document.undo_stack.undo()  # the import taken back: the month and the list show no results again
    assert "impressions" not in chip_tooltip(tab, plan.launch)
    tab.set_view(LIST)
    assert cell(tab, plan.launch, PostTableModel.ENGAGEMENT) == ""


# -- the demo plan -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_plan_file(tmp_path_factory)


def test_the_demo_plans_posts_show_their_matched_results(qtbot, demo_path: Path, monkeypatch) -> None:
    plan = PlanFile.open(demo_path, lock="none")
    try:
        tab = CalendarTab(PlanDocument(plan))
        qtbot.addWidget(tab)
        with plan.session() as s:
            first = store.all_posts(s)[0]
            stored = results_of_post(s, first.id)
        assert first.scheduled_at is not None and len(stored) >= 1
        tab.go_to(first.scheduled_at.astimezone(ZoneInfo("Europe/Berlin")).date())
        box = open_editor(tab, first.id, monkeypatch).how_it_did
        german = str.maketrans(",", ".")
        for result in stored:
            assert box.cells[("Impressions", result.platform)] == f"{result.impressions:,}".translate(german)
            assert box.cells[("Engagements", result.platform)] == f"{result.engagements:,}".translate(german)
            percent = (Decimal(result.engagements) / Decimal(result.audience) * 100).quantize(Decimal("0.1"))
            rate = str(percent).replace(".", ",")
            assert box.cells[("Engagement rate", result.platform)] == f"{rate}{NBSP}%"
        impressions = f"{sum(r.impressions for r in stored):,}".translate(german)
        assert f"{impressions} impressions · " in chip_tooltip(tab, first.id)
        assert datetime.now(UTC) > first.scheduled_at
    finally:
        plan.close(save=False)


def test_the_results_are_read_for_the_shown_span_only(plan: Plan) -> None:
    plan.import_results()
    with plan.file.session() as s:
        every = results_by_post(s)
        launch_day = results_by_post(
            s, local(plan.zone, date(2026, 11, 10), 0), local(plan.zone, date(2026, 11, 11), 0)
        )
    assert set(every) == {plan.launch, plan.nobody}
    assert {r.platform for r in every[plan.launch]} == {"instagram", "facebook"}
    assert set(launch_day) == {plan.launch}
    assert [(r.impressions, r.reach, r.engagements, r.clicks) for r in launch_day[plan.launch]] == [
        (3_000, 0, 93, 7),  # by platform: facebook, then instagram
        (12_400, 8_100, 512, 40),
    ]


def test_a_post_on_many_platforms_scrolls_its_figures_rather_than_widening_the_editor(qtbot, plan: Plan) -> None:
    codes = ("instagram", "facebook", "tiktok", "pinterest", "linkedin", "x")
    went_out = local(plan.zone, date(2026, 11, 10), 9)
    many = tuple(PostResult(code, went_out, 10_000 + n, 9_000, 400, 30) for n, code in enumerate(codes))
    tab = make_tab(qtbot, plan)
    few_box = HowItDidBox(tab.ctx, many[:3], went_out)  # type: ignore[arg-type]
    many_box = HowItDidBox(tab.ctx, many, went_out)  # type: ignore[arg-type]
    qtbot.addWidget(few_box)
    qtbot.addWidget(many_box)
    assert len({platform for _label, platform in many_box.cells}) == 6  # every platform's figures are there
    assert many_box.figures_area.minimumWidth() == MIN_WIDTH
    # the box asks for less room than its six columns of figures take: they scroll inside it
    assert many_box.minimumSizeHint().width() < many_box.figures_area.widget().sizeHint().width()
    assert few_box.figures_area.minimumWidth() == few_box.figures_area.widget().sizeHint().width()  # shown whole
