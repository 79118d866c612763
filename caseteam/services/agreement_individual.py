"""What an individual service agreement says from the person's record: the employment goal from the current
plan, and for each partner the releases of information that let the home organization share with it
(each by its scope and expiry, never a blanket consent), or plainly that it will receive nothing."""

from __future__ import annotations

import uuid
from datetime import date

from caseteam.domain.agreements import Agreement
from caseteam.domain.consent import InformationCategory
from caseteam.domain.people import Person
from caseteam.storage.queries import consent as consent_queries

from . import consent, plans
from .actors import Actor
from .consent_rows import ordered

NO_GOAL = "No employment goal is written in the plan yet."
RELEASES_TITLE = "Releases of information on file"
# What an individual agreement holds about the person: the plan's goal and services (PLAN) and the
# employment services with who pays for them (EMPLOYMENT). A copy for a partner discloses these.
CATEGORIES = (InformationCategory.PLAN, InformationCategory.EMPLOYMENT)


def _long(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def employment_goal(uow, actor: Actor, person_id: uuid.UUID) -> str:
    from .progress_reports import employment_goal as goal_of  # the same rule the funder reports use

    return goal_of(plans.latest_plan(uow, actor, person_id)) or NO_GOAL


# An event is often written as a sentence ("When my services end"); mid-sentence it reads lower-case.
_LEADING_WORDS = {"when", "the", "my", "after", "at", "on", "once", "if"}


def _event(text: str) -> str:
    first = text.split(" ", 1)[0]
    return text[0].lower() + text[1:] if first.lower() in _LEADING_WORDS and first[1:].islower() else text


def _until(r) -> str:
    if r.expires_on and r.expiry_event:
        return f"until {_long(r.expires_on)} or {_event(r.expiry_event)}, whichever comes first"
    if r.expires_on:
        return f"until {_long(r.expires_on)}"
    if r.expiry_event:
        return f"until {_event(r.expiry_event)}"
    return "with no end date written on it"


def covering_releases(uow, person: Person, organization_id: uuid.UUID, on: date) -> list:
    """Active releases letting the person's home organization share with `organization_id` on `on`."""
    # consent's own coverage rule, so the agreement lists exactly what a disclosure check would accept.
    return [r for r in consent_queries.releases_for(uow.session, person.id)
            if r.categories and consent._covers(r, discloser=person.home_organization_id, recipient=organization_id,
                                               recipient_name="", categories=frozenset(), on=on)]


def releases_text(uow, ag: Agreement, person: Person, on: date) -> str:
    """One paragraph per partner organization other than the person's home organization."""
    paragraphs = []
    for party in ag.parties:
        if party.organization_id is None or party.organization_id == person.home_organization_id:
            continue
        found = covering_releases(uow, person, party.organization_id, on)
        if not found:
            paragraphs.append(f"{party.name}: No release on file: this partner will not receive information "
                              f"about {person.display_name}.")
            continue
        lines = [f"release {r.ref} ({'; '.join(c.label for c in ordered(c.category for c in r.categories))}), "
                 f"{_until(r)}" for r in found]
        which = "this release covers" if len(lines) == 1 else "these releases cover"
        paragraphs.append(f"{party.name} may receive only what {which}: " + "; ".join(lines) + ".")
    if not paragraphs:
        return (f"No partner outside {person.display_name}'s home organization is a party to this agreement, "
                "so no release of information is needed.")
    return "\n\n".join(paragraphs)


def individual_sections(uow, actor: Actor, ag: Agreement, clauses, values: dict) -> list[tuple[str, str, str]]:
    """The clauses with the goal section carrying the plan's goal and a releases section added (an
    organization's own "releases" clause is kept as the introduction to the list)."""
    person = uow.people.get(ag.person_id)
    releases = releases_text(uow, ag, person, uow.today())
    out, has_releases = [], False
    for key, title, body in clauses:
        if key == "goal" and "{employment_goal}" not in body:
            goal = values["employment_goal"]
            body = (f"{NO_GOAL} {person.display_name} and the team write it in the plan first; it is repeated here."
                    if goal == NO_GOAL else f"{person.display_name}'s employment goal, as written in the plan: {goal}")
        elif key == "releases":
            body, has_releases = (body.strip() + "\n\n" + releases).strip(), True
        out.append((key, title, body))
    if not has_releases:
        out.append(("releases", RELEASES_TITLE, releases))
    return out
