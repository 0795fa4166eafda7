"""Issue 11 / contract §5b: labels on cards, `--label`, `#label` in the filter."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from cli_kit import run_mlboard

from mlboard.models import BadInput, Category
from mlboard.planning.query import CardQuery
from mlboard.services import cards
from mlboard.services.session import BoardService


def test_labels_are_one_word_each_and_set_by_add_and_edit(service: BoardService) -> None:
    card = service.do(cards.add_card, "Tokenizer", "experiment", labels=["nlp", "#q4"]).subject
    assert service.board.card(card or "").labels == ("nlp", "q4")
    service.do(cards.edit_card, card, labels=["vision", "vision"])
    assert service.board.card(card or "").labels == ("vision",)
    with pytest.raises(BadInput, match="one word"):
        service.do(cards.edit_card, card, labels=["two words"])


def test_hash_words_are_categories_or_labels(service: BoardService) -> None:
    a = service.do(cards.add_card, "a", "data", labels=["nlp"]).subject
    service.do(cards.add_card, "b", "experiment", labels=["NLP", "q4"])
    service.do(cards.add_card, "c", "experiment")
    board = service.board
    assert CardQuery.parse("#data").category is Category.DATA
    assert [c.title for c in CardQuery.parse("#nlp").select(board)] == ["a", "b"]
    assert [c.title for c in CardQuery.parse("#experiment #nlp").select(board)] == ["b"]
    assert CardQuery.parse("#q4 @x").describe() == "@x #q4"
    assert a


def test_list_label_through_a_real_process(tmp_path: Path) -> None:
    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        return run_mlboard(*argv, cwd=tmp_path)

    assert run("init").returncode == 0
    assert run("add", "x", "--category", "data", "--label", "nlp").returncode == 0
    assert run("add", "y", "--category", "data").returncode == 0
    listed = json.loads(run("list", "--label", "#nlp", "--json").stdout)
    assert [c["id"] for c in listed] == ["ML-1"] and listed[0]["labels"] == ["nlp"]
    assert "#nlp" in run("list").stdout
    bad = run("add", "z", "--category", "data", "--label", "a b")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "one word" in bad.stderr
