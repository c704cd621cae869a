"""``carveout serve`` warns when it listens beyond this machine without HTTPS and host names."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from carveout.cli.web import exposure_warnings


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.1.1", "::1", "[::1]", "localhost"])
def test_this_machines_own_address_needs_no_warning(host: str) -> None:
    assert exposure_warnings(host, https=False, local_only=True) == []


def test_every_interface_without_https_or_host_names_warns_of_both() -> None:
    plain, hosts = exposure_warnings("0.0.0.0", https=False, local_only=True)

    assert "plain HTTP" in plain and "CARVEOUT_HTTPS=1" in plain
    assert "CARVEOUT_ALLOWED_HOSTS" in hosts


def test_https_and_host_names_configured_silence_the_warning() -> None:
    assert exposure_warnings("0.0.0.0", https=True, local_only=False) == []
    assert len(exposure_warnings("192.0.2.10", https=True, local_only=True)) == 1


def test_serve_prints_the_warning_before_starting(monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn
    from typer.testing import CliRunner

    from carveout.cli import app, load_commands

    load_commands()
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: None)
    unopened = SimpleNamespace(close=lambda: None)
    monkeypatch.setattr("carveout.storage.open_store", lambda url: unopened)
    monkeypatch.setenv("CARVEOUT_DATABASE_URL", "sqlite:///unused.db")  # serve sets it for workers

    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0"])

    assert result.exit_code == 0, result.output
    assert "Warning:" in result.output and "plain HTTP" in result.output
