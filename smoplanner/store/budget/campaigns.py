"""Campaigns and influencers: plain records, saved, deleted and put back (for undo) by id."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from smoplanner.store.budget.tables import (
    INFLUENCER_STATUSES,
    OBJECTIVES,
    BudgetLineRow,
    CampaignRow,
    ExpenseRow,
    InfluencerRow,
    PaidResultRow,
)
from smoplanner.store.posts.tables import Post


@dataclass(frozen=True, slots=True)
class Campaign:
    name: str
    objective: str = ""  # one of OBJECTIVES, or "" when not said
    start: date | None = None
    end: date | None = None
    budget_minor: int = 0
    target_results: int | None = None
    target_cost_minor: int | None = None  # the most one result may cost
    platforms: tuple[str, ...] = ()
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Influencer:
    name: str
    platform: str = ""
    handle: str = ""
    followers: int = 0
    fee_minor: int = 0
    deliverables: str = ""
    status: str = "contacted"  # one of INFLUENCER_STATUSES
    start: date | None = None
    end: date | None = None
    campaign: str = ""
    id: int | None = None

    @property
    def planned_minor(self) -> int:
        """An agreed fee is planned spend (from "agreed" on)."""
        return self.fee_minor if self.status != "contacted" else 0

    @property
    def paid_minor(self) -> int:
        return self.fee_minor if self.status == "paid" else 0

    @property
    def day(self) -> date | None:
        """The day that places the influencer's fee in a month."""
        return self.start or self.end


def _check_amount(value: int | None, what: str) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} must be an int of minor units, never {type(value).__name__}")
    if value < 0:
        raise ValueError(f"{what} cannot be negative")


def _check_dates(start: date | None, end: date | None) -> None:
    if start is not None and end is not None and end < start:
        raise ValueError(f"the end ({end:%d %b %Y}) is before the start ({start:%d %b %Y})")


def _campaign(row: CampaignRow) -> Campaign:
    return Campaign(
        name=row.name,
        objective=row.objective,
        start=row.start,
        end=row.end,
        budget_minor=row.budget_minor,
        target_results=row.target_results,
        target_cost_minor=row.target_cost_minor,
        platforms=tuple(code for code in row.platforms.split(",") if code),
        id=row.id,
    )


def list_campaigns(session: Session) -> list[Campaign]:
    return [_campaign(row) for row in session.scalars(select(CampaignRow).order_by(func.lower(CampaignRow.name)))]


def campaign_names(session: Session) -> list[str]:
    """The plan's campaigns by name (for the post editor's campaign field)."""
    return list(session.scalars(select(CampaignRow.name).order_by(func.lower(CampaignRow.name))))


def validate_campaign(session: Session, campaign: Campaign) -> Campaign:
    name = " ".join(campaign.name.split())
    if not name:
        raise ValueError("a campaign needs a name")
    if len(name) > 200:
        raise ValueError("a campaign's name is at most 200 characters")
    if campaign.objective not in ("", *OBJECTIVES):
        raise ValueError(f"{campaign.objective!r} is not an objective (use {', '.join(OBJECTIVES)})")
    _check_dates(campaign.start, campaign.end)
    _check_amount(campaign.budget_minor, "a campaign's budget")
    _check_amount(campaign.target_cost_minor, "a target cost per result")
    if campaign.target_results is not None and campaign.target_results < 0:
        raise ValueError("a target number of results cannot be negative")
    clash = session.scalar(
        select(CampaignRow.id).where(
            func.lower(CampaignRow.name) == name.lower(), CampaignRow.id != (campaign.id or -1)
        )
    )
    if clash is not None:
        raise ValueError(f"there is already a campaign called “{name}”")
    platforms = tuple(dict.fromkeys(code.strip().lower() for code in campaign.platforms if code.strip()))
    return Campaign(
        **{**{f.name: getattr(campaign, f.name) for f in fields(Campaign)}, "name": name, "platforms": platforms}
    )


