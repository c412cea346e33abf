"""The list view's filter as a pure function: text search plus platform, status, pillar and campaign choices.

The Calendar list view's QSortFilterProxyModel calls ``matches`` for each row, and the benchmark times
the same function, so what is measured is what the user types into.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["PostQuery", "fold", "matches"]


def fold(text: str) -> str:
    """Text as the search compares it: case-folded (so "STRASSE" finds "Straße")."""
    return text.casefold()


@dataclass(frozen=True, slots=True)
class PostQuery:
    """What the user chose; an empty field means "any".

    ``text`` is matched word by word (every word must appear, in any order) against the title, text,
    campaign, pillar and variants. ``platforms``/``statuses``: the row matches when it has any of them.
    ``pillar``/``campaign``: exact (case-insensitive) choices from the filter bar's combo boxes.
    """

    text: str = ""
    platforms: frozenset[str] = frozenset()
    statuses: frozenset[str] = frozenset()
    pillar: str = ""
    campaign: str = ""

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(fold(self.text).split())

    @property
    def is_empty(self) -> bool:
        return not (self.words or self.platforms or self.statuses or self.pillar or self.campaign)


def matches(
    title: str,
    text: str,
    platforms: Iterable[str],
    status: str,
    pillar: str,
    campaign: str,
    query: PostQuery,
    *,
    extra_text: str = "",
) -> bool:
    """Whether one post's fields (plain strings) pass the filter ``query``.

    ``extra_text`` is any further searchable text, such as the per-platform variants joined together.
    """
    if query.statuses and status not in query.statuses:
        return False
    if query.platforms and query.platforms.isdisjoint(platforms):
        return False
    if query.pillar and fold(pillar) != fold(query.pillar):
        return False
    if query.campaign and fold(campaign) != fold(query.campaign):
        return False
    words = query.words
    if not words:
        return True
    haystack = fold(f"{title}\n{text}\n{campaign}\n{pillar}\n{extra_text}")
    return all(word in haystack for word in words)
