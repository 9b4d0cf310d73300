"""A validation or a build keeps Python's cycle collector off the data it loads, and gives it back as it was."""
from __future__ import annotations

import gc

import pytest

from graph.data.load import collector_spared


@pytest.mark.parametrize("collecting", [True, False])
def test_the_collector_is_off_while_data_is_made_then_spares_it_until_the_end(collecting: bool) -> None:
    (gc.enable if collecting else gc.disable)()
    try:
        with collector_spared() as made:
            assert not gc.isenabled()
            loaded = [[] for _ in range(1000)]
            made()
            assert gc.isenabled() == collecting
            assert gc.get_freeze_count() >= len(loaded)
        assert gc.isenabled() == collecting and gc.get_freeze_count() == 0
    finally:
        gc.enable()


def test_a_failed_build_gives_the_collector_back() -> None:
    gc.enable()
    with pytest.raises(RuntimeError), collector_spared():
        raise RuntimeError("a data error")
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_inside_a_run_that_spares_it_a_second_freezes_what_it_made_and_leaves_the_rest_to_the_first() -> None:
    """check() inside a build, the network projected for its views: what the inner run made is
    frozen out of the collector's passes, which stays as the outer run set it until that ends."""
    gc.enable()
    with collector_spared() as made:
        with collector_spared() as inner:
            loaded = [[] for _ in range(1000)]
            inner()
            assert not gc.isenabled() and gc.get_freeze_count() >= len(loaded)
        assert not gc.isenabled() and gc.get_freeze_count() >= len(loaded)
        made()
        assert gc.isenabled()
        with collector_spared() as inner:
            assert not gc.isenabled()
            projected = [[] for _ in range(1000)]
            inner()
            assert gc.isenabled() and gc.get_freeze_count() >= len(loaded) + len(projected)
        assert gc.isenabled() and gc.get_freeze_count() > 0
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_a_validation_gives_the_collector_back() -> None:
    from graph.check import check
    gc.enable()
    check()
    assert gc.isenabled() and gc.get_freeze_count() == 0
