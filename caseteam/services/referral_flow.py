"""A referral's loop: who may act on it, and each status change with its event row and audit entry.

sent -> received -> accepted | declined (reason) -> in progress -> completed (outcome); accepted may go straight
to completed; the sending side may withdraw (with a reason) while it is open. The receiving organization's
users receive, accept, decline, start and complete; the sending organization's users withdraw and edit;
supervisors and administrators may do everything; auditors only read. Undo appends an event that takes the
loop one step back, so the history still reads exactly as it happened."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from caseteam.domain.organizations import OrganizationKind
from caseteam.domain.referrals import Referral, ReferralEvent, ReferralStatus
from caseteam.domain.tasks import TaskStatus
from caseteam.domain.teams import TeamRole
from caseteam.domain.users import Role
from caseteam.errors import Conflict, PermissionDenied, ValidationError
from caseteam.storage.queries import people as people_queries
from caseteam.storage.queries import referrals as queries

from . import access, tasks, teams
from .access import Action
from .actors import Actor
from .changes import Changes
from .editing import audit_safe, check_version, required_text
from .referral_rows import ReferralRow

S = ReferralStatus
CHANGED = Changes(referrals=True)
UNDONE = "Undone: "   # the note of an event that takes the loop back a step

# transition -> (statuses it starts from, status it leads to, side that may make it)
MOVES = {
    "receive": ((S.SENT,), S.RECEIVED, "to"),
    "accept": ((S.SENT, S.RECEIVED), S.ACCEPTED, "to"),
    "decline": ((S.SENT, S.RECEIVED), S.DECLINED, "to"),
    "start": ((S.ACCEPTED,), S.IN_PROGRESS, "to"),
    "complete": ((S.ACCEPTED, S.IN_PROGRESS), S.COMPLETED, "to"),
    "withdraw": ((S.SENT, S.RECEIVED, S.ACCEPTED, S.IN_PROGRESS), S.WITHDRAWN, "from"),
}
MOVE_TO = {status: name for name, (_, status, _) in MOVES.items()}
VERBS = {"receive": "mark as received", "accept": "accept", "decline": "decline", "start": "start",
         "complete": "complete", "withdraw": "withdraw", "edit": "change", "revert": "undo the last step of"}
AUDIT_ACTIONS = {S.RECEIVED: "received", S.ACCEPTED: "accepted", S.DECLINED: "declined", S.IN_PROGRESS: "started",
                 S.COMPLETED: "completed", S.WITHDRAWN: "withdrawn"}
ROLE_FOR_KIND = {OrganizationKind.VR_OFFICE: TeamRole.VR_COUNSELOR, OrganizationKind.MENTAL_HEALTH:
                 TeamRole.CASE_MANAGER, OrganizationKind.BENEFITS_PLANNING: TeamRole.BENEFITS_PLANNER,
                 OrganizationKind.DD_WAIVER: TeamRole.SUPPORT_COORDINATOR, OrganizationKind.CRP: TeamRole.JOB_COACH,
                 OrganizationKind.AMERICAN_JOB_CENTER: TeamRole.WORKFORCE_STAFF,
                 OrganizationKind.WORKFORCE_BOARD: TeamRole.WORKFORCE_STAFF,
                 OrganizationKind.SCHOOL_DISTRICT: TeamRole.TRANSITION_COORDINATOR,
                 OrganizationKind.INDEPENDENT_LIVING: TeamRole.ADVOCATE,
                 OrganizationKind.CLIENT_ASSISTANCE: TeamRole.ADVOCATE}


# --- reading and who may act -------------------------------------------------------------------------

def visible_clause(uow, actor: Actor):
    return queries.visible_clause(access.people_filter(uow, actor), actor.organization_id)


def may_see(uow, actor: Actor, r: Referral) -> bool:
    if actor.organization_id is not None and actor.organization_id in (r.from_organization_id,
                                                                        r.to_organization_id):
        return True
    return access.allowed(uow, actor, Action.VIEW_PERSON, r.person_id)


def load(uow, actor: Actor, referral_id: uuid.UUID | str) -> Referral:
    """The referral, when the actor may see it (else NotFound, as for a person they may not see)."""
    r = queries.referral(uow.session, referral_id)
    if not may_see(uow, actor, r):
        raise PermissionDenied(f"Referral {r.ref} is about a person you may not see and is neither to nor from "
                               "your organization.")
    return r


def rows(uow, found: list[Referral]) -> list[ReferralRow]:
    names = queries.names_for(uow.session, found)
    today = uow.today()
    return [ReferralRow.of(r, names, today) for r in found]


def row(uow, r: Referral) -> ReferralRow:
    uow.flush()
    return rows(uow, [r])[0]


def on_side(actor: Actor, r: Referral, side: str) -> bool:
    if actor.role in (Role.ADMINISTRATOR, Role.SUPERVISOR):
        return True
    org = r.to_organization_id if side == "to" else r.from_organization_id
    return actor.organization_id is not None and actor.organization_id == org


def _previous(events: list[ReferralEvent]) -> tuple[ReferralEvent | None, ReferralStatus | None]:
    """The step an undo would take back (the latest not yet undone) and the status before it."""
    stack: list[ReferralEvent] = []
    for e in events:
        if e.note.startswith(UNDONE) and len(stack) > 1:
            stack.pop()
        else:
            stack.append(e)
    if len(stack) < 2:
        return None, None
    return stack[-1], stack[-2].status


def _move_of(event: ReferralEvent) -> str:
    return MOVE_TO.get(event.status, "")


def allowed_moves(uow, actor: Actor, r: Referral) -> frozenset[str]:
    """The transitions (and "edit", "revert") this actor may make on the referral now."""
    if actor.role is Role.AUDITOR:
        return frozenset()
    out = {name for name, (starts, _, side) in MOVES.items() if r.status in starts and on_side(actor, r, side)}
    if not r.status.closed and (on_side(actor, r, "from") or on_side(actor, r, "to")):
        out.add("edit")
    last, _ = _previous(list(r.events))
    if last is not None and on_side(actor, r, MOVES[_move_of(last)][2]):
        out.add("revert")
    return frozenset(out)


def refuse_auditor(actor: Actor) -> None:
    if actor.role is Role.AUDITOR:
        raise PermissionDenied(f"Your role ({actor.role.label}) may read referrals but not change them.")


def refuse_off_side(uow, actor: Actor, r: Referral, side: str, move: str) -> None:
    if not on_side(actor, r, side):
        org = uow.organizations.get(r.to_organization_id if side == "to" else r.from_organization_id)
        who = "receiving" if side == "to" else "sending"
        raise PermissionDenied(f"Only the {who} organization ({org.name}), a supervisor or an administrator may "
                               f"{VERBS[move]} referral {r.ref}.")


def _refuse_unless(uow, actor: Actor, r: Referral, move: str) -> None:
    refuse_auditor(actor)
    starts, _, side = MOVES[move]
    if r.status not in starts:
        raise ValidationError("status", f"Referral {r.ref} is {r.status.label.lower()}; it cannot be "
                                        f"{_past(move)} now.")
    refuse_off_side(uow, actor, r, side, move)


def _past(move: str) -> str:
    return {"receive": "marked as received", "accept": "accepted", "decline": "declined", "start": "started",
            "complete": "completed", "withdraw": "withdrawn"}[move]


def _day(uow, r: Referral, on: date | None, field: str = "on") -> date:
    day = on or uow.today()
    if day > uow.today():
        raise ValidationError(field, f"{day.isoformat()} is in the future; record a step on the day it happens.")
    if day < r.status_on:
        raise ValidationError(field, f"Referral {r.ref} was {r.status.label.lower()} on {r.status_on.isoformat()}; "
                                     "the next step cannot be dated earlier.")
    return day


def add_event(uow, actor: Actor, r: Referral, status: ReferralStatus, on: date, *, staff_id=None,
              note: str = "") -> ReferralEvent:
    at = uow.now()
    if r.events and r.events[-1].at >= at:  # a clock that stands still (the demo's) still keeps them in order
        at = r.events[-1].at + timedelta(microseconds=1)
    event = uow.add(ReferralEvent(referral_id=r.id, status=status, on=on, at=at, actor_id=actor.user_id,
                                  staff_id=staff_id if staff_id is not None else actor.staff_id,
                                  note=(note or "").strip()))
    r.events.append(event)
    return event


def _move(uow, actor: Actor, referral_id, move: str, *, version: int | None, on: date | None, note: str = "",
          staff_id=None, sets: dict | None = None) -> Referral:
    """One step: the status, its day, the event, the fields the step sets (`sets`), one audit entry."""
    r = load(uow, actor, referral_id)
    check_version(r, version, f"referral {r.ref}")
    _refuse_unless(uow, actor, r, move)
    day = _day(uow, r, on)
    before = r.status
    status = MOVES[move][1]
    changed = {name: [getattr(r, name), value] for name, value in (sets or {}).items() if getattr(r, name) != value}
    for name, value in (sets or {}).items():
        setattr(r, name, value)
    r.status, r.status_on, r.updated_at = status, day, uow.now()
    add_event(uow, actor, r, status, day, staff_id=staff_id, note=note)
    uow.flush()
    changes = {"status": [before.value, status.value], "on": [None, day.isoformat()]}
    uow.audit.record(actor, r, AUDIT_ACTIONS[status], changes={**changes, **audit_safe(changed)})
    return r


def _worded(uow, actor: Actor, referral_id, move: str, words: str, *, field: str, label: str, keep: str = "",
            version: int | None, on: date | None) -> tuple[ReferralRow, Changes]:
    """A step that needs its words (a reason, an outcome), kept on the referral in `keep` when given."""
    words = required_text(field, label, words, max_length=2000)
    r = _move(uow, actor, referral_id, move, version=version, on=on, note=words,
              sets={keep: words} if keep else None)
    return row(uow, r), CHANGED


# --- the transitions -----------------------------------------------------------------------------------

def mark_received(uow, actor: Actor, referral_id, *, version: int | None, on: date | None = None,
                  note: str = "") -> tuple[ReferralRow, Changes]:
    r = _move(uow, actor, referral_id, "receive", version=version, on=on, note=note)
    return row(uow, r), CHANGED


def _taker(uow, actor: Actor, r: Referral, staff_id) -> uuid.UUID | None:
    """Who takes it: the one chosen, else the one it was sent to, else the accepting user's own staff member
    when they work for the receiving organization."""
    own = actor.staff_id if actor.organization_id == r.to_organization_id else None
    staff_id = staff_id or r.to_staff_id or own
    if staff_id is None:
        return None
    staff = uow.staff.get(staff_id)
    if staff.organization_id != r.to_organization_id:
        raise ValidationError("staff_id", f"{staff.name} works for {staff.organization.name}, not for "
                                          f"{uow.organizations.get(r.to_organization_id).name}, which received "
                                          f"referral {r.ref}.")
    if not staff.active:
        raise ValidationError("staff_id", f"{staff.name} is no longer active; choose who takes referral {r.ref}.")
    return staff.id


def accept_referral(uow, actor: Actor, referral_id, *, version: int | None, staff_id=None, add_to_team: bool = True,
                    team_role: TeamRole | None = None, first_task_title: str = "", first_task_due: date | None = None,
                    on: date | None = None, note: str = "") -> tuple[ReferralRow, Changes]:
    """Accept, naming the receiving staff member who takes it; optionally put them on the person's team and give
    them the first task (both recorded on the referral, so undo takes them back)."""
    r = load(uow, actor, referral_id)
    _refuse_unless(uow, actor, r, "accept")
    taker = _taker(uow, actor, r, staff_id)
    title = (first_task_title or "").strip()
    if (add_to_team or title) and taker is None:
        raise ValidationError("staff_id", "Choose the staff member who takes the referral, to put them on the "
                                          "team or give them the first task.")
    r = _move(uow, actor, r.id, "accept", version=version, on=on, note=note, staff_id=taker,
              sets={"to_staff_id": taker})
    changes = CHANGED
    if add_to_team and not _on_team(uow, r.person_id, taker):
        kind = uow.organizations.get(r.to_organization_id).kind
        member, _ = teams.add_referred_staff(uow, actor, r.person_id, staff_id=taker, start_date=r.status_on,
                                             role=team_role or ROLE_FOR_KIND.get(kind, TeamRole.OTHER))
        r.team_member_id = member.id
        changes |= Changes(teams=True)
    if title:
        task, _ = tasks.create_referral_task(uow, actor, title=title, person_id=r.person_id,
                                             organization_id=r.to_organization_id, staff_id=taker,
                                             due=first_task_due)
        r.first_task_id = task.id
        changes |= Changes(tasks=True)
    return row(uow, r), changes


def _on_team(uow, person_id, staff_id) -> bool:
    view = people_queries.team_for(uow.session, person_id)
    return bool(view) and any(m.staff_id == staff_id and m.end_date is None and m.archived_at is None
                              for m in view.members)


def decline_referral(uow, actor: Actor, referral_id, *, version: int | None, reason: str,
                     on: date | None = None) -> tuple[ReferralRow, Changes]:
    return _worded(uow, actor, referral_id, "decline", reason, field="reason", label="The reason for declining",
                   keep="decline_reason", version=version, on=on)


def start_referral(uow, actor: Actor, referral_id, *, version: int | None, on: date | None = None,
                   note: str = "") -> tuple[ReferralRow, Changes]:
    r = _move(uow, actor, referral_id, "start", version=version, on=on, note=note)
    return row(uow, r), CHANGED


def complete_referral(uow, actor: Actor, referral_id, *, version: int | None, outcome: str,
                      on: date | None = None) -> tuple[ReferralRow, Changes]:
    return _worded(uow, actor, referral_id, "complete", outcome, field="outcome", label="The outcome",
                   keep="outcome", version=version, on=on)


def withdraw_referral(uow, actor: Actor, referral_id, *, version: int | None, reason: str,
                      on: date | None = None) -> tuple[ReferralRow, Changes]:
    return _worded(uow, actor, referral_id, "withdraw", reason, field="reason", label="The reason for withdrawing",
                   version=version, on=on)


def revert_referral(uow, actor: Actor, referral_id, *, version: int | None) -> tuple[ReferralRow, Changes]:
    """Undo the latest step (Edit > Undo). Undoing an acceptance ends the team membership and cancels the first
    task it made; refused with Conflict when that task was worked on since."""
    r = load(uow, actor, referral_id)
    check_version(r, version, f"referral {r.ref}")
    refuse_auditor(actor)
    last, back_to = _previous(list(r.events))
    if last is None:
        raise ValidationError("status", f"Referral {r.ref} has no step to undo since it was sent.")
    refuse_off_side(uow, actor, r, MOVES[_move_of(last)][2], "revert")
    changes = CHANGED
    before = r.status
    if last.status is S.ACCEPTED:
        changes |= _undo_acceptance(uow, actor, r)
    if last.status is S.DECLINED:
        r.decline_reason = ""
    if last.status is S.COMPLETED:
        r.outcome = ""
    previous_on = max((e.on for e in r.events if e.status is back_to and e is not last), default=r.sent_on)
    r.status, r.status_on, r.updated_at = back_to, previous_on, uow.now()
    add_event(uow, actor, r, back_to, uow.today(), note=f"{UNDONE}{before.label.lower()} on {last.on.isoformat()}")
    uow.flush()
    uow.audit.record(actor, r, "step undone", changes={"status": [before.value, back_to.value]})
    return row(uow, r), changes


def _undo_acceptance(uow, actor: Actor, r: Referral) -> Changes:
    changes = Changes()
    if r.first_task_id is not None:
        task = uow.tasks.get(r.first_task_id, include_archived=True)
        if task.status not in (TaskStatus.OPEN, TaskStatus.CANCELLED):
            raise Conflict(f"Task {task.ref}, which accepting referral {r.ref} made, is {task.status.label.lower()} "
                           "now; undo that first.")
        if task.status is TaskStatus.OPEN:
            task.status, task.updated_at = TaskStatus.CANCELLED, uow.now()
            uow.flush()
            uow.audit.record(actor, task, "cancelled", reason=f"Acceptance of referral {r.ref} undone",
                             changes={"status": [TaskStatus.OPEN.value, TaskStatus.CANCELLED.value]})
        r.first_task_id = None
        changes |= Changes(tasks=True)
    if r.team_member_id is not None:
        member = uow.team_members.get(r.team_member_id, include_archived=True)
        if member.end_date is None and member.archived_at is None:
            # Joined the same day: archived (as if never added); otherwise ended today.
            if member.start_date >= uow.today():
                member.archived_at = uow.now()
                action = "archived"
            else:
                member.end_date = uow.today()
                action = "ended"
            member.updated_at = uow.now()
            uow.flush()
            uow.audit.record(actor, member, action, reason=f"Acceptance of referral {r.ref} undone",
                             changes={"referral": [r.ref, None]})
        r.team_member_id = None
        changes |= Changes(teams=True)
    return changes
