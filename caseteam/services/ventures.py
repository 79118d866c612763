"""Self-employment: a business idea drawn from the person's vocational themes, feasibility steps, the
business plan, start-up costs by item and funder, benefits-planning and PASS notes, and the launch, which
makes a job row (pointing at the venture) so follow-along works as for any other job."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal, InvalidOperation

from caseteam.domain.consent import InformationCategory
from caseteam.domain.employment import Job, SeparationReason
from caseteam.domain.people import Stage
from caseteam.domain.ventures import StartupCost, Venture, VentureStatus, VentureStep
from caseteam.errors import ValidationError
from caseteam.storage.queries import job_development as job_queries
from caseteam.storage.queries import ventures as queries

from . import access, discovery, need_to_know
from . import people as people_service
from .access import Action
from .actors import Actor
from .changes import Changes
from .editing import apply_fields, audit_safe, check_version, required_text
from .venture_rows import CENT, UNDECIDED, CostRow, FunderTotal, StepRow, VentureRow, totals_by_funder

__all__ = ["VentureRow", "StepRow", "CostRow", "FunderTotal", "totals_by_funder", "UNDECIDED", "PLAN_SECTIONS",
           "SETTABLE_STATUSES", "start_venture", "update_venture", "set_venture_archived", "list_ventures",
           "get_venture", "add_step", "set_step_done", "move_step", "remove_step", "add_cost", "update_cost",
           "remove_cost", "launch", "close_venture"]

PLAN_SECTIONS = (("plan_description", "The business"), ("plan_market", "Customers and market"),
                 ("plan_operations", "How it runs"), ("plan_marketing", "Reaching customers"),
                 ("plan_finances", "Money: prices, costs, earnings"))
TEXT_FIELDS = ("business_name", "idea", "themes", *(key for key, _label in PLAN_SECTIONS), "benefits_notes",
               "pass_notes")
# Launch and close have their own calls: they make or end the job row.
SETTABLE_STATUSES = (VentureStatus.EXPLORING, VentureStatus.FEASIBILITY, VentureStatus.PLANNING)


def _row(uow, venture: Venture) -> VentureRow:
    names = job_queries.organization_names(uow.session, [c.funder_organization_id for c in venture.costs])
    costs = tuple(CostRow(c.id, venture.id, c.position, c.item, Decimal(c.amount).quantize(CENT),
                          c.funder_organization_id, c.funder_name,
                          names.get(c.funder_organization_id) or c.funder_name or UNDECIDED) for c in venture.costs)
    totals, total = totals_by_funder(costs)
    steps = tuple(StepRow(s.id, venture.id, s.position, s.description, s.due, s.done_on) for s in venture.steps)
    job = queries.job_of(uow.session, venture.id)
    return VentureRow(venture.id, venture.ref, venture.person_id, venture.business_name, venture.idea, venture.themes,
                      venture.status, venture.launch_date, venture.plan_description, venture.plan_market,
                      venture.plan_operations, venture.plan_marketing, venture.plan_finances, venture.benefits_notes,
                      venture.pass_notes, steps, costs, totals, total, job.id if job else None,
                      job.ref if job else "", venture.version)


def _check(uow, actor: Actor, person_id: uuid.UUID, action: Action = Action.EDIT_PERSON) -> None:
    access.require(uow, actor, action, person_id)
    need_to_know.require_category(uow, actor, person_id, InformationCategory.EMPLOYMENT)


def _venture(uow, actor: Actor, venture_id: uuid.UUID, version: int | None = None, *,
             action: Action = Action.EDIT_PERSON, include_archived: bool = False) -> Venture:
    venture = queries.venture(uow.session, venture_id, include_archived=include_archived)
    _check(uow, actor, venture.person_id, action)
    check_version(venture, version, f"venture {venture.ref}")
    return venture


def _touch(uow, venture: Venture) -> None:
    # A change to a step or a cost is a change to the venture: its version moves, so stale copies conflict.
    venture.updated_at = uow.now()
    uow.flush()


# --- the venture -------------------------------------------------------------------------------------

def start_venture(uow, actor: Actor, person_id: uuid.UUID, *, business_name: str, idea: str = "",
                  themes: str | None = None) -> tuple[VentureRow, Changes]:
    """A new idea; its themes start from the person's latest vocational profile unless given."""
    _check(uow, actor, person_id)
    person = uow.people.get(person_id)
    name = required_text("business_name", "The business name (or a working name)", business_name)
    if themes is None:
        profile = discovery.latest_profile(uow, actor, person.id)
        themes = "\n".join(profile.themes) if profile else ""
    venture = uow.add(Venture(ref=uow.references.next("venture"), person_id=person.id, business_name=name,
                              idea=(idea or "").strip(), themes=(themes or "").strip(), status=VentureStatus.EXPLORING,
                              plan_description="", plan_market="", plan_operations="", plan_marketing="",
                              plan_finances="", benefits_notes="", pass_notes=""))
    uow.flush()
    uow.audit.record(actor, venture, "started", changes={"ref": [None, venture.ref], "business_name": [None, name]})
    return _row(uow, venture), Changes(ventures=True)


