"""Problems in the data files, phrased for the person who wrote them: file, line, record, what."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DataError:
    """One problem in a data file, phrased for the person who wrote it."""
    file: str
    line: int | None
    record: str | None
    message: str

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        what = f" (record {self.record})" if self.record else ""
        return f"{where}{what}: {self.message}"


class DataErrors(Exception):
    """Raised with every problem found, so that one run lists them all."""

    def __init__(self, errors: list[DataError]):
        self.errors = errors
        super().__init__("\n".join(map(str, errors)))
