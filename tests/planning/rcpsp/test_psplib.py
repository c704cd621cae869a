"""The PSPLIB ``.sm`` reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from carveout.planning.rcpsp import ScheduleModel, SolverConfig, read_sm

SMALL_SM = """\
************************************************************************
file with basedata            : tiny.bas
************************************************************************
projects                      :  1
jobs (incl. supersource/sink ):  5
horizon                       :  12
RESOURCES
  - renewable                 :  2   R
  - nonrenewable              :  0   N
  - doubly constrained        :  0   D
************************************************************************
PRECEDENCE RELATIONS:
jobnr.    #modes  #successors   successors
   1        1          2           2   3
   2        1          1           4
   3        1          1           5
   4        1          1           5
   5        1          0
************************************************************************
REQUESTS/DURATIONS:
jobnr. mode duration  R 1  R 2
------------------------------------------------------------------------
  1      1     0       0    0
  2      1     3       2    1
  3      1     4       2    0
  4      1     2       1    1
  5      1     0       0    0
************************************************************************
RESOURCEAVAILABILITIES:
  R 1  R 2
    3    1
************************************************************************
"""


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.sm"
    path.write_text(SMALL_SM)
    return path


def test_reader_keeps_jobs_durations_demands_and_capacities(tiny: Path) -> None:
    instance = read_sm(tiny)
    assert instance.name == "tiny.sm"
    assert [a.duration for a in instance.activities] == [0, 3, 4, 2, 0]
    assert instance.activities[1].demands == (2, 1)
    assert [(r.name, r.capacity) for r in instance.resources] == [("R1", 3), ("R2", 1)]


def test_reader_turns_successor_lists_into_precedences(tiny: Path) -> None:
    pairs = {(p.before, p.after) for p in read_sm(tiny).precedences}
    assert pairs == {(0, 1), (0, 2), (1, 3), (2, 4), (3, 4)}


def test_tiny_project_solves_to_its_hand_checked_optimum(tiny: Path) -> None:
    # Jobs 2 and 3 need 2 + 2 > 3 of R1 so run one after the other; job 4 follows job 2.
    # Best: 2 (0-3), 4 (3-5) beside 3 (3-7) -> 7.
    model = ScheduleModel(read_sm(tiny), SolverConfig(time_limit=5.0))
    model.minimise_makespan()
    solution = model.solve()
    assert solution.status == "optimal" and solution.makespan == 7


def test_reader_names_the_missing_section(tmp_path: Path) -> None:
    path = tmp_path / "broken.sm"
    path.write_text("not a psplib file\n")
    with pytest.raises(ValueError, match="PRECEDENCE RELATIONS"):
        read_sm(path)
