"""The reports as Markdown text for people; each takes the dict its report function returned."""

from __future__ import annotations

from datetime import date, datetime

from mlboard.planning.reports.common import Report

OUTCOME_ORDER = ("promising", "eliminated", "inconclusive", "adopted")
DEFAULT_DATASET = "holdout"


def number(value: float | None) -> str:
    """A value as written in a log: 0.81, 12, 1e-05; a dash for none."""
    return "–" if value is None else f"{value:g}"


def metric_change(name: str, before: float | None, after: float | None, dataset: str) -> str:
    """``auc 0.78 → 0.81 (+0.03)``, with `` on DATASET`` unless it is the holdout set."""
    where = "" if dataset in ("", DEFAULT_DATASET) else f" on {dataset}"
    if before is None or after is None:
        return f"{name} {number(after)} (first result){where}"
    places = max(_decimals(number(before)), _decimals(number(after)))
    return f"{name} {number(before)} → {number(after)} ({after - before:+.{places}f}){where}"


def _decimals(text: str) -> int:
    if "e" in text or "." not in text:
        return 0
    return len(text.split(".", 1)[1])


def _day(text: str | None) -> str:
    if not text:
        return "–"
    moment = datetime.fromisoformat(text) if "T" in text else date.fromisoformat(text)
    return f"{moment:%a} {moment.day} {moment:%b}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


# --- plan ----------------------------------------------------------------------------------


def render_plan_text(report: Report) -> str:
    """Findings grouped by check, errors first within each check."""
    findings: list[Report] = report["findings"]
    errors = sum(1 for f in findings if f["severity"] == "error")
    scope = f"sprint {report['sprint']}" if report["sprint"] else "work in progress"
    lines = [f"# Planning check — {scope}", ""]
    if not findings:
        return "\n".join([*lines, "No findings: the sprint is ready.", ""])
    lines += [f"{_plural(errors, 'error')}, {_plural(len(findings) - errors, 'warning')}", ""]
    checks = list(dict.fromkeys(f["check"] for f in findings))
    for check in checks:
        lines.append(f"## {check}")
        ordered = sorted(
            (f for f in findings if f["check"] == check), key=lambda f: f["severity"] != "error"
        )
        lines += [f"- {f['severity'].upper()}: {f['message']}" for f in ordered]
        lines.append("")
    return "\n".join(lines)


# --- standup -------------------------------------------------------------------------------


def render_standup_text(report: Report) -> str:
    """Person by person: changes since the previous working day, then today's cards."""
    columns: dict[str, str] = report.get("columns", {})
    since = _day(report["since"])
    lines = [f"# Standup — {_day(report['date'])} (since {since})", ""]
    quiet = [
        p["person"] for p in report["people"] if not (p["changes"] or p["cards"] or p["notes"])
    ]
    for person in report["people"]:
        if person["person"] in quiet:
            continue
        lines.append(f"## {person['person'] or 'unassigned'}")
        changes = [_change_line(c, columns) for c in person["changes"]]
        lines += [f"Since {since}:", *(f"- {c}" for c in changes)] if changes else ["No changes."]
        cards = [_held_line(c, columns) for c in person["cards"]]
        lines += ["Cards:", *(f"- {c}" for c in cards)] if cards else ["No cards in play."]
        lines += [f"- note ({n['kind']}): {n['text']}" for n in person["notes"]]
        lines.append("")
    if quiet:
        lines += ["Nothing in play, no changes: " + ", ".join(str(p) for p in quiet), ""]
    lines += _pipeline_lines(report["pipelines"])
    lines += _compute_lines(report["compute_blockers"])
    return "\n".join(lines)


