"""The calendar area's store: posts, their platforms, content pillars, repeats and hashtag groups.

Every function works inside the caller's transaction and never commits, so a command (or an import) is
all or nothing. Reads return frozen dataclasses, never ORM objects, so rows can cross into item models.
The modules: ``tables`` (the SQLAlchemy models), ``rows`` (the plain data), ``crud`` (posts),
``series`` (repeats), ``pillars``, ``hashtags``, ``transfer`` (import and export glue) and ``queries``
(counts for the report); ``common`` holds what they share. Callers use the names re-exported here.
"""

from __future__ import annotations

from smoplanner.store.posts.common import check_pillar, check_record, plan_zone, record_has_problems, require_post
from smoplanner.store.posts.crud import (
    all_posts,
    count_posts,
    create_post,
    create_posts,
    delete_posts,
    duplicate_post,
    get_post,
    get_series,
    move_post,
    posts_between,
    posts_by_day,
    recheck_posts,
    restore_posts,
    set_pillar,
    set_status,
    snapshot_posts,
    unscheduled_posts,
    update_post,
)
from smoplanner.store.posts.hashtags import delete_hashtag_group, list_hashtag_groups, save_hashtag_group
from smoplanner.store.posts.pillars import (
    PILLAR_PALETTE,
    create_pillar,
    delete_pillar,
    list_pillars,
    pillar_mix,
    restore_pillar,
    update_pillar,
    validate_pillar,
)
from smoplanner.store.posts.queries import mark_published, past_scheduled_posts, posts_by_platform, posts_by_status
from smoplanner.store.posts.rows import (
    HashtagGroup,
    ImportResult,
    Pillar,
    PillarShare,
    PillarSnapshot,
    PostRow,
    PostSnapshot,
    Series,
)
from smoplanner.store.posts.series import create_series, detach_from_series, update_series_from
from smoplanner.store.posts.tables import ContentPillar, HashtagGroupRow, Post, PostPlatform, PostSeries
from smoplanner.store.posts.transfer import export_records, import_records

__all__ = [
    "PILLAR_PALETTE",
    "ContentPillar",
    "HashtagGroup",
    "HashtagGroupRow",
    "ImportResult",
    "Pillar",
    "PillarShare",
    "PillarSnapshot",
    "Post",
    "PostPlatform",
    "PostRow",
    "PostSeries",
    "PostSnapshot",
    "Series",
    "all_posts",
    "check_pillar",
    "check_record",
    "count_posts",
    "create_pillar",
    "create_post",
    "create_posts",
    "create_series",
    "delete_hashtag_group",
    "delete_pillar",
    "delete_posts",
    "detach_from_series",
    "duplicate_post",
    "export_records",
    "get_post",
    "get_series",
    "import_records",
    "list_hashtag_groups",
    "list_pillars",
    "mark_published",
    "move_post",
    "past_scheduled_posts",
    "pillar_mix",
    "plan_zone",
    "posts_between",
    "posts_by_day",
    "posts_by_platform",
    "posts_by_status",
    "recheck_posts",
    "record_has_problems",
    "require_post",
    "restore_pillar",
    "restore_posts",
    "save_hashtag_group",
    "set_pillar",
    "set_status",
    "snapshot_posts",
    "unscheduled_posts",
    "update_pillar",
    "update_post",
    "update_series_from",
    "validate_pillar",
]
