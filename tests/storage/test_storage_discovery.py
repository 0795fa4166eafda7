"""Finding the board the way git finds `.git`: --board, $MLBOARD_BOARD, upwards, else here."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from storage_kit import Ran

from mlboard.storage import BOARD_FILENAME, find_board
from mlboard.storage.discovery import ENV_VAR


@pytest.fixture
def tree(tmp_path: Path) -> dict[str, Path]:
    """root/mlboard.json, root/a/b/ (no board), root/a/b/c/mlboard.json, other/board.json."""
    root = tmp_path / "root"
    deep = root / "a" / "b"
    inner = deep / "c"
    other = tmp_path / "other"
    for folder in (inner, other):
        folder.mkdir(parents=True)
    (root / BOARD_FILENAME).write_text("{}")
    (inner / BOARD_FILENAME).write_text("{}")
    (other / "board.json").write_text("{}")
    return {"root": root, "deep": deep, "inner": inner, "other": other, "tmp": tmp_path}


def test_explicit_board_wins_over_everything(tree: dict[str, Path]) -> None:
    chosen = tree["other"] / "board.json"
    env = {ENV_VAR: str(tree["root"] / BOARD_FILENAME)}
    assert find_board(str(chosen), cwd=tree["inner"], environ=env) == chosen


def test_environment_wins_over_the_nearest_file(tree: dict[str, Path]) -> None:
    env = {ENV_VAR: str(tree["other"] / "board.json")}
    assert find_board(None, cwd=tree["inner"], environ=env) == tree["other"] / "board.json"


def test_empty_environment_variable_is_ignored(tree: dict[str, Path]) -> None:
    found = find_board(None, cwd=tree["inner"], environ={ENV_VAR: ""})
    assert found == tree["inner"] / BOARD_FILENAME


def test_nearest_board_upwards(tree: dict[str, Path]) -> None:
    assert find_board(None, cwd=tree["inner"], environ={}) == tree["inner"] / BOARD_FILENAME
    assert find_board(None, cwd=tree["deep"], environ={}) == tree["root"] / BOARD_FILENAME


def test_no_board_anywhere_means_a_new_one_here(tmp_path: Path) -> None:
    here = tmp_path / "empty"
    here.mkdir()
    assert find_board(None, cwd=here, environ={}) == here / BOARD_FILENAME


def test_a_folder_given_means_its_board_file(tree: dict[str, Path]) -> None:
    assert find_board(str(tree["other"]), cwd=tree["tmp"], environ={}) == (
        tree["other"] / BOARD_FILENAME
    )
    env = {ENV_VAR: str(tree["inner"])}
    assert find_board(None, cwd=tree["tmp"], environ=env) == tree["inner"] / BOARD_FILENAME


def test_relative_paths_are_taken_from_the_current_folder(tree: dict[str, Path]) -> None:
    found = find_board("../../../../other/board.json", cwd=tree["inner"], environ={})
    assert found.resolve() == (tree["other"] / "board.json").resolve()
    env = {ENV_VAR: "c"}
    assert find_board(None, cwd=tree["deep"], environ=env) == tree["inner"] / BOARD_FILENAME


def test_a_folder_named_mlboard_json_is_not_a_board(tmp_path: Path) -> None:
    (tmp_path / "up" / BOARD_FILENAME).mkdir(parents=True)
    here = tmp_path / "up" / "here"
    here.mkdir()
    assert find_board(None, cwd=here, environ={}) == here / BOARD_FILENAME


def test_discovery_order_through_the_cli(tmp_path: Path, cli: Callable[..., Ran]) -> None:
    """One subprocess per rule: the board that answers `check` is the one the rule picks."""
    for name in ("up", "env", "flag"):
        folder = tmp_path / name
        folder.mkdir()
        assert cli("init", "--name", name, cwd=folder).code == 0
    below = tmp_path / "up" / "x" / "y"
    below.mkdir(parents=True)
    env = {ENV_VAR: str(tmp_path / "env")}

    def board_name(*args: str, env: dict[str, str] | None = None) -> str:
        ran = cli(*args, "check", "--json", cwd=below, env=env)
        assert ran.code == 0, ran.err
        return Path(json.loads(ran.out)["board"]).parent.name

    assert board_name() == "up"
    assert board_name(env=env) == "env"
    assert board_name("--board", str(tmp_path / "flag"), env=env) == "flag"
