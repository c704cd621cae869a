from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from carveout.cli import app, load_commands
from carveout.config import get_settings
from carveout.storage import Store


@pytest.fixture
def cli_env(report_store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    monkeypatch.setenv("CARVEOUT_DATABASE_URL", report_store.url)
    monkeypatch.setenv("CARVEOUT_ACTOR", "tester")
    get_settings.cache_clear()
    load_commands()
    yield report_store
    get_settings.cache_clear()


def test_report_writes_the_html_and_says_where(cli_env: Store, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["report", "--as-of", "2021-10-15", "--format", "html", "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    written = tmp_path / "board-report-BASE-2021-10-15.html"
    assert written.exists()
    assert str(written) in result.output.replace("\n", "")
    assert cli_env.latest_result(scenario="BASE", kind="report") is not None


def test_report_rejects_a_date_it_cannot_read(cli_env: Store) -> None:
    result = CliRunner().invoke(app, ["report", "--as-of", "15/10/2021"])
    assert result.exit_code == 2
    assert "--as-of" in result.output and "YYYY-MM-DD" in result.output


def test_export_plan_writes_a_workbook(cli_env: Store, tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    result = CliRunner().invoke(app, ["export-plan", str(path), "--scenario", "BASE"])
    assert result.exit_code == 0, result.output
    assert "Plan" in openpyxl.load_workbook(path).sheetnames


def test_both_commands_explain_themselves_with_an_example() -> None:
    load_commands()
    for command in ("report", "export-plan"):
        result = CliRunner().invoke(app, [command, "--help"])
        assert result.exit_code == 0
        assert "Example: carveout" in result.output


def test_the_demo_step_writes_the_report_and_says_where(
    cli_env: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from carveout.cli.demo import DemoRun
    from carveout.cli.reports import write_demo_report
    from tests.reports.programme import AS_OF

    monkeypatch.setenv("CARVEOUT_OUTPUT_DIR", str(tmp_path))
    get_settings.cache_clear()
    write_demo_report(DemoRun(database=tmp_path / "x.db", as_of=AS_OF, store=cli_env))
    assert (tmp_path / "board-report-BASE-2021-10-15.pdf").exists()
    assert "board-report-BASE-2021-10-15.pdf" in capsys.readouterr().out.replace("\n", "")