def _change_line(change: Report, columns: dict[str, str]) -> str:
    card, kind = change["card"], change["kind"]
    if kind == "metric":
        runs = f", {change['runs']} runs" if change.get("runs", 1) > 1 else ""
        text = metric_change(change["metric"], change["from"], change["to"], change["dataset"])
        return f"{card} {text}{runs}"
    if kind == "moved":
        return f"{card} {_column(change['from'], columns)} → {_column(change['to'], columns)}"
    if kind == "created":
        return f"{card} added to {_column(change['to'], columns)}"
    if kind == "blocked":
        note = f": {change['note']}" if change.get("note") else ""
        return f"{card} blocked ({change['blocker']}){note}"
    if kind == "unblocked":
        return f"{card} unblocked ({change['blocker']})"
    note = f" — {change['note']}" if change.get("note") else ""
    return f"{card} outcome: {change['to']}{note}"


def _column(column: str | None, columns: dict[str, str]) -> str:
    return columns.get(column or "", column or "–")


def _held_line(card: Report, columns: dict[str, str]) -> str:
    points = f", {number(card['points'])} pts" if card["points"] is not None else ""
    text = f"{card['id']} {card['title']} — {_column(card['status'], columns)}{points}"
    for blocker in card["blockers"]:
        note = f": {blocker['note']}" if blocker["note"] else ""
        eta = f", ETA {_day(blocker['eta'])}" if blocker["eta"] else ""
        text += f" · blocked ({blocker['kind']}{note}, since {_day(blocker['since'])}{eta})"
    if card["blocked_by"]:
        text += " · waits for " + ", ".join(card["blocked_by"])
    return text


def _pipeline_lines(pipelines: list[Report]) -> list[str]:
    if not pipelines:
        return []
    lines = ["## Pipelines"]
    for p in pipelines:
        note = f" — {p['note']}" if p["note"] else ""
        run = f" (last run {_day(p['last_run'])})" if p["last_run"] else ""
        lines.append(f"- {p['name']}: {p['status']}{note}{run}")
    return [*lines, ""]


def _compute_lines(blockers: list[Report]) -> list[str]:
    if not blockers:
        return []
    lines = ["## Compute blockers"]
    for b in blockers:
        who = f" ({b['assignee']})" if b["assignee"] else ""
        eta = f", ETA {_day(b['eta'])}" if b["eta"] else ""
        lines.append(
            f"- {b['card']}{who}: {b['note'] or 'GPU contention'}, since {_day(b['since'])}{eta}"
        )
    return [*lines, ""]


# --- review --------------------------------------------------------------------------------


def experiments_line(experiments: Report) -> str:
    """``3 tested, 1 promising, 2 eliminated`` (and how many are still open)."""
    counts: dict[str, int] = experiments["counts"]
    parts = [f"{experiments['tested']} tested"]
    parts += [f"{counts[o]} {o}" for o in OUTCOME_ORDER if counts.get(o)]
    if counts.get("open"):
        parts.append(f"{counts['open']} still open")
    return ", ".join(parts)


def trend_line(trend: Report) -> str:
    """``accuracy 0.91 on holdout, up from 0.87 in S1``."""
    points: list[Report] = trend["points"]
    latest = points[-1]
    head = f"{trend['metric']} {number(latest['value'])} on {trend['dataset']}"
    if len(points) == 1:
        return f"{head} ({latest['sprint']}, first result)"
    previous = points[-2]
    if latest["value"] == previous["value"]:
        direction = "unchanged from"
    else:
        direction = "up from" if latest["value"] > previous["value"] else "down from"
    series = ", ".join(f"{p['sprint']} {number(p['value'])}" for p in points)
    return f"{head}, {direction} {number(previous['value'])} in {previous['sprint']} ({series})"


def render_review_text(report: Report) -> str:
    """The sprint review for stakeholders."""
    lines = [*_sprint_head("Sprint review", report["sprint"]), ""]
    done, open_ = report["completed"], report["not_completed"]
    points = report["points"]
    lines.append(
        f"## Completed: {_plural(len(done), 'card')}, {number(points['completed'])} of "
        f"{number(points['committed'])} committed points"
    )
    lines += [f"- {_brief(c)}" for c in done] or ["- nothing"]
    lines += ["", f"## Not completed: {_plural(len(open_), 'card')}"]
    lines += [f"- {_brief(c)} — {c['status']}" for c in open_] or ["- nothing"]
    lines += _scope_lines(report["added"], report["removed"])
    lines += ["", *_criteria_lines(report["criteria"])]
    lines += ["## Trends", *(f"- {trend_line(t)}" for t in report["trends"])]
    if not report["trends"]:
        lines.append("- no metric results logged in a sprint yet")
    lines += ["", "## Experiments", experiments_line(report["experiments"])]
    for e in report["experiments"]["list"]:
        learnt = f": {e['learnings']}" if e["learnings"] else ""
        lines.append(f"- {e['card']} {e['title']} — {e['outcome']}{learnt}")
    lines.append("")
    lines += _failure_lines(report["failures"])
    lines += _confusion_lines(report["confusion"])
    return "\n".join(lines)


