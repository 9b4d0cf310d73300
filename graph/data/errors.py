"""Problems in the data files, phrased for the person who wrote them: file, line, record, what."""
from __future__ import annotations

import reprlib
from dataclasses import dataclass
from typing import Any

SHOWN_WIDTH = 60
"""A value in a message is cut at this many characters: a mistake can be a megabyte long."""


class _Bounded(reprlib.Repr):
    """reprlib's bounded repr, also for the dict and list subclasses the YAML reader makes
    (reprlib would fall back to the full, unbounded repr of those)."""

    def repr1(self, x: Any, level: int) -> str:
        if isinstance(x, dict):
            return self.repr_dict(x, level)
        if isinstance(x, list):
            return self.repr_list(x, level)
        return super().repr1(x, level)


_REPR = _Bounded()
_REPR.maxlevel, _REPR.maxdict, _REPR.maxlist, _REPR.maxstring, _REPR.maxother = 3, 4, 6, SHOWN_WIDTH, SHOWN_WIDTH


def shorten(text: str, width: int = SHOWN_WIDTH) -> str:
    """`text` cut to `width` characters, with '...' saying so."""
    return text if len(text) <= width else text[:width - 3] + "..."


def shown(value: Any) -> str:
    """How a message shows a value written in a data file: its repr, bounded in time and length
    however large or deeply nested the value is. Every message that repeats a value uses this."""
    return shorten(_REPR.repr(value))


@dataclass(frozen=True)
class DataError:
    """One problem in a data file, phrased for the person who wrote it."""
    file: str
    line: int | None
    record: str | None
    message: str

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        what = f" (record {shorten(self.record)})" if self.record else ""
        return f"{where}{what}: {self.message}"


class DataErrors(Exception):
    """Raised with every problem found, so that one run lists them all."""

    def __init__(self, errors: list[DataError]):
        self.errors = errors
        super().__init__("\n".join(map(str, errors)))
