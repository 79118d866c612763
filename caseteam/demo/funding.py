"""The demo's braided funding: the sample state pack (VR milestones and job coaching, the HCBS waiver's
15-minute supported employment, WIOA Title I training, the school district's Pre-ETS) imported through
the pack importer, then for a handful of people a cost-share plan, authorizations in every status and
the last full month of services with start and stop times.

The people are chosen from the drawn cases by rule (not by chance), so they exist at every demo size that
has such cases; a role with no fitting case is left out. Milestones and invoices are in demo/invoicing.py.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from importlib import resources

from caseteam.domain.funding import FunderKind
from caseteam.domain.notes import ContactKind
from caseteam.domain.people import Stage
from caseteam.domain.teams import TeamRole
from caseteam.services import authorizations, funder_pack, funders, notes, service_entries

from . import catalog

PACK = "sample_state_pack.json"
ZONE = "America/Chicago"
KEYS = {FunderKind.VR: "vr", FunderKind.MEDICAID_WAIVER: "waiver", FunderKind.WIOA_TITLE_I: "wioa",
        FunderKind.SCHOOL_DISTRICT: "school"}
# Staff credentials the funders ask for, from the catalog's letters after each name.
CREDENTIALS = {"ACRE": "ACRE CE certificate", "CESP": "CESP"}
WAIVER_MINUTES = (68, 83, 97, 52, 75)  # 5, 6, 6, 3 and 5 units under the eight-minute rule
FADING_HOURS = ("4", "4", "3.5", "3.5", "3", "3", "2.5", "2.5", "2", "2")


def sample_pack() -> bytes:
    """The sample state configuration pack shipped with the program (format caseteam-funders/1)."""
    return resources.files("caseteam.demo").joinpath("packs", PACK).read_bytes()


def service_month(today: date) -> tuple[date, date]:
    """The last full calendar month before `today`: the month whose services are billed now."""
    last = today.replace(day=1) - timedelta(days=1)
    return last.replace(day=1), last


@dataclass
class Desk:
    """What the funding schedule knows while the timeline runs: the pack's services and the records made."""

    p: object
    first: date
    last: date
    services: dict[str, uuid.UUID] = field(default_factory=dict)  # "vr:JC" -> funder service id
    funder_ids: dict[str, uuid.UUID] = field(default_factory=dict)  # "vr" -> funder id
    auths: dict[tuple[int, str], uuid.UUID] = field(default_factory=dict)  # (case number, name) -> id
    roles: dict[str, object] = field(default_factory=dict)  # role -> the case chosen for it

    def days(self, start: date, end: date, weekdays: tuple[int, ...]) -> list[date]:
        """Service days between two dates (both included) on the given weekdays, never after today."""
        end = min(end, self.p.today)
        return [start + timedelta(days=n) for n in range((end - start).days + 1)
                if (start + timedelta(days=n)).weekday() in weekdays]


def schedule_funding(cases, p, timeline) -> None:
    first, last = service_month(p.today)
    desk = Desk(p, first, last)
    timeline.at(p.setup_day, lambda: _set_up(desk))
    used: set[int] = set()

    def pick(test):
        found = next((c for c in cases if c.number not in used and test(c)), None)
        if found is not None:
            used.add(found.number)
        return found

    special = {p.second_placement, p.paused_case}
    at_work = (Stage.EMPLOYED, Stage.EXTENDED_SUPPORTS)
    # The braided case is the demo job developer's own when she leads one that fits, so signing in as
    # "jobdev" reaches it (a job developer edits only the people she leads or whose team she is on).
    braidable = [lambda c: c.stage in at_work and c.number not in special and _on_waiver(c)
                 and c.entered(Stage.EMPLOYED) <= first - timedelta(days=30),
                 lambda c: c.stage in at_work and c.number not in special
                 and c.entered(Stage.EMPLOYED) <= first - timedelta(days=30)]
    ours = catalog.JOB_DEVELOPERS[0]
    roles = {
        "braided": next((found for found in (
            *(pick(lambda c, t=t: c.lead == ours and t(c)) for t in braidable),
            *(pick(t) for t in braidable)) if found is not None), None),
        "near": pick(lambda c: c.stage is Stage.EMPLOYED and c.number not in special
                     and c.entered(Stage.EMPLOYED) <= last - timedelta(days=14)),
        "youth": pick(lambda c: c.source == "school" and c.stage in (
            Stage.DISCOVERY, Stage.PROFILE, Stage.CE_PLANNING, Stage.JOB_DEVELOPMENT)
            and c.referred_on <= first - timedelta(days=45)),
        "waiting": pick(lambda c: c.stage is Stage.WAITING_AUTHORIZATION
                        and c.entered(Stage.WAITING_AUTHORIZATION) <= p.today - timedelta(days=20)),
        "paused": pick(lambda c: c.stage is Stage.ON_HOLD and c.reached(Stage.DISCOVERY)
                       and c.entered(Stage.DISCOVERY) < c.path[-1][1]),
        "trainee": pick(lambda c: c.source == "ajc" and c.reached(Stage.JOB_DEVELOPMENT) and not c.stage.closed
                        and c.referred_on <= first - timedelta(days=30)),
    }
    desk.roles = {role: case for role, case in roles.items() if case is not None}
    for role, case in desk.roles.items():
        SCHEDULES[role](desk, case, timeline)
    from . import invoicing  # it builds on this module's desk and authorizations

    invoicing.schedule_invoicing(cases, desk, timeline, used)
    # Last on the last day: what ended is marked expired, as the program does each morning.
    timeline.at(p.today, lambda: authorizations.expire_due(p.uow, p.supervisor))


