"""Themes and keys from files: built-ins, user themes, broken files reported once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input

from mlboard.package_data import themes_dir
from mlboard.ui.app import MlboardApp
from mlboard.ui.config import load_settings
from mlboard.ui.themes import MLBOARD_VARIABLES, load_themes, parse_theme

AppFactory = Callable[..., MlboardApp]


def test_builtin_themes_load_with_every_mlboard_variable() -> None:
    found = load_themes(themes_dir())
    assert found.problems == ()
    assert {"dark", "light", "high-contrast"} <= set(found.themes)
    for theme in found.themes.values():
        assert set(MLBOARD_VARIABLES) <= set(theme.variables), theme.name


def test_broken_theme_lists_every_problem() -> None:
    text = '[colors]\nprimary = "nope"\nsurface = 3\n[variables]\ncard-blocked = "#zz0000"\n'
    theme, problems = parse_theme("bad", text, "bad.toml")
    assert theme is None
    assert len(problems) == 3 and all(p.startswith("bad.toml") for p in problems)
    assert parse_theme("worse", "[colors", "worse.toml")[0] is None


def test_settings_from_config_and_keys_files(private_config: Path) -> None:
    (private_config / "config.toml").write_text('theme = "light"\n[keys]\n"board.undo" = "U"\n')
    (private_config / "keys.toml").write_text('"board.redo" = ["ctrl+y", "R"]\n')
    settings = load_settings()
    assert settings.theme == "light"
    assert settings.keys == {"board.undo": "U", "board.redo": "ctrl+y,R"}
    assert settings.problems == ()


async def test_user_theme_and_broken_theme_reported_once(
    board_path: Path, make_app: AppFactory, private_config: Path
) -> None:
    themes = private_config / "themes"
    themes.mkdir()
    (themes / "solarized.toml").write_text('[colors]\nprimary = "#268bd2"\n')
    (themes / "broken.toml").write_text('[colors]\nprimary = "blurple"\n')
    app = make_app(board_path, theme="solarized")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.theme == "solarized"
        messages = [n.message for n in app._notifications]
        assert sum("broken.toml" in m for m in messages) == 1


async def test_unknown_theme_and_key_id_fall_back(
    board_path: Path, make_app: AppFactory, private_config: Path
) -> None:
    (private_config / "keys.toml").write_text('"board.fly" = "f"\n')
    app = make_app(board_path, theme="nope")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.theme == "dark"
        message = "\n".join(n.message for n in app._notifications)
        assert "no theme 'nope'" in message and "board.fly" in message


async def test_switch_theme_from_the_palette(board_path: Path, make_app: AppFactory) -> None:
    app = make_app(board_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        app.screen.query_one(Input).value = "theme: light"
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "light"


def test_keymap_checks_known_scopes_only() -> None:
    from mlboard.ui.keymap import checked_keymap

    keys = {"board.undo": "U", "board.fly": "f", "graph.zoom-in": "plus"}
    usable, problems = checked_keymap(keys, {"board.undo", "board.redo"})
    assert usable == {"board.undo": "U", "graph.zoom-in": "plus"}
    assert problems == ["keys: no binding 'board.fly' (? lists the ids)"]


def test_a_renamed_binding_id_remaps_the_binding_it_became_and_says_so() -> None:
    """`graph.toggle-groups` became `graph.zoom-out` (z steps through the zoom levels): a
    keys.toml written for the old id keeps working, with a word to rename it."""
    from mlboard.ui.keymap import checked_keymap

    usable, problems = checked_keymap({"graph.toggle-groups": "x"}, {"graph.zoom-out"})
    assert usable == {"graph.zoom-out": "x"}
    assert problems == [
        "keys: 'graph.toggle-groups' is now 'graph.zoom-out' (rename it in keys.toml)"
    ]
    both = {"graph.toggle-groups": "x", "graph.zoom-out": "y"}
    assert checked_keymap(both, {"graph.zoom-out"})[0] == {"graph.zoom-out": "y"}


async def test_the_app_collects_again_after_its_first_frame(board_path: Path) -> None:
    """Started as the executable starts (no garbage collector), the board is frozen once
    loaded and the collector comes back once the first frame is drawn: start-up makes no
    garbage worth the collections it cost. An app built with the collector on keeps it."""
    import gc

    from mlboard.ui import build_app

    gc.disable()  # as the mlboard executable starts
    try:
        app = build_app(board_path)
        assert not gc.isenabled() and gc.get_freeze_count() > 0
        assert app.service.board.cards
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert gc.isenabled()
        gc.unfreeze()
        build_app(board_path)
        assert gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()


def test_a_partial_user_theme_takes_the_rest_from_the_builtin_of_its_darkness(
    tmp_path: Path,
) -> None:
    """Only `primary` on a light theme: cards must not stay dark-on-dark."""
    (tmp_path / "mine.toml").write_text('dark = false\n[colors]\nprimary = "#aa3366"\n')
    (tmp_path / "night.toml").write_text('[colors]\nprimary = "#33aa66"\n')
    found = load_themes(themes_dir(), tmp_path)
    light, dark = found.themes["light"], found.themes["dark"]
    mine, night = found.themes["mine"], found.themes["night"]
    assert mine.primary == "#aa3366" and not mine.dark
    assert mine.background == light.background and mine.foreground == light.foreground
    assert mine.variables["card-background"] == light.variables["card-background"]
    assert night.background == dark.background
    assert night.variables["card-focus"] == dark.variables["card-focus"]


async def test_a_remap_onto_a_key_in_use_is_refused_and_named(
    board_path: Path, make_app: AppFactory, private_config: Path
) -> None:
    """`board.undo = "z"` while `z` folds a lane: undo would vanish from keys and footer."""
    (private_config / "keys.toml").write_text('"board.undo" = "z"\n')
    app = make_app(board_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        message = "\n".join(n.message for n in app._notifications)
        assert "'z' would be bound to both" in message
        assert "board.undo" in message and "board.toggle-lane" in message
        keys = {b.binding.id: k for k, b in app.screen.active_bindings.items()}
        assert keys.get("board.undo") == "u"


def test_swapping_two_keys_is_no_clash() -> None:
    from mlboard.ui.keymap import without_clashes
    from mlboard.ui.screens.board import BoardScreen
    from mlboard.ui.widgets.board_grid import BoardGrid

    swap = {"board.undo": "z", "board.toggle-lane": "u"}
    assert without_clashes(swap, BoardScreen.BINDINGS, BoardGrid.BINDINGS) == (swap, [])


def test_a_key_two_bindings_share_by_default_is_no_clash_when_one_is_remapped() -> None:
    """`enter` opens a card and, on the "+N more" line, shows every done card: adding `o`
    to opening a card kept `enter` and was refused as a clash with the done toggle."""
    from mlboard.ui.keymap import without_clashes
    from mlboard.ui.screens.board import BoardScreen
    from mlboard.ui.widgets.board_grid import BoardGrid

    also_o = {"board.view-card": "enter,o"}
    assert without_clashes(also_o, BoardScreen.BINDINGS, BoardGrid.BINDINGS) == (also_o, [])
    onto_z = {"board.view-card": "enter,z"}  # z folds a lane: that one is refused
    kept, problems = without_clashes(onto_z, BoardScreen.BINDINGS, BoardGrid.BINDINGS)
    assert kept == {} and problems == [
        "keys: 'z' would be bound to both board.view-card and board.toggle-lane; "
        "board.view-card keeps its default key (remap the other one too)"
    ]


async def test_the_key_bar_follows_a_theme_switch(board_path: Path, make_app: AppFactory) -> None:
    """After "theme: light" the key bar's text must take the light theme's colours at once."""
    from mlboard.ui.widgets.key_bar import KeyBar

    app = make_app(board_path)
    async with app.run_test(size=(100, 30)) as pilot:
        for theme in ("light", "dark", "high-contrast"):
            app.theme = theme
            await pilot.pause()
            await pilot.pause()
            bar = app.screen.query_one(KeyBar)
            wanted = bar.get_component_rich_style("key-bar--description").color
            assert wanted is not None
            rgb = tuple(wanted.get_truecolor())
            spans = bar.render().spans  # type: ignore[union-attr]
            shown = {
                (c.r, c.g, c.b) for span in spans if (c := getattr(span.style, "foreground", None))
            }
            assert rgb in shown, (theme, rgb, shown)


async def test_a_theme_chosen_in_the_palette_is_kept_for_the_next_start(
    board_path: Path, make_app: AppFactory, private_config: Path
) -> None:
    (private_config / "config.toml").write_text('theme = "dark"\n')
    app = make_app(board_path)
    async with app.run_test(size=(100, 30)) as pilot:
        app.theme = "light"
        await pilot.pause()
    assert load_settings().theme == "light"
    assert (private_config / "config.toml").read_text() == 'theme = "dark"\n'  # untouched
    again = make_app(board_path)
    async with again.run_test(size=(100, 30)):
        assert again.theme == "light"
    chosen = make_app(board_path, theme="high-contrast")  # --theme still wins, for this run
    async with chosen.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert chosen.theme == "high-contrast"
    assert load_settings().theme == "light"
