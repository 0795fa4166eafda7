"""The HTML pages draw the same charts as `--chart` and the screens (`planning.charts`), as SVG."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from mlboard.planning.charts import Chart, Series, Threshold
from mlboard.planning.reports.svg import THRESHOLD_COLOUR, chart_svg

NS = "{http://www.w3.org/2000/svg}"


def parsed(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_a_line_chart_draws_each_series_its_threshold_and_its_legend() -> None:
    chart = Chart(
        "accuracy on holdout",
        "lines",
        ("S1", "S2", "S3"),
        (Series("accuracy", ((0, 0.87), (1, 0.89), (2, 0.91))),),
        (Threshold("goal accuracy>=0.9", 0.9),),
        from_zero=False,
    )
    root = parsed(chart_svg(chart))
    assert len(root.findall(f"{NS}polyline")) == 1
    dashed = [e for e in root.findall(f"{NS}line") if e.get("stroke") == THRESHOLD_COLOUR]
    assert len(dashed) == 1
    texts = [e.text for e in root.iter(f"{NS}text")]
    assert {"accuracy on holdout", "accuracy", "goal accuracy>=0.9", "S1", "S3"} <= set(texts)


def test_a_step_line_holds_its_value_until_the_next_point() -> None:
    chart = Chart("scope", "lines", ("a", "b", "c"), (Series("s", ((0, 1.0), (2, 3.0)), True),))
    points = parsed(chart_svg(chart)).find(f"{NS}polyline").get("points", "").split()  # type: ignore[union-attr]
    assert len(points) == 3  # a corner at the second point's x, at the first value
    assert points[1].split(",")[0] == points[2].split(",")[0]
    assert points[1].split(",")[1] == points[0].split(",")[1]


def test_bars_stacked_areas_and_scatter_points() -> None:
    labels = ("S1", "S2")
    two = (Series("committed", ((0, 10.0), (1, 12.0))), Series("done", ((0, 8.0), (1, 12.0))))
    assert len(parsed(chart_svg(Chart("v", "bars", labels, two))).findall(f"{NS}rect")) == 4 + 2
    assert len(parsed(chart_svg(Chart("c", "stacked", labels, two))).findall(f"{NS}polygon")) == 2
    scatter = parsed(chart_svg(Chart("t", "scatter", labels, two)))
    assert len(scatter.findall(f"{NS}circle")) == 4


def test_nothing_to_draw_is_no_chart() -> None:
    assert chart_svg(Chart("empty", "lines", (), ())) == ""
    assert chart_svg(Chart("no points", "lines", ("a",), (Series("s", ()),))) == ""


def test_labels_are_escaped_and_cleaned() -> None:
    chart = Chart("<b>&\x1b[31m", "lines", ("<x>",), (Series("a&b", ((0, 1.0),)),))
    svg = chart_svg(chart)
    assert "\x1b" not in svg and "<b>" not in svg
    assert any(e.text and "&" in e.text for e in parsed(svg).iter(f"{NS}text"))


values = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


@given(
    shape=st.sampled_from(["lines", "bars", "stacked", "scatter"]),
    labels=st.lists(st.text(max_size=12), min_size=1, max_size=40),
    data=st.data(),
)
def test_any_chart_is_well_formed_svg(shape: str, labels: list[str], data: st.DataObject) -> None:
    n = len(labels)
    series = tuple(
        Series(
            f"s{k}",
            tuple(sorted(data.draw(st.dictionaries(st.integers(0, n - 1), values)).items())),
            data.draw(st.booleans()),
        )
        for k in range(data.draw(st.integers(0, 3)))
    )
    thresholds = tuple(Threshold("t", v) for v in data.draw(st.lists(values, max_size=2)))
    chart = Chart("any", shape, tuple(labels), series, thresholds)  # type: ignore[arg-type]
    svg = chart_svg(chart)
    if not chart.values():
        assert svg == ""
    else:
        assert parsed(svg).tag == f"{NS}svg"