def _on_waiver(case) -> bool:
    return any(role is TeamRole.SUPPORT_COORDINATOR for _, role, _ in case.partners)


def _set_up(desk: Desk) -> None:
    p = desk.p
    funder_pack.import_pack(p.uow, p.supervisor, sample_pack())
    for row in funders.list_funders(p.uow, p.supervisor):
        key = KEYS.get(row.kind)
        if key is None:
            continue
        desk.funder_ids[key] = row.id
        for service in row.services:
            desk.services[f"{key}:{service.code}"] = service.id
    for spec in catalog.STAFF:
        for letters, name in CREDENTIALS.items():
            if letters in spec.credentials.replace(",", " ").split():
                service_entries.add_credential(p.uow, p.supervisor, p.staff_id(spec.key), name=name)
    p.counts["funders"] += len(desk.funder_ids)


# --- building blocks ---------------------------------------------------------------------------------------

def _actor(p, case):
    """The lead once recorded as the person's lead; the program manager before that."""
    person = p.uow.people.get(case.person_id)
    return p.actors[case.lead] if person.lead_staff_id == p.staff_id(case.lead) else p.supervisor


def _authorize(desk: Desk, timeline, case, name: str, service: str, *, asked: date, received: date | None,
               starts: date, ends: date, number: str, units=None, amount=None, note: str = "") -> None:
    """Requested on `asked` (chased two weeks later) and, when `received` is given, the letter that day."""
    p = desk.p

    def ask():
        row, _ = authorizations.request_authorization(
            p.uow, _actor(p, case), case.person_id, desk.funder_ids[service.split(":")[0]], desk.services[service],
            starts_on=starts, ends_on=ends, units=units, amount=amount, requested_on=asked, note=note)
        desk.auths[(case.number, name)] = row.id
        p.counts["authorizations"] += 1
    timeline.at(max(asked, case.referred_on), ask)
    if received is not None and received <= p.today:
        timeline.at(max(received, case.referred_on), lambda: authorizations.record_received(
            p.uow, _actor(p, case), desk.auths[(case.number, name)], number=number))


def _serve(desk: Desk, timeline, case, service: str, day: date, starts: time, minutes: int, staff: str, *,
           note: str = "", units=None, drawn_on: str = "") -> None:
    """Service delivered on `day`; with a note, written up and signed first and the entry takes its times.
    `drawn_on` names the authorization the entry is recorded against (else the one covering the day)."""
    p = desk.p
    ends = _plus(starts, minutes)

    def record():
        actor = _actor(p, case)
        times = dict(starts_at=starts, ends_at=ends, zone=ZONE) if units is None else {}
        if note:
            row, _ = notes.save_draft(p.uow, actor, case.person_id, kind=ContactKind.JOB_COACHING, held_on=day,
                                      billable=True, body=note, place="At work", **times)
            times = dict(case_note_id=notes.sign_note(p.uow, actor, row.id)[0].id)
            p.counts["case_notes"] += 1
        service_entries.record_service(
            p.uow, actor, case.person_id, funder_service_id=desk.services[service], served_on=day, units=units,
            provider_organization_id=p.org_id("crp"), staff_id=p.staff_id(staff),
            authorization_id=desk.auths[(case.number, drawn_on)] if drawn_on else None, **times)
        p.counts["service_entries"] += 1
    timeline.at(day, record)


