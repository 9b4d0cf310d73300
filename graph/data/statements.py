"""Writing one fact: the og:Statement node with its provenance, and the plain triple if asserted.

National-scale builds write a million triples through here: the terms are looked up once and
each fact's triples are added together.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from rdflib import Literal, URIRef

from graph.data.errors import DataError
from graph.data.facts import Facts
from graph.data.literals import paragraph
from graph.data.yaml_lines import SourceFile
from graph.model.namespaces import OG, RDF, SOURCE, STATEMENT_IDS
from graph.model.vocabulary import Vocabulary

# Looked up once: every fact adds these, and rdflib's namespace attribute access is not free.
_TYPE, _SUBJECT, _PREDICATE, _OBJECT = RDF.type, RDF.subject, RDF.predicate, RDF.object
_STATEMENT, _CLAIM_STATUS, _SOURCE, _CITES, _ATTRIBUTED_TO, _PARAGRAPH = (
    OG.Statement, OG.claimStatus, OG.source, OG.cites, OG.attributedTo, OG.paragraph)
_LEGAL_BASIS, _VALID_FROM, _VALID_UNTIL = OG.legalBasis, OG.validFrom, OG.validUntil


@dataclass
class Provenance:
    """What every statement of one record carries unless a value overrides it, and where it was given."""
    file: str
    line: int
    record: str
    source: SourceFile
    status: str
    paragraphs: list[int] = field(default_factory=list)
    cites: URIRef | None = None
    by: URIRef | None = None
    legal_basis: URIRef | None = None
    valid_from: Literal | None = None
    valid_until: Literal | None = None

    def at(self, line: int) -> Provenance:
        """A copy given at `line`, for a value mapping to override (faster than dataclasses.replace)."""
        return Provenance(self.file, line, self.record, self.source, self.status, self.paragraphs, self.cites, self.by,
                          self.legal_basis, self.valid_from, self.valid_until)

    def error(self, line: int | None, message: str) -> DataError:
        return DataError(self.file, line or self.line, self.record, message)


class Statements:
    """Writes facts, and remembers where each statement was written for the messages about it."""

    def __init__(self, vocab: Vocabulary, errors: list[DataError]):
        self.vocab = vocab
        self.errors = errors
        self.locations: dict[URIRef, tuple[str, int]] = {}
        """Where each statement's fact was written (file, line of the value)."""
        self.provenance_locations: dict[URIRef, tuple[str, int]] = {}
        """Where its paragraphs, status and attribution were given (the record or the value mapping)."""
        self.mentioned: set = set()
        """Subjects and objects of the facts of the source being converted."""

    def write(self, g: Facts, prov: Provenance, s: URIRef, p: URIRef, o: URIRef | Literal,
              line: int | None = None) -> None:
        """Record one fact as `prov` gives it; SHACL judges whether its provenance is complete."""
        source_id = prov.source.source_id
        status = self.vocab.statuses[prov.status]
        period = f"|{prov.valid_from}" if prov.valid_from is not None else ""  # one relation, two periods: two facts
        digest = hashlib.sha1(f"{source_id}|{s}|{p}|{o!r}|{prov.status}|{prov.by}{period}".encode()).hexdigest()[:12]
        st = URIRef(f"{STATEMENT_IDS}{source_id}-{digest}")
        if (st, _TYPE, _STATEMENT) in g:
            self.errors.append(prov.error(line, f"the same fact ({self.vocab.shorten(p)}) is recorded twice "
                                                "in this source with the same status"))
            return
        self.locations[st] = (prov.file, line or prov.line)
        self.provenance_locations[st] = (prov.file, prov.line)
        self.mentioned.update((s, o))
        triples = [(st, _TYPE, _STATEMENT), (st, _SUBJECT, s), (st, _PREDICATE, p), (st, _OBJECT, o),
                   (st, _CLAIM_STATUS, status.iri), (st, _SOURCE, SOURCE[source_id])]
        if status.asserts_fact:
            triples.append((s, p, o))
        triples += [(st, _PARAGRAPH, paragraph(para)) for para in prov.paragraphs]
        if prov.cites is not None:
            triples.append((st, _CITES, prov.cites))
        if prov.by is not None:
            triples.append((st, _ATTRIBUTED_TO, prov.by))
        if prov.legal_basis is not None:
            triples.append((st, _LEGAL_BASIS, prov.legal_basis))
        if prov.valid_from is not None:
            triples.append((st, _VALID_FROM, prov.valid_from))
        if prov.valid_until is not None:
            triples.append((st, _VALID_UNTIL, prov.valid_until))
        g.update(triples)
