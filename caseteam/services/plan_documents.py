"""The printed person-centered plan and vocational profile: check the actor may print the person's
documents and read that part of the record, build the plain view, log the print (and, for a copy
handed to an organization, the disclosure), return the PDF bytes."""

from __future__ import annotations

import uuid

from caseteam.documents.plan_document import render_plan
from caseteam.documents.plan_views import (GoalView, PersonDocumentView, PlanView, ProfileView, SectionView,
                                           SignerView, StepView)
from caseteam.documents.profile_document import render_profile
from caseteam.domain.consent import InformationCategory
from caseteam.domain.people import RepresentativeAuthority
from caseteam.domain.plans import StepOwner
from caseteam.errors import NotFound
from caseteam.storage.queries import people as people_queries
from caseteam.storage.queries import plans as plan_queries

from . import access, consent, need_to_know
from .access import Action
from .actors import Actor
from .records import is_demo

# The person's own words (the vision, what matters to them) print in quotation marks.
PLAN_SECTIONS = (("vision", "My vision for work", True), ("important_to", "What is important to me", True),
                 ("important_for", "What is important for me (health and safety)", False),
                 ("gifts_and_strengths", "My gifts and strengths", False),
                 ("employers_to_approach", "Employers and kinds of work to approach", False))
PLAN_SUPPORTS = (("supports_natural", "Natural supports (family, friends, neighbors)"),
                 ("supports_paid", "Paid supports"), ("supports_technology", "Technology"),
                 ("supports_community", "Community supports"))
PROFILE_SECTIONS = (("strengths", "Strengths and gifts"), ("interests", "Interests"),
                    ("ideal_conditions", "Ideal conditions of employment"), ("support_needs", "Support needs"),
                    ("contributions", "What I can contribute to an employer"))


def plan_pdf(uow, actor: Actor, person_id: uuid.UUID, *, revision: int | None = None, large_print: bool = False,
             recipient_organization_id: uuid.UUID | None = None) -> bytes:
    """The plan (latest revision, or `revision`) for signature; a copy for an organization is a disclosure."""
    person = _check(uow, actor, person_id, InformationCategory.PLAN)
    saved = _pick(people_queries.plan_revisions(uow.session, person.id), revision, person, "plan")
    view = plan_view(uow, person, saved)
    data = render_plan(view, large_print=large_print)
    what = f"Person-centered plan {person.ref}, revision {saved.number} (PDF{', large print' if large_print else ''})"
    _log(uow, actor, person, saved, InformationCategory.PLAN, what, recipient_organization_id)
    return data


def profile_pdf(uow, actor: Actor, person_id: uuid.UUID, *, revision: int | None = None,
                large_print: bool = False, recipient_organization_id: uuid.UUID | None = None) -> bytes:
    """The vocational profile (latest revision, or `revision`) for signature."""
    person = _check(uow, actor, person_id, InformationCategory.VOCATIONAL)
    saved = _pick(plan_queries.profile_revisions(uow.session, person.id), revision, person, "vocational profile")
    view = profile_view(uow, person, saved)
    data = render_profile(view, large_print=large_print)
    what = f"Vocational profile {person.ref}, revision {saved.number} (PDF{', large print' if large_print else ''})"
    _log(uow, actor, person, saved, InformationCategory.VOCATIONAL, what, recipient_organization_id)
    return data


def _check(uow, actor: Actor, person_id: uuid.UUID, category: InformationCategory):
    access.require(uow, actor, Action.EXPORT_PERSON, person_id)
    need_to_know.require_category(uow, actor, person_id, category)
    return uow.people.get(person_id, include_archived=True)


def _pick(revisions: list, number: int | None, person, what: str):
    if not revisions:
        raise NotFound(f"{person.display_name} has no saved {what} yet, so there is nothing to print. "
                       f"Save the first revision of the {what}, then print it.")
    if number is None:
        return revisions[-1]
    for saved in revisions:
        if saved.number == number:
            return saved
    raise NotFound(f"The {what} of {person.display_name} has no revision {number}.")


def _log(uow, actor: Actor, person, saved, category: InformationCategory, what: str,
         recipient_organization_id: uuid.UUID | None) -> None:
    recipient = f"{person.display_name}, for signature"
    if recipient_organization_id is not None:
        # Refused (ConsentRequired) unless an active release lets that organization receive the category.
        disclosure, _ = consent.record_disclosure(uow, actor, person.id, recipient_organization_id=recipient_organization_id,
                                                  categories=[category], description=what, channel="pdf")
        recipient = disclosure.recipient_name
    uow.audit.record(actor, saved, "printed", person_id=person.id,
                     changes={"document": what, "recipient": recipient})


# --- views ---------------------------------------------------------------------------------------------------

def about_view(uow, person, saved) -> PersonDocumentView:
    legal = f"{person.given_name} {person.family_name}".strip()
    if person.representative_authority is not RepresentativeAuthority.NONE and person.representative_name:
        signer = SignerView(person.representative_name, True, person.representative_authority.label)
    else:
        signer = SignerView(person.display_name)
    home = person.home_organization
    return PersonDocumentView(
        reference=person.ref, version=saved.number, person_name=person.display_name, legal_name=legal,
        generated_on=uow.today(), signer=signer,
        job_developer=person.lead_staff.name if person.lead_staff is not None else "",
        saved_on=saved.saved_at.date() if saved.saved_at else None, agreed_on=saved.agreed_on,
        demo=is_demo(uow), issued_by=home.name if home is not None else "", signed_note=_signed_note(saved))


def _signed_note(saved) -> str:
    """The recorded signature, for the copy printed after it (profiles carry none)."""
    signed_on = getattr(saved, "signed_on", None)
    if signed_on is None:
        return ""
    how = f" ({saved.signed_how})" if saved.signed_how else ""
    return f"Signed by {saved.signed_by_name} on {signed_on.isoformat()}{how}"


def plan_view(uow, person, saved) -> PlanView:
    first = person.preferred_name or person.given_name

    def owner(step) -> str:
        if step.owner_kind is StepOwner.PERSON:
            return first   # the stored default reads "the person"; the paper uses their name
        return step.owner_name

    goals = tuple(GoalView(g.description, g.criterion, g.target_date, g.status.label,
                           tuple(StepView(s.description, owner(s), s.due, s.done) for s in g.steps))
                  for g in saved.goals)
    return PlanView(
        about=about_view(uow, person, saved),
        sections=tuple(SectionView(heading, getattr(saved, name), quoted) for name, heading, quoted in PLAN_SECTIONS),
        supports=tuple(SectionView(heading, getattr(saved, name)) for name, heading in PLAN_SUPPORTS),
        goals=goals, review_due=saved.review_due)


def profile_view(uow, person, saved) -> ProfileView:
    themes = tuple(t for t in (saved.theme_1, saved.theme_2, saved.theme_3) if t.strip())
    return ProfileView(about=about_view(uow, person, saved),
                       sections=tuple(SectionView(heading, getattr(saved, name)) for name, heading in PROFILE_SECTIONS),
                       themes=themes)
