"""Closed vocabularies of the domain."""

from enum import StrEnum


class Category(StrEnum):
    """The swimlanes."""

    DATA = "data"
    EXPERIMENT = "experiment"
    ENGINEERING = "engineering"
    TECH_DEBT = "tech-debt"


class Mode(StrEnum):
    SCRUM = "scrum"
    KANBAN = "kanban"


class BlockerKind(StrEnum):
    DATA = "data"
    TRAINING = "training"
    COMPUTE = "compute"
    PIPELINE = "pipeline"
    REVIEW = "review"
    OTHER = "other"


class Outcome(StrEnum):
    OPEN = "open"
    PROMISING = "promising"
    ELIMINATED = "eliminated"
    INCONCLUSIVE = "inconclusive"
    ADOPTED = "adopted"


class Role(StrEnum):
    DATA_ENGINEER = "data-engineer"
    ML_ENGINEER = "ml-engineer"
    DOMAIN_EXPERT = "domain-expert"
    ANALYST = "analyst"
    PRODUCT_OWNER = "product-owner"
    SCRUM_MASTER = "scrum-master"


class DatasetStatus(StrEnum):
    MISSING = "missing"
    REQUESTED = "requested"
    AVAILABLE = "available"
    VALIDATED = "validated"


class PipelineStatus(StrEnum):
    OK = "ok"
    FAILING = "failing"
    STALE = "stale"


class SprintState(StrEnum):
    PLANNED = "planned"
    ACTIVE = "active"
    CLOSED = "closed"


class EventKind(StrEnum):
    CREATED = "created"
    DELETED = "deleted"
    MOVED = "moved"
    EDITED = "edited"
    BLOCKED = "blocked"
    UNBLOCKED = "unblocked"
    METRIC = "metric"
    COMMITTED = "committed"
    REMOVED = "removed"
    CARRIED = "carried"
    OUTCOME = "outcome"
    LINKED = "linked"
    UNLINKED = "unlinked"
    SPRINT = "sprint"
    BOARD = "board"
    RENUMBERED = "renumbered"  # a merge gave the other branch's card a free number
    RESOLVED = "resolved"  # a merge's conflict record was closed


class Op(StrEnum):
    """Comparison operators of acceptance criteria."""

    GT = ">"
    GE = ">="
    LT = "<"
    LE = "<="
