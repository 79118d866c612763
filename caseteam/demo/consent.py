"""Releases of information in the demo: signed at intake among the agencies that will serve the person,
renewed before they expire while the case is open, one for the employer at hire, and a couple revoked
after a case closed. Choices come from the case number, not the shared random stream, so adding them
left every other drawn value as it was."""

from __future__ import annotations

from datetime import date, timedelta

from caseteam.domain.consent import EducationConsentBy, InformationCategory as C, PartyRole
from caseteam.domain.people import RepresentativeAuthority, Stage
from caseteam.services import consent

from . import catalog
from .population import Case

YEAR = timedelta(days=365)
# Most releases run a year; some agencies' forms run six or nine months (Riverbend's, school-year ones).
TERMS = (YEAR, YEAR, timedelta(days=182), YEAR, timedelta(days=274))
RENEW_DAYS_BEFORE = 2      # renewals signed just ahead; releases further out show as expiring
MAX_REVOKED = 2
PURPOSE = ("Plan and coordinate my customized employment services: referral, Discovery, the plan, job "
           "development, benefits planning and supports on the job.")
EMPLOYER_PURPOSE = ("Arrange my supports and accommodations at work with my employer. Bridgeway tells my "
                    "employer only what it needs to know about my job supports.")


def schedule_releases(case: Case, p, timeline) -> None:
    """Called right after the person is created, so on each day a release is signed before that day's work."""
    closed = next((d for s, d in case.path if s.closed), None)
    last_work = min(p.today, closed + timedelta(days=30)) if closed else p.today
    event_based = case.number % 4 == 1
    state: dict = {}

    # A few open cases signed a release that ends soon (with the VR authorization period): the expiring list.
    ends_soon = (not event_based and closed is None and case.number % 6 == 0
                 and 60 <= (p.today - case.referred_on).days <= 330)

    def sign(day: date, expires_on: date | None = None) -> None:
        values = _exchange(case, p, day, event_based)
        if expires_on is not None:
            values["expires_on"] = expires_on
        row, _ = consent.record_release(p.uow, _actor(case, p, day), case.person_id, **values)
        state["current"] = row.id

    if ends_soon:
        soon = p.today + timedelta(days=8 + case.number % 20)
        timeline.at(case.referred_on, lambda: sign(case.referred_on, soon))
    else:
        timeline.at(case.referred_on, lambda: sign(case.referred_on))
    if not event_based and not ends_soon:
        term = TERMS[case.number % len(TERMS)]
        renew = case.referred_on + term - timedelta(days=RENEW_DAYS_BEFORE)
        while renew <= last_work:
            timeline.at(renew, lambda day=renew: sign(day))
            renew += term - timedelta(days=RENEW_DAYS_BEFORE)
    hired = case.entered(Stage.EMPLOYED)
    if hired:
        timeline.at(hired, lambda: consent.record_release(p.uow, _actor(case, p, hired), case.person_id,
                                                          **_employer(case, p, hired)))
    if closed and case.path[-1][0] is Stage.CLOSED_UNSUCCESSFUL and closed + timedelta(days=31) <= p.today:
        def revoke(day=closed + timedelta(days=31)):
            if p.counts["releases_revoked"] >= MAX_REVOKED:
                return
            consent.revoke_release(p.uow, _actor(case, p, day), state["current"], revoked_on=day,
                                   method="Letter from the person",
                                   note="Asked that the agencies stop sharing now that the case is closed.")
            p.counts["releases_revoked"] += 1
        timeline.at(closed + timedelta(days=31), revoke)


def _actor(case: Case, p, day: date):
    if len(case.path) > 1 and day >= case.path[1][1]:
        return p.actors[case.lead]
    return p.supervisor


def _signer(case: Case, day: date) -> dict:
    if case.guardian:
        return dict(signer_name=case.guardian[0], signer_is_representative=True,
                    signer_authority=RepresentativeAuthority.GUARDIAN)
    return dict(signer_name=f"{case.given} {case.family}")


def _organizations(case: Case) -> list[str]:
    """Bridgeway and VR always; WIPA benefits planning at the CIL; the referral source; every agency the
    team or a task will name (employers get their own release at hire)."""
    keys = ["crp", "vr", "cil", case.source]
    keys += [catalog.STAFF_BY_KEY[key].org for key, _, _ in case.partners]
    keys += [slot["org"] for slot in case.tasks]
    employers = set(catalog.EMPLOYER_KEYS)
    return [k for k in dict.fromkeys(keys) if k not in employers]


def _exchange(case: Case, p, day: date, event_based: bool) -> dict:
    keys = _organizations(case)
    categories = [C.CONTACT, C.PLAN, C.VOCATIONAL, C.EMPLOYMENT, C.BENEFITS]
    if "mh" in keys:
        categories.append(C.MENTAL_HEALTH)
    education = EducationConsentBy.NOT_APPLICABLE
    if case.source == "school":
        categories.append(C.EDUCATION)
        adult = (day - case.date_of_birth).days >= 18 * 365
        education = EducationConsentBy.ELIGIBLE_STUDENT if adult else EducationConsentBy.PARENT
    ends = (dict(expiry_event="When my services with Bridgeway Employment Services end") if event_based
            else dict(expires_on=day + TERMS[case.number % len(TERMS)]))
    return dict(parties=[(p.org_id(k), "", PartyRole.BOTH) for k in keys], two_way=True, categories=categories,
                purpose=PURPOSE, signed_on=day, education_consent_by=education, **ends, **_signer(case, day))


def _employer(case: Case, p, day: date) -> dict:
    return dict(parties=[(p.org_id("crp"), "", PartyRole.DISCLOSES), (p.org_id(case.employer), "", PartyRole.RECEIVES)],
                two_way=False, categories=[C.CONTACT, C.PLAN, C.EMPLOYMENT], purpose=EMPLOYER_PURPOSE,
                signed_on=day, expires_on=day + YEAR, **_signer(case, day))


def release_for_referral(p, case: Case, day: date, org_key: str, categories) -> None:
    """Before a referral is sent: when the person's releases do not yet let Bridgeway share `categories` with
    the receiving organization, the person signs a one-way release for the referral that day (a year long)."""
    wanted = frozenset(categories)
    if wanted <= consent.covered_categories(p.uow, case.person_id, p.org_id(org_key), day):
        return
    consent.record_release(
        p.uow, _actor(case, p, day), case.person_id,
        parties=[(p.org_id("crp"), "", PartyRole.DISCLOSES), (p.org_id(org_key), "", PartyRole.RECEIVES)],
        two_way=False, categories=list(wanted), signed_on=day, expires_on=day + YEAR, **_signer(case, day),
        purpose=f"Refer me to {catalog.ORG_BY_KEY[org_key].name} and let them know why, so they can help me.")
    p.counts["referral_releases"] += 1
