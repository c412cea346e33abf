"""The registry of the plan's areas: each declared once, with lazy references to its parts.

An area is a feature with the same shape everywhere: ``core/<area>.py`` (its rules), ``store/<area>``
(its tables and queries), ``report/<area>.py`` (its section of the month's report), ``store/demo/<area>.py``
(its sample data) and ``ui/<area>/`` (its tab). Everything that goes over the areas (the tables the plan
file holds, the report, the sample plan, the main window's tabs) reads ``AREAS``; adding an area is one
entry here plus the area's own files (see the README's developer section).

The parts are named by ``"module:attribute"`` strings and imported only when used, so listing the areas
imports neither SQLAlchemy nor Qt: the window shows its tabs before the database layer is loaded.
This module imports nothing from smoplanner.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

__all__ = ["AREAS", "Area", "ReportSection", "area", "report_sections", "resolve"]


@dataclass(frozen=True, slots=True)
class ReportSection:
    """An area's section of ``smoplanner report``: its JSON key and its builder.

    ``builder`` is ``"module:function"``, a ``function(session, context: ReportContext)`` returning a
    frozen dataclass with a ``to_json()``. ``order`` places the section in the report (lowest first), so
    the JSON keeps its documented key order whatever the order of the tabs.
    """

    key: str
    builder: str
    order: int


@dataclass(frozen=True, slots=True)
class Area:
    """One area of the plan; every reference is ``"module:attribute"`` (``tables`` is a module)."""

    key: str
    title: str  # the tab's title, with its mnemonic
    tab: str  # function(document, window) -> QWidget, building the tab's content
    tables: str | None = None  # the module whose import registers the area's tables with Base.metadata
    demo: str | None = None  # function(session, demo_json) writing the sample plan's data for the area
    report: ReportSection | None = None
    more_reports: tuple[ReportSection, ...] = ()  # an area with more than one section (Budget: budget, paid)
    menu_actions: str | None = None  # function() -> list[ui.tabhost.MenuEntry] for the window's File menu
    #: What the area's tables hold, named for a user: (table, one row, many rows), e.g. in "3 posts"
    #: (the Overview's "This plan holds" and ``smoplanner check``); tables not named are details.
    holdings: tuple[tuple[str, str, str], ...] = ()
    #: function(document) -> str: the tab's title counting what needs attention ("E&ngagement (3 overdue)"),
    #: shown from the moment the plan opens and after every change, before the tab is first built.
    tab_title: str | None = None
    #: function() run once the window has settled after a plan opened (see ``WARM_UP_AFTER_MS`` in
    #: smoplanner.ui.mainwindow): it starts loading, off the GUI thread, what the tab will need, so that the
    #: tab opens quickly without start-up paying for it (Results: matplotlib).
    warm_up: str | None = None


AREAS: tuple[Area, ...] = (
    Area(
        key="overview",
        title="&Overview",
        tab="smoplanner.ui.overview:make_tab",
    ),
    Area(
        key="profiles",
        title="&Profiles",
        tab="smoplanner.ui.profiles:make_tab",
        tables="smoplanner.store.profiles",
        demo="smoplanner.store.demo.profiles:fill_profiles_demo",
        report=ReportSection("profiles", "smoplanner.report.profiles:build_profiles_section", order=90),
        holdings=(("profiles", "profile", "profiles"), ("images", "picture", "pictures")),
    ),
    Area(
        key="calendar",
        title="&Calendar",
        tab="smoplanner.ui.calendar:make_tab",
        menu_actions="smoplanner.ui.calendar:menu_entries",
        tables="smoplanner.store.posts.tables",
        demo="smoplanner.store.demo.posts:fill_posts_demo",
        report=ReportSection("posts", "smoplanner.report.posts:build_posts_section", order=10),
        holdings=(
            ("posts", "post", "posts"),
            ("content_pillars", "content pillar", "content pillars"),
            ("hashtag_groups", "hashtag group", "hashtag groups"),
            ("media_files", "post picture", "post pictures"),
        ),
    ),
    Area(
        key="engagement",
        title="E&ngagement",
        tab="smoplanner.ui.engagement:make_tab",
        menu_actions="smoplanner.ui.engagement:menu_entries",
        tab_title="smoplanner.ui.engagement:tab_title",
        tables="smoplanner.store.engagement",
        demo="smoplanner.store.demo.engagement:fill_engagement_demo",
        report=ReportSection("engagement", "smoplanner.report.engagement:build_engagement_section", order=80),
        holdings=(
            ("engagement_items", "item to answer", "items to answer"),
            ("saved_replies", "saved reply", "saved replies"),
        ),
    ),
    Area(
        key="budget",
        title="&Budget",
        tab="smoplanner.ui.budget:make_tab",
        menu_actions="smoplanner.ui.budget:menu_entries",
        tables="smoplanner.store.budget",
        demo="smoplanner.store.demo.budget:fill_budget_demo",
        report=ReportSection("budget", "smoplanner.report.budget:build_budget_section", order=40),
        more_reports=(ReportSection("paid", "smoplanner.report.budget:build_paid_section", order=30),),
        holdings=(
            ("campaigns", "campaign", "campaigns"),
            ("influencers", "influencer", "influencers"),
            ("paid_results", "paid result", "paid results"),
        ),
    ),
    Area(
        key="results",
        title="&Results",
        tab="smoplanner.ui.results:make_tab",
        menu_actions="smoplanner.ui.results_import:menu_entries",
        warm_up="smoplanner.ui.chart_modules:warm_up",
        tables="smoplanner.store.results",
        demo="smoplanner.store.demo.results:fill_results_demo",
        report=ReportSection("organic", "smoplanner.report.results:build_organic_section", order=20),
        holdings=(
            ("organic_results", "day of results", "days of results"),
            ("post_results", "post result", "post results"),
        ),
    ),
)


def resolve(ref: str) -> Any:
    """The object a ``"module:attribute"`` reference names, importing its module (``"module"``: the module)."""
    module_name, _, attribute = ref.partition(":")
    module = importlib.import_module(module_name)
    if not attribute:
        return module
    try:
        return getattr(module, attribute)
    except AttributeError:
        raise LookupError(f"{module_name} has no {attribute} (referenced as {ref!r})") from None


def area(key: str) -> Area:
    """The area called ``key``."""
    for candidate in AREAS:
        if candidate.key == key:
            return candidate
    raise LookupError(f"there is no area {key!r}")


def report_sections() -> list[ReportSection]:
    """The report's sections in the order the report shows them."""
    sections = [section for a in AREAS for section in ((a.report,) if a.report else ()) + a.more_reports]
    return sorted(sections, key=lambda section: section.order)
