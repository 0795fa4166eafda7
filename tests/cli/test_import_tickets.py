"""`mlboard import jira|github` through a real process (issue 12 item 5): links become
dependencies, re-imports never duplicate, bad rows are reported by line and skipped whole."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from cli_kit import run_mlboard

pytestmark = pytest.mark.slow

HEADER = [
    "Summary", "Issue key", "Issue Type", "Status", "Assignee", "Custom field (Story Points)",
    "Sprint", "Labels", "Labels", "Description", "Outward issue link (Blocks)",
    "Inward issue link (Blocks)",
]  # fmt: skip
ROWS = [
    ["Ingest raw tickets", "TR-101", "Story", "Done", "ana", "3", "S1", "data", "", "",
     "TR-102", ""],
    ["Clean & dedupe", "TR-102", "Task", "In Progress", "Bo Chen", "2", "S1", "", "", "two\nlines",
     "", "TR-101"],
    ["Fine-tune encoder", "TR-103", "Story", "Selected for Development", "", "5", "", "research",
     "nlp", "", "", "TR-102"],
    ["Broken points", "TR-104", "Bug", "To Do", "", "lots", "", "", "", "", "", ""],
    ["Unknown status", "TR-105", "Bug", "Blocked", "", "", "", "", "", "", "", ""],
    ["", "TR-106", "Bug", "To Do", "", "", "", "", "", "", "", ""],
    ["Waits for a stranger", "TR-107", "Task", "Open", "", "", "", "debt", "", "", "", "XX-1"],
]  # fmt: skip


def jira_csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue()


def run(cwd: Path, *argv: str, code: int = 0) -> str:
    done = run_mlboard(*argv, cwd=cwd)
    assert done.returncode == code, (done.stdout, done.stderr)
    return done.stdout + done.stderr


def by_source(cwd: Path) -> dict[str, dict[str, Any]]:
    cards = json.loads(run(cwd, "list", "--json"))
    return {c["source"]: c for c in cards if c["source"]}


def test_a_jira_export_with_links_imports_twice_without_duplicates(tmp_path: Path) -> None:
    (tmp_path / "jira.csv").write_text(jira_csv(ROWS))
    run(tmp_path, "init", "--key", "ML")
    dry = run(tmp_path, "import", "jira", "jira.csv", "--dry-run")
    assert "7 rows; 4 added, 0 updated, 0 unchanged, 4 skipped (dry run" in dry
    assert by_source(tmp_path) == {}
    out = json.loads(run(tmp_path, "import", "jira", "jira.csv", "--json"))
    assert [a["key"] for a in out["added"]] == ["TR-101", "TR-102", "TR-103", "TR-107"]
    # line numbers count the two-line description of TR-102 (lines 3-4)
    assert out["skipped"] == [
        "line 6: TR-104: story points 'lots' is not a number",
        "line 7: TR-105: status 'Blocked' has no column (map it: --status 'Blocked=COLUMN')",
        "line 8: TR-106: no title",
        "line 9: link to XX-1: not on the board",
    ]
    cards = by_source(tmp_path)
    ingest, clean, tune = cards["jira:TR-101"], cards["jira:TR-102"], cards["jira:TR-103"]
    assert clean["depends_on"] == [ingest["id"]] and tune["depends_on"] == [clean["id"]]
    assert (ingest["status"], clean["status"], tune["status"]) == ("done", "doing", "todo")
    assert (ingest["category"], tune["category"], cards["jira:TR-107"]["category"]) == (
        "data", "experiment", "tech-debt",
    )  # fmt: skip
    assert (clean["assignee"], clean["points"], clean["description"]) == (
        "bo-chen",
        2,
        "two\nlines",
    )
    before = (tmp_path / "mlboard.json").read_bytes()
    again = json.loads(run(tmp_path, "import", "jira", "jira.csv", "--json"))
    assert (again["added"], again["updated"], len(again["unchanged"])) == ([], [], 4)
    assert (tmp_path / "mlboard.json").read_bytes() == before
    assert len(json.loads(run(tmp_path, "list", "--json"))) == 4
    # the maps: the once-bad rows now import, a changed ticket updates its card
    rows = [r[:] for r in ROWS]
    rows[3][5] = "1"
    rows[0][0] = "Ingest raw tickets (v2)"
    (tmp_path / "jira.csv").write_text(jira_csv(rows))
    third = json.loads(run(tmp_path, "import", "jira", "jira.csv", "--json",
                           "--status", "blocked=todo", "--category", "bug=tech-debt"))  # fmt: skip
    assert [a["key"] for a in third["added"]] == ["TR-104", "TR-105"]
    assert [a["category"] for a in third["added"]] == ["tech-debt", "tech-debt"]
    assert [(u["key"], u["changed"]) for u in third["updated"]] == [("TR-101", ["title"])]


def test_github_issues_with_labels_state_and_body_links(tmp_path: Path) -> None:
    issues = [
        {"number": 12, "title": "Label 5k tickets", "body": "", "state": "CLOSED",
         "labels": [{"name": "data"}], "assignees": [{"login": "ana"}], "milestone": None},
        {"number": 14, "title": "Try a distilled encoder", "body": "Blocked by #12.",
         "state": "OPEN", "labels": [{"name": "exp"}], "assignees": [],
         "milestone": {"title": "v2"}},
        {"number": "x", "title": "not an issue"},
    ]  # fmt: skip
    (tmp_path / "issues.json").write_text(json.dumps(issues))
    run(tmp_path, "init")
    out = json.loads(run(tmp_path, "import", "github", "issues.json", "--json",
                         "--category", "exp=experiment", "--status", "open=todo"))  # fmt: skip
    assert out["skipped"] == ["item 3: not an issue of gh issue list --json"]
    cards = by_source(tmp_path)
    label, distil = cards["github:12"], cards["github:14"]
    assert (label["status"], label["category"], label["assignee"]) == ("done", "data", "ana")
    assert (distil["status"], distil["category"]) == ("todo", "experiment")
    assert distil["depends_on"] == [label["id"]]
    again = json.loads(run(tmp_path, "import", "github", "issues.json", "--json",
                           "--category", "exp=experiment", "--status", "open=todo"))  # fmt: skip
    assert (again["added"], again["updated"]) == ([], [])


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("jira", "nope.csv"), "No such file"),
        (("jira", "bad.csv"), "no 'issue key' column"),
        (("jira", "jira.csv", "--status", "Done"), "is not OLD=NEW"),
        (("jira", "jira.csv", "--status", "Done=shipped"), "no column 'shipped'"),
        (("jira", "jira.csv", "--category", "bug=ops"), "not one of"),
        (("github", "bad.csv"), "not valid JSON"),
    ],
)
def test_bad_files_and_maps_are_one_line_and_write_nothing(
    tmp_path: Path, argv: tuple[str, ...], message: str
) -> None:
    (tmp_path / "jira.csv").write_text(jira_csv(ROWS))
    (tmp_path / "bad.csv").write_text("a,b\n1,2\n")
    run(tmp_path, "init")
    before = (tmp_path / "mlboard.json").read_bytes()
    out = run(tmp_path, "import", *argv, code=2)
    assert out.count("\n") == 1 and message in out
    assert (tmp_path / "mlboard.json").read_bytes() == before
