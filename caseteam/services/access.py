"""Permissions: may this account do this to this person (or to the store)? Enforced here, in services.

Every service that reads or changes a person's information calls `require(uow, actor, Action.X, person_id)`;
lists filter with `scope(uow, actor)` in SQL. Consent (does a release cover a recipient) is the other
check, in caseteam.services.consent. The README's role matrix is written from RULES below.
"""

from __future__ import annotations

import enum
import uuid

from caseteam.domain.users import Role
from caseteam.errors import NotFound, PermissionDenied
from caseteam.storage.queries import access as access_queries
from caseteam.storage.queries.access import Relation, Scope

from .actors import Actor


class Action(enum.Enum):
    # About one person
    VIEW_PERSON = "view_person"            # open the record: profile, team, plan, Discovery, tasks
    EDIT_PERSON = "edit_person"            # profile, stage, team, Discovery, plan, create/assign tasks
    WORK_TASKS = "work_tasks"              # start, complete, reopen the person's tasks
    RECORD_CONSENT = "record_consent"      # record, revoke releases of information
    EXPORT_PERSON = "export_person"        # print or export the person's documents
    APPROVE = "approve"                    # approve plans, co-sign notes
    OVERRIDE_FUNDING = "override_funding"  # bill past an authorization
    FINALIZE_AGREEMENT = "finalize_agreement"
    # About the store
    CREATE_PERSON = "create_person"
    MANAGE_PARTNERS = "manage_partners"    # organizations, programs, staff in the directory
    MANAGE_USERS = "manage_users"
    VIEW_AUDIT = "view_audit"
    BACKUP = "backup"
    RESTORE = "restore"

    @property
    def about_person(self) -> bool:
        return self in PERSON_ACTIONS

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


PERSON_ACTIONS = frozenset({Action.VIEW_PERSON, Action.EDIT_PERSON, Action.WORK_TASKS, Action.RECORD_CONSENT,
                            Action.EXPORT_PERSON, Action.APPROVE, Action.OVERRIDE_FUNDING,
                            Action.FINALIZE_AGREEMENT})

ACTION_LABELS = {
    Action.VIEW_PERSON: "see a person's record",
    Action.EDIT_PERSON: "change a person's record, team or plan",
    Action.WORK_TASKS: "update a person's tasks",
    Action.RECORD_CONSENT: "record or revoke a release of information",
    Action.EXPORT_PERSON: "print or export a person's documents",
    Action.APPROVE: "approve plans and co-sign notes",
    Action.OVERRIDE_FUNDING: "override a funding authorization",
    Action.FINALIZE_AGREEMENT: "finalize an agreement for signature",
    Action.CREATE_PERSON: "add a person",
    Action.MANAGE_PARTNERS: "change the partner directory",
    Action.MANAGE_USERS: "create, disable and reset user accounts",
    Action.VIEW_AUDIT: "read and export the audit log",
    Action.BACKUP: "back up the store",
    Action.RESTORE: "restore the store from a backup",
}


class Reach(enum.Enum):
    """How far a permission reaches for a person-scoped action."""

    NONE = "no"
    ALL = "everyone"
    ORGANIZATION = "their organization's people"   # home organization, or the organization is on the team
    TEAM = "people whose team they are on"          # lead, or an active team member
    ALLOWED = "yes"                                # store-wide actions


_V, _E = Action.VIEW_PERSON, Action.EDIT_PERSON
ORG, TEAM, ALL, YES, NO = Reach.ORGANIZATION, Reach.TEAM, Reach.ALL, Reach.ALLOWED, Reach.NONE

