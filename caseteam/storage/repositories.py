"""Fetching single records by id or reference number, with plain 'not found' messages."""

from __future__ import annotations

import uuid
from typing import Generic, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from caseteam.domain.discovery import DiscoveryActivity
from caseteam.domain.organizations import Organization, Program, StaffMember
from caseteam.domain.people import Person
from caseteam.domain.plans import PlanRevision
from caseteam.domain.tasks import Task
from caseteam.domain.teams import Team, TeamMember
from caseteam.domain.users import User
from caseteam.errors import NotFound

T = TypeVar("T")


class Repository(Generic[T]):
    def __init__(self, session: Session, model: type[T], noun: str):
        self.session, self.model, self.noun = session, model, noun

    def get(self, key: uuid.UUID | str, *, include_archived: bool = False) -> T:
        """By UUID, or by reference number where the record has one."""
        row = None
        if isinstance(key, uuid.UUID):
            row = self.session.get(self.model, key)
        else:
            row = self._by_text(key)
        if row is None or (not include_archived and getattr(row, "archived_at", None) is not None):
            raise NotFound(f"No {self.noun} {key} was found" +
                           (" (it may have been archived)." if row is not None else "."))
        return row

    def find(self, key: uuid.UUID | None) -> T | None:
        return None if key is None else self.session.get(self.model, key)

    def _by_text(self, text: str):
        text = text.strip()
        if hasattr(self.model, "ref"):
            row = self.session.scalars(select(self.model).where(func.upper(self.model.ref) == text.upper())).first()
            if row is not None:
                return row
        try:
            return self.session.get(self.model, uuid.UUID(text))
        except ValueError:
            return None


class Repositories:
    def __init__(self, session: Session):
        self.people = Repository(session, Person, "person")
        self.organizations = Repository(session, Organization, "organization")
        self.programs = Repository(session, Program, "program")
        self.staff = Repository(session, StaffMember, "staff member")
        self.tasks = Repository(session, Task, "task")
        self.users = Repository(session, User, "user")
        self.teams = Repository(session, Team, "team")
        self.team_members = Repository(session, TeamMember, "team member")
        self.discovery = Repository(session, DiscoveryActivity, "Discovery activity")
        self.plan_revisions = Repository(session, PlanRevision, "plan revision")