def _sprint_head(title: str, sprint: Report | None) -> list[str]:
    if sprint is None:
        return [f"# {title} — whole board (no sprint)"]
    lines = [f"# {title} — {sprint['id']} {sprint['name']}".rstrip()]
    lines.append(f"- {_day(sprint['start'])} – {_day(sprint['end'])}, {sprint['state']}")
    if sprint["goal"]:
        lines.append(f"- Goal: {sprint['goal']}")
    goal = sprint["measurable_goal"]
    if goal is not None:
        value = f" ({number(goal['value'])})" if goal["value"] is not None else ""
        lines.append(f"- Measurable goal: {goal['criterion']} — {goal['status']}{value}")
    return lines


def _brief(card: Report) -> str:
    points = f" ({number(card['points'])} pts)" if card.get("points") is not None else ""
    return f"{card['id']} {card['title'] or '(deleted)'}{points}"


def _scope_lines(added: list[Report], removed: list[Report]) -> list[str]:
    parts = [
        f"{len(cards)} {what} ({', '.join(c['id'] for c in cards)})"
        for what, cards in (("added after the start", added), ("removed", removed))
        if cards
    ]
    return ["", "Scope change: " + "; ".join(parts)] if parts else []


def _criteria_lines(criteria: list[Report]) -> list[str]:
    if not criteria:
        return []
    lines = ["## Acceptance criteria"]
    for entry in criteria:
        states = "; ".join(_criterion_state(c) for c in entry["criteria"])
        lines.append(f"- {entry['card']} {entry['title']}: {states}")
    return [*lines, ""]


def _criterion_state(c: Report) -> str:
    """``precision>0.92@holdout met (0.93)``, or for a relative criterion ``ctr 0.0329 vs
    baseline 0.031 (+6.1%, needs +5%): met``; then where the deciding result came from."""
    if c.get("baseline"):
        state = str(c["text"])
    else:
        state = f"{c['metric']}{c['op']}{c['threshold']:g}@{c['dataset']} {c['status']}"
        state += f" ({number(c['value'])})" if c["value"] is not None else ""
    origin = [f"run {c['run']}"] if c.get("run") else []
    origin += [f"commit {str(c['commit'])[:12]}"] if c.get("commit") else []
    origin += [f"from {c['source']}"] if c.get("source") else []
    return state + (f" [{', '.join(origin)}]" if origin else "")


def _failure_lines(failures: list[Report]) -> list[str]:
    if not failures:
        return []
    lines = ["## Failure analysis"]
    for entry in failures:
        lines += [f"- {entry['card']} {entry['title']}: {note}" for note in entry["notes"]]
    return [*lines, ""]


def _confusion_lines(matrices: list[Report]) -> list[str]:
    lines: list[str] = []
    for m in matrices:
        accuracy = f", accuracy {m['accuracy']:.3g}" if m["accuracy"] is not None else ""
        lines += [f"## Confusion matrix — {m['card']} {m['title']} on {m['dataset']}{accuracy}"]
        top = ", ".join(
            f"{c['true']} → {c['predicted']} ({c['count']})" for c in m["top_confusions"]
        )
        if top:
            lines.append(f"Most confused (true → predicted): {top}")
        lines += ["", "| true \\ predicted | " + " | ".join(m["labels"]) + " |"]
        lines.append("|---" * (len(m["labels"]) + 1) + "|")
        for label, row in zip(m["labels"], m["counts"], strict=True):
            lines.append(f"| {label} | " + " | ".join(str(n) for n in row) + " |")
        lines.append("")
    return lines


