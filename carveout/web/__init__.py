"""The web dashboard and JSON API: FastAPI pages and ``/api`` twins over one set of queries."""

from carveout.web.app import create_app

__all__ = ["create_app"]
