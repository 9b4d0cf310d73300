"""The ontology is parsed once for the loader and once for everything that only reads it, and
what the loader asks of it for every value is read from it once."""
from __future__ import annotations

from rdflib import Graph

from graph.model import vocabulary
from graph.model.namespaces import OG, XSD
from graph.pipeline.build import build


def test_a_build_parses_the_ontology_twice_not_once_per_reader(tmp_path, monkeypatch):
    parsed = []
    read = vocabulary.Vocabulary.__init__

    def counted(self, *args, **kwargs):
        parsed.append(self)
        read(self, *args, **kwargs)
    monkeypatch.setattr(vocabulary.Vocabulary, "__init__", counted)
    vocabulary.bundled_vocabulary.cache_clear()
    build(out_dir=tmp_path / "out")
    assert len(parsed) == 2, "the loader's, and the one the projection, the views and the server share"
    assert vocabulary.bundled_vocabulary() is vocabulary.bundled_vocabulary() and len(parsed) == 2


def test_the_forms_a_literal_may_take_are_read_from_the_ontology_once_per_range():
    vocab = vocabulary.Vocabulary()
    calendar, integer, untyped = (vocab.literal_forms(r) for r in (OG.CalendarValue, XSD.integer, None))
    assert calendar[0] == (XSD.string,) and calendar[1].startswith("[0-9]{4}")
    assert integer == ((XSD.integer,), None) and untyped == ((XSD.string,), None)
    vocab.graph = Graph()  # asked again, the answers come from what was read, not from a walk
    assert [vocab.literal_forms(r) for r in (OG.CalendarValue, XSD.integer, None)] == [calendar, integer, untyped]
