"""Who is acting: every service call names its actor, for permissions and the audit log."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from caseteam.domain.users import Role, User


@dataclass(frozen=True)
class Actor:
    user_id: uuid.UUID
    username: str
    display_name: str
    role: Role
    staff_id: uuid.UUID | None = None
    organization_id: uuid.UUID | None = None

    @classmethod
    def of(cls, user: User) -> Actor:
        return cls(user.id, user.username, user.display_name, user.role, user.staff_id,
                   user.staff.organization_id if user.staff else None)
