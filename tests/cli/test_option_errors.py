"""A value an option does not allow is a usage error naming the option, never an unexpected one.

These run the real entry point, :func:`carveout.cli.main`, as ``carveout`` on
the command line does (the test runner's ``CliRunner`` takes another path).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from carveout.cli import main
from carveout.config import get_settings


@pytest.fixture
def empty_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh SQLite file and output folder, so a command let through by mistake harms nothing."""
    monkeypatch.setenv("CARVEOUT_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("CARVEOUT_OUTPUT_DIR", str(tmp_path / "out"))
    monkeypatch.setenv("COLUMNS", "200")
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


def _carveout(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str]:
    """Exit code and everything printed (boxes and line breaks removed) of ``carveout ARGS``."""
    monkeypatch.setattr(sys, "argv", ["carveout", *args])
    with pytest.raises(SystemExit) as exit_:
        main()
    captured = capsys.readouterr()
    text = " ".join((captured.out + captured.err).replace("│", " ").split())
    code = exit_.value.code
    return (code if isinstance(code, int) else 1), text


USAGE_ERRORS = [
    (["costs", "--method", "foo"], ["'--method'", "'ratio'", "'nucleolus'"]),
    (["costs", "--exponent", "0"], ["'--exponent'", "more than 0"]),
    (["costs", "--year", "19"], ["'--year'", "1900"]),
    (["risk", "--runs", "-5"], ["'--runs'", "100"]),
    (["risk", "--confidence", "1.5"], ["'--confidence'", "more than 0 and less than 1"]),
    (["risk", "--confidence", "high"], ["'--confidence'", "number"]),
    (["risk", "--seed", "-1"], ["'--seed'", "0"]),
    (["risk", "--tolerance", "-2"], ["'--tolerance'", "0"]),
    (["risk", "--correlation", "1"], ["'--correlation'", "0.99"]),
    (["risk", "--engine", "spark"], ["'--engine'", "'dask'"]),
    (["plan", "--time-limit", "0"], ["'--time-limit'", "more than 0"]),
    (["plan", "--seed", "-1"], ["'--seed'", "0"]),
    (["plan", "--objective", "fast"], ["'--objective'", "'lexicographic'"]),
    (["report", "--format", "docx"], ["'--format'", "'pdf'", "'html'", "'both'"]),
    (["serve", "--port", "70000"], ["'--port'", "65535"]),
    (["history", "--limit", "0"], ["'--limit'", "1"]),
    (["demo", "--no-engines", "--runs", "5"], ["'--runs'", "100"]),
    (["demo", "--no-engines", "--time-limit", "-1"], ["'--time-limit'", "more than 0"]),
    (["frobnicate"], ["frobnicate"]),
    (["show", "--as-of", "01/02/2020"], ["'--as-of'", "YYYY-MM-DD"]),
    (["report", "--as-of", "tomorrow"], ["'--as-of'", "YYYY-MM-DD"]),
    (["risk", "--as-of", "2021-13-01"], ["'--as-of'", "YYYY-MM-DD"]),
    (["plan", "--deadline", "30/04/2020"], ["'--deadline'", "YYYY-MM-DD"]),
    (["baseline", "--as-of", "soon"], ["'--as-of'", "YYYY-MM-DD"]),
]


@pytest.mark.parametrize(
    ("args", "expected"), USAGE_ERRORS, ids=[" ".join(a) for a, _ in USAGE_ERRORS]
)
def test_a_value_an_option_does_not_allow_is_a_usage_error_naming_it(
    args: list[str],
    expected: list[str],
    empty_env: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if args[0] == "demo":
        args = [*args, "--database", str(empty_env / "demo.db")]

    code, text = _carveout(monkeypatch, capsys, *args)

    assert code == 2, text
    assert "Unexpected error" not in text
    for part in expected:
        assert part in text, (part, text)


CARVEOUT_ERRORS = [
    (["export-plan", "plan.csv"], [".xlsx"]),
    (["history", "nothing:X"], ["no kind 'nothing'", "service"]),
]


@pytest.mark.parametrize(
    ("args", "expected"), CARVEOUT_ERRORS, ids=[" ".join(a) for a, _ in CARVEOUT_ERRORS]
)
def test_a_value_only_the_command_can_check_is_an_error_saying_what_to_write(
    args: list[str],
    expected: list[str],
    empty_env: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, text = _carveout(monkeypatch, capsys, *args)

    assert code == 1, text
    assert "Unexpected error" not in text
    for part in expected:
        assert part in text, (part, text)
