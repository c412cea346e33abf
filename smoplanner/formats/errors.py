"""What an import found: the records it would add, or every problem that stops it."""

from __future__ import annotations

from dataclasses import dataclass, field

from smoplanner.core.posts import PostRecord

__all__ = ["NEEDS", "ExportError", "FileImportError", "ImportPreview", "ImportProblem"]


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """One reason a file cannot be imported.

    ``row`` is the row a spreadsheet shows for the line (1-based, the header counts); 0 means the file as
    a whole. ``field`` names the column, or is empty when the problem is not about one column.
    """

    row: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"Row {self.row}" if self.row else "File"
        if self.field:
            where = f"{where}, {self.field}"
        return f"{where}: {self.message}"


class FileImportError(ValueError):
    """A file that cannot be imported; its one-line text names the first problem and counts the rest."""

    def __init__(self, problems: list[ImportProblem]) -> None:
        if not problems:
            raise ValueError("FileImportError needs at least one problem")
        self.problems = list(problems)
        super().__init__(self._one_line())

    def _one_line(self) -> str:
        first = str(self.problems[0])
        more = len(self.problems) - 1
        if more:
            first += f" (and {more} more problem{'s' if more > 1 else ''})"
        return first


class ExportError(ValueError):
    """An export that cannot be written as asked; nothing was written."""


#: The choices a reader may need from the user before it can read the rows (``ImportPreview.needs``), as
#: the problem ``ImportPreview.require`` reports for each: they are not faults of the file.
NEEDS: dict[str, ImportProblem] = {
    "platforms": ImportProblem(0, "", "choose the platforms these posts are for"),
    "platform": ImportProblem(0, "", "the file does not say its platform; choose the platform these results are for"),
    "date_order": ImportProblem(0, "date", "the dates could be day-first or month-first; choose the date order"),
}


@dataclass(slots=True)
class ImportPreview:
    """The outcome of reading a file, shown before anything is added to the plan.

    An import is all or nothing: when ``problems`` is not empty, ``records`` is empty. ``needs`` names
    the choices the reader still needs (keys of ``NEEDS``: the platforms of a Hootsuite file, the date
    order of a file whose dates read both ways); until they are made there are no records either, but
    nothing in the file is wrong.
    """

    records: list[PostRecord] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ""
    date_order: str | None = None
    rows_read: int = 0
    needs: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and not self.needs

    def require(self) -> list[PostRecord]:
        """The records, or FileImportError listing every choice still needed, then every problem."""
        if not self.ok:
            raise FileImportError([*(NEEDS[need] for need in self.needs), *self.problems])
        return self.records
