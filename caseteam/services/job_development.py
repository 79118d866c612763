"""Job negotiations for one person with one employer: the employer's unmet needs, the proposal drawn from
the person's vocational themes, the status with its history, and the negotiated terms with the CIE
checklist (offer_check.py turns them into flags). A hire is recorded on the Employment page
(services/employment.py), which sets the status to Hired itself."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from caseteam.domain.consent import InformationCategory
from caseteam.domain.jobs import GoalMatch, JobNegotiation, NegotiationStatus, NegotiationStatusChange
from caseteam.errors import ValidationError
from caseteam.storage.queries import job_development as queries
from caseteam.storage.queries import people as people_queries
from caseteam.storage.queries.notes import user_names

from . import access, agency_plans, need_to_know
from .access import Action
from .actors import Actor
from .changes import Changes
from .disclosure_decisions import employer, list_disclosure_decisions
from .editing import apply_fields, audit_safe, check_version
from .offer_check import Flag, check_offer

TEXT_FIELDS = ("unmet_needs", "proposal", "themes", "duties", "schedule", "supports", "accommodations", "benefits")
TERM_FIELDS = ("job_title", "soc_code", "duties", "hours_per_week", "hourly_wage", "schedule", "supports",
               "accommodations", "start_date", "benefits", "customary_wage", "benefits_like_coworkers",
               "integrated_setting", "advancement", "ipe_match", "unmet_needs", "proposal", "themes")
CHECKLIST_FIELDS = ("benefits_like_coworkers", "integrated_setting", "advancement")
LABELS = {"hourly_wage": "The hourly wage", "customary_wage": "The customary wage", "hours_per_week": "Hours a week"}
HIRE_REFUSAL = ('A hire is recorded with "Record hire" on the Employment page: it starts the job record and sets '
                "the negotiation to Hired.")


@dataclass(frozen=True)
class StatusChangeRow:
    status: NegotiationStatus
    previous_status: NegotiationStatus | None
    changed_on: date
    changed_by_name: str
    note: str


@dataclass(frozen=True)
class NegotiationRow:
    id: uuid.UUID
    ref: str
    person_id: uuid.UUID
    organization_id: uuid.UUID
    employer_name: str
    status: NegotiationStatus
    status_on: date
    unmet_needs: str
    proposal: str
    themes: str
    job_title: str
    soc_code: str
    duties: str
    hours_per_week: Decimal | None
    hourly_wage: Decimal | None
    schedule: str
    supports: str
    accommodations: str
    start_date: date | None
    benefits: str
    customary_wage: Decimal | None
    benefits_like_coworkers: bool | None
    integrated_setting: bool | None
    advancement: bool | None
    ipe_match: GoalMatch
    declined_reason: str
    history: tuple[StatusChangeRow, ...]
    version: int


def _rows(uow, found: list[JobNegotiation]) -> list[NegotiationRow]:
    orgs = queries.organization_names(uow.session, [n.organization_id for n in found])
    names = user_names(uow.session, {h.changed_by_id for n in found for h in n.history})
    return [NegotiationRow(
        n.id, n.ref, n.person_id, n.organization_id, orgs.get(n.organization_id, ""), n.status, n.status_on,
        n.unmet_needs, n.proposal, n.themes, n.job_title, n.soc_code, n.duties, n.hours_per_week, n.hourly_wage,
        n.schedule, n.supports, n.accommodations, n.start_date, n.benefits, n.customary_wage,
        n.benefits_like_coworkers, n.integrated_setting, n.advancement, n.ipe_match, n.declined_reason,
        tuple(StatusChangeRow(h.status, h.previous_status, h.changed_on, names.get(h.changed_by_id, ""), h.note)
              for h in n.history), n.version) for n in found]


def _row(uow, n: JobNegotiation) -> NegotiationRow:
    return _rows(uow, [n])[0]


def parse_money(field: str, value, *, maximum: Decimal = Decimal("999.99")) -> Decimal | None:
    """A positive dollar amount with at most cents ("12.50", "$12.50"); blank means not known yet."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    label = LABELS.get(field, field)
    text = str(value).strip().replace("$", "").replace(",", "")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValidationError(field, f'{label} "{value}" is not a dollar amount: write it like 12.50.') from None
    if not amount.is_finite() or amount <= 0:
        raise ValidationError(field, f"{label} must be a positive dollar amount, e.g. 12.50.")
    if amount != amount.quantize(Decimal("0.01")):
        raise ValidationError(field, f"{label} is in dollars and cents: at most two digits after the point.")
    if amount > maximum:
        raise ValidationError(field, f"{label} looks too high ({text}); at most {maximum} an hour.")
    return amount.quantize(Decimal("0.01"))


def parse_hours(value) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        hours = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValidationError("hours_per_week", f'Hours a week "{value}" is not a number.') from None
    if not hours.is_finite() or not 0 < hours <= 80:
        raise ValidationError("hours_per_week", "Hours a week must be more than 0 and at most 80.")
    if hours != hours.quantize(Decimal("0.01")):
        raise ValidationError("hours_per_week", "Hours a week takes at most two digits after the point (e.g. 17.5).")
    return hours.quantize(Decimal("0.01"))


