"""Read the hand-written YAML data files into RDF, one named graph per source document.

A data file describes one source document and the facts taken from it::

    source:                       # the document itself
      id: "000"                   # short identifier, used in IRIs (quote it)
      class: NewsArticle          # a subclass of og:SourceDocument
      title: ...                  # in the project's own words where the source has none
      seed_file: 000_....txt      # the plain-text copy that paragraph numbers refer to
      paragraph_count: 28         # non-empty lines of that file
      publisher: oxford_mail      # an actor id (optional)
      published: 2019-05          # as precise as known (optional); published_note: words
    records:
      - id: alex_dearden          # declares a new actor, event, figure...
        class: PoliceOfficer
        label: Alex Dearden
        aliases: [Mr Dearden]
        paragraphs: [3]           # where the source says it (reference data: cites: DOC)
        props:
          org:memberOf: thames_valley_police          # an id, for relations
          employedAs: police constable                # text, for attributes
          date: {value: 2016-07, paragraphs: [23]}    # a dict overrides provenance
      - about: thames_valley_police                  # adds facts to a known record
        paragraphs: [16]
        status: stated                # reported (default), stated, alleged, found, denied...
        by: thames_valley_police      # who states, alleges, finds or denies
        props:
          refersCasesTo: iopc

Every fact becomes the plain triple (when its status asserts facts, see og:assertsFact in the
ontology) and an og:Statement node carrying the source, paragraphs, status and attribution.
Problems are collected as `DataError`s naming the file, line and record, and nothing is built
while any remain.
"""
from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.plugins.stores.memory import Memory

from graph.model.namespaces import DCTERMS, ID, OG, PROV, RDF, RDFS, SOURCE, XSD, bind_prefixes
from graph.data.errors import DataError, DataErrors
from graph.model.resources import resource_dir
from graph.model.vocabulary import Vocabulary

GRAPH_BASE = "https://w3id.org/oversight-graph/graph/"
META_GRAPH = URIRef(GRAPH_BASE + "meta")
ONTOLOGY_GRAPH = URIRef(GRAPH_BASE + "ontology")

_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_]*$")
_SOURCE_KEYS = {"id", "class", "title", "seed_file", "paragraph_count", "publisher",
                "published", "published_note", "url"}
_RECORD_KEYS = {"id", "about", "class", "label", "aliases", "paragraphs", "cites", "status",
                "by", "props"}
_VALUE_KEYS = {"value", "ref", "paragraphs", "cites", "status", "by"}
_LEXICAL = {XSD.gYear: r"\d{4}", XSD.gYearMonth: r"\d{4}-(0[1-9]|1[0-2])",
            XSD.date: r"\d{4}-\d{2}-\d{2}", XSD.integer: r"-?\d+",
            XSD.positiveInteger: r"[1-9]\d*", XSD.boolean: r"true|false"}


# Looked up once: every fact adds these, and rdflib's namespace attribute access is not free.
_TYPE, _SUBJECT, _PREDICATE, _OBJECT = RDF.type, RDF.subject, RDF.predicate, RDF.object
_STATEMENT, _CLAIM_STATUS, _SOURCE, _CITES, _ATTRIBUTED_TO, _PARAGRAPH = (
    OG.Statement, OG.claimStatus, OG.source, OG.cites, OG.attributedTo, OG.paragraph)


@functools.lru_cache(maxsize=None)
def _paragraph(number: int) -> Literal:
    """Paragraph numbers repeat across thousands of statements: one Literal each."""
    return Literal(number, datatype=XSD.positiveInteger)


def _is_calendar_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


class _Mapping(dict):
    """A YAML mapping that remembers where it and each of its values stand in the file."""
    line: int = 0

    def __init__(self) -> None:
        super().__init__()
        self.value_lines: dict = {}


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    pass


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> _Mapping:
    seen = set()
    for key_node, _ in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise yaml.constructor.ConstructorError(
                None, None, "a key must be a single word or text, not a list or mapping", key_node.start_mark)
        if key_node.tag != "tag:yaml.org,2002:merge" and key_node.value in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"the key {key_node.value!r} appears twice in one mapping", key_node.start_mark)
        seen.add(key_node.value)
    loader.flatten_mapping(node)  # resolves merge keys (<<: *anchor); explicit keys win
    mapping = _Mapping()
    mapping.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.value_lines[key] = value_node.start_mark.line + 1
    return mapping