def update_venture(uow, actor: Actor, venture_id: uuid.UUID, *, version: int | None = None,
                   **values) -> tuple[VentureRow, Changes]:
    """Plan sections, benefits and PASS notes, name, idea, themes, and the status before launch."""
    venture = _venture(uow, actor, venture_id, version)
    if "business_name" in values:
        values["business_name"] = required_text("business_name", "The business name", values["business_name"])
    if "status" in values:
        status = VentureStatus(values["status"])
        if status not in SETTABLE_STATUSES:
            raise ValidationError("status", "Use Launch… to launch the business and Close to close it.")
        if venture.status in (VentureStatus.LAUNCHED, VentureStatus.CLOSED) and status != venture.status:
            raise ValidationError("status", f"{venture.business_name} is {venture.status.label.lower()}; "
                                            "its status no longer goes back to planning.")
        values["status"] = status
    for key in TEXT_FIELDS:
        if key in values:
            values[key] = (values[key] or "").strip()
            if len(values[key]) > 20000:
                raise ValidationError(key, "This section is too long (at most 20,000 characters).")
    changed = apply_fields(venture, values, (*TEXT_FIELDS, "status"))
    if changed:
        _touch(uow, venture)
        uow.audit.record(actor, venture, "updated", changes=audit_safe(
            {k: v if k in ("business_name", "status") else ["…", "changed"] for k, v in changed.items()}))
    return _row(uow, venture), Changes(ventures=True)


def set_venture_archived(uow, actor: Actor, venture_id: uuid.UUID, archived: bool, *,
                         version: int | None = None) -> tuple[VentureRow, Changes]:
    """Archive (the undo of starting one) or restore."""
    venture = _venture(uow, actor, venture_id, version, include_archived=True)
    if archived and queries.job_of(uow.session, venture.id) is not None:
        raise ValidationError("venture", f"{venture.business_name} has launched; close it instead of archiving it.")
    venture.archived_at = uow.now() if archived else None
    _touch(uow, venture)
    uow.audit.record(actor, venture, "archived" if archived else "restored")
    return _row(uow, venture), Changes(ventures=True)


def list_ventures(uow, actor: Actor, person_id: uuid.UUID) -> list[VentureRow]:
    _check(uow, actor, person_id, Action.VIEW_PERSON)
    return [_row(uow, v) for v in queries.ventures_of(uow.session, person_id)]


def get_venture(uow, actor: Actor, venture_id: uuid.UUID) -> VentureRow:
    return _row(uow, _venture(uow, actor, venture_id, action=Action.VIEW_PERSON))


# --- feasibility steps ---------------------------------------------------------------------------------

def add_step(uow, actor: Actor, venture_id: uuid.UUID, *, description: str, due: date | None = None,
             position: int | None = None) -> tuple[VentureRow, Changes]:
    """At the end, or at `position` (1 = first; how an undone removal puts a step back)."""
    venture = _venture(uow, actor, venture_id)
    text = required_text("description", "What the step is", description, max_length=2000)
    steps = list(venture.steps)  # read before the new step exists, which must not be listed twice
    new = uow.add(VentureStep(venture_id=venture.id, description=text, due=due, position=0))
    return _put_in_order(uow, actor, venture, "steps", _inserted(steps, new, position), "step added",
                         {"step": [None, text]})


def _inserted(entries, new, position: int | None) -> list:
    """The entries with `new` at the end, or at `position` (1 = first)."""
    ordered = list(entries)  # a copy: the caller's list stays as it was
    ordered.insert(len(ordered) if position is None else max(0, min(position - 1, len(ordered))), new)
    return ordered


def _put_in_order(uow, actor: Actor, venture: Venture, attr: str, ordered: list, event: str,
                  changes: dict) -> tuple[VentureRow, Changes]:
    """The venture's steps or costs (`attr`) as `ordered` has them, numbered from 1, and the audit entry."""
    setattr(venture, attr, ordered)
    for number, entry in enumerate(ordered, start=1):
        entry.position = number
    _touch(uow, venture)
    uow.audit.record(actor, venture, event, changes=changes)
    return _row(uow, venture), Changes(ventures=True)


