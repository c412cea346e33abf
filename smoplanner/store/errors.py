"""Why a plan file could not be opened or saved, in words a shop owner understands."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class PlanError(Exception):
    """Base of every plan-file problem; ``str()`` is the message to show."""


class PlanNotFoundError(PlanError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"There is no plan at {path}. It may have been moved, renamed or deleted.")


class PlanUnreadableError(PlanError):
    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path.name} cannot be read: {reason}.")


class NotSQLiteError(PlanError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"{path.name} is not a smoplanner plan (it is not a database file at all).")


class NotAPlanError(PlanError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"{path.name} is a database, but not a smoplanner plan. It was made by another program.")


class PlanTooNewError(PlanError):
    def __init__(self, path: Path, file_format: int | str, supported: int) -> None:
        super().__init__(
            f"{path.name} was made by a newer smoplanner (file format {file_format}); this version reads "
            f"formats up to {supported}. Please update smoplanner to open it."
        )
        self.file_format = file_format
        self.supported = supported


class PlanDamagedError(PlanError):
    def __init__(self, path: Path, detail: str = "") -> None:
        text = f"{path.name} is damaged and cannot be opened safely"
        text += f" ({detail})." if detail else "."
        text += " If you have a backup or an e-mailed copy, open that instead."
        super().__init__(text)


class PlanChangedOutsideError(PlanError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path.name} was changed outside smoplanner or is damaged: its content no longer matches the "
            f"checksum smoplanner saved with it. If you have a backup or an e-mailed copy, open that instead."
        )


class UnexpectedSchemaError(PlanError):
    def __init__(self, path: Path, what: str) -> None:
        super().__init__(
            f"{path.name} was not opened: its structure is not what smoplanner writes ({what}). "
            f"Another program may have changed it."
        )


class PlanReadOnlyError(PlanError):
    def __init__(self, reason: str) -> None:
        super().__init__(f"This plan is open read-only ({reason}); changes cannot be made.")


class PlanSaveError(PlanError):
    pass


class PlanMigrationError(PlanError):
    pass


@dataclass(frozen=True)
class LockInfo:
    """Who holds a plan open, as written in its lock file."""

    user: str
    host: str
    pid: int
    since: str
    this_host: bool

    def describe(self) -> str:
        where = "on this computer" if self.this_host else f"on {self.host}"
        return f"{self.user} {where}, since {self.since}"


class PlanLockedError(PlanError):
    def __init__(self, path: Path, info: LockInfo) -> None:
        super().__init__(f"{path.name} is already open by {info.describe()}.")
        self.path = path
        self.info = info
