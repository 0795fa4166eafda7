"""Generate the sample boards `scrum.json` and `kanban.json` from a fixed seed.

Run it from the repository root::

    .venv/bin/python sample_boards/generate.py

Every change goes through mlboard's own services (`BoardService.apply`) with a `FixedClock`
moved forward between steps, so the boards carry a genuine event history from their first day:
burndown, cumulative flow, cycle time, the standup's "since yesterday", estimation accuracy and
metric trends are all computed from it. The output is the same bytes on every run.

The story: a support-ticket routing team ("Support ticket routing", key TR) works in two-week
sprints from September to the end of November 2026; routing accuracy on the frozen holdout rises
from 0.871 (TF-IDF baseline, sprint 1) to 0.911 (ensemble, the active sprint 6). A research team
("Retrieval research", key RR) runs a Kanban board for help-center search experiments.
"""

from __future__ import annotations

import random
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script from a checkout: import mlboard from it
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mlboard.models import Board, ConfusionMatrix
from mlboard.services.cards import (
    add_card,
    block,
    edit_card,
    link,
    log_metrics,
    move_card,
    set_outcome,
    unblock,
)
from mlboard.services.clock import FixedClock
from mlboard.services.draft import Draft, Operation
from mlboard.services.history import salts_from
from mlboard.services.notes import add_retro_note, reserve_gpu
from mlboard.services.resources import (
    add_dataset,
    add_person,
    add_pipeline,
    add_pool,
    configure_column,
    set_dataset,
    set_pipeline,
)
from mlboard.services.session import BoardService, bind
from mlboard.services.sprints import close_sprint, commit_cards, new_sprint, start_sprint
from mlboard.storage import BoardRepository

SEED = 20260902
FOLDER = Path(__file__).resolve().parent
NOW = datetime(2026, 11, 26, 11, 0, tzinfo=UTC)  # the boards' history ends before this moment


