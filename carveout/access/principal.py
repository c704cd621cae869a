"""The acting user of a request, an upload, a job or a command."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

PROGRAMME_OFFICE = "programme-office"
"""The organisation of the programme office: not a party of the portfolio, but runs it."""


class Role(StrEnum):
    """What a user may do, within the records their organisation owns.

    - ``admin``: the programme office's administrators: every record, and the users;
    - ``editor``: changes the records its own party owns;
    - ``finance``: its party's drivers, usage and cost data, and the cost analyses;
    - ``viewer``: reads;
    - ``auditor``: reads everything, the audit trail and its verification included.
    """

    ADMIN = "admin"
    EDITOR = "editor"
    FINANCE = "finance"
    VIEWER = "viewer"
    AUDITOR = "auditor"


class Scope(StrEnum):
    """What an API token may do: read only, or read and write within the user's role."""

    READ = "read"
    WRITE = "write"


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is acting: a signed-in user, a token's user, or the operating-system user.

    ``organisation`` is a party code or :data:`PROGRAMME_OFFICE`; ``name`` is what
    the audit trail records (the user's e-mail address, or the OS user's name);
    ``scope`` narrows a token to reading; ``via`` says how they were identified
    (``session``, ``token`` or ``cli``) and ``session`` which session it was.
    """

    name: str
    organisation: str
    role: Role
    user_id: int | None = None
    scope: Scope = Scope.WRITE
    via: str = "session"
    session: str | None = None

    @property
    def office(self) -> bool:
        """Whether the principal is of the programme office."""
        return self.organisation == PROGRAMME_OFFICE

    @property
    def writes(self) -> bool:
        """Whether the principal may change anything at all (its role and its token allow)."""
        return self.scope is Scope.WRITE and self.role in (Role.ADMIN, Role.EDITOR, Role.FINANCE)


def operator(name: str) -> Principal:
    """The operating-system user running the command line: it already holds the database
    file (or its credentials), so it acts as the programme office's administrator."""
    return Principal(name=name, organisation=PROGRAMME_OFFICE, role=Role.ADMIN, via="cli")
