"""Who may see and change what: principals, roles, ownership and the one access policy.

Every route, upload, job and command acts as a :class:`Principal`; the policy
(:mod:`carveout.access.policy`) decides, for each record, whether that principal
may read it, change it, or must propose the change to the other parties it binds.
"""

from carveout.access.principal import PROGRAMME_OFFICE, Principal, Role, operator

__all__ = ["PROGRAMME_OFFICE", "Principal", "Role", "operator"]
