"""`oversight import-figures`: a multi-year table becomes figure observations appended to the
source's file, and years are not taken for disagreeing figures."""
from __future__ import annotations

from pathlib import Path

from rdflib import Literal

from graph.model.namespaces import ID, OG, XSD
from graph.network.contradictions import contradictions
from graph.pipeline.build import build_dataset

SOURCE = "sources/001_tvp_sexual_misconduct_foi.yaml"
TABLE = "period,dismissed,ongoing\n2019-20,3,10\n2020-21,5,\n2021-22,\"1,204\",7\n"


def test_a_multi_year_table_becomes_observations_appended_to_the_source(data: Path, tmp_path: Path, oversight):
    table = tmp_path / "foi.csv"
    table.write_text(TABLE, encoding="utf-8")
    before = (data / SOURCE).read_text(encoding="utf-8")
    result = oversight("import-figures", table, "--source", "001", "--counts", "test complaints",
                       "--area", "thames_valley_police", "--paragraph", "5", "--data", data)
    assert result.exit_code == 0, result.output
    assert "appended 5 figures from 3 rows" in result.output
    after = (data / SOURCE).read_text(encoding="utf-8")
    assert after.startswith(before)  # what the user wrote is untouched, comments and all
    ds = build_dataset(data).dataset
    fig = ID["f001_thames_valley_police_2021_22_dismissed"]
    assert ds.value(fig, OG["count"]) == Literal("1204", datatype=XSD.integer)
    assert str(ds.value(fig, OG.periodLabel)) == "2021-22"
    assert (str(ds.value(fig, OG.periodStart)), str(ds.value(fig, OG.periodEnd))) == ("2021", "2022")
    assert ds.value(fig, OG.tableRow) == Literal("3", datatype=XSD.positiveInteger)
    assert str(ds.value(fig, OG.category)) == "dismissed"
    assert ds.value(ID["f001_thames_valley_police_2020_21_ongoing"], OG["count"]) is None  # an empty cell is no figure
    found = [c for c in contradictions(ds) if "test complaints" in c.about]
    assert found == []  # 3 dismissals in 2019-20 and 5 in 2020-21 do not disagree


def test_the_same_period_given_twice_still_disagrees(data: Path, tmp_path: Path, oversight):
    table = tmp_path / "foi.csv"
    table.write_text("period,dismissed\n2019-20,3\n2019-20,4\n", encoding="utf-8")
    assert oversight("import-figures", table, "--source", "001", "--counts", "test complaints",
                     "--area", "thames_valley_police", "--data", data).exit_code == 0
    [found] = [c for c in contradictions(build_dataset(data).dataset) if "test complaints" in c.about]
    assert found.property == "count" and {c.value for c in found.claims} == {"3", "4"}


def test_a_bad_table_changes_nothing_and_says_where(data: Path, tmp_path: Path, oversight):
    before = (data / SOURCE).read_text(encoding="utf-8")
    table = tmp_path / "foi.csv"
    table.write_text("year,dismissed\n2019,three\n", encoding="utf-8")
    wrong_column = oversight("import-figures", table, "--source", "001", "--counts", "x", "--area",
                             "thames_valley_police", "--data", data)
    assert wrong_column.exit_code == 1 and "no column 'period'" in wrong_column.output
    not_a_number = oversight("import-figures", table, "--source", "001", "--counts", "x", "--area",
                             "thames_valley_police", "--period", "year", "--data", data)
    assert not_a_number.exit_code == 1 and "foi.csv row 1, column 'dismissed': 'three' is not a whole number" \
        in not_a_number.output
    unknown_area = oversight("import-figures", table, "--source", "001", "--counts", "x", "--area", "thames_valley",
                             "--period", "year", "--data", data)
    assert unknown_area.exit_code == 1 and "did you mean thames_valley_" in unknown_area.output
    table.write_text("year,dismissed\n2019,3\n", encoding="utf-8")
    beyond = oversight("import-figures", table, "--source", "001", "--counts", "x", "--area", "thames_valley_police",
                       "--period", "year", "--paragraph", "999", "--data", data)
    assert beyond.exit_code == 1 and "paragraph 999 does not exist" in beyond.output
    assert (data / SOURCE).read_text(encoding="utf-8") == before
