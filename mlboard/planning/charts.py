"""What the report charts draw: typed series computed from the reports' JSON form.

The charts are a rule shared by both front ends: `mlboard burndown|retro|review|flow --chart`
draws them as text (`planning/text_chart.py`), the ceremony screens through textual-plotext
(`ui/widgets/report_chart.py`). Both read a report through its JSON form (what `--json`
prints, docs/design.md §5), the stable contract, never through the code that builds it.

- Burndown: the ideal line over every day of the sprint, the scope (a step on the day of each
  scope change) and the points remaining at the end of each day so far.
- Velocity: points committed at each closed sprint's start and completed at its close.
- Metric trends: per metric and dataset drawn over two sprints or more, the value that stands
  for each sprint, with one criterion's threshold drawn: the sprint's measurable goal when it
  names that metric and dataset, else the most demanding acceptance criterion on it among the
  sprint's cards (the highest bar for ``>``/``>=``, the lowest for ``<``/``<=``).
- Cumulative flow: cards per column at the end of each day, stacked with the finishing
  column at the bottom.
- Cycle time: one point per card finished, on its day, in days from start to done, per
  category; the median and the 85th percentile drawn as lines.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from mlboard.models import Op
from mlboard.models.criteria import parse_criterion
from mlboard.models.errors import BadInput

Shape = Literal["lines", "bars", "stacked", "scatter"]
Json = Mapping[str, Any]
HIGHER = (Op.GT, Op.GE)
MIN_TREND_POINTS = 2


@dataclass(frozen=True)
class Series:
    """A named set of points: (index into the chart's x labels, value)."""

    name: str
    points: tuple[tuple[int, float], ...]
    step: bool = False  # a line that holds its value until the next point


@dataclass(frozen=True)
class Threshold:
    """A horizontal line drawn across the chart, with what it means."""

    label: str
    value: float


@dataclass(frozen=True)
class Chart:
    """One chart: its x labels (ISO dates or sprint ids), series and threshold lines.

    `shape` says how the series read: ``lines`` (one line each), ``bars`` (a bar per series
    side by side at each x), ``stacked`` (areas, `series[0]` at the bottom) or ``scatter``.
    """

    title: str
    shape: Shape
    x_labels: tuple[str, ...]
    series: tuple[Series, ...]
    thresholds: tuple[Threshold, ...] = ()
    from_zero: bool = True

    def values(self) -> list[float]:
        """Every value the y axis must reach: the points (for a stacked chart, the totals at
        each x) and the thresholds."""
        if self.shape == "stacked":
            totals: dict[int, float] = {}
            for s in self.series:
                for x, v in s.points:
                    totals[x] = totals.get(x, 0.0) + v
            drawn = list(totals.values())
        else:
            drawn = [v for s in self.series for _, v in s.points]
        return drawn + [t.value for t in self.thresholds]


def burndown_chart(report: Json) -> Chart:
    """The burndown of `mlboard burndown --json`."""
    days = report["days"]
    labels = tuple(str(d["date"]) for d in days)
    so_far = [(i, d) for i, d in enumerate(days) if d.get("remaining") is not None]
    series = (
        Series("ideal", tuple((i, float(d["ideal"])) for i, d in enumerate(days))),
        Series("scope", tuple((i, float(d["scope"])) for i, d in so_far), step=True),
        Series("remaining", tuple((i, float(d["remaining"])) for i, d in so_far)),
    )
    title = (
        f"Burndown {report['sprint']} ({report['state']}): "
        f"{report['committed_points']:g} points committed at the start"
    )
    return Chart(title, "lines", labels, series)


def velocity_chart(velocity: Sequence[Json]) -> Chart:
    """Velocity from the retro's `velocity` list: committed at the start, completed."""
    labels = tuple(str(v["sprint"]) for v in velocity)
    series = tuple(
        Series(name, tuple((i, float(v[key])) for i, v in enumerate(velocity)))
        for name, key in (("committed", "committed_points"), ("completed", "completed_points"))
    )
    return Chart("Velocity: points per sprint", "bars", labels, series)


def trend_charts(review: Json) -> list[Chart]:
    """One chart per metric and dataset of the review's `trends` with two sprints or more."""
    order = sprint_order(review.get("trends", []))
    charts = []
    for trend in review.get("trends", []):
        points = trend["points"]
        if len(points) < MIN_TREND_POINTS:
            continue
        metric, dataset = trend["metric"], trend["dataset"]
        first, last = order.index(points[0]["sprint"]), order.index(points[-1]["sprint"])
        labels = tuple(order[first : last + 1])
        line = tuple((labels.index(p["sprint"]), float(p["value"])) for p in points)
        threshold = trend_threshold(review, metric, dataset)
        charts.append(
            Chart(
                f"{metric} on {dataset} ({trend['basis']} result per sprint)",
                "lines",
                labels,
                (Series(metric, line),),
                () if threshold is None else (threshold,),
                from_zero=False,
            )
        )
    return charts


def single_point_trends(review: Json) -> list[str]:
    """The trends with one sprint's value so far (not drawn), as ``metric on dataset``."""
    return [
        f"{t['metric']} on {t['dataset']}"
        for t in review.get("trends", [])
        if len(t["points"]) < MIN_TREND_POINTS
    ]


def sprint_order(trends: Sequence[Json]) -> list[str]:
    """Every sprint the trends name, oldest first (`S2` before `S10`)."""
    seen = {p["sprint"] for t in trends for p in t["points"]}
    return sorted(seen, key=_sprint_key)


def _sprint_key(sprint_id: str) -> tuple[int, str]:
    digits = sprint_id.lstrip("S")
    return (int(digits), sprint_id) if digits.isdigit() else (-1, sprint_id)


def trend_threshold(review: Json, metric: str, dataset: str) -> Threshold | None:
    """The sprint's measurable goal on `metric`@`dataset`, else the most demanding criterion
    on it among the sprint's cards; None when nothing names it."""
    sprint = review.get("sprint") or {}
    goal = sprint.get("measurable_goal")
    if goal is not None:
        try:
            name, op, value, on, relative = parse_criterion(goal["criterion"])
        except BadInput:
            name, op, value, on, relative = "", Op.GT, 0.0, "", "+"
        if (name, on, relative) == (metric, dataset, None):
            return Threshold(f"goal {name}{op.value}{value:g}", value)
    found: list[tuple[float, str, Op]] = []
    for card in review.get("criteria", []):
        for criterion in card["criteria"]:
            target = criterion.get("target", criterion["threshold"])
            if (criterion["metric"], criterion["dataset"]) == (
                metric,
                dataset,
            ) and target is not None:
                found.append((float(target), card["card"], Op(criterion["op"])))
    if not found:
        return None
    higher = found[0][2] in HIGHER
    value, card, op = (max if higher else min)(found, key=lambda f: f[0])
    return Threshold(f"{card} {metric}{op.value}{value:g}", value)


def cumulative_flow_chart(flow: Json) -> Chart:
    """The cumulative flow of `mlboard flow --json`, the finishing column at the bottom."""
    cfd = flow["cumulative_flow"]
    titles = {c["column"]: c["title"] for c in flow.get("wip", [])}
    days = cfd["days"]
    labels = tuple(str(d["date"]) for d in days)
    series = tuple(
        Series(
            str(titles.get(column, column)),
            tuple((i, float(d["counts"].get(column, 0))) for i, d in enumerate(days)),
        )
        for column in reversed(cfd["columns"])
    )
    title = f"Cumulative flow: cards per column, last {len(days)} days"
    return Chart(title, "stacked", labels, series)


def cycle_time_chart(flow: Json) -> Chart:
    """Cycle time of the cards finished in the flow window, each on the day it was done."""
    times = flow["cycle_time"]
    labels = tuple(str(d["date"]) for d in flow["cumulative_flow"]["days"])
    if not labels:
        labels = _days_between([str(c["date"]) for c in times["cards"]])
    index = {label: i for i, label in enumerate(labels)}
    by_category: dict[str, list[tuple[int, float]]] = {}
    for card in times["cards"]:
        if card["date"] in index:
            by_category.setdefault(card["category"], []).append(
                (index[card["date"]], float(card["days"]))
            )
    series = tuple(Series(name, tuple(points)) for name, points in sorted(by_category.items()))
    thresholds = tuple(
        Threshold(f"{name} {times[key]:g} d", float(times[key]))
        for name, key in (("median", "median_days"), ("p85", "p85_days"))
        if times.get(key) is not None
    )
    title = f"Cycle time: days from start to done, {times['count']} cards finished"
    return Chart(title, "scatter", labels, series, thresholds)


def _days_between(dates: Sequence[str]) -> tuple[str, ...]:
    if not dates:
        return ()
    first, last = date.fromisoformat(min(dates)), date.fromisoformat(max(dates))
    return tuple((first + timedelta(days=n)).isoformat() for n in range((last - first).days + 1))


def report_charts(kind: str, report: Json) -> list[Chart]:
    """The charts of a report's JSON form: ``burndown``, ``retro`` (velocity), ``review``
    (metric trends) or ``flow`` (cumulative flow, cycle time)."""
    if kind == "burndown":
        return [burndown_chart(report)] if report.get("days") else []
    if kind == "retro":
        return [velocity_chart(report["velocity"])] if report.get("velocity") else []
    if kind == "review":
        return trend_charts(report)
    if kind == "flow":
        return [cumulative_flow_chart(report), cycle_time_chart(report)]
    raise ValueError(f"no charts for a {kind} report")
