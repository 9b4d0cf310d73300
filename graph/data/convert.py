"""Records to statements: the ids of every file first, then each well-formed file's facts.

What the format check cannot know is checked here, against the ontology and the other files:
classes, properties and their kinds, datatypes, references between records, duplicate ids,
paragraph numbers beyond the source's paragraph_count. An identifier whose property has an
og:linkTemplate also gets its link (a Wikidata id its schema:sameAs IRI). What SHACL checks (labels, titles,
paragraphs or citations, attribution) is left to it: the statement is written as given.
"""
from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef

from graph.data.cube import link_figures
from graph.data.corrections import Corrections
from graph.data.errors import DataError, shown
from graph.data.facts import Facts
from graph.data.format import is_term
from graph.data.graphs import META_GRAPH, source_graph
from graph.data.literals import typed_literal
from graph.data.statements import Provenance, Statements
from graph.data.yaml_lines import LineMapping, SourceFile
from graph.model.nearest import did_you_mean
from graph.model.namespaces import DCTERMS, ID, OG, PROV, RDF, RDFS, SKOS, SOURCE, STATEMENT_IDS
from graph.model.vocabulary import Vocabulary

_SOURCE_TEXT = {"neutral_citation": OG.neutralCitation, "claim_number": OG.claimNumber, "foi_reference": OG.foiReference}
"""Source-block keys written as plain text on the source document."""
_SOURCE_DATES = {"requested": OG.dateRequested, "responded": OG.dateResponded}
"""Source-block keys written as calendar values (an FOI request's and response's dates)."""


