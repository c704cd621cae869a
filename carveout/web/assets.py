"""The chart JavaScript, served from the installed vl-convert-python package.

vl-convert ships Vega, Vega-Lite and Vega-Embed as one bundle; building it
takes a few seconds, so it is built once per process (warmed in the background
at start-up) and served with a version in its URL so browsers cache it forever.
"""

from __future__ import annotations

import hashlib
import threading
from functools import lru_cache
from importlib.metadata import version

BUNDLE_VERSION = version("vl-convert-python")
BUNDLE_PATH = f"/assets/vega-{BUNDLE_VERSION}.js"
_lock = threading.Lock()


@lru_cache(maxsize=1)
def _build() -> tuple[bytes, str]:
    import vl_convert  # imported here: loading the library itself takes a moment

    # None selects the default snippet (globals vegaEmbed, vega, vegaLite); the stub wants str.
    body = vl_convert.javascript_bundle(None).encode()  # type: ignore[arg-type]
    return body, hashlib.sha256(body).hexdigest()[:16]


def vega_bundle() -> tuple[bytes, str]:
    """The bundle's bytes and an ETag for them."""
    with _lock:
        return _build()


def warm() -> threading.Thread:
    """Build the bundle on a background thread so the first page does not wait for it."""
    thread = threading.Thread(target=vega_bundle, name="vega-bundle", daemon=True)
    thread.start()
    return thread