# --- retro ---------------------------------------------------------------------------------


def render_retro_text(report: Report) -> str:
    """The retrospective for the team."""
    lines = [*_sprint_head("Retrospective", report["sprint"]), "", *_estimation_lines(report)]
    lines += _velocity_lines(report["velocity"])
    lines += _carried_lines(report["carried_over"])
    lines += _incident_lines(report["data_incidents"])
    lines += _handoff_lines(report["handoff"])
    if report["notes"]:
        lines.append("## Notes")
        for n in report["notes"]:
            who = f"{n['person']}: " if n["person"] else ""
            card = f" ({n['card']})" if n["card"] else ""
            lines.append(f"- [{n['kind']}] {who}{n['text']}{card}")
        lines.append("")
    if report["advice"]:
        lines += ["## Advice", *(f"- {a}" for a in report["advice"]), ""]
    return "\n".join(lines)


def _estimation_lines(report: Report) -> list[str]:
    lines = [
        "## Estimation",
        "| category | committed | added | completed | carried | completed / taken |",
        "|---|---|---|---|---|---|",
    ]
    for category, row in report["estimation"].items():
        if row["committed"] or row["added"]:
            lines.append(f"| {category} | " + " | ".join(_row_cells(row)) + " |")
    split = report["research_vs_rest"]
    left = "carried" if report["sprint"] and report["sprint"]["state"] == "closed" else "open"
    research, rest = _share(split["research"], left), _share(split["rest"], left)
    return [*lines, "", f"Research stories: {research}; the rest: {rest}.", ""]


def _row_cells(row: Report) -> list[str]:
    cells = [
        f"{row[kind]} ({number(row[kind + '_points'])} pts)"
        for kind in ("committed", "added", "completed", "carried")
    ]
    return [*cells, _percent(row["accuracy"])]


def _percent(share: float | None) -> str:
    return "–" if share is None else f"{share:.0%}"


def _share(row: Report, left: str) -> str:
    if row["accuracy"] is None:
        return "none taken in"
    taken = row["committed_points"] + row["added_points"]
    return (
        f"{number(row['completed_points'])} of {number(taken)} points completed "
        f"({_percent(row['accuracy'])}), {row['carried']} {left}"
    )


def _velocity_lines(velocity: list[Report]) -> list[str]:
    if not velocity:
        return []
    cells = ", ".join(
        f"{v['sprint']} {number(v['completed_points'])}/{number(v['committed_points'])}"
        for v in velocity
    )
    return ["## Velocity (completed / committed points)", cells, ""]


def _carried_lines(carried: list[Report]) -> list[str]:
    lines = [f"## Carried over: {_plural(len(carried), 'card')}"]
    where_to = {"carried": " → {to}", "returned": " → backlog", "open": ", not done yet"}
    for c in carried:
        where = where_to[c["state"]].format(to=c["to"])
        box = f", time-box {c['timebox']} sprint(s)" if c["timebox"] else ""
        kind = "research" if c["research"] else c["category"]
        times = f", carried {c['times']}×" if c["times"] else ""
        note = f": {c['note']}" if c["note"] else ""
        lines.append(f"- {c['card']} {c['title']} ({kind}{times}{box}){where}{note}")
    return [*lines, ""]


def _incident_lines(incidents: list[Report]) -> list[str]:
    lines = [f"## Data incidents: {len(incidents)}"]
    for i in incidents:
        if i["card"]:
            what = f"{i['card']} {i['kind']} blocker"
        else:
            what = f"pipeline {i['pipeline']} failing"
        state = f"resolved {_day(i['resolved_at'])}" if i["resolved_at"] else "still open"
        note = f": {i['note']}" if i["note"] else ""
        lines.append(
            f"- {what}{note} (since {_day(i['since'])}, {state}, {number(i['hours_open'])} h)"
        )
    return [*lines, ""]


