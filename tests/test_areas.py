"""The area registry: every area's parts are found, and declaring an area is all the plan's schema needs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import types
from importlib.resources import files
from pathlib import Path

import pytest
from sqlalchemy import Integer

from smoplanner.areas import AREAS, Area, area, report_sections, resolve
from smoplanner.store.models import Base, load_all_tables, money_columns

ROOT = Path(__file__).resolve().parents[1]


def _references(a: Area) -> list[str]:
    refs = [a.tab]
    if a.demo:
        refs.append(a.demo)
    if a.report:
        refs.append(a.report.builder)
    refs += [section.builder for section in a.more_reports]
    if a.menu_actions:
        refs.append(a.menu_actions)
    if a.tab_title:
        refs.append(a.tab_title)
    if a.warm_up:
        refs.append(a.warm_up)
    return refs


@pytest.mark.parametrize("a", AREAS, ids=lambda a: a.key)
def test_every_reference_of_an_area_imports_and_is_callable(a: Area) -> None:
    for ref in _references(a):
        assert callable(resolve(ref)), ref
    if a.tables is not None:
        assert isinstance(resolve(a.tables), types.ModuleType)


def test_areas_and_their_report_keys_are_unique() -> None:
    keys = [a.key for a in AREAS]
    assert len(set(keys)) == len(keys)
    sections = [s.key for s in report_sections()]
    assert len(set(sections)) == len(sections)
    assert area("calendar").title == "&Calendar"
    with pytest.raises(LookupError):
        area("nowhere")


def test_the_report_keeps_its_documented_order() -> None:
    assert [s.key for s in report_sections()] == ["posts", "organic", "paid", "budget", "engagement", "profiles"]


def test_a_bad_reference_names_what_is_missing() -> None:
    with pytest.raises(LookupError, match="no_such_thing"):
        resolve("smoplanner.areas:no_such_thing")
    assert resolve("smoplanner.areas") is sys.modules["smoplanner.areas"]


def test_every_money_column_is_an_integer_of_minor_units() -> None:
    columns = money_columns()
    assert columns, "the calendar's boost amount at least"
    assert {f"{c.class_.__tablename__}.{c.key}" for c in columns} >= {"posts.boost_minor"}
    for column in columns:
        assert isinstance(column.property.columns[0].type, Integer), column


def test_money_columns_are_found_by_their_info_only() -> None:
    flagged = {
        f"{table.name}.{column.name}"
        for table in load_all_tables().tables.values()
        for column in table.columns
        if column.info.get("money")
    }
    assert flagged == {f"{c.class_.__tablename__}.{c.key}" for c in money_columns()}


def test_the_areas_tables_are_exactly_the_current_file_formats_tables() -> None:
    schemas = json.loads(files("smoplanner.store.migrations").joinpath("schemas.json").read_text(encoding="utf-8"))
    head = list(schemas)[-1]
    in_file = {name for kind, name, _table, _sql in schemas[head] if kind == "table"} - {"alembic_version"}
    assert set(load_all_tables().tables) == in_file
    assert load_all_tables() is Base.metadata


def _run(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"},
        check=True,
    )
    return result.stdout.strip()


def test_the_registry_is_what_brings_the_areas_tables_in() -> None:
    out = _run(
        "from smoplanner.store.models import Base, load_all_tables\n"
        "before = sorted(Base.metadata.tables)\n"
        "load_all_tables()\n"
        "print(before, len(Base.metadata.tables))"
    )
    assert out == f"['plan_checksum', 'plan_settings', 'platforms'] {len(load_all_tables().tables)}"


def test_listing_the_tabs_imports_neither_the_database_layer_nor_the_tabs() -> None:
    out = _run(
        "import sys\n"
        "from smoplanner.ui.mainwindow import _tab_factories\n"
        "titles = [title for title, _factory in _tab_factories()]\n"
        "loaded = [m for m in ('sqlalchemy', 'matplotlib', 'smoplanner.ui.calendar.tab', 'smoplanner.store.posts')"
        " if m in sys.modules]\n"
        "print(titles, loaded)"
    )
    assert out == f"{[a.title for a in AREAS]} []"


def test_the_holdings_an_area_names_are_its_tables() -> None:
    from smoplanner.store.settings import describe_holdings

    for a in AREAS:
        if a.holdings:
            assert a.tables is not None
            module_tables = {
                obj.__tablename__ for obj in vars(resolve(a.tables)).values() if hasattr(obj, "__tablename__")
            }
            assert {table for table, _one, _many in a.holdings} <= module_tables, a.key
    counts = {"platforms": 6, "profiles": 1, "posts": 3, "post_platforms": 5, "images": 2}
    assert describe_holdings(counts) == ["6 platforms in use", "1 profile", "2 pictures", "3 posts"]
