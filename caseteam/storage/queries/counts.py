"""Store-wide counts for `caseteam info` and the status bar: one statement."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from caseteam.domain.audit import AuditEntry
from caseteam.domain.organizations import Organization, Program, StaffMember
from caseteam.domain.people import Person
from caseteam.domain.plans import PlanRevision
from caseteam.domain.tasks import Task
from caseteam.domain.teams import Team, TeamMember
from caseteam.domain.users import User

from .tasks import overdue_clause


def store_counts(session: Session, today: date, only: tuple[str, ...] | None = None) -> dict[str, int]:
    """Counts of what the store holds, in one statement (`only`: just these of them)."""
    def live(model):
        return select(func.count()).select_from(model).where(model.archived_at.is_(None)).scalar_subquery()

    def every(model):
        return select(func.count()).select_from(model).scalar_subquery()

    columns = {
        "people": live(Person),
        "organizations": live(Organization),
        "programs": live(Program),
        "staff": live(StaffMember),
        "users": live(User),
        "teams": live(Team),
        "team_members": live(TeamMember),
        "plans": select(func.count(func.distinct(PlanRevision.person_id))).scalar_subquery(),
        "plan_revisions": every(PlanRevision),
        "tasks": live(Task),
        "tasks_overdue": select(func.count()).select_from(Task).where(overdue_clause(today)).scalar_subquery(),
        "audit_entries": every(AuditEntry),
    }
    if only is not None:
        columns = {k: columns[k] for k in only}
    row = session.execute(select(*[c.label(k) for k, c in columns.items()])).one()
    return {k: int(v) for k, v in row._mapping.items()}
