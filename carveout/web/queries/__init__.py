"""One query function per page: the HTML page and its ``/api`` twin both call it.

Queries are pure over the portfolio and stored results; they never run the
heavy engines, so a page costs only a cached load and some arithmetic.
"""
