from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from carveout.cli import app, console, load_commands
from carveout.domain import Portfolio
from carveout.portfolio.writing import write_csv_folder
from carveout.storage import open_store

runner = CliRunner()


@pytest.fixture(autouse=True)
def _commands(monkeypatch: pytest.MonkeyPatch) -> None:
    load_commands()
    monkeypatch.setattr(console, "width", 200)  # keep table cells on one line


@pytest.fixture
def folder(tmp_path: Path, small_portfolio: Callable[..., Portfolio]) -> Path:
    path = tmp_path / "portfolio"
    write_csv_folder(small_portfolio(), folder=path)
    return path


@pytest.mark.parametrize("command", ["template", "import", "export"])
def test_every_workbook_command_has_help_with_an_example(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert f"carveout {command}" in result.output and "Example" in result.output


def test_import_help_warns_that_records_absent_from_the_file_are_removed() -> None:
    result = runner.invoke(app, ["import", "--help"])
    assert "REMOVED" in result.output


def test_template_writes_a_workbook_and_refuses_to_overwrite_it(tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    assert runner.invoke(app, ["template", str(path)]).exit_code == 0
    assert path.stat().st_size > 0
    again = runner.invoke(app, ["template", str(path)])
    assert again.exit_code != 0 and "--force" in str(again.exception)


def test_import_prints_the_changes_per_sheet_then_nothing_on_a_second_run(
    carveout_env: str, folder: Path, small_portfolio: Callable[..., Portfolio]
) -> None:
    first = runner.invoke(app, ["import", str(folder)])
    assert first.exit_code == 0, first.output
    assert "services" in first.output and "Added" in first.output
    second = runner.invoke(app, ["import", str(folder)])
    assert "nothing changed" in second.output
    with open_store(carveout_env) as store:
        assert store.load() == small_portfolio()
        assert {e.actor for e in store.history(limit=500)} == {"tester"}


def test_import_of_a_bad_file_prints_a_table_of_errors_and_writes_nothing(
    carveout_env: str, folder: Path
) -> None:
    services = folder / "services.csv"
    services.write_text(
        services.read_text(encoding="utf-8").replace("application", "gadget", 1), encoding="utf-8"
    )
    result = runner.invoke(app, ["import", str(folder)])
    assert result.exit_code != 0
    assert "Errors in portfolio" in result.output
    assert "gadget" in result.output and "one of: application" in result.output
    assert "nothing was imported" in str(result.exception)
    with open_store(carveout_env) as store:
        assert store.load() == Portfolio()


def test_export_writes_what_import_read(carveout_env: str, folder: Path, tmp_path: Path) -> None:
    runner.invoke(app, ["import", str(folder)])
    target = tmp_path / "export.xlsx"
    result = runner.invoke(app, ["export", str(target)])
    assert result.exit_code == 0, result.output
    assert "records" in result.output
    again = runner.invoke(app, ["import", str(target)])
    assert "nothing changed" in again.output


def test_import_refuses_a_file_missing_a_sheet_unless_partial_names_the_kinds_it_replaces(
    carveout_env: str, folder: Path, small_portfolio: Callable[..., Portfolio]
) -> None:
    runner.invoke(app, ["import", str(folder)])
    for csv_file in folder.glob("*.csv"):
        if csv_file.name != "raid.csv":
            csv_file.unlink()
    refused = runner.invoke(app, ["import", str(folder)])
    assert refused.exit_code != 0
    assert "services" in refused.output and "not read as empty" in refused.output
    with open_store(carveout_env) as store:
        assert store.load() == small_portfolio()
    named_other = runner.invoke(app, ["import", str(folder), "--only", "services"])
    assert named_other.exit_code != 0 and "services" in named_other.output
    partial = runner.invoke(app, ["import", str(folder), "--partial", "raid"])
    assert partial.exit_code == 0, partial.output
    assert "A partial import: it replaced raid" in partial.output
    with open_store(carveout_env) as store:
        assert store.load() == small_portfolio()


def test_import_that_would_remove_most_of_a_kind_needs_allow_deletions(
    carveout_env: str, tmp_path: Path, small_portfolio: Callable[..., Portfolio]
) -> None:
    from carveout.domain import RaidEntry

    raid = tuple(RaidEntry(code=f"R-{n}", kind="risk", title=f"Risk {n}") for n in range(8))
    with open_store(carveout_env) as store:
        store.replace(small_portfolio(raid=raid), actor="seed")
    write_csv_folder(small_portfolio(raid=raid[:2]), folder=tmp_path / "fewer")
    refused = runner.invoke(app, ["import", str(tmp_path / "fewer")])
    assert refused.exit_code != 0
    assert "Deletions to confirm" in refused.output and "--allow-deletions" in str(
        refused.exception
    )
    assert "6 of 8 raid" in str(refused.exception)
    with open_store(carveout_env) as store:
        assert len(store.load().raid) == 8
    allowed = runner.invoke(app, ["import", str(tmp_path / "fewer"), "--allow-deletions"])
    assert allowed.exit_code == 0, allowed.output
    with open_store(carveout_env) as store:
        assert store.load() == small_portfolio(raid=raid[:2])