def _clean(values: dict) -> dict:
    unknown = sorted(set(values) - set(TERM_FIELDS))
    if unknown:
        raise ValidationError(unknown[0], f"{unknown[0]} is not one of a negotiation's terms.")
    out = dict(values)
    for name in ("hourly_wage", "customary_wage"):
        if name in out:
            out[name] = parse_money(name, out[name])
    if "hours_per_week" in out:
        out["hours_per_week"] = parse_hours(out["hours_per_week"])
    if "soc_code" in out:
        out["soc_code"] = agency_plans.clean_soc_code(out["soc_code"])
    if "job_title" in out:
        out["job_title"] = (out["job_title"] or "").strip()
        if len(out["job_title"]) > 200:
            raise ValidationError("job_title", "The job title is too long (at most 200 characters).")
    for name in TEXT_FIELDS:
        if name in out:
            out[name] = (out[name] or "").strip()
            if len(out[name]) > 10000:
                raise ValidationError(name, f"{name.replace('_', ' ').capitalize()} is too long (at most 10,000 "
                                            "characters).")
    for name in CHECKLIST_FIELDS:
        if name in out and out[name] not in (None, True, False):
            raise ValidationError(name, f"{name.replace('_', ' ').capitalize()} is answered yes, no or not yet.")
    if "ipe_match" in out:
        out["ipe_match"] = GoalMatch(out["ipe_match"])
    if "start_date" in out and out["start_date"] is not None and not isinstance(out["start_date"], date):
        raise ValidationError("start_date", "The start date is not a date.")
    return out


def _themes(uow, person_id: uuid.UUID) -> str:
    latest = people_queries.latest_profile_revision(uow.session, person_id)
    if latest is None:
        return ""
    return "\n".join(t for t in (latest.theme_1, latest.theme_2, latest.theme_3) if t)


def _move(uow, actor: Actor, n: JobNegotiation, status: NegotiationStatus, on: date, note: str) -> None:
    history = n.history  # loaded before the new row is staged, so autoflush cannot list it twice
    history.append(uow.add(NegotiationStatusChange(negotiation_id=n.id, status=status, previous_status=n.status,
                                                   changed_on=on, changed_by_id=actor.user_id,
                                                   note=(note or "").strip())))
    n.status, n.status_on, n.updated_at = status, on, uow.now()


def start_negotiation(uow, actor: Actor, person_id: uuid.UUID, *, organization_id: uuid.UUID,
                      status: NegotiationStatus = NegotiationStatus.IDEA, themes: str | None = None,
                      on: date | None = None, note: str = "", **terms) -> tuple[NegotiationRow, Changes]:
    access.require(uow, actor, Action.EDIT_PERSON, person_id)
    person = uow.people.get(person_id)
    org = employer(uow, organization_id)
    status = NegotiationStatus(status)
    if status is NegotiationStatus.HIRED:
        raise ValidationError("status", HIRE_REFUSAL)
    if status is NegotiationStatus.DECLINED:
        raise ValidationError("status", "A negotiation starts open; mark it declined once it is.")
    on = on or uow.today()
    if on > uow.today():
        raise ValidationError("on", "The status date cannot be in the future.")
    values = _clean({**terms, "themes": _themes(uow, person.id) if themes is None else themes})
    n = uow.add(JobNegotiation(ref=uow.references.next("negotiation"), person_id=person.id, organization_id=org.id,
                               status=status, status_on=on, ipe_match=GoalMatch.NOT_CHECKED, declined_reason=""))
    for name, value in values.items():
        setattr(n, name, value)
    n.history = [uow.add(NegotiationStatusChange(negotiation_id=n.id, status=status, previous_status=None,
                                                 changed_on=on, changed_by_id=actor.user_id,
                                                 note=(note or "").strip()))]
    uow.flush()
    uow.audit.record(actor, n, "started", changes=audit_safe({"employer": [None, org.name], "status": [None, status],
                                                              **{k: [None, v] for k, v in values.items() if v}}))
    return _row(uow, n), Changes(jobs=True)


def _editable(uow, actor: Actor, negotiation_id: uuid.UUID, version: int | None, *,
              include_archived: bool = False) -> JobNegotiation:
    n = queries.negotiation(uow.session, negotiation_id, include_archived=include_archived)
    access.require(uow, actor, Action.EDIT_PERSON, n.person_id)
    check_version(n, version, f"negotiation {n.ref}")
    return n


def update_negotiation(uow, actor: Actor, negotiation_id: uuid.UUID, *, version: int | None = None,
                       **fields) -> tuple[NegotiationRow, Changes]:
    n = _editable(uow, actor, negotiation_id, version)
    changed = apply_fields(n, _clean(fields), TERM_FIELDS)
    if not changed:
        return _row(uow, n), Changes()
    n.updated_at = uow.now()
    uow.flush()
    uow.audit.record(actor, n, "terms changed", changes=audit_safe(changed))
    return _row(uow, n), Changes(jobs=True)


