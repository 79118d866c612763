"""The person's decision about disclosing their disability to each employer (not at all, partly, fully)
and what may be said: one decision per person and employer, its earlier versions kept in the audit log,
shown wherever that employer is contacted. Not to be confused with the consent disclosure log (what
was shared with a partner under a release)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from caseteam.domain.consent import InformationCategory
from caseteam.domain.jobs import DisclosureDecision, DisclosureLevel
from caseteam.domain.organizations import OrganizationKind
from caseteam.errors import ValidationError
from caseteam.storage.queries import job_development as queries
from caseteam.storage.queries.notes import user_names

from . import access, need_to_know
from .access import Action
from .actors import Actor
from .changes import Changes
from .editing import audit_safe, check_version


@dataclass(frozen=True)
class DisclosureDecisionRow:
    id: uuid.UUID
    person_id: uuid.UUID
    organization_id: uuid.UUID
    employer_name: str
    level: DisclosureLevel
    what_may_be_said: str
    decided_on: date
    recorded_by_name: str
    version: int

    @property
    def words(self) -> str:
        """One line for wherever the employer is contacted."""
        if self.level is DisclosureLevel.NOT_AT_ALL:
            return f"Disclosure to {self.employer_name}: not at all (decided {self.decided_on:%b %d, %Y}). " \
                   "Say nothing about the person's disability."
        return f"Disclosure to {self.employer_name}: {self.level.label.lower()} (decided " \
               f"{self.decided_on:%b %d, %Y}). What may be said: {self.what_may_be_said}"


def _rows(uow, found: list[DisclosureDecision]) -> list[DisclosureDecisionRow]:
    """Rows for many decisions with one look-up of employer names and one of who recorded them."""
    orgs = queries.organization_names(uow.session, [d.organization_id for d in found])
    by = user_names(uow.session, {d.recorded_by_id for d in found})
    return [DisclosureDecisionRow(d.id, d.person_id, d.organization_id, orgs.get(d.organization_id, ""), d.level,
                                  d.what_may_be_said, d.decided_on, by.get(d.recorded_by_id, ""), d.version)
            for d in found]


def _row(uow, d: DisclosureDecision) -> DisclosureDecisionRow:
    return _rows(uow, [d])[0]


def employer(uow, organization_id: uuid.UUID, field: str = "organization_id"):
    """The organization, refused unless it is an employer in the directory."""
    org = uow.organizations.get(organization_id)
    if org.kind is not OrganizationKind.EMPLOYER:
        raise ValidationError(field, f"{org.name} is not an employer in the partner directory (its kind is "
                                     f"{org.kind.value.replace('_', ' ')}). Choose an employer, or change its kind.")
    return org


def record_disclosure_decision(uow, actor: Actor, person_id: uuid.UUID, *, organization_id: uuid.UUID,
                               level: DisclosureLevel, what_may_be_said: str = "", decided_on: date | None = None,
                               version: int | None = None) -> tuple[DisclosureDecisionRow, Changes]:
    """Record the decision, or change the one already recorded for this employer (the audit log keeps
    what it said before)."""
    access.require(uow, actor, Action.EDIT_PERSON, person_id)
    person = uow.people.get(person_id)
    org = employer(uow, organization_id)
    level = DisclosureLevel(level)
    said = (what_may_be_said or "").strip()
    if level is not DisclosureLevel.NOT_AT_ALL and not said:
        raise ValidationError("what_may_be_said", f"{person.display_name} chose to disclose "
                                                  f"{level.label.lower()} to {org.name}: write what may be said "
                                                  "(in their words), so every job developer says the same.")
    if len(said) > 4000:
        raise ValidationError("what_may_be_said", "What may be said is too long (at most 4,000 characters).")
    decided_on = decided_on or uow.today()
    if decided_on > uow.today():
        raise ValidationError("decided_on", "The decision date cannot be in the future.")
    decision = queries.disclosure(uow.session, person.id, org.id)
    if decision is None:
        decision = uow.add(DisclosureDecision(person_id=person.id, organization_id=org.id, level=level,
                                              what_may_be_said=said, decided_on=decided_on,
                                              recorded_by_id=actor.user_id))
        uow.flush()
        uow.audit.record(actor, decision, "recorded", changes=audit_safe({
            "employer": [None, org.name], "level": [None, level], "what_may_be_said": [None, said]}))
        return _row(uow, decision), Changes(jobs=True)
    if decision.archived_at is None:
        check_version(decision, version, f"the disclosure decision for {org.name}")
    before = {"level": decision.level, "what_may_be_said": decision.what_may_be_said,
              "decided_on": decision.decided_on, "withdrawn": decision.archived_at is not None}
    decision.level, decision.what_may_be_said, decision.decided_on = level, said, decided_on
    decision.recorded_by_id, decision.archived_at, decision.updated_at = actor.user_id, None, uow.now()
    uow.flush()
    after = {"level": level, "what_may_be_said": said, "decided_on": decided_on, "withdrawn": False}
    uow.audit.record(actor, decision, "changed", changes=audit_safe(
        {k: [before[k], after[k]] for k in before if before[k] != after[k]}))
    return _row(uow, decision), Changes(jobs=True)


def withdraw_disclosure_decision(uow, actor: Actor, decision_id: uuid.UUID, *,
                                 version: int | None = None) -> tuple[DisclosureDecisionRow, Changes]:
    """Take a decision recorded by mistake off the record (kept in the audit log): the undo of recording."""
    decision = uow.session.get(DisclosureDecision, decision_id)
    if decision is None or decision.archived_at is not None:
        raise ValidationError("decision", "That disclosure decision is not on the record.")
    access.require(uow, actor, Action.EDIT_PERSON, decision.person_id)
    check_version(decision, version, "the disclosure decision")
    decision.archived_at, decision.updated_at = uow.now(), uow.now()
    uow.flush()
    uow.audit.record(actor, decision, "withdrawn")
    return _row(uow, decision), Changes(jobs=True)


def disclosure_for(uow, actor: Actor, person_id: uuid.UUID,
                   organization_id: uuid.UUID) -> DisclosureDecisionRow | None:
    access.require(uow, actor, Action.VIEW_PERSON, person_id)
    need_to_know.require_category(uow, actor, person_id, InformationCategory.EMPLOYMENT)
    decision = queries.disclosure(uow.session, person_id, organization_id)
    return _row(uow, decision) if decision is not None and decision.archived_at is None else None


def list_disclosure_decisions(uow, actor: Actor, person_id: uuid.UUID) -> list[DisclosureDecisionRow]:
    access.require(uow, actor, Action.VIEW_PERSON, person_id)
    need_to_know.require_category(uow, actor, person_id, InformationCategory.EMPLOYMENT)
    return _rows(uow, queries.disclosures_of(uow.session, uow.people.get(person_id).id))
