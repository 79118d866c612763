"""The demo's service agreements, one of every kind and status, written through the agreement services on
the demo clock: the WIOA one-stop MOU (signed, with its scanned copy), the source report's MOU between the
workforce board and Riverbend (signed, ending within 60 days), its MOU between the American Job Center and VR
(signed, then amended: version 1 superseded, version 2 final and waiting for VR's signature), VR's purchase
of service agreement for Customized Employment (last fiscal year's expired, this year's signed with its
scan), a terminated and two draft partnership agreements, and a few people's individual service agreements.

Dates are counted back from the demo's today (never before the partners are entered), and the people are
chosen by rule from the drawn cases, so no random value is drawn here and every demo size gets the same
shape. A person's agreement is made only when a release on the day lets Bridgeway share with VR.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Callable

from caseteam.domain.agreements import AgreementKind as Kind
from caseteam.domain.consent import InformationCategory
from caseteam.domain.funding import FunderKind
from caseteam.domain.people import RepresentativeAuthority, Stage
from caseteam.services import agreement_templates, agreements, consent, funders

from . import catalog
from .invoicing import _same_bytes

MOST_INDIVIDUAL = 4  # people with an individual agreement, at most
# What a person's agreement tells its partners (the plan, the services and who pays): a release must cover it.
SHARED = frozenset({InformationCategory.PLAN, InformationCategory.EMPLOYMENT})
VR_CE_LINES = ("CE-DISC", "CE-VP", "CE-CEP", "CE-PLC")  # Discovery to placement, for a person with no cost share


@dataclass
class Story:
    """One agreement's life: `draft(p, day)` gives create_draft's arguments; `steps` are (days before today,
    step name, argument), played in order; `sections` replace default section bodies by key in the draft."""

    draft: Callable[[object, date], dict | None]
    steps: tuple[tuple[int, str, object], ...]
    sections: dict[str, str] = field(default_factory=dict)
    state: dict = field(default_factory=dict)


def schedule_agreements(cases, p, timeline) -> None:
    timeline.at(p.setup_day + timedelta(days=1), lambda: _letterhead(p))
    for story in (*_partnership_stories(p.today), *_individual_stories(cases, p)):
        _play(p, timeline, story)
    # Last on the last day: what ended is marked expired, as the program does each morning.
    timeline.at(p.today, lambda: agreements.expire_due(p.uow, p.supervisor))


def _letterhead(p) -> None:
    """Bridgeway heads its agreements with its own letterhead; the others print their directory entry."""
    spec = catalog.ORG_BY_KEY["crp"]
    agreement_templates.save_letterhead(
        p.uow, p.supervisor, p.org_id("crp"), name=spec.name, phone=catalog.phone(spec.phone_line),
        address=f"{spec.street}, {spec.city}, {catalog.REGION} {spec.postal_code}")


def _play(p, timeline, story: Story) -> None:
    for days, step, arg in story.steps:
        day = max(p.setup_day + timedelta(days=1), p.today - timedelta(days=days))
        timeline.at(day, lambda step=step, arg=arg, day=day: STEPS[step](p, story, day, arg))


# --- the steps -----------------------------------------------------------------------------------------------

def _draft(p, story: Story, day: date, _arg) -> None:
    values = story.draft(p, day)
    if values is None:  # no release covers the parties: this person's agreement is left out
        return
    lines = values.pop("service_lines", None)
    row, _ = agreements.create_draft(p.uow, p.supervisor, **values)
    changes = {}
    if story.sections:
        changes["sections"] = [(s.section_key, s.title, story.sections.get(s.section_key, s.body))
                               for s in row.sections]
    if lines is not None and not row.service_lines:
        changes["service_lines"] = lines
    if changes:
        agreements.update_draft(p.uow, p.supervisor, row.id, **changes)
    story.state["id"] = row.id
    p.counts["agreements"] += 1


def _finalize(p, story: Story, day: date, _arg) -> None:
    with _same_bytes():  # the kept PDF comes out the same for the same seed and day
        agreements.finalize(p.uow, p.supervisor, story.state["id"])


def _sign(p, story: Story, day: date, how_many) -> None:
    """Every signatory signs on `day`, or only the first `how_many` (the others have not yet)."""
    row = agreements.get_agreement(p.uow, p.supervisor, story.state["id"])
    signers = [s for party in row.parties for s in party.signatories]
    for s in signers[:how_many]:
        agreements.record_signature(p.uow, p.supervisor, row.id, s.id, day)


def _scan(p, story: Story, day: date, _arg) -> None:
    row = agreements.get_agreement(p.uow, p.supervisor, story.state["id"])
    with _same_bytes():
        data = scanned_copy(row.ref, row.title, day)
    agreements.attach_signed_copy(p.uow, p.supervisor, row.id, f"{row.ref} signed.pdf", data)


def _amend(p, story: Story, day: date, arg) -> None:
    reason, sections = arg
    row, _ = agreements.amend(p.uow, p.supervisor, story.state["id"], reason)
    agreements.update_draft(p.uow, p.supervisor, row.id, sections=[
        (s.section_key, s.title, sections.get(s.section_key, s.body)) for s in row.sections])
    story.state["id"] = row.id
    p.counts["agreements"] += 1


def _terminate(p, story: Story, day: date, reason: str) -> None:
    agreements.terminate(p.uow, p.supervisor, story.state["id"], ended_on=day, reason=reason)


def _only_if_drafted(step):
    def run(p, story: Story, day: date, arg) -> None:
        if "id" in story.state:
            step(p, story, day, arg)
    return run


STEPS = {name: _only_if_drafted(step) for name, step in (
    ("final", _finalize), ("sign", _sign), ("scan", _scan), ("amend", _amend), ("terminate", _terminate))}
STEPS["draft"] = _draft
ALL = None  # _sign: every signatory


def scanned_copy(ref: str, title: str, signed_on: date) -> bytes:
    """A one-page PDF standing in for the scan of the signed paper (the demo has no scanner)."""
    from reportlab.lib.pagesizes import LETTER
    from reportlab.pdfgen.canvas import Canvas

    from caseteam.documents.styles import register_fonts

    font = register_fonts()
    out = io.BytesIO()
    page = Canvas(out, pagesize=LETTER, initialFontName=font, initialFontSize=12)
    page.setTitle(f"{ref} signed copy")
    page.setFont(font, 16)
    page.drawString(72, 700, "Signed copy (demo scan)")
    page.setFont(font, 11)
    page.drawString(72, 676, f"{ref}: {title}"[:95])
    page.drawString(72, 658, f"Signatures collected by {signed_on:%B} {signed_on.day}, {signed_on.year}")
    page.showPage()
    page.save()
    return out.getvalue()


# --- partnership agreements ------------------------------------------------------------------------------------

def _signer(p, who) -> tuple:
    """A catalog staff key, or (name, title) for someone who signs but is not in the directory."""
    if isinstance(who, str):
        return (p.staff_name(who), catalog.STAFF_BY_KEY[who].title, p.staff_id(who), False)
    return (*who, None, False)


def _partnership(kind: Kind, title: str, prepared_by: str, parties, starts: date, ends: date, *,
                 funder: FunderKind | None = None, contract: str = "", review: date | None = None):
    """create_draft's arguments, worked out on the day (the organizations exist by then)."""
    def values(p, day):
        funder_id = None if funder is None else next(
            f.id for f in funders.list_funders(p.uow, p.supervisor) if f.kind is funder)
        return dict(kind=kind, title=title, prepared_by_id=p.org_id(prepared_by), funder_id=funder_id,
                    contract_number=contract, effective_from=starts, effective_to=ends, review_on=review,
                    parties=[(p.org_id(org), role, [_signer(p, w) for w in signers], gives)
                             for org, role, signers, gives in parties])
    return values


