"""The one "did you mean" of the project: close names offered, far ones not, definitions shown."""
from __future__ import annotations

from graph.model.nearest import did_you_mean, nearest
from graph.model.vocabulary import Vocabulary


def test_the_nearest_are_the_close_ones_best_first():
    assert nearest("Plaice", ["Place", "PoliceForce", "PoliceAndCrimeCommissioner"]) == ["Place"]
    assert nearest("thames valy", ["thames valley police", "iopc"]) == ["thames valley police"]
    assert nearest("", ["anything"]) == []


def test_a_class_or_property_is_suggested_with_its_label_and_definition():
    vocab = Vocabulary()
    assert did_you_mean("NewsOutlett", vocab.class_names) == (
        "; did you mean NewsOutlet (news outlet: A newspaper, broadcaster or news website that publishes "
        "source documents.)?")
    assert did_you_mean("livesAt", vocab.property_names).startswith(
        "; did you mean livesIn (lives in: Where a person lives, as the source says.)")


def test_with_nothing_close_the_single_nearest_is_named_as_such():
    assert did_you_mean("h_nowhere", ["h_place", "tiny_event"]) == "; nearest: h_place"
    assert did_you_mean("x", []) == ""