def _rename_everywhere(session: Session, old: str, new: str) -> None:
    for column in (
        Post.campaign,
        BudgetLineRow.campaign,
        PaidResultRow.campaign,
        ExpenseRow.campaign,
        InfluencerRow.campaign,
    ):
        table = column.class_
        session.execute(update(table).where(func.lower(column) == old.lower()).values({column.key: new}))


def save_campaign(session: Session, campaign: Campaign) -> int:
    """Add the campaign (``id`` None) or change it; a new name is given to everything that names it."""
    campaign = validate_campaign(session, campaign)
    if campaign.id is None:
        row = CampaignRow()
        session.add(row)
    else:
        found = session.get(CampaignRow, campaign.id)
        if found is None:
            raise LookupError("that campaign is no longer in the plan")
        row = found
        if row.name != campaign.name:
            _rename_everywhere(session, row.name, campaign.name)
    row.name = campaign.name
    row.objective = campaign.objective
    row.start, row.end = campaign.start, campaign.end
    row.budget_minor = campaign.budget_minor
    row.target_results = campaign.target_results
    row.target_cost_minor = campaign.target_cost_minor
    row.platforms = ",".join(campaign.platforms)
    session.flush()
    return row.id


def delete_campaign(session: Session, campaign_id: int) -> Campaign:
    """Delete the campaign and return it as it was (posts, results and lines keep its name as text)."""
    row = session.get(CampaignRow, campaign_id)
    if row is None:
        raise LookupError("that campaign is no longer in the plan")
    before = _campaign(row)
    session.delete(row)
    session.flush()
    return before


def restore_campaign(session: Session, campaign: Campaign) -> None:
    """Put a deleted campaign back with its id."""
    row = CampaignRow(id=campaign.id)
    session.add(row)
    row.name = campaign.name
    row.objective = campaign.objective
    row.start, row.end = campaign.start, campaign.end
    row.budget_minor = campaign.budget_minor
    row.target_results = campaign.target_results
    row.target_cost_minor = campaign.target_cost_minor
    row.platforms = ",".join(campaign.platforms)
    session.flush()


def _influencer(row: InfluencerRow) -> Influencer:
    return Influencer(**{f.name: getattr(row, f.name) for f in fields(Influencer)})


def list_influencers(session: Session) -> list[Influencer]:
    rows = session.scalars(select(InfluencerRow).order_by(func.lower(InfluencerRow.name), InfluencerRow.id))
    return [_influencer(row) for row in rows]


def _validate_influencer(influencer: Influencer) -> None:
    if not influencer.name.strip():
        raise ValueError("an influencer needs a name")
    if influencer.status not in INFLUENCER_STATUSES:
        raise ValueError(f"{influencer.status!r} is not a status (use {', '.join(INFLUENCER_STATUSES)})")
    _check_amount(influencer.fee_minor, "a fee")
    if influencer.followers < 0:
        raise ValueError("followers cannot be negative")
    _check_dates(influencer.start, influencer.end)


def _write_influencer(row: InfluencerRow, influencer: Influencer) -> None:
    for f in fields(Influencer):
        if f.name != "id":
            value = getattr(influencer, f.name)
            setattr(row, f.name, value.strip() if isinstance(value, str) else value)


def save_influencer(session: Session, influencer: Influencer) -> int:
    _validate_influencer(influencer)
    if influencer.id is None:
        row = InfluencerRow()
        session.add(row)
    else:
        found = session.get(InfluencerRow, influencer.id)
        if found is None:
            raise LookupError("that influencer is no longer in the plan")
        row = found
    _write_influencer(row, influencer)
    session.flush()
    return row.id


def delete_influencer(session: Session, influencer_id: int) -> Influencer:
    row = session.get(InfluencerRow, influencer_id)
    if row is None:
        raise LookupError("that influencer is no longer in the plan")
    before = _influencer(row)
    session.delete(row)
    session.flush()
    return before


def restore_influencer(session: Session, influencer: Influencer) -> None:
    row = InfluencerRow(id=influencer.id)
    _write_influencer(row, influencer)
    session.add(row)
    session.flush()
