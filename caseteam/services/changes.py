"""What kinds of data a service changed, so each view refreshes only what it shows."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Changes:
    people: bool = False
    organizations: bool = False
    staff: bool = False
    teams: bool = False
    discovery: bool = False
    profiles: bool = False
    plans: bool = False
    tasks: bool = False
    users: bool = False
    consent: bool = False  # releases of information and the disclosure log
    notes: bool = False  # case notes
    employers: bool = False  # the employer pipeline: profiles, contacts, unmet needs
    jobs: bool = False  # negotiations, disclosure decisions, agency plans, jobs and follow-along, pay stubs
    ventures: bool = False  # self-employment
    incidents: bool = False  # critical-incident reports
    portfolio: bool = False  # visual résumé items
    funding: bool = False  # funders, fee schedules, authorizations, cost-share plans, service entries
    agreements: bool = False  # MOUs, purchase-of-service and individual service agreements
    meetings: bool = False  # meetings, their series, agenda, minutes, decisions and action items
    partnerships: bool = False  # partnerships, representatives, strategic plans, life domains, support needs
    training: bool = False  # courses, training sessions and partner briefings, attendance, credentials
    referrals: bool = False  # closed-loop referrals and their status history
    glossary: bool = False  # the shared glossary's terms and partner synonyms
    presence: bool = False  # how partners engage at the One-Stop and when they are in the building
    handovers: bool = False  # staff handovers and their undo

    def __or__(self, other: Changes) -> Changes:
        return Changes(**{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)})

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))


NOTHING = Changes()
