"""What a paragraph number points at in a source's text: the project's one paragraph rule.

A source's paragraphs are the non-empty lines of its plain-text copy, counted from 1 (README,
"Provenance"); a court judgment numbers its own ("1.", "[12]"), and a source that says so
(`paragraph_numbering: own`) is pointed into by those numbers. `oversight new` counts with
this rule and `oversight coverage` shows the text by it, so the numbers agree with the data.
"""
from __future__ import annotations

import re

_OWN_NUMBER = re.compile(r"^\s*(?:\[(\d{1,4})\]|(\d{1,4})\.(?!\d))\s+")
"""A paragraph a document numbers itself: '[12] The ...' or '12. The ...' (not '12.5 per cent')."""


def paragraphs(text: str, numbered: bool = False) -> dict[int, str]:
    """The paragraphs of `text` by number. With `numbered`, the document's own numbers: a
    numbered line starts a paragraph, unnumbered lines after it belong to it, and what comes
    before the first number (title, parties, headings) is no paragraph."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not numbered:
        return dict(enumerate(lines, 1))
    found: dict[int, str] = {}
    current = None
    for line in lines:
        match = _OWN_NUMBER.match(line)
        if match:
            current = int(match.group(1) or match.group(2))
            found[current] = line[match.end():]
        elif current is not None:
            found[current] += "\n" + line
    return found


def paragraph_count(found: dict[int, str]) -> int:
    """What the source block's paragraph_count says: the last paragraph number."""
    return max(found, default=0)