def set_step_done(uow, actor: Actor, step_id: uuid.UUID, *, done_on: date | None) -> tuple[VentureRow, Changes]:
    """Done on a date (not in the future), or None to mark it not done again."""
    step = queries.step(uow.session, step_id)
    venture = _venture(uow, actor, step.venture_id)
    if done_on is not None and done_on > uow.today():
        raise ValidationError("done_on", "A step is marked done once it is done; the date is in the future.")
    before, step.done_on = step.done_on, done_on
    _touch(uow, venture)
    uow.audit.record(actor, venture, "step done" if done_on else "step reopened",
                     changes=audit_safe({"step": [step.description, step.description], "done_on": [before, done_on]}))
    return _row(uow, venture), Changes(ventures=True)


def move_step(uow, actor: Actor, step_id: uuid.UUID, offset: int) -> tuple[VentureRow, Changes]:
    """Up (-1) or down (+1) the list."""
    step = queries.step(uow.session, step_id)
    venture = _venture(uow, actor, step.venture_id)
    steps = list(venture.steps)
    here = steps.index(step)
    there = max(0, min(here + offset, len(steps) - 1))
    steps.insert(there, steps.pop(here))
    return _put_in_order(uow, actor, venture, "steps", steps, "step moved", {"step": [here + 1, there + 1]})


def remove_step(uow, actor: Actor, step_id: uuid.UUID) -> tuple[VentureRow, Changes]:
    """The step is deleted; the audit entry keeps what it said (undo adds it back at its place)."""
    step = queries.step(uow.session, step_id)
    venture = _venture(uow, actor, step.venture_id)
    return _put_in_order(uow, actor, venture, "steps", [s for s in venture.steps if s.id != step.id],
                         "step removed", audit_safe({"step": [step.description, None], "due": [step.due, None],
                                                     "position": [step.position, None]}))


# --- start-up costs --------------------------------------------------------------------------------------

def _amount(value) -> Decimal:
    try:
        amount = Decimal(str(value).replace("$", "").replace(",", "").strip())
    except (InvalidOperation, ValueError):
        raise ValidationError("amount", f'"{value}" is not an amount of money (for example 250.00).') from None
    if not amount.is_finite() or amount <= 0 or amount >= Decimal("100000000"):
        raise ValidationError("amount", "The amount must be more than 0 and less than 100,000,000.")
    if amount != amount.quantize(CENT):
        raise ValidationError("amount", "The amount has more than two decimal places (cents).")
    return amount.quantize(CENT)


def _funder(uow, organization_id: uuid.UUID | None, name: str) -> tuple[uuid.UUID | None, str]:
    if organization_id is not None:
        return uow.organizations.get(organization_id).id, ""
    name = (name or "").strip()
    if len(name) > 200:
        raise ValidationError("funder_name", "The funder's name is too long (at most 200 characters).")
    return None, name


def add_cost(uow, actor: Actor, venture_id: uuid.UUID, *, item: str, amount, funder_organization_id=None,
             funder_name: str = "", position: int | None = None) -> tuple[VentureRow, Changes]:
    """An item to buy and who pays: an organization in the directory, or a typed name ("PASS plan")."""
    venture = _venture(uow, actor, venture_id)
    text = required_text("item", "What the money is for", item)
    money = _amount(amount)
    org_id, name = _funder(uow, funder_organization_id, funder_name)
    costs = list(venture.costs)
    new = uow.add(StartupCost(venture_id=venture.id, item=text, amount=money, funder_organization_id=org_id,
                              funder_name=name, position=0))
    return _put_in_order(uow, actor, venture, "costs", _inserted(costs, new, position), "cost added",
                         audit_safe({"item": [None, text], "amount": [None, money]}))


def update_cost(uow, actor: Actor, cost_id: uuid.UUID, *, item: str, amount, funder_organization_id=None,
                funder_name: str = "") -> tuple[VentureRow, Changes]:
    cost = queries.cost(uow.session, cost_id)
    venture = _venture(uow, actor, cost.venture_id)
    before = {"item": cost.item, "amount": cost.amount}
    cost.item = required_text("item", "What the money is for", item)
    cost.amount = _amount(amount)
    cost.funder_organization_id, cost.funder_name = _funder(uow, funder_organization_id, funder_name)
    _touch(uow, venture)
    uow.audit.record(actor, venture, "cost changed", changes=audit_safe(
        {"item": [before["item"], cost.item], "amount": [before["amount"], cost.amount]}))
    return _row(uow, venture), Changes(ventures=True)


