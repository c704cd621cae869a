"""The pack as PDF: WeasyPrint lays out the same HTML with the print stylesheet (A4)."""

from __future__ import annotations

import logging

import weasyprint


def render_pdf(html: str) -> bytes:
    """A4 PDF of ``html`` (self-contained: no files or network are fetched)."""
    # WeasyPrint logs every CSS property it does not support; they are known and harmless here.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    document = weasyprint.HTML(string=html, base_url=None)
    pdf: bytes = document.write_pdf()
    return pdf
