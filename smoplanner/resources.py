"""Finds the data files shipped in resources/ (rulebook, demo data, icons)."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any


@cache
def resource_root() -> Traversable:
    """The resources folder: inside the installed package, or the checkout's top-level one.

    A wheel carries resources/ as ``smoplanner/resources``; an editable install of a
    source checkout leaves it beside the package, one level up.
    """
    packaged = files("smoplanner").joinpath("resources")
    if packaged.is_dir():
        return packaged
    checkout = files("smoplanner").joinpath("..", "resources")
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError("smoplanner's resources folder is missing; reinstall smoplanner")


def resource(*parts: str) -> Traversable:
    node = resource_root()
    for part in parts:
        node = node.joinpath(part)
    return node


@cache
def load_json(*parts: str) -> Any:
    return json.loads(resource(*parts).read_text(encoding="utf-8"))
