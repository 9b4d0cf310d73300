"""The RDF Data Cube links of a source's figures, which the data files leave implicit.

Every figure is reported in its source (og:reportedIn, a dimension: the same count from two
sources is two observations), covers a period (og:refPeriod, a dimension: a per-year table's
figures are one observation a year; "not stated" where the source gives none) and belongs to
one data set: the one its record names
(`qb:dataSet: an_foi_release`), else a data set of the figures its source gives. Every data
set gets the structure definition the ontology names for its observations' class
(og:dataStructure). ontology/datacube-ic/ holds the integrity constraints this satisfies.
"""
from __future__ import annotations

from rdflib import Literal, URIRef

from graph.data.facts import Facts
from graph.model.namespaces import ID, OG, QB, RDF, RDFS
from graph.model.vocabulary import Vocabulary


def link_figures(g: Facts, vocab: Vocabulary, source_iri: URIRef, source_id: str) -> None:
    """Add to source graph `g` what its figures and their data sets need to be a cube."""
    structures = {cls: dsd for cls, dsd in vocab.graph.subject_objects(OG.dataStructure)}
    own_set = ID[f"figures-{source_id}"]
    data_sets = {}
    # A figure is found by its type, not with g.subjects: that indexes g (graph.data.facts). The
    # set is looked up by hash, in C: `p == RDF.type` called rdflib's __eq__ for every triple.
    types = {RDF.type}
    typed = [(s, o) for s, p, o in g if p in types]
    for cls, dsd in structures.items():
        kinds = {cls} | set(vocab.graph.transitive_subjects(RDFS.subClassOf, cls))
        figures = {s for s, kind in typed if kind in kinds}
        for figure in sorted(figures):
            g.add((figure, OG.reportedIn, source_iri))
            g.add((figure, OG.refPeriod, Literal(_period(g, figure))))
            named = set(g.objects(figure, QB.dataSet))
            if not named:
                g.add((figure, QB.dataSet, own_set))
                named = {own_set}
            data_sets.update((ds, dsd) for ds in named)
    for ds, dsd in sorted(data_sets.items()):
        if ds == own_set:
            g.add((ds, RDF.type, QB.DataSet))
            g.add((ds, RDFS.label, Literal(f"Figures given by source {source_id}")))
        if g.value(ds, QB.structure) is None:
            g.add((ds, QB.structure, dsd))


def _period(g: Facts, figure: URIRef) -> str:
    """The period as one value: 2013, 2011/2014 (ISO 8601 interval style), else its words."""
    start, end = g.value(figure, OG.periodStart), g.value(figure, OG.periodEnd)
    if start is not None:
        return str(start) if end is None or end == start else f"{start}/{end}"
    label = g.value(figure, OG.periodLabel)
    return str(label) if label is not None else "not stated"


__all__ = ["link_figures"]
