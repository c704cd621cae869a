"""The ``carveout serve`` command."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from carveout.cli import app, load_commands


def test_serve_has_help_with_an_example() -> None:
    load_commands()
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    assert "Example: carveout serve" in result.output


def test_serve_refuses_a_database_file_that_does_not_exist(tmp_path: Path) -> None:
    load_commands()
    result = CliRunner().invoke(app, ["serve", "--database", str(tmp_path / "missing.db")])
    assert result.exit_code != 0
    assert "does not exist" in str(result.exception)
