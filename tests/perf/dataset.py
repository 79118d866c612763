"""The benchmark store's rows, drawn from one seeded `random.Random`: partners, staff, people, teams, plans,
tasks, funders, authorizations, service entries and agreements, as plain dicts for bulk Core inserts.

Names come from the demo's caseload (caseteam.demo.job_seekers) plus a few spellings search must
handle ("Ðặng" typed with an Icelandic eth, "Zoë"). Every NOT NULL column of each table is filled the way
its service fills it; a row's audit entry is described by `Audit` next to it (see generate.py)."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal

from caseteam.demo.job_seekers import CULTURES
from caseteam.domain.agreements import AgreementKind, AgreementStatus
from caseteam.domain.funding import AuthorizationStatus, BillingUnit, FunderKind
from caseteam.domain.organizations import OrganizationKind as K
from caseteam.domain.people import Stage
from caseteam.domain.plans import GoalStatus, StepOwner
from caseteam.domain.references import format_reference
from caseteam.domain.tasks import Priority, TaskStatus
from caseteam.domain.teams import TeamRole
from caseteam.domain.text import fold
from caseteam.services import agreement_clauses

EXTRA_GIVEN = ("Zoë", "Chloé", "Björn", "Renée", "Søren", "Noémie", "Zoë Anh")
EXTRA_FAMILY = ("Ðặng", "Muñoz", "Nguyễn", "Zoë-Martin", "Ångström", "Ó Briain", "Nguyễn Văn")
STAGE_WEIGHTS = ((Stage.REFERRAL, 3), (Stage.WAITING_AUTHORIZATION, 5), (Stage.DISCOVERY, 12), (Stage.PROFILE, 3),
                 (Stage.CE_PLANNING, 4), (Stage.JOB_DEVELOPMENT, 15), (Stage.EMPLOYED, 6),
                 (Stage.EXTENDED_SUPPORTS, 3), (Stage.ON_HOLD, 3), (Stage.CLOSED_SUCCESSFUL, 3),
                 (Stage.CLOSED_UNSUCCESSFUL, 3))
STATUS_WEIGHTS = ((TaskStatus.OPEN, 45), (TaskStatus.IN_PROGRESS, 15), (TaskStatus.WAITING, 6),
                  (TaskStatus.DONE, 29), (TaskStatus.CANCELLED, 5))
PRIORITY_WEIGHTS = ((Priority.LOW, 15), (Priority.NORMAL, 60), (Priority.HIGH, 20), (Priority.URGENT, 5))
TASK_TITLES = ("Call {g} about the interview at {e}", "Send the release of information to {o}",
               "Schedule a Discovery home visit with {g}", "Book an interpreter for the team meeting",
               "Ask VR for the job-development authorization", "Write the monthly progress report",
               "Visit {e} with {g} to see the back room", "Update the vocational profile",
               "Benefits counselling referral (WIPA) for {g}", "Arrange a ride to the working interview",
               "Follow up with the employer after week one", "Collect pay stubs for the earnings report",
               "Invite {g}'s mother to the planning meeting", "Renew the waiver service plan",
               "Check the bus route to {e}", "Fax the signed plan to {o}")
EMPLOYERS = ("Prairie Fresh Market", "Cedar Bend Veterinary Clinic", "Miller's Auto Repair", "Mercy Eastport Hospital",
             "Eastport Public Library", "Riverside Distribution Center", "Sunrise Bakery", "Hotel Riverview",
             "QuickPrint Copy & Print", "Café Olé", "Señor Taco", "Crème de la Crème Bakery")
TOWNS = ("Eastport", "Millbrook", "Cedar Bend", "Riverton", "Ashford", "Lindström", "Bellevue", "Maquoketa")
ORG_KINDS = ((K.CRP, 30), (K.VR_OFFICE, 8), (K.DD_WAIVER, 6), (K.MENTAL_HEALTH, 8), (K.AMERICAN_JOB_CENTER, 6),
             (K.WORKFORCE_BOARD, 4), (K.SCHOOL_DISTRICT, 8), (K.BENEFITS_PLANNING, 4), (K.INDEPENDENT_LIVING, 4),
             (K.FAITH_BASED, 4), (K.LEGAL_AID, 2), (K.EMPLOYER, 14), (K.OTHER, 2))
FUNDER_KINDS = {K.VR_OFFICE: FunderKind.VR, K.DD_WAIVER: FunderKind.MEDICAID_WAIVER,
                K.WORKFORCE_BOARD: FunderKind.WIOA_TITLE_I, K.MENTAL_HEALTH: FunderKind.MENTAL_HEALTH}
SERVICES = (("DISC", "Discovery", BillingUnit.QUARTER_HOUR, "14.25"), ("JD", "Job development", BillingUnit.HOUR,
                                                                      "62.00"),
            ("JC", "Job coaching", BillingUnit.QUARTER_HOUR, "13.50"), ("SE", "Supported employment follow-along",
                                                                       BillingUnit.HOUR, "48.75"))
STAFF_TITLES = ("Job developer", "Employment specialist", "VR counselor", "Support coordinator", "Case manager",
                "Benefits planner", "Job coach", "Transition coordinator", "Program manager", "Intake specialist")


def weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs)
    return rng.choices(values, weights)[0]


@dataclass
class Clock:
    """Creation instants that rise through the load, so the audit log reads in time order."""
    at: datetime
    step: timedelta

    def tick(self) -> datetime:
        self.at += self.step
        return self.at


class Dataset:
    """Draws rows in dependency order and remembers the keys later tables point at."""

    def __init__(self, counts: dict[str, int], *, seed: int, today: date, author_id: uuid.UUID, clock: Clock):
        self.n, self.rng, self.today, self.author, self.clock = counts, random.Random(seed), today, author_id, clock
        self.orgs: list[tuple] = []           # (id, name, kind)
        self.staff_by_org: dict = {}          # org id -> [(staff id, given, family)]
        self.people: list[tuple] = []         # (id, home org id, lead staff id, ref, display name)
        self.funders: list[tuple] = []        # (id, org id, name, [(service id, code, name, unit, rate)])
        self.auth_of: dict = {}               # person id -> (authorization id, service id, rate)
        self.names = [(g, f) for _c, w, gs, fs, _l in CULTURES for g in gs for f in fs for _ in range(w // 4 + 1)]

    def uid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def stamp(self) -> dict:
        at = self.clock.tick()
        return dict(created_at=at, updated_at=at, version=1, archived_at=None)

    def day(self, low: int, high: int) -> date:
        return self.today + timedelta(days=self.rng.randint(low, high))

    # --- the partnership ------------------------------------------------------------------------------
    def organizations(self):
        rng = self.rng
        for n in range(1, self.n["organizations"] + 1):
            kind = K.CRP if n <= 2 else K.VR_OFFICE if n == 3 else weighted(rng, ORG_KINDS)
            town = rng.choice(TOWNS)
            name = f"{town} {kind.label.split(' (')[0]} {n}"
            oid = self.uid()
            self.orgs.append((oid, name, kind))
            yield dict(id=oid, ref=format_reference("OR", n), name=name, kind=kind.value, street=f"{n * 7} Main St",
                       city=town, region="IA", postal_code=f"52{n % 1000:03d}", phone=f"(563) 555-{n:04d}",
                       email=f"office{n}@example.org", website="", notes="", **self.stamp())

    def staff(self):
        rng = self.rng
        for n in range(1, self.n["staff"] + 1):
            oid = self.orgs[(n - 1) % len(self.orgs)][0]
            given, family = rng.choice(self.names)
            sid = self.uid()
            self.staff_by_org.setdefault(oid, []).append((sid, given, family))
            yield dict(id=sid, ref=format_reference("ST", n), organization_id=oid, given_name=given, family_name=family,
                       title=rng.choice(STAFF_TITLES), credentials="", email=f"staff{n}@example.org",
                       phone=f"(563) 555-{n % 10000:04d}", active=True, **self.stamp())

    # --- people ---------------------------------------------------------------------------------------
    def people_rows(self):
        rng = self.rng
        homes = [o for o in self.orgs if o[2] is K.CRP and o[0] in self.staff_by_org] or self.orgs[:1]
        for n in range(1, self.n["people"] + 1):
            given, family = rng.choice(self.names)
            if n % 25 == 0:
                given = rng.choice(EXTRA_GIVEN)
            if n % 20 == 0:
                family = rng.choice(EXTRA_FAMILY)
            home = homes[n % len(homes)][0]
            lead = rng.choice(self.staff_by_org[home])[0]
            stage = weighted(rng, STAGE_WEIGHTS)
            pid, ref = self.uid(), format_reference("PE", n)
            self.people.append((pid, home, lead, ref, f"{given} {family}"))
            person = dict(id=pid, ref=ref, given_name=given, family_name=family, preferred_name="",
                          search_text=fold(" ".join((ref, given, family))),
                          date_of_birth=date(1960 + n % 45, 1 + n % 12, 1 + n % 28),
                          phone=f"(563) 555-{n % 10000:04d}", email=f"person{n}@example.net",
                          street=f"{n % 900 + 100} Oak St", city=rng.choice(TOWNS), region="IA", postal_code="52761",
                          preferred_language="English", representative_authority="none",
                          referral_date=self.day(-700, -30), referral_note="", stage=stage.value,
                          stage_entered_on=self.day(-200, 0), lead_staff_id=lead, home_organization_id=home,
                          **self.stamp())
            # The stage history's first line, as create_person writes it.
            change = dict(id=self.uid(), created_at=person["created_at"], person_id=pid, stage=stage.value,
                          previous_stage=None, entered_on=person["stage_entered_on"], reason="Referred",
                          changed_by_id=self.author, changed_at=person["created_at"])
            yield person, change

    def teams(self):
        """A team per person: its row, then the lead job developer, a VR counselor and a family member."""
        rng, vr = self.rng, [o[0] for o in self.orgs if o[2] is K.VR_OFFICE and o[0] in self.staff_by_org]
        for pid, _home, lead, _ref, name in self.people:
            team = dict(id=self.uid(), person_id=pid, formed_on=self.day(-400, -30), **self.stamp())
            members = [dict(staff_id=lead, support_name="", relationship_to_person="", contact="",
                            role=TeamRole.JOB_DEVELOPER.value)]
            if vr:
                members.append(dict(staff_id=rng.choice(self.staff_by_org[rng.choice(vr)])[0], support_name="",
                                    relationship_to_person="", contact="", role=TeamRole.VR_COUNSELOR.value))
            members.append(dict(staff_id=None, support_name=f"{rng.choice(self.names)[0]} {name.split()[-1]}",
                                relationship_to_person=rng.choice(("Mother", "Father", "Sister", "Aunt", "Friend")),
                                contact="(563) 555-0100", role=TeamRole.FAMILY.value))
            yield team, [dict(id=self.uid(), team_id=team["id"], start_date=team["formed_on"], end_date=None,
                              **m, **self.stamp()) for m in members]

    # --- plans ----------------------------------------------------------------------------------------
    def plan_revisions(self):
        """Revisions spread over people (several each at scale 1), with two goals of one step each."""
        rng, total, people = self.rng, self.n["plan_revisions"], self.people
        for k in range(total):
            pid, home, lead, _ref, name = people[k % len(people)]
            number = k // len(people) + 1
            saved = self.clock.tick()
            rid = self.uid()
            goal_keys = [uuid.UUID(int=(pid.int + g) % (1 << 128)) for g in (1, 2)]   # stable across revisions
            revision = dict(id=rid, created_at=saved, person_id=pid, number=number,
                            vision=f"{name.split()[0]} wants paid work {rng.choice(('mornings', 'near home', 'with animals', 'outdoors'))}.",
                            important_to="Family nearby; a quiet place to work.", important_for="Regular meals; bus route.",
                            gifts_and_strengths="Careful, reliable, good with routines.", supports_natural="Family",
                            supports_paid="Job coach", supports_technology="Phone reminders", supports_community="Church",
                            employers_to_approach=rng.choice(EMPLOYERS), summary=f"Revision {number}",
                            author_id=self.author, saved_at=saved, agreed_on=None,
                            review_due=self.day(-30, 180), signed_on=None, signed_how="", signed_by_name="")
            goals, steps = [], []
            for position, key in enumerate(goal_keys, start=1):
                gid = self.uid()
                goals.append(dict(id=gid, created_at=saved, revision_id=rid, goal_key=key, position=position,
                                  description=rng.choice(("Work 15 hours a week at", "Try a working interview at",
                                                          "Learn the bus route to")) + " " + rng.choice(EMPLOYERS),
                                  criterion="Two weeks in a row", target_date=self.day(30, 200),
                                  status=rng.choice(list(GoalStatus)).value))
                steps.append(dict(id=self.uid(), created_at=saved, goal_id=gid,
                                  step_key=uuid.UUID(int=(key.int + 7) % (1 << 128)), position=1,
                                  description="Visit the employer with the job developer",
                                  owner_kind=StepOwner.ORGANIZATION.value, owner_organization_id=home,
                                  owner_staff_id=lead, owner_name="", due=self.day(-20, 60), done=False))
            yield revision, goals, steps

    # --- tasks ----------------------------------------------------------------------------------------
    def tasks(self):
        rng, orgs = self.rng, [o for o in self.orgs if o[0] in self.staff_by_org]
        for n in range(1, self.n["tasks"] + 1):
            person = rng.choice(self.people) if rng.random() < 0.9 else None
            if person is not None and rng.random() < 0.6:
                org, staff = person[1], person[2]
            else:
                org = rng.choice(orgs)[0]
                staff = rng.choice(self.staff_by_org[org])[0] if rng.random() < 0.9 else None
            status = weighted(rng, STATUS_WEIGHTS)
            first = person[4].split()[0] if person else "the employer"
            title = rng.choice(TASK_TITLES).format(g=first, e=rng.choice(EMPLOYERS), o=rng.choice(self.orgs)[1])
            stamp = self.stamp()
            yield dict(id=self.uid(), ref=format_reference("TK", n), title=title, details="",
                       person_id=person[0] if person else None, organization_id=org, staff_id=staff,
                       due=self.day(-90, 120) if rng.random() < 0.92 else None,
                       priority=weighted(rng, PRIORITY_WEIGHTS).value, status=status.value,
                       created_by_id=self.author,
                       completed_at=stamp["created_at"] + timedelta(days=3) if status is TaskStatus.DONE else None,
                       action_step_key=None, **stamp)

    # --- funding --------------------------------------------------------------------------------------
    def funder_rows(self):
        """(funder, services, rates) for each funding organization (VR, waiver, WIOA, mental health)."""
        payers = [o for o in self.orgs if o[2] in FUNDER_KINDS] or self.orgs[:1]
        for n, (oid, name, kind) in enumerate(payers, start=1):
            fid = self.uid()
            funder = dict(id=fid, ref=format_reference("FU", n), organization_id=oid, program_id=None, name=name,
                          kind=FUNDER_KINDS.get(kind, FunderKind.OTHER).value, unit_rounding="eight_minute",
                          rules="", report_layout="", blended_pool=False, **self.stamp())
            services, rates, kept = [], [], []
            for code, label, unit, rate in SERVICES:
                sid = self.uid()
                services.append(dict(id=sid, funder_id=fid, code=code, name=label, unit=unit.value,
                                     required_credential="", needs_first_payer_proof=False, evidence_required="",
                                     milestone_event="manual", **self.stamp()))
                rates.append(dict(id=self.uid(), created_at=self.clock.tick(), funder_service_id=sid,
                                  rate=Decimal(rate), effective_from=self.today - timedelta(days=900),
                                  effective_to=None))
                kept.append((sid, code, label, unit, Decimal(rate)))
            self.funders.append((fid, oid, name, kept))
            yield funder, services, rates

    def authorizations(self):
        """One active authorization per person, for one hourly or 15-minute service of one funder."""
        rng = self.rng
        for n, (pid, _home, _lead, _ref, _name) in enumerate(self.people, start=1):
            fid, _oid, _name, services = rng.choice(self.funders)
            sid, _code, _label, _unit, rate = rng.choice(services)
            aid = self.uid()
            self.auth_of[pid] = (aid, sid, rate)
            yield dict(id=aid, ref=format_reference("AU", n), person_id=pid, funder_id=fid, funder_service_id=sid,
                       number=f"A{n:07d}", units=Decimal("400.00"), amount=None, rate=rate,
                       starts_on=self.today - timedelta(days=400), ends_on=self.today + timedelta(days=200),
                       status=AuthorizationStatus.ACTIVE.value, requested_on=self.today - timedelta(days=420),
                       follow_up_on=None, letter_attachment_id=None, note="", **self.stamp())

    def service_entries(self):
        rng, people = self.rng, self.people
        for n in range(1, self.n["service_entries"] + 1):
            pid, home, lead, _ref, _name = people[n % len(people)]
            aid, sid, rate = self.auth_of[pid]
            units = Decimal(rng.randint(1, 8))
            start = time(8 + n % 8, 15 * (n % 4))
            yield dict(id=self.uid(), ref=format_reference("SV", n), person_id=pid, funder_service_id=sid,
                       served_on=self.day(-380, 0), starts_at=start, ends_at=None, zone="America/Chicago",
                       units=units, rate=rate, amount=units * rate, provider_organization_id=home, staff_id=lead,
                       case_note_id=None, authorization_id=aid, unauthorized_reason="", flags="", override_by_id=None,
                       override_reason="", override_at=None, invoiced_at=None, corrects_id=None,
                       recorded_by_id=self.author, **self.stamp())

    # --- agreements -----------------------------------------------------------------------------------
    def agreements(self):
        """Drafts: purchase-of-service agreements (a funder and a provider) and individual agreements."""
        rng = self.rng
        providers = [o for o in self.orgs if o[2] is K.CRP] or self.orgs[:1]
        for n in range(1, self.n["agreements"] + 1):
            ref, start = format_reference("AG", n), self.day(-300, 30)
            posa = n % 2 == 1
            if posa:
                fid, f_org, f_name, services = rng.choice(self.funders)
                provider = rng.choice(providers)
                kind, person, prepared = AgreementKind.PURCHASE_OF_SERVICE, None, provider
                parties = [(f_org, None, f_name, "Funder"), (provider[0], None, provider[1], "Provider")]
                title = f"Purchase of customized employment services: {f_name} and {provider[1]}"
            else:
                pid, home, _lead, _pref, name = rng.choice(self.people)
                fid, services, kind = None, [], AgreementKind.INDIVIDUAL
                prepared = next(o for o in self.orgs if o[0] == home)
                person = pid
                parties = [(home, None, prepared[1], "Provider"), (None, pid, name, "Job seeker")]
                title = f"Individual service agreement for {name}"
            aid = self.uid()
            values = dict(person_name=parties[-1][2], effective_from=start.isoformat(), parties=" and ".join(
                p[2] for p in parties), prepared_by=prepared[1], effective_to="the end of the agreement",
                review_on=start.isoformat(), contract_number=f"C-{n:06d}", employment_goal="paid work")
            agreement = dict(id=aid, ref=ref, number=ref, revision=1, previous_id=None, kind=kind.value,
                             status=AgreementStatus.DRAFT.value, title=title, prepared_by_id=prepared[0],
                             person_id=person, funder_id=fid, contract_number=values["contract_number"],
                             effective_from=start, effective_to=start + timedelta(days=365),
                             review_on=start + timedelta(days=300), page_size="letter", large_print=False,
                             finalized_at=None, finalized_by_id=None, document_attachment_id=None,
                             document_sha256="", signed_copy_attachment_id=None, ended_on=None, end_reason="",
                             amendment_reason="", created_by_id=self.author, **self.stamp())
            at = agreement["created_at"]
            party_rows, signatories = [], []
            for position, (org, pid, name, role) in enumerate(parties, start=1):
                party = dict(id=self.uid(), created_at=at, agreement_id=aid, position=position, organization_id=org,
                             person_id=pid, name=name, role=role, contributions="")
                party_rows.append(party)
                signatories.append(dict(id=self.uid(), created_at=at, party_id=party["id"], position=1,
                                        name=name if pid else f"Director of {name}", title="" if pid else "Director",
                                        staff_id=None, is_person=pid is not None, representative_authority="",
                                        signed_on=None))
            sections = [dict(id=self.uid(), created_at=at, agreement_id=aid, position=position, section_key=key,
                             title=agreement_clauses.fill(t, values), body=agreement_clauses.fill(b, values))
                        for position, (key, t, b) in enumerate(agreement_clauses.DEFAULTS[kind], start=1)]
            lines = [dict(id=self.uid(), created_at=at, agreement_id=aid, position=position, funder_service_id=sid,
                          code=code, service=label, unit=unit.label, rate=rate, units=None, amount=None,
                          provided_by="", paid_by="") for position, (sid, code, label, unit, rate) in
                     enumerate(services, start=1)]
            yield agreement, party_rows, signatories, sections, lines