# role -> action -> reach. Anything not listed is NO.
RULES: dict[Role, dict[Action, Reach]] = {
    Role.ADMINISTRATOR: {
        _V: ALL, _E: ALL, Action.WORK_TASKS: ALL, Action.RECORD_CONSENT: ALL, Action.EXPORT_PERSON: ALL,
        Action.CREATE_PERSON: YES, Action.MANAGE_PARTNERS: YES, Action.MANAGE_USERS: YES,
        Action.VIEW_AUDIT: YES, Action.BACKUP: YES, Action.RESTORE: YES,
    },
    Role.SUPERVISOR: {
        _V: ORG, _E: ORG, Action.WORK_TASKS: ORG, Action.RECORD_CONSENT: ORG, Action.EXPORT_PERSON: ORG,
        Action.APPROVE: ORG, Action.OVERRIDE_FUNDING: ORG, Action.FINALIZE_AGREEMENT: ORG,
        Action.CREATE_PERSON: YES, Action.MANAGE_PARTNERS: YES, Action.VIEW_AUDIT: YES, Action.BACKUP: YES,
    },
    Role.JOB_DEVELOPER: {
        _V: ORG, _E: TEAM, Action.WORK_TASKS: TEAM, Action.RECORD_CONSENT: TEAM, Action.EXPORT_PERSON: ORG,
        Action.CREATE_PERSON: YES, Action.MANAGE_PARTNERS: YES,
    },
    Role.PARTNER_STAFF: {
        _V: TEAM, Action.WORK_TASKS: TEAM, Action.EXPORT_PERSON: TEAM,
    },
    Role.AUDITOR: {
        _V: ALL, Action.EXPORT_PERSON: ALL, Action.VIEW_AUDIT: YES,
    },
}


def reach(actor: Actor, action: Action) -> Reach:
    return RULES.get(actor.role, {}).get(action, NO)


def scope(uow, actor: Actor, action: Action = Action.VIEW_PERSON) -> Scope:
    """The people `actor` reaches for `action`, for SQL filters on lists."""
    how = reach(actor, action)
    if how is ALL:
        return Scope(everyone=True)
    if how is ORG:
        return Scope(organization_id=actor.organization_id, staff_id=actor.staff_id, on=uow.today())
    if how is TEAM:
        return Scope(staff_id=actor.staff_id, on=uow.today())
    return Scope()


def _relation(uow, actor: Actor, person_id: uuid.UUID) -> Relation:
    # Not cached: a unit of work may change the lead or the team between two checks.
    rel = access_queries.relation(uow.session, person_id, staff_id=actor.staff_id,
                                  organization_id=actor.organization_id, on=uow.today())
    if rel is None:
        raise NotFound("That person's record was not found.")
    return rel


def require_store_wide(actor: Actor, action: Action) -> None:
    """The same check for an action about the store rather than a person: it reads no record, so it
    needs no unit of work (the window asks before opening a dialog for a backup or a restore)."""
    if action.about_person:
        raise ValueError(f"{action} is about a person: use require() with the person")
    require(None, actor, action)


def require(uow, actor: Actor, action: Action, person_id: uuid.UUID | None = None) -> None:
    """Raise PermissionDenied, in words the user understands, unless `actor` may do `action`."""
    if allowed(uow, actor, action, person_id):
        return
    how = reach(actor, action)
    role = actor.role.label
    if how is NO:
        raise PermissionDenied(f"Your role ({role}) may not {action.label}.")
    if how is TEAM:
        raise PermissionDenied(f"You may {action.label} only for people you lead or whose team you are on.")
    raise PermissionDenied(f"You may {action.label} only for people served by your organization or whose "
                           "team includes it.")


def allowed(uow, actor: Actor, action: Action, person_id: uuid.UUID | None = None) -> bool:
    how = reach(actor, action)
    if how in (ALL, YES):
        return True
    if how is NO or not action.about_person or person_id is None:
        return False
    rel = _relation(uow, actor, person_id)
    if how is TEAM:
        return rel.is_lead or rel.on_team
    home_is_ours = actor.organization_id is not None and rel.home_organization_id == actor.organization_id
    return rel.is_lead or rel.on_team or rel.organization_on_team or home_is_ours




def people_filter(uow, actor: Actor, action: Action = Action.VIEW_PERSON):
    """A SQL condition on people for list queries, or None when the account sees everyone."""
    reach_scope = scope(uow, actor, action)
    return None if reach_scope.everyone else access_queries.person_visible(reach_scope)


def tasks_filter(uow, actor: Actor):
    """The same condition on a task's person (tasks about no one person are left to the query)."""
    from caseteam.domain.tasks import Task

    reach_scope = scope(uow, actor, Action.VIEW_PERSON)
    return None if reach_scope.everyone else access_queries.person_visible(reach_scope, Task.person_id)
