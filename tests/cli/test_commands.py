from __future__ import annotations

from pathlib import Path

import typer
from typer.testing import CliRunner

from carveout.cli import COMMAND_MODULES, app, command_modules, load_commands


def _registered() -> dict[str, str]:
    load_commands()
    command = typer.main.get_command(app)
    assert isinstance(command, typer.core.TyperGroup)
    return {
        name: (cmd.callback.__module__ if cmd.callback else "").rsplit(".", 1)[-1]
        for name, cmd in command.commands.items()
    }


def test_the_command_map_names_the_module_of_every_command() -> None:
    assert _registered() == COMMAND_MODULES


def test_every_command_module_is_in_the_map() -> None:
    assert set(command_modules()) == set(COMMAND_MODULES.values())


def test_every_command_has_help_with_an_example() -> None:
    runner = CliRunner()
    for name in _registered():
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, name
        assert (
            "carveout " + name in result.output.replace("\n", " ") or "Example" in result.output
        ), name


def test_every_command_is_documented() -> None:
    reference = (Path(__file__).resolve().parents[2] / "docs" / "cli.md").read_text()
    for name in _registered():
        assert f"carveout {name}" in reference, name


def test_a_command_runs_as_a_subcommand_when_only_its_module_is_loaded(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "CARVEOUT_DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}"}
    result = subprocess.run(
        [sys.executable, "-m", "carveout", "init"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "x.db").exists()


def test_an_unknown_command_is_a_short_error_not_a_traceback() -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "carveout", "frobnicate"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "frobnicate" in result.stderr
