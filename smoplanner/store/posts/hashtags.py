"""Hashtag groups: saved sets of hashtags the post editor inserts in one go."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from smoplanner.store.posts.rows import HashtagGroup
from smoplanner.store.posts.tables import HashtagGroupRow


def _normalise_tags(tags: str | Iterable[str]) -> str:
    words = re.split(r"[\s,;]+", tags) if isinstance(tags, str) else list(tags)
    result: list[str] = []
    for word in words:
        word = word.strip()
        if not word or word == "#":
            continue
        tag = word if word.startswith("#") else "#" + word
        if tag.lower() not in {t.lower() for t in result}:
            result.append(tag)
    return " ".join(result)


def list_hashtag_groups(session: Session) -> list[HashtagGroup]:
    return [
        HashtagGroup(row.id, row.name, row.tags)
        for row in session.scalars(select(HashtagGroupRow).order_by(func.lower(HashtagGroupRow.name)))
    ]


def save_hashtag_group(session: Session, name: str, tags: str | Iterable[str]) -> int:
    """Save a group by name (an existing group of that name is replaced); "#" is added where missing."""
    name = name.strip()
    if not name:
        raise ValueError("A hashtag group needs a name.")
    row = session.scalars(select(HashtagGroupRow).where(HashtagGroupRow.name == name)).one_or_none()
    if row is None:
        row = HashtagGroupRow(name=name, tags="")
        session.add(row)
    row.tags = _normalise_tags(tags)
    session.flush()
    return row.id


def delete_hashtag_group(session: Session, group_id: int) -> HashtagGroup | None:
    """Delete a group; returns it (for undo with ``save_hashtag_group``), or None if it was not there."""
    row = session.get(HashtagGroupRow, group_id)
    if row is None:
        return None
    group = HashtagGroup(row.id, row.name, row.tags)
    session.delete(row)
    session.flush()
    return group
