"""Names as people type them: an exact identifier, label or alias is found through the
store's own indexes; anything else (another case, a surname, a typo) through the name index."""
from __future__ import annotations

import pytest

from graph.model.namespaces import ID
from graph.sparql import names
from graph.sparql.names import UnknownName, resolve, resolve_actor


@pytest.fixture
def no_index(monkeypatch):
    """Any use of the whole name index fails the test."""
    monkeypatch.setattr(names.NameIndex, "of", classmethod(lambda *a, **k: pytest.fail("read the name index")))


@pytest.mark.parametrize("name", ["thames_valley_police", "Thames Valley Police", "id:thames_valley_police",
                                  "https://w3id.org/oversight-graph/id/thames_valley_police"])
def test_an_exact_name_or_an_iri_is_found_without_the_name_index(answering, no_index, name):
    assert resolve_actor(answering, name) == ID.thames_valley_police


def test_other_spellings_read_the_name_index_and_agree(answering):
    assert resolve_actor(answering, "thames valley police") == ID.thames_valley_police  # case
    assert resolve_actor(answering, "  Thames Valley Police ") == ID.thames_valley_police
    with pytest.raises(UnknownName, match="is ambiguous"):
        resolve_actor(answering, "Thames")
    with pytest.raises(UnknownName, match="nearest matches"):
        resolve_actor(answering, "id:thames_valley_polic")


def test_an_exact_name_of_a_resource_of_another_class_is_not_an_actor(answering):
    event = _some_event(answering)
    local = str(event)[len(str(ID)):]
    assert resolve(answering, local) == event
    with pytest.raises(UnknownName):
        resolve_actor(answering, local)
    with pytest.raises(UnknownName):
        resolve_actor(answering, "id:" + local)


def _some_event(graph):
    from graph.sparql.evaluate import evaluate
    return next(iter(evaluate(graph, "SELECT ?e WHERE { ?e a og:Event ; og:identifier ?i } ORDER BY ?e LIMIT 1"))).e
