"""The bundled figures pass the RDF Data Cube integrity constraints (ontology/datacube-ic/,
the W3C's own ASK queries), run on the normalized built dataset; planted faults are caught."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from graph.model.namespaces import ID, OG, QB, RDF

IC_DIR = Path(__file__).parents[2] / "ontology" / "datacube-ic"
CONSTRAINTS = sorted(IC_DIR.glob("ic*.rq"))


def normalized(graph: Graph) -> Graph:
    g = Graph()
    g += graph
    g.update((IC_DIR / "normalize.ru").read_text(encoding="utf-8"))
    return g


def violated(graph: Graph, constraint: Path) -> bool:
    """Whether `graph` breaks the constraint; a template (IC-20, IC-21) runs once for each
    qb:parentChildProperty in the data, and passes where there is none."""
    text = constraint.read_text(encoding="utf-8")
    if "<$p>" not in text:
        return graph.query(text).askAnswer
    links = {p for p in graph.objects(None, QB.parentChildProperty) if isinstance(p, URIRef)}
    return any(graph.query(text.replace("<$p>", p.n3())).askAnswer for p in links)


@pytest.fixture(scope="module")
def cube(dataset) -> Graph:
    union = Graph()
    union += ((s, p, o) for s, p, o, _ in dataset.quads())  # every named graph: facts, inferred types, the ontology
    return normalized(union)


def test_every_integrity_constraint_is_a_file_citing_its_number():
    assert [p.stem for p in CONSTRAINTS] == [f"ic{n:02d}" for n in range(1, 22)]
    for n, path in enumerate(CONSTRAINTS, 1):
        assert path.read_text(encoding="utf-8").startswith(f"# IC-{n}. "), path


def test_the_figures_form_a_cube(cube):
    figures = set(cube.subjects(RDF.type, OG.FigureObservation))
    assert len(figures) > 40
    assert all(cube.value(f, QB.dataSet) is not None and cube.value(f, OG.reportedIn) is not None for f in figures)
    assert {cube.value(ds, QB.structure) for ds in cube.subjects(RDF.type, QB.DataSet)} == {OG.figureStructure}


@pytest.mark.parametrize("constraint", CONSTRAINTS, ids=lambda p: p.stem)
def test_the_bundled_data_meets_the_constraint(cube, constraint):
    assert not violated(cube, constraint)


def _planted(cube: Graph, change) -> Graph:
    g = Graph()
    g += cube
    change(g)
    return g


def test_planted_violations_are_caught(cube):
    figure = ID.f001_tvp_allegations
    assert (figure, RDF.type, OG.FigureObservation) in cube
    no_set = _planted(cube, lambda g: g.remove((figure, QB.dataSet, None)))
    assert violated(no_set, IC_DIR / "ic01.rq")
    two_sets = _planted(cube, lambda g: g.add((figure, QB.dataSet, ID["figures-000"])))
    assert violated(two_sets, IC_DIR / "ic01.rq")
    no_count = _planted(cube, lambda g: g.remove((figure, OG["count"], None)))
    assert violated(no_count, IC_DIR / "ic14.rq")
    no_category = _planted(cube, lambda g: g.remove((figure, OG.category, None)))
    assert violated(no_category, IC_DIR / "ic11.rq")

    def twin(g: Graph) -> None:
        for p, o in list(g.predicate_objects(figure)):
            g.add((ID.f001_twin, p, o))
    assert violated(_planted(cube, twin), IC_DIR / "ic12.rq")
    unstructured = _planted(cube, lambda g: g.add((ID.orphan_set, RDF.type, QB.DataSet)))
    assert violated(unstructured, IC_DIR / "ic02.rq")
    optional_dimension = _planted(cube, lambda g: [g.add((spec, QB.componentRequired, Literal(False)))
                                                   for spec in g.subjects(QB.dimension, OG.counts)])
    assert violated(optional_dimension, IC_DIR / "ic06.rq")
