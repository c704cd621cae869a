"""The bundled demonstration portfolio: a synthetic separation shaped on public facts."""

from carveout.demo.portfolio import demo_portfolio

__all__ = ["demo_portfolio"]