class _Sequence(list):
    """A YAML list that remembers the line of each item."""
    item_lines: list[int]


def _construct_sequence(loader: yaml.SafeLoader, node: yaml.SequenceNode) -> _Sequence:
    seq = _Sequence(loader.construct_object(child, deep=True) for child in node.value)
    seq.item_lines = [child.start_mark.line + 1 for child in node.value]
    return seq


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
# Dates stay text as written: the datatype checks judge them (2016-02-30 is an error to
# report there, not a ValueError from the YAML library).
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_scalar)


@dataclass
class SourceFile:
    """One parsed data file, before conversion."""
    path: Path
    doc: _Mapping
    name: str = ""
    """How messages name the file: relative to the data folder's parent (data/sources/x.yaml)."""
    source_id: str = ""

    @property
    def graph_iri(self) -> URIRef:
        return URIRef(GRAPH_BASE + self.source_id)


@dataclass
class LoadedData:
    """The RDF made from a data folder: one graph per source, plus metadata about them.

    The source graphs, the metadata and the ontology are named graphs of one in-memory
    `dataset`, whose default graph is their union: validation and the build read the whole
    data without copying a million triples.
    """
    dataset: Dataset
    graphs: dict[URIRef, Graph]
    meta: Graph
    files: dict[URIRef, Path]
    vocabulary: Vocabulary
    locations: dict[URIRef, tuple[str, int]]
    """Where each record and source is declared (file, line), for messages about it."""
    statement_locations: dict[URIRef, tuple[str, int]] = field(default_factory=dict)
    """Where each og:Statement was written (file, line): an 'about' record may be in another file."""

    def facts(self) -> Graph:
        """Every source graph merged (statements and plain triples), without the ontology."""
        merged = Graph()
        for g in self.graphs.values():
            merged += g
        return merged


def data_files(data_dir: Path) -> list[Path]:
    return sorted(p for p in data_dir.rglob("*.y*ml") if p.suffix in (".yaml", ".yml") and not p.is_dir())


def load(data_dir: Path | None = None, vocabulary: Vocabulary | None = None) -> LoadedData:
    """Parse, check and convert every data file; raise DataErrors listing all problems."""
    data_dir = Path(data_dir) if data_dir else resource_dir("data")
    vocab = vocabulary or Vocabulary()
    errors: list[DataError] = []
    files = data_files(data_dir)
    if not files:
        raise DataErrors([DataError(str(data_dir), None, None, "no .yaml data files found here")])
    parsed = [sf for path in files if (sf := _parse(path, data_dir, errors))]
    dataset = bind_prefixes(Dataset(store=Memory(), default_union=True))
    dataset.graph(ONTOLOGY_GRAPH).__iadd__(vocab.graph)
    converter = _Converter(vocab, errors, dataset)
    converter.index(parsed)
    graphs = {sf.graph_iri: converter.convert(sf) for sf in parsed if sf.source_id}
    if errors:
        raise DataErrors(errors)
    locations = {ID[i]: (f, line) for i, (f, line, _) in converter.ids.items()}
    locations.update((SOURCE[sf.source_id], (sf.name, sf.doc.value_lines["source"])) for sf in parsed if sf.source_id)
    return LoadedData(dataset, graphs, converter.meta, {sf.graph_iri: sf.path for sf in parsed}, vocab, locations,
                      converter.statement_locations)


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def _parse(path: Path, root: Path, errors: list[DataError]) -> SourceFile | None:
    name = _display(path, root)
    try:
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except UnicodeDecodeError as exc:
        line = exc.object[:exc.start].count(b"\n") + 1
        errors.append(DataError(name, line, None, f"not UTF-8 text ({exc.reason}); save the file as UTF-8"))
        return None
    except OSError as exc:
        errors.append(DataError(name, None, None, f"cannot be read ({exc.strerror})"))
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        col = f", column {mark.column + 1}" if mark else ""
        context = exc.context_mark if exc.problem_mark else None
        started = (f" ({exc.context} at line {context.line + 1}, column {context.column + 1})"
                   if exc.context and context and context.line != mark.line else "")
        errors.append(DataError(name, line, None, f"YAML syntax error{col}: {exc.problem or exc}{started}"))
        return None
    if not isinstance(doc, _Mapping) or not isinstance(doc.get("source"), _Mapping):
        errors.append(DataError(name, 1, None,
                                "a data file must be a mapping with a 'source:' block and 'records:'"))
        return None
    for key in doc:
        if key not in ("source", "records"):
            errors.append(DataError(name, doc.value_lines[key], None,
                                    f"unknown top-level key {key!r} (expected 'source' and 'records')"))
    return SourceFile(path, doc, name)


