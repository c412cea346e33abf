"""The sample café's engagement: two months of comments, messages and reviews up to today, mostly answered in time."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from smoplanner.core.engagement import ItemRecord, deadline, parse_tags
from smoplanner.resources import load_json
from smoplanner.store.engagement import (
    create_items,
    get_business_hours,
    get_targets,
    save_reply,
    set_business_hours,
    set_targets,
    target_for,
)
from smoplanner.store.posts.tables import Post, PostPlatform
from smoplanner.store.settings import get_settings

#: How many days back the sample reaches, and how many items a day brings (a small café's week).
_DAYS = 61
_PER_DAY = (1, 4)


def _demo_now() -> datetime:
    return datetime.now(UTC)


def _clock(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def fill_engagement_demo(session: Session, demo_json: dict[str, Any]) -> None:
    """Business hours (Tue–Sun 8–18), holidays, targets, saved replies, and two months of items.

    The items are made from ``resources/demo/engagement.json``'s templates with a fixed seed, relative to
    now: most answered within their target, some a little late, the last day's still waiting, a few
    older ones overdue; comments point to the café's posts on that platform from the days before.
    """
    raw = load_json("demo", "engagement.json")
    settings = get_settings(session)
    tz = ZoneInfo(settings.timezone)
    now = _demo_now()
    hours = raw["business_hours"]
    spans = ((_clock(hours["opens"]), _clock(hours["closes"])),)
    years = {now.year - 1, now.year, now.year + 1}
    holidays = {
        date.fromisoformat(f"{year}-{h['month_day']}"): h["name"] for year in sorted(years) for h in raw["holidays"]
    }
    set_business_hours(session, {day: spans for day in hours["weekdays"]}, holidays)
    set_targets(session, {(t["platform"], t["kind"]): int(t["hours"]) * 60 for t in raw["targets"]})
    for reply in raw["replies"]:
        save_reply(session, reply["name"], reply["text"])
    business_hours = get_business_hours(session)
    targets = get_targets(session)
    in_use = {p.code for p in settings.platforms}
    templates = [t for t in raw["templates"] if t["platform"] in in_use]
    if not templates:
        return
    rng = random.Random(20261129)
    records: list[ItemRecord] = []
    today = now.astimezone(tz).date()
    for back in range(_DAYS, -1, -1):
        day = today - timedelta(days=back)
        for _ in range(rng.randint(*_PER_DAY)):
            template = rng.choice(templates)
            local = datetime.combine(day, time(rng.randint(7, 21), rng.choice((0, 5, 12, 20, 34, 41, 55))), tz)
            received = local.astimezone(UTC)
            if received > now:
                continue
            records.append(
                _item(template, received, now, rng, raw["assignees"], raw["replies"], business_hours, targets)
            )
    _link_posts(session, records, templates)
    create_items(session, records)


def _item(
    template: dict[str, Any],
    received: datetime,
    now: datetime,
    rng: random.Random,
    assignees: list[str],
    replies: list[dict[str, str]],
    hours: Any,
    targets: dict[tuple[str, str], int],
) -> ItemRecord:
    record = ItemRecord(
        platform=template["platform"],
        kind=template["kind"],
        author=template["author"],
        text=template["text"],
        received_at=received,
        sentiment=template["sentiment"],
        tags=parse_tags(template.get("tags", "")),
        assignee=rng.choice(assignees) if template["kind"] in ("review", "message") else "",
    )
    target = target_for(targets, record.platform, record.kind) or 24 * 60
    age = now - received
    roll = rng.random()
    missed = roll < 0.12 and age < timedelta(days=12)  # a few from the last days slipped through
    if age < timedelta(hours=20) or missed:  # the last day's items wait
        status = "escalated" if record.sentiment == "negative" and roll < 0.5 else "new"
        return _with(record, status=status, assignee=record.assignee or rng.choice(assignees))
    if template["kind"] == "mention" and roll < 0.5:
        return _with(record, status="no_reply")
    # Most answers come well within the target; about one in eight runs late.
    share = rng.uniform(0.05, 0.7) if roll < 0.88 else rng.uniform(1.1, 2.0)
    answered = deadline(received, max(1, int(target * share)), hours)
    if answered > now:
        return _with(record, status="in_progress", assignee=record.assignee or rng.choice(assignees))
    used = ""
    if record.kind == "review":
        used = replies[0]["name"] if record.sentiment != "negative" else replies[1]["name"]
    return _with(record, status="answered", answered_at=answered, reply_used=used)


def _with(record: ItemRecord, **changes: Any) -> ItemRecord:
    from dataclasses import replace

    return replace(record, **changes)


def _link_posts(session: Session, records: list[ItemRecord], templates: list[dict[str, Any]]) -> None:
    """Point comments meant for a post at the latest post on their platform in the three days before."""
    on_post = {(t["platform"], t["author"]) for t in templates if t.get("post")}
    posts: dict[str, list[tuple[datetime, int]]] = {}
    query = (
        select(PostPlatform.platform, Post.scheduled_at, Post.id)
        .join(Post, Post.id == PostPlatform.post_id)
        .where(Post.scheduled_at.is_not(None), Post.status == "published")
        .order_by(Post.scheduled_at)
    )
    for platform, when, post_id in session.execute(query):
        if when is not None:
            posts.setdefault(platform, []).append((when, post_id))
    for index, record in enumerate(records):
        if (record.platform, record.author) not in on_post:
            continue
        earlier = [
            post_id
            for when, post_id in posts.get(record.platform, ())
            if record.received_at - timedelta(days=3) <= when <= record.received_at
        ]
        if earlier:
            records[index] = _with(record, post_id=earlier[-1])
