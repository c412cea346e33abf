"""The report's "profiles" section: each profile's score and the checks it fails."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from smoplanner.report.context import ReportContext
from smoplanner.store.profiles import evaluate_all


@dataclass(frozen=True)
class ProfileScore:
    platform: str
    score: float  # 0..1
    failed: tuple[str, ...]  # the codes of the checks it fails


@dataclass(frozen=True)
class ProfilesSection:
    """The profiles as they stand at the end of the month (or today, for the month under way)."""

    score: float  # 0..1, over every profile
    by_platform: tuple[ProfileScore, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "score": round(self.score, 4),
            "by_platform": {
                p.platform: {"score": round(p.score, 4), "failed": list(p.failed)} for p in self.by_platform
            },
        }


def build_profiles_section(session: Session, context: ReportContext) -> ProfilesSection:
    today = min(date.today(), context.month.last_day)
    evaluation = evaluate_all(session, today)
    return ProfilesSection(
        score=evaluation.overall,
        by_platform=tuple(ProfileScore(p.platform, p.score, tuple(p.failed)) for p in evaluation.profiles),
    )
