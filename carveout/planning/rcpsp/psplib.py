"""Reader for PSPLIB single-mode RCPSP files (``.sm``)."""

from __future__ import annotations

from pathlib import Path

from carveout.planning.rcpsp.instance import Activity, Instance, Precedence, Resource


def read_sm(path: Path) -> Instance:
    """Read a PSPLIB ``.sm`` file: jobs (with the dummy source and sink), precedences, resources."""
    return parse_sm(Path(path).read_text(), name=Path(path).name)


def parse_sm(text: str, *, name: str = "") -> Instance:
    """Parse the text of a PSPLIB ``.sm`` file."""
    lines = text.splitlines()

    def section(title: str) -> int:
        for k, line in enumerate(lines):
            if line.strip().startswith(title):
                return k
        raise ValueError(f"{name or 'the file'} has no {title!r} section; is it a PSPLIB .sm file?")

    successors: dict[int, list[int]] = {}
    k = section("PRECEDENCE RELATIONS:") + 2
    while not lines[k].startswith("*"):
        fields = [int(x) for x in lines[k].split()]
        if fields:
            successors[fields[0]] = fields[3 : 3 + fields[2]]
        k += 1
    jobs: dict[int, tuple[int, tuple[int, ...]]] = {}
    k = section("REQUESTS/DURATIONS:") + 3
    while not lines[k].startswith("*"):
        fields = [int(x) for x in lines[k].split()]
        if fields:
            jobs[fields[0]] = (fields[2], tuple(fields[3:]))
        k += 1
    k = section("RESOURCEAVAILABILITIES:")
    labels = lines[k + 1].split()
    capacities = [int(x) for x in lines[k + 2].split()]
    resources = tuple(
        Resource(f"{labels[2 * r]}{labels[2 * r + 1]}", c) for r, c in enumerate(capacities)
    )
    numbers = sorted(jobs)
    index = {job: i for i, job in enumerate(numbers)}
    activities = tuple(
        Activity(f"job{job}", jobs[job][0], jobs[job][1][: len(resources)]) for job in numbers
    )
    precedences = tuple(
        Precedence(index[job], index[nxt]) for job in numbers for nxt in successors.get(job, [])
    )
    return Instance(activities, resources, precedences, name=name)