def _plus(start: time, minutes: int) -> time:
    total = start.hour * 60 + start.minute + minutes
    return time(total // 60, total % 60)


def _certified(case) -> str:
    """Who delivers waiver supported employment: the lead when certified, else a certified colleague."""
    return case.lead if "ACRE" in catalog.STAFF_BY_KEY[case.lead].credentials else "khadija"


def _number(prefix: str, case, day: date, n: int = 1) -> str:
    return f"{prefix}-{day.year}-{case.number:04d}-{n}"


# --- the people --------------------------------------------------------------------------------------------

def _braided(desk: Desk, case, timeline) -> None:
    """VR pays Discovery, placement and job coaching until a switch date in the month; from then the waiver
    pays long-term supports (a plan year of about 500 units, amended). VR's last hours are used up; the
    waiver's entries wait for the first-payer proof, and one by an uncertified coach stays flagged."""
    p, first = desk.p, desk.first
    switch = first + timedelta(days=12)
    hired = case.entered(Stage.EMPLOYED)
    began = case.entered(Stage.DISCOVERY) or case.referred_on
    staff = _certified(case)
    vr_days = desk.days(first, switch - timedelta(days=1), (0, 2, 4))
    waiver_days = desk.days(switch, desk.last, (0, 2, 4))
    timeline.at(first - timedelta(days=20), lambda: funders.set_cost_share(p.uow, p.supervisor, case.person_id, [
        (desk.services["vr:CE-DISC"], "Discovery", 1, began, hired - timedelta(days=1), "VR milestone, own PO"),
        (desk.services["vr:CE-PLC"], "Job placement", 1, hired - timedelta(days=60), None, "VR milestone, own PO"),
        (desk.services["vr:JC"], "Job coaching and supports", 1, hired, switch - timedelta(days=1),
         "VR supported employment until the waiver's extended services begin"),
        (desk.services["waiver:T2019"], "Job coaching and supports", 1, switch, None,
         "Long-term supports under the waiver service plan")]))
    _authorize(desk, timeline, case, "vr-jc", "vr:JC", asked=first - timedelta(days=24),
               received=first - timedelta(days=17), starts=first, ends=desk.last, number=_number("PO", case, first, 7),
               units=Decimal("1.50") * len(vr_days) or Decimal("1.50"), note="Last VR job coaching before the waiver")
    _authorize(desk, timeline, case, "waiver", "waiver:T2019", asked=switch - timedelta(days=30),
               received=switch - timedelta(days=9), starts=switch, ends=switch + timedelta(days=364),
               number=_number("SA", case, switch), units=480, note="Service plan year: supported employment")
    amended = switch + timedelta(days=4)
    if amended <= p.today:
        timeline.at(amended, lambda: authorizations.amend_authorization(
            p.uow, _actor(p, case), desk.auths[(case.number, "waiver")], amended_on=amended, units=520,
            reason="Service plan revised at the team meeting: more job-site hours while the duties change"))
    for day in vr_days:
        _serve(desk, timeline, case, "vr:JC", day, time(9, 0), 90, staff)
    for n, day in enumerate(waiver_days):
        note = (f"Job coaching at work: {case.first} worked through the task list; coach faded to the break room "
                "for the last half hour." if day.weekday() == 2 else "")
        _serve(desk, timeline, case, "waiver:T2019", day, time(13, 0), WAIVER_MINUTES[n % len(WAIVER_MINUTES)],
               "coach_andre" if n == 1 else staff, note=note)
    proof = switch + timedelta(days=8)
    if proof <= p.today:
        timeline.at(proof, lambda: service_entries.add_proof(
            p.uow, _actor(p, case), case.person_id, desk.services["waiver:T2019"], dated=switch - timedelta(days=2),
            issued_by=f"{p.org_name('vr')}: closure letter, extended services to the waiver"))


def _near(desk: Desk, case, timeline) -> None:
    """VR job coaching that fades after the hire; the authorization is about 88% used by the month's end."""
    hired = case.entered(Stage.EMPLOYED)
    days = desk.days(max(hired, desk.first), desk.last, (1, 3))
    hours = [Decimal(FADING_HOURS[min(n, len(FADING_HOURS) - 1)]) for n in range(len(days))]
    total = sum(hours, Decimal(0))
    given = max(total + 1, (total / Decimal("0.88")).quantize(Decimal(1), ROUND_HALF_UP))
    starts = min(hired, desk.first)
    _authorize(desk, timeline, case, "vr-jc", "vr:JC", asked=starts - timedelta(days=21),
               received=starts - timedelta(days=6), starts=starts, ends=starts + timedelta(days=120),
               number=_number("PO", case, starts, 5), units=given, note="Job coaching after the hire, fading")
    for day, h in zip(days, hours):
        _serve(desk, timeline, case, "vr:JC", day, time(8, 0), int(h * 60), case.lead)


def _youth(desk: Desk, case, timeline) -> None:
    """A transition student's work-based learning, paid by the school district by term: the term's
    authorization ended mid-month, the hours went on (unauthorized, one overridden), a renewal is asked."""
    p = desk.p
    starts = max(desk.first - timedelta(days=28), case.referred_on + timedelta(days=14))
    ends = desk.first + timedelta(days=15)
    timeline.at(starts - timedelta(days=10), lambda: funders.set_cost_share(p.uow, p.supervisor, case.person_id, [
        (desk.services["school:WBL"], "Work-based learning", 1, starts, None, "Pre-ETS through the IEP"),
        (desk.services["school:JEC"], "Job exploration counseling", 1, starts, None, "Pre-ETS through the IEP")]))
    _authorize(desk, timeline, case, "wbl", "school:WBL", asked=starts - timedelta(days=12),
               received=starts - timedelta(days=3), starts=starts, ends=ends, number=_number("PRE", case, starts),
               units=30, note="Work-based learning, first term")
    renewal = ends + timedelta(days=3)
    if renewal <= p.today:
        _authorize(desk, timeline, case, "wbl-renewal", "school:WBL", asked=renewal, received=None,
                   starts=ends + timedelta(days=1), ends=ends + timedelta(days=75), number="", units=30,
                   note="Work-based learning, second term")
    days = desk.days(desk.first, desk.last, (1, 3))
    for day in days:
        _serve(desk, timeline, case, "school:WBL", day, time(12, 30), 120, case.lead, drawn_on="wbl")
    after = [d for d in days if d > ends]
    if after:
        overridden = after[0]

        def override():
            found = service_entries.list_entries(p.uow, p.supervisor, case.person_id, overridden, overridden)
            service_entries.override(p.uow, p.supervisor, found.entries[0].id,
                                     "The district's transition coordinator agreed in writing (e-mail) to pay "
                                     "this host-site day while the second-term letter is prepared.")
        timeline.at(min(p.today, overridden + timedelta(days=5)), override)


def _waiting(desk: Desk, case, timeline) -> None:
    """Discovery asked of VR, never chased: the follow-up date has passed."""
    asked = case.entered(Stage.WAITING_AUTHORIZATION) + timedelta(days=1)
    _authorize(desk, timeline, case, "disc", "vr:CE-DISC", asked=asked, received=None,
               starts=asked + timedelta(days=7), ends=asked + timedelta(days=127), number="", units=1,
               note="Discovery milestone")


def _paused(desk: Desk, case, timeline) -> None:
    """Discovery authorized, then cancelled when the person put services on hold."""
    p = desk.p
    began, held = case.entered(Stage.DISCOVERY), case.path[-1][1]
    _authorize(desk, timeline, case, "disc", "vr:CE-DISC", asked=began - timedelta(days=12),
               received=began - timedelta(days=2), starts=began, ends=began + timedelta(days=120),
               number=_number("PO", case, began), units=1, note="Discovery milestone")
    timeline.at(held, lambda: authorizations.cancel_authorization(
        p.uow, _actor(p, case), desk.auths[(case.number, "disc")],
        reason=f"{case.first} asked to pause services; the VR counselor cancelled the PO and will issue a new "
               "one when services restart."))


def _trainee(desk: Desk, case, timeline) -> None:
    """WIOA Title I pays a forklift certificate (one item, used up) and job coaching during the training."""
    start = desk.first + timedelta(days=(7 - desk.first.weekday()) % 7)  # the month's first Monday
    days = desk.days(start, start + timedelta(days=4), (0, 2, 4))
    if not days:
        return
    _authorize(desk, timeline, case, "ita", "wioa:ITA", asked=start - timedelta(days=30),
               received=start - timedelta(days=16), starts=start - timedelta(days=7), ends=start + timedelta(days=60),
               number=_number("ITA", case, start), units=1, amount="475.00",
               note="Individual Training Account: forklift and warehouse safety")
    _authorize(desk, timeline, case, "trn-jc", "wioa:TRN-JC", asked=start - timedelta(days=30),
               received=start - timedelta(days=16), starts=start - timedelta(days=7), ends=start + timedelta(days=60),
               number=_number("ITA", case, start, 2), units=12, note="Job coaching during the training")
    for day in days:
        _serve(desk, timeline, case, "wioa:TRN-JC", day, time(8, 30), 120, case.lead)
    _serve(desk, timeline, case, "wioa:ITA", days[-1], time(8, 30), 0, case.lead, units=1)


SCHEDULES = {"braided": _braided, "near": _near, "youth": _youth, "waiting": _waiting, "paused": _paused,
             "trainee": _trainee}