class Converter:
    def __init__(self, vocab: Vocabulary, errors: list[DataError], graphs: dict[URIRef, Facts | Graph],
                 pending_ok: bool = False):
        self.vocab = vocab
        self.pending_ok = pending_ok
        """Whether records awaiting review are read (for `oversight new`) rather than refused."""
        self.errors = errors
        self.ids: dict[str, tuple[str, int, URIRef]] = {}   # id -> (file, line, class)
        self.sources: dict[str, str] = {}
        self.graphs = graphs
        """Every named graph written, by name (the ontology's is given)."""
        self.meta = graphs.setdefault(META_GRAPH, Facts(META_GRAPH))
        self.statements = Statements(vocab, errors)
        self.corrections = Corrections(vocab, self.statements, graphs)

    def error(self, file: str, line: int | None, message: str, record: str | None = None) -> None:
        self.errors.append(DataError(file, line, record, message))

    # -- first pass: every identifier in every file, so references can point forward -------
    def index(self, sf: SourceFile) -> None:
        """Register the file's source id and record ids; the format check reports malformed ones."""
        doc = sf.doc if isinstance(sf.doc, dict) else {}
        src = doc.get("source")
        sid = src.get("id") if isinstance(src, LineMapping) else None
        if isinstance(sid, str):
            if sid in self.sources:
                self.error(sf.name, src.value_lines["id"], f"source id {shown(sid)} is already used by {self.sources[sid]}")
            else:
                sf.source_id = sid
                self.sources[sid] = sf.name
        records = doc.get("records")
        for rec in records if isinstance(records, list) else []:
            rid = rec.get("id") if isinstance(rec, LineMapping) else None
            if not isinstance(rid, str):
                continue
            if rid in self.ids:
                other_file, other_line, _ = self.ids[rid]
                self.error(sf.name, rec.line, f"duplicate id {shown(rid)}: already declared at {other_file}:{other_line}", rid)
            else:
                self.ids[rid] = (sf.name, rec.line, self._class(sf.name, rec))

    def _class(self, name: str, rec: LineMapping) -> URIRef:
        cls = rec.get("class")
        if not is_term(cls):
            return OG.Thing  # not a name an IRI can be made of: the format check reports it
        try:
            iri = self.vocab.expand(cls)
        except KeyError:  # an unknown prefix
            iri = None
        if iri not in self.vocab.classes:
            self.error(name, rec.value_lines["class"], f"unknown class {shown(cls)}: not defined in the ontology"
                       + did_you_mean(cls, self.vocab.class_names), rec["id"])
            return OG.Thing
        return iri

    def ref(self, prov: Provenance, line: int | None, value: Any) -> URIRef | None:
        if value not in self.ids:
            self.errors.append(prov.error(line, f"unknown reference {shown(value)}: no record has this id"
                                                + did_you_mean(str(value), list(self.ids))))
            return None
        return ID[value]

    # -- second pass: triples of a file that passed the format check ----------------------
    def convert(self, sf: SourceFile) -> Facts:
        g = self.graphs.setdefault(source_graph(sf.source_id), Facts(source_graph(sf.source_id)))
        self.statements.mentioned = set()
        src = sf.doc["source"]
        source_iri = SOURCE[sf.source_id]
        status = self._describe_source(Provenance(sf.name, src.line, f"source {sf.source_id}", sf, ""), src, source_iri)
        for rec in sf.doc.get("records") or []:
            self._record(g, sf, rec, status)
        for node in self.statements.mentioned:
            if isinstance(node, URIRef) and node.startswith(str(ID)) and not node.startswith(STATEMENT_IDS):
                g.add((source_iri, OG.mentions, node))
        link_figures(g, self.vocab, source_iri, sf.source_id)
        return g

    def _describe_source(self, prov: Provenance, src: LineMapping, iri: URIRef) -> str:
        """Write the source's metadata; return the claim status its class gives its facts."""
        m = self.meta
        cls = src["class"]
        cls_iri = self.vocab.expand(cls) if ":" not in cls else None
        if cls_iri is None or not self.vocab.is_subclass(cls_iri, OG.SourceDocument):
            self.errors.append(prov.error(src.value_lines["class"], f"source class must be a kind of og:SourceDocument, got {shown(cls)}"))
            cls_iri = OG.SourceDocument
        else:
            m.add((iri, RDF.type, cls_iri))
        if "title" in src:
            m.add((iri, DCTERMS.title, Literal(src["title"])))
            m.add((iri, RDFS.label, Literal(src["title"])))
        m.add((iri, OG.identifier, Literal(prov.source.source_id)))
        if "seed_file" in src:
            m.add((iri, OG.seedFile, Literal(src["seed_file"])))
        if "url" in src and (url := self._web_address(prov, src.value_lines["url"], src["url"])) is not None:
            m.add((iri, RDFS.seeAlso, url))
        if "publisher" in src and (pub := self.ref(prov, src.value_lines["publisher"], src["publisher"])):
            m.add((iri, DCTERMS.publisher, pub))
        if "published" in src and (lit := self._literal(prov, src.value_lines["published"], OG.datePublished, src["published"])):
            m.add((iri, OG.datePublished, lit))
        if "published_note" in src:
            m.add((iri, OG.dateNote, Literal(src["published_note"])))
        for key, pred in _SOURCE_TEXT.items():
            if key in src:
                m.add((iri, pred, Literal(src[key])))
        for key, pred in _SOURCE_DATES.items():
            if key in src and (lit := self._literal(prov, src.value_lines[key], pred, src[key])):
                m.add((iri, pred, lit))
        if "paragraph_numbering" in src:
            numberings = self.vocab.concepts(OG.ParagraphNumbering)
            line = src.value_lines["paragraph_numbering"]
            if (numbering := self._concept(prov, line, "paragraph_numbering", numberings, src["paragraph_numbering"])):
                m.add((iri, OG.paragraphNumbering, numbering))
        graph = source_graph(prov.source.source_id)
        m.add((graph, RDF.type, PROV.Entity))
        m.add((graph, PROV.wasDerivedFrom, iri))
        m.add((graph, RDFS.label, Literal(f"Facts recorded from source {prov.source.source_id}")))
        return self._default_status(cls_iri)

    def _web_address(self, prov: Provenance, line: int, text: str) -> URIRef | None:
        """`text` (the schema's pattern let it through: http or https, no spaces) as an IRI, if
        Oxigraph, which validates, stores and queries the data, takes it for one: a bad percent
        encoding, a second # or a port that is not a number stopped the build with its traceback."""
        try:
            ox.NamedNode(text)
        except ValueError as exc:
            self.errors.append(prov.error(line, f"url must be a valid web address ({exc}), got {shown(text)}"))
            return None
        return URIRef(text)

    def _default_status(self, cls: URIRef) -> str:
        """The notation of og:defaultClaimStatus on the source's class or its nearest ancestor."""
        onto = self.vocab.graph
        for ancestor in onto.transitive_objects(cls, RDFS.subClassOf):
            status = onto.value(ancestor, OG.defaultClaimStatus)
            if status is not None:
                return str(onto.value(status, SKOS.notation))
        raise LookupError(f"the ontology gives no og:defaultClaimStatus for {self.vocab.shorten(cls)}")

    def _record(self, g: Facts, sf: SourceFile, rec: LineMapping, status: str) -> None:
        rid, about = rec.get("id"), rec.get("about")
        prov = Provenance(sf.name, rec.line, rid or about, sf, status)
        self._provenance(prov, rec)
        if "review" in rec and not self.pending_ok:
            self.errors.append(prov.error(rec.value_lines["review"], "a suggestion of `oversight new` awaiting review: "
                                          "check it against the source, then delete 'review: pending' to accept it"))
        if rid is not None:
            if self.ids[rid][:2] != (sf.name, rec.line):
                return  # a duplicate id, reported in the first pass
            subject = ID[rid]
            if "label" in rec:
                self.statements.write(g, prov, subject, RDFS.label, Literal(rec["label"]))
            self.statements.write(g, prov, subject, RDF.type, self.ids[rid][2])
            g.add((subject, OG.identifier, Literal(rid)))
            for alias in rec.get("aliases", ()):
                self.statements.write(g, prov, subject, OG.alias, Literal(alias))
            if "target" in rec:
                self.corrections.add(g, prov, subject, self.ids[rid][2], rec["target"])
        else:
            subject = self.ref(prov, rec.value_lines["about"], about)
            if "target" in rec:
                self.errors.append(prov.error(rec.value_lines["target"], "target: belongs where the correction is declared (id:)"))
            if subject is None:
                return
        props = rec.get("props", {})
        for key, values in props.items():
            self._property(g, prov, props.value_lines[key], subject, key, values)

    def supersede(self) -> None:
        """Once every file is converted: move the facts corrections supersede (graph.data.corrections)."""
        self.corrections.apply(set(self.ids), set(self.sources))

    def _provenance(self, prov: Provenance, m: LineMapping) -> None:
        """Override prov's paragraphs, citation, status and attribution with those mapping m gives."""
        if "paragraphs" in m:
            paras = m["paragraphs"] if isinstance(m["paragraphs"], list) else [m["paragraphs"]]
            count = prov.source.doc["source"].get("paragraph_count")
            if count is not None and max(paras) > count:
                self.errors.append(prov.error(m.value_lines["paragraphs"],
                                              f"paragraph {max(paras)} does not exist: the source has {count} paragraphs"))
            else:
                prov.paragraphs = paras
        if "cites" in m:
            prov.cites = self.ref(prov, m.value_lines["cites"], m["cites"])
        if "status" in m:
            prov.status = m["status"]
        if "by" in m:
            prov.by = self.ref(prov, m.value_lines["by"], m["by"])
        if "legal_basis" in m:
            prov.legal_basis = self.ref(prov, m.value_lines["legal_basis"], m["legal_basis"])
        for key, prop in (("valid_from", OG.validFrom), ("valid_until", OG.validUntil)):
            if key in m:
                setattr(prov, key, self._literal(prov, m.value_lines[key], prop, m[key]))

    def _property(self, g: Facts, prov: Provenance, line: int, subject: URIRef, key: str, values: Any) -> None:
        try:
            pred = self.vocab.expand(str(key))
        except KeyError:
            pred = None
        prop = self.vocab.properties.get(pred) if pred else None
        if prop is None:
            self.errors.append(prov.error(line, f"unknown property {shown(key)}: not defined in the ontology"
                                                + did_you_mean(str(key), self.vocab.property_names)))
            return
        for value in values if isinstance(values, list) else [values]:
            vprov = prov
            if isinstance(value, LineMapping):
                vprov = prov.at(value.line)
                self._provenance(vprov, value)
                wanted, other = ("ref", "value") if prop.is_object else ("value", "ref")
                if wanted not in value or other in value:
                    kind = "a relation: give its target as ref:" if prop.is_object else "an attribute: give it as value:"
                    self.errors.append(vprov.error(value.value_lines.get(other, value.line),
                                                   f"{key} is {kind}{f', not {other}:' if other in value else ''}"))
                    continue
                line, value = value.value_lines[wanted], value[wanted]
            concepts = self.vocab.concepts(prop.range) if prop.is_object else {}
            for item in value if isinstance(value, list) else [value]:
                if concepts:
                    obj = self._concept(vprov, line, key, concepts, item)
                else:
                    obj = self.ref(vprov, line, item) if prop.is_object else self._literal(vprov, line, prop.iri, item)
                if obj is not None:
                    self.statements.write(g, vprov, subject, prop.iri, obj, line)
                    if (link := self.vocab.link_of(prop.iri, obj)) is not None:
                        self.statements.write(g, vprov, subject, *link, line)

    def _concept(self, prov: Provenance, line: int | None, key: str, concepts: dict[str, URIRef], value: Any) -> URIRef | None:
        """A value of an enumeration (og:sanction...): one of the ontology's skos:notation of its concepts."""
        if value in concepts:
            return concepts[value]
        allowed = ", ".join(shown(n) for n in sorted(concepts))
        self.errors.append(prov.error(line, f"{key} takes one of {allowed}; got {shown(value)}"))
        return None

    def _literal(self, prov: Provenance, line: int | None, pred: URIRef, value: Any) -> Literal | None:
        try:
            return typed_literal(self.vocab, pred, value)
        except ValueError as exc:
            self.errors.append(prov.error(line, str(exc)))
            return None
