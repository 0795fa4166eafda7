"""Text charts (`--chart`): exact lines worked out by hand, and any series within the width."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mlboard.drawing.canvas import cell_width
from mlboard.planning.charts import Chart, Series, Threshold
from mlboard.planning.text_chart import (
    MIN_WIDTH,
    axis,
    format_value,
    render_chart,
    report_chart_text,
    short_label,
)


def test_a_line_with_a_labelled_threshold_by_hand() -> None:
    chart = Chart(
        "Tiny",
        "lines",
        ("S1", "S2", "S3"),
        (Series("done", ((0, 0.0), (1, 5.0), (2, 10.0))),),
        (Threshold("goal", 8.0),),
    )
    # axis 0..10 in steps of 2 over 6 rows: a tick on every row (row = round(v / 10 * 5));
    # 36 plot columns: S1 at 0, S2 at round(17.5) = 18, S3 at 35; the joins in between are
    # in the row nearest the value at that column; the threshold's label where no data is
    assert render_chart(chart, width=40, height=6) == [
        "Tiny",
        "10 ┤" + " " * 32 + "•••●",
        " 8 ┤ goal " + "┄" * 19 + "•" * 7 + "┄" * 4,
        " 6 ┤" + " " * 18 + "●" + "•" * 6,
        " 4 ┤" + " " * 11 + "•" * 7,
        " 2 ┤" + " " * 4 + "•" * 7,
        " 0 ┤●•••",
        "   └" + "─" * 36,
        "    S1" + " " * 16 + "S2" + " " * 14 + "S3",
        "● done   ┄ goal",
    ]


def test_bars_side_by_side_by_hand() -> None:
    chart = Chart(
        "V",
        "bars",
        ("S1", "S2"),
        (Series("committed", ((0, 4.0), (1, 2.0))), Series("completed", ((0, 3.0), (1, 2.0)))),
    )
    # 0..4 over 5 rows: one row a point; 37 columns: two slots of 18, bars 8 wide, the value
    # centred over each bar
    both = "░" * 8 + "█" * 8 + "  " + "░" * 8 + "█" * 8
    assert render_chart(chart, width=40, height=5) == [
        "V",
        "4 ┤" + "░░░4░░░░" + "   3",  # each value over its bar, in the top row at the top
        "3 ┤" + "░" * 8 + "█" * 8 + " " * 5 + "2" + " " * 7 + "2",
        "2 ┤" + both,
        "1 ┤" + both,
        "0 ┤" + both,
        "  └" + "─" * 37,
        "   " + " " * 7 + "S1" + " " * 16 + "S2",
        "░ committed   █ completed",
    ]


def test_stacked_areas_fill_up_to_each_total() -> None:
    chart = Chart(
        "Flow",
        "stacked",
        ("2026-11-02", "2026-11-03"),
        (Series("Done", ((0, 1.0), (1, 2.0))), Series("Doing", ((0, 1.0), (1, 2.0)))),
    )
    lines = render_chart(chart, width=40, height=5)
    # totals 2 and 4: axis 0..4, a row a card; the first half of the columns is day 1
    rows = [line[3:] for line in reversed(lines[1:6])]  # rows[0] at the bottom
    assert rows[4] == rows[3] == " " * 18 + "▓" * 19  # Doing, 3 to 4, on day 2 only
    assert rows[2] == "▓" * 18 + "█" * 19  # Doing on day 1 (1 to 2), Done on day 2 (0 to 2)
    assert rows[1] == rows[0] == "█" * 37
    assert lines[-2].split() == ["2", "Nov", "3", "Nov"]
    assert lines[-1] == "▓ Doing   █ Done"  # the top of the stack first


def test_axis_ticks_are_round_and_cover_the_values() -> None:
    assert axis([0.87, 0.911, 0.91], from_zero=False) == (
        [0.87, 0.88, 0.89, 0.9, 0.91, 0.92],
        0.87,
        0.92,
    )
    assert axis([37.0, 29.0], from_zero=True)[1:] == (0.0, 40.0)
    assert axis([5.0], from_zero=False)[1:] == (4.4, 5.6)  # one value: room around it
    assert axis([0.0], from_zero=True)[1:] == (0.0, 1.0)
    assert axis([5e-324], from_zero=True)[1:] == (0.0, 1.0)  # a denormal: no log10(0)
    close = [1e9, 1e9 + 1e-6]  # round ticks would all print alike: the two values instead
    assert axis(close, from_zero=False) == (close, *close)
    both = Chart("t", "lines", ("a", "b"), (Series("s", tuple(enumerate(close))),))
    assert render_chart(both)[1].startswith("1000000000 ┤")


def test_values_and_dates_read_as_people_write_them() -> None:
    assert [format_value(v) for v in (0, 37, 0.911, 2300, 1 / 3, -12.5, 1e12)] == [
        "0",
        "37",
        "0.911",
        "2300",
        "0.3333",
        "-12.5",
        "1e+12",
    ]
    assert (short_label("2026-11-18"), short_label("S12")) == ("18 Nov", "S12")


def test_nothing_to_draw_says_so() -> None:
    chart = Chart("Burndown S1", "lines", (), ())
    assert render_chart(chart) == ["Burndown S1", "  (nothing to draw yet)"]
    assert report_chart_text("retro", {"velocity": []}) == (
        "No closed sprint yet: no velocity to draw."
    )


def test_board_text_in_a_chart_is_shown_not_obeyed() -> None:
    chart = Chart(
        "evil\x1b[2J title",
        "stacked",
        ("d",),
        (Series("col\x1b]0;x\x07", ((0, 1.0),)),),
        (Threshold("\u202egoal", 0.5),),
    )
    text = "\n".join(render_chart(chart))
    assert "\x1b" not in text and "\u202e" not in text and "\x07" not in text
    assert "\\x1b[2J" in text and "\\u202egoal" in text


labels = st.lists(
    st.one_of(
        st.dates().map(lambda d: d.isoformat()),
        st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12),
    ),
    max_size=60,
)
numbers = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False)


@st.composite
def charts(draw: st.DrawFn) -> Chart:
    x = tuple(draw(labels))
    count = max(len(x), 1)
    series = tuple(
        Series(
            draw(st.text(max_size=20)),
            tuple(
                (i, draw(numbers))
                for i in sorted(draw(st.sets(st.integers(0, count - 1), max_size=count)))
            ),
            draw(st.booleans()),
        )
        for _ in range(draw(st.integers(0, 5)))
    )
    thresholds = tuple(
        Threshold(draw(st.text(max_size=30)), draw(numbers)) for _ in range(draw(st.integers(0, 2)))
    )
    shape = draw(st.sampled_from(["lines", "bars", "stacked", "scatter"]))
    return Chart(draw(st.text(max_size=90)), shape, x, series, thresholds, draw(st.booleans()))


@settings(max_examples=150, deadline=None)
@given(charts(), st.integers(0, 200), st.integers(0, 30))
def test_any_chart_renders_within_its_width(chart: Chart, width: int, height: int) -> None:
    lines = render_chart(chart, width, height)
    assert lines
    assert all(cell_width(line) <= max(width, MIN_WIDTH) for line in lines), lines
    assert all("\n" not in line for line in lines)


def test_more_sprints_than_bar_slots_draws_the_latest() -> None:
    sprints = tuple(f"S{n}" for n in range(1, 31))
    values = tuple((i, float(i + 1)) for i in range(30))
    chart = Chart("Velocity", "bars", sprints, (Series("a", values), Series("b", values)))
    lines = render_chart(chart, width=40)
    # 36 plot columns, three a sprint (two bars and a gap): the last 12 sprints
    assert lines[0] == "Velocity (the last 12 of 30)"
    assert lines[-2].split()[0] == "S19" and lines[-2].split()[-1] == "S30"
