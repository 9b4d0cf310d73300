"""Typed literals from the values written in data files, by the datatypes the ontology gives.

A property's range names the datatypes its values may take (a union lists several): the value
becomes a literal of the first one whose lexical form it has, or the reason why none fits. A
range restricted by a pattern (og:CalendarValue) takes text of that form.
"""
from __future__ import annotations

import functools
import re
from datetime import date
from typing import Any

from rdflib import Literal, URIRef

from graph.data.errors import shown
from graph.model.namespaces import OG, XSD
from graph.model.vocabulary import Vocabulary

_LEXICAL = {XSD.gYear: r"\d{4}", XSD.gYearMonth: r"\d{4}-(0[1-9]|1[0-2])",
            XSD.date: r"\d{4}-\d{2}-\d{2}", XSD.integer: r"-?\d+",
            XSD.boolean: r"true|false"}


@functools.lru_cache(maxsize=None)
def paragraph(number: int) -> Literal:
    """Paragraph numbers repeat across thousands of statements: one Literal each. An
    xsd:integer (the ontology's range), as the store keeps it: Oxigraph gives back every
    type derived from xsd:integer as xsd:integer."""
    return Literal(number, datatype=XSD.integer)


def typed_literal(vocab: Vocabulary, pred: URIRef, value: Any) -> Literal:
    """The literal `value` makes for property `pred`; ValueError saying why if it makes none."""
    if isinstance(value, date):
        value = value.isoformat()
    text = str(value).lower() if isinstance(value, bool) else str(value)
    prop = vocab.properties[pred]
    datatypes, pattern = vocab.literal_forms(prop.range)
    impossible = False
    if pattern is not None and not isinstance(value, (bool, float)):
        # text of a given form (og:CalendarValue: YYYY, YYYY-MM or YYYY-MM-DD, as YAML reads them)
        if re.fullmatch(pattern, text):
            if not re.fullmatch(_LEXICAL[XSD.date], text) or _is_calendar_date(text):
                return Literal(text)
            impossible = True
        datatypes = []
    for dt in datatypes:
        if dt == XSD.string:
            if isinstance(value, str):
                return Literal(value)
            continue
        if dt == XSD.anyURI and isinstance(value, str):
            return Literal(value, datatype=dt)
        if re.fullmatch(_LEXICAL.get(dt, ".*"), text):
            if dt == XSD.date and not _is_calendar_date(text):
                impossible = True  # rdflib would log a traceback for it
                continue
            lit = Literal(text, datatype=dt)
            if not getattr(lit, "ill_typed", False):
                return lit
    names = " or ".join(vocab.shorten(d) for d in datatypes) or vocab.shorten(prop.range)
    hint = " (a date is YYYY, YYYY-MM or YYYY-MM-DD; put other wording in dateNote)" if OG.CalendarValue == prop.range else ""
    if impossible:
        hint = f" (there is no such day in the calendar){hint}"
    raise ValueError(f"{vocab.shorten(pred)} expects {names}, got {shown(value)}{hint}")


def _is_calendar_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True
