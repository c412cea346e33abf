"""Undoable calendar edits: each one calls store functions in one short Session and can put things back."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from smoplanner.core.posts import PostRecord
from smoplanner.core.recurrence import Recurrence
from smoplanner.store import posts as store
from smoplanner.store.posts import checks as post_checks
from smoplanner.ui.changes import Change
from smoplanner.ui.document import PlanCommand, PlanDocument


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


class _PostsCommand(PlanCommand):
    """Base: a change to posts (the views showing posts refresh after it)."""

    changes = Change.POSTS

    def _problem(self, check: Callable[[Session], str | None]) -> str | None:
        with self.document.plan.session() as s:
            return check(s)


class SnapshotCommand(_PostsCommand):
    """An edit of existing posts: undo puts the snapshotted posts back exactly as they were."""

    def __init__(
        self, document: PlanDocument, text: str, ids: Sequence[int], change: Callable[[Session], object]
    ) -> None:
        super().__init__(document, text)
        self.ids = list(ids)
        self._change = change
        self._before: list[store.PostSnapshot] = []

    def apply(self, s: Session) -> None:
        self._before = store.snapshot_posts(s, self.ids)
        self._change(s)

    def revert(self, s: Session) -> None:
        store.restore_posts(s, self._before)


class MovePostsCommand(SnapshotCommand):
    """Reschedule posts: ``moves`` maps post id to its new time (None: back to the ideas)."""

    def __init__(self, document: PlanDocument, moves: dict[int, datetime | None], text: str = "") -> None:
        self.moves = dict(moves)

        def change(s: Session) -> None:
            for post_id, when in self.moves.items():
                store.move_post(s, post_id, when)

        if not text:
            text = "Move Post" if len(moves) == 1 else f"Move {len(moves)} Posts"
        super().__init__(document, text, list(moves), change)


class SetStatusCommand(SnapshotCommand):
    def __init__(self, document: PlanDocument, ids: Sequence[int], status: str) -> None:
        super().__init__(
            document,
            f"Mark {_plural(len(ids), 'Post')} as {status.title()}",
            ids,
            lambda s: store.set_status(s, ids, status),
        )


class MarkPublishedCommand(SnapshotCommand):
    """Scheduled posts whose time has passed went out: mark them published in one undoable step."""

    def __init__(self, document: PlanDocument, ids: Sequence[int]) -> None:
        super().__init__(
            document,
            f"Mark {_plural(len(ids), 'Post')} as Published",
            ids,
            lambda s: store.mark_published(s, ids),
        )


class SetPillarCommand(SnapshotCommand):
    def __init__(self, document: PlanDocument, ids: Sequence[int], pillar_id: int | None, name: str) -> None:
        super().__init__(
            document,
            f"Set Pillar of {_plural(len(ids), 'Post')} to {name}",
            ids,
            lambda s: store.set_pillar(s, ids, pillar_id),
        )


class UpdatePostCommand(_PostsCommand):
    """Save an edited post; with ``following`` the change also goes to the later posts of its repeat."""

    def __init__(
        self,
        document: PlanDocument,
        post_id: int,
        record: PostRecord,
        pillar_id: int | None,
        *,
        following: bool = False,
        detach: bool = False,
    ) -> None:
        super().__init__(document, "Edit Posts" if following else "Edit Post")
        self.post_id = post_id
        self.record = record
        self.pillar_id = pillar_id
        self.following = following
        self.detach = detach
        self._before: list[store.PostSnapshot] = []

    def problem(self) -> str | None:
        check = post_checks.check_series_update if self.following else post_checks.check_post_update
        return self._problem(lambda s: check(s, self.post_id, self.record, self.pillar_id))

    def apply(self, s: Session) -> None:
        if self.following:
            row = store.get_post(s, self.post_id)
            ids = [self.post_id]
            if row.series_id is not None and row.scheduled_at is not None:
                ids += _later_in_series(s, row.series_id, row.scheduled_at)
            self._before = store.snapshot_posts(s, ids)
            store.update_series_from(s, self.post_id, self.record, pillar_id=self.pillar_id)
        else:
            self._before = store.snapshot_posts(s, [self.post_id])
            if self.detach:
                store.detach_from_series(s, self.post_id)
            store.update_post(s, self.post_id, self.record, pillar_id=self.pillar_id)

    def revert(self, s: Session) -> None:
        store.restore_posts(s, self._before)


def _later_in_series(s: Session, series_id: int, start: datetime) -> list[int]:
    """The ids of a repeat's posts from ``start`` on (what "this and all following" may change)."""
    end = datetime(9999, 12, 30, tzinfo=UTC)
    return [row.id for row in store.posts_between(s, start, end) if row.series_id == series_id]


class _AddPostsCommand(_PostsCommand):
    """Adds posts: the first redo makes them (``add``); undo deletes exactly those (``added_ids``), and
    a later redo restores them as they were, with the same ids."""

    def __init__(self, document: PlanDocument, text: str) -> None:
        super().__init__(document, text)
        self._deleted: list[store.PostSnapshot] = []

    def add(self, s: Session) -> None:
        raise NotImplementedError

    def added_ids(self) -> Sequence[int]:
        raise NotImplementedError

    def apply(self, s: Session) -> None:
        if self._deleted:
            store.restore_posts(s, self._deleted)
        else:
            self.add(s)

    def revert(self, s: Session) -> None:
        self._deleted = store.delete_posts(s, self.added_ids())


