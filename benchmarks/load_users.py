"""The Locust users of :mod:`benchmarks.load`: people signed in to the dashboard, reading pages.

Each user signs in through the sign-in form as one of the demonstration's users (taken in
turn from the users file the demo writes beside its database), then reads pages and API
lists chosen at random by weight, pausing between them as a reader would. A response other
than 200 (a redirect to sign-in included) is an error.

Locust runs this file (``locust -f benchmarks/load_users.py``); :mod:`benchmarks.load` sets
the environment it reads:

- ``CARVEOUT_LOAD_USERS``: the demo's users file (e-mail, organisation, role, password);
- ``CARVEOUT_LOAD_SAMPLES``: where to write every measured request as JSON when Locust quits;
- ``CARVEOUT_LOAD_THINK``: the pause between requests, ``low,high`` seconds (``0,0``: none);
- ``CARVEOUT_LOAD_WARMUP``: seconds after every user has signed in before measuring begins;
- ``CARVEOUT_LOAD_DURATION``: seconds measured, after which Locust stops.

Signing in hashes a password (Argon2, deliberately slow), so the measurement starts only
once every user has signed in and the warm-up has passed.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import time
from pathlib import Path
from typing import Any

import gevent
from locust import between, events, task
from locust.contrib.fasthttp import FastHttpUser
from locust.env import Environment

READS = {
    "/": 3,
    "/plan": 2,
    "/risk": 2,
    "/services": 2,
    "/costs": 2,
    "/dependencies": 1,
    "/agreements": 1,
    "/scenarios": 1,
    "/api/overview": 2,
    "/api/services": 2,
    "/api/plan": 1,
    "/api/risk": 1,
    "/api/costs": 1,
    "/api/scenarios": 1,
    "/api/records/service": 1,
    "/api/records/dependency": 1,
}
"""What users read, with how often (pages, then their API twins and record lists)."""
LOGIN_TOKEN = re.compile(r'name="login_token"\s+value="([^"]+)"')

_low, _high = (float(s) for s in os.environ.get("CARVEOUT_LOAD_THINK", "1,5").split(","))
_accounts = itertools.cycle(
    [
        (fields[0], fields[3])
        for line in Path(os.environ["CARVEOUT_LOAD_USERS"]).read_text().splitlines()
        if len(fields := line.split("\t")) == 4
    ]
)
WARMUP = float(os.environ.get("CARVEOUT_LOAD_WARMUP", "15"))
DURATION = float(os.environ.get("CARVEOUT_LOAD_DURATION", "300"))
_measuring: dict[str, float] = {"signed_in": 0}
_samples: list[tuple[str, float, bool]] = []


class Reader(FastHttpUser):
    """One person signed in, reading."""

    wait_time = between(_low, _high)

    def on_start(self) -> None:
        email, password = next(_accounts)
        try:
            form = self.client.get("/login", name="sign-in")
            found = LOGIN_TOKEN.search(form.text or "")
            if found is None:
                raise RuntimeError("the sign-in page has no login_token field")
            data = {"email": email, "password": password, "login_token": found[1], "next": "/"}
            with self.client.post(
                "/login", data=data, name="sign-in", allow_redirects=False, catch_response=True
            ) as response:
                if response.status_code != 303:
                    response.failure(f"sign-in as {email} answered {response.status_code}")
        finally:
            _signed_in(self.environment)

    @task
    def read(self) -> None:
        [path] = random.choices(list(READS), weights=list(READS.values()))
        with self.client.get(path, allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{path} answered {response.status_code}")


def _signed_in(environment: Environment) -> None:
    """Count a user signed in; once all are, measure after the warm-up, then stop."""
    _measuring["signed_in"] += 1
    assert environment.parsed_options is not None and environment.runner is not None
    if _measuring["signed_in"] == environment.parsed_options.num_users:
        _measuring["from"] = time.time() + WARMUP
        gevent.spawn_later(WARMUP + DURATION, environment.runner.quit)


def _measure(name: str, response_time: float, exception: Any, **_: Any) -> None:
    if name != "sign-in" and time.time() >= _measuring.get("from", float("inf")):
        _samples.append((name, response_time, exception is None))
        _measuring["to"] = time.time()


def _write_samples(**_: Any) -> None:
    """Every request measured, and the window measured, for :mod:`benchmarks.load`."""
    target = os.environ.get("CARVEOUT_LOAD_SAMPLES")
    if target:
        window = {"from": _measuring.get("from"), "to": _measuring.get("to"), "samples": _samples}
        Path(target).write_text(json.dumps(window))


events.request.add_listener(_measure)
events.test_stop.add_listener(_write_samples)