def set_status(uow, actor: Actor, negotiation_id: uuid.UUID, status: NegotiationStatus, *,
               version: int | None = None, on: date | None = None, note: str = "",
               declined_reason: str | None = None) -> tuple[NegotiationRow, Changes]:
    """Move the negotiation on (or back); each move is kept in its history with the date and a note."""
    n = _editable(uow, actor, negotiation_id, version)
    status = NegotiationStatus(status)
    if status is NegotiationStatus.HIRED:
        raise ValidationError("status", HIRE_REFUSAL)
    if n.status is NegotiationStatus.HIRED:
        raise ValidationError("status", f"Negotiation {n.ref} ended in a hire; change the job on the Employment "
                                        "page instead.")
    if status is n.status:
        raise ValidationError("status", f"Negotiation {n.ref} is already at {status.label.lower()}.")
    on = on or uow.today()
    if on > uow.today():
        raise ValidationError("on", "The status date cannot be in the future.")
    if on < n.status_on:
        raise ValidationError("on", f"The date cannot be before {n.status_on:%b %d, %Y}, when the negotiation "
                                    f"reached {n.status.label.lower()}: the history reads in date order.")
    before = {"status": n.status, "status_on": n.status_on, "declined_reason": n.declined_reason}
    if status is NegotiationStatus.DECLINED:
        reason = (declined_reason if declined_reason is not None else n.declined_reason or "").strip()
        if not reason:
            raise ValidationError("declined_reason", "Say why it was declined (and by whom: the employer or the "
                                                     "person), so the next job developer knows.")
        n.declined_reason = reason
    _move(uow, actor, n, status, on, note)
    uow.flush()
    after = {"status": n.status, "status_on": n.status_on, "declined_reason": n.declined_reason}
    uow.audit.record(actor, n, "status changed", changes=audit_safe(
        {k: [before[k], after[k]] for k in before if before[k] != after[k]}))
    return _row(uow, n), Changes(jobs=True)


def set_negotiation_archived(uow, actor: Actor, negotiation_id: uuid.UUID, archived: bool, *,
                             version: int | None = None) -> tuple[NegotiationRow, Changes]:
    """Take a negotiation started by mistake out of the list (kept, restorable): the undo of starting one."""
    n = _editable(uow, actor, negotiation_id, version, include_archived=True)
    n.archived_at = uow.now() if archived else None
    n.updated_at = uow.now()
    uow.flush()
    uow.audit.record(actor, n, "archived" if archived else "restored")
    return _row(uow, n), Changes(jobs=True)


def _readable(uow, actor: Actor, person_id: uuid.UUID) -> None:
    access.require(uow, actor, Action.VIEW_PERSON, person_id)
    need_to_know.require_category(uow, actor, person_id, InformationCategory.EMPLOYMENT)


def list_negotiations(uow, actor: Actor, person_id: uuid.UUID) -> list[NegotiationRow]:
    _readable(uow, actor, person_id)
    return _rows(uow, queries.negotiations_of(uow.session, uow.people.get(person_id).id))


def get_negotiation(uow, actor: Actor, negotiation_id: uuid.UUID) -> NegotiationRow:
    n = queries.negotiation(uow.session, negotiation_id)
    _readable(uow, actor, n.person_id)
    return _row(uow, n)


def offer_flags(uow, actor: Actor, negotiation_id: uuid.UUID, *, benefit_year) -> tuple[Flag, ...]:
    """check_offer with the person's IPE in force today; `benefit_year` comes from the settings."""
    row = get_negotiation(uow, actor, negotiation_id)
    return check_offer(row, benefit_year=benefit_year, ipe=agency_plans.active_ipe(uow, actor, row.person_id))


@dataclass(frozen=True)
class JobDevelopmentView:
    """The Job development page in one answer."""
    negotiations: tuple[NegotiationRow, ...]
    flags: dict  # negotiation id -> tuple[Flag, ...]
    disclosures: dict  # employer organization id -> DisclosureDecisionRow
    plans: tuple  # AgencyPlanRow, open first
    active_ipe: object  # AgencyPlanRow | None
    employers: tuple[tuple[uuid.UUID, str], ...]
    organizations: tuple[tuple[uuid.UUID, str], ...]  # every organization, for an agency plan's agency
    themes: str
    person_name: str
    today: date


def job_development_view(uow, actor: Actor, person_id: uuid.UUID, *, benefit_year) -> JobDevelopmentView:
    negotiations = list_negotiations(uow, actor, person_id)
    ipe = agency_plans.active_ipe(uow, actor, person_id)
    person = uow.people.get(person_id)
    organizations = tuple(queries.agencies(uow.session))
    shown = need_to_know.visible(uow, actor, person_id)  # the themes are vocational-profile information
    themes = _themes(uow, person.id) if shown is None or InformationCategory.VOCATIONAL in shown else ""
    return JobDevelopmentView(
        tuple(negotiations), {n.id: check_offer(n, benefit_year=benefit_year, ipe=ipe) for n in negotiations},
        {d.organization_id: d for d in list_disclosure_decisions(uow, actor, person_id)},
        tuple(agency_plans.list_agency_plans(uow, actor, person_id)), ipe, tuple(queries.employers(uow.session)),
        organizations, themes, person.display_name, uow.today())
