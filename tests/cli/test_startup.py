"""``carveout --help`` answers at once: loading every command imports no engine."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from carveout.cli import COMMAND_MODULES
from carveout.cli.planning import ObjectiveChoice
from carveout.cli.store import KINDS
from carveout.domain import ENTITY_KINDS, Objective

HEAVY = (
    "ortools",
    "numpy",
    "scipy",
    "numba",
    "weasyprint",
    "altair",
    "vl_convert",
    "fastapi",
    "uvicorn",
    "openpyxl",
    "sqlalchemy",
    "pandas",
    "dask",
    "distributed",
    "carveout.planning",
    "carveout.risk",
    "carveout.costs",
    "carveout.reports",
    "carveout.web",
    "carveout.storage",
)
"""Packages that take from a tenth of a second to seconds to import."""

_LOAD_ALL = """
import json, sys
from carveout.cli import load_commands
load_commands()
print(json.dumps(sorted(sys.modules)))
"""


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        env={**os.environ, "COLUMNS": "200"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_loading_every_command_imports_no_engine_web_or_report_package() -> None:
    result = _run("-c", _LOAD_ALL)
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)

    heavy = [m for m in loaded if any(m == h or m.startswith(f"{h}.") for h in HEAVY)]

    assert heavy == []


def test_help_lists_every_command() -> None:
    result = _run("-m", "carveout", "--help")

    assert result.returncode == 0, result.stderr
    listed = {line.strip("│ ").split(" ")[0] for line in result.stdout.splitlines()}
    assert set(COMMAND_MODULES) <= listed


def test_the_history_kinds_are_the_domain_models_kinds() -> None:
    assert tuple(ENTITY_KINDS) == KINDS


def test_the_plan_objectives_are_the_domain_models_objectives() -> None:
    assert [o.value for o in ObjectiveChoice] == [o.value for o in Objective]
