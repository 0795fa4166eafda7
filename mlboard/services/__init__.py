"""Use cases: every change goes through an operation here, with an injected clock."""
