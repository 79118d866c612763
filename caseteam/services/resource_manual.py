"""The resource manual: the partner directory as partners hand it to each other. Per organization whether
it runs a mandated One-Stop partner program, each program's services, eligibility, funding and life
domains, and the contacts (active staff with a phone or email). Filtered by organization kind, service
text (name, services or eligibility, ignoring case and accents) and life domain; printed as a PDF and
exported as CSV."""

from __future__ import annotations

from dataclasses import dataclass

from caseteam.documents.partnership_views import (ManualContactView, ManualEntryView, ManualProgramView,
                                                  ResourceManualView)
from caseteam.domain.organizations import OrganizationKind
from caseteam.domain.partnerships import LifeDomain
from caseteam.domain.text import fold
from caseteam.storage.queries import partnerships as queries

from .actors import Actor
from .life_domains import domain_of, program_domains
from .presence import presence_of
from .table_export import Table, to_csv

MANUAL_TITLE = "Resource manual"


@dataclass(frozen=True)
class ManualFilter:
    kind: OrganizationKind | None = None
    service: str = ""            # words found in a program's name, services or eligibility
    domain: LifeDomain | None = None

    def words(self) -> str:
        parts = [self.kind.label if self.kind else "",
                 f'services matching "{self.service.strip()}"' if self.service.strip() else "",
                 f"serving {self.domain.label.lower()}" if self.domain else ""]
        return "; ".join(p for p in parts if p) or "All partners"


def manual_entries(uow, actor: Actor, flt: ManualFilter = ManualFilter()) -> list[ManualEntryView]:
    """Organizations with at least one program that passes the filter (all of them without one); a
    program or service filter keeps only the matching programs under each organization."""
    orgs = queries.manual(uow.session, kind=OrganizationKind(flt.kind) if flt.kind else None)
    programs = [p for o in orgs for p in o.programs if p.archived_at is None]
    domains = program_domains(uow, actor, [p.id for p in programs])
    times = presence_of(uow, [o.id for o in orgs])
    key = fold(flt.service or "")
    wanted = domain_of(flt.domain) if flt.domain else None
    entries = []
    for org in orgs:
        shown = []
        for p in org.programs:
            if p.archived_at is not None:
                continue
            tags = domains.get(p.id, ())
            if key and not any(key in fold(t) for t in (p.name, p.services, p.eligibility)):
                continue
            if wanted is not None and wanted not in tags:
                continue
            shown.append(ManualProgramView(p.name, p.services, p.eligibility, p.funding_stream, p.mandated_partner,
                                           tuple(d.label for d in tags)))
        if (key or wanted is not None) and not shown:
            continue
        contacts = tuple(ManualContactView(s.name, s.title, s.phone, s.email) for s in org.staff
                         if s.active and s.archived_at is None and (s.phone or s.email))
        address = ", ".join(x for x in (org.street, org.city, " ".join(filter(None, (org.region, org.postal_code))))
                            if x)
        entries.append(ManualEntryView(org.id, org.ref, org.name, org.kind.label, any(p.mandated for p in shown),
                                       address, org.phone, org.email, org.website, tuple(shown), contacts,
                                       org.engagement.label, tuple(t.words for t in times.get(org.id, ()))))
    return entries


def manual_view(uow, actor: Actor, flt: ManualFilter = ManualFilter(), *, demo: bool = False) -> ResourceManualView:
    return ResourceManualView(MANUAL_TITLE, flt.words(), uow.today(), tuple(manual_entries(uow, actor, flt)), demo)


def manual_csv(view: ResourceManualView) -> bytes:
    rows = []
    for e in view.entries:
        contacts = "; ".join(" ".join(filter(None, (c.name, f"({c.title})" if c.title else "", c.phone, c.email)))
                             for c in e.contacts)
        for p in e.programs or (None,):
            rows.append([e.ref, e.name, e.kind, e.mandated, p.name if p else "", p.mandated if p else "",
                         p.services if p else "", p.eligibility if p else "", p.funding if p else "",
                         "; ".join(p.domains) if p else "", e.phone, e.email, e.website, e.address, contacts,
                         e.engagement, "; ".join(e.schedule)])
    table = Table("Resource manual", ("Reference", "Organization", "Kind", "Mandated One-Stop partner", "Program",
                                      "Mandated program", "Services", "Eligibility", "Funding", "Life domains",
                                      "Phone", "Email", "Website", "Address", "Contacts", "Presence at the One-Stop",
                                      "Times in the building"), rows)
    return to_csv([(f"{view.title}: {view.scope}", table)])


def record_export(uow, actor: Actor, view: ResourceManualView, fmt: str) -> None:
    """The manual names staff and agencies, no job seeker; the export is still logged like any other."""
    uow.audit.record(actor, ("resource_manual", "export"), "exported",
                     changes={"format": fmt, "filter": view.scope, "organizations": len(view.entries)})