def _shift(day: date, years: int) -> date:
    """The same date `years` later (or earlier); February 29 becomes the 28th in a common year."""
    return day.replace(year=day.year + years, day=min(day.day, 28) if (day.month, day.day) == (2, 29) else day.day)


def _years(day: date, years: int) -> date:
    """The last day of a term of whole years starting on `day`."""
    return _shift(day, years) - timedelta(days=1)


def _partnership_stories(today: date) -> list[Story]:
    fy = date(today.year if today.month >= 7 else today.year - 1, 7, 1)  # the state fiscal year began
    wioa_from = _shift(fy, -1)
    posa_title = "Customized Employment services (Discovery to stabilization), state fiscal year {}"
    ce_special = ("Customized Employment follows the state's CE practice standards: Discovery is led by staff "
                  "holding an ACRE or CESP credential, and the vocational profile is reviewed with the VR "
                  "counselor within 30 days of Discovery.")
    board, riverbend_ends = ("Lorraine Whitaker", "Executive Director"), today + timedelta(days=45)
    return [
        Story(_partnership(
            Kind.WIOA_MOU, "Tri-County one-stop delivery system memorandum of understanding", "wdb",
            [("wdb", "Local workforce development board", [board], "Convenes the partners; Disability Advisory "
              "Council; labor-market information"),
             ("ajc", "One-stop operator (WIOA Title I and Wagner-Peyser)", [("Carmen Díaz", "One-Stop Operator "
              "Director")], "Career services, training accounts, the resource room with assistive technology"),
             ("vr", "Required partner (Rehabilitation Act Title I)", ["vr_wendell"], "VR services on site "
              "Tuesdays and Thursdays; Pre-Employment Transition Services"),
             ("school", "Required partner (Perkins career and technical education)", ["tc_emily"],
              "Career academy pathways open to one-stop customers"),
             ("now", "Required partner (YouthBuild)", ["now_jerome"], "YouthBuild Eastport enrollment at the "
              "one-stop")], wioa_from, _years(wioa_from, 3), review=_years(wioa_from, 3)),
            steps=((330, "draft", None), (322, "final", None), (310, "sign", ALL), (305, "scan", None))),
        Story(_partnership(
            Kind.MOU, "Employment services for people with serious mental illness", "wdb",
            [("wdb", "Workforce development board", [board], "One-stop career services; training accounts"),
             ("mh", "Mental-health provider", ["ips_phil", ("Dr. Anita Raman", "Chief Executive Officer")],
              "IPS supported employment; case management; benefits counseling referrals")],
            _shift(riverbend_ends, -2) + timedelta(days=1), riverbend_ends),
            steps=((300, "draft", None), (296, "final", None), (290, "sign", ALL))),
        Story(_partnership(
            Kind.MOU, "American Job Center and Vocational Rehabilitation: shared customers and referrals", "ajc",
            [("ajc", "American Job Center (One-Stop)", [("Carmen Díaz", "One-Stop Operator Director")],
              "Resource room, workshops, job listings; a VR desk in the center"),
             ("vr", "Vocational rehabilitation agency", ["vr_wendell"], "Counselor hours at the center; VR "
              "referrals of job-ready customers")], wioa_from, _years(wioa_from, 2)),
            steps=((280, "draft", None), (276, "final", None), (270, "sign", ALL),
                   (40, "amend", ("VR moved its counselor hours at the center and named a new referral contact.",
                                  {"referral": "The American Job Center refers customers who disclose a disability "
                                   "and want VR services to the VR counselor on site (Tuesdays and Thursdays, "
                                   "9:00-4:00) with the person's written consent; VR answers within five "
                                   "business days."})),
                   (35, "final", None), (33, "sign", 1))),
        Story(_partnership(
            Kind.PURCHASE_OF_SERVICE, posa_title.format(fy.year), "vr",
            [("vr", "Funder", ["vr_wendell"], ""), ("crp", "Provider", [catalog.SUPERVISOR], "")],
            _shift(fy, -1), fy - timedelta(days=1), funder=FunderKind.VR,
            contract=f"VR-CE-{fy.year}-009"),
            steps=((400, "draft", None), (395, "final", None), (390, "sign", ALL)), sections={"special": ce_special}),
        Story(_partnership(
            Kind.PURCHASE_OF_SERVICE, posa_title.format(fy.year + 1), "vr",
            [("vr", "Funder", ["vr_wendell"], ""), ("crp", "Provider", [catalog.SUPERVISOR], "")],
            fy, _years(fy, 1), funder=FunderKind.VR, contract=f"VR-CE-{fy.year + 1}-014"),
            steps=((140, "draft", None), (130, "final", None), (124, "sign", ALL), (122, "scan", None)),
            sections={"special": ce_special}),
        Story(_partnership(
            Kind.MOU, "Overflow referrals for customized employment", "crp",
            [("crp", "Provider", [catalog.SUPERVISOR], "Takes referrals back when its waitlist clears"),
             ("now", "Overflow provider", ["now_jerome"], "Customized employment team for VR referrals")],
            wioa_from, _years(wioa_from, 2)),
            steps=((260, "draft", None), (255, "final", None), (250, "sign", ALL),
                   (60, "terminate", "Northside closed its customized employment team when its VR vendor "
                                     "agreement ended; its referrals return to Bridgeway's waitlist."))),
        Story(_partnership(
            Kind.MOU, "Benefits overpayment and record-clearing referrals", "crp",
            [("crp", "Provider", [catalog.SUPERVISOR], "Refers people with an SSA overpayment notice"),
             ("legal", "Legal aid", ["legal_maria"], "Overpayment appeals; the expungement clinic")],
            today, _years(today, 1)), steps=((10, "draft", None),)),
        Story(_partnership(
            Kind.PURCHASE_OF_SERVICE, "Supported employment – extended services under the HCBS waiver", "dd",
            [("dd", "Funder (waiver support coordination)", [("Joan Whitcomb", "Waiver Program Administrator")],
              ""), ("crp", "Provider", [catalog.SUPERVISOR], "")],
            today, _years(today, 1), funder=FunderKind.MEDICAID_WAIVER), steps=((5, "draft", None),)),
    ]


