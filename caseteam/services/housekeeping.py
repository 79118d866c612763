"""What falls due with the calendar rather than with anyone's edit: agreements and authorizations whose
term has ended become expired. The window runs this once when someone signs in, so no list, filter or
board shows an ended term as still in force; each change is audited under the person who signed in."""

from __future__ import annotations

from caseteam.domain.users import Role

from . import agreement_lifecycle, authorizations
from .actors import Actor
from .changes import Changes


def expire_ended_terms(uow, actor: Actor) -> tuple[int, Changes]:
    """How many agreements and authorizations were moved to Expired (0 for an auditor, who changes nothing)."""
    if actor.role is Role.AUDITOR:
        return 0, Changes()
    ended, agreement_changes = agreement_lifecycle.expire_due(uow, actor)
    moved, authorization_changes = authorizations.expire_due(uow, actor)
    return ended + len(moved), agreement_changes | authorization_changes
