"""User records. Sign-in arrives with the trust issue; until then the desktop acts as a local user."""

from __future__ import annotations

import getpass
import uuid

from sqlalchemy import select

from caseteam.domain.users import Role, User

from .actors import Actor

SYSTEM_USERNAME = "caseteam-local"


def ensure_user(uow, *, username: str, display_name: str, role: Role = Role.JOB_DEVELOPER,
                staff_id: uuid.UUID | None = None) -> Actor:
    """The user with this name, created on first use. Creating a user is itself audited."""
    user = uow.session.scalars(select(User).where(User.username == username)).one_or_none()
    if user is None:
        user = User(username=username, display_name=display_name, role=role, staff_id=staff_id)
        uow.add(user)
        uow.flush()
        actor = Actor.of(user)
        uow.audit.record(actor, user, "created", changes={"username": [None, username], "role": [None, role.value]})
    return Actor.of(user)


def local_actor(uow) -> Actor:
    """The person at this computer, by operating-system account name (an administrator for now)."""
    try:
        login = getpass.getuser()
    except Exception:  # no login name in some service accounts and containers
        login = "local"
    return ensure_user(uow, username=f"{SYSTEM_USERNAME}:{login}", display_name=f"{login} (this computer)",
                       role=Role.ADMINISTRATOR)
