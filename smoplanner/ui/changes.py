"""What a change to the plan touched, as flags each view tests to decide whether to refresh."""

from __future__ import annotations

import enum


class Change(enum.Flag):
    """The parts of a plan an edit, undo or redo changed (in the spirit of Anki's ``OpChanges``).

    A view refreshes when ``changes & (Change.POSTS | Change.SETTINGS)`` (say) is not empty. A new area
    adds its member here and to ``ALL``.
    """

    SETTINGS = enum.auto()  # the plan's settings: name, currency, time zone, platforms, …
    FILE = enum.auto()  # the file itself: saved elsewhere, autosave switched, read-only lifted
    PROFILES = enum.auto()  # profiles, their checklists, pictures and limit overrides
    POSTS = enum.auto()
    PILLARS = enum.auto()  # content pillars (their list, names, colours, targets)
    HASHTAGS = enum.auto()  # saved hashtag groups
    ENGAGEMENT = enum.auto()  # engagement items, saved replies, response-time targets, business hours
    BUDGET = enum.auto()  # month budgets and lines, campaigns, influencers, paid results, expenses
    RESULTS = enum.auto()  # organic results per day and post-level results

    ALL = SETTINGS | FILE | PROFILES | POSTS | PILLARS | HASHTAGS | ENGAGEMENT | BUDGET | RESULTS
