"""Every item model of the Calendar tab passes Qt's model checks, and the list filter finds what is typed."""

from __future__ import annotations

from datetime import UTC, datetime

from helpers import sample_settings

from smoplanner.core.post_filter import PostQuery
from smoplanner.core.posts import PostRecord
from smoplanner.formats.errors import ImportProblem
from smoplanner.store.posts import Pillar, PostRow
from smoplanner.ui.calendar.common import CalendarContext
from smoplanner.ui.calendar.models import (
    ImportPreviewModel,
    PillarTableModel,
    PostFilterProxy,
    PostIdRole,
    PostListModel,
    PostTableModel,
    ProblemListModel,
)

CTX = CalendarContext(settings=sample_settings())


def row(
    i: int,
    title: str,
    *,
    when: datetime | None = None,
    status: str = "draft",
    campaign: str = "",
    platforms: tuple[str, ...] = ("instagram",),
    problems: bool = False,
) -> PostRow:
    return PostRow(
        id=i,
        title=title,
        text=f"{title} body",
        scheduled_at=when,
        status=status,
        pillar_id=None,
        pillar_name="",
        pillar_color="",
        campaign=campaign,
        link="",
        platforms=platforms,
        variants=(),
        media_notes="",
        alt_text="",
        boosted=False,
        boost_minor=0,
        notes="",
        published_url="",
        series_id=None,
        has_problems=problems,
    )


ROWS = [
    row(1, "Rye loaf", when=datetime(2026, 11, 3, 8, tzinfo=UTC), campaign="Autumn"),
    row(2, "Stollen", when=datetime(2026, 12, 1, 8, tzinfo=UTC), status="scheduled", platforms=("facebook",)),
    row(3, "Idea: oven video", status="idea", problems=True),
]


def test_post_table_model_and_proxy_pass_the_model_tester(qtmodeltester):
    model = PostTableModel()
    model.set_rows(CTX, ROWS)
    qtmodeltester.check(model)
    proxy = PostFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    proxy.set_query(PostQuery(text="rye"))
    qtmodeltester.check(proxy)


def test_the_list_filter_by_text_platform_status_and_campaign(qtbot):
    model = PostTableModel()
    model.set_rows(CTX, ROWS)
    proxy = PostFilterProxy()
    proxy.setSourceModel(model)

    def shown() -> list[int]:
        return [proxy.index(r, 0).data(PostIdRole) for r in range(proxy.rowCount())]

    proxy.set_query(PostQuery(text="STOLLEN"))
    assert shown() == [2]
    proxy.set_query(PostQuery(platforms=frozenset({"instagram"})))
    assert sorted(shown()) == [1, 3]
    proxy.set_query(PostQuery(statuses=frozenset({"idea"})))
    assert shown() == [3]
    proxy.set_query(PostQuery(campaign="autumn"))
    assert shown() == [1]
    proxy.set_query(PostQuery())
    assert len(shown()) == 3


def test_dates_sort_by_time_and_ideas_last(qtbot):
    model = PostTableModel()
    model.set_rows(CTX, [ROWS[2], ROWS[1], ROWS[0]])
    proxy = PostFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(PostTableModel.WHEN)
    assert [proxy.index(r, 0).data(PostIdRole) for r in range(3)] == [1, 2, 3]
    # shown in the plan's zone (Berlin) and as its locale (de_DE) writes dates
    assert proxy.index(0, 0).data() == "Di., 3. Nov. 2026, 09:00"
    assert proxy.index(2, PostTableModel.WARNINGS).data().endswith("Breaks a rule")


def test_post_list_model_passes_and_drags_ids(qtmodeltester):
    model = PostListModel()
    model.set_rows(CTX, ROWS)
    qtmodeltester.check(model)
    mime = model.mimeData([model.index(0, 0), model.index(2, 0)])
    assert bytes(mime.data("application/x-smoplanner-post-ids").data()) == b"1,3"


def test_import_preview_and_problem_models_pass(qtmodeltester):
    preview = ImportPreviewModel()
    preview.set_records(
        CTX,
        [
            PostRecord("Rye", "Rye text", ("instagram",), datetime(2026, 11, 3, 8, tzinfo=UTC)),
            PostRecord("Idea", "Later", ("facebook",), None, status="idea"),
        ],
    )
    qtmodeltester.check(preview)
    assert preview.index(0, 1).data() == "09:00"
    problems = ProblemListModel()
    problems.set_problems([ImportProblem(3, "date", "“31/02/2026” is not a date")])
    qtmodeltester.check(problems)
    assert problems.index(0, 0).data() == "Row 3, date: “31/02/2026” is not a date"


def test_pillar_model_passes(qtmodeltester):
    model = PillarTableModel()
    model.set_pillars([Pillar(1, "Offers", "#E07A5F", 20, 1), Pillar(2, "Tips", "#81B29A", 0, 2)])
    qtmodeltester.check(model)
    assert model.index(1, 1).data() == "no target"
