"""Timelines: dates as precise as the sources give them, undated events placed by sequence,
disputed dates drawn at each, and nothing from the data reaching the page as markup."""
from __future__ import annotations

import json
import re
from datetime import date

import pytest

from graph.views.choose import choose
from graph.views.timeline import DateClaim, Item, Timeline, _spans, span, timeline_of
from graph.views.timeline_page import network_path, render_timeline, timeline_html
from view_graphs import PAYLOADS, route_graph


def page_items(html: str) -> list[dict]:
    return json.loads(re.search(r'<script type="application/json" id="og-items">(.*?)</script>', html, re.S)[1])


@pytest.mark.parametrize("value, start, end, precision", [
    ("2015", date(2015, 1, 1), date(2016, 1, 1), "year"),
    ("2016-02", date(2016, 2, 1), date(2016, 3, 1), "month"),
    ("2016-12", date(2016, 12, 1), date(2017, 1, 1), "month"),
    ("2016-07-12", date(2016, 7, 12), date(2016, 7, 13), "day"),
])
def test_a_date_is_the_span_its_precision_covers(value, start, end, precision):
    s = span(value)
    assert (s.start, s.end, s.precision) == (start, end, precision)


@pytest.mark.parametrize("value", ["", "July 2016", "2016-13", "2016-02-30", "16"])
def test_what_is_not_a_date_has_no_span(value):
    assert span(value) is None


def test_dates_that_refine_each_other_make_one_span_and_disagreeing_ones_two():
    claims = lambda *values: [DateClaim(v, "reported", ["000 \u00b6 1"]) for v in values]
    assert [s.value for s in _spans(claims("2016", "2016-07"))] == ["2016-07"]
    assert [s.value for s in _spans(claims("2017", "2015"))] == ["2015", "2017"]
    assert [s.value for s in _spans(claims("2016", "2016-07", "2017"))] == ["2016-07", "2017"]


def test_dearden_timeline_keeps_precision_and_places_undated_events_in_sequence(dataset):
    timeline = timeline_of(dataset, "Alex Dearden")
    items = {i.label: i for i in timeline.items}
    acquittal = items["Alex Dearden acquitted of common assault"]
    assert (acquittal.precision, acquittal.start, acquittal.end) == ("year", date(2015, 1, 1), date(2016, 1, 1))
    dismissal = items["Alex Dearden dismissed from Thames Valley Police"]
    # 2016 (¶3) and 2016-07 (¶23, stated by the force) refine each other: one month, both claims kept
    assert (dismissal.precision, dismissal.start, dismissal.disputed) == ("month", date(2016, 7, 1), [])
    assert [(c.value, c.sources, c.said_by) for c in dismissal.claims] == [
        ("2016", ["000 \u00b6 3"], []), ("2016-07", ["000 \u00b6 23"], ["Thames Valley Police"])]
    appeal = items["Dearden's appeal against his dismissal"]
    assert appeal.precision == "undated" and appeal.start >= dismissal.end
    assert "Alex Dearden dismissed from Thames Valley Police" in appeal.after
    prosecution = items["Prosecution of Alex Dearden for common assault"]
    assert prosecution.precision == "undated" and prosecution.start < acquittal.start
    # drawn in the order of the route: each item no earlier than the one before
    starts = [i.start for i in sorted(timeline.items, key=lambda i: i.order)]
    assert starts == sorted(starts)
    assert {label for _, label, _ in timeline.unplaced} == {
        "Dearden denies the abuse and criticises the investigation",
        "Thames Valley Police statement on Dearden's dismissal"}


def test_timeline_of_an_actor_is_its_cases_and_a_name_in_no_case_is_refused(dataset):
    assert timeline_of(dataset, "Andrea Leadsom").cases == timeline_of(dataset, "Alex Dearden's case").cases
    with pytest.raises(LookupError, match="takes part in no case"):
        timeline_of(dataset, "Home Office")


def test_timeline_page_links_to_the_network_view_of_the_same_case(dataset, tmp_path):
    out = choose(dataset, timeline="Alex Dearden").write(tmp_path / "tl.html")
    html = out.read_text(encoding="utf-8")
    assert f'href="{network_path(out).name}"' in html
    network = network_path(out).read_text(encoding="utf-8")
    assert 'href="tl.html"' in network and "Alex Dearden acquitted of common assault" in network
    drawn = page_items(html)
    year = next(i for i in drawn if "acquitted" in i["text"])
    assert (year["type"], year["start"], year["end"]) == ("range", "2015-01-01", "2016-01-01")
    month = next(i for i in drawn if "dismissed" in i["text"] and i["type"] == "box")
    assert month["start"] == "2016-07-16" and month["text"].startswith("2016-07 \u00b7 ")
    band = next(i for i in drawn if i["type"] == "background")
    assert (band["start"], band["end"]) == ("2016-07-01", "2016-08-01")
    appeal = next(i for i in drawn if "appeal against" in i["text"])
    assert "og-undated" in appeal["className"] and appeal["text"].startswith("undated \u00b7 ")
    assert "source 000 \u00b6 23" in month["tip"] and "according to Thames Valley Police" in month["tip"]


def hostile_timeline() -> Timeline:
    items = [Item(event=p, label=p, kind=p, case=PAYLOADS[0], order=i, start=date(2015, 1, 1 + i), end=None,
                  precision="day", claims=[DateClaim(p, p, [p], [p])], sources=[p], after=[p], note=p,
                  disputed=[p, p], value=p) for i, p in enumerate(PAYLOADS)]
    return Timeline(PAYLOADS[3], [("x", PAYLOADS[0]), ("y", PAYLOADS[1])], items, [(p, p, [p]) for p in PAYLOADS])


def test_nothing_from_the_data_reaches_the_timeline_page_as_markup():
    html = timeline_html(hostile_timeline(), network_href='"><script>window.__pwned=1</script>')
    for payload in PAYLOADS + ['"><script>window.__pwned=1</script>']:
        assert payload not in html or not re.search("[<>\"']", payload)
    assert html.count("<script") == 4  # two JSON blocks, vis-timeline and ours


def test_timeline_writes_the_network_view_beside_it(tmp_path):
    out = render_timeline(Timeline("T", [], [], []), tmp_path / "t.html", route_graph())
    assert out.exists() and network_path(out).exists()