class CreatePostsCommand(_AddPostsCommand):
    """Add a post (or a repeating series of posts); undo deletes them, redo brings the same ids back."""

    def __init__(
        self,
        document: PlanDocument,
        record: PostRecord,
        pillar_id: int | None,
        rule: Recurrence | None = None,
        text: str = "New Post",
    ) -> None:
        super().__init__(document, text)
        self.record = record
        self.pillar_id = pillar_id
        self.rule = rule
        self.ids: list[int] = []

    def problem(self) -> str | None:
        return self._problem(lambda s: post_checks.check_post(s, self.record, self.pillar_id, self.rule))

    def add(self, s: Session) -> None:
        if self.rule is not None:
            _series, self.ids = store.create_series(s, self.record, self.rule, pillar_id=self.pillar_id)
        else:
            self.ids = [store.create_post(s, self.record, pillar_id=self.pillar_id)]

    def added_ids(self) -> Sequence[int]:
        return self.ids


class DuplicatePostCommand(_AddPostsCommand):
    def __init__(self, document: PlanDocument, post_id: int) -> None:
        super().__init__(document, "Duplicate Post")
        self.post_id = post_id
        self.new_id: int | None = None

    def add(self, s: Session) -> None:
        self.new_id = store.duplicate_post(s, self.post_id)

    def added_ids(self) -> Sequence[int]:
        return [self.new_id] if self.new_id is not None else []


class DeletePostsCommand(_PostsCommand):
    def __init__(self, document: PlanDocument, ids: Sequence[int]) -> None:
        super().__init__(document, "Delete Post" if len(ids) == 1 else f"Delete {len(ids)} Posts")
        self.ids = list(ids)
        self._deleted: list[store.PostSnapshot] = []

    def apply(self, s: Session) -> None:
        self._deleted = store.delete_posts(s, self.ids)

    def revert(self, s: Session) -> None:
        store.restore_posts(s, self._deleted)


class ImportPostsCommand(_AddPostsCommand):
    """Add imported posts in one transaction (all or nothing); undo deletes exactly what was added.

    A pillar named in the file and missing from the plan is added with the posts, so pillars change too."""

    changes = Change.POSTS | Change.PILLARS

    def __init__(self, document: PlanDocument, records: Sequence[PostRecord], source: str) -> None:
        super().__init__(document, f"Import {source}")
        self.records = list(records)
        self.result: store.ImportResult | None = None

    def add(self, s: Session) -> None:
        self.result = store.import_records(s, self.records)

    def added_ids(self) -> Sequence[int]:
        return self.result.post_ids if self.result is not None else ()


class PillarCommand(PlanCommand):
    """Add, change or delete a content pillar (deleting one also takes it off its posts)."""

    def __init__(
        self,
        document: PlanDocument,
        text: str,
        *,
        create: tuple[str, str, int] | None = None,
        update: tuple[int, str, str, int] | None = None,
        delete: int | None = None,
    ) -> None:
        super().__init__(document, text, Change.PILLARS | (Change.POSTS if delete is not None else Change(0)))
        self._create = create
        self._update = update
        self._delete = delete
        self._new_id: int | None = None
        self._old: store.Pillar | None = None
        self._snapshot: store.PillarSnapshot | None = None
        self._created_snapshot: store.PillarSnapshot | None = None

    def problem(self) -> str | None:
        with self.document.plan.session() as s:
            if self._create is not None:
                return post_checks.check_pillar(s, *self._create)
            if self._update is not None:
                pid, name, color, target = self._update
                return post_checks.check_pillar(s, name, color, target, pid)
            if self._delete is not None:
                return post_checks.check_pillar_delete(s, self._delete)
        return None

    def apply(self, s: Session) -> None:
        if self._create is not None:
            if self._created_snapshot is not None:
                store.restore_pillar(s, self._created_snapshot)
            else:
                self._new_id = store.create_pillar(s, *self._create)
        elif self._update is not None:
            pid = self._update[0]
            self._old = next(p for p in store.list_pillars(s) if p.id == pid)
            store.update_pillar(s, *self._update)
        elif self._delete is not None:
            self._snapshot = store.delete_pillar(s, self._delete)

    def revert(self, s: Session) -> None:
        if self._create is not None and self._new_id is not None:
            self._created_snapshot = store.delete_pillar(s, self._new_id)
        elif self._update is not None and self._old is not None:
            o = self._old
            store.update_pillar(s, o.id, o.name, o.color, o.target_percent)
        elif self._snapshot is not None:
            store.restore_pillar(s, self._snapshot)


class HashtagGroupCommand(PlanCommand):
    """Save a hashtag group (replacing one of the same name); undo puts the old one back or removes it."""

    changes = Change.HASHTAGS

    def __init__(self, document: PlanDocument, name: str, tags: str) -> None:
        super().__init__(document, f"Save Hashtag Group {name}")
        self.name = name
        self.tags = tags
        self._old: store.HashtagGroup | None = None
        self._id: int | None = None

    def apply(self, s: Session) -> None:
        self._old = next((g for g in store.list_hashtag_groups(s) if g.name == self.name.strip()), None)
        self._id = store.save_hashtag_group(s, self.name, self.tags)

    def revert(self, s: Session) -> None:
        if self._old is not None:
            store.save_hashtag_group(s, self._old.name, self._old.tags)
        elif self._id is not None:
            store.delete_hashtag_group(s, self._id)