@dataclass
class _Context:
    """What every statement of one record inherits unless a value overrides it."""
    file: str
    line: int
    record: str
    source: SourceFile
    paragraphs: list[int] = field(default_factory=list)
    cites: URIRef | None = None
    status: str = "reported"
    by: URIRef | None = None


class _Converter:
    def __init__(self, vocab: Vocabulary, errors: list[DataError], dataset: Dataset):
        self.vocab = vocab
        self.errors = errors
        self.ids: dict[str, tuple[str, int, URIRef]] = {}   # id -> (file, line, class)
        self.sources: dict[str, str] = {}
        self.statement_locations: dict[URIRef, tuple[str, int]] = {}
        self.dataset = dataset
        self.meta = dataset.graph(META_GRAPH)
        self.mentioned: set = set()
        """Subjects and objects of the facts of the source being converted."""

    def error(self, ctx_or_file: _Context | str, line: int | None, message: str,
              record: str | None = None) -> None:
        if isinstance(ctx_or_file, _Context):
            self.errors.append(DataError(ctx_or_file.file, line or ctx_or_file.line,
                                         record or ctx_or_file.record, message))
        else:
            self.errors.append(DataError(ctx_or_file, line, record, message))

    # -- first pass: every identifier in every file, so references can point forward -------
    def index(self, files: list[SourceFile]) -> None:
        for sf in files:
            name = sf.name
            src = sf.doc["source"]
            sid = src.get("id")
            if not isinstance(sid, str) or not _ID_PATTERN.match(sid):
                self.error(name, src.value_lines.get("id", src.line),
                           f"source id must be text of lower-case letters, digits and '_' "
                           f"(quote numbers, e.g. id: \"000\"), got {sid!r}")
            elif sid in self.sources:
                self.error(name, src.value_lines["id"],
                           f"source id {sid!r} is already used by {self.sources[sid]}")
            else:
                sf.source_id = sid
                self.sources[sid] = name
            records = sf.doc.get("records") or []
            if not isinstance(records, list):
                self.error(name, sf.doc.value_lines.get("records"), "'records' must be a list")
                sf.doc["records"] = []
                continue
            for n, rec in enumerate(records):
                if not isinstance(rec, _Mapping):
                    line = records.item_lines[n] if isinstance(records, _Sequence) else None
                    self.error(name, line, f"each record must be a mapping (id: or about:, then its keys), got {rec!r}")
                    continue
                rid = rec.get("id")
                if rid is None:
                    continue
                if not isinstance(rid, str) or not _ID_PATTERN.match(rid):
                    self.error(name, rec.line, f"id must be lower-case letters, digits and '_', got {rid!r}")
                elif rid in self.ids:
                    other_file, other_line, _ = self.ids[rid]
                    self.error(name, rec.line, f"duplicate id {rid!r}: already declared at {other_file}:{other_line}", rid)
                else:
                    self.ids[rid] = (name, rec.line, self._class(name, rec))

    def _class(self, name: str, rec: _Mapping) -> URIRef:
        cls = rec.get("class")
        if not isinstance(cls, str):
            self.error(name, rec.line, "a record with an id needs a 'class'", rec.get("id"))
            return OG.Thing
        try:
            iri = self.vocab.expand(cls)
        except KeyError:
            iri = URIRef(cls)
        if iri not in self.vocab.classes:
            self.error(name, rec.value_lines["class"], f"unknown class {cls!r}: not defined in the ontology", rec.get("id"))
        return iri

    def ref(self, ctx: _Context, line: int | None, value: Any) -> URIRef | None:
        if not isinstance(value, str) or value not in self.ids:
            self.error(ctx, line, f"unknown reference {value!r}: no record has this id")
            return None
        return ID[value]

    # -- second pass: triples -------------------------------------------------------------
    def convert(self, sf: SourceFile) -> Graph:
        g = self.dataset.graph(sf.graph_iri)
        self.mentioned = set()
        name = sf.name
        src = sf.doc["source"]
        source_iri = SOURCE[sf.source_id]
        ctx = _Context(name, src.line, f"source {sf.source_id}", sf, status="reported")
        self._describe_source(ctx, src, source_iri)
        for rec in sf.doc.get("records") or []:
            if isinstance(rec, _Mapping):
                self._record(g, name, sf, rec)
        for node in self.mentioned:
            if isinstance(node, URIRef) and node.startswith(str(ID)) and not node.startswith(str(ID) + "st-"):
                g.add((source_iri, OG.mentions, node))
        return g

    def _describe_source(self, ctx: _Context, src: _Mapping, iri: URIRef) -> None:
        m = self.meta
        for key in src:
            if key not in _SOURCE_KEYS:
                self.error(ctx, src.value_lines[key], f"unknown key {key!r} in the source block "
                           f"(allowed: {', '.join(sorted(_SOURCE_KEYS))})")
        cls = src.get("class")
        cls_iri = self.vocab.expand(cls) if isinstance(cls, str) and ":" not in cls else None
        if cls_iri is None or not self.vocab.is_subclass(cls_iri, OG.SourceDocument):
            self.error(ctx, src.value_lines.get("class", src.line),
                       f"source class must be a kind of og:SourceDocument, got {cls!r}")
        else:
            m.add((iri, RDF.type, cls_iri))
        title = src.get("title")
        if not isinstance(title, str) or not title.strip():
            self.error(ctx, src.line, "the source block needs a 'title'")
        else:
            m.add((iri, DCTERMS.title, Literal(title)))
            m.add((iri, RDFS.label, Literal(title)))
        m.add((iri, OG.identifier, Literal(ctx.source.source_id)))
        count = src.get("paragraph_count")
        if count is not None and (not isinstance(count, int) or isinstance(count, bool) or count < 1):
            self.error(ctx, src.value_lines["paragraph_count"], f"paragraph_count must be a positive whole number, got {count!r}")
        if isinstance(src.get("seed_file"), str):
            m.add((iri, OG.seedFile, Literal(src["seed_file"])))
        if "url" in src:
            url = src["url"]
            if not isinstance(url, str) or not re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", url):
                self.error(ctx, src.value_lines["url"], f"url must be a web address (http:// or https://, no spaces), got {url!r}")
            else:
                m.add((iri, RDFS.seeAlso, URIRef(url)))
        if "publisher" in src:
            pub = self.ref(ctx, src.value_lines["publisher"], src["publisher"])
            if pub:
                m.add((iri, DCTERMS.publisher, pub))
        if "published" in src:
            lit = self.literal(ctx, src.value_lines["published"], OG.datePublished, src["published"])
            if lit is not None:
                m.add((iri, OG.datePublished, lit))
        if isinstance(src.get("published_note"), str):
            m.add((iri, OG.dateNote, Literal(src["published_note"])))
        graph = URIRef(GRAPH_BASE + ctx.source.source_id)
        m.add((graph, RDF.type, PROV.Entity))
        m.add((graph, PROV.wasDerivedFrom, iri))
        m.add((graph, RDFS.label, Literal(f"Facts recorded from source {ctx.source.source_id}")))

    def _record(self, g: Graph, name: str, sf: SourceFile, rec: _Mapping) -> None:
        rid, about = rec.get("id"), rec.get("about")
        label = rid or about or "?"
        ctx = _Context(name, rec.line, str(label), sf)
        for key in rec:
            if key not in _RECORD_KEYS:
                self.error(ctx, rec.value_lines[key], f"unknown key {key!r} (allowed: {', '.join(sorted(_RECORD_KEYS))})")
        if (rid is None) == (about is None):
            self.error(ctx, rec.line, "a record needs exactly one of 'id' (to declare) or 'about' (to add facts)")
            return
        if sf.doc["source"].get("class") == "ReferenceCompilation":
            ctx.status = "reference"
        self._provenance(ctx, rec, inherited=None)
        if rid is not None:
            if not isinstance(rid, str) or rid not in self.ids:
                return  # its id was rejected in the first pass
            subject = ID[rid]
            if not isinstance(rec.get("label"), str) or not rec["label"].strip():
                self.error(ctx, rec.line, "a declared record needs a 'label'")
            else:
                self.fact(g, ctx, subject, RDFS.label, Literal(rec["label"]))
            self.fact(g, ctx, subject, RDF.type, self.ids[rid][2])
            g.add((subject, OG.identifier, Literal(rid)))
            aliases = rec.get("aliases") or []
            if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
                self.error(ctx, rec.value_lines.get("aliases"), "'aliases' must be a list of names")
            else:
                for alias in aliases:
                    self.fact(g, ctx, subject, OG.alias, Literal(alias))
        else:
            for key in ("class", "label", "aliases"):
                if key in rec:
                    self.error(ctx, rec.value_lines[key], f"{key!r} belongs where the record is declared, not in an 'about' record")
            subject = self.ref(ctx, rec.value_lines["about"], about)
            if subject is None:
                return
        props = rec.get("props", _Mapping())
        if not isinstance(props, _Mapping):
            self.error(ctx, rec.value_lines.get("props"), "'props' must be a mapping of property: value")
            return
        for key, values in props.items():
            self._property(g, ctx, props.value_lines[key], subject, key, values)

    def _provenance(self, ctx: _Context, m: _Mapping, inherited: _Context | None) -> None:
        """Fill ctx's paragraphs, citation, status and attribution from mapping m."""
        if inherited:
            ctx.paragraphs, ctx.cites = inherited.paragraphs, inherited.cites
            ctx.status, ctx.by = inherited.status, inherited.by
        if "paragraphs" in m:
            paras = m["paragraphs"]
            paras = [paras] if isinstance(paras, int) else paras
            count = ctx.source.doc["source"].get("paragraph_count")
            if not isinstance(paras, list) or not paras or not all(isinstance(p, int) and not isinstance(p, bool) and p >= 1 for p in paras):
                self.error(ctx, m.value_lines["paragraphs"], f"paragraphs must be a list of paragraph numbers from 1, got {m['paragraphs']!r}")
            elif isinstance(count, int) and max(paras) > count:
                self.error(ctx, m.value_lines["paragraphs"], f"paragraph {max(paras)} does not exist: the source has {count} paragraphs")
            else:
                ctx.paragraphs = paras
        if "cites" in m:
            ctx.cites = self.ref(ctx, m.value_lines["cites"], m["cites"])
        if "status" in m:
            if not isinstance(m["status"], str) or m["status"] not in self.vocab.statuses:
                self.error(ctx, m.value_lines["status"], f"unknown status {m['status']!r} "
                           f"(one of: {', '.join(sorted(self.vocab.statuses))})")
            else:
                ctx.status = m["status"]
        if "by" in m:
            ctx.by = self.ref(ctx, m.value_lines["by"], m["by"])

    def _property(self, g: Graph, ctx: _Context, line: int, subject: URIRef, key: str, values: Any) -> None:
        try:
            pred = self.vocab.expand(str(key))
        except KeyError:
            pred = None
        prop = self.vocab.properties.get(pred) if pred else None
        if prop is None:
            self.error(ctx, line, f"unknown property {key!r}: not defined in the ontology")
            return
        for value in values if isinstance(values, list) else [values]:
            vctx = ctx
            if isinstance(value, _Mapping):
                vctx = _Context(ctx.file, value.line, ctx.record, ctx.source)
                for k in value:
                    if k not in _VALUE_KEYS:
                        self.error(vctx, value.value_lines[k], f"unknown key {k!r} in a value (allowed: {', '.join(sorted(_VALUE_KEYS))})")
                self._provenance(vctx, value, inherited=ctx)
                wanted, other = ("ref", "value") if prop.is_object else ("value", "ref")
                if wanted not in value or other in value:
                    self.error(vctx, value.value_lines.get(other, value.line),
                               f"{key} is {'a relation: give its target as ref:' if prop.is_object else 'an attribute: give it as value:'}"
                               f"{f', not {other}:' if other in value else ''}")
                    continue
                line, value = value.value_lines[wanted], value[wanted]
            for item in value if isinstance(value, list) else [value]:
                obj = self.ref(vctx, line, item) if prop.is_object else self.literal(vctx, line, prop.iri, item)
                if obj is not None:
                    self.fact(g, vctx, subject, prop.iri, obj, line)

    def literal(self, ctx: _Context, line: int | None, pred: URIRef, value: Any) -> Literal | None:
        if isinstance(value, date):
            value = value.isoformat()
        text = str(value).lower() if isinstance(value, bool) else str(value)
        prop = self.vocab.properties[pred]
        datatypes = self.vocab.datatypes_of(prop.range)
        impossible = False
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
        names = " or ".join(self.vocab.shorten(d) for d in datatypes)
        hint = " (a date is YYYY, YYYY-MM or YYYY-MM-DD; put other wording in dateNote)" if OG.CalendarValue == prop.range else ""
        if impossible:
            hint = f" (there is no such day in the calendar){hint}"
        self.error(ctx, line, f"{self.vocab.shorten(pred)} expects {names}, got {value!r}{hint}")
        return None

    def fact(self, g: Graph, ctx: _Context, s: URIRef, p: URIRef, o: URIRef | Literal,
             line: int | None = None) -> None:
        """Record one fact: the statement node with its provenance, and the plain triple if asserted."""
        status = self.vocab.statuses.get(ctx.status)
        if status is None:
            return
        is_reference = ctx.source.doc["source"].get("class") == "ReferenceCompilation"
        if is_reference and ctx.cites is None:
            self.error(ctx, None, f"no citation for {self.vocab.shorten(p)}: reference facts need 'cites:' (the Act or document)")
            return
        if not is_reference and not ctx.paragraphs:
            self.error(ctx, None, f"no paragraphs for {self.vocab.shorten(p)}: every fact needs the paragraph(s) it comes from")
            return
        if status.needs_attribution and ctx.by is None:
            self.error(ctx, None, f"status {ctx.status!r} needs 'by:' (who states, alleges, finds or denies it)")
            return
        digest = hashlib.sha1(f"{ctx.source.source_id}|{s}|{p}|{o!r}|{ctx.status}|{ctx.by}".encode()).hexdigest()[:12]
        st = ID[f"st-{ctx.source.source_id}-{digest}"]
        if (st, _TYPE, _STATEMENT) in g:
            self.error(ctx, None, f"the same fact ({self.vocab.shorten(p)}) is recorded twice in this source with the same status")
            return
        self.statement_locations[st] = (ctx.file, line or ctx.line)
        self.mentioned.update((s, o))
        quads = [(st, _TYPE, _STATEMENT, g), (st, _SUBJECT, s, g), (st, _PREDICATE, p, g), (st, _OBJECT, o, g),
                 (st, _CLAIM_STATUS, status.iri, g), (st, _SOURCE, SOURCE[ctx.source.source_id], g)]
        if status.asserts_fact:
            quads.append((s, p, o, g))
        quads += [(st, _PARAGRAPH, _paragraph(para), g) for para in ctx.paragraphs]
        if ctx.cites is not None:
            quads.append((st, _CITES, ctx.cites, g))
        if ctx.by is not None:
            quads.append((st, _ATTRIBUTED_TO, ctx.by, g))
        g.addN(quads)