def _handoff_lines(handoff: Report) -> list[str]:
    if not handoff["count"]:
        return ["## Handoff", "No card went through review.", ""]
    slowest = ", ".join(f"{s['card']} ({number(s['hours'])} h)" for s in handoff["slowest"])
    return [
        "## Handoff",
        f"Median {number(handoff['median'])} h in {handoff['column']} over "
        f"{_plural(handoff['count'], 'card')}; slowest: {slowest}",
        "",
    ]


# --- flow ----------------------------------------------------------------------------------


def render_flow_text(report: Report) -> str:
    """Kanban flow for the team: WIP, aging, cycle time and cumulative flow."""
    days = report["days"]
    lines = [f"# Flow — last {_plural(days, 'day')} to {_day(report['date'])}", ""]
    lines += ["## Work in progress", "| column | cards | limit |", "|---|---|---|"]
    for column in report["wip"]:
        limit = "–" if column["limit"] is None else str(column["limit"])
        if column["limit"] is not None:
            limit += " hard" if column["hard"] else " soft"
        if column["over"]:
            limit += " — **over**"
        lines.append(f"| {_cell(column['title'])} | {column['count']} | {limit} |")
    lines += ["", *_aging_lines(report["aging"]), *_cycle_lines(report, days)]
    lines += _cumulative_lines(report["cumulative_flow"], report["wip"])
    advice = _flow_advice(report)
    if advice:
        lines += ["## Advice", *(f"- {a}" for a in advice), ""]
    return "\n".join(lines)


def _aging_lines(aging: list[Report]) -> list[str]:
    if not aging:
        return ["## Aging", "Nothing started is unfinished.", ""]
    lines = ["## Aging (started, not done; oldest first)"]
    for entry in aging:
        who = f", @{entry['assignee']}" if entry["assignee"] else ""
        age = f"{number(entry['age_days'])} days"
        if "timebox_days" in entry:
            age += f" of a {entry['timebox_days']}-day time-box"
            age += " — **over**" if entry["over_timebox"] else ""
        lines.append(f"- {entry['card']} {entry['title']} ({entry['status']}{who}): {age}")
    return [*lines, ""]


def _cycle_lines(report: Report, days: int) -> list[str]:
    times = report["cycle_time"]
    head = f"## Cycle time (cards finished in the last {_plural(days, 'day')})"
    if not times["count"]:
        return [head, "None finished.", ""]
    lines = [
        head,
        f"{_plural(times['count'], 'card')}: median {number(times['median_days'])} days, "
        f"85th percentile {number(times['p85_days'])} days; "
        f"throughput {number(report['throughput_per_week'])} a week.",
        "",
        "| category | finished | median days |",
        "|---|---|---|",
    ]
    for category, row in times["by_category"].items():
        lines.append(f"| {category} | {row['count']} | {number(row['median_days'])} |")
    return [*lines, ""]


def _cumulative_lines(flow: Report, wip: list[Report]) -> list[str]:
    titles = {column["column"]: column["title"] for column in wip}
    columns = flow["columns"]
    lines = [
        "## Cumulative flow (cards per column at the end of each day)",
        "| day | " + " | ".join(_cell(titles.get(c, c)) for c in columns) + " |",
        "|---" * (len(columns) + 1) + "|",
    ]
    for row in flow["days"]:
        counts = " | ".join(str(row["counts"].get(c, 0)) for c in columns)
        lines.append(f"| {_day(row['date'])} | {counts} |")
    return [*lines, ""]


def _flow_advice(report: Report) -> list[str]:
    advice = [
        f"{c['title']} holds {c['count']} cards over its limit of {c['limit']}: "
        "finish before starting more."
        for c in report["wip"]
        if c["over"]
    ]
    over = [e["card"] for e in report["aging"] if e.get("over_timebox")]
    if over:
        advice.append(
            f"{', '.join(over)} ran past the time-box: decide to extend, split or stop, "
            "and record the outcome."
        )
    return advice


def _cell(text: str) -> str:
    """`text` inside a Markdown table cell: a `|` would end the cell."""
    return text.replace("|", "\\|")