# --- individual service agreements -----------------------------------------------------------------------------

def _individual_stories(cases, p) -> list[Story]:
    """The guardian's case (signed by the guardian), then the earliest planned open cases: signed, final
    and waiting for signatures, a draft."""
    open_planned = [c for c in cases if not c.stage.closed and c.stage is not Stage.ON_HOLD
                    and c.entered(Stage.CE_PLANNING) is not None
                    and c.entered(Stage.CE_PLANNING) <= p.today - timedelta(days=14)]
    chosen = sorted(open_planned, key=lambda c: (not c.guardian, c.number))[:MOST_INDIVIDUAL]
    plain = iter((((8, "final", None), (5, "sign", ALL)), ((3, "final", None),), ()))
    stories = []
    for case in chosen:
        later = ((8, "final", None), (5, "sign", ALL)) if case.guardian else next(plain, ())
        stories.append(Story(_individual(case), steps=((12, "draft", None), *later)))
    return stories


def _individual(case):
    def values(p, day):
        vr = p.org_id("vr")
        if not SHARED <= consent.covered_categories(p.uow, case.person_id, vr, day):
            return None
        if case.guardian:
            signs = (case.guardian[0], case.guardian[1], None, True, RepresentativeAuthority.GUARDIAN.label)
        else:
            signs = (f"{case.given} {case.family}", "", None, True)
        counselor = case.counselor
        if counselor == catalog.DEPARTING_COUNSELOR and day >= p.counselor_leaves_on:
            counselor = catalog.REPLACEMENT_COUNSELOR.key
        return dict(kind=Kind.INDIVIDUAL, title=f"Individual service agreement: {case.given} {case.family}",
                    prepared_by_id=p.org_id("crp"), person_id=case.person_id, effective_from=day,
                    effective_to=_years(day, 1), review_on=day + timedelta(days=90), service_lines=_vr_lines(p, day),
                    parties=[(case.person_id, "Job seeker", [signs]),
                             (p.org_id("crp"), "Home provider", [_signer(p, case.lead)]),
                             (vr, "Funder (VR)", [_signer(p, counselor)])])
    return values


def _vr_lines(p, day: date) -> list[dict]:
    """VR's Customized Employment milestones, one each, for a person with no cost-share plan yet."""
    vr = next(f for f in funders.list_funders(p.uow, p.supervisor) if f.kind is FunderKind.VR)
    lines = []
    for code in VR_CE_LINES:
        service = next(s for s in vr.services if s.code == code)
        rate = funders.rate_on(p.uow, service.id, day)
        lines.append(dict(funder_service_id=service.id, code=code, service=service.name, unit=service.unit.label,
                          rate=rate, units=1, amount=rate, provided_by=p.org_name("crp"), paid_by=p.org_name("vr")))
    return lines
