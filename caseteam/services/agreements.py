"""Service agreements: drafted from clause templates and funding data, edited while a draft, finalized by a
supervisor (the PDF bytes and their SHA-256 are kept and never change), signed, amended as a new version,
terminated or expired. Person agreements follow the person's access rules; partnership agreements are
changed with the partner-directory permission and read by everyone signed in."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from caseteam.domain.agreements import (Agreement, AgreementKind, AgreementParty, AgreementSection,
                                        AgreementServiceLine, AgreementSignatory, AgreementStatus)
from caseteam.domain.organizations import Organization
from caseteam.domain.people import Person
from caseteam.errors import Locked, PermissionDenied, ValidationError
from caseteam.storage.queries import agreements as queries
from caseteam.storage.queries import funding as funding_queries

from . import access, agreement_clauses, agreement_individual, funders
from .access import Action, Reach
from .actors import Actor
from .agreement_rows import AgreementRow, row_of
from .changes import Changes
from .editing import audit_safe, check_version, required_text

CHANGED = Changes(agreements=True)
LIVE = (AgreementStatus.FINAL, AgreementStatus.SIGNED)
SCAN_TYPES = ((b"%PDF", "application/pdf"), (b"\x89PNG", "image/png"), (b"\xff\xd8\xff", "image/jpeg"))


# Permissions ------------------------------------------------------------------------------------------

def _may_read(uow, actor: Actor, ag: Agreement) -> None:
    if ag.person_id is not None:
        access.require(uow, actor, Action.VIEW_PERSON, ag.person_id)


def _may_change(uow, actor: Actor, kind: AgreementKind, person_id: uuid.UUID | None) -> None:
    if person_id is not None:
        access.require(uow, actor, Action.EDIT_PERSON, person_id)
    else:
        access.require_store_wide(actor, Action.MANAGE_PARTNERS)


def _may_finalize(uow, actor: Actor, ag: Agreement) -> None:
    if ag.person_id is not None:
        access.require(uow, actor, Action.FINALIZE_AGREEMENT, ag.person_id)
    elif access.reach(actor, Action.FINALIZE_AGREEMENT) is Reach.NONE:
        raise PermissionDenied(f"Your role ({actor.role.label}) may not {Action.FINALIZE_AGREEMENT.label}; "
                               "ask a supervisor.")


# Drafting ---------------------------------------------------------------------------------------------

def _long(day: date | None) -> str:
    return f"{day:%B} {day.day}, {day.year}" if day else ""


def _names(names: list[str]) -> str:
    if len(names) < 2:
        return names[0] if names else "the parties"
    return ", ".join(names[:-1]) + " and " + names[-1]


def _dates(effective_from: date | None, effective_to: date | None) -> None:
    if effective_from is None:
        raise ValidationError("effective_from", "The agreement needs a start date (effective from).")
    if effective_to is not None and effective_to < effective_from:
        raise ValidationError("effective_to", f"The end date ({_long(effective_to)}) is before the start date "
                                              f"({_long(effective_from)}).")


def _add_parties(uow, ag: Agreement, parties) -> None:
    for n, party in enumerate(parties, start=1):
        key, role, signatories = party[0], party[1], party[2]
        contributions = party[3] if len(party) > 3 else ""
        org = uow.session.get(Organization, key)
        person = None if org is not None else uow.session.get(Person, key)
        if org is None and person is None:
            raise ValidationError("parties", f"Party {n} is neither an organization in the partner directory "
                                             "nor a person.")
        p = uow.add(AgreementParty(agreement_id=ag.id, position=n, organization_id=org.id if org else None,
                                   person_id=person.id if person else None,
                                   name=org.name if org else person.display_name, role=(role or "").strip(),
                                   contributions=(contributions or "").strip()))
        uow.flush()
        for m, sig in enumerate(signatories, start=1):
            name, title, staff_id, is_person = sig[:4]
            uow.add(AgreementSignatory(
                party_id=p.id, position=m, name=required_text("signatories", f"Signatory {m} of {p.name}", name),
                title=(title or "").strip(), staff_id=staff_id, is_person=bool(is_person),
                representative_authority=(sig[4] if len(sig) > 4 else "") or "",
                signed_on=sig[5] if len(sig) > 5 else None))
    uow.flush()


def _add_sections(uow, ag: Agreement, sections) -> None:
    for n, (key, title, body) in enumerate(sections, start=1):
        uow.add(AgreementSection(agreement_id=ag.id, position=n, section_key=key or f"section{n}",
                                 title=required_text("sections", f"The title of section {n}", title),
                                 body=(body or "").strip()))


def _money(value) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value))


def _add_lines(uow, ag: Agreement, lines) -> None:
    for n, line in enumerate(lines, start=1):
        line = dict(line)
        uow.add(AgreementServiceLine(
            agreement_id=ag.id, position=n, funder_service_id=line.get("funder_service_id"),
            code=line.get("code", "") or "", service=required_text("service_lines", f"Service line {n}",
                                                                   line.get("service")),
            unit=line.get("unit", "") or "", rate=_money(line.get("rate")), units=_money(line.get("units")),
            amount=_money(line.get("amount")), provided_by=line.get("provided_by", "") or "",
            paid_by=line.get("paid_by", "") or ""))


def _default_lines(uow, actor: Actor, kind, funder_id, person_id, on: date) -> list[dict]:
    if kind is AgreementKind.PURCHASE_OF_SERVICE and funder_id is not None:
        return [dict(funder_service_id=s.id, code=s.code, service=s.name, unit=s.unit.label,
                     rate=funders.rate_on(uow, s.id, on))
                for s in funding_queries.services_of(uow.session, funder_id)]
    if kind is AgreementKind.INDIVIDUAL and person_id is not None:
        # No authorization names a provider: the person's home organization provides what the plan lists.
        home_id = uow.people.get(person_id).home_organization_id
        home = uow.session.get(Organization, home_id) if home_id else None
        lines = []
        for e in funders.cost_share(uow, actor, person_id):
            service = funding_queries.funder_service(uow.session, e.funder_service_id)
            lines.append(dict(funder_service_id=service.id, code=service.code, service=e.service_name,
                              unit=service.unit.label, rate=funders.rate_on(uow, service.id, on),
                              provided_by=home.name if home else "", paid_by=e.funder_name))
        return lines
    return []


def create_draft(uow, actor: Actor, *, kind: AgreementKind, title: str, prepared_by_id: uuid.UUID, parties,
                 person_id: uuid.UUID | None = None, funder_id: uuid.UUID | None = None,
                 effective_from: date, effective_to: date | None, review_on: date | None = None,
                 contract_number: str = "") -> tuple[AgreementRow, Changes]:
    kind = AgreementKind(kind)
    if kind is AgreementKind.INDIVIDUAL and person_id is None:
        raise ValidationError("person_id", "An individual service agreement needs the person it is with.")
    _may_change(uow, actor, kind, person_id)
    title = required_text("title", "The agreement's title", title, max_length=300)
    _dates(effective_from, effective_to)
    prepared_by = uow.session.get(Organization, prepared_by_id)
    if prepared_by is None:
        raise ValidationError("prepared_by_id", "The preparing organization is not in the partner directory.")
    if funder_id is not None:
        funding_queries.funder(uow.session, funder_id)
    ref = uow.references.next("agreement")
    ag = uow.add(Agreement(ref=ref, number=ref, revision=1, kind=kind, status=AgreementStatus.DRAFT, title=title,
                           prepared_by_id=prepared_by.id, person_id=person_id, funder_id=funder_id,
                           contract_number=(contract_number or "").strip(), effective_from=effective_from,
                           effective_to=effective_to, review_on=review_on, large_print=False,
                           page_size="letter", created_by_id=actor.user_id))
    uow.flush()
    _add_parties(uow, ag, parties)
    uow.session.expire(ag, ["parties"])
    person = uow.people.get(person_id) if person_id else None
    values = dict(person_name=person.display_name if person else "", effective_from=_long(effective_from),
                  effective_to=_long(effective_to) or "the end of the agreement",
                  parties=_names([p.name for p in ag.parties]), prepared_by=prepared_by.name,
                  review_on=_long(review_on) or _long(effective_to) or "the end of the agreement",
                  contract_number=ag.contract_number, employment_goal="")
    templates = queries.clause_templates(uow.session, prepared_by.id, kind)
    clauses = ([(t.section_key, t.title, t.body) for t in templates] if templates
               else agreement_clauses.DEFAULTS[kind])
    if kind is AgreementKind.INDIVIDUAL:
        values["employment_goal"] = agreement_individual.employment_goal(uow, actor, person.id)
        clauses = agreement_individual.individual_sections(uow, actor, ag, clauses, values)
    _add_sections(uow, ag, [(key, agreement_clauses.fill(t, values), agreement_clauses.fill(b, values))
                            for key, t, b in clauses])
    _add_lines(uow, ag, _default_lines(uow, actor, kind, funder_id, person_id, effective_from))
    uow.flush()
    uow.session.expire(ag, ["sections", "service_lines"])
    uow.audit.record(actor, ag, "drafted", person_id=person_id, changes=audit_safe({
        "kind": [None, kind], "title": [None, title], "effective_from": [None, effective_from],
        "effective_to": [None, effective_to]}))
    return row_of(ag), CHANGED


def _open_draft(uow, actor: Actor, agreement_id: uuid.UUID, version: int | None) -> Agreement:
    ag = queries.agreement(uow.session, agreement_id)
    _may_change(uow, actor, ag.kind, ag.person_id)
    if ag.status is not AgreementStatus.DRAFT:
        raise Locked(f"Agreement {ag.ref} is {ag.status.label.lower()} and cannot change; amend it to make a "
                     "new version instead.")
    check_version(ag, version, f"agreement {ag.ref}")
    return ag


def _drop(uow, rows) -> None:
    for row in rows:
        uow.session.delete(row)
    uow.flush()


def update_draft(uow, actor: Actor, agreement_id: uuid.UUID, *, version: int | None = None, **values
                 ) -> tuple[AgreementRow, Changes]:
    """Change a draft: title, contract_number, effective_from, effective_to, review_on, page_size,
    large_print; sections [(key, title, body)], service_lines [dict], parties (as create_draft)."""
    ag = _open_draft(uow, actor, agreement_id, version)
    allowed = {"title", "contract_number", "effective_from", "effective_to", "review_on", "page_size",
               "large_print", "sections", "service_lines", "parties"}
    unknown = set(values) - allowed
    if unknown:
        raise ValidationError(sorted(unknown)[0], f"{sorted(unknown)[0]} cannot be changed here.")
    changed: dict[str, list] = {}
    if "title" in values:
        values["title"] = required_text("title", "The agreement's title", values["title"], max_length=300)
    if "page_size" in values and values["page_size"] not in ("letter", "a4"):
        raise ValidationError("page_size", "The page size is letter or a4.")
    _dates(values.get("effective_from", ag.effective_from), values.get("effective_to", ag.effective_to))
    for name in ("title", "contract_number", "effective_from", "effective_to", "review_on", "page_size",
                 "large_print"):
        if name in values and getattr(ag, name) != values[name]:
            changed[name] = [getattr(ag, name), values[name]]
            setattr(ag, name, values[name])
    if "sections" in values:
        _drop(uow, ag.sections)
        _add_sections(uow, ag, values["sections"])
        changed["sections"] = [None, len(values["sections"])]
    if "service_lines" in values:
        _drop(uow, ag.service_lines)
        _add_lines(uow, ag, values["service_lines"])
        changed["service_lines"] = [None, len(values["service_lines"])]
    if "parties" in values:
        _drop(uow, [s for p in ag.parties for s in p.signatories])
        _drop(uow, ag.parties)
        _add_parties(uow, ag, values["parties"])
        changed["parties"] = [None, len(values["parties"])]
    if not changed:
        return row_of(ag), Changes()
    ag.updated_at = uow.now()
    uow.flush()
    uow.session.expire(ag, ["parties", "sections", "service_lines"])
    uow.audit.record(actor, ag, "draft updated", person_id=ag.person_id, changes=audit_safe(changed))
    return row_of(ag), CHANGED


def check(ag: Agreement) -> None:
    """Refuse, naming the field, what would make the agreement wrong on paper."""
    if not ag.parties:
        raise ValidationError("parties", f"Agreement {ag.ref} has no parties: add the organizations (or the "
                                         "person) it binds.")
    for party in ag.parties:
        if not party.signatories:
            raise ValidationError("signatories", f"{party.name} has no signatory: name who signs for it.")
    _dates(ag.effective_from, ag.effective_to)
    for line in ag.service_lines:
        if line.units is not None and line.rate is not None and line.amount is not None \
                and (line.units * line.rate).quantize(Decimal("0.01")) != line.amount:
            raise ValidationError("service_lines", f"{line.service}: {line.units} × ${line.rate} is "
                                  f"${(line.units * line.rate).quantize(Decimal('0.01'))}, not ${line.amount}.")
    if ag.kind is AgreementKind.INDIVIDUAL and not any(
            s.is_person for p in ag.parties if p.person_id == ag.person_id for s in p.signatories):
        raise ValidationError("signatories", "The person (or their representative) must sign their own "
                                             "individual service agreement: add them as a signatory.")


def validate(uow, actor: Actor, agreement_id: uuid.UUID) -> None:
    ag = queries.agreement(uow.session, agreement_id)
    _may_read(uow, actor, ag)
    check(ag)


_LIFECYCLE = ("agreement_by_ref", "agreement_pdf", "amend", "attach_signed_copy", "build_view", "expire_due",
              "finalize", "get_agreement", "list_agreements", "record_signature", "terminate")


def __getattr__(name: str):
    # Looked up on use: agreement_lifecycle imports this module, so not at import time.
    if name in _LIFECYCLE:
        from . import agreement_lifecycle

        return getattr(agreement_lifecycle, name)
    raise AttributeError(name)
