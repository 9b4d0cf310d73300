"""The ontology is parsed once for the loader and once for everything that only reads it."""
from __future__ import annotations

from graph.model import vocabulary
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
