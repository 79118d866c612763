"""Other agencies' plans, entered by hand so the team works to them: VR's Individualized Plan for
Employment (IPE) and the waiver's service plan, with the amendments the agency made. caseteam does not
own these plans; it mirrors the goal, dates and services the agency wrote."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date

from caseteam.domain.consent import InformationCategory
from caseteam.domain.jobs import AgencyPlan, AgencyPlanAmendment, AgencyPlanKind
from caseteam.errors import ValidationError
from caseteam.storage.queries import job_development as queries
from caseteam.storage.queries.notes import user_names

from . import access, need_to_know
from .access import Action
from .actors import Actor
from .changes import Changes
from .editing import audit_safe, check_version, required_text

SOC_PATTERN = re.compile(r"^\d{2}-\d{4}(\.\d{2})?$")
KEEP = object()  # "leave as it is" for an amendment's end date (None clears it)


@dataclass(frozen=True)
class AmendmentRow:
    id: uuid.UUID
    amended_on: date
    summary: str
    employment_goal: str
    services: str
    ends_on: date | None
    recorded_by_name: str


@dataclass(frozen=True)
class AgencyPlanRow:
    id: uuid.UUID
    ref: str
    person_id: uuid.UUID
    kind: AgencyPlanKind
    organization_id: uuid.UUID | None
    organization_name: str
    plan_number: str
    employment_goal: str
    soc_code: str
    starts_on: date | None
    ends_on: date | None
    services: str
    closed_on: date | None
    amendments: tuple[AmendmentRow, ...]
    version: int

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    def in_force(self, on: date) -> bool:
        return (self.closed_on is None and (self.starts_on is None or self.starts_on <= on)
                and (self.ends_on is None or self.ends_on >= on))


def _rows(uow, plans: list[AgencyPlan]) -> list[AgencyPlanRow]:
    """Rows for many plans with one look-up of agency names and one of who recorded the amendments."""
    names = user_names(uow.session, {a.recorded_by_id for plan in plans for a in plan.amendments})
    orgs = queries.organization_names(uow.session, [plan.organization_id for plan in plans])
    found = []
    for plan in plans:
        amendments = tuple(AmendmentRow(a.id, a.amended_on, a.summary, a.employment_goal, a.services, a.ends_on,
                                        names.get(a.recorded_by_id, "")) for a in plan.amendments)
        found.append(AgencyPlanRow(plan.id, plan.ref, plan.person_id, plan.kind, plan.organization_id,
                                   orgs.get(plan.organization_id, ""), plan.plan_number, plan.employment_goal,
                                   plan.soc_code, plan.starts_on, plan.ends_on, plan.services, plan.closed_on,
                                   amendments, plan.version))
    return found


def _row(uow, plan: AgencyPlan) -> AgencyPlanRow:
    return _rows(uow, [plan])[0]


def clean_soc_code(value: str | None, field: str = "soc_code") -> str:
    """An occupation code as VR's IPE writes it: 35-2021, or O*NET's 35-2021.00; blank when not known."""
    value = (value or "").strip()
    if value and not SOC_PATTERN.match(value):
        raise ValidationError(field, f'"{value}" is not an occupation (SOC) code: write it as two digits, a dash '
                                     "and four digits, e.g. 35-2021 (or 35-2021.00).")
    return value


def _goal_label(kind: AgencyPlanKind) -> str:
    return "The employment goal" if kind is AgencyPlanKind.VR_IPE else "The plan's outcomes"


def _check_dates(starts_on: date | None, ends_on: date | None) -> None:
    if starts_on is not None and ends_on is not None and ends_on < starts_on:
        raise ValidationError("ends_on", "The plan's end date cannot be before its start date.")


def add_agency_plan(uow, actor: Actor, person_id: uuid.UUID, *, kind: AgencyPlanKind,
                    organization_id: uuid.UUID | None = None, plan_number: str = "", employment_goal: str = "",
                    soc_code: str = "", starts_on: date | None = None, ends_on: date | None = None,
                    services: str = "") -> tuple[AgencyPlanRow, Changes]:
    access.require(uow, actor, Action.EDIT_PERSON, person_id)
    person = uow.people.get(person_id)
    kind = AgencyPlanKind(kind)
    goal = required_text("employment_goal", _goal_label(kind), employment_goal, max_length=4000)
    code = clean_soc_code(soc_code)
    _check_dates(starts_on, ends_on)
    if organization_id is not None:
        uow.organizations.get(organization_id)
    if kind is AgencyPlanKind.VR_IPE:
        for other in queries.open_ipes(uow.session, person.id):
            raise ValidationError("kind", f"{person.display_name} already has an open IPE ({other.ref}). Amend it, "
                                          "or close it first if VR wrote a new one.")
    plan = uow.add(AgencyPlan(ref=uow.references.next("agency_plan"), person_id=person.id, kind=kind,
                              organization_id=organization_id, plan_number=(plan_number or "").strip()[:60],
                              employment_goal=goal, soc_code=code, starts_on=starts_on, ends_on=ends_on,
                              services=(services or "").strip()))
    uow.flush()
    uow.audit.record(actor, plan, "recorded", changes=audit_safe({
        "kind": [None, kind], "employment_goal": [None, goal], "starts_on": [None, starts_on],
        "ends_on": [None, ends_on]}))
    return _row(uow, plan), Changes(jobs=True)


def _editable_plan(uow, actor: Actor, plan_id: uuid.UUID, version: int | None, *,
                   include_archived: bool = False) -> AgencyPlan:
    plan = queries.agency_plan(uow.session, plan_id, include_archived=include_archived)
    access.require(uow, actor, Action.EDIT_PERSON, plan.person_id)
    check_version(plan, version, f"plan {plan.ref}")
    return plan


def amend_agency_plan(uow, actor: Actor, plan_id: uuid.UUID, *, version: int | None = None, amended_on: date,
                      summary: str, employment_goal: str | None = None, services: str | None = None,
                      ends_on=KEEP) -> tuple[AgencyPlanRow, Changes]:
    """Record an amendment as the agency wrote it; the plan then shows the amended goal, services and end."""
    plan = _editable_plan(uow, actor, plan_id, version)
    if plan.closed_on is not None:
        raise ValidationError("plan", f"Plan {plan.ref} was closed on {plan.closed_on:%b %d, %Y}; a closed plan "
                                      "is not amended.")
    summary = required_text("summary", "What the amendment changed", summary, max_length=4000)
    if amended_on > uow.today():
        raise ValidationError("amended_on", "An amendment is recorded once the agency made it; the date is in the "
                                            "future.")
    if plan.starts_on is not None and amended_on < plan.starts_on:
        raise ValidationError("amended_on", f"The amendment date is before the plan started "
                                            f"({plan.starts_on:%b %d, %Y}).")
    goal = plan.employment_goal if employment_goal is None else \
        required_text("employment_goal", _goal_label(plan.kind), employment_goal, max_length=4000)
    new_services = plan.services if services is None else services.strip()
    new_end = plan.ends_on if ends_on is KEEP else ends_on
    _check_dates(plan.starts_on, new_end)
    before = {"employment_goal": plan.employment_goal, "services": plan.services, "ends_on": plan.ends_on}
    amendments = plan.amendments  # loaded before the new row is staged, so autoflush cannot list it twice
    amendment = uow.add(AgencyPlanAmendment(plan_id=plan.id, amended_on=amended_on, summary=summary,
                                            employment_goal=goal, services=new_services, ends_on=new_end,
                                            recorded_by_id=actor.user_id))
    amendments.append(amendment)
    plan.employment_goal, plan.services, plan.ends_on = goal, new_services, new_end
    plan.updated_at = uow.now()
    uow.flush()
    changed = {k: [v, getattr(plan, k)] for k, v in before.items() if v != getattr(plan, k)}
    uow.audit.record(actor, plan, "amended", changes=audit_safe(
        {"summary": [None, summary], "amended_on": [None, amended_on], **changed}))
    return _row(uow, plan), Changes(jobs=True)


def close_agency_plan(uow, actor: Actor, plan_id: uuid.UUID, *, version: int | None = None,
                      closed_on: date | None) -> tuple[AgencyPlanRow, Changes]:
    """Mark the plan closed (the agency closed or replaced it); None reopens it."""
    plan = _editable_plan(uow, actor, plan_id, version)
    if closed_on is not None and closed_on > uow.today():
        raise ValidationError("closed_on", "A plan is marked closed once the agency closed it; the date is in the "
                                           "future.")
    if closed_on is None and plan.kind is AgencyPlanKind.VR_IPE and \
            any(p.id != plan.id for p in queries.open_ipes(uow.session, plan.person_id)):
        raise ValidationError("plan", f"Plan {plan.ref} cannot be reopened: another IPE is open.")
    before = plan.closed_on
    plan.closed_on, plan.updated_at = closed_on, uow.now()
    uow.flush()
    uow.audit.record(actor, plan, "closed" if closed_on else "reopened",
                     changes=audit_safe({"closed_on": [before, closed_on]}))
    return _row(uow, plan), Changes(jobs=True)


def set_agency_plan_archived(uow, actor: Actor, plan_id: uuid.UUID, archived: bool, *,
                             version: int | None = None) -> tuple[AgencyPlanRow, Changes]:
    """Take a plan entered by mistake out of the list (kept, restorable): the undo of adding one."""
    plan = _editable_plan(uow, actor, plan_id, version, include_archived=True)
    plan.archived_at = uow.now() if archived else None
    plan.updated_at = uow.now()
    uow.flush()
    uow.audit.record(actor, plan, "archived" if archived else "restored")
    return _row(uow, plan), Changes(jobs=True)


def list_agency_plans(uow, actor: Actor, person_id: uuid.UUID) -> list[AgencyPlanRow]:
    access.require(uow, actor, Action.VIEW_PERSON, person_id)
    need_to_know.require_category(uow, actor, person_id, InformationCategory.EMPLOYMENT)
    return _rows(uow, queries.agency_plans_of(uow.session, uow.people.get(person_id).id))


def active_ipe(uow, actor: Actor, person_id: uuid.UUID) -> AgencyPlanRow | None:
    access.require(uow, actor, Action.VIEW_PERSON, person_id)
    need_to_know.require_category(uow, actor, person_id, InformationCategory.EMPLOYMENT)
    plan = queries.active_ipe(uow.session, person_id, uow.today())
    return _row(uow, plan) if plan is not None else None
