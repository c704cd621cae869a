"""carveout: plan, cost and track the separation of shared services between organisations."""

__version__ = "0.1.0"
