"""A validation report for importers: every problem names its file, row and field; nothing is written
while any problem remains."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", wiersz {self.row}"
        if self.field:
            where += f", pole „{self.field}”"
        return f"{where}: {self.message}"


@dataclass
class ImportReport:
    problems: list[Problem] = field(default_factory=list)

    def add(self, file: str, row: int | None, field_name: str, message: str) -> None:
        self.problems.append(Problem(file, row, field_name, str(message)))

    @property
    def ok(self) -> bool:
        return not self.problems


class ImportRejected(Exception):
    """Raised when an import has problems; carries the full report so the user can fix everything at once.
    A streamed import of a long file may stop listing after a cap: `unlisted` counts the rest, `rows_read`
    says how far it read."""

    def __init__(self, report: ImportReport, *, rows_read: int = 0, unlisted: int = 0):
        report.problems.sort(key=lambda p: (p.file, p.row or 0))  # read top to bottom, as the file
        self.report = report
        self.rows_read = rows_read
        self.unlisted = unlisted
        super().__init__("\n".join(str(p) for p in report.problems))
