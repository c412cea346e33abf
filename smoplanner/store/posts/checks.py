"""Read-only checks of a post or pillar change: the plain message of what would stop it, or None."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from smoplanner.core.posts import PostRecord
from smoplanner.core.recurrence import Recurrence
from smoplanner.store.posts.common import check_pillar as _check_pillar
from smoplanner.store.posts.common import check_record as _check_record
from smoplanner.store.posts.common import require_post as _require_post
from smoplanner.store.posts.pillars import validate_pillar as _validate_pillar


def _problem(check: Callable[[], object]) -> str | None:
    # The store's validation helpers raise with the message a user reads; here they only read.
    try:
        check()
    except (ValueError, LookupError) as exc:
        return str(exc)
    return None


def check_post(
    session: Session, record: PostRecord, pillar_id: int | None, rule: Recurrence | None = None
) -> str | None:
    """What stops ``record`` being added as a new post (a repeating one with ``rule``), or None."""

    def check() -> None:
        if rule is not None and record.scheduled_at is None:
            raise ValueError("a repeating post needs a first date")
        _check_record(record)
        _check_pillar(session, pillar_id)

    return _problem(check)


def check_post_update(session: Session, post_id: int, record: PostRecord, pillar_id: int | None) -> str | None:
    """What stops post ``post_id`` being replaced by ``record``, or None."""

    def check() -> None:
        _require_post(session, post_id)
        _check_record(record)
        _check_pillar(session, pillar_id)

    return _problem(check)


def check_series_update(session: Session, post_id: int, record: PostRecord, pillar_id: int | None) -> str | None:
    """What stops "this and all following" from ``post_id`` being changed to ``record``, or None.

    The later posts take only what changed in this one, so what holds for this post holds for them.
    """
    return check_post_update(session, post_id, record, pillar_id)


def check_pillar(
    session: Session, name: str, color: str, target_percent: int, pillar_id: int | None = None
) -> str | None:
    """What stops a pillar being added (``pillar_id`` None) or pillar ``pillar_id`` being changed, or None."""

    def check() -> None:
        if pillar_id is not None:
            _check_pillar(session, pillar_id)
        _validate_pillar(session, name, color, target_percent, pillar_id)

    return _problem(check)


def check_pillar_delete(session: Session, pillar_id: int) -> str | None:
    """What stops pillar ``pillar_id`` being deleted (it is gone already), or None."""
    return _problem(lambda: _check_pillar(session, pillar_id))