def at(text: str) -> datetime:
    """``"2026-09-09 10:00"`` as an aware UTC datetime."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


# --- the script runner ---------------------------------------------------------------------


@dataclass(order=True)
class _Action:
    when: datetime
    order: int
    run: Callable[[], object] = field(compare=False)


class Script:
    """Schedules changes at given times, then applies them in time order through the service.

    Cards are named by a symbolic key (``"baseline"``) until they exist; their ids (``TR-7``)
    are handed out by the service in creation order. Each action is jittered by a few minutes
    from the seeded generator, and times only ever move forward.
    """

    def __init__(self, path: Path, board: Board, start: datetime, seed: int) -> None:
        BoardRepository(path).create(board)
        self.clock = FixedClock(start)
        self.service = BoardService(BoardRepository(path), clock=self.clock)
        self.rng = random.Random(seed)
        self.ids: dict[str, str] = {}
        self.warnings: list[str] = []
        self._actions: list[_Action] = []

    # scheduling ----------------------------------------------------------------------

    def schedule(self, when: datetime, run: Callable[[], object]) -> None:
        self._actions.append(_Action(when, len(self._actions), run))

    def apply(self, label: str, operation: Operation) -> str | None:
        result = self.service.apply(label, operation)
        self.warnings.extend(f"{self.clock.at:%Y-%m-%d %H:%M} {w}" for w in result.warnings)
        return result.subject

    def call(
        self, when: datetime, label: str, op: Callable[..., Draft], *args: Any, **kw: Any
    ) -> None:
        """A board-level operation whose arguments name no card."""
        self.schedule(when, lambda: self.apply(label, bind(op, *args, **kw)))

    def local(self, when: datetime, label: str, make: Callable[[], Operation]) -> None:
        """An operation built when it runs (so it can look card ids up)."""
        self.schedule(when, lambda: self.apply(label, make()))

    def run(self) -> None:
        last = self.clock.at
        day = last.date()
        for action in sorted(self._actions):
            jitter = timedelta(minutes=self.rng.randint(0, 14), seconds=self.rng.randint(0, 59))
            step = timedelta(minutes=self.rng.randint(1, 3), seconds=self.rng.randint(0, 59))
            when = max(action.when + jitter, last + step)
            if when.date() != day:
                self.service.flush()  # one write per working day, as a team would leave it
                day = when.date()
            self.clock.advance(when - self.clock.at)
            action.run()
            last = when
        assert last < NOW, f"history runs past {NOW}: {last}"
        self.service.flush()

    # card operations -------------------------------------------------------------------

    def card(self, key: str) -> str:
        return self.ids[key]

    def add(self, when: datetime, key: str, spec: Mapping[str, Any], **overrides: Any) -> None:
        fields = {**spec, **overrides}
        title = fields.pop("title")
        category = fields.pop("category")
        depends = fields.pop("depends", ())

        def run() -> None:
            if depends:
                fields["depends_on"] = [self.ids[k] for k in depends]
            card_id = self.apply(f"add {key}", bind(add_card, title, category, **fields))
            assert card_id is not None
            self.ids[key] = card_id

        self.schedule(when, run)

    def move(self, when: datetime, key: str, column: str) -> None:
        self.schedule(when, lambda: self.apply("move", bind(move_card, self.ids[key], column)))

    def flow(self, key: str, *steps: tuple[datetime, str]) -> None:
        for when, column in steps:
            self.move(when, key, column)

    def edit(self, when: datetime, key: str, **fields: Any) -> None:
        self.schedule(when, lambda: self.apply("edit", bind(edit_card, self.ids[key], **fields)))

    def link(self, when: datetime, key: str, on: str) -> None:
        self.schedule(when, lambda: self.apply("link", bind(link, self.ids[key], self.ids[on])))

    def block(
        self, when: datetime, key: str, kind: str, note: str, eta: date | None = None
    ) -> None:
        self.schedule(
            when, lambda: self.apply("block", bind(block, self.ids[key], kind, note, eta))
        )

    def unblock(self, when: datetime, key: str, kind: str) -> None:
        self.schedule(when, lambda: self.apply("unblock", bind(unblock, self.ids[key], kind)))

    def log(
        self,
        when: datetime,
        key: str,
        values: Mapping[str, float],
        dataset: str = "holdout",
        note: str = "",
    ) -> None:
        self.schedule(
            when,
            lambda: self.apply(
                "log", bind(log_metrics, self.ids[key], dict(values), dataset, note)
            ),
        )

    def outcome(self, when: datetime, key: str, outcome: str, note: str) -> None:
        self.schedule(
            when, lambda: self.apply("outcome", bind(set_outcome, self.ids[key], outcome, note))
        )

    def analysis(
        self,
        when: datetime,
        key: str,
        failures: Sequence[str] = (),
        confusion: ConfusionMatrix | None = None,
    ) -> None:
        """Failure-analysis notes and a confusion matrix."""

        def operation() -> Operation:
            card = self.ids[key]
            return lambda board, now: edit_card(
                board, now, card, failures=[*board.card(card).failures, *failures],
                **({"confusion": confusion} if confusion is not None else {}),
            )  # fmt: skip

        self.local(when, "failure analysis", operation)

    # sprint operations -----------------------------------------------------------------

    def commit(self, when: datetime, keys: Iterable[str]) -> None:
        names = list(keys)
        self.schedule(
            when,
            lambda: self.apply("sprint add", bind(commit_cards, [self.ids[k] for k in names])),
        )

    def close(self, when: datetime, notes: Mapping[str, str], carry_to: str = "next") -> None:
        self.schedule(
            when,
            lambda: self.apply(
                "sprint close",
                bind(close_sprint, carry_to, {self.ids[k]: v for k, v in notes.items()}),
            ),
        )

    def retro(
        self, when: datetime, sprint: str, person: str, kind: str, text: str, card: str = ""
    ) -> None:
        self.local(
            when,
            "retro note",
            lambda: bind(
                add_retro_note, text, kind, sprint, person, self.ids[card] if card else None
            ),
        )


# --- Scrum: support ticket routing -----------------------------------------------------------

SPRINT_ONE = date(2026, 9, 9)  # a Wednesday; sprints run Wednesday to Tuesday, 14 days


def sprint_start(number: int) -> date:
    return SPRINT_ONE + timedelta(days=14 * (number - 1))


def wd(sprint: int, day: int, hm: str = "10:00") -> datetime:
    """Working day `day` (0 = the sprint's first day) of `sprint`, at `hm` UTC."""
    current = sprint_start(sprint)
    count = -1
    while True:
        if current.weekday() < 5:
            count += 1
            if count == day:
                break
        current += timedelta(days=1)
    hour, minute = (int(x) for x in hm.split(":"))
    return datetime(current.year, current.month, current.day, hour, minute, tzinfo=UTC)


TEAM = (
    ("priya", "Priya Raman", ["product-owner"]),
    ("marcus", "Marcus Hale", ["scrum-master"]),
    ("lena", "Lena Vogt", ["ml-engineer"]),
    ("tomas", "Tomás Ortega", ["ml-engineer"]),
    ("aisha", "Aisha Bello", ["data-engineer"]),
    ("kenji", "Kenji Mori", ["data-engineer", "ml-engineer"]),
    ("rosa", "Rosa Delgado", ["domain-expert"]),
    ("sam", "Sam Okafor", ["analyst"]),
)

ROUTING_QUEUES = ("account", "billing", "technical", "shipping", "legal")

S: dict[str, dict[str, Any]] = {
    # data ------------------------------------------------------------------------------
    "ingest_q3": {
        "title": "Ingest Q3 support tickets from the Zendesk export",
        "category": "data",
        "description": "Pull Jul–Sep tickets (≈412k) from the nightly Zendesk export bucket into "
        "the lake: one row per ticket with the first customer message, the queue it was "
        "resolved in, channel, product and locale.",
        "points": 3,
        "assignee": "aisha",
        "roles": ["data-engineer"],
        "datasets": ["tickets-2026q3"],
    },
    "validate_q3": {
        "title": "Validate the Q3 ticket export: schema, duplicates, empty bodies",
        "category": "data",
        "description": "Great Expectations suite on the export: required columns, one queue per "
        "ticket, no duplicate ticket ids across daily files, body not empty after trimming.",
        "points": 3,
        "assignee": "kenji",
        "roles": ["data-engineer"],
        "depends": ["ingest_q3"],
        "datasets": ["tickets-2026q3"],
    },
    "clean_text": {
        "title": "Clean ticket text: strip signatures, quoted replies, HTML and PII",
        "category": "data",
        "description": "Email tickets carry whole reply chains and signatures; keep the first "
        "customer message only. Mask emails, phone numbers and order ids before anything "
        "leaves the lake.",
        "points": 5,
        "assignee": "aisha",
        "roles": ["data-engineer"],
        "depends": ["validate_q3"],
        "datasets": ["tickets-2026q3"],
    },
    "holdout_q3": {
        "title": "Freeze the Q3 holdout: 5k tickets stratified by queue",
        "category": "data",
        "description": "Sample 5,000 tickets stratified by queue and channel, have support leads "
        "confirm the final queue, and freeze it. Every model is compared on this set.",
        "points": 3,
        "assignee": "sam",
        "roles": ["analyst"],
        "depends": ["validate_q3"],
        "datasets": ["holdout-q3"],
    },
    "label_guide_v2": {
        "title": "Labeling guideline v2: split billing into dispute, refund and invoice",
        "category": "data",
        "description": "Half of the baseline's billing errors are refund requests. Rewrite the "
        "guideline with examples so that labelers and the router agree on the boundaries.",
        "points": 3,
        "assignee": "rosa",
        "roles": ["domain-expert"],
    },
    "relabel": {
        "title": "Relabel 3k ambiguous tickets (billing vs account) with support leads",
        "category": "data",
        "description": "Tickets where two labelers disagreed or the router v1 was least sure, "
        "relabeled under guideline v2 by the labeling vendor and spot-checked by Rosa.",
        "points": 5,
        "assignee": "rosa",
        "roles": ["domain-expert"],
        "depends": ["label_guide_v2"],
        "datasets": ["labeled-intents-v2"],
    },
    "backfill_sep": {
        "title": "Backfill Sep 24–28 tickets lost in the truncated export",
        "category": "data",
        "description": "The Zendesk API changed its pagination and the export stopped at 100k "
        "rows for five days. Re-export those days and re-run validation.",
        "points": 2,
        "assignee": "aisha",
        "roles": ["data-engineer"],
        "datasets": ["tickets-2026q3"],
    },
    "pii_audit": {
        "title": "Audit the PII scrub on 500 random cleaned tickets",
        "category": "data",
        "description": "Manual check requested by legal before ticket text goes to the GPU "
        "cluster: count missed emails, phone numbers, addresses and card numbers.",
        "points": 2,
        "assignee": "kenji",
        "roles": ["data-engineer"],
        "depends": ["clean_text"],
    },
    "fix_channel": {
        "title": "Fix the feature build after the CRM renamed channel to source_channel",
        "category": "data",
        "description": "The CRM export renamed its `channel` column on Nov 5; the feature build "
        "fails on the missing column. Map both names and add a schema check upstream.",
        "points": 2,
        "assignee": "aisha",
        "roles": ["data-engineer"],
        "datasets": ["ticket-features"],
    },
    "drift_oct": {
        "title": "Label-drift report: October queue mix vs the Q3 training data",
        "category": "data",
        "description": "Shipping tickets grew from 11% to 17% of volume after the carrier "
        "change. Check whether the holdout still represents live traffic.",
        "points": 2,
        "assignee": "sam",
        "roles": ["analyst"],
        "datasets": ["tickets-2026q4"],
    },
    "holdout_nov": {
        "title": "Request a fresh November holdout from support ops",
        "category": "data",
        "description": "3,000 November tickets, queue confirmed by support leads, to check the "
        "router on traffic after the carrier change and the new refund policy.",
        "points": 2,
        "assignee": "sam",
        "roles": ["analyst"],
        "datasets": ["holdout-nov"],
    },
    "drift_nov": {
        "title": "Label-drift check: November queue mix vs labeled-intents-v2",
        "category": "data",
        "description": "Repeat the October drift report on November traffic; flag queues whose "
        "share moved by more than 3 points.",
        "points": 2,
        "assignee": "sam",
        "roles": ["analyst"],
        "datasets": ["tickets-2026q4"],
    },
    "es_pt_labels": {
        "title": "Label 2k Spanish and Portuguese tickets for the multilingual router",
        "category": "data",
        "description": "9% of tickets are Spanish or Portuguese and route worst (accuracy 0.79 on "
        "that slice). Needs a support lead who reads both languages to check labels.",
        "points": 3,
        "assignee": "kenji",
        "roles": ["domain-expert"],
        "datasets": ["tickets-es-pt"],
    },
    "dup_tickets": {
        "title": "Investigate duplicate tickets opened on two channels",
        "category": "data",
        "description": "Customers who email and then chat create two tickets; count them and "
        "decide whether to drop the second one from training.",
        "points": 2,
    },
    "holdout_refresh": {
        "title": "Quarterly holdout refresh process",
        "category": "data",
        "description": "Write down how a new holdout is sampled, labeled and frozen each quarter, "
        "so trends stay comparable across refreshes.",
        "points": 3,
    },
    # engineering -----------------------------------------------------------------------
    "features_v1": {
        "title": "Feature pipeline: TF-IDF plus ticket metadata (channel, product, locale)",
        "category": "engineering",
        "description": "Batch job producing the ticket-features table consumed by training and "
        "by the serving path, so both compute features the same way.",
        "points": 5,
        "assignee": "kenji",
        "roles": ["data-engineer"],
        "depends": ["clean_text"],
        "datasets": ["tickets-2026q3", "ticket-features"],
    },
    "eval_harness": {
        "title": "Evaluation harness: accuracy, macro-F1, per-queue precision/recall with CIs",
        "category": "engineering",
        "description": "One command scores a model on the frozen holdout, prints 95% bootstrap "
        "confidence intervals and logs the results to the board with `mlboard log`.",
        "points": 5,
        "assignee": "tomas",
        "roles": ["ml-engineer"],
        "depends": ["holdout_q3"],
    },
    "deploy_v1": {
        "title": "Deploy router v1 behind /route in shadow mode",
        "category": "engineering",
        "description": "Serve the baseline next to the manual triage for two weeks; agents keep "
        "routing by hand, we log what the router would have done.",
        "points": 5,
        "assignee": "tomas",
        "roles": ["ml-engineer"],
        "depends": ["baseline", "eval_harness"],
    },
    "tokens": {
        "title": "Tokenized-text features for transformer models",
        "category": "engineering",
        "description": "Pre-tokenize cleaned tickets (max 256 tokens, head+tail truncation) into "
        "sharded Arrow files on the GPU cluster's scratch volume.",
        "points": 3,
        "assignee": "kenji",
        "roles": ["ml-engineer"],
        "depends": ["clean_text"],
        "datasets": ["tickets-2026q3"],
    },
    "canary_v2": {
        "title": "Canary router v2 (DistilBERT) on 10% of email tickets",
        "category": "engineering",
        "description": "Route 10% of email tickets with v2 for a week; agents re-route by hand "
        "when it is wrong, which is our online accuracy signal.",
        "points": 5,
        "assignee": "tomas",
        "roles": ["ml-engineer"],
        "depends": ["distilbert", "deploy_v1"],
        "criteria": ["accuracy>=0.88@canary"],
    },
    "latency": {
        "title": "Serve the transformer router under p95 150 ms on CPU (ONNX, int8)",
        "category": "engineering",
        "description": "The routing API runs on CPU nodes; export to ONNX, quantize to int8 and "
        "measure p95 at 40 requests per second in shadow.",
        "points": 5,
        "assignee": "tomas",
        "roles": ["ml-engineer"],
        "depends": ["deberta"],
        "criteria": ["latency_p95_ms<150@shadow"],
    },
    "monitor": {
        "title": "Daily accuracy monitor on agent-corrected tickets",
        "category": "engineering",
        "description": "Every ticket an agent re-routes is a labeled error; a daily job reports "
        "online accuracy per queue and alerts below 0.85.",
        "points": 3,
        "assignee": "kenji",
        "roles": ["data-engineer"],
    },
    "rollout_v3": {
        "title": "Roll out router v3 (DeBERTa, labels v2) to all queues",
        "category": "engineering",
        "description": "Replace v2 on every channel after a week of canary; keep v2 warm for a "
        "one-command rollback.",
        "points": 5,
        "assignee": "tomas",
        "roles": ["ml-engineer"],
        "depends": ["relabel_exp", "latency"],
        "criteria": ["accuracy>=0.90@holdout"],
    },
    "confusion_deck": {
        "title": "Per-queue confusion matrix in the weekly review deck",
        "category": "engineering",
        "description": "Support leads asked to see which queues get confused with which; render "
        "it from the evaluation harness output.",
        "points": 2,
        "assignee": "sam",
        "roles": ["analyst"],
        "depends": ["eval_harness"],
    },
    "triage_queue": {
        "title": "Send low-confidence tickets to the human triage queue",
        "category": "engineering",
        "description": "Tickets under the confidence threshold chosen in the calibration "
        "experiment go to triage instead of a queue.",
        "points": 3,
        "assignee": "tomas",
        "roles": ["ml-engineer"],
        "depends": ["confidence"],
    },
    "eval_nov": {
        "title": "Evaluate router v3 and the ensemble on holdout-nov",
        "category": "engineering",
        "description": "Run the harness on the November holdout for both models; the rollout "
        "decision for the ensemble waits on it.",
        "points": 3,
        "assignee": "lena",
        "roles": ["ml-engineer"],
        "depends": ["holdout_nov", "ensemble"],
        "datasets": ["holdout-nov"],
        "criteria": ["accuracy>=0.90@holdout-nov"],
    },
    "runbook": {
        "title": "On-call runbook for the routing service",
        "category": "engineering",
        "description": "Alerts, dashboards, rollback to the previous model, and who to call in "
        "support ops when the triage queue grows.",
        "points": 2,
        "assignee": "tomas",
        "roles": ["ml-engineer"],
    },
    "gpu_calendar": {
        "title": "Show the shared A100 reservation calendar in sprint planning",
        "category": "engineering",
        "description": "Retro action from sprint 5: two training runs waited on the search "
        "team's reservation. Record reservations on the sprint so planning sees them.",
        "points": 1,
        "assignee": "marcus",
        "roles": ["scrum-master"],
    },
    "deploy_ensemble": {
        "title": "Deploy ensemble router v4 behind /route (shadow first)",
        "category": "engineering",
        "description": "Two models in one container doubles the memory; shadow for a week, then "
        "switch if online accuracy holds.",
        "points": 5,
        "assignee": "tomas",
        "roles": ["ml-engineer"],
        "depends": ["eval_nov"],
    },
    "chat_channel": {
        "title": "Route chat tickets too (email and web form only today)",
        "category": "engineering",
        "description": "Chat messages are shorter and arrive in pieces; route on the first "
        "three messages or after 60 seconds.",
        "points": 8,
    },
    "explain": {
        "title": "Show agents the top phrases behind a routing decision",
        "category": "engineering",
        "description": "Support leads want to see why a ticket went where it went; start with "
        "token attributions for the TF-IDF half of the ensemble.",
        "points": 5,
    },
    # tech debt -------------------------------------------------------------------------
    "notebook_preproc": {
        "title": "Move notebook-only preprocessing into the training package",
        "category": "tech-debt",
        "description": "Lowercasing and URL masking happen in a notebook cell that serving does "
        "not run: train/serve skew waiting to happen.",
        "points": 3,
        "assignee": "lena",
        "roles": ["ml-engineer"],
    },
    "retry_ingest": {
        "title": "Retry and alert on partial Zendesk exports",
        "category": "tech-debt",
        "description": "Retro action from sprint 2: compare row counts with the API's total and "
        "fail loudly instead of writing a short file.",
        "points": 2,
        "assignee": "aisha",
        "roles": ["data-engineer"],
    },
    "pin_tokenizer": {
        "title": "Pin tokenizer and model versions across training and serving",
        "category": "tech-debt",
        "description": "Serving pulled a newer tokenizer revision than training used; pin both "
        "by hash and check it at container start.",
        "points": 2,
        "assignee": "lena",
        "roles": ["ml-engineer"],
    },
    "flaky_ingest": {
        "title": "Fix the flaky ingest integration test (timezone of export dates)",
        "category": "tech-debt",
        "description": "Fails between 00:00 and 02:00 UTC because the export is named in "
        "Europe/Berlin time.",
        "points": 1,
        "assignee": "aisha",
        "roles": ["data-engineer"],
    },
    "seeds": {
        "title": "Make training runs reproducible: seeds, cuDNN determinism, data order",
        "category": "tech-debt",
        "description": "Two runs of the same config differed by 0.4 points; we cannot tell a "
        "real gain from noise that way.",
        "points": 2,
        "assignee": "lena",
        "roles": ["ml-engineer"],
    },
    "gpu_tags": {
        "title": "Tag GPU jobs with card ids for the cost report",
        "category": "tech-debt",
        "description": "Finance asks what each experiment cost; pass the card id as a job label "
        "and sum GPU hours per card.",
        "points": 1,
        "assignee": "tomas",
        "roles": ["ml-engineer"],
    },
    "pandas2": {
        "title": "Migrate the feature pipeline off pandas 1.5",
        "category": "tech-debt",
        "description": "Blocks the Python 3.12 upgrade of the data images.",
        "points": 3,
        "roles": ["data-engineer"],
    },
    "bucket_cleanup": {
        "title": "Delete stale experiment artifacts (2.1 TB) from the model bucket",
        "category": "tech-debt",
        "description": "Keep checkpoints of adopted models and the last run of every card.",
        "points": 1,
    },
    # experiments -----------------------------------------------------------------------
    "baseline": {
        "title": "Baseline router: TF-IDF + logistic regression",
        "category": "experiment",
        "description": "The simplest model that could work, to know what every later idea has "
        "to beat.",
        "points": 3,
        "assignee": "lena",
        "roles": ["ml-engineer"],
        "depends": ["features_v1", "holdout_q3"],
        "datasets": ["tickets-2026q3", "holdout-q3"],
        "criteria": ["accuracy>=0.85@holdout", "macro_f1>0.75@holdout"],
        "hypothesis": "A linear model on TF-IDF and ticket metadata routes at least 85% of "
        "tickets to the right queue.",
        "method": "Train on tickets-2026q3 (5-fold CV for C), score once on the frozen 5k holdout.",
        "conclusive": "Accuracy on the holdout with a 95% bootstrap CI narrower than ±1 point.",
    },
    "distilbert": {
        "title": "Fine-tune DistilBERT on labeled-intents-v1",
        "category": "experiment",
        "description": "First transformer router; small enough to serve on CPU if it pays off.",
        "points": 8,
        "assignee": "lena",
        "roles": ["ml-engineer"],
        "depends": ["tokens", "eval_harness"],
        "datasets": ["labeled-intents-v1", "holdout-q3"],
        "gpu_hours": 36,
        "pool": "a100",
        "criteria": ["accuracy>0.88@holdout", "macro_f1>0.80@holdout"],
        "hypothesis": "A fine-tuned DistilBERT beats the TF-IDF baseline by at least 1 point "
        "of accuracy, mostly on long email tickets.",
        "method": "3–4 epochs, lr sweep {2e-5, 5e-5}, max 256 tokens; holdout accuracy and "
        "macro-F1 with paired bootstrap against the baseline.",
        "conclusive": "Paired bootstrap p < 0.05 on holdout accuracy, or two sprints spent.",
        "timebox": 2,
    },
    "class_weights": {
        "title": "Class-weighted loss for the rare queues (billing-dispute, legal)",
        "category": "experiment",
        "description": "Legal and billing-dispute are 4% of tickets and the baseline's worst "
        "queues.",
        "points": 3,
        "assignee": "tomas",
        "roles": ["ml-engineer"],
        "depends": ["baseline"],
        "datasets": ["tickets-2026q3", "holdout-q3"],
        "gpu_hours": 12,
        "pool": "a100",
        "criteria": ["macro_f1>0.81@holdout", "accuracy>=0.866@holdout"],
        "hypothesis": "Inverse-frequency class weights raise macro-F1 by 2 points while "
        "losing at most half a point of accuracy.",
        "method": "Same model and split as the baseline, weights from training frequencies.",
        "conclusive": "Macro-F1 and accuracy CIs on the holdout both clear of the thresholds.",
    },
    "metadata": {
        "title": "Add customer plan tier and product area as model inputs",
        "category": "experiment",
        "description": "Enterprise customers write about SSO and invoices; free users about "
        "passwords. The CRM knows the tier.",
        "points": 3,
        "assignee": "lena",
        "roles": ["ml-engineer"],
        "depends": ["distilbert"],
        "datasets": ["ticket-features", "holdout-q3"],
        "gpu_hours": 10,
        "pool": "a100",
        "hypothesis": "Plan tier and product area add at least 0.5 point of accuracy.",
        "method": "DistilBERT with two metadata embeddings concatenated to [CLS]; paired "
        "bootstrap on the holdout.",
        "conclusive": "CI of the accuracy difference excludes 0.",
    },
    "translate": {
        "title": "Machine-translate non-English tickets before routing",
        "category": "experiment",
        "description": "9% of tickets are Spanish or Portuguese; the router sees English in "
        "training almost only.",
        "points": 3,
        "assignee": "tomas",
        "roles": ["ml-engineer"],
        "datasets": ["holdout-q3"],
        "criteria": ["accuracy>0.85@holdout-non-english"],
        "hypothesis": "Translating non-English tickets to English lifts accuracy on that slice "
        "from 0.79 to above 0.85.",
        "method": "Translate the 451 non-English holdout tickets with the vendor API, route "
        "with router v1, compare on the slice and overall.",
        "conclusive": "Slice accuracy CI above 0.85, at an added p95 latency under 200 ms.",
    },
    "deberta": {
        "title": "DeBERTa-v3-base encoder for the router",
        "category": "experiment",
        "description": "Larger encoder, same data; the question is whether the gain pays for "
        "the serving cost.",
        "points": 8,
        "assignee": "lena",
        "roles": ["ml-engineer"],
        "depends": ["distilbert"],
        "datasets": ["labeled-intents-v1", "holdout-q3"],
        "gpu_hours": 80,
        "pool": "a100",
        "criteria": ["accuracy>=0.89@holdout", "macro_f1>0.83@holdout"],
        "hypothesis": "DeBERTa-v3-base adds at least one point of accuracy over DistilBERT.",
        "method": "4 epochs on 8×A100, lr 2e-5, two seeds; paired bootstrap against router v2.",
        "conclusive": "Both seeds above 0.89 on the holdout with the CI of the gain above 0.",
    },
    "llm_zero_shot": {
        "title": "Zero-shot routing with an instruction-tuned LLM",
        "category": "experiment",
        "description": "If a prompted LLM routes as well as a trained model, we drop the "
        "labeling loop altogether.",
        "points": 5,
        "assignee": "tomas",
        "roles": ["ml-engineer"],
        "datasets": ["holdout-q3"],
        "gpu_hours": 20,
        "pool": "a100",
        "criteria": ["accuracy>=0.89@holdout", "latency_p95_ms<500@offline-bench"],
        "hypothesis": "A 8B instruction-tuned model with queue descriptions in the prompt "
        "matches router v2's accuracy without task-specific training.",
        "method": "Prompt with the queue descriptions from the support wiki, constrained "
        "decoding to queue names, score the holdout.",
        "conclusive": "Accuracy within one point of v2 at p95 latency under 500 ms.",
    },
    "relabel_exp": {
        "title": "Retrain DeBERTa on labeled-intents-v2 (guideline v2 relabels)",
        "category": "experiment",
        "description": "Same model as v3, better labels: how much of the remaining error is "
        "label noise?",
        "points": 5,
        "assignee": "lena",
        "roles": ["ml-engineer"],
        "depends": ["relabel", "deberta"],
        "datasets": ["labeled-intents-v2", "ticket-features", "holdout-q3"],
        "gpu_hours": 40,
        "pool": "a100",
        "criteria": ["accuracy>=0.90@holdout", "macro_f1>0.85@holdout"],
        "hypothesis": "Relabeled billing/account tickets cut billing↔account confusions by a "
        "third and lift accuracy to 0.90.",
        "method": "Retrain the v3 recipe on labels v2; holdout accuracy, macro-F1 and the "
        "billing/account confusion count.",
        "conclusive": "Accuracy CI above 0.895 and fewer billing↔account errors than v3.",
    },
    "active_learning": {
        "title": "Active learning: label the 2k tickets the router is least sure about",
        "category": "experiment",
        "description": "Spend the next labeling budget where the model is uncertain instead of "
        "at random.",
        "points": 5,
        "assignee": "lena",
        "roles": ["ml-engineer", "domain-expert"],
        "depends": ["deberta"],
        "datasets": ["tickets-2026q4", "holdout-q3"],
        "gpu_hours": 16,
        "pool": "a100",
        "hypothesis": "2k uncertainty-sampled labels help more than 2k random ones.",
        "method": "Two retrains of v3 (+2k uncertain, +2k random) on the same split; paired "
        "bootstrap between them.",
        "conclusive": "CI of the difference excludes 0.",
    },
    "confidence": {
        "title": "Confidence threshold: send low-confidence tickets to human triage",
        "category": "experiment",
        "description": "The source of the PO's ask: better no routing than a wrong one on "
        "legal and billing-dispute tickets.",
        "points": 3,
        "assignee": "tomas",
        "roles": ["ml-engineer"],
        "depends": ["relabel_exp"],
        "datasets": ["holdout-q3"],
        "criteria": ["precision>0.92@holdout", "recall>0.85@holdout"],
        "hypothesis": "Temperature-scaled v3 can auto-route 85% of tickets with precision "
        "above 0.92.",
        "method": "Calibrate on the validation split, sweep the threshold, report precision "
        "and recall of the auto-routed share on the holdout.",
        "conclusive": "A threshold with precision>0.92 at recall>0.85 on the holdout, or none.",
    },
    "distill": {
        "title": "Distil the DeBERTa router into a 6-layer student for CPU serving",
        "category": "experiment",
        "description": "v3 meets the latency budget only with int8 and two CPU replicas more "
        "than planned.",
        "points": 5,
        "assignee": "tomas",
        "roles": ["ml-engineer"],
        "depends": ["relabel_exp"],
        "datasets": ["labeled-intents-v2", "holdout-q3"],
        "gpu_hours": 60,
        "pool": "a100",
        "criteria": ["accuracy>=0.895@holdout", "latency_p95_ms<60@shadow"],
        "hypothesis": "A 6-layer student keeps accuracy within 0.7 point of v3 at half the "
        "p95 latency.",
        "method": "Logit distillation on labels v2 plus 200k unlabeled Q4 tickets; holdout "
        "accuracy and p95 in shadow.",
        "conclusive": "Accuracy ≥ 0.895 and p95 < 60 ms, or two sprints spent.",
        "timebox": 2,
    },
    "ensemble": {
        "title": "Ensemble router v3 + TF-IDF baseline (weighted vote)",
        "category": "experiment",
        "description": "The baseline is right on 38% of the tickets v3 gets wrong, mostly short "
        "web-form tickets with product codes.",
        "points": 5,
        "assignee": "lena",
        "roles": ["ml-engineer"],
        "depends": ["relabel_exp"],
        "datasets": ["labeled-intents-v2", "holdout-q3"],
        "gpu_hours": 24,
        "pool": "a100",
        "criteria": ["accuracy>=0.91@holdout", "macro_f1>0.86@holdout"],
        "hypothesis": "A weighted vote of v3 and the TF-IDF model reaches 91% accuracy on the "
        "holdout.",
        "method": "Weights tuned on the validation split; holdout accuracy and macro-F1 with "
        "bootstrap CIs; error review of the disagreements with support leads.",
        "conclusive": "Accuracy ≥ 0.91 on the holdout, confirmed on holdout-nov.",
    },
    "kb_context": {
        "title": "Use help-center article retrieval as extra router context",
        "category": "experiment",
        "description": "Retrieve the three closest help-center articles and feed their "
        "categories to the router.",
        "points": 5,
        "assignee": "kenji",
        "roles": ["ml-engineer"],
        "depends": ["relabel_exp"],
        "datasets": ["kb-article-embeddings", "holdout-q3"],
        "gpu_hours": 30,
        "pool": "a100",
        "hypothesis": "Article categories of the nearest help-center articles add 0.5 point "
        "of accuracy on technical and shipping tickets.",
        "method": "v3 with the top-3 article categories appended; paired bootstrap on the "
        "holdout, per-queue breakdown.",
        "conclusive": "CI of the gain on technical+shipping excludes 0.",
    },
    "multilingual": {
        "title": "Multilingual encoder (XLM-R) for Spanish and Portuguese tickets",
        "category": "experiment",
        "description": "Translation was too slow; try one model for all languages.",
        "points": 8,
        "assignee": "lena",
        "roles": ["ml-engineer"],
        "depends": ["es_pt_labels"],
        "datasets": ["tickets-es-pt", "holdout-q3"],
        "gpu_hours": 70,
        "pool": "a100",
        "hypothesis": "XLM-R-base routes Spanish and Portuguese tickets as well as English ones.",
    },
    "hierarchical": {
        "title": "Two-stage routing: department first, then queue",
        "category": "experiment",
        "description": "Most errors stay inside a department; a first stage could be very "
        "accurate and the second one specialised.",
        "points": 5,
        "assignee": "tomas",
        "roles": ["ml-engineer"],
        "depends": ["relabel_exp"],
        "datasets": ["labeled-intents-v2", "holdout-q3"],
        "gpu_hours": 50,
        "pool": "a100",
        "hypothesis": "Department-then-queue routing beats flat routing on macro-F1 by 1 point.",
        "method": "Two DeBERTa heads sharing the encoder; paired bootstrap against the ensemble.",
        "conclusive": "CI of the macro-F1 gain excludes 0 on the holdout.",
    },
    "focal": {
        "title": "Focal loss instead of class weights for the rare queues",
        "category": "experiment",
        "description": "Follow-up of the eliminated class-weight experiment.",
        "points": 3,
        "roles": ["ml-engineer"],
        "datasets": ["labeled-intents-v2", "holdout-q3"],
        "gpu_hours": 20,
        "pool": "a100",
        "hypothesis": "Focal loss (γ=2) lifts macro-F1 by a point without the accuracy loss "
        "class weights caused.",
        "method": "Retrain v3 with focal loss, two seeds, paired bootstrap.",
        "conclusive": "Macro-F1 gain CI above 0 and accuracy within 0.3 point.",
    },
}

CONFUSION_V3 = ConfusionMatrix(
    labels=ROUTING_QUEUES,
    counts=(
        (1265, 70, 45, 15, 5),
        (66, 1160, 44, 24, 6),
        (50, 33, 1375, 36, 6),
        (10, 25, 30, 582, 3),
        (7, 12, 3, 0, 128),
    ),
)
CONFUSION_ENSEMBLE = ConfusionMatrix(
    labels=ROUTING_QUEUES,
    counts=(
        (1276, 66, 40, 13, 5),
        (58, 1171, 43, 22, 6),
        (50, 29, 1388, 29, 4),
        (9, 21, 27, 590, 3),
        (6, 11, 3, 0, 130),
    ),
)


def scrum_script(s: Script) -> None:
    setup = date(2026, 9, 2)

    def day(offset: int, hm: str) -> datetime:
        return at(f"{setup + timedelta(days=offset)} {hm}")

    # --- week 0: the team sets the board up ------------------------------------------------
    for i, (handle, name, roles) in enumerate(TEAM):
        s.call(day(0, f"09:{10 + i:02d}"), "person add", add_person, handle, roles, name=name)
    s.call(day(0, "09:30"), "compute add", add_pool, "a100", 120)
    s.call(day(0, "09:40"), "pipeline add", add_pipeline, "ticket-ingest",
           ["tickets-2026q3", "tickets-2026q4"])  # fmt: skip
    s.call(day(0, "09:45"), "pipeline add", add_pipeline, "labeling-export",
           ["labeled-intents-v1", "labeled-intents-v2"])  # fmt: skip
    s.call(day(0, "09:50"), "pipeline add", add_pipeline, "holdout-sampler",
           ["holdout-q3", "holdout-nov"])  # fmt: skip
    s.call(day(0, "09:55"), "pipeline add", add_pipeline, "feature-build", ["ticket-features"])
    s.call(day(0, "10:00"), "pipeline add", add_pipeline, "kb-embedder", ["kb-article-embeddings"])
    s.call(day(0, "10:05"), "dataset set", set_dataset, "labeled-intents-v1", "validated")
    s.call(day(0, "10:06"), "dataset set", set_dataset, "tickets-2026q3", "requested")
    s.call(day(0, "10:07"), "dataset set", set_dataset, "kb-article-embeddings", "available")
    s.call(day(0, "10:20"), "column", configure_column, "doing", wip=5)
    s.call(day(0, "10:21"), "column", configure_column, "review", wip=3)

    # product backlog, written by the PO with the team
    for i, key in enumerate(["ingest_q3", "validate_q3", "clean_text", "holdout_q3"]):
        s.add(day(0, f"14:{i * 10:02d}"), key, S[key])
    for i, key in enumerate(["features_v1", "eval_harness", "baseline", "deploy_v1"]):
        s.add(day(1, f"11:{i * 10:02d}"), key, S[key])
    for i, key in enumerate(["tokens", "distilbert", "label_guide_v2", "notebook_preproc"]):
        s.add(day(2, f"15:{i * 10:02d}"), key, S[key])
    for i, key in enumerate(["chat_channel", "explain", "pandas2", "dup_tickets"]):
        s.add(day(5, f"10:{i * 10:02d}"), key, S[key])
    s.call(day(1, "08:40"), "pipeline set", set_pipeline, "ticket-ingest", "ok",
           note="first full Q3 export so far: 388,102 tickets (Jul 1 – Sep 2)")  # fmt: skip
    s.call(day(1, "08:45"), "dataset set", set_dataset, "tickets-2026q3", "available")

    # --- sprint 1: baseline ----------------------------------------------------------------
    s.call(wd(1, 0, "10:00"), "sprint new", new_sprint, name="Baseline",
           goal="A reproducible baseline router, measured on a frozen Q3 holdout",
           start=sprint_start(1), days=14, measurable_goal="accuracy>=0.87@holdout")  # fmt: skip
    s.commit(wd(1, 0, "10:30"), ["ingest_q3", "validate_q3", "clean_text", "holdout_q3",
             "features_v1", "eval_harness", "baseline", "deploy_v1"])  # fmt: skip
    s.call(wd(1, 0, "11:00"), "sprint start", start_sprint)
    s.flow("ingest_q3", (wd(1, 0, "11:30"), "doing"), (wd(1, 1, "15:00"), "review"),
           (wd(1, 2, "09:40"), "done"))  # fmt: skip
    s.call(wd(1, 2, "09:45"), "pipeline set", set_pipeline, "ticket-ingest", "ok",
           note="Q3 complete: 412,318 tickets")  # fmt: skip
    s.flow("eval_harness", (wd(1, 1, "10:30"), "doing"), (wd(1, 4, "16:00"), "review"),
           (wd(1, 5, "11:00"), "done"))  # fmt: skip
    s.flow("validate_q3", (wd(1, 2, "10:15"), "doing"), (wd(1, 3, "14:00"), "review"),
           (wd(1, 3, "16:30"), "done"))  # fmt: skip
    s.call(wd(1, 3, "16:35"), "dataset set", set_dataset, "tickets-2026q3", "validated")
    s.flow("holdout_q3", (wd(1, 3, "10:00"), "doing"), (wd(1, 4, "15:00"), "review"),
           (wd(1, 5, "09:30"), "done"))  # fmt: skip
    s.block(
        wd(1, 4, "09:50"),
        "holdout_q3",
        "review",
        "Waiting for two support leads to confirm the queue of 312 disputed tickets",
    )
    s.unblock(wd(1, 4, "14:45"), "holdout_q3", "review")
    s.call(wd(1, 5, "09:35"), "pipeline set", set_pipeline, "holdout-sampler", "ok",
           note="holdout-q3 frozen: 5,000 tickets, seed 7")  # fmt: skip
    s.call(wd(1, 5, "09:36"), "dataset set", set_dataset, "holdout-q3", "validated")
    s.flow("clean_text", (wd(1, 3, "16:40"), "doing"), (wd(1, 5, "15:00"), "review"),
           (wd(1, 6, "10:00"), "done"))  # fmt: skip
    s.flow("features_v1", (wd(1, 6, "10:30"), "doing"), (wd(1, 7, "11:00"), "review"),
           (wd(1, 7, "15:30"), "done"))  # fmt: skip
    s.call(wd(1, 7, "15:35"), "pipeline set", set_pipeline, "feature-build", "ok",
           note="ticket-features v1: tf-idf 50k terms + 3 metadata fields")  # fmt: skip
    s.call(wd(1, 7, "15:36"), "dataset set", set_dataset, "ticket-features", "available")
    s.flow("baseline", (wd(1, 7, "16:00"), "doing"), (wd(1, 8, "15:00"), "review"),
           (wd(1, 9, "10:30"), "done"))  # fmt: skip
    s.log(wd(1, 8, "14:30"), "baseline",
          {"accuracy": 0.871, "macro_f1": 0.792, "precision": 0.884, "recall": 0.861},
          note="tf-idf 50k + LR C=4; 95% CI accuracy ±0.9 pt")  # fmt: skip
    s.log(wd(1, 8, "14:31"), "baseline", {"accuracy": 0.866, "macro_f1": 0.781}, "validation")
    s.outcome(wd(1, 9, "10:35"), "baseline", "adopted",
              "Adopted as router v1 and the baseline every later experiment is compared with. "
              "Weakest queues: billing-dispute (F1 0.61) and legal (F1 0.55).")  # fmt: skip
    s.analysis(wd(1, 9, "10:40"), "baseline", [
        "billing vs account: 41% of all errors; refund questions asked as account questions",
        "legal: GDPR deletion requests land in account (no 'legal' vocabulary in them)",
        "web-form tickets under 12 words: accuracy 0.74 vs 0.90 above",
    ])  # fmt: skip
    s.flow("deploy_v1", (wd(1, 9, "11:00"), "doing"))
    s.block(wd(1, 9, "11:10"), "deploy_v1", "other",
            "Platform team has to create the /route namespace and service account")  # fmt: skip
    # refinement for sprint 2, then review and close
    for i, key in enumerate(["class_weights"]):
        s.add(wd(1, 9, f"13:{i * 10:02d}"), key, S[key])
    s.call(wd(1, 9, "14:00"), "sprint new", new_sprint, name="First transformer",
           goal="Beat the baseline with a fine-tuned transformer",
           start=sprint_start(2), days=14, measurable_goal="accuracy>0.88@holdout")  # fmt: skip
    s.commit(wd(1, 9, "14:20"), ["tokens", "distilbert", "class_weights", "label_guide_v2",
             "notebook_preproc"])  # fmt: skip
    s.close(wd(1, 9, "16:30"), {"deploy_v1": "Namespace promised for Thursday; code is ready"})
    s.retro(
        wd(1, 9, "17:00"),
        "S1",
        "aisha",
        "went-well",
        "Ingest to frozen holdout in one sprint; the validation suite caught 2,914 duplicates",
    )
    s.retro(wd(1, 9, "17:02"), "S1", "tomas", "to-improve",
            "Deployment needs platform work we did not ask for at planning")  # fmt: skip

    # --- sprint 2: first transformer -------------------------------------------------------
    s.call(wd(2, 0, "10:30"), "sprint start", start_sprint)
    s.unblock(wd(2, 1, "09:30"), "deploy_v1", "other")
    s.flow("deploy_v1", (wd(2, 2, "15:00"), "review"), (wd(2, 4, "10:00"), "done"))
    s.flow("tokens", (wd(2, 0, "11:00"), "doing"), (wd(2, 2, "16:00"), "review"),
           (wd(2, 3, "09:45"), "done"))  # fmt: skip
    s.flow("distilbert", (wd(2, 1, "10:00"), "doing"))
    s.block(wd(2, 1, "10:05"), "distilbert", "compute",
            "a100 pool fully booked by the search team's re-index until Monday")  # fmt: skip
    s.unblock(wd(2, 3, "09:15"), "distilbert", "compute")
    s.block(wd(2, 4, "11:00"), "distilbert", "training",
            "Run 1 (3 epochs, lr 5e-5) on 4×A100, about 20 hours")  # fmt: skip
    s.unblock(wd(2, 5, "09:20"), "distilbert", "training")
    s.flow("class_weights", (wd(2, 2, "10:00"), "doing"), (wd(2, 5, "16:00"), "review"),
           (wd(2, 6, "14:30"), "done"))  # fmt: skip
    s.log(wd(2, 5, "11:00"), "class_weights",
          {"accuracy": 0.866, "macro_f1": 0.804, "precision": 0.871, "recall": 0.858},
          note="inverse-frequency weights")  # fmt: skip
    s.outcome(wd(2, 6, "14:25"), "class_weights", "eliminated",
              "Macro-F1 +1.2 pt, but accuracy −0.5 pt: agents would see more misroutes on the "
              "big queues. Rare queues need more labels or a loss that does not tax the rest "
              "(focal loss in the backlog).")  # fmt: skip
    s.add(wd(2, 6, "14:40"), "focal", S["focal"])
    s.log(wd(2, 6, "16:00"), "distilbert",
          {"accuracy": 0.874, "macro_f1": 0.801, "precision": 0.886, "recall": 0.866},
          note="run 1: 3 epochs, lr 5e-5, 256 tokens; under the 0.88 target")  # fmt: skip
    # the export breaks on Monday of week 2
    s.call(
        wd(2, 3, "07:30"),
        "pipeline set",
        set_pipeline,
        "ticket-ingest",
        "failing",
        note="Zendesk API pagination change: export stops at 100,000 rows since Sep 24",
    )
    s.add(wd(2, 3, "10:15"), "backfill_sep", S["backfill_sep"], sprint="current")
    s.flow("backfill_sep", (wd(2, 3, "10:20"), "doing"))
    s.block(wd(2, 3, "10:25"), "backfill_sep", "pipeline",
            "ticket-ingest failing; waiting for the cursor-based pagination fix")  # fmt: skip
    s.unblock(wd(2, 4, "16:00"), "backfill_sep", "pipeline")
    s.call(wd(2, 4, "15:50"), "pipeline set", set_pipeline, "ticket-ingest", "ok",
           note="cursor pagination; Sep 24–28 re-exported")  # fmt: skip
    s.flow("backfill_sep", (wd(2, 5, "10:00"), "review"), (wd(2, 5, "15:00"), "done"))
    s.flow("label_guide_v2", (wd(2, 3, "11:00"), "doing"), (wd(2, 7, "10:00"), "review"),
           (wd(2, 9, "09:30"), "done"))  # fmt: skip
    s.flow("notebook_preproc", (wd(2, 5, "10:30"), "doing"), (wd(2, 8, "15:00"), "review"))
    # refinement for sprint 3
    for i, key in enumerate(["canary_v2", "metadata", "translate", "relabel", "pin_tokenizer",
                             "retry_ingest", "pii_audit"]):  # fmt: skip
        s.add(wd(2, 8, f"11:{i * 5:02d}"), key, S[key])
    s.call(wd(2, 9, "14:00"), "sprint new", new_sprint, name="Router v2",
           goal="DistilBERT router v2 in canary on email tickets",
           start=sprint_start(3), days=14, measurable_goal="accuracy>0.88@holdout")  # fmt: skip
    s.commit(wd(2, 9, "14:15"), ["canary_v2", "metadata", "translate", "relabel",
             "pin_tokenizer", "retry_ingest", "pii_audit"])  # fmt: skip
    s.close(wd(2, 9, "16:30"), {
        "distilbert": "Run 1 at 0.874; run 2 with lr 2e-5 and 4 epochs planned, time-box 2 sprints",
        "notebook_preproc": "In review, two comments left",
    })  # fmt: skip
    s.retro(wd(2, 9, "17:00"), "S2", "aisha", "to-improve",
            "The truncated export went unnoticed for four days", "retry_ingest")  # fmt: skip
    s.retro(wd(2, 9, "17:01"), "S2", "marcus", "action",
            "Alert on partial exports (row count vs API total)", "retry_ingest")  # fmt: skip
    s.retro(wd(2, 9, "17:03"), "S2", "lena", "went-well",
            "Eliminating class weights took three days thanks to the harness")  # fmt: skip

    # --- sprint 3: router v2 ---------------------------------------------------------------
    s.call(wd(3, 0, "10:30"), "sprint start", start_sprint)
    s.flow("notebook_preproc", (wd(3, 0, "14:00"), "done"))
    s.flow("metadata", (wd(3, 0, "11:00"), "doing"), (wd(3, 3, "10:00"), "review"),
           (wd(3, 3, "15:00"), "done"))  # fmt: skip
    s.log(wd(3, 1, "09:40"), "metadata", {"accuracy": 0.876, "macro_f1": 0.803},
          note="run-1 recipe + plan tier + product area")  # fmt: skip
    s.flow("translate", (wd(3, 0, "11:10"), "doing"), (wd(3, 4, "10:00"), "review"),
           (wd(3, 5, "10:00"), "done"))  # fmt: skip
    s.log(wd(3, 1, "16:00"), "translate", {"accuracy": 0.803}, "holdout-non-english",
          note="451 Spanish/Portuguese tickets, translated, router v1")  # fmt: skip
    s.log(wd(3, 1, "16:01"), "translate", {"accuracy": 0.872},
          note="overall with translation; +410 ms p95 per non-English ticket")  # fmt: skip
    s.log(wd(3, 2, "11:00"), "distilbert",
          {"accuracy": 0.883, "macro_f1": 0.812, "precision": 0.893, "recall": 0.874},
          note="run 2: 4 epochs, lr 2e-5; paired bootstrap vs v1 p=0.003")  # fmt: skip
    s.flow("distilbert", (wd(3, 2, "11:10"), "review"), (wd(3, 3, "11:00"), "done"))
    s.outcome(wd(3, 3, "11:05"), "distilbert", "adopted",
              "Adopted as router v2: +1.2 pt accuracy over v1 (p=0.003). Gains on long email "
              "tickets; short web-form tickets unchanged.")  # fmt: skip
    s.outcome(wd(3, 3, "15:05"), "metadata", "inconclusive",
              "−0.7 pt vs run 1 with the same recipe, inside the ±0.9 pt CI. Plan tier is "
              "missing for 31% of tickets; retry once the CRM join is fixed.")  # fmt: skip
    s.outcome(wd(3, 5, "10:05"), "translate", "eliminated",
              "Slice accuracy 0.79 → 0.80 only, +410 ms p95 and a new vendor. Revisit with a "
              "multilingual encoder instead.")  # fmt: skip
    s.call(wd(3, 5, "10:15"), "dataset add", add_dataset, "tickets-es-pt", "missing",
           "labeling-export")  # fmt: skip
    s.add(wd(3, 5, "10:20"), "es_pt_labels", S["es_pt_labels"])
    s.add(wd(3, 5, "10:25"), "multilingual", S["multilingual"])
    s.flow("retry_ingest", (wd(3, 1, "10:00"), "doing"), (wd(3, 3, "16:00"), "review"),
           (wd(3, 4, "11:00"), "done"))  # fmt: skip
    s.flow("pin_tokenizer", (wd(3, 2, "11:30"), "doing"), (wd(3, 4, "15:00"), "review"),
           (wd(3, 5, "14:00"), "done"))  # fmt: skip
    s.flow("pii_audit", (wd(3, 4, "10:00"), "doing"), (wd(3, 6, "16:00"), "review"),
           (wd(3, 7, "10:00"), "done"))  # fmt: skip
    s.flow("canary_v2", (wd(3, 4, "10:30"), "doing"), (wd(3, 6, "11:00"), "review"))
    s.block(wd(3, 6, "11:05"), "canary_v2", "review",
            "Security review of the new model container (CVE scan, base image)")  # fmt: skip
    s.unblock(wd(3, 8, "09:30"), "canary_v2", "review")
    s.flow("canary_v2", (wd(3, 8, "10:00"), "done"))
    s.log(wd(3, 9, "09:00"), "canary_v2", {"accuracy": 0.886}, "canary",
          note="first 4 days, 2,310 email tickets, agent re-routes as errors")  # fmt: skip
    s.flow("relabel", (wd(3, 1, "11:00"), "doing"))
    s.call(wd(3, 1, "11:05"), "dataset set", set_dataset, "labeled-intents-v2", "requested")
    s.block(
        wd(3, 2, "10:00"),
        "relabel",
        "data",
        "Labeling vendor delivers batch 1 (1.5k tickets) on Oct 22",
        date(2026, 10, 22),
    )
    for i, key in enumerate(["deberta", "llm_zero_shot", "latency", "flaky_ingest"]):
        s.add(wd(3, 8, f"14:{i * 5:02d}"), key, S[key])
    s.call(wd(3, 9, "14:00"), "sprint new", new_sprint, name="Bigger encoder",
           goal="Stronger encoder and cleaner labels: 89% on the holdout",
           start=sprint_start(4), days=14, measurable_goal="accuracy>=0.89@holdout")  # fmt: skip
    s.commit(wd(3, 9, "14:15"), ["deberta", "llm_zero_shot", "latency", "flaky_ingest",
             "explain"])  # fmt: skip
    s.close(wd(3, 9, "16:30"), {"relabel": "Vendor batch due Oct 22; guideline v2 signed off"})
    s.retro(wd(3, 9, "17:00"), "S3", "rosa", "went-well",
            "Guideline v2 examples made labelers agree 94% of the time (was 81%)")  # fmt: skip
    s.retro(
        wd(3, 9, "17:01"),
        "S3",
        "tomas",
        "to-improve",
        "Security review found late: ask for it when a container changes, not at deploy",
    )

    # --- sprint 4: bigger encoder ----------------------------------------------------------
    s.call(wd(4, 0, "10:30"), "sprint start", start_sprint)
    s.unblock(wd(4, 1, "09:10"), "relabel", "data")
    s.call(wd(4, 1, "09:15"), "dataset set", set_dataset, "labeled-intents-v2", "available")
    s.flow("relabel", (wd(4, 3, "15:00"), "review"), (wd(4, 4, "11:00"), "done"))
    s.edit(wd(4, 2, "09:30"), "explain", sprint="backlog")  # descoped at standup
    s.flow("explain", (wd(4, 2, "09:31"), "backlog"))
    s.flow("flaky_ingest", (wd(4, 0, "11:00"), "doing"), (wd(4, 1, "15:00"), "review"),
           (wd(4, 2, "10:00"), "done"))  # fmt: skip
    s.flow("deberta", (wd(4, 0, "11:15"), "doing"))
    s.block(
        wd(4, 2, "16:00"),
        "deberta",
        "training",
        "DeBERTa-v3-base, 4 epochs on 8×A100: about 19 hours, seed 1 of 2",
        date(2026, 10, 24),
    )
    s.unblock(wd(4, 3, "09:30"), "deberta", "training")
    s.log(wd(4, 3, "10:00"), "deberta", {"accuracy": 0.889, "macro_f1": 0.828}, note="seed 1")
    s.block(wd(4, 3, "10:30"), "deberta", "compute",
            "Seed 2 queued: the pool has 18 of 120 GPU hours left this sprint")  # fmt: skip
    s.unblock(wd(4, 5, "09:00"), "deberta", "compute")
    s.log(wd(4, 7, "10:00"), "deberta",
          {"accuracy": 0.894, "macro_f1": 0.834, "precision": 0.903, "recall": 0.887},
          note="seed 2; mean of both seeds 0.892")  # fmt: skip
    s.flow("deberta", (wd(4, 7, "10:10"), "review"), (wd(4, 8, "10:00"), "done"))
    s.outcome(wd(4, 8, "10:05"), "deberta", "adopted",
              "Adopted as router v3: +1.1 pt over v2, both seeds above 0.889. Needs int8 on "
              "CPU to meet the latency budget.")  # fmt: skip
    s.flow("llm_zero_shot", (wd(4, 1, "10:00"), "doing"), (wd(4, 4, "16:00"), "review"),
           (wd(4, 5, "14:00"), "done"))  # fmt: skip
    s.log(wd(4, 4, "11:00"), "llm_zero_shot",
          {"accuracy": 0.842, "macro_f1": 0.771},
          note="8B instruct model, constrained decoding; $0.004 per ticket")  # fmt: skip
    s.log(wd(4, 4, "11:01"), "llm_zero_shot", {"latency_p95_ms": 2300}, "offline-bench",
          note="vLLM on one A100, batch 8")  # fmt: skip
    s.outcome(wd(4, 5, "14:05"), "llm_zero_shot", "eliminated",
              "4.1 pt under router v2 and p95 2.3 s. It fails on our own queue names (legal vs "
              "compliance). Not worth another sprint.")  # fmt: skip
    s.flow("latency", (wd(4, 8, "10:30"), "doing"))
    s.log(wd(4, 8, "15:00"), "latency", {"latency_p95_ms": 212}, "shadow", note="fp32 ONNX")
    s.add(wd(4, 8, "16:00"), "monitor", S["monitor"])
    s.add(wd(4, 8, "16:05"), "seeds", S["seeds"])
    for i, key in enumerate(["relabel_exp", "active_learning", "confidence", "distill",
                             "rollout_v3", "drift_oct", "confusion_deck"]):  # fmt: skip
        s.add(wd(4, 9, f"11:{i * 5:02d}"), key, S[key])
    s.call(wd(4, 9, "14:00"), "sprint new", new_sprint, name="Router v3 live",
           goal="Router v3 in production at 90% accuracy on the holdout",
           start=sprint_start(5), days=14, measurable_goal="accuracy>=0.90@holdout")  # fmt: skip
    s.commit(wd(4, 9, "14:15"), ["relabel_exp", "active_learning", "confidence", "distill",
             "rollout_v3", "drift_oct", "confusion_deck", "monitor", "seeds"])  # fmt: skip
    s.close(wd(4, 9, "16:30"), {"latency": "int8 export next; fp32 is at 212 ms"})
    s.call(wd(4, 9, "16:45"), "column", configure_column, "doing", wip=4)
    s.retro(wd(4, 9, "17:00"), "S4", "marcus", "to-improve",
            "Seven cards in progress at once on Oct 28; lowered the WIP limit to 4")  # fmt: skip
    s.retro(wd(4, 9, "17:01"), "S4", "lena", "went-well",
            "Zero-shot LLM eliminated in four days with a clear conclusive rule")  # fmt: skip

    # --- sprint 5: router v3 live ----------------------------------------------------------
    s.call(wd(5, 0, "10:30"), "sprint start", start_sprint)
    s.flow("latency", (wd(5, 3, "15:00"), "review"), (wd(5, 4, "11:00"), "done"))
    s.log(wd(5, 3, "14:30"), "latency", {"latency_p95_ms": 138}, "shadow",
          note="int8 dynamic quantization, 2 replicas")  # fmt: skip
    s.flow("seeds", (wd(5, 0, "11:00"), "doing"), (wd(5, 2, "09:00"), "review"),
           (wd(5, 3, "09:40"), "done"))  # fmt: skip
    s.flow("drift_oct", (wd(5, 3, "15:30"), "doing"), (wd(5, 5, "10:00"), "review"),
           (wd(5, 5, "14:00"), "done"))  # fmt: skip
    s.call(wd(5, 3, "15:35"), "dataset set", set_dataset, "tickets-2026q4", "available")
    s.flow("monitor", (wd(5, 3, "16:00"), "doing"), (wd(5, 6, "11:00"), "review"),
           (wd(5, 7, "10:00"), "done"))  # fmt: skip
    s.flow("relabel_exp", (wd(5, 0, "11:40"), "doing"))
    s.call(
        wd(5, 2, "06:10"),
        "pipeline set",
        set_pipeline,
        "feature-build",
        "failing",
        note="CRM export renamed `channel` to `source_channel`; job fails on missing column",
    )
    s.block(
        wd(5, 2, "09:30"),
        "relabel_exp",
        "pipeline",
        "feature-build failing since this morning; training data for labels v2 not built",
    )
    s.add(wd(5, 2, "09:40"), "fix_channel", S["fix_channel"], sprint="current")
    s.flow("fix_channel", (wd(5, 2, "09:45"), "doing"), (wd(5, 3, "15:05"), "review"),
           (wd(5, 4, "10:00"), "done"))  # fmt: skip
    s.call(wd(5, 4, "10:05"), "pipeline set", set_pipeline, "feature-build", "ok",
           note="maps channel/source_channel; schema check added upstream")  # fmt: skip
    s.unblock(wd(5, 4, "10:10"), "relabel_exp", "pipeline")
    s.flow("active_learning", (wd(5, 0, "11:30"), "doing"), (wd(5, 5, "15:00"), "review"),
           (wd(5, 6, "10:00"), "done"))  # fmt: skip
    s.log(wd(5, 3, "16:00"), "active_learning", {"accuracy": 0.897}, note="v3 + 2k random")
    s.log(wd(5, 5, "11:00"), "active_learning", {"accuracy": 0.899, "macro_f1": 0.842},
          note="v3 + 2k uncertainty-sampled; difference CI [−0.3, +0.7] pt")  # fmt: skip
    s.outcome(wd(5, 6, "10:05"), "active_learning", "inconclusive",
              "+0.2 pt over random sampling, inside the CI; cost 14 h of support-lead time. "
              "Retry with 6k labels if labeling capacity frees up.")  # fmt: skip
    s.log(wd(5, 6, "16:00"), "relabel_exp",
          {"accuracy": 0.902, "macro_f1": 0.851, "precision": 0.911, "recall": 0.896},
          note="labels v2; billing↔account errors 214 → 136")  # fmt: skip
    s.analysis(wd(5, 6, "16:10"), "relabel_exp", [
        "billing vs account: 136 errors (was 214), mostly refunds asked about in the account page",
        "technical vs shipping: 66 errors, tracking-number-only tickets with no text",
        "legal: 22 errors, GDPR deletion requests phrased as account closure",
    ], CONFUSION_V3)  # fmt: skip
    s.flow("relabel_exp", (wd(5, 6, "16:20"), "review"), (wd(5, 7, "11:00"), "done"))
    s.outcome(wd(5, 7, "11:05"), "relabel_exp", "adopted",
              "Labels v2 become the training set of router v3: 0.902 on the holdout, "
              "billing↔account confusions down by a third.")  # fmt: skip
    s.flow("confusion_deck", (wd(5, 7, "11:30"), "doing"), (wd(5, 8, "16:00"), "review"),
           (wd(5, 9, "10:00"), "done"))  # fmt: skip
    s.flow("rollout_v3", (wd(5, 7, "14:00"), "doing"), (wd(5, 9, "11:00"), "review"))
    s.flow("confidence", (wd(5, 5, "10:30"), "doing"))
    s.log(wd(5, 5, "16:30"), "confidence", {"precision": 0.925, "recall": 0.832},
          note="threshold 0.70 (auto-routes 84%)")  # fmt: skip
    s.flow("distill", (wd(5, 7, "11:20"), "doing"))
    s.block(
        wd(5, 7, "15:00"),
        "distill",
        "training",
        "Distillation run on 200k unlabeled Q4 tickets, 28 hours",
        date(2026, 11, 16),
    )
    s.unblock(wd(5, 8, "19:00"), "distill", "training")
    # refinement for sprint 6
    for i, key in enumerate(["ensemble", "kb_context", "triage_queue", "holdout_nov",
                             "eval_nov", "gpu_tags", "runbook", "drift_nov"]):  # fmt: skip
        s.add(wd(5, 8, f"14:{i * 4:02d}"), key, S[key])
    s.call(wd(5, 9, "14:00"), "sprint new", new_sprint, name="Ensemble and triage",
           goal="91% on the holdout with an ensemble; low-confidence tickets go to triage",
           start=sprint_start(6), days=14, measurable_goal="accuracy>=0.91@holdout")  # fmt: skip
    s.commit(wd(5, 9, "14:15"), ["ensemble", "kb_context", "triage_queue", "holdout_nov",
             "eval_nov", "gpu_tags", "runbook", "drift_nov"])  # fmt: skip
    s.close(wd(5, 9, "16:30"), {
        "confidence": "Threshold 0.70 gives precision 0.925 at recall 0.832; sweep lower next",
        "distill": "Student trained; evaluation and latency run pending (sprint 2 of 2)",
        "rollout_v3": "On 100% of email, web form switches Thursday",
    })  # fmt: skip
    s.retro(
        wd(5, 9, "17:00"),
        "S5",
        "tomas",
        "to-improve",
        "Two training runs waited on the search team's A100 reservation",
        "gpu_calendar",
    )
    s.retro(wd(5, 9, "17:01"), "S5", "marcus", "action",
            "Record GPU reservations on the sprint before planning", "gpu_calendar")  # fmt: skip
    s.retro(
        wd(5, 9, "17:03"),
        "S5",
        "aisha",
        "to-improve",
        "Second upstream schema change in two months: need a contract with the CRM team",
    )
    s.add(wd(5, 9, "16:50"), "gpu_calendar", S["gpu_calendar"])

    # --- sprint 6: ensemble and triage (active) ---------------------------------------------
    s.commit(wd(6, 0, "10:00"), ["gpu_calendar"])
    s.local(wd(6, 0, "10:05"), "reserve",
            lambda: bind(reserve_gpu, "S6", "a100", 30,
                         "search-ranking re-index, Nov 23–27"))  # fmt: skip
    s.call(wd(6, 0, "10:30"), "sprint start", start_sprint)
    s.flow("gpu_calendar", (wd(6, 0, "11:00"), "doing"), (wd(6, 1, "11:00"), "done"))
    s.flow("rollout_v3", (wd(6, 3, "10:00"), "done"))
    s.flow("gpu_tags", (wd(6, 1, "11:30"), "doing"), (wd(6, 2, "10:00"), "review"),
           (wd(6, 2, "15:00"), "done"))  # fmt: skip
    s.log(wd(6, 1, "10:30"), "confidence", {"precision": 0.931, "recall": 0.846},
          note="temperature 1.4, threshold 0.62 (auto-routes 88%)")  # fmt: skip
    s.flow("confidence", (wd(6, 1, "10:40"), "review"), (wd(6, 2, "11:00"), "done"))
    s.outcome(wd(6, 2, "11:05"), "confidence", "promising",
              "Precision 0.931 at recall 0.846: recall just misses 0.85. Ship the threshold "
              "behind the triage queue and re-check on holdout-nov.")  # fmt: skip
    s.flow("triage_queue", (wd(6, 5, "16:10"), "doing"))
    s.flow("ensemble", (wd(6, 0, "11:30"), "doing"))
    s.log(wd(6, 2, "16:00"), "ensemble", {"accuracy": 0.907, "macro_f1": 0.853},
          note="equal weights")  # fmt: skip
    s.log(wd(6, 2, "16:30"), "distill", {"accuracy": 0.889},
          note="6-layer student; 0.6 pt short of the target")  # fmt: skip
    s.log(wd(6, 2, "16:31"), "distill", {"latency_p95_ms": 64}, "shadow",
          note="int8 student, 1 replica")  # fmt: skip
    s.analysis(wd(6, 5, "15:50"), "ensemble", [
        "212 holdout tickets where the ensemble and v3 disagree; the ensemble is right on 131",
        "remaining billing↔account errors: 124, mostly refund-status questions",
    ], CONFUSION_ENSEMBLE)  # fmt: skip
    s.log(wd(6, 5, "15:40"), "ensemble",
          {"accuracy": 0.911, "macro_f1": 0.857, "precision": 0.921, "recall": 0.905},
          note="weights 0.7/0.3 tuned on validation; CI ±0.8 pt")  # fmt: skip
    s.flow("ensemble", (wd(6, 5, "16:00"), "review"))
    s.block(wd(6, 5, "16:05"), "ensemble", "review",
            "Rosa reviewing the 212 tickets where the ensemble and v3 disagree")  # fmt: skip
    s.flow("distill", (wd(6, 3, "09:30"), "doing"))
    s.block(wd(6, 3, "09:40"), "distill", "compute",
            "a100 pool full: search-ranking reservation until Nov 27; student v2 queued",
            date(2026, 11, 27))  # fmt: skip
    s.flow("holdout_nov", (wd(6, 1, "14:00"), "doing"))
    s.call(wd(6, 1, "14:05"), "dataset set", set_dataset, "holdout-nov", "requested")
    s.flow("eval_nov", (wd(6, 2, "09:30"), "todo"))
    s.block(wd(6, 2, "09:35"), "eval_nov", "data",
            "holdout-nov not delivered: support ops labeling 3k tickets, due Nov 30",
            date(2026, 11, 30))  # fmt: skip
    s.call(wd(6, 4, "06:20"), "pipeline set", set_pipeline, "kb-embedder", "failing",
           note="OOM since the article dump doubled (18k → 37k articles) on Nov 24")  # fmt: skip
    s.block(wd(6, 4, "09:30"), "kb_context", "pipeline",
            "kb-embedder failing (OOM); kb-article-embeddings are 2 days stale")  # fmt: skip
    s.add(wd(6, 4, "09:45"), "kb_reindex", {
        "title": "Fix kb-embedder OOM: batch the article dump and stream to the index",
        "category": "data",
        "description": "The embedder loads the whole dump in memory. Batch 2k articles at a time "
        "and write the index incrementally.",
        "points": 2, "assignee": "kenji", "roles": ["data-engineer"],
        "datasets": ["kb-article-embeddings"],
    }, sprint="current")  # fmt: skip
    s.link(wd(6, 4, "09:50"), "kb_context", "kb_reindex")
    s.flow("kb_reindex", (wd(6, 5, "09:30"), "doing"))
    s.flow("runbook", (wd(6, 2, "10:30"), "doing"), (wd(6, 4, "16:00"), "review"))
    # planning of sprint 7 started early (refinement on Wednesday)
    s.add(wd(6, 5, "14:00"), "hierarchical", S["hierarchical"])
    s.call(wd(6, 5, "14:30"), "sprint new", new_sprint, name="Ensemble in shadow",
           goal="Ensemble router v4 in shadow on all channels; first multilingual experiment",
           start=sprint_start(7), days=14)  # fmt: skip
    s.commit(wd(6, 5, "14:40"), ["deploy_ensemble", "multilingual", "hierarchical",
             "es_pt_labels"])  # fmt: skip
    s.local(wd(6, 5, "14:45"), "reserve",
            lambda: bind(reserve_gpu, "S7", "a100", 20,
                         "search-ranking quarterly retrain"))  # fmt: skip
    s.add(wd(6, 5, "14:20"), "deploy_ensemble", S["deploy_ensemble"])
    s.add(wd(6, 5, "14:25"), "holdout_refresh", S["holdout_refresh"])
    s.add(wd(6, 5, "14:26"), "bucket_cleanup", S["bucket_cleanup"])
    # Thursday morning, before the standup
    s.log(wd(6, 6, "09:15"), "distill", {"accuracy": 0.893}, "validation",
          note="student v2 warm-started, 1 epoch on the free T4s")  # fmt: skip


# --- Kanban: retrieval research ---------------------------------------------------------------

R: dict[str, dict[str, Any]] = {
    "chunk": {
        "title": "Chunk KB articles into 256-token passages with titles",
        "category": "data",
        "description": "Split the 18k help-center articles on headings, then to 256 tokens with "
        "a 32-token overlap; prefix each passage with the article title.",
        "points": 3, "assignee": "dmitri", "roles": ["data-engineer"],
        "datasets": ["kb-passages-2026"],
    },
    "judgments_v1": {
        "title": "Collect 1.2k graded relevance judgments (judgments-v1)",
        "category": "data",
        "description": "Support leads grade the top-10 passages of 120 real queries on a 0–3 "
        "scale; split 40/80 into dev and test.",
        "points": 5, "assignee": "ines", "roles": ["domain-expert"],
        "datasets": ["judgments-v1"],
    },
    "harness": {
        "title": "Evaluation harness: nDCG@10, MRR@10, Recall@100 with paired bootstrap",
        "category": "engineering",
        "description": "Score any run file against the judgments and compare two runs with a "
        "paired bootstrap; writes results with `mlboard log --from metrics.json`.",
        "points": 3, "assignee": "felix", "roles": ["ml-engineer"],
    },
    "query_sample": {
        "title": "Sample 5k real queries from the help-center search log",
        "category": "data",
        "description": "De-identified, deduplicated, stratified by locale; the pool judgments "
        "and later experiments draw from.",
        "points": 2, "assignee": "dmitri", "roles": ["data-engineer"],
        "datasets": ["query-log-sample"],
    },
    "bm25": {
        "title": "BM25 baseline on KB passages",
        "category": "experiment",
        "description": "Lexical baseline every dense method has to beat.",
        "points": 2, "assignee": "noor", "roles": ["ml-engineer"],
        "depends": ["chunk", "harness"],
        "datasets": ["kb-passages-2026", "judgments-v1"],
        "criteria": ["ndcg_10>0.40@test"],
        "hypothesis": "BM25 with title boosting reaches nDCG@10 of 0.40 on the test queries.",
        "method": "Pyserini BM25 (k1 0.9, b 0.4), title field ×2; score on judgments-v1 test.",
        "conclusive": "A single run with its bootstrap CI; it is the reference.",
    },
    "fix_grade0": {
        "title": "Fix the judgment export dropping grade-0 pairs",
        "category": "tech-debt",
        "description": "Non-relevant pairs were filtered out, inflating every metric by 2–4 "
        "points.",
        "points": 1, "assignee": "felix", "roles": ["ml-engineer"],
    },
    "index_job": {
        "title": "Build the FAISS HNSW index as a pipeline job",
        "category": "engineering",
        "description": "Embed passages and build an HNSW index (M=32, efSearch=128) nightly.",
        "points": 3, "assignee": "dmitri", "roles": ["data-engineer"],
        "depends": ["chunk"],
        "datasets": ["kb-passages-2026", "dense-index-e5"],
    },
    "chunk_size": {
        "title": "Passage size: 256 vs 512 tokens",
        "category": "experiment",
        "description": "Longer passages keep context but dilute the match.",
        "points": 2, "assignee": "noor", "roles": ["ml-engineer"],
        "depends": ["chunk", "harness"],
        "datasets": ["kb-passages-2026", "judgments-v1"],
        "hypothesis": "512-token passages lift BM25 nDCG@10 by a point.",
        "method": "Re-chunk at 512, same BM25 settings, paired bootstrap on dev and test.",
        "conclusive": "Sign of the difference stable across dev and test.",
    },
    "dense_e5": {
        "title": "Dense retrieval with e5-base (off the shelf)",
        "category": "experiment",
        "description": "No fine-tuning yet: does a general-purpose embedder know our product "
        "vocabulary?",
        "points": 3, "assignee": "felix", "roles": ["ml-engineer"],
        "depends": ["index_job", "harness"],
        "datasets": ["dense-index-e5", "judgments-v1"],
        "gpu_hours": 4, "pool": "a100-research",
        "criteria": ["ndcg_10>0.42@test"],
        "hypothesis": "e5-base beats BM25 on nDCG@10 on our queries without fine-tuning.",
        "method": "Embed with the 'query:'/'passage:' prefixes, HNSW top-100, paired bootstrap "
        "vs BM25.",
        "conclusive": "CI of the nDCG@10 difference excludes 0.",
    },
    "hybrid": {
        "title": "Hybrid BM25 + e5 with reciprocal rank fusion",
        "category": "experiment",
        "description": "BM25 wins on product codes, e5 on paraphrases; fuse the two lists.",
        "points": 3, "assignee": "noor", "roles": ["ml-engineer"],
        "depends": ["bm25", "dense_e5"],
        "datasets": ["dense-index-e5", "kb-passages-2026", "judgments-v1"],
        "criteria": ["ndcg_10>0.46@test", "recall_100>0.88@test"],
        "hypothesis": "RRF of BM25 and e5 beats both on nDCG@10 and Recall@100.",
        "method": "RRF with k=60 over top-100 of each; paired bootstrap vs e5.",
        "conclusive": "CI of the gain over e5 excludes 0 on test.",
    },
    "dedupe": {
        "title": "Dedupe near-identical KB articles before indexing",
        "category": "data",
        "description": "Localized copies and per-plan variants of the same article crowd the "
        "top-10 with one answer.",
        "points": 2, "assignee": "dmitri", "roles": ["data-engineer"],
        "depends": ["chunk"],
        "datasets": ["kb-passages-2026"],
    },
    "query_rewrite": {
        "title": "Query rewriting with an LLM before retrieval",
        "category": "experiment",
        "description": "Customers type fragments ('refund not there'); rewrite to a full "
        "question first.",
        "points": 3, "assignee": "felix", "roles": ["ml-engineer"],
        "depends": ["hybrid"],
        "datasets": ["judgments-v1"],
        "gpu_hours": 6, "pool": "a100-research",
        "hypothesis": "LLM-rewritten queries lift hybrid nDCG@10 by a point.",
        "method": "8B instruct model rewrites each test query; hybrid retrieval on the rewrite.",
        "conclusive": "CI of the difference excludes 0, at under 300 ms added latency.",
    },
    "hyde": {
        "title": "HyDE: embed a generated answer instead of the query",
        "category": "experiment",
        "description": "Generate a plausible help-center answer and search with its embedding.",
        "points": 3, "assignee": "noor", "roles": ["ml-engineer"],
        "depends": ["hybrid"],
        "datasets": ["judgments-v1"],
        "gpu_hours": 8, "pool": "a100-research",
        "hypothesis": "HyDE embeddings beat query embeddings in the dense half of the hybrid.",
        "method": "Replace the e5 query embedding with the generated answer's; paired "
        "bootstrap vs hybrid.",
        "conclusive": "CI of the nDCG@10 difference excludes 0.",
    },
    "reranker": {
        "title": "Cross-encoder reranker (MiniLM) on the hybrid top-50",
        "category": "experiment",
        "description": "Rerank the fused list with a small cross-encoder.",
        "points": 5, "assignee": "felix", "roles": ["ml-engineer"],
        "depends": ["hybrid"],
        "datasets": ["judgments-v1"],
        "gpu_hours": 12, "pool": "a100-research",
        "criteria": ["ndcg_10>0.50@test"],
        "hypothesis": "A MiniLM cross-encoder on the top-50 lifts nDCG@10 above 0.50.",
        "method": "ms-marco-MiniLM-L-6 reranker, fine-tuned on judgments dev; scored on test.",
        "conclusive": "nDCG@10 CI above 0.50 on test.",
    },
    "writeup": {
        "title": "Write up hybrid + reranker results for the support-search team",
        "category": "engineering",
        "description": "Two pages: what to ship, measured gains, latency and cost, open risks.",
        "points": 2, "assignee": "hana", "roles": ["product-owner"],
        "depends": ["reranker"],
    },
    "latency_bench": {
        "title": "Latency benchmark: reranker on CPU vs T4",
        "category": "engineering",
        "description": "The search team serves on CPU; measure p95 for top-50 reranking at 20 "
        "QPS on both.",
        "points": 2, "assignee": "felix", "roles": ["ml-engineer"],
        "depends": ["reranker"],
        "criteria": ["p95_ms<100@cpu-bench"],
    },
    "hard_neg": {
        "title": "Hard-negative mining for fine-tuning e5",
        "category": "experiment",
        "description": "Mine negatives from BM25's top-20 that judges graded 0.",
        "points": 3, "assignee": "noor", "roles": ["ml-engineer"],
        "depends": ["hybrid"],
        "datasets": ["judgments-v1", "query-log-sample"],
        "gpu_hours": 10, "pool": "a100-research",
        "criteria": ["ndcg_10>0.50@test"],
        "hypothesis": "Hard negatives lift dense-only nDCG@10 above 0.50.",
        "method": "Contrastive fine-tuning of e5-base, 5 hard negatives per query; dense-only "
        "score on test.",
        "conclusive": "CI of the gain over in-batch negatives excludes 0.",
    },
    "finetune_e5": {
        "title": "Fine-tune e5 on support query→article click pairs",
        "category": "experiment",
        "description": "42k query→clicked-article pairs from the search log as weak labels.",
        "points": 5, "assignee": "noor", "roles": ["ml-engineer"],
        "depends": ["dense_e5", "query_sample"],
        "datasets": ["query-log-sample", "judgments-v1"],
        "gpu_hours": 24, "pool": "a100-research",
        "criteria": ["ndcg_10>0.50@test"],
        "hypothesis": "Click pairs teach e5 our vocabulary: dense-only nDCG@10 above 0.50.",
        "method": "MultipleNegativesRanking loss, 3 epochs; dense-only score on test.",
        "conclusive": "nDCG@10 CI above 0.50, or the time-box ends.",
    },
    "colbert": {
        "title": "ColBERTv2 late interaction instead of single-vector e5",
        "category": "experiment",
        "description": "Token-level matching may handle product codes and error messages better.",
        "points": 5, "assignee": "felix", "roles": ["ml-engineer"],
        "depends": ["dense_e5"],
        "datasets": ["kb-passages-2026", "judgments-v1"],
        "gpu_hours": 30, "pool": "a100-research",
        "hypothesis": "ColBERTv2 beats fine-tuned e5 on nDCG@10 at an index under 4 GB.",
        "method": "PLAID index over the passages; nDCG@10 and index size vs e5.",
        "conclusive": "CI of the nDCG@10 difference excludes 0 with the index under 4 GB.",
        "timebox": 2,
    },
    "matryoshka": {
        "title": "Matryoshka truncation: 768 → 256 dimensions",
        "category": "experiment",
        "description": "A third of the index size if the loss is small.",
        "points": 2, "assignee": "felix", "roles": ["ml-engineer"],
        "depends": ["dense_e5"],
        "datasets": ["judgments-v1"],
        "hypothesis": "Truncating to 256 dims loses under 1 point of nDCG@10.",
        "method": "Truncate and renormalise, rebuild the index, paired bootstrap vs 768.",
        "conclusive": "Upper end of the loss CI under 1 point.",
    },
    "judgments_v2": {
        "title": "Request judgments-v2: 2k graded pairs for Spanish queries",
        "category": "data",
        "description": "Spanish queries are 14% of search traffic and have no judgments.",
        "points": 3, "assignee": "ines", "roles": ["domain-expert"],
        "datasets": ["judgments-v2"],
    },
    "refresh_index": {
        "title": "Refresh the dense index nightly again after the KB CMS migration",
        "category": "engineering",
        "description": "The new CMS exports articles with a different id scheme; the index job "
        "skips them.",
        "points": 2, "assignee": "dmitri", "roles": ["data-engineer"],
        "depends": ["index_job"],
        "datasets": ["dense-index-e5"],
    },
    "multilingual_e5": {
        "title": "Multilingual e5 for Spanish queries",
        "category": "experiment",
        "description": "One embedder for English and Spanish queries against English articles.",
        "points": 3, "assignee": "noor", "roles": ["ml-engineer"],
        "depends": ["judgments_v2"],
        "datasets": ["judgments-v2"],
        "gpu_hours": 6, "pool": "a100-research",
        "hypothesis": "multilingual-e5-base on Spanish queries reaches 90% of the English "
        "nDCG@10.",
        "method": "Same hybrid setup, Spanish test queries from judgments-v2.",
        "conclusive": "Ratio CI above 0.9.",
    },
    "dapt": {
        "title": "Domain-adaptive pretraining of e5 on 400k support tickets",
        "category": "experiment",
        "description": "Continue pretraining on ticket text before contrastive fine-tuning.",
        "points": 5, "assignee": "felix", "roles": ["ml-engineer"],
        "depends": ["finetune_e5"],
        "datasets": ["query-log-sample"],
        "gpu_hours": 40, "pool": "a100-research",
        "hypothesis": "DAPT adds a point of nDCG@10 on top of fine-tuning.",
        "method": "MLM for 1 epoch on tickets, then the fine-tuning recipe; paired bootstrap.",
        "conclusive": "CI of the gain excludes 0.",
    },
    "cost_model": {
        "title": "Cost model for the reranker at 50 QPS",
        "category": "engineering",
        "description": "CPU nodes vs one T4 per region, with the p95 from the benchmark.",
        "points": 2, "assignee": "ines", "roles": ["analyst"],
        "depends": ["latency_bench"],
    },
    "pickle_cache": {
        "title": "Remove the pickle-based index cache",
        "category": "tech-debt",
        "description": "Unpickling untrusted files on shared scratch is a security finding.",
        "points": 1, "assignee": "dmitri", "roles": ["data-engineer"],
    },
    "intent_skip": {
        "title": "Skip retrieval for account actions (reset password, change plan)",
        "category": "experiment",
        "description": "A small intent classifier could answer these with a deep link.",
        "points": 3, "roles": ["ml-engineer"],
        "hypothesis": "20% of queries are account actions a classifier finds at precision 0.95.",
        "method": "Label 500 queries, logistic regression on e5 embeddings.",
        "conclusive": "Precision CI above 0.95 at recall 0.8.",
    },
    "splade": {
        "title": "Learned sparse retrieval (SPLADE) instead of BM25",
        "category": "experiment",
        "description": "Sparse but learned: keeps the inverted index, adds expansion.",
        "points": 5, "roles": ["ml-engineer"],
        "hypothesis": "SPLADE replaces BM25 in the hybrid with a gain on paraphrased queries.",
    },
    "nightly_eval": {
        "title": "Nightly regression eval on a fixed query set",
        "category": "engineering",
        "description": "Catch index or model regressions the morning after.",
        "points": 2, "roles": ["ml-engineer"],
    },
    "faiss_upgrade": {
        "title": "Upgrade faiss to 1.9",
        "category": "tech-debt",
        "description": "Needed for the GPU index build on the new drivers.",
        "points": 1,
    },
    "annot_guide": {
        "title": "Annotator guideline for graded relevance (0–3)",
        "category": "data",
        "description": "Inter-annotator agreement on grade 1 vs 2 was 0.52 (Cohen's κ).",
        "points": 2, "assignee": "ines", "roles": ["domain-expert"],
    },
}  # fmt: skip


def kanban_script(s: Script) -> None:
    for i, (handle, name, roles) in enumerate(
        (
            ("hana", "Hana Kim", ["product-owner"]),
            ("noor", "Noor Haddad", ["ml-engineer"]),
            ("felix", "Felix Brandt", ["ml-engineer"]),
            ("ines", "Inès Moreau", ["domain-expert", "analyst"]),
            ("dmitri", "Dmitri Sokolov", ["data-engineer"]),
        )
    ):
        s.call(at(f"2026-09-01 09:{10 + i:02d}"), "person add", add_person, handle, roles,
               name=name)  # fmt: skip
    s.call(at("2026-09-01 09:20"), "compute add", add_pool, "a100-research", 80)
    s.call(at("2026-09-01 09:21"), "pipeline add", add_pipeline, "passage-chunker",
           ["kb-passages-2026"])  # fmt: skip
    s.call(at("2026-09-01 09:22"), "pipeline add", add_pipeline, "judgment-export",
           ["judgments-v1", "judgments-v2"])  # fmt: skip
    s.call(at("2026-09-01 09:23"), "pipeline add", add_pipeline, "query-sampler",
           ["query-log-sample"])  # fmt: skip
    s.call(at("2026-09-01 09:24"), "pipeline add", add_pipeline, "index-build",
           ["dense-index-e5"])  # fmt: skip
    s.call(at("2026-09-01 09:30"), "column", configure_column, "doing", wip=4)
    s.call(at("2026-09-01 09:31"), "column", configure_column, "review", wip=2)

    def card(key: str, created: str, *steps: tuple[str, str], **overrides: Any) -> None:
        s.add(at(created), key, R[key], **overrides)
        s.flow(key, *((at(when), column) for when, column in steps))

    card("chunk", "2026-09-01 10:00", ("2026-09-02 10:00", "todo"),
         ("2026-09-03 09:30", "doing"), ("2026-09-08 15:00", "review"),
         ("2026-09-09 11:00", "done"))  # fmt: skip
    s.call(at("2026-09-09 11:05"), "pipeline set", set_pipeline, "passage-chunker", "ok",
           note="18,204 articles → 96,511 passages")  # fmt: skip
    s.call(at("2026-09-09 11:06"), "dataset set", set_dataset, "kb-passages-2026", "validated")
    card("judgments_v1", "2026-09-01 10:10", ("2026-09-02 10:05", "todo"),
         ("2026-09-04 10:00", "doing"), ("2026-09-17 16:00", "review"),
         ("2026-09-18 10:00", "done"))  # fmt: skip
    s.call(at("2026-09-04 10:05"), "dataset set", set_dataset, "judgments-v1", "requested")
    s.call(at("2026-09-18 10:05"), "pipeline set", set_pipeline, "judgment-export", "ok",
           note="1,214 graded pairs, 120 queries")  # fmt: skip
    s.call(at("2026-09-18 10:06"), "dataset set", set_dataset, "judgments-v1", "validated")
    card("harness", "2026-09-02 11:00", ("2026-09-07 10:00", "doing"),
         ("2026-09-11 15:00", "review"), ("2026-09-14 10:00", "done"))  # fmt: skip
    card("query_sample", "2026-09-03 14:00", ("2026-09-08 10:00", "todo"),
         ("2026-09-10 10:00", "doing"), ("2026-09-15 15:00", "review"),
         ("2026-09-16 11:00", "done"))  # fmt: skip
    s.call(at("2026-09-16 11:05"), "pipeline set", set_pipeline, "query-sampler", "ok",
           note="5,000 queries, Jun–Aug log")  # fmt: skip
    s.call(at("2026-09-16 11:06"), "dataset set", set_dataset, "query-log-sample", "available")
    card("bm25", "2026-09-03 14:10", ("2026-09-09 11:30", "todo"),
         ("2026-09-15 10:00", "doing"), ("2026-09-21 14:00", "review"),
         ("2026-09-22 10:00", "done"))  # fmt: skip
    s.log(at("2026-09-18 15:00"), "bm25", {"ndcg_10": 0.438, "mrr_10": 0.409, "recall_100": 0.802},
          "test", note="before the grade-0 fix")  # fmt: skip
    card("fix_grade0", "2026-09-21 10:00", ("2026-09-21 10:30", "doing"),
         ("2026-09-23 16:00", "review"), ("2026-09-24 10:00", "done"))  # fmt: skip
    s.log(at("2026-09-24 11:00"), "bm25", {"ndcg_10": 0.412, "mrr_10": 0.386, "recall_100": 0.781},
          "test", note="judgments with grade-0 pairs restored")  # fmt: skip
    s.outcome(at("2026-09-24 11:10"), "bm25", "adopted",
              "Reference run for every later experiment: nDCG@10 0.412 on test.")  # fmt: skip
    card("index_job", "2026-09-08 10:00", ("2026-09-14 10:00", "todo"),
         ("2026-09-16 10:00", "doing"), ("2026-09-23 11:00", "review"),
         ("2026-09-25 10:00", "done"))  # fmt: skip
    s.call(at("2026-09-25 10:05"), "pipeline set", set_pipeline, "index-build", "ok",
           note="HNSW M=32, 96,511 vectors, 290 MB")  # fmt: skip
    s.call(at("2026-09-25 10:06"), "dataset set", set_dataset, "dense-index-e5", "available")
    card("chunk_size", "2026-09-10 16:00", ("2026-09-22 10:00", "todo"),
         ("2026-09-23 10:00", "doing"), ("2026-10-01 10:00", "review"),
         ("2026-10-02 10:00", "done"))  # fmt: skip
    s.log(at("2026-09-30 15:00"), "chunk_size", {"ndcg_10": 0.381, "recall_100": 0.772}, "test",
          note="512-token passages")  # fmt: skip
    s.outcome(at("2026-10-02 10:05"), "chunk_size", "eliminated",
              "512 tokens lose 3.1 points of nDCG@10 on dev and test alike; keep 256.")  # fmt: skip
    card("dense_e5", "2026-09-08 10:10", ("2026-09-22 10:10", "todo"),
         ("2026-09-25 11:00", "doing"), ("2026-10-02 15:00", "review"),
         ("2026-10-05 10:00", "done"))  # fmt: skip
    s.log(at("2026-10-01 16:00"), "dense_e5",
          {"ndcg_10": 0.447, "mrr_10": 0.421, "recall_100": 0.842}, "test")  # fmt: skip
    s.outcome(at("2026-10-05 10:05"), "dense_e5", "promising",
              "+3.5 points over BM25 (CI [+1.2, +5.9]); loses on product codes and error "
              "strings, where BM25 wins. Worth fusing and fine-tuning.")  # fmt: skip
    card("hybrid", "2026-10-01 11:00", ("2026-10-05 10:10", "todo"),
         ("2026-10-06 10:00", "doing"), ("2026-10-13 14:00", "review"),
         ("2026-10-16 10:00", "done"))  # fmt: skip
    s.log(at("2026-10-12 15:00"), "hybrid",
          {"ndcg_10": 0.481, "mrr_10": 0.455, "recall_100": 0.897}, "test",
          note="RRF k=60")  # fmt: skip
    s.outcome(at("2026-10-16 10:05"), "hybrid", "adopted",
              "Best of both: +3.4 points over e5, Recall@100 0.897. New first stage.")  # fmt: skip
    card("dedupe", "2026-09-28 10:00", ("2026-10-01 10:00", "todo"),
         ("2026-10-05 11:00", "doing"), ("2026-10-12 11:00", "review"),
         ("2026-10-14 10:00", "done"))  # fmt: skip
    s.call(at("2026-10-07 06:30"), "pipeline set", set_pipeline, "passage-chunker", "failing",
           note="CMS export timeout after 10k articles")  # fmt: skip
    s.block(at("2026-10-07 09:30"), "dedupe", "pipeline",
            "passage-chunker failing: no fresh passages to dedupe")  # fmt: skip
    s.call(at("2026-10-09 14:00"), "pipeline set", set_pipeline, "passage-chunker", "ok",
           note="paged CMS export")  # fmt: skip
    s.unblock(at("2026-10-09 14:10"), "dedupe", "pipeline")
    card("query_rewrite", "2026-10-05 15:00", ("2026-10-13 10:00", "todo"),
         ("2026-10-14 10:00", "doing"), ("2026-10-23 10:00", "review"),
         ("2026-10-27 10:00", "done"))  # fmt: skip
    s.log(at("2026-10-22 16:00"), "query_rewrite", {"ndcg_10": 0.467, "p95_ms": 640}, "test",
          note="rewritten queries, hybrid retrieval")  # fmt: skip
    s.outcome(at("2026-10-27 10:05"), "query_rewrite", "eliminated",
              "−1.4 points vs plain hybrid and +600 ms: rewrites drop the product codes "
              "customers type.")  # fmt: skip
    s.add(at("2026-10-15 11:00"), "annot_guide", R["annot_guide"])
    card("hyde", "2026-10-08 10:00", ("2026-10-16 10:30", "todo"),
         ("2026-10-19 10:00", "doing"), ("2026-10-30 11:00", "review"),
         ("2026-11-03 10:00", "done"))  # fmt: skip
    s.log(at("2026-10-28 15:00"), "hyde", {"ndcg_10": 0.486, "recall_100": 0.901}, "test",
          note="CI of the difference vs hybrid [−0.7, +1.7]")  # fmt: skip
    s.outcome(at("2026-11-03 10:05"), "hyde", "inconclusive",
              "+0.5 point, CI straddles 0 on 80 test queries. Not worth 400 ms until "
              "judgments-v2 gives us more queries.")  # fmt: skip
    card("reranker", "2026-10-14 10:00", ("2026-10-16 10:40", "todo"),
         ("2026-10-28 10:00", "doing"), ("2026-11-09 10:00", "review"),
         ("2026-11-12 10:00", "done"))  # fmt: skip
    s.block(at("2026-10-30 10:00"), "reranker", "compute",
            "a100-research booked by the DAPT pilot until Monday")  # fmt: skip
    s.unblock(at("2026-11-02 09:30"), "reranker", "compute")
    s.log(at("2026-11-06 15:00"), "reranker",
          {"ndcg_10": 0.523, "mrr_10": 0.501, "recall_100": 0.897}, "test",
          note="MiniLM-L-6, top-50")  # fmt: skip
    s.outcome(
        at("2026-11-12 10:05"),
        "reranker",
        "adopted",
        "+4.2 points over hybrid, first run above 0.50. Goes to the search team.",
    )
    card("hard_neg", "2026-10-20 11:00", ("2026-10-28 10:10", "todo"),
         ("2026-11-04 10:00", "doing"), ("2026-11-25 11:00", "review"))  # fmt: skip
    s.log(at("2026-11-18 16:00"), "hard_neg", {"ndcg_10": 0.509}, "test", note="3 negatives")
    s.log(at("2026-11-24 16:00"), "hard_neg", {"ndcg_10": 0.516, "recall_100": 0.871}, "test",
          note="5 negatives, dense only")  # fmt: skip
    card("finetune_e5", "2026-10-20 11:10", ("2026-10-28 10:20", "todo"),
         ("2026-11-02 10:00", "doing"))  # fmt: skip
    s.log(at("2026-11-16 16:00"), "finetune_e5", {"ndcg_10": 0.498, "recall_100": 0.866}, "test",
          note="epoch 3; dense only")  # fmt: skip
    s.log(at("2026-11-26 09:20"), "finetune_e5", {"ndcg_10": 0.503, "recall_100": 0.874}, "test",
          note="epoch 5, lr 1e-5; dense only")  # fmt: skip
    s.add(at("2026-10-30 11:00"), "nightly_eval", R["nightly_eval"])
    s.add(at("2026-11-02 10:00"), "faiss_upgrade", R["faiss_upgrade"])
    card("judgments_v2", "2026-11-02 11:00", ("2026-11-05 10:00", "todo"),
         ("2026-11-10 10:00", "doing"))  # fmt: skip
    s.call(at("2026-11-10 10:05"), "dataset set", set_dataset, "judgments-v2", "requested")
    s.block(at("2026-11-12 10:00"), "judgments_v2", "data",
            "Annotation vendor: Spanish annotators start Dec 1", date(2026, 12, 4))  # fmt: skip
    s.add(at("2026-11-04 15:00"), "intent_skip", R["intent_skip"])
    card("multilingual_e5", "2026-11-05 10:10", ("2026-11-10 10:10", "todo"))
    card("latency_bench", "2026-11-09 10:30", ("2026-11-11 10:10", "todo"),
         ("2026-11-12 10:00", "doing"), ("2026-11-17 10:00", "review"))  # fmt: skip
    s.log(at("2026-11-16 16:00"), "latency_bench", {"p95_ms": 84}, "cpu-bench",
          note="16 vCPU, int8, top-50 at 20 QPS")  # fmt: skip
    s.log(at("2026-11-16 16:01"), "latency_bench", {"p95_ms": 31}, "t4-bench")
    card("pickle_cache", "2026-11-10 10:00", ("2026-11-17 10:00", "todo"))
    card("writeup", "2026-11-12 11:00", ("2026-11-17 11:00", "doing"),
         ("2026-11-19 10:00", "review"), ("2026-11-20 15:00", "done"))  # fmt: skip
    card("dapt", "2026-11-12 14:00", ("2026-11-20 10:00", "todo"))
    card("refresh_index", "2026-11-13 10:00", ("2026-11-20 10:30", "doing"))
    s.call(
        at("2026-11-20 06:00"),
        "pipeline set",
        set_pipeline,
        "index-build",
        "stale",
        note="nightly build skipped since Nov 19: new CMS article ids not recognised",
    )
    s.block(at("2026-11-23 09:40"), "refresh_index", "other",
            "Waiting for the CMS team's mapping from old to new article ids")  # fmt: skip
    card("cost_model", "2026-11-16 10:00", ("2026-11-23 15:30", "todo"))
    card("colbert", "2026-10-27 10:00", ("2026-11-05 10:00", "todo"),
         ("2026-11-19 11:00", "doing"))  # fmt: skip
    s.block(
        at("2026-11-20 10:00"),
        "colbert",
        "compute",
        "a100-research booked by fine-tuning runs until Nov 28",
        date(2026, 11, 28),
    )
    s.add(at("2026-11-18 14:00"), "splade", R["splade"])
    card("matryoshka", "2026-11-19 10:00", ("2026-11-20 10:00", "todo"),
         ("2026-11-25 11:30", "doing"))  # fmt: skip
    s.log(at("2026-11-26 09:40"), "matryoshka", {"ndcg_10": 0.519}, "test",
          note="256 dims, reranked; −0.4 point vs 768")  # fmt: skip


# --- entry points -------------------------------------------------------------------------------


def _build(target: Path, board: Board, start: datetime, seed: int, script: Any) -> list[str]:
    # The random part of event keys, from its own seeded generator (the changes' jitter keeps
    # its sequence), so the files are the same bytes on every run.
    salts = random.Random(f"{seed}-event-keys")
    with (
        tempfile.TemporaryDirectory(prefix="mlboard-sample-") as scratch,
        salts_from(lambda: f"{salts.getrandbits(24):06x}"),
    ):
        path = Path(scratch) / target.name
        runner = Script(path, board, start, seed)
        script(runner)
        runner.run()
        target.write_bytes(path.read_bytes())
    return runner.warnings


def generate(folder: Path) -> None:
    """Write `scrum.json` and `kanban.json` into `folder`, the same bytes on every run."""
    folder.mkdir(parents=True, exist_ok=True)
    _build(
        folder / "scrum.json",
        Board(name="Support ticket routing", key="TR", mode="scrum"),
        at("2026-09-02 09:00"),
        SEED,
        scrum_script,
    )
    _build(
        folder / "kanban.json",
        Board(name="Retrieval research", key="RR", mode="kanban"),
        at("2026-09-01 09:00"),
        SEED + 1,
        kanban_script,
    )


def main() -> None:
    generate(FOLDER)
    for name in ("scrum.json", "kanban.json"):
        board = BoardRepository(FOLDER / name).load().board
        columns = {c.id: 0 for c in board.columns}
        for card in board.cards.values():
            columns[card.status] += 1
        print(
            f"{name}: {len(board.cards)} cards, {len(board.events)} events, "
            f"{len(board.sprints)} sprints; " + ", ".join(f"{k} {v}" for k, v in columns.items())
        )


if __name__ == "__main__":
    main()