def remove_cost(uow, actor: Actor, cost_id: uuid.UUID) -> tuple[VentureRow, Changes]:
    cost = queries.cost(uow.session, cost_id)
    venture = _venture(uow, actor, cost.venture_id)
    return _put_in_order(uow, actor, venture, "costs", [c for c in venture.costs if c.id != cost.id],
                         "cost removed", audit_safe({"item": [cost.item, None], "amount": [cost.amount, None]}))


# --- launch and close ----------------------------------------------------------------------------------------

def _positive(field: str, label: str, value, limit: Decimal) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationError(field, f'{label}: "{value}" is not a number.') from None
    if not number.is_finite() or number < 0 or number > limit:
        raise ValidationError(field, f"{label} must be between 0 and {limit}.")
    return number.quantize(CENT)


def launch(uow, actor: Actor, venture_id: uuid.UUID, *, launch_date: date, hours_per_week,
           hourly_earnings, version: int | None = None) -> tuple[VentureRow, Changes]:
    """The business opens: a job row ("Owner, <business>") for follow-along, and the person moves to
    Employed (unless already there)."""
    venture = _venture(uow, actor, venture_id, version)
    if venture.status in (VentureStatus.LAUNCHED, VentureStatus.CLOSED):
        raise ValidationError("status", f"{venture.business_name} is already {venture.status.label.lower()}.")
    if launch_date is None:
        raise ValidationError("launch_date", "Give the date the business opened.")
    if launch_date > uow.today():
        raise ValidationError("launch_date", "Record the launch once the business has opened; the date is in "
                                             "the future.")
    hours = _positive("hours_per_week", "Hours a week", hours_per_week, Decimal("100"))
    if hours == 0:
        raise ValidationError("hours_per_week", "Hours a week must be more than 0.")
    earnings = _positive("hourly_earnings", "Expected earnings an hour", hourly_earnings, Decimal("1000"))
    job = uow.add(Job(ref=uow.references.next("job"), person_id=venture.person_id, organization_id=None,
                      venture_id=venture.id, job_title=f"Owner, {venture.business_name}"[:200],
                      duties=venture.plan_operations, hours_per_week=hours, hourly_wage=earnings, benefits="",
                      start_date=launch_date, separation_note=""))
    venture.status, venture.launch_date = VentureStatus.LAUNCHED, launch_date
    _touch(uow, venture)
    uow.audit.record(actor, venture, "launched", changes=audit_safe(
        {"launch_date": [None, launch_date], "job": [None, job.ref], "hours_per_week": [None, hours],
         "hourly_earnings": [None, earnings]}))
    uow.audit.record(actor, job, "started", changes={"ref": [None, job.ref], "venture": [None, venture.ref]})
    changes = Changes(ventures=True, jobs=True)
    person = uow.people.get(venture.person_id)
    if person.stage is not Stage.EMPLOYED:
        entered = max(launch_date, person.stage_entered_on)
        _person, moved = people_service.change_stage(uow, actor, person.id, Stage.EMPLOYED, entered_on=entered,
                                                     reason=f"Self-employment: {venture.business_name} opened")
        changes = changes | moved
    return _row(uow, venture), changes


def close_venture(uow, actor: Actor, venture_id: uuid.UUID, *, closed_on: date, reason: str = "",
                  version: int | None = None) -> tuple[VentureRow, Changes]:
    """The business closes (or the idea is dropped); a launched one's job ends as "Business closed"."""
    venture = _venture(uow, actor, venture_id, version)
    if venture.status is VentureStatus.CLOSED:
        raise ValidationError("status", f"{venture.business_name} is already closed.")
    if closed_on is None or closed_on > uow.today():
        raise ValidationError("closed_on", "Give the date it closed (today or earlier).")
    changes = Changes(ventures=True)
    job = queries.job_of(uow.session, venture.id)
    if job is not None and job.separated_on is None:
        if closed_on < job.start_date:
            raise ValidationError("closed_on", f"{venture.business_name} opened on {job.start_date:%b %d, %Y}; it "
                                               "cannot close earlier.")
        job.separated_on, job.separation_reason = closed_on, SeparationReason.BUSINESS_CLOSED
        job.separation_note, job.updated_at = (reason or "").strip(), uow.now()
        uow.audit.record(actor, job, "separated", changes=audit_safe(
            {"separated_on": [None, closed_on], "separation_reason": [None, SeparationReason.BUSINESS_CLOSED]}))
        changes = changes | Changes(jobs=True)
    before, venture.status = venture.status, VentureStatus.CLOSED
    _touch(uow, venture)
    uow.audit.record(actor, venture, "closed", reason=(reason or "").strip(),
                     changes=audit_safe({"status": [before, VentureStatus.CLOSED], "closed_on": [None, closed_on]}))
    return _row(uow, venture), changes
